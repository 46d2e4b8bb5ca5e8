"""Two editors' windows on one store, as a shared desk works: who is editing what shows in
the list and the tab, a story can be taken over, and others' saves and new stories appear
without restarting. Each window is a Store of its own (its own connections), as two
computers would have; on SQLite the windows poll, on PostgreSQL they listen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.main_window import MainWindow
from editordesk.services.stories import StoryDraft, create_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests.gui.answers import answering
from tests.pg import PgServer

WAIT_MS = 20_000  # bound on waiting for another window's change (not a timing assertion)
ENGINES = pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)


def _forget_unsaved(win: MainWindow) -> None:
    for editor in win.editors():
        editor.dirty = False


def _window(qtbot: QtBot, store: Store, name: str) -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name=name, autosave_seconds=1))
    win.author = name  # the tests' environment names one author for every window
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def second_store(store_location: StoreLocation, store: Store) -> Iterator[Store]:
    with Store.open(store_location) as other:
        yield other


def _button(editor: StoryEditor, text: str) -> QPushButton:
    for button in editor.notice.buttons:
        if button.isVisible() and button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no {text!r} button; notice says {editor.notice.label.text()!r}")


@ENGINES
def test_a_story_open_elsewhere_is_read_only_shows_who_and_can_be_taken_over(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Harbour wall"), author="Ana Ruiz")
    ana = _window(qtbot, store, "Ana Ruiz")
    ben = _window(qtbot, second_store, "Ben Okafor")

    mine = ana.open_story(story.id)
    assert mine is not None and mine.holds_lock and not mine.read_only

    theirs = ben.open_story(story.id)
    assert theirs is not None and theirs.read_only and not theirs.holds_lock
    assert theirs.notice.isVisible()
    assert "Being edited by Ana Ruiz since" in theirs.notice.label.text()
    assert theirs.body.isReadOnly() and theirs.headline.isReadOnly()

    # Ben's list marks the story with who edits it; Ana's does not mark her own
    model = ben.story_list.model
    qtbot.waitUntil(lambda: model.lock_text(story.id).startswith("Ana Ruiz"), timeout=WAIT_MS)
    row = model.row_of(story.id)
    tooltip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Being edited by Ana Ruiz" in tooltip
    spoken = model.data(model.index(row, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Harbour wall, being edited by Ana Ruiz")
    assert ana.story_list.model.lock_text(story.id) == ""

    # Ben takes it over explicitly (asked first); Ana's tab learns it, goes read-only,
    # keeps her text and says so until she has read it
    mine.body.setPlainText("Ana's unsaved paragraph.")
    with answering(QMessageBox.StandardButton.Yes):
        _button(theirs, "Take over…").click()
    assert theirs.holds_lock and not theirs.read_only and not theirs.notice.isVisible()
    qtbot.waitUntil(lambda: mine.read_only, timeout=WAIT_MS)
    assert "Ben Okafor took over this story" in mine.notice.label.text()
    assert mine.body.toPlainText() == "Ana's unsaved paragraph."
    _button(mine, "OK, I have read this").click()
    assert "Being edited by Ben Okafor" in mine.notice.label.text()


@ENGINES
def test_others_saves_and_new_stories_appear_without_a_restart(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Ferry cuts"), author="Ana Ruiz")
    ana = _window(qtbot, store, "Ana Ruiz")
    editor = ana.open_story(story.id)
    assert editor is not None
    model = ana.story_list.model
    qtbot.waitUntil(lambda: model.row_of(story.id) >= 0, timeout=WAIT_MS)

    # Bob saves from elsewhere (the command line, told --force over Ana's lock): Ana's tab
    # offers a reload
    with second_store.write() as session:
        save_story(
            session,
            story.id,
            replace(story.draft(), headline="Ferry cuts reversed", slug=None),
            base_version=story.version,
            author="Bob Lane",
            force=True,
        )
    qtbot.waitUntil(lambda: "Changed by Bob Lane" in editor.notice.label.text(), timeout=WAIT_MS)
    assert editor.headline.text() == "Ferry cuts"  # nothing replaced behind her back
    _button(editor, "Reload").click()
    assert editor.headline.text() == "Ferry cuts reversed"
    assert editor.base_version == story.version + 1 and not editor.notice.isVisible()
    qtbot.waitUntil(
        lambda: model.summary(model.row_of(story.id)).headline == "Ferry cuts reversed",
        timeout=WAIT_MS,
    )

    # a story created elsewhere joins the open list
    with second_store.write() as session:
        new = create_story(session, StoryDraft(headline="Lifeboat launch"), author="Bob Lane")
    qtbot.waitUntil(lambda: model.row_of(new.id) >= 0, timeout=WAIT_MS)


@pytest.mark.slow
def test_a_lost_server_is_reported_edits_stay_and_saving_resumes(
    qtbot: QtBot, pg_private_server: PgServer, tmp_path: Path
) -> None:
    server = pg_private_server
    with server.database() as url:
        location = resolve(url.render_as_string(hide_password=False), str(tmp_path / "media"))
        store = Store.open(location)
        try:
            with store.write() as session:
                story = create_story(session, StoryDraft(headline="Storm diary"), author="Ana")
            win = _window(qtbot, store, "Ana Ruiz")
            editor = win.open_story(story.id)
            assert editor is not None and editor.holds_lock
            label = win.live.connection_label

            server.stop()
            try:
                qtbot.waitUntil(lambda: label.isVisible(), timeout=WAIT_MS)
                assert "unreachable" in label.text()
                editor.body.setPlainText("Noon: the wall gave way.")
                win.save_current()  # refused in words, no dialog in the way
                qtbot.waitUntil(
                    lambda: "Not saved" in win.statusBar().currentMessage(), timeout=WAIT_MS
                )
                assert editor.dirty and editor.body.toPlainText() == "Noon: the wall gave way."
                win.autosave()  # the timer's work, now: kept on this computer
                qtbot.waitUntil(lambda: "computer" in win.save_state.text(), timeout=WAIT_MS)
            finally:
                server.start()

            qtbot.waitUntil(lambda: not label.isVisible(), timeout=WAIT_MS)
            win.save_current()
            qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
            with store.read() as session:
                assert get_story(session, story.id).body == "Noon: the wall gave way."
            win.close()
        finally:
            store.close()


@ENGINES
def test_a_picture_another_editor_imports_appears_in_the_open_library(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    import io

    from PIL import Image as PILImage

    from editordesk.gui.library.view import LibraryDialog
    from editordesk.model import ImageFields
    from editordesk.services.images import add_image
    from tests.gui.test_main_window import click_button, on_next_dialog

    ana = _window(qtbot, store, "Ana Ruiz")
    seen: list[str] = []

    def while_open(dialog: object) -> None:
        assert isinstance(dialog, LibraryDialog)
        buffer = io.BytesIO()
        PILImage.new("RGB", (12, 9), (0, 120, 200)).save(buffer, "PNG")
        with second_store.write() as session:  # Bob, at another desk
            picture = add_image(
                session,
                second_store.media,
                buffer.getvalue(),
                "quay.png",
                ImageFields(credit="Bob Lane"),
            )
        model = dialog.view.model
        qtbot.waitUntil(lambda: model.row_of(picture.id) >= 0, timeout=WAIT_MS)
        seen.append(model.record(model.row_of(picture.id)).fields.credit)
        click_button(dialog, "Close")

    on_next_dialog(while_open)  # type: ignore[arg-type]
    ana.open_library()
    assert seen == ["Bob Lane"]
