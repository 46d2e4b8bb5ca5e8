"""What a block of the visual editor is (its kind, a unit, a table cell) and the
selections, ranges and undo steps the editing commands share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

from editordesk.gui.editor.visual.schema import BLOCK_KIND, UNIT_KINDS, BlockKind

Move = QTextCursor.MoveOperation
Keep = QTextCursor.MoveMode.KeepAnchor


TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM_CONTINUATION})
"""Blocks of inlines the block commands may turn into one another."""


def kind_of(block: QTextBlock) -> BlockKind:
    """The block's kind (a block without BLOCK_KIND is a paragraph)."""
    value = block.blockFormat().stringProperty(BLOCK_KIND)
    try:
        return BlockKind(value) if value else BlockKind.PARAGRAPH
    except ValueError:
        return BlockKind.PARAGRAPH


def is_unit(block: QTextBlock) -> bool:
    """A figure, tweet or rule block: selected, deleted and moved whole."""
    return block.isValid() and kind_of(block) in UNIT_KINDS


def table_at(block: QTextBlock) -> QTextTable | None:
    """The table a block is a cell of, if any."""
    return QTextCursor(block).currentTable() if block.isValid() else None


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """The blocks the selection touches (a selection ending at a block's start leaves that
    block out), or the cursor's block."""
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first = doc.findBlock(start)
    last = doc.findBlock(end)
    if end > start and last.position() == end and last.blockNumber() > first.blockNumber():
        last = last.previous()
    blocks = [first]
    while blocks[-1].blockNumber() < last.blockNumber():
        blocks.append(blocks[-1].next())
    return blocks


def block_range(block: QTextBlock) -> QTextCursor:
    """A cursor selecting the block's text (not its separator)."""
    cursor = QTextCursor(block)
    cursor.movePosition(Move.EndOfBlock, Keep)
    return cursor


def set_chars(cursor: QTextCursor, change: Callable[[QTextCharFormat], QTextCharFormat]) -> None:
    """Apply `change(fmt) -> fmt` to every fragment the cursor's selection covers (the
    fragments are listed first: setting a format splits and joins them)."""
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    spans: list[tuple[int, int, QTextCharFormat]] = []
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            a = max(frag.position(), start)
            b = min(frag.position() + frag.length(), end)
            if a < b:
                spans.append((a, b, frag.charFormat()))
            it += 1
        block = block.next()
    for a, b, fmt in spans:
        part = QTextCursor(doc)
        part.setPosition(a)
        part.setPosition(b, Keep)
        part.setCharFormat(change(fmt))


def set_kind(fmt: QTextBlockFormat, kind: BlockKind) -> None:
    fmt.setProperty(BLOCK_KIND, str(kind))


class OneStep:
    """Edits in phases that undo as one step: Qt updates its tables' frames only at the end
    of an edit block, so each phase ends one and the next joins it."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        self.steps = doc.availableUndoSteps()
        self.cursor = QTextCursor(doc)
        self.cursor.beginEditBlock()

    def next(self) -> None:
        self.cursor.endEditBlock()
        if self.doc.availableUndoSteps() != self.steps:
            self.cursor.joinPreviousEditBlock()  # the step this move began
        else:  # nothing changed yet: joining would join the user's last step
            self.cursor.beginEditBlock()

    def done(self) -> None:
        self.cursor.endEditBlock()
