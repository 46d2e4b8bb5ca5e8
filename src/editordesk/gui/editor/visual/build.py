"""The document tree built into a QTextDocument for the visual editor (schema.py says how each
node sits there), pasted trees inserted as one undo step, and blocks found by source line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
    QTextTableFormat,
)

from editordesk.document import nodes as n
from editordesk.gui.editor.visual import schema as s
from editordesk.gui.editor.visual.cards import (
    cards_of,
    describe_figure,
    describe_tweet,
    register_cards,
)

QUOTE_MARGIN = 28.0  # px of left margin per quote level
PARAGRAPH_SPACE = 8.0  # px below a paragraph (a loose list's items too)
HEADING_SIZE = {1: 3, 2: 2, 3: 1, 4: 0, 5: -1, 6: -1}  # QTextFormat.FontSizeAdjustment
BULLETS = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)
# Characters insertText would read as a block's end (a line end), or Qt keeps for a frame's
# edges: a line end in text is a line separator; a frame mark is a replacement character.
_ODD = re.compile("[\n\r\u2029\ufdd0\ufdd1]")
_FIX = str.maketrans(
    {"\n": s.LINE_SEP, "\r": None, "\u2029": s.LINE_SEP, "\ufdd0": "\ufffd", "\ufdd1": "\ufffd"}
)


def _fixed(text: str) -> str:
    """Text as insertText should get it (translated only when it needs it: most does not)."""
    return text.translate(_FIX) if _ODD.search(text) else text


def _fixed_families() -> list[str]:
    family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    return [family, "monospace"] if family else ["monospace"]


@dataclass(frozen=True)
class _Where:
    """Where a block sits: inside how many quotes, in which list item, in which note."""

    quote: int = 0
    depth: int = 0  # the list item it belongs to (0: none)
    label: str = ""  # the note it belongs to ("" in the body)
    tight: bool = False  # the list it is in is tight


@dataclass
class _Pending:
    """The list the next block opens an item of: made on its first item."""

    fmt: QTextListFormat
    made: QTextList | None = None


@dataclass(frozen=True)
class _Style:
    """What wraps a run of inlines: the key of its character format."""

    base: str = "p"  # "p", "h1".."h6", "th"
    bold: bool = False
    italic: bool = False
    strike: bool = False
    link: tuple[str, str] | None = None  # (href, title)
    code: bool = False
    raw: bool = False


class _Builder:
    """Writes blocks at a cursor; `fresh` says the cursor's block is empty and unused."""

    def __init__(
        self,
        cursor: QTextCursor,
        assets: s.Assets,
        *,
        fresh: bool,
        relabel: dict[str, str] | None = None,
    ) -> None:
        self.c = cursor
        self.assets = assets
        self.fresh = fresh
        self.relabel = relabel or {}
        self.pending: _Pending | None = None
        self.mark: tuple[str, int] | None = None  # a note's number to put before its text
        self.formats: dict[_Style, QTextCharFormat] = {}
        self.fixed = _fixed_families()

    # -------------------------------------------------- blocks

    def blocks(self, blocks: Sequence[n.Block], where: _Where) -> None:
        for block in blocks:
            self.block(block, where)

    def block(self, block: n.Block, where: _Where) -> None:
        if isinstance(block, n.Paragraph):
            self.text_block(s.BlockKind.PARAGRAPH, block.children, where, block.line)
        elif isinstance(block, n.Heading):
            self.text_block(s.BlockKind.HEADING, block.children, where, block.line, block.level)
        elif isinstance(block, n.BulletList | n.OrderedList):
            self.list_(block, where)
        elif isinstance(block, n.BlockQuote):
            inner = replace(where, quote=where.quote + 1)
            if not block.children:
                self.text_block(s.BlockKind.PARAGRAPH, (), inner, block.line)
            self.blocks(block.children, inner)
        elif isinstance(block, n.CodeBlock):
            self.verbatim(s.BlockKind.CODE, block.text, where, block.line, block.language)
        elif isinstance(block, n.RawBlock):
            self.verbatim(s.BlockKind.RAW_HTML, block.html, where, block.line)
        elif isinstance(block, n.Shortcode):
            self.verbatim(s.BlockKind.SHORTCODE, block.source, where, block.line)
        elif isinstance(block, n.Rule):
            bf = self.block_format(s.BlockKind.RULE, where, block.line)
            bf.setProperty(
                QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                QTextLength(QTextLength.Type.PercentageLength, 100),
            )
            self.new_block(bf, QTextCharFormat())
        elif isinstance(block, n.Figure):
            bf = self.block_format(s.BlockKind.FIGURE, where, block.line)
            self.new_block(bf, QTextCharFormat())
            self.c.insertText(
                s.OBJECT_CHAR, figure_format(block.image_id, self.assets, block.source)
            )
        elif isinstance(block, n.Tweet):
            bf = self.block_format(s.BlockKind.TWEET, where, block.line)
            self.new_block(bf, QTextCharFormat())
            self.c.insertText(
                s.OBJECT_CHAR,
                tweet_format(block.status_id, block.handle, self.assets, block.source),
            )
        elif isinstance(block, n.Table):
            self.table(block, where)
        else:  # pragma: no cover - a node type the table lacks fails loudly
            raise TypeError(f"the visual editor cannot show a {type(block).__name__}")

    def block_format(self, kind: s.BlockKind, where: _Where, line: int) -> QTextBlockFormat:
        bf = QTextBlockFormat()
        item_first = self.pending is not None
        if kind == s.BlockKind.PARAGRAPH:
            if where.depth and not item_first:
                kind = s.BlockKind.ITEM_CONTINUATION
            elif where.label:
                kind = s.BlockKind.FOOTNOTE
        bf.setProperty(s.BLOCK_KIND, kind.value)
        if line:
            bf.setProperty(s.SOURCE_LINE, line)
        if where.quote:
            bf.setProperty(s.QUOTE_LEVEL, where.quote)
            bf.setLeftMargin(QUOTE_MARGIN * where.quote)
        if where.depth and not item_first:
            bf.setProperty(s.ITEM_DEPTH, where.depth)
            bf.setIndent(where.depth)
        if where.label:
            bf.setProperty(s.FOOTNOTE_LABEL, where.label)
        if kind in (s.BlockKind.PARAGRAPH, s.BlockKind.FOOTNOTE, s.BlockKind.ITEM_CONTINUATION):
            bf.setBottomMargin(0.0 if where.tight else PARAGRAPH_SPACE)
        elif kind == s.BlockKind.HEADING:
            bf.setTopMargin(PARAGRAPH_SPACE)
            bf.setBottomMargin(PARAGRAPH_SPACE / 2)
        elif kind in (s.BlockKind.FIGURE, s.BlockKind.TWEET, s.BlockKind.CODE):
            bf.setBottomMargin(PARAGRAPH_SPACE)
        return bf

    def new_block(self, bf: QTextBlockFormat, cf: QTextCharFormat) -> None:
        """Start a block with these formats (filling the fresh one, else inserting one), in
        the list whose item it opens, if any, and after a note's number, if it is first."""
        if self.fresh:
            self.c.setBlockFormat(bf)  # (also takes the block out of any list)
            self.c.setBlockCharFormat(cf)
            self.fresh = False
        else:
            self.c.insertBlock(bf, cf)
        if self.pending is not None:
            if self.pending.made is None:
                self.pending.made = self.c.createList(self.pending.fmt)
            else:
                self.pending.made.add(self.c.block())
            self.pending = None
        if self.mark is not None:
            label, number = self.mark
            self.mark = None
            mark = footnote_format(label, number)
            mark.setProperty(s.NOTE_MARK, True)
            self.c.insertText(s.OBJECT_CHAR, mark)

    def text_block(
        self,
        kind: s.BlockKind,
        inlines: tuple[n.Inline, ...],
        where: _Where,
        line: int,
        level: int = 0,
    ) -> None:
        bf = self.block_format(kind, where, line)
        base = "p"
        if kind == s.BlockKind.HEADING:
            bf.setHeadingLevel(level)
            base = f"h{level}"
        self.new_block(bf, self.char_format(_Style(base)))
        self.inlines(inlines, _Style(base))

    def verbatim(
        self, kind: s.BlockKind, text: str, where: _Where, line: int, language: str = ""
    ) -> None:
        bf = self.block_format(kind, where, line)
        if kind == s.BlockKind.CODE:
            bf.setProperty(s.CODE_LANGUAGE, language)
        if text.endswith("\n"):
            text = text[:-1]
        else:
            bf.setProperty(s.TEXT_UNTERMINATED, True)
        cf = self.char_format(_Style(code=True))
        self.new_block(bf, cf)
        if text:
            self.c.insertText(_fixed(text), cf)

    def list_(self, block: n.BulletList | n.OrderedList, where: _Where) -> None:
        depth = where.depth + 1
        lf = QTextListFormat()
        if isinstance(block, n.OrderedList):
            lf.setStyle(QTextListFormat.Style.ListDecimal)
            lf.setStart(block.start)
        else:
            lf.setStyle(BULLETS[(depth - 1) % len(BULLETS)])
        lf.setIndent(depth)
        lf.setProperty(s.LIST_TIGHT, block.tight)
        if block.line:
            lf.setProperty(s.SOURCE_LINE, block.line)
        inner = replace(where, depth=depth, tight=block.tight)
        made = _Pending(lf)
        for item in block.items:
            children = item.children
            self.pending = made
            first = children[0] if children else None
            if first is None or isinstance(
                first, n.BlockQuote | n.BulletList | n.OrderedList | n.Table
            ):
                self.text_block(
                    s.BlockKind.PARAGRAPH, (), inner, block.line if first is None else 0
                )
            else:
                self.block(first, inner)
                children = children[1:]
            self.pending = None
            self.blocks(children, inner)
        if block.tight and not where.tight and not self.fresh:
            # A tight list's items sit close; the list keeps a paragraph's space below it.
            space = QTextBlockFormat()
            space.setBottomMargin(PARAGRAPH_SPACE)
            self.c.mergeBlockFormat(space)

    def table(self, block: n.Table, where: _Where) -> None:
        columns = max([len(block.header.cells), *(len(r.cells) for r in block.rows)])
        if columns == 0:
            return
        if self.pending is not None or self.mark is not None:  # a table opens no item
            self.text_block(s.BlockKind.PARAGRAPH, (), where, block.line)
        tf = QTextTableFormat()
        tf.setHeaderRowCount(1)
        tf.setProperty(s.TABLE_ALIGN, ",".join(block.align))
        tf.setCellPadding(4.0)
        tf.setCellSpacing(0.0)
        tf.setBorder(1.0)
        tf.setBorderCollapse(True)
        tf.setBottomMargin(PARAGRAPH_SPACE)
        if block.line:
            tf.setProperty(s.SOURCE_LINE, block.line)
        if where.quote:
            tf.setProperty(s.QUOTE_LEVEL, where.quote)
        if where.depth:
            tf.setProperty(s.ITEM_DEPTH, where.depth)
        if where.label:
            tf.setProperty(s.FOOTNOTE_LABEL, where.label)
        indent = QUOTE_MARGIN * where.quote + 40.0 * where.depth
        if indent:
            tf.setLeftMargin(indent)
        if self.fresh:
            # A table goes after the block it is inserted in: an empty one stays before it.
            self.c.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        table = self.c.insertTable(1 + len(block.rows), columns, tf)
        aligns = [_ALIGN.get(a, Qt.AlignmentFlag.AlignLeft) for a in block.align]
        for r, row in enumerate((block.header, *block.rows)):
            style = _Style("th" if r == 0 else "p")
            line = block.line + (0 if r == 0 else r + 1) if block.line else 0
            for col in range(columns):
                cursor = table.cellAt(r, col).firstCursorPosition()
                bf = QTextBlockFormat()
                bf.setProperty(s.BLOCK_KIND, s.BlockKind.PARAGRAPH.value)
                if line:
                    bf.setProperty(s.SOURCE_LINE, line)
                if col < len(aligns):
                    bf.setAlignment(aligns[col])
                cursor.setBlockFormat(bf)
                cursor.setBlockCharFormat(self.char_format(style))
                if col < len(row.cells):
                    self.inlines(row.cells[col].children, style, cursor)
        self.c.setPosition(table.lastPosition() + 1)
        self.fresh = True

    def notes(self, footnotes: Sequence[n.Footnote]) -> None:
        """The notes under a "Notes" separator, each opening with its number."""
        if not footnotes:
            return
        bf = QTextBlockFormat()
        bf.setProperty(s.BLOCK_KIND, s.BlockKind.NOTES.value)
        bf.setTopMargin(PARAGRAPH_SPACE * 2)
        bf.setBottomMargin(PARAGRAPH_SPACE)
        self.new_block(bf, QTextCharFormat())
        notes = QTextCharFormat()
        notes.setObjectType(s.NOTES_OBJECT)
        self.c.insertText(s.OBJECT_CHAR, notes)
        self.note_blocks(footnotes)

    def note_blocks(self, footnotes: Sequence[n.Footnote]) -> None:
        for note in footnotes:
            label = self.relabel.get(note.label, note.label)
            where = _Where(label=label)
            self.mark = (label, note.number)
            children = note.children
            if not children or not isinstance(children[0], n.Paragraph | n.Heading):
                self.text_block(s.BlockKind.PARAGRAPH, (), where, 0)
            self.blocks(children, where)
            self.mark = None

    # -------------------------------------------------- inlines

    def char_format(self, style: _Style) -> QTextCharFormat:
        fmt = self.formats.get(style)
        if fmt is not None:
            return fmt
        fmt = QTextCharFormat()
        strong = QFont.Weight.Bold
        if style.base.startswith("h"):
            fmt.setProperty(
                QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE.get(int(style.base[1:]), 0)
            )
            fmt.setFontWeight(QFont.Weight.DemiBold)
            strong = QFont.Weight.ExtraBold
        elif style.base == "th":
            fmt.setFontWeight(QFont.Weight.DemiBold)
            strong = QFont.Weight.ExtraBold
        if style.bold:
            fmt.setFontWeight(strong)
        if style.italic:
            fmt.setFontItalic(True)
        if style.strike:
            fmt.setFontStrikeOut(True)
        if style.link is not None:
            href, title = style.link
            fmt.setAnchor(True)
            fmt.setAnchorHref(href)
            fmt.setFontUnderline(True)
            if title:
                fmt.setProperty(s.LINK_TITLE, title)
        if style.code or style.raw:
            fmt.setFontFamilies(self.fixed)
            fmt.setFontFixedPitch(True)
            fmt.setProperty(s.INLINE_CODE if style.code else s.RAW_INLINE, True)
        self.formats[style] = fmt
        return fmt

    def inlines(
        self, inlines: tuple[n.Inline, ...], style: _Style, cursor: QTextCursor | None = None
    ) -> None:
        runs: list[tuple[str, _Style] | tuple[None, QTextCharFormat]] = []
        self._runs(inlines, style, runs)
        c = cursor or self.c
        text: list[str] = []
        current: _Style | None = None
        for piece, how in runs:
            if piece is not None and how == current:
                text.append(piece)
                continue
            if text and current is not None:
                c.insertText("".join(text), self.char_format(current))
            text = []
            current = None
            if piece is None:
                assert isinstance(how, QTextCharFormat)
                c.insertText(s.OBJECT_CHAR, how)
            else:
                assert isinstance(how, _Style)
                text.append(piece)
                current = how
        if text and current is not None:
            c.insertText("".join(text), self.char_format(current))

    def _runs(
        self,
        inlines: tuple[n.Inline, ...],
        style: _Style,
        out: list[tuple[str, _Style] | tuple[None, QTextCharFormat]],
    ) -> None:
        for node in inlines:
            if isinstance(node, n.Text):
                out.append((_fixed(node.text), style))
            elif isinstance(node, n.SoftBreak):
                out.append((" ", style))
            elif isinstance(node, n.LineBreak):
                out.append((s.LINE_SEP, style))
            elif isinstance(node, n.Strong):
                self._runs(node.children, replace(style, bold=True), out)
            elif isinstance(node, n.Emphasis):
                self._runs(node.children, replace(style, italic=True), out)
            elif isinstance(node, n.Strikethrough):
                self._runs(node.children, replace(style, strike=True), out)
            elif isinstance(node, n.Link):
                self._runs(node.children, replace(style, link=(node.href, node.title)), out)
            elif isinstance(node, n.Code):
                text = _fixed(node.text)
                out.append((text, replace(style, code=True)))
            elif isinstance(node, n.RawInline):
                text = _fixed(node.html)
                out.append((text, replace(style, raw=True)))
            elif isinstance(node, n.FootnoteRef):
                label = self.relabel.get(node.label, node.label)
                fmt = QTextCharFormat(self.char_format(style))
                _make_footnote(fmt, label, node.number)
                out.append((None, fmt))
            elif isinstance(node, n.Image):
                fmt = QTextCharFormat(self.char_format(style))
                fmt.setObjectType(s.WEB_IMAGE_OBJECT)
                fmt.setProperty(s.IMAGE_SRC, node.src)
                fmt.setProperty(s.IMAGE_ALT, node.alt)
                if node.title:
                    fmt.setProperty(s.IMAGE_TITLE, node.title)
                out.append((None, fmt))
            else:  # pragma: no cover - a node type the table lacks fails loudly
                raise TypeError(f"the visual editor cannot show a {type(node).__name__}")


_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


# ---------------------------------------------------------------- object formats


def figure_format(image_id: int | None, assets: s.Assets, source: str = "") -> QTextCharFormat:
    """The character format of a figure's object character (`source`: the shortcode as the
    body had it, kept for the writer)."""
    fmt = QTextCharFormat()
    fmt.setObjectType(s.FIGURE_OBJECT)
    if source:
        fmt.setProperty(s.SHORTCODE_SOURCE, source)
    if image_id is not None:
        fmt.setProperty(s.IMAGE_ID, image_id)
    fmt.setProperty(s.ACCESSIBLE_TEXT, describe_figure(image_id, assets))
    return fmt


def tweet_format(
    status_id: str, handle: str, assets: s.Assets, source: str = ""
) -> QTextCharFormat:
    """The character format of a tweet's object character (`source` as for figures)."""
    fmt = QTextCharFormat()
    fmt.setObjectType(s.TWEET_OBJECT)
    if source:
        fmt.setProperty(s.SHORTCODE_SOURCE, source)
    fmt.setProperty(s.TWEET_ID, status_id)
    fmt.setProperty(s.TWEET_HANDLE, handle)
    fmt.setProperty(s.ACCESSIBLE_TEXT, describe_tweet(status_id, handle, assets))
    return fmt


def footnote_format(label: str, number: int) -> QTextCharFormat:
    """The character format of a footnote reference."""
    fmt = QTextCharFormat()
    _make_footnote(fmt, label, number)
    return fmt


def _make_footnote(fmt: QTextCharFormat, label: str, number: int) -> None:
    fmt.setObjectType(s.FOOTNOTE_OBJECT)
    fmt.setProperty(s.FOOTNOTE_LABEL, label)
    fmt.setProperty(s.FOOTNOTE_NUMBER, number)


# ---------------------------------------------------------------- the API


def build_document(doc: QTextDocument, tree: n.Document, assets: s.Assets) -> None:
    """Clear `doc` and fill it from `tree`, leaving no undo step; the cards are registered."""
    doc.setUndoRedoEnabled(False)
    try:
        doc.clear()
        register_cards(doc, assets)
        cursor = QTextCursor(doc)
        # One edit block: the layout hears of one change, not one per insertion.
        cursor.beginEditBlock()
        try:
            builder = _Builder(cursor, assets, fresh=True)
            builder.blocks(tree.children, _Where())
            builder.notes(tree.footnotes)
        finally:
            cursor.endEditBlock()
    finally:
        doc.setUndoRedoEnabled(True)
    doc.setModified(False)


def insert_blocks(
    cursor: QTextCursor,
    blocks: Sequence[n.Block],
    footnotes: Sequence[n.Footnote],
    assets: s.Assets,
) -> None:
    """Insert `blocks` at the cursor as one undo step: a lone paragraph goes in where the
    cursor stands; other blocks split the paragraph as a word processor does. Their notes
    join the document's (a label already there for another note is renamed)."""
    doc = cursor.document()
    if not cards_of(doc):
        register_cards(doc, assets)
    cursor.beginEditBlock()
    try:
        if cursor.hasSelection():
            cursor.removeSelectedText()
        relabel = _relabel(doc, footnotes)
        builder = _Builder(cursor, assets, fresh=False, relabel=relabel)
        kind = cursor.blockFormat().property(s.BLOCK_KIND)
        if cursor.currentTable() is not None:
            _insert_in_cell(builder, blocks)
        elif kind in _VERBATIM:
            # Code keeps its words as typed: what is pasted there is its plain text.
            words = "\n\n".join(_plain_text(b) for b in n.walk(tuple(blocks)))
            cursor.insertText(_fixed(words.strip("\n")), builder.char_format(_Style(code=True)))
        elif len(blocks) == 1 and isinstance(blocks[0], n.Paragraph):
            kind = cursor.blockFormat().headingLevel()
            builder.inlines(blocks[0].children, _Style(f"h{kind}" if kind else "p"))
        elif blocks:
            _split_for_blocks(cursor)
            builder.fresh = True
            builder.blocks(blocks, _Where())
        wanted = [f for f in footnotes if f.label in relabel]
        if wanted:
            end = QTextCursor(doc)
            end.movePosition(QTextCursor.MoveOperation.End)
            notes = _Builder(end, assets, fresh=False, relabel=relabel)
            if not _has_notes(doc):
                notes.notes(wanted)
            else:
                notes.note_blocks(wanted)
    finally:
        cursor.endEditBlock()


_VERBATIM = frozenset(
    {s.BlockKind.CODE.value, s.BlockKind.RAW_HTML.value, s.BlockKind.SHORTCODE.value}
)


def _plain_text(block: n.Block) -> str:
    if isinstance(block, n.Paragraph | n.Heading):
        return n.inlines_text(block.children)
    if isinstance(block, n.CodeBlock):
        return block.text.rstrip("\n")
    if isinstance(block, n.RawBlock):
        return block.html.rstrip("\n")
    if isinstance(block, n.Shortcode):
        return block.source
    return ""


def _split_for_blocks(cursor: QTextCursor) -> None:
    """Leave the cursor in an empty block of its own where the blocks go."""
    block = cursor.block()
    if not block.text():
        return
    if cursor.atBlockStart():
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        return
    cursor.insertBlock()  # the split; the cursor stands at the second half's start
    if cursor.block().text():
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)


def _insert_in_cell(builder: _Builder, blocks: Sequence[n.Block]) -> None:
    """A table cell holds a line of inlines: blocks pasted there are joined by line breaks."""
    parts: list[n.Inline] = []
    for block in n.walk(tuple(blocks)):
        if isinstance(block, n.Paragraph | n.Heading):
            if parts:
                parts.append(n.LineBreak())
            parts.extend(block.children)
    builder.inlines(tuple(parts), _Style())


def _has_notes(doc: QTextDocument) -> bool:
    block = doc.lastBlock()
    while block.isValid():
        if block.blockFormat().property(s.BLOCK_KIND) == s.BlockKind.NOTES.value:
            return True
        block = block.previous()
    return False


def _relabel(doc: QTextDocument, footnotes: Sequence[n.Footnote]) -> dict[str, str]:
    """Labels for pasted notes: their own, or a new one where the document has a different
    note of that label. A note the document already holds word for word is not added."""
    if not footnotes:
        return {}
    texts: dict[str, list[str]] = {}
    block = doc.firstBlock()
    while block.isValid():
        label = block.blockFormat().property(s.FOOTNOTE_LABEL)
        if isinstance(label, str) and label:
            texts.setdefault(label, []).append(block.text().replace(s.OBJECT_CHAR, ""))
        block = block.next()
    out: dict[str, str] = {}
    for note in footnotes:
        have = texts.get(note.label)
        if have is None:
            out[note.label] = note.label
            continue
        mine = [t for t in _note_texts(note) if t]
        if [t for t in have if t] == mine:
            continue  # the same note: its references point at the one already there
        count = 2
        while f"{note.label}-{count}" in texts:
            count += 1
        out[note.label] = f"{note.label}-{count}"
        texts[out[note.label]] = []
    return out


def _note_texts(note: n.Footnote) -> list[str]:
    out = []
    for block in n.walk(note.children):
        if isinstance(block, n.Paragraph | n.Heading):
            out.append(n.inlines_text(block.children).replace("\n", s.LINE_SEP))
    return out


# ---------------------------------------------------------------- lines


def block_for_line(doc: QTextDocument, line: int) -> QTextBlock:
    """The block a body line is in: the last block from at or before that line."""
    best = doc.firstBlock()
    best_line = 0
    block = doc.firstBlock()
    while block.isValid():
        value = block.blockFormat().property(s.SOURCE_LINE)
        if isinstance(value, int) and best_line < value <= line:
            best, best_line = block, value
            if value == line:
                break
        block = block.next()
    return best


def line_for_position(doc: QTextDocument, position: int) -> int:
    """The body line of the block at `position` (of the nearest block before it that has
    one; 1 when none has)."""
    block = doc.findBlock(position)
    while block.isValid():
        value = block.blockFormat().property(s.SOURCE_LINE)
        if isinstance(value, int) and value > 0:
            return value
        block = block.previous()
    return 1
