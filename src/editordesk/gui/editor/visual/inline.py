"""The visual editor's character commands over a QTextCursor: bold, italic and
strikethrough toggle on the selection or the word under the cursor; links are set and removed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextCursor, QTextFormat

from editordesk.gui.editor.visual.blocks import Keep, selected_blocks, set_chars, table_at
from editordesk.gui.editor.visual.schema import INLINE_CODE, LINK_TITLE


def drawn_heavier(block: QTextBlock) -> bool:
    """Headings and header cells are drawn DemiBold: their bold is ExtraBold."""
    if block.blockFormat().headingLevel():
        return True
    table = table_at(block)
    if table is None or table.format().headerRowCount() < 1:
        return False
    return table.cellAt(block.position()).row() == 0


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
            set_chars(target, unlinked)
        return
    if target is None:
        fmt = plain_chars(cursor.charFormat())
        fmt.merge(link_format(url))
        cursor.insertText(text or url, fmt)
        cursor.setCharFormat(plain_chars(cursor.charFormat()))
        return
    if _all_chars(target, lambda f: f.isAnchor() and f.anchorHref() == url):
        set_chars(target, unlinked)
        return
    set_chars(target, unlinked)
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
