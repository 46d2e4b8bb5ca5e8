"""The story list editors work from all day: search as they type, filter by status, section
and tag, sort by any column, open a story with Enter or a double-click."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QActionGroup, QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import plain
from editordesk.gui.focus import mnemonic as focus_mnemonic
from editordesk.gui.focus import name_clear_button, with_mnemonics
from editordesk.gui.story_list.commands import StoryListCommands
from editordesk.gui.story_list.model import (
    BYLINE,
    COLUMNS,
    HEADLINE,
    SECTION,
    STATUS,
    UPDATED,
    WORDS,
    StoryFilters,
    StoryListModel,
    column_title,
    describe_error,
    status_word,
)
from editordesk.gui.workers import run_in_background
from editordesk.model import StoryStatus

if TYPE_CHECKING:
    from editordesk.store.db import Store

SEARCH_DELAY_MS = 250
BUSY_NOTICE_MS = 400  # a read slower than this says so in the status line
HEADER_KEY = "storyList/header"
CHOSEN_KEY = "storyList/columnsChosen"  # the editor picked the columns: no more fitting
HEADLINE_ROOM = 180  # px the headline keeps before columns give way in a narrow list
FIT_ORDER = (WORDS, BYLINE, SECTION, UPDATED, STATUS)  # the first give way first
SEARCH_PLACEHOLDER = "Search stories"
SEARCH_CHARS = 25  # the box shows at least this many characters of a search
TRASH = "trash"  # the status filter's last choice: the stories deleted to the trash
# The status filter's choices about sites, before Trash: (words, filter value, tooltip)
PUBLISHED_CHOICES = (
    ("Published on a site", "site", "Stories published to a site with Publish…"),
    ("Changed since publishing", "changed", "Stories saved again since they were published"),
)
SEARCH_TIP = (
    'Words must all match; use "quoted phrases", OR, -word to leave out, word* for a '
    "prefix, and headline:, standfirst:, body: or tags: to look in one field. "
    "Press Down to move into the list."
)


def _load_choices(store: Store) -> tuple[list[str], list[str]]:
    from editordesk.services.stories import list_sections, list_tags

    """Runs on a worker: the sections and tags the filters offer."""
    with store.read() as session:
        return list_sections(session), list_tags(session)


class StoryListWidget(QWidget):
    """Search box and filters above the story table, a one-line summary below it."""

    open_requested = Signal(int)  # a story id: Enter or double-click on its row
    current_changed = Signal(int)  # the selected story's id, or -1 when none is

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._current_id = -1
        self._pending_select: int | None = None
        self._scroll_after_load = False
        self._choices_generation = 0
        self._choices_wanted = True  # read after the rows: the list is what is waited for

        self.model = StoryListModel(store, self)
        plain.guard_tooltips()  # the list shows stories' own words in its tooltips

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search stories"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search stories"))
        self.search_edit.setToolTip(SEARCH_TIP)
        name_clear_button(self.search_edit)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_NOTICE_MS)

        self.status_combo = self._combo(
            self.tr("Status filter"), self.tr("Show only stories with this status")
        )
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in StoryStatus:
            self.status_combo.addItem(status_word(status), status)
        published = {
            "site": (
                self.tr("Published on a site"),
                self.tr("Stories published to a site with Publish…"),
            ),
            "changed": (
                self.tr("Changed since publishing"),
                self.tr("Stories saved again since they were published"),
            ),
        }
        for english, value, english_tip in PUBLISHED_CHOICES:
            words, tip = published.get(value, (english, english_tip))
            self.status_combo.addItem(words, value)
            self.status_combo.setItemData(
                self.status_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.status_combo.addItem(self.tr("Trash"), TRASH)
        self.status_combo.setItemData(
            self.status_combo.count() - 1,
            self.tr("Stories deleted to the trash: restore them or empty it"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.section_combo = self._combo(
            self.tr("Section filter"), self.tr("Show only stories in this section")
        )
        self.section_combo.addItem(self.tr("All sections"), "")
        self.tag_combo = self._combo(
            self.tr("Tag filter"), self.tr("Show only stories with this tag")
        )
        self.tag_combo.addItem(self.tr("All tags"), "")

        self.table_view = QTableView(self)
        self._setup_table()
        self.commands = StoryListCommands(
            self,
            self.table_view,
            lambda: self._store,
            self.selected_story_ids,
            lambda: self.model.filters.trash,
        )
        self.commands.open_requested.connect(self.open_requested)
        self.commands.changed.connect(self.refresh)
        self.commands.message.connect(lambda text: plain.show_status(self, text, 5000))
        self.table_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table_view.customContextMenuRequested.connect(self._show_story_menu)

        self.status_label = plain.plain_label(QLabel(self))  # it repeats searches and errors
        self.status_label.setAccessibleName(self.tr("Story list status"))
        self.status_label.setToolTip(self.tr("How many stories the list shows"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        filters_row = QHBoxLayout()
        filters_row.setContentsMargins(0, 0, 0, 0)
        room = self.search_edit.fontMetrics()
        self.search_edit.setMinimumWidth(
            max(
                room.averageCharWidth() * SEARCH_CHARS,
                room.horizontalAdvance(self.search_edit.placeholderText()),
            )
            + 48  # the clear button and the frame
        )
        filters_row.addWidget(self.status_combo)
        filters_row.addWidget(self.section_combo)
        filters_row.addWidget(self.tag_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)  # a row of its own: room to read a search
        filters_row.addStretch(1)
        layout.addLayout(filters_row)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(self.status_label)
        self.setFocusProxy(self.search_edit)

        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filters)
        self.search_edit.installEventFilter(self)
        self._search_timer.timeout.connect(self._apply_filters)
        for combo in (self.status_combo, self.section_combo, self.tag_combo):
            combo.currentIndexChanged.connect(lambda _row: self._apply_filters())
        self.model.load_started.connect(self._busy_timer.start)
        self._busy_timer.timeout.connect(self._show_busy)
        self.model.loaded.connect(self._on_loaded)
        self.table_view.horizontalHeader().sortIndicatorChanged.connect(self._scroll_on_next_load)
        self.table_view.selectionModel().currentRowChanged.connect(lambda *_: self._sync_current())
        self.table_view.selectionModel().selectionChanged.connect(lambda *_: self.commands.update())
        self.table_view.doubleClicked.connect(self._open_index)
        self.table_view.installEventFilter(self)

        self._show_status(
            self.tr("Loading stories…") if store is not None else self.tr("No store is open")
        )
        self.model.reload()

    # ------------------------------------------------------------ building

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 16))
        # As wide as its entries where there is room, but it may give way: a long entry
        # ("Changed since publishing") must not set the window's least width.
        combo.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 5))
        return combo

    def _setup_table(self) -> None:
        view = self.table_view
        view.setModel(self.model)
        view.setAccessibleName(self.tr("Stories"))
        view.setToolTip(self.tr("Stories: press Enter or double-click to open one"))
        view.setAccessibleDescription(
            self.tr("Press Enter or double-click to open the selected story")
        )
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several stories may be chosen (Ctrl/Shift-click) for a batch export.
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setShowGrid(False)
        view.setTabKeyNavigation(False)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        measure = self.fontMetrics().horizontalAdvance
        widths = {
            STATUS: measure("Published") + 48,
            SECTION: measure("Transport") + 28,
            BYLINE: measure("Siobhan Kerr") + 28,
            UPDATED: measure("27 Nov 2025 21:14") + 28,
            WORDS: measure("Words") + 36,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        self._widths = widths  # as last seen shown: a hidden section reports 0
        header.sectionResized.connect(self._remember_width)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)  # newest or best match first
        view.setSortingEnabled(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        header.setToolTip(self.tr("Right-click to choose the columns"))
        self._columns_chosen = False  # until then, columns give way when the list is narrow
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    # ------------------------------------------------------------ public

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        """Read the list and the filter choices again (after a save, or a change made
        elsewhere), keeping filters, sort, scroll position and the selected story."""
        self._choices_wanted = True
        self.model.refresh()

    def set_store(self, store: Store | None) -> None:
        """Show another store's stories; filters and sort stay as they are."""
        self._store = store
        self._pending_select = None
        self._scroll_after_load = True
        self._choices_wanted = True
        self.model.set_store(store)

    def select_story(self, story_id: int) -> None:
        """Select the story's row and scroll to it. If a load is on its way (just after
        `refresh()`), the story is selected when it arrives, should it be listed."""
        self._pending_select = story_id
        if not self.model.is_loading:
            self._select_pending()

    def current_story_id(self) -> int:
        """The selected story's id, or -1."""
        return self._current_id

    def selected_story_ids(self) -> list[int]:
        """Every selected story's id, in list order (for batch work such as export)."""
        rows = sorted({i.row() for i in self.table_view.selectionModel().selectedRows()})
        return [self.model.story_id(row) for row in rows]

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(HEADER_KEY, self.table_view.horizontalHeader().saveState())
        settings.setValue(CHOSEN_KEY, self._columns_chosen)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header = self.table_view.horizontalHeader()
            header.restoreState(state)
            for column in self._widths:
                if not header.isSectionHidden(column):
                    self._widths[column] = header.sectionSize(column)
            self._columns_chosen = settings.value(CHOSEN_KEY, False, type=bool)
            self._fit_columns()

    # ------------------------------------------------------------ columns

    def column_menu(self) -> QMenu:
        """The header's right-click menu: a tick for each column the editor may hide."""
        menu = QMenu(self.tr("Columns"), self)
        self.fill_column_menu(menu)
        return menu

    def fill_column_menu(self, menu: QMenu) -> None:
        """(Re)fill `menu` with the columns as they are now (also the Story menu's submenu)."""
        menu.clear()
        header = self.table_view.horizontalHeader()
        texts = with_mnemonics(
            [column_title(c) for c in range(len(COLUMNS))]
            + [self.tr("Fit columns to the list's width")]
        )
        for column, _spec in enumerate(COLUMNS):
            action = menu.addAction(texts[column])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != HEADLINE)  # a list without headlines says nothing
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.addSeparator()
        fit = menu.addAction(texts[-1])
        fit.setToolTip(self.tr("Hide the least needed columns whenever the list is narrow"))
        fit.triggered.connect(self.fit_columns_automatically)

    def fill_sort_menu(self, menu: QMenu) -> None:
        """(Re)fill the View menu's "Sort the list by": the natural order and each column, the
        one in use ticked (choosing it again reverses it, as a second click on its header)."""
        menu.clear()
        natural = self.tr("Newest first (best match while searching)")
        titles = [column_title(c) for c in range(len(COLUMNS))]
        texts = with_mnemonics([natural, *titles, self.tr("Reverse the order")])
        column = self.model.sort_column
        group = QActionGroup(menu)
        for index, text in enumerate(texts[:-1]):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setActionGroup(group)
            action.setChecked((index - 1 if index else None) == column)
            action.triggered.connect(lambda _c=False, c=index - 1: self.sort_by(c))
        menu.addSeparator()
        reverse = menu.addAction(texts[-1])
        reverse.setEnabled(column is not None)
        reverse.triggered.connect(self.reverse_sort)

    def sort_by(self, column: int) -> None:
        """Sort by `column` (-1: newest first), as a click on its header would; by the column
        in use already, the other way round."""
        header = self.table_view.horizontalHeader()
        if column < 0:
            header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        elif column == self.model.sort_column:
            self.reverse_sort()
        else:
            header.setSortIndicator(column, COLUMNS[column].first_click)

    def reverse_sort(self) -> None:
        column = self.model.sort_column
        if column is not None:
            order = self.model.sort_order
            other = (
                Qt.SortOrder.DescendingOrder
                if order == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
            self.table_view.horizontalHeader().setSortIndicator(column, other)

    def show_column(self, column: int, shown: bool) -> None:
        """Show or hide a column as the editor chose; from now on the choice stands."""
        if column == HEADLINE:
            return
        self._columns_chosen = True
        self.table_view.horizontalHeader().setSectionHidden(column, not shown)

    def fit_columns_automatically(self) -> None:
        """Go back to hiding the least needed columns when the list is narrow."""
        self._columns_chosen = False
        self._fit_columns()

    def replace_in_selected(self) -> None:
        """Find & Replace across the selected stories, after a preview of every change."""
        from editordesk.gui.dialogs.find_replace import ReplaceInStoriesDialog

        ids = self.selected_story_ids()
        if self._store is None or not ids:
            return
        dialog = ReplaceInStoriesDialog(self._store, ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_column_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table_view.horizontalHeader().mapToGlobal(pos))

    def _fit_columns(self) -> None:
        """Hide columns, least needed first, until the headline has room; bring them back as
        the list widens. An editor who picked the columns keeps them."""
        if self._columns_chosen:
            return
        header = self.table_view.horizontalHeader()
        room = self.table_view.viewport().width() - HEADLINE_ROOM
        for column in reversed(FIT_ORDER):  # the most needed claim their room first
            fits = self._widths[column] <= room
            if header.isSectionHidden(column) == fits:
                header.setSectionHidden(column, not fits)
            if fits:
                room -= self._widths[column]

    def _remember_width(self, column: int, _old: int, new: int) -> None:
        if new > 0 and column != HEADLINE:
            self._widths[column] = new

    # ------------------------------------------------------------ filters

    def _filters_shown(self) -> StoryFilters:
        status = self.status_combo.currentData()
        published = {value for _words, value, _tip in PUBLISHED_CHOICES}
        return StoryFilters(
            status=None if status == TRASH or status in published else status,
            trash=status == TRASH,
            published=status if status in published else "",
            section=self.section_combo.currentData() or "",
            tag=self.tag_combo.currentData() or "",
            query=self.search_edit.text(),
        )

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        before = self.model.filters
        self.model.set_filters(self._filters_shown())
        if self.model.filters != before:
            self._scroll_on_next_load()

    def _scroll_on_next_load(self, *_: object) -> None:
        """A new order or new filters: show the selected story, or else the top."""
        self._scroll_after_load = True

    def _reload_choices(self) -> None:
        self._choices_generation += 1
        generation = self._choices_generation
        if self._store is None:
            self._fill_choices(generation, ([], []))
            return

        def done(choices: tuple[list[str], list[str]]) -> None:
            if shiboken6.isValid(self):
                self._fill_choices(generation, choices)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self) and generation == self._choices_generation:
                self._show_status(describe_error(exc), problem=True)

        run_in_background(_load_choices, self._store, on_done=done, on_error=failed)

    def _fill_choices(self, generation: int, choices: tuple[list[str], list[str]]) -> None:
        if generation != self._choices_generation:
            return
        sections, tags = choices
        for combo, values in ((self.section_combo, sections), (self.tag_combo, tags)):
            chosen = combo.currentData() or ""
            if chosen and chosen not in values:
                values = [chosen, *values]  # keep the filter the editor set, even if now empty
            combo.blockSignals(True)
            try:
                while combo.count() > 1:
                    combo.removeItem(1)
                for value in values:
                    combo.addItem(plain.shorten(value, 200), value)
                combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            finally:
                combo.blockSignals(False)

    # ------------------------------------------------------------ after each load

    def _on_loaded(self) -> None:
        self._busy_timer.stop()
        if self._choices_wanted:
            self._choices_wanted = False
            self._reload_choices()
        self._select_pending()
        self._sync_current()
        if self._scroll_after_load:
            self._scroll_after_load = False
            current = self.table_view.currentIndex()
            if current.isValid():
                self.table_view.scrollTo(current)
            else:
                self.table_view.scrollToTop()
        self._show_summary()

    def _select_pending(self) -> None:
        if self._pending_select is None:
            return
        row = self.model.row_of(self._pending_select)
        self._pending_select = None
        if row < 0:
            return
        index = self.model.index(row, HEADLINE)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table_view.selectionModel().setCurrentIndex(index, flags)
        self.table_view.scrollTo(index)

    def _sync_current(self) -> None:
        index = self.table_view.currentIndex()
        story_id = self.model.story_id(index.row()) if index.isValid() else -1
        if story_id != self._current_id:
            self._current_id = story_id
            self.current_changed.emit(story_id)

    def _show_summary(self) -> None:
        model = self.model
        if model.error_message:
            message = model.error_message
            self._show_status(message[:1].upper() + message[1:], problem=True)
            return
        count, filters = model.rowCount(), model.filters
        # One story is its own sentence; "%Ln" is the count in the window's locale (1,234).
        if self._store is None:
            text = self.tr("No store is open")
        elif filters.trash and count == 0 and not filters.query:
            text = self.tr("The trash is empty")
        elif filters.trash and not model.has_more:
            text = (
                self.tr("1 story in the trash")
                if count == 1
                else self.tr("%Ln stories in the trash", "", count)
            )
        elif count == 0 and filters.query:
            if replace(filters, query="").active:
                text = self.tr("No stories match “{0}” with these filters").format(filters.query)
            else:
                text = self.tr("No stories match “{0}”").format(filters.query)
        elif count == 0:
            text = (
                self.tr("No stories match these filters")
                if filters.active
                else self.tr("No stories yet")
            )
        elif model.has_more:
            text = self.tr("Showing %Ln of many — scroll for more", "", count)
        else:
            text = self.tr("1 story") if count == 1 else self.tr("%Ln stories", "", count)
        self._show_status(text)

    def _show_busy(self) -> None:
        if not self.model.is_loading:
            return
        if self.model.filters.query:
            self._show_status(self.tr("Searching for “{0}”…").format(self.model.filters.query))
        else:
            self._show_status(self.tr("Loading stories…"))

    def _show_status(self, text: str, *, problem: bool = False) -> None:
        palette = QPalette()  # sets nothing: the label follows the window's palette...
        if problem:  # ...but for a problem, in a calm amber readable on light and dark
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            palette.setColor(
                QPalette.ColorRole.WindowText, QColor("#e3b341" if dark else "#8a5300")
            )
        self.status_label.setPalette(palette)
        plain.set_plain(self.status_label, text)

    # ------------------------------------------------------------ keys

    def story_menu(self) -> QMenu:
        """The right-click menu for the selected stories."""
        menu = QMenu(self.tr("Stories"), self)
        self.commands.fill_menu(menu)
        menu.addSeparator()
        menu.addAction(self.tr("Replace in selected stories…"), self.replace_in_selected)
        taken = "".join(focus_mnemonic(a.text()) for a in menu.actions())
        for action in menu.actions():  # the last one gets a letter the others do not use
            if action.text() and not focus_mnemonic(action.text()):
                action.setText(with_mnemonics([action.text()], taken)[0])
        return menu

    def _show_story_menu(self, pos: QPoint) -> None:
        index = self.table_view.indexAt(pos)
        if index.isValid() and index.row() not in {
            i.row() for i in self.table_view.selectionModel().selectedRows()
        }:
            self.select_story(self.model.story_id(index.row()))
        menu = self.story_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table_view.viewport().mapToGlobal(pos))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.story_id(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if (
            watched is self.table_view
            and event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() != Qt.FocusReason.MouseFocusReason
        ):
            self._select_current()  # what the keyboard highlights is what is selected
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table_view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._select_current()
                self._open_index(self.table_view.currentIndex())
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Down:
                self._enter_list()
                return True
        return super().eventFilter(watched, event)

    def _enter_list(self) -> None:
        self.table_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._select_current()

    def _select_current(self) -> None:
        """With nothing selected, select the row the keyboard is on (the first if none), so
        a report or a command on the selected stories finds the one highlighted."""
        view = self.table_view
        if view.selectionModel().hasSelection() or self.model.rowCount() == 0:
            return
        current = view.currentIndex()
        index = self.model.index(current.row() if current.isValid() else 0, HEADLINE)
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
