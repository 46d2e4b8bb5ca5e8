"""`editordesk story.md` — how a desktop's "Open with" starts EditorDesk — opens the window
and imports the file as a new draft, without offering the sample story."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from editordesk.app import _start
from editordesk.cli import split_story_files
from editordesk.services.stories import list_stories
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.gui.test_main_window import _forget_unsaved


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
