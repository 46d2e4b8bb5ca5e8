"""Right to left: Qt's own options reach Qt (a mirrored window with -reverse), dates and
times keep reading left to right in a mirrored window, and an Arabic story's fields, body
and preview start at the right."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from editordesk.cli import split_qt_options
from editordesk.gui import i18n
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.services.spelling import set_story_language
from editordesk.services.stories import StoryDraft, create_story
from editordesk.services.story_queries import get_story
from editordesk.store.db import Store

ROOT = Path(__file__).resolve().parents[2]

# Our own words: a harbour museum, with an English name (Port Ellan) inside the Arabic.
ARABIC_BODY = "افتتح متحف Port Ellan البحري قاعاته بعد عامين من الترميم.\n\nيعرض المتحف سفناً خشبية."


@pytest.fixture
def mirrored(qapp: QApplication) -> Iterator[QApplication]:
    """The whole application laid out right to left, as `editordesk -reverse` does."""
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        yield qapp
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _editor(qtbot: QtBot, store: Store, language: str, body: str) -> StoryEditor:
    with store.write() as session:
        record = create_story(session, StoryDraft(headline="متحف الميناء", body=body), author="A")
        set_story_language(session, record.id, language)
    with store.read() as session:
        record = get_story(session, record.id)
    editor = StoryEditor(store)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.load(record)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _body(editor: StoryEditor) -> QPlainTextEdit | QTextEdit:
    """The body as it shows: the visual editor, or the Markdown source."""
    shown = editor.body_widget()
    assert isinstance(shown, QPlainTextEdit | QTextEdit)
    return shown


def _cursor_x_at_start(editor: StoryEditor, block: int) -> int:
    body = _body(editor)
    body.setTextCursor(QTextCursor(body.document().findBlockByNumber(block)))
    return body.cursorRect().x()


# ------------------------------------------------------------------ the launcher


def test_qt_options_are_set_aside_for_qt() -> None:
    assert split_qt_options(["-reverse", "--db", "x.sqlite"]) == (
        ["-reverse"],
        ["--db", "x.sqlite"],
    )
    assert split_qt_options(["--reverse", "-style", "fusion", "a.md"]) == (
        ["-reverse", "-style", "fusion"],
        ["a.md"],
    )
    assert split_qt_options(["-style=fusion", "--platform=offscreen"]) == (
        ["-style", "fusion", "-platform", "offscreen"],
        [],
    )
    # A command's arguments stay its own; an option Qt does not know stays ours, to refuse.
    assert split_qt_options(["export", "-reverse"]) == ([], ["export", "-reverse"])
    assert split_qt_options(["-bogus"]) == ([], ["-bogus"])


def test_the_command_passes_reverse_and_style_to_qt(tmp_path: Path) -> None:
    """`editordesk -reverse -style fusion` starts a mirrored window in the Fusion style (it
    used to stop at "unrecognized arguments")."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from editordesk.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "app = QApplication.instance()\n"
        "print('started', code, app.layoutDirection().name, app.style().name())\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "QT_QPA_PLATFORM": "offscreen",
        "EDITORDESK_QUIT_AFTER_START": "1",
        "EDITORDESK_CONFIG": str(tmp_path / "config" / "settings.yaml"),
    }
    store = str(tmp_path / "desk.sqlite")
    done = subprocess.run(
        [sys.executable, "-c", script, "-reverse", "-style", "fusion", "--db", store],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "started 0 RightToLeft fusion" in done.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "editordesk", "-bogus"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2 and "unrecognized arguments: -bogus" in refused.stderr


# ------------------------------------------------------------------ dates in a mirrored window


def test_the_publish_time_reads_left_to_right_in_a_mirrored_window(
    qtbot: QtBot, store: Store, mirrored: QApplication
) -> None:
    editor = StoryEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft  # the window mirrors
    field = editor.publish_time
    field.setDateTime(QDateTime(QDate(2026, 12, 3), QTime(2, 15)))
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert field.text() == "3 Dec 2026 02:15"
    assert field.lineEdit().layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert field.lineEdit().isLeftToRight()


def test_list_and_history_times_are_isolated_left_to_right_when_mirrored(
    mirrored: QApplication,
) -> None:
    moment = dt.datetime(2026, 11, 27, 21, 14, tzinfo=dt.UTC)
    shown = i18n.local_time(moment.astimezone().replace(tzinfo=None).astimezone())
    assert shown.startswith("\u2066") and shown.endswith("\u2069")  # LRI … PDI
    mirrored.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert i18n.ltr_text("27 Nov 21:14") == "27 Nov 21:14"


# ------------------------------------------------------------------ an Arabic story


def test_an_arabic_story_runs_from_the_right(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store, "ar", ARABIC_BODY + "\n\n")
    assert not editor.dirty  # taking a direction is no edit
    for source in (False, True):  # the visual editor, then the Markdown source
        editor.mirror.show_source(source)
        body = _body(editor)
        width = body.viewport().width()
        document = body.document()
        assert document.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
        for block in range(document.blockCount()):  # empty lines too: the cursor starts right
            found = document.findBlockByNumber(block)
            assert found.textDirection() == Qt.LayoutDirection.RightToLeft
            assert _cursor_x_at_start(editor, block) > width - 40, (source, block)
        # The line of Arabic (with an English name inside) ends at the right edge.
        line = document.firstBlock().layout().lineAt(0)
        assert line.naturalTextRect().right() > width - 40
    assert editor.headline.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.byline.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_an_english_story_stays_left_and_an_arabic_quote_in_it_reads_right(
    qtbot: QtBot, store: Store
) -> None:
    editor = _editor(qtbot, store, "en_GB", "The museum opened.\n\n" + ARABIC_BODY)
    document = _body(editor).document()
    assert document.findBlockByNumber(0).textDirection() == Qt.LayoutDirection.LeftToRight
    assert _cursor_x_at_start(editor, 0) < 40
    assert document.findBlockByNumber(2).textDirection() == Qt.LayoutDirection.RightToLeft
    assert editor.headline.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_preview_of_an_arabic_story_runs_right_to_left(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store, "ar", ARABIC_BODY)
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000):
        editor.schedule_preview()
    document = editor.preview.document()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    words = [b for b in blocks if "Port Ellan" in b.text()]
    assert words and all(b.textDirection() == Qt.LayoutDirection.RightToLeft for b in words)
