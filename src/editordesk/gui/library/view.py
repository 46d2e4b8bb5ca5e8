"""The picture library in the window: a thumbnail grid to search and filter, the selected
picture's credits beside it, import by button or by dropping files, and the way into the
photo credits report. Usable as a dock, or in its own dialog."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import plain, theme
from editordesk.gui.focus import name_clear_button
from editordesk.gui.library.importer import (
    FILE_FILTER,
    ImportOutcome,
    import_paths,
    problems_text,
)
from editordesk.gui.library.model import ICON_SIZE, ImageFilters, ImageListModel, describe_error
from editordesk.gui.library.panel import ImageEditPanel
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:
    from editordesk.gui.library.credits import CreditsReportDialog
    from editordesk.model import ImageRecord
    from editordesk.store.db import Store

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
SEARCH_PLACEHOLDER = "Search file name, caption or credit"


class _ImportSignals(QObject):
    progress = Signal(int, int, str)


def local_files(mime: QMimeData) -> list[Path]:
    """The local files (and folders) a drag carries."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


LABEL_CHARS = 22  # a grid cell is wide enough for this many average characters of a label


def grid_cell(metrics: QFontMetrics) -> QSize:
    """A grid cell: the thumbnail with its two label lines (file name, credit) below, as
    wide as LABEL_CHARS characters of the font when that is wider, so a larger font keeps
    as much of each label as the default one."""
    width = max(ICON_SIZE + 32, metrics.averageCharWidth() * LABEL_CHARS + 16)
    return QSize(width, ICON_SIZE + 2 * metrics.lineSpacing() + 16)


LINE = "\u2028"  # how QStyledItemDelegate shows a label's "\n"


class CardLabels(QStyledItemDelegate):
    """Each line of a picture's label, its file name and its credit, shortened on its own to
    the cell's width: Qt shortens the two as one text and drops the credit line when it is
    the wider."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        super().initStyleOption(option, index)
        view = self.parent()
        width = option.rect.width() or (
            view.gridSize().width() if isinstance(view, QListView) else 0
        )
        if width <= 0 or not option.text:
            return
        metrics = option.fontMetrics
        room = width - 8  # the text's margins in the cell
        lines = option.text.split(LINE)  # the delegate's own line break, not "\n"
        option.text = LINE.join(
            metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, room) for line in lines
        )


class LibraryView(QWidget):
    """Search, filters and the thumbnail grid on the left, the selected picture's panel on
    the right, a status line with progress below.

    Signals: `insert_requested(image id)` (Insert button, double-click, Enter),
    `open_story_requested(story id)` (a story under "Used in"), `import_finished(outcome)`
    once imported pictures are shown and selected, `current_image_changed(image id)`."""

    insert_requested = Signal(int)
    open_story_requested = Signal(int)
    import_finished = Signal(object)  # ImportOutcome
    current_image_changed = Signal(int)

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._import_queue: list[Path] = []
        self._importing = False
        self._pending_import: ImportOutcome | None = None
        self._pending_select: int | None = None
        self._restoring_current = False
        self._last_folder = ""
        self._count_text = ""
        self.message_box: QMessageBox | None = None
        self.setAccessibleName(self.tr("Picture library"))
        self.setAcceptDrops(True)

        self.model = ImageListModel(store, self)
        plain.guard_tooltips()  # captions, credits and file names show in tooltips

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_edit.setClearButtonEnabled(True)
        theme.fit_line_edit(self.search_edit)  # the placeholder whole, never "S…"
        self.search_edit.setAccessibleName(self.tr("Search pictures"))
        name_clear_button(self.search_edit)
        self.search_edit.setToolTip(
            self.tr(
                "Show pictures whose file name, caption, credit, creator or source has all these "
                "words"
            )
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.missing_credit_check = QCheckBox(self.tr("Missing cre&dit"), self)
        self.missing_credit_check.setAccessibleName(self.tr("Missing credit"))
        self.missing_credit_check.setToolTip(
            self.tr("Show only pictures that have no credit line yet")
        )
        self.missing_alt_check = QCheckBox(self.tr("Missing alt te&xt"), self)
        self.missing_alt_check.setAccessibleName(self.tr("Missing alt text"))
        self.missing_alt_check.setToolTip(self.tr("Show only pictures that have no alt text yet"))
        self.import_button = QPushButton(self.tr("I&mport pictures…"), self)
        self.import_button.setAccessibleName(self.tr("Import pictures"))
        self.import_button.setToolTip(
            self.tr(
                "Add JPEG, PNG, WebP or GIF files to the library; their own credits and captions "
                "fill the fields. You can also drop files or folders on the library."
            )
        )
        self.credits_button = QPushButton(self.tr("Cr&edits report…"), self)
        self.credits_button.setAccessibleName(self.tr("Credits report"))
        self.credits_button.setToolTip(
            self.tr(
                "Every picture used in a period's stories, with its credit, creator and licence, "
                "as a table you can save as CSV"
            )
        )

        self.grid = QListView(self)
        self._setup_grid()

        self.panel = ImageEditPanel(store, self)
        self.panel_scroll = QScrollArea(self)
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.panel_scroll.setMinimumWidth(320)
        self.panel_scroll.setAccessibleName(self.tr("Picture details panel"))
        self.panel_scroll.setToolTip("")
        # Save and the other buttons stay below the panel, in sight however large the font.
        self.panel_side = QWidget(self)
        side = QVBoxLayout(self.panel_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.panel_scroll, 1)
        side.addWidget(self.panel.take_button_bar())

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.panel_side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        # It names files, searches and errors: shown as written, never as markup.
        self.status_label = plain.plain_label(QLabel(self))
        self.status_label.setAccessibleName(self.tr("Library status"))
        self.status_label.setToolTip(
            self.tr("How many pictures the grid shows, and work under way")
        )
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName(self.tr("Library progress"))
        self.progress_bar.setToolTip(self.tr("Thumbnails being made or pictures being imported"))
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.missing_credit_check)
        top.addWidget(self.missing_alt_check)
        top.addSpacing(12)
        top.addWidget(self.import_button)
        top.addWidget(self.credits_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.progress_bar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.search_edit)

        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filters)
        # Enter searches: the key stops here, so the dialog's default button (Import
        # pictures) does not take it.
        self.search_edit.installEventFilter(self)
        self._search_timer.timeout.connect(self._apply_filters)
        self.missing_credit_check.toggled.connect(lambda _on: self._apply_filters())
        self.missing_alt_check.toggled.connect(lambda _on: self._apply_filters())
        self.import_button.clicked.connect(self.choose_files)
        # Enter in a field saves the picture's details (when there is something to save)
        # and never opens a file chooser or the report.
        self.import_button.setAutoDefault(False)
        self.credits_button.setAutoDefault(False)
        self.panel.save_button.setDefault(True)
        self.credits_button.clicked.connect(lambda: self.open_credits_report())
        self.model.loaded.connect(self._on_loaded)
        self.model.thumbnail_progress.connect(self._thumbnail_progress)
        self.model.thumbnails_settled.connect(self._work_finished)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.grid.doubleClicked.connect(self._insert_index)
        self.panel.saved.connect(self._saved)
        self.panel.insert_requested.connect(self.insert_requested)
        self.panel.open_story_requested.connect(self.open_story_requested)

        self.status_label.setText(
            self.tr("Loading the library…") if store else self.tr("No store is open")
        )
        self.model.reload()

    def _setup_grid(self) -> None:
        grid = self.grid
        grid.setModel(self.model)
        grid.setItemDelegate(CardLabels(grid))
        grid.setViewMode(QListView.ViewMode.IconMode)
        grid.setResizeMode(QListView.ResizeMode.Adjust)
        grid.setMovement(QListView.Movement.Static)
        grid.setFlow(QListView.Flow.LeftToRight)
        grid.setWrapping(True)
        grid.setUniformItemSizes(True)
        grid.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        grid.setGridSize(grid_cell(self.fontMetrics()))
        grid.setSpacing(6)
        grid.setWordWrap(False)
        grid.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setDragEnabled(True)  # a picture dragged into a story lands where it is dropped
        grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        grid.setMinimumWidth(ICON_SIZE + 60)
        grid.setAccessibleName(self.tr("Pictures"))
        grid.setAccessibleDescription(
            self.tr(
                "The library's pictures, newest first. Enter or a double-click inserts the picture "
                "into the open story."
            )
        )
        grid.setToolTip("")  # each picture has its own tooltip
        grid.viewport().setAcceptDrops(True)
        grid.viewport().installEventFilter(self)
        grid.installEventFilter(self)

    # ------------------------------------------------------------ public

    @property
    def store(self) -> Store | None:
        return self._store

    def refresh(self) -> None:
        """Show what the store holds now (after stories were saved elsewhere, for instance)."""
        self.model.refresh()
        if not self.panel.is_dirty():
            self.panel.reload_uses()

    def current_image_id(self) -> int | None:
        record = self.panel.record()
        return record.id if record is not None else None

    def selected_image_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.grid.selectionModel().selectedIndexes())
        return [self.model.record(row).id for row in rows]

    def select_image(self, image_id: int) -> bool:
        """Make a picture the current one. One not loaded yet (the grid still filling, or on a
        later page) is fetched and shown first; False if the store has no such picture."""
        row = self.model.row_of(image_id)
        if row < 0 and self.model.is_loading:
            self._pending_select = image_id  # chosen once the first page is in
            return True
        if row < 0 and self._store is not None:
            from editordesk.services.images import get_image

            try:
                with self._store.read() as session:
                    record = get_image(session, image_id)
            except EditorDeskError:
                return False
            self.model.bring_to_top([record])
            row = self.model.row_of(image_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.grid.scrollTo(index)
        return True

    def set_filters(
        self, *, query: str = "", missing_credit: bool = False, missing_alt: bool = False
    ) -> None:
        """Set the search box and filter toggles (as an editor would) and show the result."""
        for widget in (self.search_edit, self.missing_credit_check, self.missing_alt_check):
            widget.blockSignals(True)
        self.search_edit.setText(query)
        self.missing_credit_check.setChecked(missing_credit)
        self.missing_alt_check.setChecked(missing_alt)
        for widget in (self.search_edit, self.missing_credit_check, self.missing_alt_check):
            widget.blockSignals(False)
        self._apply_filters()

    def insert_current(self) -> None:
        """Ask for the current picture to go into the open story."""
        image_id = self.current_image_id()
        if image_id is not None:
            self.insert_requested.emit(image_id)

    def confirm_discard(self) -> bool:
        """Before the library closes: True if there are no unsaved picture details, or the
        editor saved or dropped them."""
        if not self.panel.is_dirty():
            return True
        return self._resolve_unsaved()

    # ------------------------------------------------------------ importing

    def choose_files(self) -> None:
        """Import pictures chosen in a file dialog."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import pictures"), self._last_folder, FILE_FILTER
        )
        if paths:
            self._last_folder = str(Path(paths[0]).parent)
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: Iterable[Path | str]) -> None:
        """Import files (a folder gives the pictures in it) in the background, with progress.
        Problems are reported together; the imported pictures are shown selected."""
        wanted = [Path(p) for p in paths]
        if not wanted:
            return
        if self._store is None:
            self._show_message(
                self.tr("No store is open"), self.tr("Open a store before importing pictures.")
            )
            return
        self._import_queue.extend(wanted)
        if not self._importing:
            self._start_import()

    def _start_import(self) -> None:
        store = self._store
        assert store is not None
        paths, self._import_queue = self._import_queue, []
        self._importing = True
        signals = _ImportSignals()
        signals.progress.connect(self._import_progress)
        self._show_progress(0, len(paths), self.tr("Importing %n file(s)…", "", len(paths)))

        def done(outcome: ImportOutcome) -> None:
            signals.deleteLater()
            if shiboken6.isValid(self):
                self._imported(outcome)

        def failed(exc: Exception) -> None:
            signals.deleteLater()
            if shiboken6.isValid(self):
                self._importing = False
                self._work_finished()
                self._show_message(
                    self.tr("The import stopped"),
                    describe_error(exc, self.tr("the pictures could not be imported")),
                )

        run_in_background(
            import_paths, store, paths, signals.progress.emit, on_done=done, on_error=failed
        )

    def _import_progress(self, done: int, total: int, name: str) -> None:
        if total and done < total:
            self._show_progress(
                done, total, self.tr("Importing {0} of {1}: {2}…").format(done + 1, total, name)
            )

    def _imported(self, outcome: ImportOutcome) -> None:
        self._importing = False
        self._work_finished()
        if outcome.problems:
            text, details = problems_text(outcome)
            title = (
                self.tr("Some pictures were not imported")
                if outcome.records
                else self.tr("Not imported")
            )
            self._show_message(title, text, details)
        if outcome.records:
            self._pending_import = outcome
            if self.model.filters.active or self._filter_widgets_set():
                self.set_filters()  # the new pictures could be filtered out: show everything
            else:
                self.model.refresh()
        else:
            self.status_label.setText(outcome.summary())
            self.import_finished.emit(outcome)
        if self._import_queue:
            self._start_import()

    def _filter_widgets_set(self) -> bool:
        return bool(
            self.search_edit.text().strip()
            or self.missing_credit_check.isChecked()
            or self.missing_alt_check.isChecked()
        )

    def _show_imported(self, outcome: ImportOutcome) -> None:
        records = list(outcome.records)
        self.model.bring_to_top(records)
        selection = QItemSelection()
        for record in records:
            row = self.model.row_of(record.id)
            if row >= 0:
                index = self.model.index(row)
                selection.select(index, index)
        first = self.model.row_of(records[0].id)
        if first >= 0:
            self.grid.selectionModel().setCurrentIndex(
                self.model.index(first), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.grid.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.grid.scrollTo(self.model.index(first))
        self.status_label.setText(outcome.summary())

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drag_enter(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self._drag_enter(event)

    def dragLeaveEvent(self, event: QEvent) -> None:  # type: ignore[override]
        self._show_count()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop(event)

    def _drag_enter(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.status_label.setText(
                self.tr("Drop to import 1 file into the library")
                if len(files) == 1
                else self.tr("Drop to import %n files into the library", "", len(files))
            )
        else:
            event.ignore()

    def _drop(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(files)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.grid.viewport():
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                self._drag_enter(event)  # type: ignore[arg-type]
                return True
            if kind == QEvent.Type.Drop:
                self._drop(event)  # type: ignore[arg-type]
                return True
            if kind == QEvent.Type.DragLeave:
                self._show_count()
                return True
        elif (
            watched is self.search_edit
            and kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._apply_filters()
            return True
        elif (
            watched is self.grid
            and kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self._insert_index(self.grid.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ credits report

    def open_credits_report(self, story_ids: Sequence[int] | None = None) -> CreditsReportDialog:
        """Open the photo credits report (for these stories, or a date range)."""
        from editordesk.gui.library.credits import CreditsReportDialog

        return CreditsReportDialog.show_for(
            self._store, self, story_ids, self.open_story_requested.emit
        )

    # ------------------------------------------------------------ inside

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(
            ImageFilters(
                query=self.search_edit.text(),
                missing_credit=self.missing_credit_check.isChecked(),
                missing_alt=self.missing_alt_check.isChecked(),
            )
        )

    def _on_loaded(self) -> None:
        if self.model.error_message:
            self.status_label.setText(
                self.tr("The library could not be read: {0}").format(self.model.error_message)
            )
            return
        self._update_count()
        shown = self.panel.record()
        if shown is not None and not self.panel.is_dirty():
            row = self.model.row_of(shown.id)
            if row >= 0 and self.model.record(row) != shown:
                self.panel.show_record(self.model.record(row))  # changed in the store
        if self._pending_select is not None:
            wanted, self._pending_select = self._pending_select, None
            self.select_image(wanted)
        if self._pending_import is not None:
            outcome, self._pending_import = self._pending_import, None
            self._show_imported(outcome)
            self.import_finished.emit(outcome)

    def _update_count(self) -> None:
        total, filters = self.model.total, self.model.filters
        if total == 0 and not filters.active:
            text = self.tr("No pictures yet: use Import pictures… or drop picture files here")
        elif total == 0:
            text = self.tr("No picture matches")
        else:
            text = f"{total:,} picture{'s' if total != 1 else ''}"
            what = [
                label
                for label, on in (
                    ("without credit", filters.missing_credit),
                    ("without alt text", filters.missing_alt),
                )
                if on
            ]
            if what:
                text += " " + " and ".join(what)
            if filters.query:
                text += f" matching “{filters.query}”"
        self._count_text = text
        if not self.progress_bar.isVisible():
            self.status_label.setText(text)

    def _show_count(self) -> None:
        if not self.progress_bar.isVisible():
            self.status_label.setText(self._count_text)

    def _thumbnail_progress(self, done: int, total: int, _name: str) -> None:
        if self._importing:
            return  # the import's own progress is what matters now
        if done < total:
            self._show_progress(
                done, total, self.tr("Making thumbnails {0} of {1}…").format(done + 1, total)
            )

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.show()
        self.status_label.setText(text)

    def _work_finished(self) -> None:
        if self._importing:
            return
        self.progress_bar.hide()
        self.status_label.setText(self._count_text)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._restoring_current or not current.isValid():
            return
        record: ImageRecord = current.data(ImageListModel.RecordRole)
        shown = self.panel.record()
        if shown is not None and record.id == shown.id:
            return
        if self.panel.is_dirty() and not self._resolve_unsaved():
            self._restoring_current = True
            try:
                row = self.model.row_of(shown.id) if shown is not None else -1
                back = self.model.index(row) if row >= 0 else previous
                self.grid.selectionModel().setCurrentIndex(
                    back, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            finally:
                self._restoring_current = False
            return
        self.panel.show_record(record)
        self.current_image_changed.emit(record.id)

    def _resolve_unsaved(self) -> bool:
        """Save, drop or keep the panel's unsaved edits; False means "keep them"."""
        shown = self.panel.record()
        name = shown.original_name if shown is not None else "this picture"
        answer = plain.question(
            self,
            self.tr("Unsaved picture details"),
            self.tr("Save your changes to {0}?").format(name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.panel.save()
            return True
        return answer == QMessageBox.StandardButton.Discard

    def _saved(self, record: ImageRecord) -> None:
        self.model.replace_record(record)

    def _insert_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.insert_requested.emit(self.model.record(index.row()).id)

    def _show_message(self, title: str, text: str, details: str = "") -> None:
        """A calm, non-blocking message over the library."""
        box = plain.message_box(
            self,
            QMessageBox.Icon.Information,
            title,
            text,
            buttons=QMessageBox.StandardButton.Ok,
            details=details if details != text else "",
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message_box = box
        box.open()


class LibraryDialog(QDialog):
    """The library in a window of its own, with a Close button. Its `view` carries the
    signals (`insert_requested`, `open_story_requested`)."""

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Picture library"))
        self.setAccessibleName(self.tr("Picture library"))
        self.setModal(False)
        self.view = LibraryView(store, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the library"))
        close.setToolTip(self.tr("Close the picture library"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(theme.fit_screen(self, QSize(1100, 720)))  # smaller on a small screen

    def reject(self) -> None:
        if self.view.confirm_discard():
            super().reject()
