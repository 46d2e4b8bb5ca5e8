"""Lists in the visual editor: bullets and numbers toggle, items nest and unnest, and an
item joins the neighbouring list of its kind and depth."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextList, QTextListFormat

from editordesk.gui.editor.visual.blocks import (
    TEXT_KINDS,
    kind_of,
    selected_blocks,
    set_kind,
    table_at,
)
from editordesk.gui.editor.visual.schema import ITEM_DEPTH, LIST_TIGHT, BlockKind

BULLETS = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)
NUMBERED = QTextListFormat.Style.ListDecimal


def is_numbered(text_list: QTextList) -> bool:
    return text_list.format().style() in (
        NUMBERED,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    )


def list_format(numbered: bool, depth: int) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(NUMBERED if numbered else BULLETS[(depth - 1) % len(BULLETS)])
    fmt.setIndent(depth)
    fmt.setProperty(LIST_TIGHT, True)
    return fmt


def unlist(block: QTextBlock, split: bool = True) -> None:
    """Take a block out of its list: it becomes a paragraph at the left margin. The items
    after it become a list of their own, numbered on from where they were (as Word shows
    them and as the body will say), unless `split` is False (the block moves to another
    depth and the list goes on around it)."""
    text_list: QTextList | None = block.textList()
    if text_list is not None and not split:
        text_list.remove(block)
    elif text_list is not None:
        items = [text_list.item(i) for i in range(text_list.count())]
        later = [b for b in items if b.position() > block.position()]
        before = len(items) - len(later) - 1
        text_list.remove(block)
        if later:
            rest_format = QTextListFormat(text_list.format())
            rest_format.setStart(rest_format.start() + before)
            rest = QTextCursor(later[0]).createList(rest_format)
            for item in later[1:]:
                rest.add(item)
    fmt = block.blockFormat()
    fmt.setIndent(0)
    fmt.setObjectIndex(-1)
    if kind_of(block) == BlockKind.ITEM_CONTINUATION:
        set_kind(fmt, BlockKind.PARAGRAPH)
        fmt.clearProperty(ITEM_DEPTH)
    QTextCursor(block).setBlockFormat(fmt)


def _same_list(a: QTextListFormat, b: QTextListFormat) -> bool:
    numbered = (a.style() == NUMBERED, b.style() == NUMBERED)
    return a.indent() == b.indent() and numbered[0] == numbered[1]


def put_in_list(block: QTextBlock, numbered: bool, depth: int) -> None:
    """Make `block` an item of depth `depth`, joining the neighbouring list of that kind and
    depth (before it, or else after it) when there is one."""
    wanted = list_format(numbered, depth)
    if block.textList() is not None:
        unlist(block, split=False)
    matching: list[QTextList] = []
    for neighbour in _list_neighbours(block, depth):
        text_list: QTextList | None = neighbour.textList()
        if text_list is not None and _same_list(text_list.format(), wanted):
            matching.append(text_list)
    if matching:
        target = matching[0]
        target.add(block)
        for other in matching[1:]:  # the list after joins: one list again
            if other.objectIndex() != target.objectIndex():
                for item in [other.item(i) for i in range(other.count())]:
                    target.add(item)
        return
    cursor = QTextCursor(block)
    fmt = block.blockFormat()
    fmt.setIndent(0)
    cursor.setBlockFormat(fmt)
    cursor.createList(wanted)


def _list_neighbours(block: QTextBlock, depth: int) -> list[QTextBlock]:
    """The nearest list blocks of `depth` before and after `block` with nothing shallower
    (or not in a list) between."""
    out = []
    for step in ("previous", "next"):
        other = getattr(block, step)()
        while other.isValid():
            text_list = other.textList()
            level = text_list.format().indent() if text_list else continuation_depth(other)
            if level is None or level < depth:
                break
            if text_list is not None and level == depth:
                out.append(other)
                break
            other = getattr(other, step)()
    return out


def continuation_depth(block: QTextBlock) -> int | None:
    if kind_of(block) == BlockKind.ITEM_CONTINUATION:
        depth = block.blockFormat().intProperty(ITEM_DEPTH)
        return depth or None
    return None


def toggle_list(cursor: QTextCursor, numbered: bool) -> None:
    """Bullets (or numbers) on the selected blocks, or off when they all have them."""
    blocks = [b for b in selected_blocks(cursor) if kind_of(b) in TEXT_KINDS and not table_at(b)]
    if not blocks:
        return
    numbers = [b.blockNumber() for b in blocks]
    doc = cursor.document()
    cursor.beginEditBlock()
    if all((tl := b.textList()) is not None and is_numbered(tl) == numbered for b in blocks):
        for number in numbers:
            unlist(doc.findBlockByNumber(number))
    else:
        converted: set[int] = set()
        for number in numbers:  # lists come and go as blocks join them: look each time
            block = doc.findBlockByNumber(number)
            text_list: QTextList | None = block.textList()
            if text_list is not None:  # a list of the other kind changes kind, whole
                if text_list.objectIndex() not in converted and is_numbered(text_list) != numbered:
                    converted.add(text_list.objectIndex())
                    fmt = text_list.format()
                    fmt.setStyle(list_format(numbered, fmt.indent()).style())
                    text_list.setFormat(fmt)
            else:
                put_in_list(block, numbered, 1)
    cursor.endEditBlock()


def list_depth(block: QTextBlock) -> int:
    text_list = block.textList()
    return text_list.format().indent() if text_list is not None else 0


def indent_item(block: QTextBlock, delta: int) -> None:
    """Nest (delta 1) or unnest (-1) a list item; unnesting a top-level item makes it a
    paragraph."""
    text_list: QTextList | None = block.textList()
    if text_list is None:
        return
    numbered = is_numbered(text_list)
    depth = text_list.format().indent() + delta
    if depth < 1:
        unlist(block)
    else:
        put_in_list(block, numbered, depth)
