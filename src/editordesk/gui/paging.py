"""Rows read from the store a page at a time on worker threads, for the story list and the
picture library alike: so a store of 100,000 opens at once, typing a search never waits on
the database, and a reload keeps each view's selection on the same record."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from editordesk.gui.workers import describe_error, run_in_background

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class Identified(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=Identified)

# What a read returns: the rows (one more than asked for, if there are more) and how many
# match in all, or -1 when that was not counted.
Page = tuple[list[R], int]


class _Generation:
    """The number of the current listing, shared with worker threads so a read that is
    already stale when its turn comes does not touch the store at all."""

    def __init__(self) -> None:
        self.value = 0


def _read_unless_stale(
    read: Callable[[], Page[Any]], current: _Generation, wanted: int
) -> Page[Any] | None:
    """Runs on a worker: a read asked for by a listing since replaced is skipped."""
    if current.value != wanted:
        return None
    return read()


class PagedRows(Generic[R]):
    """Mixed into a Qt item model (before the Qt class): rows fetched as the view asks.

    Every read carries a generation number; a result for an older one (a search since
    retyped, a page of the previous sort) is dropped. The model declares the signals
    `load_started`, `loaded` and `error(str)`, calls `_init_paging` from its `__init__`, and
    provides `_page_reader`; `_rows_settled` is its hook for rows that have just come in."""

    _rows: list[R]
    _read_failed = "the list could not be read"
    load_started: Any  # the model's own signals
    loaded: Any
    error: Any

    def _init_paging(self, page_size: int, *, background: bool = True) -> None:
        self._page_size = page_size
        self._background = background  # False: read on the calling thread (tests, scripts)
        self._rows = []
        self._ids: set[int] = set()
        self._generation = _Generation()
        self._loading = False
        self._has_more = False
        self._total = 0
        self._error = ""

    # ------------------------------------------------------------ for the model to fill in

    def _can_read(self) -> bool:
        """Whether there is a store to read from."""
        raise NotImplementedError

    def _page_reader(self, offset: int, limit: int) -> Callable[[], Page[R]]:
        """A call, safe on a worker thread, that reads `limit` rows from `offset`."""
        raise NotImplementedError

    def _rows_settled(self, rows: list[R]) -> None:
        """Rows just read are in the model (thumbnails to make, say)."""

    # ------------------------------------------------------------ state

    @property
    def is_loading(self) -> bool:
        """Whether a read is on its way (a reload or a further page)."""
        return self._loading

    @property
    def has_more(self) -> bool:
        """Whether the store holds more matching rows than are loaded."""
        return self._has_more

    @property
    def total(self) -> int:
        """How many rows match (loaded or not), where the reader counts them."""
        return self._total

    @property
    def error_message(self) -> str:
        """The message of the last read if it failed, else ''."""
        return self._error

    def row_of(self, record_id: int) -> int:
        """The row showing `record_id`, or -1 if it is not loaded."""
        if record_id not in self._ids:
            return -1
        return next(row for row, record in enumerate(self._rows) if record.id == record_id)

    # ------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the first page again (after the filters or the order changed)."""
        self._start(offset=0, limit=self._page_size, replace=True)

    def refresh(self) -> None:
        """Read again as many rows as are loaded, so each shows what is stored now; the
        selected record stays selected if still listed. If the read fails, the rows stay:
        they are the same listing, only older."""
        limit = max(self._page_size, len(self._rows))
        self._start(offset=0, limit=limit, replace=True, keep_on_failure=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading and self._can_read()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._start(offset=len(self._rows), limit=self._page_size, replace=False)

    def _start(
        self, *, offset: int, limit: int, replace: bool, keep_on_failure: bool = False
    ) -> None:
        if replace:
            self._generation.value += 1  # whatever is on its way now is stale
        generation = self._generation.value
        if not self._can_read():
            self._loading = False
            self._settle(generation, ([], 0), limit, replace)
            return
        read = self._page_reader(offset, limit + 1)  # one more than shown: are there more?
        self._loading = True
        self.load_started.emit()

        def done(page: Page[R] | None) -> None:
            if page is not None and shiboken6.isValid(self):
                self._settle(generation, page, limit, replace)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self):
                self._fail(generation, exc, clear=replace and not keep_on_failure)

        if not self._background:
            try:
                page = read()
            except Exception as exc:  # reported through `error`, never raised into Qt
                failed(exc)
            else:
                done(page)
            return
        run_in_background(
            _read_unless_stale, read, self._generation, generation, on_done=done, on_error=failed
        )

    def _settle(self, generation: int, page: Page[R], limit: int, replace: bool) -> None:
        if generation != self._generation.value:
            return  # a newer search, sort or refresh has been asked for since
        rows, total = page
        self._loading = False
        self._error = ""
        self._has_more = len(rows) > limit
        rows = rows[:limit]
        if total >= 0:
            self._total = total
        if replace:
            self._replace_rows(rows)
        else:
            rows = self._append_rows(rows)
        self._rows_settled(rows)
        self.loaded.emit()

    def _fail(self, generation: int, exc: Exception, *, clear: bool) -> None:
        if generation != self._generation.value:
            return
        log.debug(
            "%s: %s", self._read_failed, getattr(exc, "__editordesk_traceback__", None) or exc
        )
        self._loading = False
        self._has_more = False  # a failed page is not asked for again until a reload
        self._error = describe_error(exc, self._read_failed)
        if clear:  # the rows shown belong to a listing that was left behind
            self._replace_rows([])
        self.error.emit(self._error)
        self.loaded.emit()

    # ------------------------------------------------------------ changing the rows

    def _append_rows(self, rows: Sequence[R]) -> list[R]:
        """Add a further page; returns the rows really added."""
        # A record saved between two pages shifts the offsets; never show it twice.
        fresh = [record for record in rows if record.id not in self._ids]
        if fresh:
            model: Any = self
            first = len(self._rows)
            model.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.update(record.id for record in fresh)
            model.endInsertRows()
        return fresh

    def _prepend_rows(self, rows: Sequence[R]) -> list[R]:
        """Show these first (just imported, whatever page they would fall on)."""
        fresh = [record for record in rows if record.id not in self._ids]
        if fresh:
            model: Any = self
            model.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._rows[0:0] = fresh
            self._ids.update(record.id for record in fresh)
            model.endInsertRows()
        return fresh

    def _replace_rows(self, rows: Sequence[R]) -> None:
        """Show `rows` instead, moving every persistent index (a view's selection and
        current row) to its record's new row, or dropping it if the record is gone.

        The row count is changed only at the end and outside the layout change, so views
        see only well-formed signals: rows appended, then a layout change over the same
        number of rows, then rows removed from the end."""
        model: Any = self
        old_count, new_count = len(self._rows), len(rows)
        if new_count > old_count:
            model.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._rows.extend(rows[old_count:])  # placeholders: the layout change sorts all
            model.endInsertRows()
        model.layoutAboutToBeChanged.emit()
        new_row_of = {record.id: row for row, record in enumerate(rows)}
        before = model.persistentIndexList()
        after = []
        for index in before:
            row = new_row_of.get(self._rows[index.row()].id)
            after.append(
                model.createIndex(row, index.column()) if row is not None else QModelIndex()
            )
        self._rows = list(rows) + self._rows[new_count:]  # the tail goes just below
        model.changePersistentIndexList(before, after)
        model.layoutChanged.emit()
        if new_count < old_count:
            model.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            del self._rows[new_count:]
            model.endRemoveRows()
        self._ids = set(new_row_of)
