"""Headings, block quotes and code blocks in the visual editor: set on a block and
toggled over a QTextCursor's selected blocks."""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)

from editordesk.gui.editor.visual.blocks import (
    TEXT_KINDS,
    Keep,
    block_range,
    is_unit,
    kind_of,
    selected_blocks,
    set_chars,
    set_kind,
    table_at,
)
from editordesk.gui.editor.visual.lists import unlist
from editordesk.gui.editor.visual.schema import (
    BLOCK_KIND,
    CODE_LANGUAGE,
    INLINE_CODE,
    LINE_SEP,
    QUOTE_LEVEL,
    BlockKind,
)

QUOTE_INDENT = 28.0  # the left margin of one level of block quote, in pixels (as built)


def monospace() -> QTextCharFormat:
    """A code block's characters, as the builder makes them."""
    fmt = QTextCharFormat()
    family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    fmt.setFontFamilies([family, "monospace"] if family else ["monospace"])
    fmt.setFontFixedPitch(True)
    fmt.setProperty(INLINE_CODE, True)
    return fmt


def heading_size(level: int) -> int:
    """The font size adjustment that draws a heading of `level` (0: body text)."""
    return max(-1, 4 - level) if level else 0


def set_heading(block: QTextBlock, level: int) -> None:
    """Make a block a heading of `level`, or a paragraph with 0."""
    cursor = QTextCursor(block)
    fmt = block.blockFormat()
    fmt.setHeadingLevel(level)
    set_kind(fmt, BlockKind.HEADING if level else BlockKind.PARAGRAPH)
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

    set_chars(block_range(block), resize)
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
    set_kind(fmt, BlockKind.CODE)
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
