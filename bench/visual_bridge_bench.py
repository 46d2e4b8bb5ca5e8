"""The visual editor's document bridge: a 20,000-word story with 20 pictures built into a
QTextDocument, laid out in an editor, and read back into the tree and the canonical body.

    QT_QPA_PLATFORM=offscreen python bench/visual_bridge_bench.py [--runs 5] [--words 20000]

The body is the sample story (resources/sample/harbour-museum) repeated to the word count,
with 20 figures naming real pictures in a temporary media folder. Each figure is the median
of the runs, time.perf_counter around the call alone:
  parse   body -> tree (document/parse.py), for scale
  build   tree -> the document of a shown 900x700 QTextEdit (build_document), as a story
          tab opens one
  layout  then until its first screen is drawn (the rest is laid out in the background)
  key     then a first keystroke sent and handled
  open    build + layout + key: from the tree to the first keystroke handled
  read    QTextDocument -> tree (read_document)
  write   tree -> body (document/write.py write_body)
Target (issue 19): opening in the visual editor under 500 ms to the first keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextEdit

from editordesk.assets import resource
from editordesk.document.parse import parse_body
from editordesk.document.write import write_body
from editordesk.gui.editor.visual.build import build_document
from editordesk.gui.editor.visual.read import read_document
from editordesk.model import ImageRecord, TweetRecord
from editordesk.text import count_words


class _Pictures:
    """Twenty pictures in a folder, as the library would give them."""

    def __init__(self, folder: Path, count: int) -> None:
        import datetime as dt

        from editordesk.model import ImageFields

        self.paths: dict[int, Path] = {}
        self.records: dict[int, ImageRecord] = {}
        now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        for i in range(1, count + 1):
            image = QImage(2400, 1600, QImage.Format.Format_RGB32)
            image.fill(QColor.fromHsv((i * 37) % 360, 160, 200))
            path = folder / f"picture-{i}.jpg"
            image.save(str(path), "JPEG", 85)
            self.paths[i] = path
            fields = ImageFields(
                caption=f"Picture {i} of the harbour at dusk.", credit="Nell Farrow"
            )
            self.records[i] = ImageRecord(
                i, f"{i:064x}", path.name, path.name, "image/jpeg", path.stat().st_size,
                2400, 1600, fields, now, now,
            )  # fmt: skip

    def image(self, image_id: int) -> ImageRecord | None:
        return self.records.get(image_id)

    def picture_path(self, image_id: int) -> Path | None:
        return self.paths.get(image_id)

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


def long_body(words: int, figures: int) -> str:
    sample = resource("sample", "harbour-museum", "index.md").read_text(encoding="utf-8")
    body = sample.split("---\n", 2)[2]
    body = body.replace('{{< figure src="museum-quay.jpg"', '{{< figure image="1"')
    copies = max(1, round(words / count_words(body)))
    while True:
        joined = _with_figures("\n\n".join([body] * copies), figures)
        if count_words(joined) >= words:
            break
        copies += 1
    return joined


def _with_figures(text: str, figures: int) -> str:
    """The sample has a figure per copy: the first `figures` name pictures 1..figures, the
    others are dropped, so the story holds exactly that many."""
    pieces = text.split("{{< figure ")
    joined = pieces[0]
    for i, piece in enumerate(pieces[1:]):
        end = piece.index(">}}") + 3
        if i < figures:
            rest = piece[piece.index(" ", piece.index('image="')) :]
            joined += f'{{{{< figure image="{i + 1}"' + rest
        else:
            joined += piece[end:]
    return joined


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--figures", type=int, default=20)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        assets = _Pictures(Path(folder), args.figures)
        body = long_body(args.words, args.figures)
        print(f"body: {count_words(body)} words, {body.count('{{< figure')} figures")
        names = ("parse", "build", "layout", "key", "open", "read")
        times: dict[str, list[float]] = {k: [] for k in names}
        times["write"] = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            tree = parse_body(body, assets.records)
            times["parse"].append(time.perf_counter() - t0)
            # As the story tab opens one: the editor is on screen, the build fills its
            # document, and the first screen is drawn.
            edit = QTextEdit()
            edit.resize(900, 700)
            edit.show()
            app.processEvents()
            doc = edit.document()
            t1 = time.perf_counter()
            build_document(doc, tree, assets)
            t2 = time.perf_counter()
            edit.viewport().repaint()
            app.processEvents()
            t3 = time.perf_counter()
            QTest.keyClick(edit, Qt.Key.Key_A)  # the first keystroke, at the story's start
            app.processEvents()
            t4 = time.perf_counter()
            times["build"].append(t2 - t1)
            times["layout"].append(t3 - t2)
            times["key"].append(t4 - t3)
            times["open"].append(t4 - t1)
            t5 = time.perf_counter()
            back = read_document(doc)
            times["read"].append(time.perf_counter() - t5)
            t5 = time.perf_counter()
            write_body(back)
            times["write"].append(time.perf_counter() - t5)
            edit.close()
            edit.deleteLater()
            app.processEvents()
        for name, values in times.items():
            print(f"{name:7} median {statistics.median(values) * 1000:7.1f} ms")
        opening = statistics.median(times["open"])
        print(f"build to first keystroke handled: {opening * 1000:.1f} ms (target: under 500 ms)")


if __name__ == "__main__":
    main()
