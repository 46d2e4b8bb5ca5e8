"""The visual editor's block and inline commands as functions over a QTextCursor: bold,
italic, strikethrough and links toggle; headings, lists, quotes and code toggle; list items
nest and unnest; a typed Markdown prefix becomes its block; blocks move up and down."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from editordesk.gui.editor.visual.schema import (
    BLOCK_KIND,
    CODE_LANGUAGE,
    FOOTNOTE_LABEL,
    FOOTNOTE_OBJECT,
    INLINE_CODE,
    ITEM_DEPTH,
    LINE_SEP,
    LINK_TITLE,
    LIST_TIGHT,
    NOTE_MARK,
    OBJECT_CHAR,
    QUOTE_LEVEL,
    UNIT_KINDS,
    BlockKind,
)

Move = QTextCursor.MoveOperation
Keep = QTextCursor.MoveMode.KeepAnchor

QUOTE_INDENT = 28.0  # the left margin of one level of block quote, in pixels (as built)
BULLETS = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)
NUMBERED = QTextListFormat.Style.ListDecimal
TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM_CONTINUATION})
"""Blocks of inlines the block commands may turn into one another."""


# ---------------------------------------------------------------- what a block is


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


def is_numbered(text_list: QTextList) -> bool:
    return text_list.format().style() in (
        NUMBERED,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    )


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


def monospace() -> QTextCharFormat:
    """A code block's characters, as the builder makes them."""
    fmt = QTextCharFormat()
    family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    fmt.setFontFamilies([family, "monospace"] if family else ["monospace"])
    fmt.setFontFixedPitch(True)
    fmt.setProperty(INLINE_CODE, True)
    return fmt


def drawn_heavier(block: QTextBlock) -> bool:
    """Headings and header cells are drawn DemiBold: their bold is ExtraBold."""
    if block.blockFormat().headingLevel():
        return True
    table = table_at(block)
    if table is None or table.format().headerRowCount() < 1:
        return False
    return table.cellAt(block.position()).row() == 0


def _set_chars(cursor: QTextCursor, change: Callable[[QTextCharFormat], QTextCharFormat]) -> None:
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


# ---------------------------------------------------------------- inline formats


def _word_under(cursor: QTextCursor) -> QTextCursor | None:
    """The word the cursor stands inside (not at its edge), as Word picks it."""
    block = cursor.block()
    text = block.text()
    offset = cursor.position() - block.position()
    if not (0 < offset < len(text)) or not (text[offset - 1].isalnum() and text[offset].isalnum()):
        return None
    word = QTextCursor(cursor)
    word.select(QTextCursor.SelectionType.WordUnderCursor)
    return word if word.hasSelection() else None


def _all_chars(cursor: QTextCursor, test: Callable[[QTextCharFormat], bool]) -> bool:
    """Whether every character of the selection passes `test(fmt)` (objects excepted)."""
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    block = doc.findBlock(start)
    seen = False
    while block.isValid() and block.position() < end:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.position() < end and frag.position() + frag.length() > start:
                fmt = frag.charFormat()
                if not fmt.isImageFormat() and fmt.objectType() == 0:
                    seen = True
                    if not test(fmt):
                        return False
            it += 1
        block = block.next()
    return seen


def toggle_inline(cursor: QTextCursor, prop: QTextFormat.Property, on_value: object) -> bool:
    """Toggle a character property on the selection, the word under the cursor, or the
    typing format; True when `cursor` itself only carries a new typing format (the caller
    puts it back on the widget)."""
    weight = prop == QTextFormat.Property.FontWeight

    def has(fmt: QTextCharFormat) -> bool:
        if weight:
            return fmt.fontWeight() >= QFont.Weight.Bold
        return bool(fmt.property(prop))

    def value(on: bool, block: QTextBlock) -> object:
        if not weight:
            return on_value if on else False
        heavy = drawn_heavier(block)
        if on:
            return int(QFont.Weight.ExtraBold if heavy else QFont.Weight.Bold)
        return int(QFont.Weight.DemiBold if heavy else QFont.Weight.Normal)

    target = cursor if cursor.hasSelection() else _word_under(cursor)
    if target is None:  # no word: the next characters typed take the format
        change = QTextCharFormat()
        change.setProperty(prop, value(not has(cursor.charFormat()), cursor.block()))
        cursor.mergeCharFormat(change)
        return True
    on = not _all_chars(target, has)
    if not weight:
        change = QTextCharFormat()
        change.setProperty(prop, value(on, target.block()))
        target.mergeCharFormat(change)
        return False
    doc = cursor.document()
    start, end = target.selectionStart(), target.selectionEnd()
    for block in selected_blocks(target):  # a heading's bold is heavier than a paragraph's
        part = QTextCursor(doc)
        part.setPosition(max(start, block.position()))
        part.setPosition(min(end, block.position() + block.length() - 1), Keep)
        if part.hasSelection():
            change = QTextCharFormat()
            change.setProperty(prop, value(on, block))
            part.mergeCharFormat(change)
    return False


def toggle_bold(cursor: QTextCursor) -> bool:
    return toggle_inline(cursor, QTextFormat.Property.FontWeight, int(QFont.Weight.Bold))


def toggle_italic(cursor: QTextCursor) -> bool:
    return toggle_inline(cursor, QTextFormat.Property.FontItalic, True)


def toggle_strikethrough(cursor: QTextCursor) -> bool:
    return toggle_inline(cursor, QTextFormat.Property.FontStrikeOut, True)


def link_format(url: str, title: str = "") -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(url)
    fmt.setFontUnderline(True)
    fmt.setForeground(Qt.GlobalColor.blue)
    if title:
        fmt.setProperty(LINK_TITLE, title)
    return fmt


def plain_chars(fmt: QTextCharFormat) -> QTextCharFormat:
    """`fmt` without link or inline code: what typing after a link's end takes."""
    out = QTextCharFormat(fmt)
    for prop in (
        QTextFormat.Property.IsAnchor,
        QTextFormat.Property.AnchorHref,
        QTextFormat.Property.AnchorName,
        QTextFormat.Property.TextUnderlineStyle,
        QTextFormat.Property.ForegroundBrush,
        QTextFormat.Property.FontFamilies,
        QTextFormat.Property.FontFamily,
        QTextFormat.Property.FontFixedPitch,
        QTextFormat.Property.BackgroundBrush,
        LINK_TITLE,
        INLINE_CODE,
    ):
        out.clearProperty(prop)
    return out


def is_sticky_stop(fmt: QTextCharFormat) -> bool:
    """Formats that end where they end: typing next to them does not extend them."""
    return fmt.isAnchor() or bool(fmt.property(INLINE_CODE))


def unlinked(fmt: QTextCharFormat) -> QTextCharFormat:
    """`fmt` without its link (inline code and the rest stay)."""
    out = QTextCharFormat(fmt)
    for prop in (
        QTextFormat.Property.IsAnchor,
        QTextFormat.Property.AnchorHref,
        QTextFormat.Property.AnchorName,
        QTextFormat.Property.TextUnderlineStyle,
        QTextFormat.Property.ForegroundBrush,
        LINK_TITLE,
    ):
        out.clearProperty(prop)
    return out


def set_link(cursor: QTextCursor, url: str, text: str | None = None) -> None:
    """Link the selection (or the word under the cursor) to `url`, or unlink it when it is
    all linked to `url` already (a toggle, as Ctrl+B is); with neither, insert `text` (or
    the address) as a link. An empty `url` removes the link there."""
    target = cursor if cursor.hasSelection() else _word_under(cursor)
    if not url:
        if target is None:
            target = link_extent(cursor)
        if target is not None:
            _set_chars(target, unlinked)
        return
    if target is None:
        fmt = plain_chars(cursor.charFormat())
        fmt.merge(link_format(url))
        cursor.insertText(text or url, fmt)
        cursor.setCharFormat(plain_chars(cursor.charFormat()))
        return
    if _all_chars(target, lambda f: f.isAnchor() and f.anchorHref() == url):
        _set_chars(target, unlinked)
        return
    _set_chars(target, unlinked)
    target.mergeCharFormat(link_format(url))


def link_extent(cursor: QTextCursor) -> QTextCursor | None:
    """The whole link the cursor stands in (its run of the same address in the block)."""
    block = cursor.block()
    offset = cursor.position()
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.position() <= offset <= frag.position() + frag.length():
            fmt = frag.charFormat()
            if fmt.isAnchor():
                out = QTextCursor(cursor.document())
                out.setPosition(frag.position())
                out.setPosition(frag.position() + frag.length(), Keep)
                return out
        it += 1
    return None


# ---------------------------------------------------------------- block formats


def _set_kind(fmt: QTextBlockFormat, kind: BlockKind) -> None:
    fmt.setProperty(BLOCK_KIND, str(kind))


def heading_size(level: int) -> int:
    """The font size adjustment that draws a heading of `level` (0: body text)."""
    return max(-1, 4 - level) if level else 0


def set_heading(block: QTextBlock, level: int) -> None:
    """Make a block a heading of `level`, or a paragraph with 0."""
    cursor = QTextCursor(block)
    fmt = block.blockFormat()
    fmt.setHeadingLevel(level)
    _set_kind(fmt, BlockKind.HEADING if level else BlockKind.PARAGRAPH)
    cursor.setBlockFormat(fmt)
    size = heading_size(level)

    def resize(f: QTextCharFormat) -> QTextCharFormat:
        out = QTextCharFormat(f)
        bold = f.fontWeight() >= QFont.Weight.Bold
        if level:
            out.setProperty(QTextFormat.Property.FontSizeAdjustment, size)
            out.setFontWeight(QFont.Weight.ExtraBold if bold else QFont.Weight.DemiBold)
        else:
            out.clearProperty(QTextFormat.Property.FontSizeAdjustment)
            out.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        return out

    _set_chars(block_range(block), resize)
    cursor.setBlockCharFormat(resize(block.charFormat()))


def toggle_heading(cursor: QTextCursor, level: int) -> None:
    blocks = [b for b in selected_blocks(cursor) if kind_of(b) in TEXT_KINDS and not table_at(b)]
    if not blocks:
        return
    off = all(b.blockFormat().headingLevel() == level for b in blocks)
    cursor.beginEditBlock()
    for block in blocks:
        set_heading(block, 0 if off else level)
    cursor.endEditBlock()


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
        _set_kind(fmt, BlockKind.PARAGRAPH)
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
            level = text_list.format().indent() if text_list else _continuation_depth(other)
            if level is None or level < depth:
                break
            if text_list is not None and level == depth:
                out.append(other)
                break
            other = getattr(other, step)()
    return out


def _continuation_depth(block: QTextBlock) -> int | None:
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


def set_quote(block: QTextBlock, level: int) -> None:
    fmt = block.blockFormat()
    if level:
        fmt.setProperty(QUOTE_LEVEL, level)
        fmt.setLeftMargin(QUOTE_INDENT * level)
    else:
        fmt.clearProperty(QUOTE_LEVEL)
        fmt.clearProperty(QTextFormat.Property.BlockLeftMargin)
    QTextCursor(block).setBlockFormat(fmt)


def quote_level(block: QTextBlock) -> int:
    return block.blockFormat().intProperty(QUOTE_LEVEL)


def toggle_quote(cursor: QTextCursor) -> None:
    blocks = [b for b in selected_blocks(cursor) if not table_at(b)]
    if not blocks:
        return
    off = all(quote_level(b) > 0 for b in blocks)
    cursor.beginEditBlock()
    for block in blocks:
        set_quote(block, 0 if off else max(1, quote_level(block)))
    cursor.endEditBlock()


def code_block_format(language: str = "") -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    _set_kind(fmt, BlockKind.CODE)
    fmt.setProperty(CODE_LANGUAGE, language)
    fmt.setNonBreakableLines(True)
    return fmt


def toggle_code_block(cursor: QTextCursor) -> None:
    """Make the selected blocks one code block (their lines kept), or a code block back
    into paragraphs, one per line."""
    blocks = selected_blocks(cursor)
    if any(table_at(b) or is_unit(b) for b in blocks):
        return
    doc = cursor.document()
    cursor.beginEditBlock()
    if all(kind_of(b) == BlockKind.CODE for b in blocks):
        for block in reversed(blocks):
            lines = block.text().split(LINE_SEP)
            edit = block_range(block)
            fmt = block.blockFormat()
            fmt.clearProperty(BLOCK_KIND)
            fmt.clearProperty(CODE_LANGUAGE)
            fmt.setNonBreakableLines(False)
            edit.setBlockFormat(fmt)
            edit.insertText(lines[0], QTextCharFormat())
            for line in lines[1:]:
                edit.insertBlock(fmt, QTextCharFormat())
                edit.insertText(line, QTextCharFormat())
    else:
        text = LINE_SEP.join(b.text() for b in blocks)
        edit = QTextCursor(doc)
        edit.setPosition(blocks[0].position())
        edit.setPosition(blocks[-1].position() + blocks[-1].length() - 1, Keep)
        edit.insertText(text, monospace())
        block = edit.block()
        if block.textList() is not None:
            unlist(block)
        fmt = code_block_format()
        fmt.setProperty(QUOTE_LEVEL, quote_level(block))
        if quote_level(block):
            fmt.setLeftMargin(QUOTE_INDENT * quote_level(block))
        edit.setBlockFormat(fmt)
        edit.setBlockCharFormat(monospace())
    cursor.endEditBlock()


# ---------------------------------------------------------------- unit blocks


def rule_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    _set_kind(fmt, BlockKind.RULE)
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


# ---------------------------------------------------------------- footnotes


def footnote_labels(doc: QTextDocument) -> set[str]:
    """The labels of the notes the document holds (a command's scan, not a keystroke's)."""
    labels = set()
    block = doc.firstBlock()
    while block.isValid():
        label = block.blockFormat().stringProperty(FOOTNOTE_LABEL)
        if label:
            labels.add(label)
        block = block.next()
    return labels


def new_footnote_label(doc: QTextDocument) -> str:
    taken = footnote_labels(doc)
    number = 1
    while str(number) in taken:
        number += 1
    return str(number)


def note_block(doc: QTextDocument, label: str) -> QTextBlock | None:
    """The last block of the note `label`."""
    block = doc.lastBlock()
    while block.isValid():
        if block.blockFormat().stringProperty(FOOTNOTE_LABEL) == label:
            return block
        block = block.previous()
    return None


def footnote_at(doc: QTextDocument, position: int) -> QTextCharFormat | None:
    """The footnote object character at `position` (a reference or a note's mark)."""
    if position < 0 or position >= doc.characterCount() - 1:
        return None
    if doc.characterAt(position) != OBJECT_CHAR:
        return None
    cursor = QTextCursor(doc)
    cursor.setPosition(position + 1)
    fmt = cursor.charFormat()
    return fmt if fmt.objectType() == FOOTNOTE_OBJECT else None


def is_note_mark(fmt: QTextCharFormat | None) -> bool:
    return fmt is not None and fmt.boolProperty(NOTE_MARK)


def remove_footnote_reference(doc: QTextDocument, position: int) -> None:
    """Delete the reference at `position`, and its note with it when no other reference to
    that note is left (the Notes separator too when no note is): one undo step."""
    fmt = footnote_at(doc, position)
    if fmt is None or is_note_mark(fmt):
        return
    label = fmt.stringProperty(FOOTNOTE_LABEL)
    step = _OneStep(doc)
    cursor = QTextCursor(doc)
    cursor.setPosition(position)
    cursor.setPosition(position + 1, Keep)
    cursor.removeSelectedText()
    step.next()
    if not _referenced(doc, label):
        _remove_note(doc, label)
    step.done()


def _referenced(doc: QTextDocument, label: str) -> bool:
    text = doc.toRawText()
    at = text.find(OBJECT_CHAR)
    while at >= 0:
        fmt = footnote_at(doc, at)
        reference = fmt is not None and not is_note_mark(fmt)
        if reference and fmt is not None and fmt.stringProperty(FOOTNOTE_LABEL) == label:
            return True
        at = text.find(OBJECT_CHAR, at + 1)
    return False


def _remove_note(doc: QTextDocument, label: str) -> None:
    """Remove the note `label`'s blocks; the Notes separator goes with the last note."""
    numbers = []
    block = doc.firstBlock()
    notes_block = -1
    others = False
    while block.isValid():
        own = block.blockFormat().stringProperty(FOOTNOTE_LABEL)
        if own == label:
            numbers.append(block.blockNumber())
        elif own:
            others = True
        if is_notes(block):
            notes_block = block.blockNumber()
        block = block.next()
    if not others and notes_block >= 0:
        numbers.append(notes_block)
    for number in sorted(numbers, reverse=True):
        target = doc.findBlockByNumber(number)
        cursor = QTextCursor(doc)
        previous = target.previous()
        if previous.isValid() and table_at(previous) is None:
            cursor.setPosition(previous.position() + previous.length() - 1)
        else:
            cursor.setPosition(target.position())
        cursor.setPosition(target.position() + target.length() - 1, Keep)
        cursor.removeSelectedText()


def _in_notes(block: QTextBlock) -> bool:
    return bool(block.blockFormat().stringProperty(FOOTNOTE_LABEL))


def is_notes(block: QTextBlock) -> bool:
    """The drawn "Notes" separator above the footnotes: never edited."""
    return block.isValid() and kind_of(block) == BlockKind.NOTES


# ---------------------------------------------------------------- Markdown as typed

_NUMBER = re.compile(r"([0-9]{1,6})[.)]")
AUTO_PREFIXES = {"-": "bullet", "*": "bullet", "+": "bullet", ">": "quote"}


def autoformat_prefix(block: QTextBlock, offset: int) -> str | None:
    """What typing a space at `offset` in the block would make of it, when the text before
    is a Markdown prefix: "h1".."h6", "bullet", "numbered", "quote", or None. Looks at this
    block only."""
    if offset > 7 or kind_of(block) != BlockKind.PARAGRAPH or table_at(block):
        return None
    text = block.text()[:offset]
    if text and set(text) == {"#"} and len(text) <= 6:
        return f"h{len(text)}"
    if block.textList() is not None and (text in ("-", "*", "+") or _NUMBER.fullmatch(text)):
        return None
    number = _NUMBER.fullmatch(text)
    if number is not None:
        return f"numbered:{int(number.group(1))}"
    return AUTO_PREFIXES.get(text)


def apply_prefix(cursor: QTextCursor, what: str, length: int) -> None:
    """Turn the cursor's block into `what`, its typed prefix (`length` characters, the
    space included) removed: one undo step, after the typing's own."""
    block = cursor.block()
    cursor.beginEditBlock()
    edit = QTextCursor(block)
    edit.setPosition(block.position() + length, Keep)
    edit.removeSelectedText()
    if what.startswith("h"):
        set_heading(block, int(what[1:]))
    elif what == "bullet":
        put_in_list(block, False, 1)
    elif what.startswith("numbered"):
        put_in_list(block, True, 1)
        made = block.textList()
        start = int(what.partition(":")[2] or 1)
        if made is not None and made.count() == 1 and made.format().start() != start:
            fmt = made.format()
            fmt.setStart(start)
            made.setFormat(fmt)
    elif what == "quote":
        set_quote(block, quote_level(block) + 1)
    cursor.endEditBlock()


def is_rule_text(block: QTextBlock) -> bool:
    return (
        kind_of(block) == BlockKind.PARAGRAPH
        and block.textList() is None
        and not table_at(block)
        and block.text() in ("---", "***", "___")
    )


def make_rule(cursor: QTextCursor) -> None:
    """The `---` typed in this block becomes a rule, with a paragraph after it."""
    block = cursor.block()
    cursor.beginEditBlock()
    block_range(block).removeSelectedText()
    edit = QTextCursor(block)
    edit.setBlockFormat(rule_format())
    edit.movePosition(Move.EndOfBlock)
    after = block.next()
    if not after.isValid() or after.text() or is_unit(after) or table_at(after):
        edit.insertBlock(QTextBlockFormat(), QTextCharFormat())
    else:
        edit.setPosition(after.position())
    cursor.setPosition(edit.position())
    cursor.endEditBlock()


# ---------------------------------------------------------------- moving blocks


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
            cont = (_continuation_depth(nxt) or 0) >= depth
            if not (deeper or cont):
                break
            last, nxt = nxt, nxt.next()
        return block, last
    return block, block


def _item_start(block: QTextBlock) -> QTextBlock:
    """The list item block a continuation belongs to."""
    depth = _continuation_depth(block)
    while depth and block.previous().isValid() and not block.textList():
        block = block.previous()
        if block.textList() is not None and list_depth(block) <= depth:
            break
    return block


class _OneStep:
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
    if _in_notes(first) != _in_notes(n_first):
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
    step = _OneStep(doc)
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
    step = _OneStep(doc)
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
    while probe.isValid() and (list_depth(probe) or _continuation_depth(probe)):
        if list_depth(probe) == 1:
            return probe
        probe = probe.previous()
        if probe.isValid() and (list_depth(probe) or _continuation_depth(probe)):
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
