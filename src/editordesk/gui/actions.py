"""The window's commands as data: every menu, its actions with their keys, tips and icons,
the toolbar, and which commands need an open store or an open story. The window gives the
slots; nothing here knows what a command does."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
)

from editordesk.gui import theme
from editordesk.gui.focus import name_toolbar_overflow, without_mnemonic

SK = QKeySequence.StandardKey
Key = str | QKeySequence.StandardKey | None


@dataclass(frozen=True)
class Command:
    """One menu entry: `name` is also the slot's key and the action's object name."""

    name: str
    text: str
    key: Key = None
    tip: str = ""
    icon: str = ""
    checkable: bool = False


SEPARATOR = None
COLUMNS_MENU = "columns"  # the Story menu's "List columns" submenu, filled when it opens
SORT_MENU = "sort"  # the View menu's "Sort the list by" submenu, filled when it opens
LIST_ACTIONS = "list"  # the story list's actions on the selected stories
TABLE_MENU = "table_menu"  # the Insert menu's "Edit table" submenu (TABLE_COMMANDS)
# Commands on whatever text box has the focus (QLineEdit and QPlainTextEdit alike): the
# window need not give slots for them.
FOCUS_COMMANDS = ("cut", "copy", "paste", "paste_plain", "select_all")

MENUS: tuple[tuple[str, tuple[Command | str | None, ...]], ...] = (
    (
        "&File",
        (
            Command("new", "&New story", SK.New, "Start a new draft", "document-new"),
            Command(
                "open", "&Open story…", SK.Open, "Find a story to open in the list", "document-open"
            ),
            Command("save", "&Save", SK.Save, "Save the story as a new revision", "document-save"),
            Command("close", "&Close story", "Ctrl+W", "Close the current story", "window-close"),
            SEPARATOR,
            Command(
                "import",
                "&Import…",
                "Ctrl+Shift+I",
                "Import Markdown (.md) or Word (.docx) files as new drafts",
                "document-import",
            ),
            Command(
                "export",
                "&Export…",
                "Ctrl+E",
                "Export the stories selected in the list (or the open one)",
                "document-export",
            ),
            Command(
                "publish",
                "P&ublish…",
                "Ctrl+Shift+P",
                "Publish the stories selected in the list (or the open one) to a WordPress site",
                "document-send",
            ),
            SEPARATOR,
            Command(
                "sample",
                "Add the s&ample story",
                tip="Add the sample story that shows every feature",
            ),
            Command(
                "preferences",
                "&Preferences…",
                SK.Preferences,
                "Store, your name, autosave and export settings",
                "preferences-system",
            ),
            Command("sites", "Si&tes…", tip="The sites stories are published to"),
            SEPARATOR,
            Command("quit", "&Quit", SK.Quit, "Quit EditorDesk", "application-exit"),
        ),
    ),
    (
        "&Edit",
        (
            Command("undo", "&Undo", SK.Undo, "Undo the last change", "edit-undo"),
            Command("redo", "&Redo", SK.Redo, "Redo what was undone", "edit-redo"),
            SEPARATOR,
            Command("cut", "Cu&t", SK.Cut, "Cut the selection to the clipboard", "edit-cut"),
            Command("copy", "&Copy", SK.Copy, "Copy the selection", "edit-copy"),
            Command("paste", "&Paste", SK.Paste, "Paste from the clipboard", "edit-paste"),
            Command(
                "paste_plain",
                "Paste as plain te&xt",
                "Ctrl+Shift+V",
                "Paste the clipboard's text without its formatting",
            ),
            Command(
                "select_all", "Select &all", SK.SelectAll, "Select all the text", "edit-select-all"
            ),
            SEPARATOR,
            Command("find", "&Find…", SK.Find, "Find text in the story", "edit-find"),
            Command(
                "replace",
                "R&eplace…",
                "Ctrl+H",
                "Find and replace in the story's fields and body",
                "edit-find-replace",
            ),
            Command(
                "search",
                "Search &stories…",
                "Ctrl+Shift+F",
                "Search every story in the store",
                "system-search",
            ),
        ),
    ),
    (
        "&View",
        (
            Command(
                "source",
                "&Markdown source",
                "Ctrl+Shift+M",
                "Edit the body as Markdown with shortcodes; again for the visual editor",
                checkable=True,
            ),
            SEPARATOR,
            # Ctrl+Tab is the window's everywhere, also over the tab bars (Qt's tab widgets
            # would take it to switch tabs): story tabs switch with Ctrl+PgDown/PgUp.
            Command(
                "next_pane",
                "&Next pane",
                "Ctrl+Tab",
                "Move to the next part of the window: story list, story, side panel",
            ),
            Command(
                "previous_pane",
                "&Previous pane",
                "Ctrl+Shift+Tab",
                "Move to the previous part of the window",
            ),
            Command("next_story", "Next story &tab", "Ctrl+PgDown", "Show the next open story"),
            Command(
                "previous_story", "Previous story ta&b", "Ctrl+PgUp", "Show the previous open story"
            ),
            SEPARATOR,
            Command("side_preview", "Pre&view panel", "Alt+1", "Show the story's preview"),
            Command("side_checks", "&Checks panel", "Alt+2", "Show what a desk would reject"),
            Command("side_related", "&Related panel", "Alt+3", "Show the related links"),
            Command(
                "side_assets",
                "P&ictures && tweets panel",
                "Alt+4",
                "Show the pictures and tweets in the story",
            ),
            SEPARATOR,
            SORT_MENU,
            Command(
                "widen_list", "&Widen the list", "Ctrl+Alt+Right", "Give the story list more room"
            ),
            Command(
                "narrow_list", "N&arrow the list", "Ctrl+Alt+Left", "Give the story list less room"
            ),
            Command(
                "widen_side",
                "Wi&den the side panel",
                "Ctrl+Alt+Shift+Left",
                "Give the side panel more room beside the body",
            ),
            Command(
                "narrow_side",
                "Narrow the side pane&l",
                "Ctrl+Alt+Shift+Right",
                "Give the side panel less room beside the body",
            ),
        ),
    ),
    (
        "F&ormat",
        (
            Command("bold", "&Bold", "Ctrl+B", "Make the selection bold"),
            Command("italic", "&Italic", "Ctrl+I", "Make the selection italic"),
            Command("link", "&Link…", "Ctrl+K", "Link the selection to a web address"),
            Command("heading1", "Heading &1", "Ctrl+1", "Make the line a heading"),
            Command("heading2", "Heading &2", "Ctrl+2", "Make the line a subheading"),
            Command("heading3", "Heading &3", "Ctrl+3", "Make the line a minor heading"),
            Command("bullets", "B&ulleted list", "Ctrl+Shift+8", "Bulleted list"),
            Command("numbers", "&Numbered list", "Ctrl+Shift+7", "Numbered list"),
            Command("quote", "&Quote", "Ctrl+Shift+.", "Block quote"),
            Command(
                "strikethrough", "S&trikethrough", "Ctrl+Shift+X", "Strike through the selection"
            ),
            Command("code_block", "&Code block", tip="Make the lines a block of code"),
        ),
    ),
    (
        "&Insert",
        (
            Command(
                "figure",
                "&Figure…",
                "Ctrl+Shift+G",
                "Insert a picture from the library (import new ones there)",
            ),
            Command(
                "figure_file",
                "Figure from a fi&le…",
                "",
                "Insert a picture straight from a file; it joins the library",
            ),
            Command("tweet", "&Tweet…", "Ctrl+Shift+T", "Embed a tweet by pasting its link"),
            SEPARATOR,
            Command("table", "T&able…", tip="Insert a table of the rows and columns you choose"),
            TABLE_MENU,
            Command(
                "footnote",
                "Foot&note",
                "Ctrl+Alt+F",
                "Insert a footnote reference here and its note at the end",
            ),
            Command("rule", "Horizontal &rule", tip="Insert a line across the page"),
        ),
    ),
    (
        "&Story",
        (
            Command(
                "history",
                "&History…",
                "Ctrl+Shift+H",  # Ctrl+H is Replace, as in every editor
                "Every saved revision: compare and restore",
                "document-open-recent",
            ),
            Command("preview", "&Preview", "F8", "Show or hide the live preview", checkable=True),
            Command(
                "dark_preview",
                "Preview in &dark colours",
                tip="Show the preview as the page looks in a reader's dark mode (its own "
                "dark colours); off, as it looks in light mode",
                checkable=True,
            ),
            SEPARATOR,
            LIST_ACTIONS,
            SEPARATOR,
            COLUMNS_MENU,
        ),
    ),
    (
        "&Library",
        (
            Command(
                "library",
                "&Picture library…",
                "Ctrl+Shift+L",
                "Every picture with its caption, credit and alt text; import new ones",
            ),
            Command(
                "credits",
                "Photo &credits report…",
                "Ctrl+Shift+R",
                "The pictures used in the selected stories or a date range, with credits",
            ),
        ),
    ),
    (
        "&Help",
        (
            Command("shortcuts", "&Keyboard shortcuts", "F1", "Every command and its keys"),
            Command("about", "&About EditorDesk", tip="Version and licences"),
        ),
    ),
)

# The "Edit table" submenu: enabled when the cursor is in a table in the visual editor.
TABLE_TITLE = "Edit ta&ble"
TABLE_COMMANDS = (
    Command("table_row_above", "Add row &above", tip="Add a row above the cursor's"),
    Command("table_row_below", "Add row &below", tip="Add a row below the cursor's"),
    Command("table_column_left", "Add column &left", tip="Add a column left of the cursor's"),
    Command("table_column_right", "Add column &right", tip="Add a column right of the cursor's"),
    Command("table_remove_row", "Remove r&ow", tip="Remove the cursor's row"),
    Command("table_remove_column", "Remove &column", tip="Remove the cursor's column"),
    Command("table_align_left", "Align column l&eft", tip="Align the column's cells left"),
    Command("table_align_center", "Align column ce&nter", tip="Centre the column's cells"),
    Command("table_align_right", "Align column r&ight", tip="Align the column's cells right"),
    Command("table_delete", "&Delete table", tip="Remove the whole table"),
)

TOOLBAR = (
    "new",
    "save",
    None,
    "bold",
    "italic",
    "link",
    "heading2",
    "bullets",
    "numbers",
    "quote",
    None,
    "figure",
    "tweet",
    None,
    "history",
    "preview",
)

NEEDS_STORE = (
    "new",
    "open",
    "sample",
    "search",
    "import",
    "export",
    "publish",
    "sites",
    "library",
    "credits",
)
NEEDS_STORY = (
    "save",
    "close",
    "bold",
    "italic",
    "link",
    "heading1",
    "heading2",
    "heading3",
    "bullets",
    "numbers",
    "quote",
    "strikethrough",
    "code_block",
    "figure",
    "figure_file",
    "tweet",
    "table",
    "footnote",
    "rule",
    "history",
    "side_preview",
    "side_checks",
    "side_related",
    "side_assets",
    "widen_side",
    "narrow_side",
    "find",
    "replace",
    "undo",
    "redo",
)


def menu_text(text: str) -> str:
    """A menu's, command's or tip's text in the window's language: the menus are kept as
    data here, so they are translated as they are built (context "Menus"; the texts reach
    the .ts files through packaging/translations.py)."""
    return QCoreApplication.translate("Menus", text)


def make_action(window: QMainWindow, command: Command, slot: Callable[[], object]) -> QAction:
    """The QAction for `command`, added to `window` so its key works anywhere in it."""
    text = menu_text(command.text)
    action = QAction(text, window)
    key = command.key
    if key is SK.Preferences and not QKeySequence(SK.Preferences).count():
        key = "Ctrl+,"  # the platform has no preferences key
    if key is not None:
        action.setShortcut(QKeySequence(key))
    plain = without_mnemonic(text).rstrip("…")
    tip = menu_text(command.tip) if command.tip else plain
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if key is not None else tip)
    action.setStatusTip(tip)
    action.setObjectName(command.name)
    if command.icon:
        action.setIcon(QIcon.fromTheme(command.icon))
    if command.checkable:
        action.setCheckable(True)
        action.setChecked(True)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def focus_command(name: str) -> None:
    """Cut, copy, paste (plain) or select all in the text box that has the focus."""
    widget = QApplication.focusWidget()
    if name == "paste_plain":
        text = QGuiApplication.clipboard().text()
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            widget.insert(text)
        elif isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
            widget.insertPlainText(text)
        return
    method = {"select_all": "selectAll"}.get(name, name)
    if widget is not None and callable(getattr(widget, method, None)):
        getattr(widget, method)()


def build_menus(
    window: QMainWindow,
    slots: Mapping[str, Callable[[], object]],
    fill_columns: Callable[[QMenu], None],
    list_actions: Sequence[QAction] = (),
    fill_sort: Callable[[QMenu], None] | None = None,
    in_table: Callable[[], bool] = lambda: False,
) -> dict[str, QAction]:
    """The menu bar and the toolbar; returns every action by name. `in_table` says whether
    the story's cursor is in a table the table commands can change."""
    actions: dict[str, QAction] = {}
    slots = (
        {name: lambda n=name: focus_command(n) for name in FOCUS_COMMANDS}
        | {"dark_preview": lambda: _dark_preview(actions["dark_preview"])}
        | dict(slots)
    )
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(menu_text(title))
        for entry in entries:
            if entry is SEPARATOR:
                menu.addSeparator()
            elif entry == LIST_ACTIONS:
                for action in list_actions:
                    menu.addAction(action)
            elif entry == COLUMNS_MENU:
                columns = menu.addMenu(QCoreApplication.translate("Menus", "List &columns"))
                columns.setToolTip(
                    QCoreApplication.translate(
                        "Menus", "Choose the story list's columns (or right-click its header)"
                    )
                )
                columns.aboutToShow.connect(lambda m=columns: fill_columns(m))
            elif entry == SORT_MENU:
                sort = menu.addMenu(QCoreApplication.translate("Menus", "&Sort the list by"))
                sort.setToolTip(
                    QCoreApplication.translate(
                        "Menus", "Sort the story list by a column (or click its header)"
                    )
                )
                if fill_sort is not None:
                    fill_sort(sort)  # filled now too, so its entries can be listed and tested
                    sort.aboutToShow.connect(lambda m=sort: fill_sort(m))
            elif entry == TABLE_MENU:
                table = menu.addMenu(menu_text(TABLE_TITLE))
                table.setObjectName("table_menu")
                table.setToolTip(
                    QCoreApplication.translate(
                        "Menus", "Rows, columns and alignment of the table the cursor is in"
                    )
                )
                for command in TABLE_COMMANDS:
                    actions[command.name] = make_action(window, command, slots[command.name])
                    actions[command.name].setEnabled(False)
                    table.addAction(actions[command.name])
                table.aboutToShow.connect(lambda: enable_table(actions, in_table()))
            else:
                assert isinstance(entry, Command)
                actions[entry.name] = make_action(window, entry, slots[entry.name])
                menu.addAction(actions[entry.name])
    toolbar = QToolBar(QCoreApplication.translate("Menus", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setAccessibleName(QCoreApplication.translate("Menus", "Main toolbar"))
    for name in TOOLBAR:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[name])
    window.addToolBar(toolbar)
    name_toolbar_overflow(toolbar)
    actions["dark_preview"].setChecked(theme.theme_watcher().dark_preview)
    return actions


def enable_table(actions: Mapping[str, QAction], in_table: bool) -> None:
    """The table commands work only with the cursor in a table of a writable story's visual
    editor (the Markdown source has no cells to add to)."""
    for command in TABLE_COMMANDS:
        actions[command.name].setEnabled(in_table)


def _dark_preview(action: QAction) -> None:
    """Every story's preview in the page's dark colours, or in its light ones."""
    theme.theme_watcher().set_dark_preview(action.isChecked())


# What changes the story in front: none of it works while the story is read-only.
CHANGES_STORY = (
    "save",
    "bold",
    "italic",
    "link",
    "heading1",
    "heading2",
    "heading3",
    "bullets",
    "numbers",
    "quote",
    "strikethrough",
    "code_block",
    "figure",
    "figure_file",
    "tweet",
    "table",
    "footnote",
    "rule",
    "replace",
    "undo",
    "redo",
)
READ_ONLY_TIP = "Read-only: {who} is editing this story. Use “Edit it” or “Take over” first."


def enable(
    actions: Mapping[str, QAction],
    *,
    has_store: bool,
    has_story: bool,
    read_only_by: str | None = None,
) -> None:
    """Commands that need a store wait for it; those that act on a story need one open, and
    those that change it need it writable (`read_only_by` names who holds it otherwise)."""
    for name in NEEDS_STORE:
        actions[name].setEnabled(has_store)
    for name in NEEDS_STORY:
        actions[name].setEnabled(has_story and has_store)
    if TABLE_COMMANDS[0].name in actions and (not has_story or read_only_by is not None):
        enable_table(actions, False)  # otherwise set as the Edit table submenu opens
    save = actions["save"]
    if save.property("plainTip") is None:
        save.setProperty("plainTip", save.toolTip())
    if read_only_by is None:
        save.setToolTip(str(save.property("plainTip")))
        return
    for name in CHANGES_STORY:
        if name in actions:
            actions[name].setEnabled(False)
    who = read_only_by or QCoreApplication.translate("Menus", "someone else")
    why = menu_text(READ_ONLY_TIP).format(who=who)
    save.setToolTip(why)
    save.setStatusTip(why)
