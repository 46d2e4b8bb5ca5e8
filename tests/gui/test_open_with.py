"""`editordesk story.md` — how a desktop's "Open with" starts EditorDesk — opens the window
and imports the file as a new draft, without offering the sample story."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editordesk.app import _start
from editordesk.cli import split_story_files
from editordesk.services.stories import list_stories
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.gui.test_main_window import _forget_unsaved

FIXTURES = Path(__file__).parent.parent / "_fixtures"


def test_story_files_on_the_command_line_are_opened_not_taken_for_commands() -> None:
    assert split_story_files(["story.md", "--db", "x.sqlite", "Copy.DOCX"]) == (
        ["story.md", "Copy.DOCX"],
        ["--db", "x.sqlite"],
    )
    assert split_story_files(["import", "story.md"]) == ([], ["import", "story.md"])
    assert split_story_files(["--db", "x.sqlite"]) == ([], ["--db", "x.sqlite"])


def test_a_file_given_at_start_becomes_an_open_draft(qtbot: QtBot, tmp_path: Path) -> None:
    story = tmp_path / "lifeboat.md"
    story.write_text("---\ntitle: Lifeboat launched twice\n---\nThe crew went out at dawn.\n")
    db = tmp_path / "store.sqlite"
    _app, window = _start(str(db), None, "Ana Ruiz", files=[str(story)])
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=15_000)
    editor = window.current_editor()
    assert editor is not None and editor.headline.text() == "Lifeboat launched twice"
    window.store.close()
    with Store.open(resolve(str(db))) as store, store.read() as session:
        assert [s.headline for s in list_stories(session)] == ["Lifeboat launched twice"]


def test_a_file_handed_over_by_the_desktop_is_imported(qtbot: QtBot, tmp_path: Path) -> None:
    """macOS sends "Open with" files to the running app as a QFileOpenEvent."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    story = tmp_path / "harbour.md"
    story.write_text("---\ntitle: Harbour wall repaired\n---\nWork ends a week early.\n")
    _app, window = _start(str(tmp_path / "store.sqlite"), None, "Ana Ruiz", greet=False)
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    qtbot.waitUntil(lambda: window.has_store, timeout=15_000)
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(story)))
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=15_000)
    editor = window.current_editor()
    assert editor is not None and editor.headline.text() == "Harbour wall repaired"
    window.store.close()


@pytest.mark.slow
def test_editordesks_own_application_takes_the_file_too(tmp_path: Path) -> None:
    """Outside a test run EditorDesk makes its own QApplication, which takes the event itself
    (no filter over every event); run it in a process of its own to see that."""
    import os
    import subprocess
    import sys

    story = tmp_path / "ferry.md"
    story.write_text("---\ntitle: Ferry back in service\n---\nRepairs done.\n")
    script = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from editordesk.app import _start
app, window = _start({str(tmp_path / "s.sqlite")!r}, None, "Ana", greet=False)
def poll():
    if window.has_store and not getattr(poll, "sent", False):
        poll.sent = True
        QApplication.sendEvent(app, QFileOpenEvent({str(story)!r}))
    editor = window.current_editor()
    if editor is not None:
        print(type(app).__name__, editor.headline.text())
        editor.dirty = False
        app.quit()
timer = QTimer(); timer.timeout.connect(poll); timer.start(50)
QTimer.singleShot(20000, app.quit)
app.exec()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert "EditorDeskApplication Ferry back in service" in done.stdout, done.stderr


def test_a_store_being_upgraded_says_so_while_the_window_waits(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An old store is copied aside and upgraded before it opens, which takes a while on a
    large one: the status bar says what is happening, then the store opens as usual."""
    db = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0003.sqlite", db)
    said: list[str] = []
    _app, window = _start(str(db), None, "Ana Ruiz", greet=False)
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    window.statusBar().messageChanged.connect(said.append)
    qtbot.waitUntil(lambda: window.has_store, timeout=15_000)
    assert any(m.startswith("Upgrading the store") and "keeping a copy" in m for m in said), said
    assert window.statusBar().currentMessage() == ""
    assert list(tmp_path.glob("old.sqlite.before-schema-0003.bak"))
    window.store.close()
