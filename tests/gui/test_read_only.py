"""A story open read-only (someone else holds its lock) cannot be changed or saved by any
path an editor has: shortcuts, menus, the toolbar, the pictures panel, paste, drop, history;
Save is disabled and says why. Two windows on one store, on both engines, driven as people
would."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from editordesk.gui.dialogs.history import HistoryDialog
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.services.stories import StoryDraft, create_story, get_story, revisions
from editordesk.store.db import Store
from tests.gui.test_shared_desk import ENGINES, WAIT_MS, _button, _window, second_store

__all__ = ["second_store"]  # the fixture, shared with the shared-desk tests

BODY = "The harbour wall held.\n\n- one\n- two"


@ENGINES
def test_every_path_into_a_read_only_story_is_refused(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(
            session, StoryDraft(headline="Harbour wall", body=BODY), author="Ana Ruiz"
        )
    ana = _window(qtbot, store, "Ana Ruiz")
    ben = _window(qtbot, second_store, "Ben Okafor")
    assert ana.open_story(story.id) is not None
    theirs = ben.open_story(story.id)
    assert theirs is not None and theirs.read_only
    assert theirs.locked_by == "Ana Ruiz"

    # Save and every command that changes the story are disabled, Save saying why
    save = ben.actions_by_name["save"]
    assert not save.isEnabled()
    assert "Ana Ruiz is editing this story" in save.toolTip() and "Edit it" in save.toolTip()
    for name in ("bold", "italic", "heading2", "bullets", "numbers", "quote", "tweet", "figure"):
        assert not ben.actions_by_name[name].isEnabled(), name

    # the keys a person presses: Ctrl+B, Ctrl+2, Ctrl+Shift+8, Ctrl+V, Ctrl+S, typing
    body = theirs.body
    body.setFocus()
    body.selectAll()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(body, Qt.Key.Key_B, ctrl)
    qtbot.keyClick(body, Qt.Key.Key_2, ctrl)
    qtbot.keyClick(body, Qt.Key.Key_8, ctrl | Qt.KeyboardModifier.ShiftModifier)
    QGuiApplication.clipboard().setText("pasted words")
    qtbot.keyClick(body, Qt.Key.Key_V, ctrl)
    qtbot.keyClicks(body, "typed")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_S, ctrl)
    # the menu actions triggered anyway (a toolbar click on a stale button), and the
    # editor's own commands called straight
    for name in ("bold", "heading1", "bullets", "numbers", "quote", "undo"):
        ben.actions_by_name[name].trigger()
    body.bold()
    body.heading(2)
    body.quote()
    body.insert_block_token('{{< tweet user="x" id="1" >}}')
    theirs.remove_token("- one")
    ben.save_current()
    drop = QMimeData()
    drop.setText("dropped words")
    assert not body.canInsertFromMimeData(drop)
    body.insertFromMimeData(drop)
    assert body.toPlainText() == BODY and not theirs.dirty
    assert "Not saved: Ana Ruiz is editing this story" in ben.statusBar().currentMessage()

    # the pictures panel's buttons are disabled and say why
    assert not theirs.assets.edit_button.isEnabled()
    assert not theirs.assets.remove_button.isEnabled()
    assert "read-only" in theirs.assets.remove_button.toolTip()

    # History opens without asking to save, and cannot restore
    dialog = HistoryDialog(
        second_store,
        story.id,
        "Ben Okafor",
        ben,
        base_version=theirs.base_version,
        read_only_by=theirs.locked_by,
        window=ben.live.window_id,
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.revision_list.topLevelItemCount() >= 1, timeout=WAIT_MS)
    assert not dialog.restore_button.isEnabled()
    assert "Ana Ruiz is editing this story" in dialog.restore_button.toolTip()

    with store.read() as session:  # nothing reached the store
        assert get_story(session, story.id).version == 1
        assert len(revisions(session, story.id)) == 1

    # once Ana closes the story, "Edit it" makes Ben's tab writable and Save comes back
    ana.close_tab(ana.tabs.indexOf(ana.find_tab(story.id)))
    qtbot.waitUntil(lambda: "Nobody is editing" in theirs.notice.label.text(), timeout=WAIT_MS)
    _button(theirs, "Edit it").click()
    assert not theirs.read_only and theirs.holds_lock
    assert save.isEnabled() and "Ana" not in save.toolTip()
    # Ctrl+S with nothing changed makes no revision
    qtbot.keyClick(theirs.body, Qt.Key.Key_S, ctrl)
    assert "Nothing to save" in ben.statusBar().currentMessage()
    with store.read() as session:
        assert len(revisions(session, story.id)) == 1


def test_the_notice_bar_coming_and_going_never_moves_the_form(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Harbour wall"), author="Ana")
    with store.read() as session:
        record = get_story(session, story.id)
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)  # a desk's editor: a notice's words fit on one line
    editor.show()
    qtbot.waitExposed(editor)
    assert not editor.notice.isVisible()
    before = editor.headline.mapTo(editor, editor.headline.rect().topLeft())
    editor.notice.show_text(
        "Being edited by someone — open here read-only.", None, ("&Take over…", lambda: None)
    )
    qtbot.waitUntil(lambda: editor.notice.isVisible())
    assert editor.headline.mapTo(editor, editor.headline.rect().topLeft()) == before
    # "Edit it" and "Take over…" each keep their own place
    take_over = editor.notice.buttons[1].geometry()
    editor.notice.show_text("Nobody is editing this story now.", ("&Edit it", lambda: None), None)
    assert not editor.notice.buttons[0].geometry().intersects(take_over)
    editor.notice.clear()
    assert editor.headline.mapTo(editor, editor.headline.rect().topLeft()) == before


def test_the_editor_is_named_by_their_full_name_never_root(monkeypatch: object) -> None:
    import getpass

    import pytest

    from editordesk import settings as prefs

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.delenv(prefs.AUTHOR_ENV, raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    name = prefs.Settings().author()
    assert name and name != "root"
    assert prefs.Settings(editor_name="Mara Quinn").author() == "Mara Quinn"
