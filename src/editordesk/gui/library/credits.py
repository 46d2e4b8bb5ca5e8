"""The photo credits report dialog: choose stories or a date range, see every picture they
used with its credit, creator and licence, and save the table as CSV for the picture desk."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import i18n, plain, theme
from editordesk.gui.focus import OneStopDateEdit
from editordesk.gui.library.model import describe_error
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:
    from editordesk.services.credits import CreditRow
    from editordesk.store.db import Store

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
REFRESH_DELAY_MS = 300
# (title, CreditRow attribute, tooltip)
COLUMNS = (
    ("Date", "date", "The day the story was published (or last saved, if not published yet)"),
    ("Story", "headline", "The story's headline; double-click to open the story"),
    ("Picture", "file_name", "The picture's file name in the library"),
    ("Credit", "credit", "The credit line printed with the picture"),
    ("Creator", "creator", "Who took or made the picture"),
    ("Source", "source", "The agency or organisation it came from"),
    ("Copyright", "copyright", "The copyright notice"),
    ("Licence", "licence", "The terms the desk uses it under"),
)
CREDIT_COLUMN = 3


def _column_words(column: int) -> tuple[str, str]:
    """A column's title and tip in the window's language (COLUMNS holds them in English)."""
    return (
        (
            QCoreApplication.translate("CreditsColumns", "Date"),
            QCoreApplication.translate(
                "CreditsColumns",
                "The day the story was published (or last saved, if not published yet)",
            ),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Story"),
            QCoreApplication.translate(
                "CreditsColumns", "The story's headline; double-click to open the story"
            ),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Picture"),
            QCoreApplication.translate("CreditsColumns", "The picture's file name in the library"),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Credit"),
            QCoreApplication.translate(
                "CreditsColumns", "The credit line printed with the picture"
            ),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Creator"),
            QCoreApplication.translate("CreditsColumns", "Who took or made the picture"),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Source"),
            QCoreApplication.translate("CreditsColumns", "The agency or organisation it came from"),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Copyright"),
            QCoreApplication.translate("CreditsColumns", "The copyright notice"),
        ),
        (
            QCoreApplication.translate("CreditsColumns", "Licence"),
            QCoreApplication.translate("CreditsColumns", "The terms the desk uses it under"),
        ),
    )[column]


def _report(
    store: Store, story_ids: list[int] | None, start: dt.date | None, end: dt.date | None
) -> list[CreditRow]:
    """Runs on a worker."""
    from editordesk.services.credits import credits_report

    with store.read() as session:
        return credits_report(session, story_ids=story_ids, start=start, end=end)


class CreditsTableModel(QAbstractTableModel):
    """The report's rows; a picture without a credit says so in its credit cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CreditRow] = []
        theme.follow(self._palette_changed)

    def _palette_changed(self) -> None:
        """The "No credit" cells in the new palette's red: the views ask again."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, CREDIT_COLUMN),
                self.index(len(self._rows) - 1, CREDIT_COLUMN),
                [Qt.ItemDataRole.ForegroundRole],
            )

    def set_rows(self, rows: list[CreditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[CreditRow]:
        return list(self._rows)

    def row(self, number: int) -> CreditRow:
        return self._rows[number]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _column_words(section)[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _column_words(section)[1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        attribute = COLUMNS[index.column()][1]
        value = getattr(row, attribute)
        missing_credit = index.column() == CREDIT_COLUMN and not value
        if role == Qt.ItemDataRole.DisplayRole:
            if attribute == "date":
                if row.published:
                    return value.isoformat()
                return self.tr("{0} (not published)").format(value.isoformat())
            return self.tr("No credit") if missing_credit else plain.shorten(value, 500)
        if role == Qt.ItemDataRole.EditRole:  # what sorting compares
            return value.isoformat() if attribute == "date" else value.casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if missing_credit:
                return self.tr("This picture has no credit: add one in the library before it runs")
            return plain.safe_tooltip(value) if isinstance(value, str) and value else None
        if role == Qt.ItemDataRole.ForegroundRole and missing_credit:
            return theme.error_text(QApplication.palette())  # 4.5:1 on light and dark rows
        if role == Qt.ItemDataRole.FontRole and missing_credit:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class CreditsReportDialog(QDialog):
    """Every picture used in the chosen stories (`story_ids`, e.g. those selected in the
    story list) or in the stories published in a date range.

    `report_ready(rows)` is emitted each time the table has been filled."""

    report_ready = Signal(int)
    open_story_requested = Signal(int)

    def __init__(
        self,
        store: Store | None,
        parent: QWidget | None = None,
        *,
        story_ids: Sequence[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._story_ids = list(story_ids) if story_ids else None
        self._generation = 0
        self.setWindowTitle(self.tr("Photo credits report"))
        self.setAccessibleName(self.tr("Photo credits report"))

        self.stories_radio = QRadioButton(self)
        self.stories_radio.setAccessibleName(self.tr("Chosen stories"))
        self.stories_radio.setToolTip(self.tr("Report on the stories selected in the story list"))
        self.range_radio = QRadioButton(self.tr("Stories &published from"), self)
        self.range_radio.setAccessibleName(self.tr("Date range"))
        self.range_radio.setToolTip(
            self.tr(
                "Report on the stories published between two days (a story not published yet "
                "counts by the day it was last saved)"
            )
        )
        group = QButtonGroup(self)
        group.addButton(self.stories_radio)
        group.addButton(self.range_radio)
        today = QDate.currentDate()
        self.start_edit = self._date_edit(
            QDate(today.year(), today.month(), 1), "From", "The first day of the report"
        )
        self.end_edit = self._date_edit(today, "To", "The last day of the report (included)")
        to_label = QLabel(self.tr("&to"), self)
        to_label.setBuddy(self.end_edit)

        if self._story_ids:
            count = len(self._story_ids)
            self.stories_radio.setText(self.tr("The %n &chosen story(s)", "", count))
            self.stories_radio.setChecked(True)
        else:
            self.stories_radio.hide()
            self.range_radio.setChecked(True)

        self.table_model = CreditsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Pictures in the report"))
        self.table.setToolTip(
            self.tr("Click a column to sort; double-click a row to open its story")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

        self.summary = plain.plain_label(QLabel(self))  # it names files and errors
        self.summary.setAccessibleName(self.tr("Report summary"))
        self.summary.setToolTip(self.tr("How many pictures and stories the report holds"))
        self.summary.setWordWrap(True)

        self.save_button = QPushButton(self.tr("&Save as CSV…"), self)
        self.save_button.setAccessibleName(self.tr("Save as CSV"))
        self.save_button.setToolTip(
            self.tr("Save the table as a CSV file that Excel, LibreOffice and Numbers open")
        )
        self.save_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the report"))
        close.setToolTip(self.tr("Close the photo credits report"))

        choose = QVBoxLayout()
        choose.addWidget(self.stories_radio)
        dates = QHBoxLayout()
        dates.addWidget(self.range_radio)
        dates.addWidget(self.start_edit)
        dates.addWidget(to_label)
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        choose.addLayout(dates)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(1000, 560)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.start_edit.dateChanged.connect(self._range_edited)
        self.end_edit.dateChanged.connect(self._range_edited)
        self.stories_radio.toggled.connect(lambda _on: self.refresh())
        self.save_button.clicked.connect(self.choose_csv)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(self._open_story)
        self.refresh()

    @classmethod
    def show_for(
        cls,
        store: Store | None,
        parent: QWidget,
        story_ids: Sequence[int] | None,
        open_story: Callable[[int], object],
    ) -> CreditsReportDialog:
        """Open the report beside its parent (not modal; it goes when closed)."""
        dialog = cls(store, parent, story_ids=story_ids)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_story_requested.connect(open_story)
        dialog.show()
        return dialog

    def _date_edit(self, date: QDate, name: str, tip: str) -> QDateEdit:
        edit = OneStopDateEdit(date, self)  # one Tab crosses it; Left/Right its parts
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        i18n.left_to_right(edit)  # a date reads the same in a mirrored window
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    # ------------------------------------------------------------ public

    def set_range(self, start: dt.date, end: dt.date) -> None:
        """Report on stories published from `start` to `end` (as choosing the dates does)."""
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.range_radio.setChecked(True)
        self.refresh()

    def rows(self) -> list[CreditRow]:
        return self.table_model.rows()

    def refresh(self) -> None:
        """Read the report again for the chosen stories or dates (in the background)."""
        self._refresh_timer.stop()
        self._generation += 1
        generation = self._generation
        if self._store is None:
            self.summary.setText(self.tr("No store is open."))
            return
        if self.stories_radio.isChecked() and self._story_ids:
            story_ids, start, end = self._story_ids, None, None
        else:
            story_ids, start, end = None, self._day(self.start_edit), self._day(self.end_edit)
        self.summary.setText(self.tr("Reading the report…"))
        self.save_button.setEnabled(False)

        def done(rows: list[CreditRow]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._show(rows)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.table_model.set_rows([])
                self.summary.setText(describe_error(exc, "The report could not be read"))

        run_in_background(
            _report, self._store, story_ids, start, end, on_done=done, on_error=failed
        )

    def save_csv(self, path: Path | str) -> bool:
        """Write the table to `path` as CSV; a problem is shown as a message. True if saved."""
        from editordesk.services.credits import write_credits_csv

        target = Path(path)
        try:
            write_credits_csv(self.rows(), target)
        except OSError as exc:
            plain.warning(
                self,
                self.tr("The report was not saved"),
                self.tr("{0} could not be written: {1}.").format(target.name, exc.strerror or exc),
            )
            return False
        self.summary.setText(self.tr("{0} Saved as {1}.").format(self._summary_text(), target))
        return True

    def choose_csv(self) -> None:
        """Ask where to save the CSV, then save it."""
        suggested = f"photo-credits-{dt.date.today().isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the credits report"), suggested, self.tr("CSV files (*.csv)")
        )
        if path:
            if not path.lower().endswith(".csv"):
                path += ".csv"
            self.save_csv(path)

    # ------------------------------------------------------------ inside

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date:
        date = edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def _range_edited(self) -> None:
        if not self.range_radio.isChecked():
            self.range_radio.setChecked(True)  # refreshes through the radio's signal
        self._refresh_timer.start()

    def _show(self, rows: list[CreditRow]) -> None:
        self.table_model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS)):
            if self.table.columnWidth(column) > 260:
                self.table.setColumnWidth(column, 260)
        self.summary.setText(self._summary_text())
        self.save_button.setEnabled(bool(rows))
        self.report_ready.emit(len(rows))

    def _summary_text(self) -> str:
        rows = self.rows()
        if not rows:
            return self.tr("No pictures were used in these stories.")
        stories = len({row.story_id for row in rows})
        pictures = len({row.image_id for row in rows})
        uncredited = len({row.image_id for row in rows if not row.credit})
        in_stories = self.tr("1 story") if stories == 1 else self.tr("%n stories", "", stories)
        text = (
            self.tr("1 picture in {0}.").format(in_stories)
            if pictures == 1
            else self.tr("%n pictures in {0}.", "", pictures).format(in_stories)
        )
        if uncredited:
            text += " " + self.tr("%n without a credit (shown in red).", "", uncredited)
        return text

    def _open_story(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.table_model.row(self.proxy.mapToSource(index).row())
            self.open_story_requested.emit(row.story_id)
