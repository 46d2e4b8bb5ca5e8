"""The story list's table model: pages of stories read in the background as the view scrolls,
so a store of 100,000 opens at once and typing a search never waits on the database."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

from editordesk.gui import i18n, plain, theme
from editordesk.gui.paging import Index, Page, PagedRows
from editordesk.gui.workers import describe_error as describe_failure
from editordesk.model import StoryStatus

if TYPE_CHECKING:  # the store's modules load with the store, after the window shows
    from editordesk.model import StorySummary
    from editordesk.store.db import Store

log = logging.getLogger(__name__)

PAGE_SIZE = 200


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

# Mid-tone colours, each drawn in the nearest shade that stands out at 3:1 (WCAG's rule for
# symbols) on the palette's rows (status_colour); the status word beside the dot keeps the
# palette's own text colour.
STATUS_COLOURS = {
    StoryStatus.DRAFT: QColor("#8a8f98"),
    StoryStatus.EDITING: QColor("#e0a106"),
    StoryStatus.READY: QColor("#2e9e4f"),
    StoryStatus.PUBLISHED: QColor("#3b82d6"),
    StoryStatus.SPIKED: QColor("#d9473f"),
}
STATUS_WORDS = {status: status.value.capitalize() for status in StoryStatus}


def status_word(status: StoryStatus) -> str:
    """A status as the window names it, in the window's language (STATUS_WORDS in English)."""
    return {
        StoryStatus.DRAFT: QCoreApplication.translate("StoryStatus", "Draft"),
        StoryStatus.EDITING: QCoreApplication.translate("StoryStatus", "Editing"),
        StoryStatus.READY: QCoreApplication.translate("StoryStatus", "Ready"),
        StoryStatus.PUBLISHED: QCoreApplication.translate("StoryStatus", "Published"),
        StoryStatus.SPIKED: QCoreApplication.translate("StoryStatus", "Spiked"),
    }[status]


def column_title(column: int) -> str:
    """A column's title in the window's language (COLUMNS holds them in English)."""
    return (
        QCoreApplication.translate("StoryColumns", "Headline"),
        QCoreApplication.translate("StoryColumns", "Status"),
        QCoreApplication.translate("StoryColumns", "Section"),
        QCoreApplication.translate("StoryColumns", "Byline"),
        QCoreApplication.translate("StoryColumns", "Updated"),
        QCoreApplication.translate("StoryColumns", "Words"),
    )[column]


def column_tooltip(column: int) -> str:
    """A column header's tip, with how clicking it sorts, in the window's language."""
    tip = (
        QCoreApplication.translate("StoryColumns", "The story's headline"),
        QCoreApplication.translate("StoryColumns", "Draft, editing, ready, published or spiked"),
        QCoreApplication.translate("StoryColumns", "The section the story is filed in"),
        QCoreApplication.translate("StoryColumns", "Who wrote it"),
        QCoreApplication.translate(
            "StoryColumns", "When the story was last saved (your local time)"
        ),
        QCoreApplication.translate("StoryColumns", "Words in the body"),
    )[column]
    hint = QCoreApplication.translate(
        "StoryColumns",
        "Click to sort, again to reverse, a third time for newest first "
        "(best match first while searching).",
    )
    return f"{tip}. {hint}"


DOT_SIZE = 12  # logical pixels


def status_colour(status: StoryStatus, palette: QPalette | None = None) -> QColor:
    """The status dot's colour on this palette's list rows (Base and AlternateBase)."""
    palette = palette or QGuiApplication.palette()
    rows = [palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.AlternateBase)]
    return theme.readable(STATUS_COLOURS[status], rows, theme.NON_TEXT)


def format_updated(when: dt.datetime, this_year: int | None = None) -> str:
    """'27 Nov 21:14' in local time, with the year ('27 Nov 2025 21:14') if not this year, in
    the window's locale ('27. Nov. 21:14' in German) and read left to right in a mirrored
    window too."""
    year = this_year if this_year is not None else dt.date.today().year
    return i18n.local_time(when, with_year=when.astimezone().year != year)


def describe_error(exc: BaseException) -> str:
    """A sentence for the status line: the store's own message, never a traceback."""
    return describe_failure(exc, StoryListModel._read_failed)


@dataclass(frozen=True)
class StoryFilters:
    """What the list is narrowed to; empty values mean "any"."""

    status: StoryStatus | None = None
    section: str = ""
    tag: str = ""
    query: str = ""
    trash: bool = False  # the stories deleted to the trash, and only they
    published: str = ""  # "site": published on a site; "changed": saved again since

    @property
    def active(self) -> bool:
        return bool(
            self.status or self.section or self.tag or self.query or self.trash or self.published
        )


@dataclass(frozen=True)
class _PageRequest:
    """One read of the store; it carries no Qt object, so it can run on a worker thread."""

    store: Store
    filters: StoryFilters
    order: str | None
    descending: bool
    limit: int
    offset: int

    def __call__(self) -> Page[StorySummary]:
        from editordesk.services.stories import list_stories

        with self.store.read() as session:
            rows = list_stories(
                session,
                status=self.filters.status,
                section=self.filters.section or None,
                tag=self.filters.tag or None,
                query=self.filters.query or None,
                limit=self.limit,
                offset=self.offset,
                order=self.order,
                descending=self.descending,
                trash=self.filters.trash,
                published=self.filters.published or None,
                hide_spiked=True,  # spiked stories show when the status filter asks
            )
        return rows, -1  # the list does not count its matches


class StoryListModel(PagedRows["StorySummary"], QAbstractTableModel):
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

    _read_failed = "the story list could not be read"

    def __init__(
        self,
        store: Store | None = None,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        background: bool = True,
    ) -> None:
        super().__init__(parent)
        self._init_paging(page_size, background=background)
        self._store = store
        self._filters = StoryFilters()
        self._sort_column: int | None = None  # None: newest first, or best match if searching
        self._sort_order = _NEWEST
        self._this_year = dt.date.today().year
        self._icons: dict[StoryStatus, QIcon] = {}
        self._locks: dict[int, str] = {}  # story id -> who edits it elsewhere, since when
        self._lock_icon: QIcon | None = None
        theme.follow(self._palette_changed)

    def _palette_changed(self) -> None:
        """Dots and padlocks drawn again in the new palette's shades."""
        self._icons.clear()
        self._lock_icon = None
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.DecorationRole],
            )

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
            trash=filters.trash,
            published=filters.published,
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

    # ------------------------------------------------------------ lazy loading

    def _can_read(self) -> bool:
        return self._store is not None

    def _page_reader(self, offset: int, limit: int) -> _PageRequest:
        assert self._store is not None
        return _PageRequest(
            store=self._store,
            filters=self._filters,
            order=COLUMNS[self._sort_column].order if self._sort_column is not None else None,
            descending=self._sort_order == _NEWEST,
            limit=limit,
            offset=offset,
        )

    def _rows_settled(self, rows: list[StorySummary]) -> None:
        self._this_year = dt.date.today().year

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
            return column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column_tooltip(section)
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
        if role == Qt.ItemDataRole.ToolTipRole:  # shown as written, never as markup
            return plain.safe_tooltip(self._tooltip(story, column))
        if (
            role == Qt.ItemDataRole.AccessibleTextRole
            and column == HEADLINE
            and story.id in self._locks
        ):
            who = plain.shorten(self._locks[story.id], 200)
            return f"{self._text(story, column)}, being edited by {who}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == STATUS:
            return self.tr("Status: {0}").format(status_word(story.status))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == WORDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == HEADLINE and not story.headline:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _text(self, story: StorySummary, column: int) -> str:
        """A cell's text (cut short: a megabyte headline would stall every repaint)."""
        if column == HEADLINE:
            return plain.shorten(story.headline) or "(no headline)"
        if column == STATUS:
            return status_word(story.status)
        if column == SECTION:
            return plain.shorten(story.section, 200)
        if column == BYLINE:
            return plain.shorten(story.byline, 200)
        if column == UPDATED:
            return format_updated(story.updated, self._this_year)
        return f"{story.word_count:,}"

    def _tooltip(self, story: StorySummary, column: int) -> str:
        if column == STATUS:
            return self.tr("Status: {0}").format(status_word(story.status))
        if column == UPDATED:
            return self.tr("Last saved {0} (your local time)").format(
                i18n.local_time(story.updated)
            )
        lines = [plain.shorten(story.headline, 500) or self.tr("(no headline)")]
        if story.id in self._locks:
            who = plain.shorten(self._locks[story.id], 200)
            lines.append(self.tr("Being edited by {0}").format(who))
        details = [plain.shorten(part, 200) for part in (story.section, story.byline) if part]
        if details:
            lines.append(" · ".join(details))
        if story.tags:
            lines.append(plain.shorten("Tags: " + ", ".join(story.tags), 500))
        return "\n".join(lines)

    def _padlock(self) -> QIcon:
        if self._lock_icon is None:
            self._lock_icon = _padlock()
        return self._lock_icon

    def _status_icon(self, status: StoryStatus) -> QIcon:
        icon = self._icons.get(status)
        if icon is None:
            icon = self._icons[status] = _dot(status_colour(status))
        return icon


def _ratios() -> list[float]:
    """The device pixel ratios to draw for: 1, 2 and the sharpest screen's (1.25, 3…)."""
    app = QGuiApplication.instance()
    sharpest = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return sorted({1.0, 2.0, max(1.0, sharpest)})


def _canvas(size: int, ratio: float) -> QPixmap:
    """A transparent pixmap of `size` logical pixels at `ratio` device pixels each."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _dot(colour: QColor, size: int = DOT_SIZE) -> QIcon:
    """A filled circle with a slightly darker rim, so it keeps its edge on any background;
    drawn antialiased at each screen's device pixel ratio, so it is round, not stepped."""
    icon = QIcon()
    for ratio in _ratios():
        pixmap = _canvas(size, ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(colour.darker(140))
        painter.setBrush(colour)
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _padlock(size: int = 14) -> QIcon:
    """A small closed padlock, in the editing amber, for stories open elsewhere."""
    icon = QIcon()
    for ratio in _ratios():
        icon.addPixmap(_draw_padlock(_canvas(size, ratio), size))
    return icon


def _draw_padlock(pixmap: QPixmap, size: int) -> QPixmap:
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = status_colour(StoryStatus.EDITING)
    pen = painter.pen()
    pen.setColor(colour.darker(150))
    pen.setWidthF(1.6)
    painter.setPen(pen)
    painter.drawArc(3, 1, size - 6, size - 4, 0, 180 * 16)  # the shackle
    painter.setBrush(colour)
    painter.drawRoundedRect(1, size // 2 - 1, size - 2, size // 2, 2, 2)  # the body
    painter.end()
    return pixmap
