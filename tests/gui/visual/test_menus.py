"""The visual editor's commands reached from the window as a person reaches them: Format ▸
Strikethrough and Code block, Insert ▸ Table…, Footnote and Horizontal rule, the Edit table
submenu (only in a table), and the same commands in the Markdown source view."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui import actions
from editordesk.gui.dialogs.shortcuts import ShortcutsDialog
from editordesk.gui.dialogs.table import TableDialog
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.main_window import MainWindow
from editordesk.model import StoryRecord
from editordesk.services import stories as svc
from editordesk.store.db import Store
from tests.gui.test_main_window import on_next_dialog, shortcut

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier
SEEN: list[object] = []
GERMAN = Path(__file__).parents[3] / "resources" / "translations" / "editordesk_de.ts"


@pytest.fixture
def story(store: Store) -> StoryRecord:
    with store.write() as session:
        return svc.create_story(
            session,
            svc.StoryDraft(
                headline="Harbour works", body="The quay closes today.\n\nBoats moor outside.\n"
            ),
            author="Mara Quinn",
        )


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    win = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for editor in win.editors():
        editor.dirty = False  # the test has checked what it meant to
    win.close()
    win.deleteLater()


def _open(win: MainWindow, story: StoryRecord) -> StoryEditor:
    editor = win.open_story(story.id)
    assert editor is not None and not editor.source_showing
    editor.visual.setFocus()
    return editor


def _select_word(editor: StoryEditor, word: str) -> None:
    body = editor.active_body
    text = body.toPlainText()
    start = text.index(word)
    cursor = body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    body.setFocus()


def _to_end(editor: StoryEditor) -> None:
    body = editor.active_body
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    body.setFocus()


def _menu(win: MainWindow, title: str) -> QMenu:
    for action in win.menuBar().actions():
        menu = action.menu()
        if action.text() == title and isinstance(menu, QMenu):
            return menu
    raise AssertionError(f"no menu {title}")


def _table_menu(win: MainWindow) -> QMenu:
    menu = _menu(win, "&Insert").findChild(QMenu, "table_menu")
    assert isinstance(menu, QMenu)
    menu.aboutToShow.emit()  # as it opens, it looks where the cursor is
    return menu


def _enabled(menu: QMenu) -> dict[str, bool]:
    return {a.objectName(): a.isEnabled() for a in menu.actions() if a.objectName()}


def _answer_table(rows: int, columns: int) -> None:
    """Type the size into Insert ▸ Table… with the keys, and press Enter."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, TableDialog)
        try:
            focused = dialog.focusWidget()
            assert focused is dialog.rows_box  # the rows are asked first, their number selected
            QtBot.keyClicks(focused, str(rows))
            QtBot.keyClick(focused, Qt.Key.Key_Tab)
            assert dialog.focusWidget() is dialog.columns_box
            QtBot.keyClick(dialog.columns_box, Qt.Key.Key_A, Ctrl)  # offscreen Tab selects none
            QtBot.keyClicks(dialog.columns_box, str(columns))
            QtBot.keyClick(dialog.columns_box, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():
                SEEN.append((dialog.rows, dialog.columns, str(dialog.focusWidget())))
                dialog.reject()

    on_next_dialog(answer)


def test_strikethrough_from_its_key_in_both_views(
    qtbot: QtBot, window: MainWindow, story: StoryRecord
) -> None:
    editor = _open(window, story)
    _select_word(editor, "closes")
    shortcut(qtbot, window, Qt.Key.Key_X, Ctrl | Shift)
    cursor = editor.visual.textCursor()
    cursor.setPosition(editor.visual.toPlainText().index("closes") + 1)
    assert cursor.charFormat().fontStrikeOut()  # the editor shows the word struck through
    assert "The quay ~~closes~~ today." in editor.draft().body
    editor.show_source(True)
    _select_word(editor, "moor")
    shortcut(qtbot, window, Qt.Key.Key_X, Ctrl | Shift)
    assert "Boats ~~moor~~ outside." in editor.body.toPlainText()
    assert "Boats ~~moor~~ outside." in editor.draft().body


def test_insert_table_asks_its_size_and_the_table_menu_follows_the_cursor(
    qtbot: QtBot, window: MainWindow, story: StoryRecord
) -> None:
    editor = _open(window, story)
    _to_end(editor)
    assert not any(_enabled(_table_menu(window)).values())  # not in a table: all greyed
    _answer_table(2, 3)
    window.actions_by_name["table"].trigger()
    assert not SEEN
    table = editor.visual.textCursor().currentTable()
    assert table is not None and (table.rows(), table.columns()) == (2, 3)
    body = editor.draft().body
    assert "|  |  |  |\n| --- | --- | --- |\n|  |  |  |" in body
    qtbot.keyClicks(editor.visual, "Port")
    assert "| Port |  |  |" in editor.draft().body

    table_menu = _table_menu(window)
    assert all(_enabled(table_menu).values())
    window.actions_by_name["table_row_below"].trigger()
    window.actions_by_name["table_column_right"].trigger()
    assert (table.rows(), table.columns()) == (3, 4)
    window.actions_by_name["table_align_center"].trigger()
    assert "| --- | --- | --- | --- |" not in editor.draft().body
    assert ":---:" in editor.draft().body
    window.actions_by_name["table_remove_row"].trigger()
    window.actions_by_name["table_remove_column"].trigger()
    assert (table.rows(), table.columns()) == (2, 3)
    window.actions_by_name["table_delete"].trigger()
    assert editor.visual.textCursor().currentTable() is None
    assert "|" not in editor.draft().body

    editor.show_source(True)  # the source has no cells: the submenu waits for the visual
    assert not any(_enabled(_table_menu(window)).values())


def test_footnote_rule_and_code_block_in_the_visual_editor(
    qtbot: QtBot, window: MainWindow, story: StoryRecord
) -> None:
    editor = _open(window, story)
    _select_word(editor, "today")
    shortcut(qtbot, window, Qt.Key.Key_F, Ctrl | Alt)
    qtbot.keyClicks(editor.visual, "Until six.")  # the cursor is in the note
    body = editor.draft().body
    assert "closes today[^1]." in body
    assert body.rstrip().endswith("[^1]: Until six.")
    _select_word(editor, "Boats")
    window.actions_by_name["rule"].trigger()
    assert "\n\n---\n\n" in editor.draft().body
    _select_word(editor, "Boats")
    window.actions_by_name["code_block"].trigger()
    assert "```\nBoats moor outside.\n```" in editor.draft().body


def test_the_same_commands_in_the_source_insert_markdown(
    qtbot: QtBot, window: MainWindow, story: StoryRecord
) -> None:
    editor = _open(window, story)
    editor.show_source(True)
    _select_word(editor, "today")
    shortcut(qtbot, window, Qt.Key.Key_F, Ctrl | Alt)
    qtbot.keyClicks(editor.body, "Until six.")
    text = editor.body.toPlainText()
    assert "closes today[^1]." in text and text.endswith("\n\n[^1]: Until six.")
    _select_word(editor, "closes")
    shortcut(qtbot, window, Qt.Key.Key_F, Ctrl | Alt)
    assert "closes[^2] today[^1]." in editor.body.toPlainText()
    assert editor.body.toPlainText().endswith("[^1]: Until six.\n\n[^2]: ")

    _select_word(editor, "Boats")
    window.actions_by_name["rule"].trigger()
    assert "Boats moor outside.\n\n---\n" in editor.body.toPlainText()

    _select_word(editor, "Boats")
    _answer_table(3, 2)
    window.actions_by_name["table"].trigger()
    assert "outside.\n\n|  |  |\n| --- | --- |\n|  |  |\n|  |  |\n" in editor.body.toPlainText()
    qtbot.keyClicks(editor.body, "Berth")
    assert "| Berth |  |\n| --- | --- |" in editor.body.toPlainText()

    _select_word(editor, "Boats")
    window.actions_by_name["code_block"].trigger()
    assert "```\nBoats moor outside.\n```" in editor.body.toPlainText()
    _select_word(editor, "Boats")
    window.actions_by_name["code_block"].trigger()  # again: the fences go
    assert "```" not in editor.body.toPlainText()

    # the source's table can be edited visually too: the row commands need the visual editor
    _select_word(editor, "Berth")
    assert not any(_enabled(_table_menu(window)).values())
    editor.show_source(False)
    assert "| Berth |" in editor.draft().body
    assert "[^2]" in editor.draft().body


def test_the_new_commands_are_in_the_shortcuts_and_translated(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = {a.objectName(): a.shortcut().toString() for a in window.actions_by_name.values()}
    assert keys["strikethrough"] == "Ctrl+Shift+X" and keys["footnote"] == "Ctrl+Alt+F"
    taken = [k for k in keys.values() if k]
    assert len(taken) == len(set(taken))  # no key does two things
    listed = ShortcutsDialog(window.menuBar(), window)  # F1
    assert ("Strikethrough", "Ctrl+Shift+X") in listed.rows()
    assert ("Footnote", "Ctrl+Alt+F") in listed.rows()
    assert ("Table…", "") in listed.rows()
    listed.close()
    root = ET.parse(GERMAN).getroot()
    menus = {
        message.findtext("source"): message.findtext("translation")
        for context in root.iter("context")
        if context.findtext("name") == "Menus"
        for message in context.iter("message")
    }
    texts = [actions.TABLE_TITLE] + [
        t for c in actions.TABLE_COMMANDS for t in (c.text, c.tip) if t
    ]
    for text in texts:
        assert menus.get(text), text


def test_the_table_dialog_labels_take_their_letters(qtbot: QtBot) -> None:
    dialog = TableDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    assert dialog.focusWidget() is dialog.rows_box
    QtBot.keyClick(dialog.rows_box, Qt.Key.Key_C, Alt)
    assert dialog.focusWidget() is dialog.columns_box
    QtBot.keyClick(dialog.columns_box, Qt.Key.Key_R, Alt)
    assert dialog.focusWidget() is dialog.rows_box
    assert all(box.accessibleName() for box in dialog.findChildren(QSpinBox))
