"""The desk's everyday work on the story list, driven as an editor does it: right-click a
story, press a status key, spike, delete to the trash and back, copy a slug; and the window
telling a newcomer what to do while no story is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.main_window import MainWindow
from editordesk.gui.story_list.model import HEADLINE
from editordesk.gui.story_list.widget import SEARCH_CHARS, StoryListWidget
from editordesk.services import stories as svc
from editordesk.services.stories import StoryDraft
from editordesk.store.db import Store
from editordesk.store.models import StoryStatus
from tests.gui.answers import answering

WAIT_MS = 5000
Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def _create(store: Store, headline: str, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(
            session,
            StoryDraft(headline=headline, **fields),  # type: ignore[arg-type]
            author="Ann",
        )


def _status(store: Store, story_id: int) -> StoryStatus:
    with store.read() as session:
        return svc.get_story(session, story_id).status


def _headlines(widget: StoryListWidget) -> list[str]:
    model = widget.model
    return [model.data(model.index(row, HEADLINE)) for row in range(model.rowCount())]


@pytest.fixture
def desk(qtbot: QtBot, store: Store) -> tuple[StoryListWidget, dict[str, svc.StoryRecord]]:
    stories = {
        "ferry": _create(store, "Ferry cuts leave island cut off"),
        "storm": _create(store, "Storm closes the harbour"),
    }
    widget = StoryListWidget(store)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS).wait()
    return widget, stories


def _select(qtbot: QtBot, widget: StoryListWidget, story_id: int) -> None:
    widget.select_story(story_id)
    widget.table_view.setFocus()
    qtbot.waitUntil(lambda: widget.selected_story_ids() == [story_id], timeout=WAIT_MS)


def _reloaded(qtbot: QtBot, widget: StoryListWidget, act: object) -> None:
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        act()  # type: ignore[operator]


def _right_click_menu(widget: StoryListWidget, row: int) -> QMenu:
    """What a right-click on the row shows (the menu the event would pop up)."""
    view = widget.table_view
    pos = view.visualRect(widget.model.index(row, HEADLINE)).center()
    widget._show_story_menu(pos)
    menus = [m for m in widget.findChildren(QMenu) if m.isVisible()]
    assert menus, "no menu popped up"
    return menus[-1]


def _texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_right_click_menu_offers_the_desk_s_commands(
    qtbot: QtBot, desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]]
) -> None:
    widget, _ = desk
    menu = _right_click_menu(widget, 0)
    assert _texts(menu)[:9] == [
        "Open",
        "Set status",
        "Spike",
        "Unspike",
        "Duplicate",
        "Export…",
        "History of the selected story…",
        "Copy the slug",
        "Delete…",
    ]
    status = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert _texts(status) == [
        "Mark as draft",
        "Mark as editing",
        "Mark as ready",
        "Mark as published",
    ]
    menu.close()


def test_a_status_key_marks_the_selected_story(
    qtbot: QtBot, store: Store, desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]]
) -> None:
    widget, stories = desk
    _select(qtbot, widget, stories["storm"].id)
    mod = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    _reloaded(qtbot, widget, lambda: qtbot.keyClick(widget.table_view, Qt.Key.Key_3, mod))
    assert _status(store, stories["storm"].id) == StoryStatus.READY
    assert _status(store, stories["ferry"].id) == StoryStatus.DRAFT


def test_a_spiked_story_leaves_the_list_until_the_filter_asks_for_it(
    qtbot: QtBot, store: Store, desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]]
) -> None:
    widget, stories = desk
    _select(qtbot, widget, stories["storm"].id)
    _reloaded(qtbot, widget, widget.commands.actions["spike"].trigger)
    assert _headlines(widget) == ["Ferry cuts leave island cut off"]
    _reloaded(
        qtbot,
        widget,
        lambda: widget.status_combo.setCurrentIndex(widget.status_combo.findText("Spiked")),
    )
    assert _headlines(widget) == ["Storm closes the harbour"]
    _select(qtbot, widget, stories["storm"].id)
    _reloaded(qtbot, widget, widget.commands.actions["unspike"].trigger)
    assert _status(store, stories["storm"].id) == StoryStatus.DRAFT


def test_delete_goes_to_the_trash_which_restores_and_empties_after_asking(
    qtbot: QtBot, store: Store, desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]]
) -> None:
    widget, stories = desk
    _select(qtbot, widget, stories["ferry"].id)
    with answering(Cancel) as asked:
        qtbot.keyClick(widget.table_view, Qt.Key.Key_Delete)
    assert "to the trash" in asked[0]
    assert len(_headlines(widget)) == 2  # Cancel: nothing moved
    with answering(Yes):
        _reloaded(qtbot, widget, lambda: qtbot.keyClick(widget.table_view, Qt.Key.Key_Delete))
    assert _headlines(widget) == ["Storm closes the harbour"]

    _reloaded(
        qtbot,
        widget,
        lambda: widget.status_combo.setCurrentIndex(widget.status_combo.findText("Trash")),
    )
    assert _headlines(widget) == ["Ferry cuts leave island cut off"]
    assert widget.status_label.text() == "1 story in the trash"
    menu = _right_click_menu(widget, 0)
    assert _texts(menu)[:2] == ["Restore from the trash", "Empty the trash…"]
    menu.close()
    with answering(Yes) as asked:
        _reloaded(qtbot, widget, widget.commands.actions["restore"].trigger)
    assert widget.status_label.text() == "The trash is empty"
    with store.read() as session:
        assert len(svc.list_stories(session)) == 2

    _create(store, "Old draft nobody wants")
    with store.write() as session:
        gone = svc.list_stories(session, query="nobody")[0].id
        svc.trash_stories(session, [gone])
    _reloaded(qtbot, widget, widget.refresh)
    with answering(Yes) as asked:
        _reloaded(qtbot, widget, widget.commands.actions["empty_trash"].trigger)
    assert "cannot be undone" in asked[0]
    with store.read() as session:
        assert svc.count_trash(session) == 0 and len(svc.list_stories(session)) == 2


def test_duplicate_opens_a_copy_and_copy_the_slug_fills_the_clipboard(
    qtbot: QtBot, store: Store, desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]]
) -> None:
    widget, stories = desk
    _select(qtbot, widget, stories["ferry"].id)
    with qtbot.waitSignal(widget.open_requested, timeout=WAIT_MS) as opened:
        widget.commands.actions["duplicate"].trigger()
    with store.read() as session:
        copy = svc.get_story(session, opened.args[0])
    assert copy.headline == "Ferry cuts leave island cut off" and copy.id != stories["ferry"].id
    assert copy.slug == "ferry-cuts-leave-island-cut-off-2"

    _select(qtbot, widget, stories["storm"].id)
    widget.commands.actions["copy_slug"].trigger()
    qtbot.waitUntil(
        lambda: QGuiApplication.clipboard().text() == "storm-closes-the-harbour", timeout=WAIT_MS
    )


def test_the_search_box_shows_25_characters_and_its_whole_placeholder(
    desk: tuple[StoryListWidget, dict[str, svc.StoryRecord]],
) -> None:
    widget, _ = desk
    box = widget.search_edit
    widget.resize(300, 500)  # a narrow list still keeps the search readable
    metrics = box.fontMetrics()
    assert box.width() >= metrics.averageCharWidth() * SEARCH_CHARS
    assert box.width() >= metrics.horizontalAdvance(box.placeholderText()) + 30


def _forget_unsaved(win: MainWindow) -> None:
    """A finished (or failed) test must not wait on the unsaved-changes question."""
    for editor in win.editors():
        editor.dirty = False


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_with_no_story_open_the_right_side_says_what_to_do(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    hint = window.desk_hint
    assert hint.isVisible()
    assert "Ctrl+N" in hint.text() and "Import" in hint.text() and "open" in hint.text()
    assert hint.geometry() == window.tabs.rect()
    story = _create(store, "Museum opens")
    window.open_story(story.id)
    assert not hint.isVisible()
    window.tabs.current_editor().dirty = False  # type: ignore[union-attr]
    window.close_tab(0)
    assert hint.isVisible()


def test_the_story_menu_carries_the_list_s_commands_and_history_opens_the_story(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    story = _create(store, "Museum opens")
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 1, timeout=WAIT_MS)
    menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Story"
    )
    names = [a.objectName() for a in menu.actions()]
    for name in ("open_selected", "spike", "trash", "copy_slug", "history_selected"):
        assert name in names
    _select(qtbot, window.story_list, story.id)
    shown: list[str] = []

    def close_history() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            qtbot.wait(20)
            return
        shown.append(type(dialog).__name__)
        dialog.reject()

    timer = QTimer()
    timer.timeout.connect(close_history)
    timer.start(30)
    window.story_list.commands.actions["history_selected"].trigger()
    timer.stop()
    assert shown == ["HistoryDialog"]
    assert window.current_editor().headline.text() == "Museum opens"  # type: ignore[union-attr]


def test_the_edit_menu_has_clipboard_commands_and_paste_as_plain_text(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    texts = _texts(edit)
    for wanted in ("Undo", "Redo", "Cut", "Copy", "Paste", "Paste as plain text", "Select all"):
        assert wanted in texts
    story = _create(store, "Museum opens")
    editor = window.open_story(story.id)
    assert editor is not None
    editor.show_source(True)  # in the Markdown source (View ▸ Markdown source)
    QGuiApplication.clipboard().setText("opens today")
    editor.body.setFocus()
    qtbot.waitUntil(editor.body.hasFocus, timeout=WAIT_MS)
    window.actions_by_name["paste_plain"].trigger()
    assert "opens today" in editor.body.toPlainText()
    window.actions_by_name["select_all"].trigger()
    assert editor.body.textCursor().selectedText().startswith("opens today")
    editor.dirty = False


def test_list_and_quote_on_an_empty_line_start_one_there(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    story = _create(store, "Museum opens", body="First paragraph.\n\n")
    editor = window.open_story(story.id)
    assert editor is not None
    editor.show_source(True)  # Markdown typed in the source view
    body = editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)  # an empty line
    window.actions_by_name["bullets"].trigger()
    qtbot.keyClicks(body, "one")
    assert body.toPlainText().endswith("- one")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    window.actions_by_name["quote"].trigger()
    qtbot.keyClicks(body, "said")
    assert body.toPlainText().rstrip().endswith("> said")
    editor.dirty = False
