"""Unit blocks in the visual editor (rules, figures, tweets): inserted after the current
block, selected whole and removed whole."""

from __future__ import annotations

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLength,
)

from editordesk.gui.editor.visual.blocks import Keep, Move, is_unit, kind_of, set_kind, table_at
from editordesk.gui.editor.visual.schema import BlockKind


def rule_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    set_kind(fmt, BlockKind.RULE)
    fmt.setProperty(
        QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
        QTextLength(QTextLength.Type.PercentageLength, 100),
    )
    return fmt


def block_after(cursor: QTextCursor) -> QTextCursor:
    """A cursor where a new block after the current one (or after its table) begins: at
    the end of that block, ready for insertBlock."""
    out = QTextCursor(cursor)
    out.clearSelection()
    table = table_at(out.block())
    if table is not None:
        out.setPosition(table.lastPosition() + 1)
        if out.block().text() or is_unit(out.block()):
            out.insertBlock(QTextBlockFormat(), QTextCharFormat())
            out.movePosition(Move.PreviousBlock)
        return out
    out.movePosition(Move.EndOfBlock)
    return out


def insert_unit_block(
    cursor: QTextCursor, fmt: QTextBlockFormat, text: str = "", chars: QTextCharFormat | None = None
) -> QTextBlock:
    """Put a unit block (rule, figure, tweet) after the current block, or in place of an
    empty paragraph, with a paragraph after it for the cursor; returns the new block."""
    cursor.beginEditBlock()
    block = cursor.block()
    replace = (
        not block.text()
        and kind_of(block) == BlockKind.PARAGRAPH
        and block.textList() is None
        and not table_at(block)
    )
    if replace:
        edit = QTextCursor(block)
        edit.setBlockFormat(fmt)
        edit.setBlockCharFormat(QTextCharFormat())
    else:
        edit = block_after(cursor)
        edit.insertBlock(fmt, QTextCharFormat())
    if text:
        edit.insertText(text, chars or QTextCharFormat())
    new = edit.block()
    after = new.next()
    if not after.isValid() or is_unit(after) or table_at(after) or after.text():
        edit.movePosition(Move.EndOfBlock)
        edit.insertBlock(QTextBlockFormat(), QTextCharFormat())
    else:
        edit.setPosition(after.position())
    cursor.setPosition(edit.position())
    cursor.endEditBlock()
    return new


def insert_rule(cursor: QTextCursor) -> None:
    insert_unit_block(cursor, rule_format())


def unit_selection(block: QTextBlock) -> QTextCursor:
    """A cursor selecting a unit block whole: its content and its separator."""
    cursor = QTextCursor(block)
    nxt = block.next()
    if nxt.isValid():
        cursor.setPosition(block.position() + block.length(), Keep)
    else:
        cursor.movePosition(Move.EndOfBlock, Keep)
    return cursor


def remove_unit(block: QTextBlock) -> QTextCursor:
    """Delete a unit block whole (one undo step); returns a cursor where it was."""
    doc = block.document()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    nxt, prev = block.next(), block.previous()
    if nxt.isValid() and not table_at(nxt):
        cursor.setPosition(block.position())
        cursor.setPosition(nxt.position(), Keep)
        cursor.removeSelectedText()
    elif prev.isValid() and not table_at(prev):
        cursor.setPosition(prev.position() + prev.length() - 1)
        cursor.setPosition(block.position() + block.length() - 1, Keep)
        cursor.removeSelectedText()
    else:  # alone between tables: it becomes an empty paragraph
        cursor.setPosition(block.position())
        cursor.movePosition(Move.EndOfBlock, Keep)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setBlockCharFormat(QTextCharFormat())
    cursor.endEditBlock()
    return cursor
