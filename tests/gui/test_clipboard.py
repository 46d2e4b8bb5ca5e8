"""The clipboard as the application ends: a visual editor's copy neither crashes the process
on its way out nor is lost to the paste that follows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from editordesk.document.parse import parse_body
from editordesk.gui.clipboard import hand_over
from editordesk.gui.editor.visual.edit import BODY_MIME, NoAssets, VisualEdit

# A visual editor with a figure (a real picture), a tweet and a footnote: drawn, its words
# copied, then the application quits (`quit`) or Python simply ends, as a test run does.
EDITOR_THEN_EXIT = """
import datetime as dt, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from editordesk.document.parse import parse_body
from editordesk.gui.editor.visual.cards import cards_of
from editordesk.gui.editor.visual.edit import VisualEdit
from editordesk.model import ImageFields, ImageRecord, TweetRecord

folder, how = Path(sys.argv[1]), sys.argv[2]
now = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
picture = QImage(300, 200, QImage.Format.Format_RGB32)
picture.fill(QColor("#d02020"))
assert picture.save(str(folder / "harbour.png"), "PNG")
record = ImageRecord(
    7, "0" * 64, "harbour.png", "harbour.png", "image/png", 1, 300, 200,
    ImageFields(caption="The harbour", credit="Ann Lee"), now, now,
)

class Library:
    def image(self, image_id): return record if image_id == 7 else None
    def picture_path(self, image_id): return folder / "harbour.png" if image_id == 7 else None
    def tweet(self, status_id): return TweetRecord(status_id, "ann", "", "Ann", "At dawn.")

app = QApplication(sys.argv[:1])
edit = VisualEdit()
body = (
    "The boats[^1] came in.\\n\\n{{< figure id=\\"7\\" >}}\\n\\n"
    "{{< tweet user=\\"ann\\" id=\\"20\\" >}}\\n\\n[^1]: At first light.\\n"
)
edit.set_tree(parse_body(body), Library())
edit.resize(640, 700)
edit.show()
app.processEvents()
shot = edit.viewport().grab()
assert not shot.isNull() and len(cards_of(edit.document())) == 5
edit.selectAll()
edit.copy()
assert "application/x-editordesk-body" in QGuiApplication.clipboard().mimeData().formats()
if how == "quit":
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(sorted(QGuiApplication.clipboard().mimeData().formats()))
print("done")
"""


def _run(tmp_path: Path, how: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", EDITOR_THEN_EXIT, str(tmp_path), how],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_quitting_after_a_copy_in_the_visual_editor_ends_cleanly(tmp_path: Path) -> None:
    done = _run(tmp_path, "quit")
    assert done.returncode == 0, done.stderr  # was -11: a segfault as the process ended
    assert done.stdout.splitlines() == [
        "['application/x-editordesk-body', 'text/plain']",  # the copy outlives the quit
        "done",
    ]


def test_python_ending_without_a_quit_after_a_copy_ends_cleanly(tmp_path: Path) -> None:
    done = _run(tmp_path, "end")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["done"]


def test_the_handed_over_clipboard_keeps_every_format(qtbot: QtBot) -> None:
    edit = VisualEdit()
    qtbot.addWidget(edit)
    edit.set_tree(parse_body("Boats *at* dawn.\n"), NoAssets())
    edit.selectAll()
    edit.copy()
    clipboard = QGuiApplication.clipboard()
    assert shiboken6.createdByPython(clipboard.mimeData())
    hand_over()
    data = clipboard.mimeData()
    assert not shiboken6.createdByPython(data)  # Qt's own: freed safely whenever it is
    assert sorted(data.formats()) == [BODY_MIME, "text/plain"]
    assert data.text() == "Boats at dawn."
    assert bytes(data.data(BODY_MIME).data()).decode() == "Boats *at* dawn.\n"


def test_a_copy_without_text_is_handed_over_without_text(qtbot: QtBot) -> None:
    mime = QMimeData()
    mime.setData(BODY_MIME, b"Boats.\n")
    QGuiApplication.clipboard().setMimeData(mime)
    hand_over()
    data = QGuiApplication.clipboard().mimeData()
    assert not shiboken6.createdByPython(data)
    assert data.formats() == [BODY_MIME]
