"""The window worked from the keyboard alone: every step is a key pressed on the widget that
has the focus, then a look at where the focus went and what the window shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui import focus, plain
from editordesk.gui.main_window import MainWindow
from editordesk.gui.story_list.model import HEADLINE
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from tests.gui.test_main_window import on_next_dialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def _forget_unsaved(win: MainWindow) -> None:
    for editor in win.editors():
        editor.dirty = False


def _open_window(qtbot: QtBot, store: Store, edit_in: str) -> MainWindow:
    settings = prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60, edit_in=edit_in)
    win = MainWindow(store, settings)
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.restore_window_state()
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    return win


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    """The window with stories in their Markdown source (the visual editor's own keys are
    tested with it)."""
    return _open_window(qtbot, store, "source")


@pytest.fixture
def visual_window(qtbot: QtBot, store: Store) -> MainWindow:
    return _open_window(qtbot, store, "visual")


@pytest.fixture
def stories(store: Store) -> list[int]:
    """Three stories, the newest ("Harbour wall survey") first in the list."""
    with store.write() as session:
        return [
            create_story(session, StoryDraft(headline=h, byline="A", body=b), author="t").id
            for h, b in (
                ("Ferry timetable cut", "Boats run less often."),
                ("Museum opens", "Doors open at nine."),
                ("Harbour wall survey", "The wall is sound."),
            )
        ]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def press(qtbot: QtBot, key: Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A key pressed where the focus is, as a person presses it."""
    qtbot.keyClick(focused(), key, modifiers)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def inside(pane: QWidget) -> bool:
    widget = QApplication.focusWidget()
    return widget is not None and (widget is pane or pane.isAncestorOf(widget))


def open_first_story(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+F to the search, Down into the list, Enter: the newest story opens."""
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 3, timeout=5000)
    press(qtbot, Key.Key_F, CTRL | SHIFT)
    assert focused() is window.story_list.search_edit
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=5000)


# ------------------------------------------------------------------ the story list


def test_the_first_down_selects_and_enter_moves_into_the_story(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 3, timeout=5000)
    press(qtbot, Key.Key_F, CTRL | SHIFT)
    press(qtbot, Key.Key_Down)
    view = window.story_list.table_view
    assert focused() is view
    # highlighted and selected: the credits report and Export find it
    assert window.story_list.selected_story_ids() == [stories[2]]
    assert view.currentIndex().row() == 0
    press(qtbot, Key.Key_Down)
    assert window.story_list.selected_story_ids() == [stories[1]]
    press(qtbot, Key.Key_Return)
    editor = window.current_editor()
    assert editor is not None and editor.headline.text() == "Museum opens"
    assert focused() is editor.body  # ready to type in the story


def test_tabbing_into_the_list_selects_the_row_it_highlights(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 3, timeout=5000)
    press(qtbot, Key.Key_F, CTRL | SHIFT)
    for _ in range(6):  # past the filters
        if focused() is window.story_list.table_view:
            break
        press(qtbot, Key.Key_Tab)
    assert focused() is window.story_list.table_view
    assert window.story_list.selected_story_ids() == [stories[2]]


def test_a_new_story_starts_in_its_headline(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Key.Key_N, CTRL)
    editor = window.current_editor()
    assert editor is not None and focused() is editor.headline


def test_the_list_sorts_from_the_view_menu(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 3, timeout=5000)
    press(qtbot, Key.Key_V, ALT)  # View
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&View"
    qtbot.keyClick(menu, Key.Key_S)  # Sort the list by
    sort = QApplication.activePopupWidget()
    assert isinstance(sort, QMenu) and sort is not menu
    headline = next(a for a in sort.actions() if a.text().replace("&", "") == "Headline")
    qtbot.keyClick(sort, Key.Key_H)
    assert headline.isChecked() or window.story_list.model.sort_column == HEADLINE
    model = window.story_list.model
    qtbot.waitUntil(
        lambda: (
            [model.summary(r).headline for r in range(model.rowCount())]
            == ["Ferry timetable cut", "Harbour wall survey", "Museum opens"]
        ),
        timeout=5000,
    )
    window.story_list.reverse_sort()
    qtbot.waitUntil(
        lambda: model.rowCount() == 3 and model.summary(0).headline == "Museum opens",
        timeout=5000,
    )


def test_the_list_widens_and_narrows_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.resize(790, 560)
    qtbot.waitUntil(lambda: window.width() == 790)
    window.splitter.setSizes([300, 490])
    before = window.splitter.sizes()[0]
    press(qtbot, Key.Key_Right, CTRL | ALT)
    wider = window.splitter.sizes()[0]
    assert wider > before
    press(qtbot, Key.Key_Left, CTRL | ALT)
    press(qtbot, Key.Key_Left, CTRL | ALT)
    assert window.splitter.sizes()[0] < wider
    actions = {a.objectName(): a for a in _menu(window, "&View").actions()}
    assert actions["widen_list"].shortcut().toString() == "Ctrl+Alt+Right"
    # with Shift, the side panel beside the story's body
    window.resize(1200, 560)
    window.open_story(stories[0])
    editor = window.current_editor()
    assert editor is not None
    qtbot.waitUntil(lambda: editor.side.isVisible() and editor.side.width() > 0)
    side = editor.splitter.sizes()[1]
    press(qtbot, Key.Key_Left, CTRL | ALT | SHIFT)
    assert editor.splitter.sizes()[1] > side
    press(qtbot, Key.Key_Right, CTRL | ALT | SHIFT)
    press(qtbot, Key.Key_Right, CTRL | ALT | SHIFT)
    assert editor.splitter.sizes()[1] < side


# ------------------------------------------------------------------ the body and the panes


def test_tab_leaves_the_body_and_nests_a_list_item(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    open_first_story(qtbot, window)
    editor = window.current_editor()
    assert editor is not None and focused() is editor.body
    press(qtbot, Key.Key_End, CTRL)
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Return)
    type_text(qtbot, "- one")
    press(qtbot, Key.Key_Return)  # the list goes on
    type_text(qtbot, "two")
    press(qtbot, Key.Key_Tab)  # in a list item: nested under the one before
    assert focused() is editor.body
    assert editor.body.toPlainText().endswith("- one\n  - two")
    press(qtbot, Key.Key_Backtab, SHIFT)  # and back out
    assert editor.body.toPlainText().endswith("- one\n- two")
    assert focused() is editor.body
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Return)  # an empty item ends the list
    type_text(qtbot, "After the list")
    press(qtbot, Key.Key_Tab)  # anywhere else Tab leaves the body
    assert focused() is not editor.body
    assert "\t" not in editor.body.toPlainText()
    press(qtbot, Key.Key_Backtab, SHIFT)
    assert focused() is editor.body


def test_ctrl_tab_goes_round_the_panes_and_back_to_where_it_was(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    open_first_story(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    press(qtbot, Key.Key_Tab, CTRL)
    assert inside(editor.side)  # the side panel
    press(qtbot, Key.Key_Tab, CTRL)
    assert inside(window.story_list)
    assert focused() is window.story_list.table_view
    press(qtbot, Key.Key_Tab, CTRL)
    assert focused() is editor.body  # where the cursor was
    press(qtbot, Key.Key_Tab, CTRL | SHIFT)
    assert focused() is window.story_list.table_view
    press(qtbot, Key.Key_Backtab, CTRL | SHIFT)
    assert inside(editor.side)
    # the side panel's own tabs do not take Ctrl+Tab: it stays the window's
    editor.side.tabBar().setFocus()
    index = editor.side.currentIndex()
    press(qtbot, Key.Key_Tab, CTRL)
    assert inside(window.story_list) and editor.side.currentIndex() == index


def test_alt_and_a_digit_show_each_side_panel_tab(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    open_first_story(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    press(qtbot, Key.Key_2, ALT)
    assert editor.side.currentWidget() is editor.preflight
    assert inside(editor.preflight)
    press(qtbot, Key.Key_3, ALT)
    assert editor.side.currentWidget() is editor.related_panel
    press(qtbot, Key.Key_4, ALT)
    assert editor.side.currentWidget() is editor.assets
    press(qtbot, Key.Key_F8)  # the side panel hidden…
    assert not editor.side.isVisible()
    press(qtbot, Key.Key_1, ALT)  # …comes back at the preview
    assert editor.side.isVisible()
    assert editor.side.currentWidget() is editor.preview and focused() is editor.preview
    view = {a.objectName(): a for a in _menu(window, "&View").actions()}
    assert view["side_checks"].shortcut().toString() == "Alt+2"


def test_ctrl_page_down_goes_to_the_next_story_tab(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    for story_id in stories:
        window.open_story(story_id)
    assert window.tabs.currentIndex() == 2
    press(qtbot, Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == 0
    press(qtbot, Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == 2


def test_one_tab_crosses_the_publish_time(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.open_story(stories[0])
    editor = window.current_editor()
    assert editor is not None
    editor.publish_on.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Key.Key_Space)
    assert editor.publish_on.isChecked()
    press(qtbot, Key.Key_Tab)
    assert focused() in (editor.publish_time, editor.publish_time.focusProxy())
    # Right moves to the next part (month), Up changes it: no Tab needed inside
    before = editor.publish_time.dateTime()
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    assert editor.publish_time.currentSection() == editor.publish_time.Section.MonthSection
    press(qtbot, Key.Key_Down)  # (Up would stay put in December)
    assert editor.publish_time.dateTime() != before
    press(qtbot, Key.Key_Tab)
    assert not (focused() is editor.publish_time or editor.publish_time.isAncestorOf(focused()))
    press(qtbot, Key.Key_Backtab, SHIFT)
    assert focused() is editor.publish_time
    press(qtbot, Key.Key_Backtab, SHIFT)
    assert focused() is editor.publish_on


def test_alt_and_a_field_labels_letter_go_to_the_field(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.open_story(stories[0])
    editor = window.current_editor()
    assert editor is not None
    editor.body.setFocus()
    for letter, field in (
        (Key.Key_Y, editor.byline),
        (Key.Key_D, editor.dateline),
        (Key.Key_C, editor.section),
        (Key.Key_A, editor.status),
        (Key.Key_G, editor.tags),
        (Key.Key_T, editor.standfirst),
        (Key.Key_N, editor.headline),
    ):
        press(qtbot, letter, ALT)
        assert field is focused() or field.isAncestorOf(focused()), letter


# ------------------------------------------------------------------ the picture library


def test_enter_in_the_library_search_searches(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    from editordesk.gui.library.view import LibraryDialog

    seen: dict[str, object] = {}

    def search(dialog: QWidget) -> None:
        try:
            assert isinstance(dialog, LibraryDialog)
            dialog.activateWindow()  # as a desktop does (not the offscreen platform)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
            view = dialog.view
            imported: list[bool] = []
            view.import_button.clicked.disconnect()
            view.import_button.clicked.connect(lambda: imported.append(True))
            seen["focus"] = focused() is view.search_edit
            type_text(qtbot, "harbour")
            press(qtbot, Key.Key_Return)
            seen["imported"] = bool(imported)
            seen["query"] = view.model.filters.query  # searched at once, not after a pause
            seen["open"] = dialog.isVisible()
        finally:
            dialog.done(0)

    on_next_dialog(search)
    press(qtbot, Key.Key_L, CTRL | SHIFT)
    assert seen == {"focus": True, "imported": False, "query": "harbour", "open": True}


# ------------------------------------------------------------------ the focus ring


def _ring_shows_around(qtbot: QtBot, widget: QWidget) -> None:
    window = widget.window()

    def ringed() -> bool:
        ring = focus.ring_of(window, create=False)
        area = focus.ring_area(widget, window)
        return (
            ring is not None
            and ring.isVisible()
            and ring.geometry().intersected(area) == ring.geometry()
        )

    try:
        qtbot.waitUntil(ringed, timeout=3000)
    finally:
        ring = focus.ring_of(window, create=False)
        print(ring and ring.geometry(), focus.ring_area(widget, window), QApplication.focusWidget())
    assert ring is not None
    area = focus.ring_area(widget, window)
    assert ring.geometry().intersected(area) == ring.geometry()
    assert ring.geometry().contains(area.center()) or area.width() <= 4
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    edge = ring.geometry().topLeft()
    pixel = QColor(image.pixel(int((edge.x() + 3) * ratio), int(edge.y() * ratio)))
    assert pixel.name() == focus.ring_colour(widget.palette()).name()


def test_the_focus_ring_follows_the_focus_in_the_window(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    open_first_story(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    _ring_shows_around(qtbot, editor.body)
    press(qtbot, Key.Key_1, ALT)
    assert focused() is editor.preview
    _ring_shows_around(qtbot, editor.preview)  # the preview too
    press(qtbot, Key.Key_Tab, CTRL)
    _ring_shows_around(qtbot, window.story_list.table_view)
    tabs = editor.side.tabBar()
    tabs.setFocus(Qt.FocusReason.TabFocusReason)
    _ring_shows_around(qtbot, tabs)  # round the current tab
    assert focus.ring_area(tabs, window).size() == tabs.tabRect(tabs.currentIndex()).size()
    editor.browser_button.setFocus(Qt.FocusReason.TabFocusReason)
    _ring_shows_around(qtbot, editor.browser_button)  # a button


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_focus_ring_stands_out_3_to_1_in_either_theme(palette: str) -> None:
    """WCAG's least contrast for a focus indicator, on the window and on a box."""
    from editordesk.gui import theme

    colours = theme.light_palette() if palette == "light" else theme.dark_palette()
    ring = focus.ring_colour(colours)
    for ground in (colours.color(colours.ColorRole.Window), colours.color(colours.ColorRole.Base)):
        assert theme.contrast_ratio(ring, ground) >= 3.0, (ring.name(), ground.name())
    if palette == "light":  # the light palette's own highlight is dark enough already
        assert ring.name() == colours.color(colours.ColorRole.Highlight).name()


def test_the_focus_ring_shows_as_a_dialog_opens(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    """Before any key is pressed in it: Qt's styles show focus only after one."""
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        try:
            dialog.activateWindow()  # as a desktop does (not the offscreen platform)
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
            widget = focused()
            assert widget.window() is dialog
            _ring_shows_around(qtbot, focus.ringed(widget) or widget)
            seen.append(type(widget).__name__)
        finally:
            dialog.close()

    on_next_dialog(look)
    window.edit_preferences()
    assert seen


# ------------------------------------------------------------------ names and mnemonics


def test_the_tab_close_buttons_say_which_story_they_close(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    with store.write() as session:
        story = create_story(
            session, StoryDraft(headline="<b>Bold</b> <img src=x> claim", byline="A"), author="t"
        )
    window.open_story(story.id)
    bar = window.tabs.tabBar()
    buttons = [
        bar.tabButton(0, side)
        for side in (bar.ButtonPosition.RightSide, bar.ButtonPosition.LeftSide)
        if bar.tabButton(0, side) is not None
    ]
    assert buttons
    assert buttons[0].accessibleName() == "Close <b>Bold</b> <img src=x> claim"
    assert plain.is_safe_tooltip(buttons[0].toolTip())
    assert bar.accessibleName() == "Story tabs"
    editor = window.current_editor()
    assert editor is not None
    assert editor.side.tabBar().accessibleName() == "Side panel tabs"


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text() == title and action.menu() is not None:
            return action.menu()  # type: ignore[return-value]
    raise AssertionError(f"no menu {title}")


def _menus(menu: QMenu) -> Iterator[QMenu]:
    menu.aboutToShow.emit()  # the columns and sort submenus fill as they open
    yield menu
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menus(action.menu())  # type: ignore[arg-type]


def duplicate_mnemonics(actions: list[QAction]) -> dict[str, list[str]]:
    letters: dict[str, list[str]] = {}
    for action in actions:
        if action.isSeparator() or not action.text():
            continue
        letter = focus.mnemonic(action.text())
        if letter:
            letters.setdefault(letter, []).append(action.text())
    return {k: v for k, v in letters.items() if len(v) > 1}


def test_no_menu_has_two_entries_with_one_letter(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 3, timeout=5000)
    window.story_list.select_story(stories[0])
    bar = window.menuBar()
    assert not duplicate_mnemonics(bar.actions())
    menus = [m for a in bar.actions() if a.menu() is not None for m in _menus(a.menu())]
    menus += [window.story_list.story_menu(), window.story_list.column_menu()]
    menus += [m for m in _menus(window.story_list.story_menu())]
    checked = 0
    for menu in menus:
        assert not duplicate_mnemonics(menu.actions()), menu.title()
        checked += 1
    assert checked > 10
    # the List columns submenu has its letters too
    [columns] = [a.menu() for a in _menu(window, "&Story").actions() if a.text() == "List &columns"]
    window.story_list.fill_column_menu(columns)  # type: ignore[arg-type]
    assert all(focus.mnemonic(a.text()) for a in columns.actions() if a.text())  # type: ignore[union-attr]


def test_the_editors_fields_have_labels_with_letters(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    window.open_story(stories[0])
    editor = window.current_editor()
    assert editor is not None
    fields = (
        editor.headline,
        editor.standfirst,
        editor.byline,
        editor.dateline,
        editor.section,
        editor.status,
        editor.tags,
    )
    buddies = {label.buddy(): label for label in editor.findChildren(QLabel) if label.buddy()}
    for field in fields:
        assert field in buddies, field.accessibleName()
        assert focus.mnemonic(buddies[field].text()), buddies[field].text()
    assert focus.mnemonic(editor.publish_on.text())


def test_mnemonics_are_unique_across_the_window(
    qtbot: QtBot, window: MainWindow, stories: list[int]
) -> None:
    """Alt and a letter goes one place only: the menu bar's and the open story's letters."""
    window.open_story(stories[0])
    letters: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        letters.setdefault(focus.mnemonic(action.text()), []).append(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        text = ""
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif hasattr(widget, "text") and not isinstance(widget, QLabel):
            from PySide6.QtWidgets import QAbstractButton

            if isinstance(widget, QAbstractButton) and not widget.property("noMnemonic"):
                text = widget.text()
        letter = focus.mnemonic(text)
        if letter:
            letters.setdefault(letter, []).append(text)
    letters.pop("", None)
    assert {k: v for k, v in letters.items() if len(v) > 1} == {}


def test_with_mnemonics_gives_each_text_a_free_letter() -> None:
    assert focus.with_mnemonics(["Headline", "Status", "Section"]) == [
        "&Headline",
        "&Status",
        "S&ection",
    ]
    assert focus.with_mnemonics(["Pictures && tweets"], "p") == ["Pictures && &tweets"]
    assert focus.with_mnemonics(["&Open", "Other"]) == ["&Open", "O&ther"]
    assert focus.mnemonic("Pictures && t&weets") == "w"
    assert focus.mnemonic("Pictures && tweets") == ""


def test_the_shortcuts_dialog_lists_the_new_keys(qtbot: QtBot, window: MainWindow) -> None:
    """F1: the pane, tab and panel keys are there to be found."""
    from editordesk.gui.dialogs.shortcuts import ShortcutsDialog

    rows: list[tuple[str, str]] = []

    def read(dialog: QWidget) -> None:
        try:
            assert isinstance(dialog, ShortcutsDialog)
            rows.extend(dialog.rows())
        finally:
            dialog.reject()

    on_next_dialog(read)
    press(qtbot, Key.Key_F1)
    for row in (
        ("View", ""),
        ("Next pane", "Ctrl+Tab"),
        ("Previous pane", "Ctrl+Shift+Tab"),
        ("Next story tab", "Ctrl+PgDown"),
        ("Checks panel", "Alt+2"),
        ("Pictures & tweets panel", "Alt+4"),
        ("Widen the list", "Ctrl+Alt+Right"),
    ):
        assert row in rows


def test_one_tab_crosses_the_tweet_and_report_dates(qtbot: QtBot, store: Store) -> None:
    from editordesk.gui.dialogs.tweet import TweetDialog
    from editordesk.gui.library.credits import CreditsReportDialog

    tweet = TweetDialog(store)
    report = CreditsReportDialog(store)
    for dialog, date in ((tweet, tweet.date), (report, report.start_edit)):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=3000)
        date.setEnabled(True)
        date.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, Key.Key_Tab)
        assert focused() is not date and not date.isAncestorOf(focused())
        press(qtbot, Key.Key_Backtab, SHIFT)
        assert focused() is date
        dialog.close()


def test_enter_in_a_picture_field_never_imports(qtbot: QtBot, store: Store) -> None:
    """Enter in the library's fields: the search searches, the details' fields save (when
    there is something to save); neither opens Import pictures' file chooser."""
    from PySide6.QtWidgets import QPushButton

    from editordesk.gui.library.view import LibraryDialog

    dialog = LibraryDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    view = dialog.view
    view.import_button.clicked.disconnect()
    view.credits_button.clicked.disconnect()
    clicked: list[str] = []
    for button in dialog.findChildren(QPushButton):
        button.clicked.connect(lambda _c=False, b=button: clicked.append(b.text()))
    for field in (view.search_edit, *view.panel.edits.values()):
        field.setEnabled(True)
        field.setFocus()
        press(qtbot, Key.Key_Return)
    assert view.import_button.text() not in clicked
    assert view.credits_button.text() not in clicked
    assert dialog.isVisible()
    dialog.done(0)


def test_in_the_visual_editor_enter_and_ctrl_tab_reach_its_page(
    qtbot: QtBot, visual_window: MainWindow, stories: list[int]
) -> None:
    window = visual_window
    window.story_list.refresh()
    open_first_story(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    page = editor.body_widget()
    assert page is not editor.body and page.isVisible()  # the visual editor's page
    assert focused() is page
    press(qtbot, Key.Key_Tab, CTRL)
    assert inside(editor.side)
    press(qtbot, Key.Key_Tab, CTRL | SHIFT)
    assert focused() is page
    _ring_shows_around(qtbot, page)
