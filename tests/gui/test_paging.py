"""Rows read a page at a time on worker threads (gui/paging.py), through a small list model
built on it the way the story list and the library are."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editordesk.errors import StoreError
from editordesk.gui.paging import Page, PagedRows
from editordesk.gui.workers import wait_for_background

WAIT_MS = 5000


@dataclass(frozen=True)
class Row:
    id: int
    name: str


class RowsModel(PagedRows[Row], QAbstractListModel):
    """A list of named rows read from `source`, three a page."""

    load_started = Signal()
    loaded = Signal()
    error = Signal(str)

    def __init__(self, source: list[Row]) -> None:
        super().__init__()
        self.source = source
        self.failure: Exception | None = None
        self.gate: threading.Event | None = None  # set: a read waits for it
        self._init_paging(3)

    def _can_read(self) -> bool:
        return True

    def _page_reader(self, offset: int, limit: int) -> Callable[[], Page[Row]]:
        source, failure, gate = list(self.source), self.failure, self.gate

        def read() -> Page[Row]:
            if gate is not None:
                gate.wait(WAIT_MS / 1000)
            if failure is not None:
                raise failure
            return source[offset : offset + limit], len(source)

        return read

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._rows[index.row()].name if role == Qt.ItemDataRole.DisplayRole else None

    def names(self) -> list[str]:
        return [row.name for row in self._rows]


def _rows(*names: str, first_id: int = 1) -> list[Row]:
    return [Row(first_id + n, name) for n, name in enumerate(names)]


def _load(qtbot: QtBot, model: RowsModel, start: Callable[[], None]) -> None:
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        start()


def test_pages_arrive_as_asked_for_and_a_shifted_row_is_shown_once(qtbot: QtBot) -> None:
    model = RowsModel(_rows("a", "b", "c", "d", "e"))
    _load(qtbot, model, model.reload)
    assert model.names() == ["a", "b", "c"]
    assert (model.has_more, model.total, model.is_loading) == (True, 5, False)
    model.source.insert(0, Row(9, "new"))  # saved between two pages: "c" moves to the next
    _load(qtbot, model, model.fetchMore)
    assert model.names() == ["a", "b", "c", "d", "e"]
    assert model.row_of(4) == 3 and model.row_of(9) == -1
    assert not model.has_more and not model.canFetchMore()


def test_a_read_overtaken_by_a_reload_is_dropped(qtbot: QtBot) -> None:
    model = RowsModel(_rows("old"))
    loads: list[list[str]] = []
    model.loaded.connect(lambda: loads.append(model.names()))
    gate = model.gate = threading.Event()
    model.reload()  # held back at the gate
    model.gate, model.source = None, _rows("new", first_id=5)
    _load(qtbot, model, model.reload)
    gate.set()  # the first read comes back last…
    qtbot.waitUntil(lambda: wait_for_background(0), timeout=WAIT_MS)
    QApplication.processEvents()  # …and what it brought is handled: dropped
    assert loads == [["new"]] and model.names() == ["new"]


def test_a_refresh_keeps_the_selected_record_selected_where_it_moved(qtbot: QtBot) -> None:
    model = RowsModel(_rows("a", "b", "c"))
    _load(qtbot, model, model.reload)
    selected = QPersistentModelIndex(model.index(2))  # "c"
    model.source = [Row(3, "c"), Row(1, "a")]  # "c" now first, "b" gone
    _load(qtbot, model, model.refresh)
    assert model.names() == ["c", "a"]
    assert selected.isValid() and selected.row() == 0


def test_a_failed_refresh_keeps_the_rows_a_failed_reload_clears_them(qtbot: QtBot) -> None:
    model = RowsModel(_rows("a", "b"))
    _load(qtbot, model, model.reload)
    errors: list[str] = []
    model.error.connect(errors.append)
    model.failure = StoreError("the server is gone")
    _load(qtbot, model, model.refresh)
    assert (model.names(), model.error_message) == (["a", "b"], "the server is gone")
    _load(qtbot, model, model.reload)
    assert model.names() == [] and errors == ["the server is gone"] * 2
    model.failure = None
    _load(qtbot, model, model.reload)
    assert (model.names(), model.error_message) == (["a", "b"], "")
