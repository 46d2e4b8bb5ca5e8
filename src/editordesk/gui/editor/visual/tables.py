"""Table commands for the visual editor over a QTextCursor: insert a table with its header
row, add and remove rows and columns, align a column, delete the table, and move between
cells with Tab. Every command is one undo step and keeps schema.TABLE_ALIGN in step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from editordesk.gui.editor.visual.schema import TABLE_ALIGN

ALIGNMENTS = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


def table_format(cols: int) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setProperty(TABLE_ALIGN, ",".join([""] * cols))
    return fmt


def aligns(table: QTextTable) -> list[str]:
    """The columns' alignments (one entry per column, "" when not set)."""
    raw = table.format().stringProperty(TABLE_ALIGN)
    out = raw.split(",") if raw else []
    cols = table.columns()
    return (out + [""] * cols)[:cols]


def _set_aligns(table: QTextTable, values: list[str]) -> None:
    fmt = table.format()
    fmt.setProperty(TABLE_ALIGN, ",".join(values))
    table.setFormat(fmt)


def _align_cell(table: QTextTable, row: int, col: int, align: str) -> None:
    cursor = table.cellAt(row, col).firstCursorPosition()
    fmt = cursor.blockFormat()
    if align in ALIGNMENTS:
        fmt.setAlignment(ALIGNMENTS[align])
    else:
        fmt.clearProperty(QTextFormat.Property.BlockAlignment)
    cursor.setBlockFormat(fmt)


def _header_chars() -> QTextCharFormat:
    return QTextCharFormat()


def insert_table(cursor: QTextCursor, rows: int, cols: int) -> QTextTable | None:
    """A table of `rows` rows (the first its header) and `cols` columns after the current
    block (in its place when that is an empty paragraph); the cursor goes to the first cell."""
    rows, cols = max(1, rows), max(1, cols)
    if cursor.currentTable() is not None:
        return None
    cursor.beginEditBlock()
    cursor.clearSelection()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    if cursor.block().text():
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    else:
        cursor.setBlockFormat(QTextBlockFormat())
    table = cursor.insertTable(rows, cols, table_format(cols))
    cursor.setPosition(table.cellAt(0, 0).firstCursorPosition().position())
    cursor.endEditBlock()
    return table


def _cell(cursor: QTextCursor) -> tuple[QTextTable, int, int] | None:
    table: QTextTable | None = cursor.currentTable()
    if table is None:
        return None
    cell = table.cellAt(cursor)
    return table, cell.row(), cell.column()


def add_row(cursor: QTextCursor, below: bool = True) -> bool:
    where = _cell(cursor)
    if where is None:
        return False
    table, row, _ = where
    at = row + 1 if below else row
    cursor.beginEditBlock()
    table.insertRows(at, 1)
    values = aligns(table)
    for col in range(table.columns()):
        _align_cell(table, at, col, values[col])
    cursor.endEditBlock()
    cursor.setPosition(table.cellAt(at, where[2]).firstCursorPosition().position())
    return True


def add_column(cursor: QTextCursor, right: bool = True) -> bool:
    where = _cell(cursor)
    if where is None:
        return False
    table, row, col = where
    at = col + 1 if right else col
    cursor.beginEditBlock()
    values = aligns(table)
    table.insertColumns(at, 1)
    values.insert(at, "")
    _set_aligns(table, values)
    cursor.endEditBlock()
    cursor.setPosition(table.cellAt(row, at).firstCursorPosition().position())
    return True


def remove_row(cursor: QTextCursor) -> bool:
    """Remove the cursor's row (the last row takes the table with it)."""
    where = _cell(cursor)
    if where is None:
        return False
    table, row, col = where
    if table.rows() == 1:
        return delete_table(cursor)
    cursor.beginEditBlock()
    table.removeRows(row, 1)
    cursor.endEditBlock()
    cursor.setPosition(
        table.cellAt(min(row, table.rows() - 1), col).firstCursorPosition().position()
    )
    return True


def remove_column(cursor: QTextCursor) -> bool:
    where = _cell(cursor)
    if where is None:
        return False
    table, row, col = where
    if table.columns() == 1:
        return delete_table(cursor)
    cursor.beginEditBlock()
    values = aligns(table)
    table.removeColumns(col, 1)
    del values[col]
    _set_aligns(table, values)
    cursor.endEditBlock()
    cursor.setPosition(
        table.cellAt(row, min(col, table.columns() - 1)).firstCursorPosition().position()
    )
    return True


def align_column(cursor: QTextCursor, align: str) -> bool:
    """Align the cursor's column "left", "center", "right" (or "" for not set)."""
    where = _cell(cursor)
    if where is None:
        return False
    table, _, col = where
    cursor.beginEditBlock()
    values = aligns(table)
    values[col] = align if align in ALIGNMENTS else ""
    _set_aligns(table, values)
    for row in range(table.rows()):
        _align_cell(table, row, col, values[col])
    cursor.endEditBlock()
    return True


def delete_table(cursor: QTextCursor) -> bool:
    table: QTextTable | None = cursor.currentTable()
    if table is None:
        return False
    doc = cursor.document()
    cursor.beginEditBlock()
    after = table.lastPosition() + 1
    table.removeRows(0, table.rows())
    cursor.endEditBlock()
    cursor.setPosition(min(after, doc.characterCount() - 1))
    cursor.setPosition(doc.findBlock(cursor.position()).position())
    return True


def next_cell(cursor: QTextCursor, back: bool = False) -> bool:
    """Tab: the next cell (a new row after the last); Shift+Tab: the cell before. The
    cursor goes to the end of the cell's text."""
    where = _cell(cursor)
    if where is None:
        return False
    table, row, col = where
    index = row * table.columns() + col + (-1 if back else 1)
    if index < 0:
        return True
    if index >= table.rows() * table.columns():
        cursor.beginEditBlock()
        table.appendRows(1)
        values = aligns(table)
        for c in range(table.columns()):
            _align_cell(table, table.rows() - 1, c, values[c])
        cursor.endEditBlock()
    cell = table.cellAt(index // table.columns(), index % table.columns())
    cursor.setPosition(cell.lastCursorPosition().position())
    return True
