"""Window benchmark: start-up beside a bare PySide6 window, and keystrokes in a long story.

    QT_QPA_PLATFORM=offscreen python bench/window_bench.py [--stories 10000] [--runs 7]

Start-up is measured from launching the process to a usable window: shown, with the story
list's first page on screen. This is a shortcut into the code on the offscreen platform; the
figure a user meets (the installed command on a real X display, the first paint, the day's
chores) is bench/startup_bench.py's. A bare PySide6 window (QMainWindow shown) is timed in the same
run, alternating, so the ratio holds on a busy machine. Keystroke handling is timed in a
20,000-word story with the live preview on: each key press is sent, then the event queue is
drained, and the preview is left to render as it would while someone types. Targets:
start-up within 2x the bare window's, keystrokes under 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BARE = """
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 800); w.show()
app.processEvents()
print(time.time())
"""

OURS = """
import time, sys
from editordesk.app import _start
app, window = _start(sys.argv[1], greet=False)
app.processEvents()
painted = time.time()
def ready():
    return window.story_list.model.rowCount() > 0 and not window.story_list.model.is_loading
while not ready():
    app.processEvents()
print(painted, time.time())
"""


def fill(db: Path, stories: int) -> None:
    from newsgen import SECTIONS, NewsGenerator

    from editordesk.services.stories import StoryDraft, create_story
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    gen = NewsGenerator()
    with Store.open(resolve(str(db))) as store:
        for start in range(0, stories, 1000):
            with store.write() as session:
                for _ in range(min(1000, stories - start)):
                    create_story(
                        session,
                        StoryDraft(**gen.story(800), section=gen.rng.choice(SECTIONS)),
                        author="bench",
                    )  # type: ignore[arg-type]


PYCACHE = Path(tempfile.mkdtemp(prefix="editordesk-window-bench-pycache-"))


def launch(code: str, *args: str) -> list[float]:
    """Seconds from launching the process to each moment it reports. The processes keep
    their compiled bytecode (in a folder of the bench's own), as an installed program has it,
    even where PYTHONDONTWRITEBYTECODE is set."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return [float(t) - start for t in done.stdout.strip().splitlines()[-1].split()]


def keystrokes(db: Path, words: int, count: int) -> tuple[list[float], float]:
    from newsgen import NewsGenerator
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editordesk import settings as prefs
    from editordesk.gui.main_window import MainWindow
    from editordesk.gui.workers import wait_for_background
    from editordesk.services.stories import StoryDraft, create_story
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    app = QApplication.instance() or QApplication([])
    store = Store.open(resolve(str(db)))
    with store.write() as session:
        story = create_story(
            session,
            StoryDraft(
                headline="Long read", byline="Bench", **{"body": NewsGenerator(seed=5).body(words)}
            ),
            author="bench",
        )
    window = MainWindow(store, prefs.Settings(editor_name="Bench", autosave_seconds=5))
    window.resize(1400, 900)
    window.show()
    editor = window.open_story(story.id)
    assert editor is not None
    rendered: list[float] = []
    editor.preview_updated.connect(lambda: rendered.append(time.perf_counter()))
    deadline = time.perf_counter() + 30
    model = window.story_list.model
    # Start typing once the window has settled: the first preview shown, the list filled.
    while (not rendered or model.is_loading) and time.perf_counter() < deadline:
        app.processEvents()
    # The Markdown source showing, as people type in it (typed into while the visual editor
    # shows, each key would build the hidden visual anew: no one can type there).
    editor.show_source(True)
    editor.body.setFocus()
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    for key in (Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace):
        QTest.keyClick(editor.body, key)  # Qt lays out each glyph the first time it is typed
    app.processEvents()
    times = []
    for i in range(count):
        key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_A + (i % 26)
        start = time.perf_counter()
        QTest.keyClick(editor.body, key)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.03)  # about a fast typist's pace, so the preview's timers fire
        app.processEvents()
    # The preview lands on the UI thread: time its swap-in separately.
    start = time.perf_counter()
    editor.preview.setHtml(editor.preview.toHtml())
    swap = (time.perf_counter() - start) * 1000
    editor.dirty = False
    window.close()
    wait_for_background()
    store.close()
    return times, swap


def rss_mb() -> float:
    """This process's resident memory (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def picture_story(db: Path, words: int, pictures: int) -> tuple[int, str]:
    """A store holding a `words`-word story with `pictures` library pictures through it, every
    few paragraphs a subheading; returns its id and body."""
    from export_bench import draw_pictures
    from newsgen import NewsGenerator

    from editordesk.interchange.markdown import figure_code
    from editordesk.services.library import import_image_file
    from editordesk.services.stories import StoryDraft, create_story
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    folder = db.parent / "pictures"
    folder.mkdir(exist_ok=True)
    with Store.open(resolve(str(db))) as store:
        with store.write() as session:
            ids = [
                import_image_file(session, store.media, path).id
                for path in draw_pictures(folder, pictures)
            ]
        paragraphs = NewsGenerator(seed=5).body(words).split("\n\n")
        step = max(1, len(paragraphs) // (pictures + 1))
        parts: list[str] = []
        for i, paragraph in enumerate(paragraphs):
            if i and i % (step * 2) == 0:
                parts.append("## " + paragraph.split(".")[0][:60])
            parts.append(paragraph)
            if i % step == step - 1 and i // step < pictures:
                parts.append(figure_code(ids[i // step]))
        body = "\n\n".join(parts) + "\n"
        with store.write() as session:
            story = create_story(
                session, StoryDraft(headline="Long read", byline="Bench", body=body), author="b"
            )
        return story.id, body


def visual(db: Path, words: int, pictures: int, keys: int, runs: int) -> dict[str, object]:
    """The visual editor on a long story with pictures: opening to the first keystroke,
    typing with the preview on, switching to the source and back, and memory."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editordesk import settings as prefs
    from editordesk.gui.main_window import MainWindow
    from editordesk.gui.workers import wait_for_background
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    story_id, body = picture_story(db, words, pictures)
    app = QApplication.instance() or QApplication([])
    store = Store.open(resolve(str(db)))
    window = MainWindow(store, prefs.Settings(editor_name="Bench", autosave_seconds=600))
    window.resize(1400, 900)
    window.show()
    deadline = time.perf_counter() + 30
    while window.story_list.model.is_loading and time.perf_counter() < deadline:
        app.processEvents()

    def settle(seconds: float = 1.0) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)
        wait_for_background()
        app.processEvents()

    settle()
    empty = rss_mb()

    def open_and_type() -> tuple[float, object]:
        start = time.perf_counter()
        editor = window.open_story(story_id)
        assert editor is not None and editor.active_body is editor.visual
        app.processEvents()  # shown
        QTest.keyClick(editor.visual, Qt.Key.Key_A)
        app.processEvents()
        return (time.perf_counter() - start) * 1000, editor

    def close(editor: object) -> None:
        editor.dirty = False  # type: ignore[attr-defined]
        window.close_tab(window.tabs.indexOf(editor))  # type: ignore[arg-type]
        settle(0.3)

    first, editor = open_and_type()
    settle(2.0)  # the preview, the checks and the underlines land
    memory = rss_mb() - empty
    close(editor)
    opens = []
    for _ in range(runs):
        ms, editor = open_and_type()
        opens.append(ms)
        settle(0.5)
        close(editor)

    editor = window.open_story(story_id)
    assert editor is not None
    rendered: list[float] = []
    editor.preview_updated.connect(lambda: rendered.append(time.perf_counter()))
    deadline = time.perf_counter() + 30
    while not rendered and time.perf_counter() < deadline:
        app.processEvents()
    settle(1.0)
    visual_edit = editor.visual
    visual_edit.setFocus()
    cursor = visual_edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    visual_edit.setTextCursor(cursor)
    for key in (Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace):
        QTest.keyClick(visual_edit, key)
    app.processEvents()
    typing = []
    for i in range(keys):
        key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_A + (i % 26)
        start = time.perf_counter()
        QTest.keyClick(visual_edit, key)
        app.processEvents()
        typing.append((time.perf_counter() - start) * 1000)
        time.sleep(0.03)
        app.processEvents()
    settle(1.0)  # the pause: written back into the source, the preview rendered
    start = time.perf_counter()
    flushed = editor.draft().body
    flush = (time.perf_counter() - start) * 1000
    assert flushed == editor.body.toPlainText()

    to_source, to_visual = [], []
    for _ in range(runs):
        QTest.keyClick(editor.visual, Qt.Key.Key_B)  # an edit: the switch writes it back
        app.processEvents()
        start = time.perf_counter()
        editor.show_source(True)
        app.processEvents()
        to_source.append((time.perf_counter() - start) * 1000)
        QTest.keyClick(editor.body, Qt.Key.Key_C)  # an edit: the switch builds anew
        app.processEvents()
        start = time.perf_counter()
        editor.show_source(False)
        app.processEvents()
        to_visual.append((time.perf_counter() - start) * 1000)
    # The same story typed in the Markdown source, side by side, for the ratio.
    editor.show_source(True)
    editor.body.setFocus()
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    source_typing = []
    for i in range(keys):
        key = Qt.Key.Key_Space if i % 6 == 5 else Qt.Key.Key_A + (i % 26)
        start = time.perf_counter()
        QTest.keyClick(editor.body, key)
        app.processEvents()
        source_typing.append((time.perf_counter() - start) * 1000)
        time.sleep(0.03)
        app.processEvents()
    editor.dirty = False
    window.close()
    wait_for_background()
    store.close()
    typing.sort()
    source_typing.sort()
    return {
        "source_median": statistics.median(source_typing),
        "source_p95": source_typing[int(len(source_typing) * 0.95)],
        "words": len(body.split()),
        "first_open": first,
        "open": statistics.median(opens),
        "typing_median": statistics.median(typing),
        "typing_p95": typing[int(len(typing) * 0.95)],
        "typing_slowest": typing[-1],
        "flush": flush,
        "to_source": statistics.median(to_source),
        "to_visual": statistics.median(to_visual),
        "memory": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--db", help="an existing store to start on (skips filling one)")
    parser.add_argument("--pictures", type=int, default=20)
    parser.add_argument(
        "--visual-only", action="store_true", help="only the visual editor's figures"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-window-bench-"))
    os.environ["EDITORDESK_CONFIG"] = str(tmp / "config" / "settings.yaml")
    if args.visual_only:
        report_visual(tmp, args)
        return
    db = Path(args.db) if args.db else tmp / "bench.sqlite"
    if not args.db:
        start = time.perf_counter()
        fill(db, args.stories)
        print(
            f"filled {args.stories:,} stories in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
    launch(BARE)
    launch(OURS, str(db))  # warm the disk cache for both
    bare, painted, listed = [], [], []
    for _ in range(args.runs):
        bare.append(launch(BARE)[0])
        shown, ready = launch(OURS, str(db))
        painted.append(shown)
        listed.append(ready)
    b, p, r = statistics.median(bare), statistics.median(painted), statistics.median(listed)
    print(
        f"start-up, median of {args.runs}: bare PySide6 window {b * 1000:.0f} ms; "
        f"EditorDesk window shown and taking input {p * 1000:.0f} ms ({p / b:.2f}x, "
        f"target 2x); its list of {args.stories:,} stories filled {r * 1000:.0f} ms "
        f"({r / b:.2f}x)"
    )
    times, swap = keystrokes(tmp / "keys.sqlite", args.words, args.keys)
    times.sort()
    print(
        f"keystrokes in a {args.words:,}-word story with the preview on: median "
        f"{statistics.median(times):.2f} ms, 95th percentile "
        f"{times[int(len(times) * 0.95)]:.2f} ms, slowest {times[-1]:.2f} ms "
        f"(target 16 ms)"
    )
    print(
        f"the preview's page swapped in on the UI thread: {swap:.0f} ms "
        "(once per pause in typing, after the debounce)"
    )
    report_visual(tmp, args)


def report_visual(tmp: Path, args: argparse.Namespace) -> None:
    v = visual(tmp / "visual.sqlite", args.words, args.pictures, args.keys, max(3, args.runs))
    print(
        f"visual editor, a {v['words']:,}-word story with {args.pictures} pictures: opened to "
        f"the first keystroke {v['open']:.0f} ms (median; the first open, modules loading, "
        f"{v['first_open']:.0f} ms; target 500 ms)"
    )
    print(
        f"typing in it with the preview on: median {v['typing_median']:.2f} ms, 95th "
        f"percentile {v['typing_p95']:.2f} ms, slowest {v['typing_slowest']:.2f} ms "
        "(targets 8 and 16 ms); the visual written back into the Markdown source at a "
        f"pause: {v['flush']:.0f} ms"
    )
    ratio = float(str(v["typing_median"])) / float(str(v["source_median"]))
    print(
        f"the same story typed in the Markdown source, same run: median "
        f"{v['source_median']:.2f} ms, 95th percentile {v['source_p95']:.2f} ms (visual / "
        f"source at the median {ratio:.2f})"
    )
    print(
        f"switching after an edit: visual -> source {v['to_source']:.0f} ms, source -> visual "
        f"{v['to_visual']:.0f} ms (medians; target 300 ms)"
    )
    print(f"memory for that story above the empty window: {v['memory']:.0f} MB RSS (target 150 MB)")


if __name__ == "__main__":
    main()
