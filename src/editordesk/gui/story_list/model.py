"""The story list's table model: pages of stories read in the background as the view scrolls,
so a store of 100,000 opens at once and typing a search never waits on the database."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from editordesk.errors import EditorDeskError
from editordesk.gui.workers import run_in_background
from editordesk.store.records import StoryStatus

if TYPE_CHECKING:  # the store's modules load with the store, after the window shows
    from editordesk.store.db import Store
    from editordesk.store.records import StorySummary

log = logging.getLogger(__name__)

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its title, the `list_stories` order it sorts by, and which way a first
    click on its header sorts."""

    title: str
    order: str
    first_click: Qt.SortOrder
    tooltip: str


HEADLINE, STATUS, SECTION, BYLINE, UPDATED, WORDS = range(6)
_A_TO_Z, _NEWEST = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
COLUMNS = (
    Column("Headline", "headline", _A_TO_Z, "The story's headline"),
    Column("Status", "status", _A_TO_Z, "Draft, editing, ready, published or spiked"),
    Column("Section", "section", _A_TO_Z, "The section the story is filed in"),
    Column("Byline", "byline", _A_TO_Z, "Who wrote it"),
    Column("Updated", "updated", _NEWEST, "When the story was last saved (your local time)"),
    Column("Words", "words", _NEWEST, "Words in the body"),
)
SORT_HINT = (
    "Click to sort, again to reverse, a third time for newest first "
    "(best match first while searching)."
)

# Mid-tone colours: a dot in any of them stands out on a light and on a dark palette alike,
# and the status word beside it keeps the palette's own text colour.
STATUS_COLOURS = {
    StoryStatus.DRAFT: QColor("#8a8f98"),
    StoryStatus.EDITING: QColor("#e0a106"),
    StoryStatus.READY: QColor("#2e9e4f"),
    StoryStatus.PUBLISHED: QColor("#3b82d6"),
    StoryStatus.SPIKED: QColor("#d9473f"),
}
STATUS_WORDS = {status: status.value.capitalize() for status in StoryStatus}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_updated(when: dt.datetime, this_year: int | None = None) -> str:
    """'27 Nov 21:14' in local time, with the year ('27 Nov 2025 21:14') if not this year.

    Month names are fixed English, like the rest of the window, whatever the C locale says."""
    local = when.astimezone()
    year = this_year if this_year is not None else dt.date.today().year
    day_month = f"{local.day} {_MONTHS[local.month - 1]}"
    if local.year != year:
        day_month += f" {local.year}"
    return f"{day_month} {local:%H:%M}"


def describe_error(exc: BaseException) -> str:
    """A sentence for the status line: the store's own message, never a traceback."""
    if isinstance(exc, EditorDeskError):
        return str(exc)
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, DBAPIError) and exc.orig is not None:
        reason = str(exc.orig).strip() or type(exc.orig).__name__
        return f"the story list could not be read from the store: {reason}"
    if isinstance(exc, SQLAlchemyError):
        return f"the story list could not be read from the store: {type(exc).__name__}"
    return f"the story list could not be read: {exc or type(exc).__name__}"


@dataclass(frozen=True)
class StoryFilters:
    """What the list is narrowed to; empty values mean "any"."""

    status: StoryStatus | None = None
    section: str = ""
    tag: str = ""
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.status or self.section or self.tag or self.query)


@dataclass(frozen=True)
class _PageRequest:
    """One read of the store; it carries no Qt object, so it can run on a worker thread."""

    store: Store
    filters: StoryFilters
    order: str | None
    descending: bool
    limit: int
    offset: int

    def run(self) -> list[StorySummary]:
        from editordesk.services.stories import list_stories

        with self.store.read() as session:
            return list_stories(
                session,
                status=self.filters.status,
                section=self.filters.section or None,
                tag=self.filters.tag or None,
                query=self.filters.query or None,
                limit=self.limit + 1,  # one more than shown tells whether more exist
                offset=self.offset,
                order=self.order,
                descending=self.descending,
            )


class _Generation:
    """The number of the current load, shared with worker threads so a read that is already
    stale when its turn comes does not touch the store at all."""

    def __init__(self) -> None:
        self.value = 0


class StoryListModel(QAbstractTableModel):
    """Stories matching the filters, in pages of `page_size` rows fetched as the view asks.

    Every read runs in the background and carries a generation number; a result for an
    older generation (a search that has since been retyped, a page of the previous sort) is
    dropped. `loaded` is emitted each time a read settles, `error` with the message when it
    fails. Reloads keep the selection: views' persistent indexes follow each story by id."""

    StoryIdRole = Qt.ItemDataRole.UserRole + 1
    LockRole = Qt.ItemDataRole.UserRole + 2  # "Ann since 10:14" while another window edits

    load_started = Signal()  # a read of the store has begun (a reload or a further page)
    loaded = Signal()  # a read has settled: its rows are in, or `error` was emitted
    error = Signal(str)  # why the last read failed, as a sentence

    def __init__(
        self,
        store: Store | None = None,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        background: bool = True,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._page_size = page_size
        self._background = background  # False: read on the calling thread (tests, scripts)
        self._rows: list[StorySummary] = []
        self._ids: set[int] = set()
        self._filters = StoryFilters()
        self._sort_column: int | None = None  # None: newest first, or best match if searching
        self._sort_order = _NEWEST
        self._generation = _Generation()
        self._loading = False
        self._has_more = False
        self._error = ""
        self._this_year = dt.date.today().year
        self._icons: dict[StoryStatus, QIcon] = {}
        self._locks: dict[int, str] = {}  # story id -> who edits it elsewhere, since when
        self._lock_icon: QIcon | None = None

    # ------------------------------------------------------------ state

    @property
    def store(self) -> Store | None:
        return self._store

    @property
    def filters(self) -> StoryFilters:
        return self._filters

    @property
    def sort_column(self) -> int | None:
        """The column the list is sorted by, or None for the natural order."""
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def is_loading(self) -> bool:
        """Whether a read is on its way (a reload or a further page)."""
        return self._loading

    @property
    def has_more(self) -> bool:
        """Whether the store holds more matching stories than are loaded."""
        return self._has_more

    @property
    def error_message(self) -> str:
        """The message of the last read if it failed, else ''."""
        return self._error

    def story_id(self, row: int) -> int:
        return self._rows[row].id

    def summary(self, row: int) -> StorySummary:
        return self._rows[row]

    def set_locks(self, locks: dict[int, str]) -> None:
        """Mark the stories other windows are editing ({id: "Ann since 10:14"})."""
        if locks == self._locks:
            return
        changed = set(locks) ^ set(self._locks) | {
            i for i in locks if self._locks.get(i) != locks[i]
        }
        self._locks = dict(locks)
        for story_id in changed:
            row = self.row_of(story_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, HEADLINE), self.index(row, HEADLINE))

    def lock_text(self, story_id: int) -> str:
        """Who edits the story in another window ("Ann since 10:14"), or ''."""
        return self._locks.get(story_id, "")

    def row_of(self, story_id: int) -> int:
        """The row showing `story_id`, or -1 if it is not loaded."""
        if story_id not in self._ids:
            return -1
        return next(row for row, story in enumerate(self._rows) if story.id == story_id)

    # ------------------------------------------------------------ what changes the listing

    def set_store(self, store: Store | None) -> None:
        """Show another store (or none); its first page loads at once."""
        self._store = store
        self.reload()

    def set_filters(self, filters: StoryFilters) -> None:
        """Narrow the list; reloads its first page if anything changed."""
        filters = StoryFilters(
            status=filters.status,
            section=filters.section.strip(),
            tag=filters.tag.strip(),
            query=filters.query.strip(),
        )
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = _A_TO_Z) -> None:
        """Sort by a column; -1 returns to the natural order (newest first, or best match
        first while searching)."""
        wanted = column if 0 <= column < len(COLUMNS) else None
        order = Qt.SortOrder(order)
        if wanted is None:
            order = _NEWEST
        if (wanted, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = wanted, order
        self.reload()

    def reload(self) -> None:
        """Read the first page again (after the filters or the order changed)."""
        self._start(offset=0, limit=self._page_size, replace=True)

    def refresh(self) -> None:
        """Read again as many stories as are loaded, with the same filters and order, so the
        rows show what is stored now; the selected story stays selected if still listed."""
        self._start(offset=0, limit=max(self._page_size, len(self._rows)), replace=True)

    # ------------------------------------------------------------ lazy loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self._has_more
            and not self._loading
            and self._store is not None
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(offset=len(self._rows), limit=self._page_size, replace=False)

    def _start(self, *, offset: int, limit: int, replace: bool) -> None:
        if replace:
            self._generation.value += 1  # whatever is on its way now is stale
        generation = self._generation.value
        if self._store is None:
            self._loading = False
            self._settle(generation, [], limit, replace)
            return
        request = _PageRequest(
            store=self._store,
            filters=self._filters,
            order=COLUMNS[self._sort_column].order if self._sort_column is not None else None,
            descending=self._sort_order == _NEWEST,
            limit=limit,
            offset=offset,
        )
        self._loading = True
        self.load_started.emit()

        def done(rows: list[StorySummary] | None) -> None:
            if rows is not None and shiboken6.isValid(self):
                self._settle(generation, rows, limit, replace)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self):
                self._fail(generation, exc, replace)

        if not self._background:
            try:
                rows = request.run()
            except Exception as exc:  # reported through `error`, never raised into Qt
                failed(exc)
            else:
                done(rows)
            return
        run_in_background(
            _read_unless_stale, request, self._generation, generation, on_done=done, on_error=failed
        )

    def _settle(self, generation: int, rows: list[StorySummary], limit: int, replace: bool) -> None:
        if generation != self._generation.value:
            return  # a newer search, sort or refresh has been asked for since
        self._loading = False
        self._error = ""
        self._has_more = len(rows) > limit
        self._this_year = dt.date.today().year
        if replace:
            self._replace_rows(rows[:limit])
        else:
            self._append_rows(rows[:limit])
        self.loaded.emit()

    def _fail(self, generation: int, exc: Exception, replace: bool) -> None:
        if generation != self._generation.value:
            return
        log.debug(
            "story list read failed: %s",
            getattr(exc, "__editordesk_traceback__", None) or repr(exc),
        )
        self._loading = False
        self._has_more = False  # a failed page is not asked for again until a reload
        self._error = describe_error(exc)
        if replace:  # the rows shown belong to a listing that was left behind
            self._replace_rows([])
        self.error.emit(self._error)
        self.loaded.emit()

    def _append_rows(self, rows: list[StorySummary]) -> None:
        # A story saved between two pages shifts the offsets; never show it twice.
        fresh = [story for story in rows if story.id not in self._ids]
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self._ids.update(story.id for story in fresh)
        self.endInsertRows()

    def _replace_rows(self, rows: list[StorySummary]) -> None:
        """Show `rows` instead, moving every persistent index (a view's selection and
        current row) to its story's new row, or dropping it if the story is gone.

        The row count is changed only at the end of the table and outside the layout change,
        so views see only well-formed signals: rows appended, then a layout change over the
        same number of rows, then rows removed from the end."""
        old_count, new_count = len(self._rows), len(rows)
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._rows.extend(rows[old_count:])  # placeholders: the layout change sorts all
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        new_row_of = {story.id: row for row, story in enumerate(rows)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = new_row_of.get(self._rows[index.row()].id)
            after.append(
                self.createIndex(row, index.column()) if row is not None else QModelIndex()
            )
        self._rows = list(rows) + self._rows[new_count:]  # the tail goes just below
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            del self._rows[new_count:]
            self.endRemoveRows()
        self._ids = set(new_row_of)

    # ------------------------------------------------------------ the table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.tooltip}. {SORT_HINT}"
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return column.first_click.value
        if role == Qt.ItemDataRole.TextAlignmentRole and section == WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        story = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(story, column)
        if role == self.StoryIdRole:
            return story.id
        if role == self.LockRole:
            return self._locks.get(story.id, "")
        if role == Qt.ItemDataRole.DecorationRole and column == HEADLINE:
            return self._padlock() if story.id in self._locks else None
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return self._status_icon(story.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(story, column)
        if (
            role == Qt.ItemDataRole.AccessibleTextRole
            and column == HEADLINE
            and story.id in self._locks
        ):
            return f"{self._text(story, column)}, being edited by {self._locks[story.id]}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STATUS:
            return f"Status: {STATUS_WORDS[story.status]}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == HEADLINE and not story.headline:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, story: StorySummary, column: int) -> str:
        if column == HEADLINE:
            return story.headline or "(no headline)"
        if column == STATUS:
            return STATUS_WORDS[story.status]
        if column == SECTION:
            return story.section
        if column == BYLINE:
            return story.byline
        if column == UPDATED:
            return format_updated(story.updated, self._this_year)
        return f"{story.word_count:,}"

    def _tooltip(self, story: StorySummary, column: int) -> str:
        if column == STATUS:
            return f"Status: {STATUS_WORDS[story.status]}"
        if column == UPDATED:
            local = story.updated.astimezone()
            return f"Last saved {local:%Y-%m-%d %H:%M} (your local time)"
        lines = [story.headline or "(no headline)"]
        if story.id in self._locks:
            lines.append(f"Being edited by {self._locks[story.id]}")
        details = [part for part in (story.section, story.byline) if part]
        if details:
            lines.append(" · ".join(details))
        if story.tags:
            lines.append("Tags: " + ", ".join(story.tags))
        return "\n".join(lines)

    def _padlock(self) -> QIcon:
        if self._lock_icon is None:
            self._lock_icon = _padlock()
        return self._lock_icon

    def _status_icon(self, status: StoryStatus) -> QIcon:
        icon = self._icons.get(status)
        if icon is None:
            icon = self._icons[status] = _dot(STATUS_COLOURS[status])
        return icon


def _read_unless_stale(
    request: _PageRequest, current: _Generation, generation: int
) -> list[StorySummary] | None:
    """Runs on a worker: a read asked for by a load that has since been replaced is skipped."""
    if current.value != generation:
        return None
    return request.run()


def _dot(colour: QColor, size: int = 12) -> QIcon:
    """A filled circle with a slightly darker rim, so it keeps its edge on any background."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(140))
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def _padlock(size: int = 14) -> QIcon:
    """A small closed padlock, in the editing amber, for stories open elsewhere."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = STATUS_COLOURS[StoryStatus.EDITING]
    pen = painter.pen()
    pen.setColor(colour.darker(150))
    pen.setWidthF(1.6)
    painter.setPen(pen)
    painter.drawArc(3, 1, size - 6, size - 4, 0, 180 * 16)  # the shackle
    painter.setBrush(colour)
    painter.drawRoundedRect(1, size // 2 - 1, size - 2, size // 2, 2, 2)  # the body
    painter.end()
    return QIcon(pixmap)
