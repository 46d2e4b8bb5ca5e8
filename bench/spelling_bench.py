"""Spelling benchmark: a 20,000-word story fully checked after opening, and keystrokes with
checking on beside checking off.

    QT_QPA_PLATFORM=offscreen python bench/spelling_bench.py [--words 20000] [--runs 5]

The story is English: words drawn from the system's en_GB Hunspell word list, one in a
hundred misspelt (two letters swapped), in paragraphs with a figure shortcode, a link and a
code span now and then. "Fully checked" runs from creating the story's editor (its text set,
the Markdown highlighted) to the last wavy underline placed and the findings in Checks; the
same opening with checking off is timed in the same run, alternating. Keystrokes are sent to
the body one at a time, the event queue drained after each, at a fast typist's pace, with
checking on and off alternating run by run. Targets: checked within 300 ms of opening,
keystrokes under 16 ms at the 95th percentile with checking on.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path


def english_body(words: int, seed: int = 11) -> str:
    """A story of real words from the en_GB dictionary, with 1 in 100 misspelt."""
    dic = Path("/usr/share/hunspell/en_GB.dic")
    vocabulary = [
        line.split("/")[0]
        for line in dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
        if line and line[0].islower() and line.split("/")[0].isalpha()
    ]
    rng = random.Random(seed)
    common = rng.sample(vocabulary, 4000)
    out: list[str] = []
    count = 0
    paragraph: list[str] = []
    while count < words:
        sentence = []
        for _ in range(rng.randint(8, 22)):
            word = rng.choice(common)
            if rng.random() < 0.01 and len(word) > 3:
                i = rng.randrange(len(word) - 1)
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            sentence.append(word)
        count += len(sentence)
        text = " ".join(sentence)
        paragraph.append(text[0].upper() + text[1:] + ".")
        if len(paragraph) == 5:
            extra = rng.random()
            if extra < 0.1:
                paragraph.append("See [the report](https://example.org/report-2026) and `x = 3`.")
            out.append(" ".join(paragraph))
            if extra > 0.95:
                out.append('{{< figure id="1" caption="A quayside at dusk" >}}')
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n\n".join(out) + "\n"


def open_story(app: object, store: object, record: object, checking: bool) -> float:
    """Milliseconds from creating the editor to the story fully checked (or, with checking
    off, to the editor built and its queue drained)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from editordesk.gui.editor import checking as checking_module
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.gui.workers import wait_for_background

    assert isinstance(app, QApplication)
    done: list[float] = []
    start_checks = checking_module.LanguageChecking.start
    if not checking:
        checking_module.LanguageChecking.start = lambda self: None  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        editor = StoryEditor(store, record)  # type: ignore[arg-type]
        editor.resize(1200, 800)
        editor.show()
        if checking:
            # Wait in Qt's own event loop, as the window does: a Python loop calling
            # processEvents would hold the interpreter and slow the worker down.
            loop = QEventLoop()
            editor.checking.checked.connect(lambda: (done.append(time.perf_counter()), loop.quit()))
            if not done:
                loop.exec()
            elapsed = (done[0] - start) * 1000
        else:
            app.processEvents()
            elapsed = (time.perf_counter() - start) * 1000
    finally:
        checking_module.LanguageChecking.start = start_checks  # type: ignore[method-assign]
    editor.dirty = False
    editor.close()
    editor.deleteLater()
    wait_for_background()
    app.processEvents()
    return elapsed


def keystrokes(
    app: object, store: object, record: object, checking: bool, count: int
) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.gui.workers import wait_for_background

    assert isinstance(app, QApplication)
    editor = StoryEditor(store, record)  # type: ignore[arg-type]
    editor.resize(1200, 800)
    editor.show()
    deadline = time.perf_counter() + 30
    while not editor.checking.ready and time.perf_counter() < deadline:
        app.processEvents()
    if not checking:
        editor.checking.ready = False  # no rechecks
        editor.body.highlighter.spelling = None
        editor.body.highlighter.style = None
    editor.body.setFocus()
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.movePosition(cursor.MoveOperation.PreviousBlock)  # in the last paragraph
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    editor.body.setTextCursor(cursor)
    for key in (Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace):
        QTest.keyClick(editor.body, key)
    app.processEvents()
    times = []
    for i in range(count):
        key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_A + (i * 7 % 26)
        start = time.perf_counter()
        QTest.keyClick(editor.body, key)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.03)
        app.processEvents()
    editor.dirty = False
    editor.close()
    editor.deleteLater()
    wait_for_background()
    app.processEvents()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-spelling-bench-"))
    os.environ["EDITORDESK_CONFIG"] = str(tmp / "config" / "settings.yaml")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")

    from PySide6.QtWidgets import QApplication

    from editordesk.services.stories import StoryDraft, create_story
    from editordesk.store.db import Store
    from editordesk.store.location import resolve
    from editordesk.text import count_words

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    store = Store.open(resolve(str(tmp / "bench.sqlite")))
    body = english_body(args.words)
    with store.write() as session:
        record = create_story(
            session, StoryDraft(headline="Long read", byline="Bench", body=body), author="bench"
        )
    print(f"story: {count_words(body):,} words, {body.count(chr(10)) + 1:,} lines")
    open_story(app, store, record, False)  # Qt's first layout of the story, fonts and glyphs
    first = open_story(app, store, record, True)  # the dictionary opened, every word new
    print(f"first opening with checking in the session, fully checked: {first:.0f} ms")
    on, off = [], []
    for _ in range(args.runs):
        on.append(open_story(app, store, record, True))
        off.append(open_story(app, store, record, False))
    print(
        f"opening again, fully checked (underlines and Checks): "
        f"median {statistics.median(on):.0f} ms "
        f"(runs {', '.join(f'{v:.0f}' for v in on)}); the same opening with checking off: "
        f"median {statistics.median(off):.0f} ms; target 300 ms"
    )
    keys_on: list[float] = []
    keys_off: list[float] = []
    for _ in range(2):
        keys_on += keystrokes(app, store, record, True, args.keys)
        keys_off += keystrokes(app, store, record, False, args.keys)
    print(
        f"keystrokes with checking on: median {statistics.median(keys_on):.2f} ms, "
        f"95th percentile {p95(keys_on):.2f} ms; off: median "
        f"{statistics.median(keys_off):.2f} ms, 95th percentile {p95(keys_off):.2f} ms "
        f"(ratio on/off at p95 {p95(keys_on) / p95(keys_off):.2f}); target 16 ms"
    )
    store.close()


if __name__ == "__main__":
    main()
