"""Blocks moving in the visual editor: the selected blocks (widened to whole items,
tables and cards) past their neighbour up or down, and a card dragged to another place."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
    QTextTableFormat,
)

from editordesk.gui.editor.visual.blocks import Keep, Move, OneStep, selected_blocks, table_at
from editordesk.gui.editor.visual.footnotes import in_notes, is_notes
from editordesk.gui.editor.visual.lists import NUMBERED, continuation_depth, list_depth, put_in_list


@dataclass
class _Snap:
    """A block taken out to be put back elsewhere: its formats and its runs of text."""

    fmt: QTextBlockFormat
    chars: QTextCharFormat
    runs: list[tuple[str, QTextCharFormat]]
    list_format: QTextListFormat | None = None
    list_key: int = -1


@dataclass
class _TableSnap:
    """A table taken out: its format and each cell's block."""

    fmt: QTextTableFormat
    rows: int
    cols: int
    cells: list[_Snap] = field(default_factory=list)


def _snap(block: QTextBlock) -> _Snap:
    runs = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        runs.append((frag.text(), frag.charFormat()))
        it += 1
    text_list = block.textList()
    fmt = QTextBlockFormat(block.blockFormat())
    fmt.setObjectIndex(-1)
    return _Snap(
        fmt,
        block.charFormat(),
        runs,
        text_list.format() if text_list is not None else None,
        text_list.objectIndex() if text_list is not None else -1,
    )


def unit_of(block: QTextBlock) -> tuple[QTextBlock, QTextBlock]:
    """The first and last block of what moves as one: a table, a list item with its nested
    items and continuations, or a block."""
    table = table_at(block)
    doc = block.document()
    if table is not None:
        return doc.findBlock(table.firstPosition()), doc.findBlock(table.lastPosition())
    depth = list_depth(block)
    if depth:
        last = block
        nxt = block.next()
        while nxt.isValid() and not table_at(nxt):
            deeper = list_depth(nxt) > depth
            cont = (continuation_depth(nxt) or 0) >= depth
            if not (deeper or cont):
                break
            last, nxt = nxt, nxt.next()
        return block, last
    return block, block


def _item_start(block: QTextBlock) -> QTextBlock:
    """The list item block a continuation belongs to."""
    depth = continuation_depth(block)
    while depth and block.previous().isValid() and not block.textList():
        block = block.previous()
        if block.textList() is not None and list_depth(block) <= depth:
            break
    return block


def move_blocks(cursor: QTextCursor, delta: int) -> bool:
    """Move the selected blocks (widened to whole items, tables, cards) past the
    neighbouring unit above (delta -1) or below (+1), one undo step; the cursor follows.
    False when there is nowhere to go."""
    doc = cursor.document()
    blocks = selected_blocks(cursor)
    if len({id(table_at(b)) for b in blocks}) > 1:
        return False  # a selection across a table's edge: nothing sensible moves
    first, _ = unit_of(_item_start(blocks[0]))
    _, last = unit_of(_item_start(blocks[-1]))
    if delta < 0:
        above = first.previous()
        if not above.isValid():
            return False
        n_first, _ = unit_of(_item_start(_unit_head(above)))
        n_last = above
    else:
        below = last.next()
        if not below.isValid():
            return False
        n_first, n_last = unit_of(_item_start(below))
    if any(is_notes(b) for b in (first, last, n_first, n_last)):
        return False  # the Notes separator stays, and notes stay under it
    if in_notes(first) != in_notes(n_first):
        return False
    # What goes where: a table never lands straight after another (Qt keeps a paragraph
    # between two tables, and moving one there is not something a reader could see).
    moving, before = (first, n_first.previous()) if delta < 0 else (n_first, first.previous())
    if table_at(moving) is not None and table_at(before) is not None:
        return False
    rel_pos = cursor.position() - first.position()
    rel_anchor = cursor.anchor() - first.position()
    numbers = [b.blockNumber() for b in (first, last, n_first, n_last)]
    at_end = max(numbers) == doc.blockCount() - 1
    step = OneStep(doc)
    head = _ensure_head(doc, min(numbers) == 0)
    tail = _ensure_tail(doc, at_end)
    f, l_, nf, nl = (n + head for n in numbers)
    step.next()
    if delta < 0:  # we go above the neighbour
        snaps = _take(doc, doc.findBlockByNumber(f), doc.findBlockByNumber(l_))
        step.next()
        home, _after = _put_after(doc, doc.findBlockByNumber(nf - 1), snaps)
    else:  # the neighbour goes above us
        snaps = _take(doc, doc.findBlockByNumber(nf), doc.findBlockByNumber(nl))
        step.next()
        _first, home = _put_after(doc, doc.findBlockByNumber(f - 1), snaps)
    home_pos = doc.findBlockByNumber(home).position()
    step.next()
    home_pos -= _drop_ends(doc, head, tail)
    step.done()
    end = doc.characterCount() - 1
    cursor.setPosition(min(max(home_pos + rel_anchor, 0), end))
    cursor.setPosition(min(max(home_pos + rel_pos, 0), end), Keep)
    return True


def move_unit_to(
    cursor: QTextCursor, block: QTextBlock, target: QTextBlock, after: bool
) -> QTextBlock | None:
    """Move one block (a card) before or after `target`, one undo step; returns the block
    where it now is, or None when that is where it was."""
    doc = cursor.document()
    number, t_number = block.blockNumber(), target.blockNumber()
    prev_number = t_number if after else t_number - 1
    if prev_number in (number, number - 1):
        return None
    at_end = max(number, t_number) == doc.blockCount() - 1
    step = OneStep(doc)
    head = _ensure_head(doc, min(number, prev_number + 1) == 0)
    tail = _ensure_tail(doc, at_end)
    number, prev_number = number + head, prev_number + head
    step.next()
    snaps = _take(doc, doc.findBlockByNumber(number), doc.findBlockByNumber(number))
    if prev_number > number:
        prev_number -= 1
    step.next()
    first, _ = _put_after(doc, doc.findBlockByNumber(prev_number), snaps)
    step.next()
    new_number = first - _drop_ends(doc, head, tail)
    step.done()
    return doc.findBlockByNumber(new_number)


def _drop_ends(doc: QTextDocument, head: int, tail: bool) -> int:
    """Remove the blocks _ensure_head and _ensure_tail added; returns how many characters
    went from the start."""
    # A table's frame needs a block either side: one added there stays.
    if tail and table_at(doc.lastBlock().previous()) is None:
        end = QTextCursor(doc)
        last_block = doc.lastBlock()
        end.setPosition(last_block.position() - 1)
        end.setPosition(last_block.position() + last_block.length() - 1, Keep)
        end.removeSelectedText()
    if head and table_at(doc.firstBlock().next()) is None:
        start = QTextCursor(doc)
        start.setPosition(doc.firstBlock().next().position(), Keep)
        start.removeSelectedText()
        return 1
    return 0


def _ensure_head(doc: QTextDocument, needed: bool) -> int:
    """Add an empty first paragraph so the units at the top have a block before them; 1 if
    added."""
    first = doc.firstBlock()
    if not needed:
        return 0
    start = QTextCursor(doc)
    start.insertBlock(first.blockFormat(), first.charFormat())
    start.setPosition(0)
    start.setBlockFormat(QTextBlockFormat())
    start.setBlockCharFormat(QTextCharFormat())
    return 1


def _unit_head(block: QTextBlock) -> QTextBlock:
    """The first block of the unit `block` ends (a table's first cell, an item's block)."""
    table = table_at(block)
    if table is not None:
        return block.document().findBlock(table.firstPosition())
    head = block
    probe = block
    while probe.isValid() and (list_depth(probe) or continuation_depth(probe)):
        if list_depth(probe) == 1:
            return probe
        probe = probe.previous()
        if probe.isValid() and (list_depth(probe) or continuation_depth(probe)):
            head = probe
        else:
            break
    return head if list_depth(head) else block


def _ensure_tail(doc: QTextDocument, needed: bool) -> bool:
    """Add an empty last paragraph so the units at the end have a block after them; True
    if added."""
    if not needed:
        return False
    end = QTextCursor(doc)
    end.movePosition(Move.End)
    end.insertBlock(QTextBlockFormat(), QTextCharFormat())
    return True


def _take(doc: QTextDocument, first: QTextBlock, last: QTextBlock) -> list[_Snap | _TableSnap]:
    """Snapshot the blocks first..last (a table, or blocks outside tables) and remove them;
    the blocks around keep their formats."""
    table = table_at(first)
    if table is not None:
        snap = _TableSnap(table.format(), table.rows(), table.columns())
        for r in range(table.rows()):
            for c in range(table.columns()):
                snap.cells.append(_snap(table.cellAt(r, c).firstCursorPosition().block()))
        after = doc.findBlock(table.lastPosition() + 1)
        fmt, chars = after.blockFormat(), after.charFormat()
        start = table.firstPosition() - 1
        table.removeRows(0, table.rows())
        # Qt joins the blocks either side of a removed table: part them again
        cut = QTextCursor(doc)
        cut.setPosition(start)
        cut.insertBlock(fmt, chars)
        return [snap]
    snaps: list[_Snap | _TableSnap] = []
    block = first
    while block.isValid() and block.blockNumber() <= last.blockNumber():
        snaps.append(_snap(block))
        block = block.next()
    after = block  # the block after the unit (there always is one: _ensure_tail)
    cut = QTextCursor(doc)
    if table_at(after) is None:
        cut.setPosition(first.position())
        cut.setPosition(after.position(), Keep)
        cut.removeSelectedText()
        return snaps
    # A table follows: its frame is the last block's separator, so the separator before
    # the first block goes instead, and the block before keeps its own formats.
    before = first.previous()
    fmt, chars = before.blockFormat(), before.charFormat()
    cut.setPosition(first.position() - 1)
    cut.setPosition(last.position() + last.length() - 1, Keep)
    cut.removeSelectedText()
    cut.setBlockFormat(fmt)
    cut.setBlockCharFormat(chars)
    return snaps


def _put_after(
    doc: QTextDocument, prev: QTextBlock, snaps: list[_Snap | _TableSnap]
) -> tuple[int, int]:
    """Insert the snapshots after the block `prev`; returns the block numbers of the first
    new block and of the block after the last."""
    cursor = QTextCursor(doc)
    first_new = -1
    lists: dict[int, QTextList] = {}
    table = table_at(prev)
    if table is not None:
        # After a table's last cell is inside the table: the first block goes in before the
        # block after the table instead, made by splitting that block at its start.
        target = doc.findBlock(table.lastPosition() + 1)
        cursor.setPosition(target.position())
        cursor.insertBlock(target.blockFormat(), target.charFormat())
        prev = doc.findBlock(target.position())
        cursor.setPosition(prev.position())
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setBlockCharFormat(QTextCharFormat())
        gap_block = prev.blockNumber()  # an empty paragraph between the table and the rest
    else:
        gap_block = -1
    at = prev.position() + prev.length() - 1  # where the next block goes: this block's end
    for snap in snaps:
        cursor.setPosition(at)
        if isinstance(snap, _TableSnap):
            table = cursor.insertTable(snap.rows, snap.cols, snap.fmt)
            for i, cell_snap in enumerate(snap.cells):
                edit = table.cellAt(i // snap.cols, i % snap.cols).firstCursorPosition()
                edit.setBlockFormat(cell_snap.fmt)
                edit.setBlockCharFormat(cell_snap.chars)
                for text, fmt in cell_snap.runs:
                    edit.insertText(text, fmt)
            number = doc.findBlock(table.firstPosition()).blockNumber()
            # the empty block the split leaves after the table goes
            spare = doc.findBlock(table.lastPosition() + 1)
            if not spare.text() and spare.next().isValid() and table_at(spare.next()) is None:
                gap = QTextCursor(doc)
                gap.setPosition(spare.position())
                gap.setPosition(spare.next().position(), Keep)
                gap.removeSelectedText()
            at = doc.findBlock(table.lastPosition() + 1).position() - 1
        else:
            cursor.insertBlock(snap.fmt, snap.chars)
            block = cursor.block()
            for text, fmt in snap.runs:
                cursor.insertText(text, fmt)
            if snap.list_format is not None:
                existing = lists.get(snap.list_key)
                if existing is not None:
                    existing.add(block)
                else:
                    numbered = snap.list_format.style() == NUMBERED
                    put_in_list(block, numbered, snap.list_format.indent())
                    made = block.textList()
                    if made is not None:
                        lists[snap.list_key] = made
            number = block.blockNumber()
            at = block.position() + block.length() - 1
        if first_new < 0:
            first_new = number
    after = doc.findBlock(at + 1).blockNumber()
    if gap_block >= 0:
        gap_at = doc.findBlockByNumber(gap_block)
        if not gap_at.text() and table_at(gap_at.next()) is None:
            gap = QTextCursor(doc)
            gap.setPosition(gap_at.position())
            gap.setPosition(gap_at.next().position(), Keep)
            gap.removeSelectedText()
            first_new, after = first_new - 1, after - 1
    return first_new, after
