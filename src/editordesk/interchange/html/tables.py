"""Tables in pasted HTML: cells with their spans laid out in a grid of equal rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.etree as etree

from editordesk.document.nodes import Figure, Inline, Table, TableCell, TableRow
from editordesk.interchange.html.pictures import PastedPicture

MAX_COLUMNS = 64  # a table's columns (colspan included)
MAX_SPAN = 32  # one cell's colspan or rowspan


@dataclass
class _Cell:
    inlines: tuple[Inline, ...]
    align: str
    colspan: int
    rowspan: int


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    pending: list[tuple[PastedPicture, Figure]] = field(default_factory=list)


@dataclass
class _CellFrame:
    table: _Table
    align: str
    colspan: int
    rowspan: int


def _span(element: etree._Element, name: str) -> int:
    try:
        return min(max(int((element.get(name) or "1").strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _grid(rows: list[list[_Cell]]) -> list[list[tuple[tuple[Inline, ...], str]]]:
    """Rows of (inlines, alignment), every row as wide as the widest: a cell spanning
    columns or rows keeps its words in its first place and leaves the others empty."""
    grid: list[list[tuple[tuple[Inline, ...], str]]] = []
    waiting: dict[int, int] = {}  # column -> rows a cell above still spans
    for row in rows:
        out: list[tuple[tuple[Inline, ...], str]] = []
        cells = iter(row)
        while len(out) < MAX_COLUMNS:
            column = len(out)
            if waiting.get(column, 0) > 0:
                waiting[column] -= 1
                out.append(((), ""))
                continue
            cell = next(cells, None)
            if cell is None:
                break
            out.append((cell.inlines, cell.align))
            if cell.rowspan > 1:
                waiting[column] = cell.rowspan - 1
            for extra in range(1, cell.colspan):
                if len(out) >= MAX_COLUMNS:
                    break
                out.append(((), cell.align))
                if cell.rowspan > 1:
                    waiting[column + extra] = cell.rowspan - 1
        if out:
            grid.append(out)
    if not grid:
        return []
    width = max(len(row) for row in grid)
    return [row + [((), "")] * (width - len(row)) for row in grid]


def _table_node(table: _Table) -> Table | None:
    """The table's node, or None when it has no cells; its pictures are not in it."""
    grid = _grid(table.rows)
    if not grid:
        return None
    width = len(grid[0])
    header, body = grid[0], grid[1:]  # <thead>'s row, or the first
    align = []
    for column in range(width):
        chosen = ""
        for row in body or [header]:
            if row[column][1]:
                chosen = row[column][1]
                break
        align.append(chosen or header[column][1])
    return Table(
        TableRow(tuple(TableCell(c[0]) for c in header)),
        tuple(TableRow(tuple(TableCell(c[0]) for c in row)) for row in body),
        tuple(align),
    )
