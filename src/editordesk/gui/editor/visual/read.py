"""A visual editor's QTextDocument read back into the document tree (schema.py says how each
node sits there): the whole document for saving, or a selection for copying.

A tree built by build.py reads back as itself, but for what a word processor's document
cannot hold, which is normalised once: a soft break is a space; emphasis inside emphasis
(or bold in bold) is one; a link with no words, an empty paragraph, and line breaks or
spaces at a paragraph's ends are gone; two quotes side by side are one quote; inline
wrappers nest by reach (the one spanning furthest outermost, links first on a tie); a
reference to a note the document lacks is the text `[^label]`, as the parser reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextList,
    QTextListFormat,
    QTextTable,
)

from editordesk.document import nodes as n
from editordesk.document.shortcodes import OPEN
from editordesk.gui.editor.visual import schema as s

_TEXT_KINDS = frozenset(
    {
        s.BlockKind.PARAGRAPH.value,
        s.BlockKind.ITEM_CONTINUATION.value,
        s.BlockKind.FOOTNOTE.value,
        s.BlockKind.FIGURE.value,
        s.BlockKind.TWEET.value,
        s.BlockKind.HEADING.value,
    }
)
_ORDERED = frozenset(
    {
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    }
)
_WRAPPERS = ("link", "em", "strong", "strike")  # outermost first when two span alike


# ---------------------------------------------------------------- containers being filled


@dataclass
class _Quote:
    children: list[object] = field(default_factory=list)


@dataclass
class _List:
    key: int
    fmt: QTextListFormat
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Item:
    children: list[object] = field(default_factory=list)


class _Root:
    """The blocks of the body, or of one note, and the quotes and items open at the end."""

    def __init__(self) -> None:
        self.children: list[object] = []
        self.stack: list[_Quote | _Item] = []
        self.quotes = 0
        self.items = 0

    def _container(self) -> list[object]:
        return self.stack[-1].children if self.stack else self.children

    def _pop(self) -> None:
        top = self.stack.pop()
        if isinstance(top, _Quote):
            self.quotes -= 1
        else:
            self.items -= 1

    def _open_quotes(self, quote: int) -> None:
        while self.quotes < quote:
            q = _Quote()
            self._container().append(q)
            self.stack.append(q)
            self.quotes += 1

    def place(
        self,
        blocks: list[object],
        quote: int,
        depth: int,
        list_key: int | None,
        list_fmt: QTextListFormat | None,
    ) -> None:
        """Put blocks read from one Qt block where its quote level and list say: a block of
        a list opens an item (its quotes stand outside the list); a block with an item depth
        continues that item (quotes beyond the item's are inside it)."""
        if list_key is not None and list_fmt is not None:
            while self.stack and (self.items >= depth or self.quotes > quote):
                self._pop()
            self._open_quotes(quote)
            parent = self._container()
            last = parent[-1] if parent else None
            if not (isinstance(last, _List) and last.key == list_key):
                last = _List(list_key, list_fmt)
                parent.append(last)
            item = _Item(list(blocks))
            last.items.append(item)
            self.stack.append(item)
            self.items += 1
            return
        while self.stack and (self.items > depth or self.quotes > quote):
            self._pop()
        self._open_quotes(quote)
        self._container().extend(blocks)


def _finish(blocks: list[object]) -> tuple[n.Block, ...]:
    out: list[n.Block] = []
    for block in blocks:
        if isinstance(block, _Quote):
            out.append(n.BlockQuote(_finish(block.children)))
        elif isinstance(block, _List):
            items = tuple(n.ListItem(_finish(item.children)) for item in block.items)
            tight_value = block.fmt.property(s.LIST_TIGHT)
            tight = True if tight_value is None else bool(tight_value)
            if block.fmt.style() in _ORDERED:
                out.append(n.OrderedList(items, block.fmt.start(), tight))
            else:
                out.append(n.BulletList(items, tight))
        else:
            assert not isinstance(block, _Item)
            out.append(block)  # type: ignore[arg-type]
    return tuple(out)


# ---------------------------------------------------------------- the reader


@dataclass(frozen=True)
class _Run:
    leaf: n.Inline
    wrap: tuple[tuple[str, object], ...]  # ("link", (href, title)), ("strong", True)...

    def get(self, key: str) -> object:
        for k, v in self.wrap:
            if k == key:
                return v
        return None


class _Reader:
    def __init__(self, defined: set[str]) -> None:
        self.defined = defined
        self.body = _Root()
        self.notes: dict[str, _Root] = {}
        self.numbers: dict[str, int] = {}
        self.anchors: set[str] = set()

    # -------------------------------------------------- frames and blocks

    def frame(self, frame: QTextFrame, only_notes: set[str] | None = None) -> None:
        it = frame.begin()
        while not it.atEnd():
            child: QTextFrame | None = it.currentFrame()
            if child is not None:
                if isinstance(child, QTextTable):
                    self.table(child, only_notes)
                else:
                    self.frame(child, only_notes)
            else:
                block = it.currentBlock()
                if block.isValid():
                    self.block(block, only_notes)
            it += 1

    def root_for(self, label: object) -> _Root:
        if isinstance(label, str) and label:
            root = self.notes.get(label)
            if root is None:
                root = self.notes[label] = _Root()
            return root
        return self.body

    def block(self, block: QTextBlock, only_notes: set[str] | None) -> None:
        fmt = block.blockFormat()
        kind = fmt.property(s.BLOCK_KIND)
        label = fmt.property(s.FOOTNOTE_LABEL)
        if only_notes is not None and label not in only_notes:
            return
        if kind == s.BlockKind.NOTES.value:
            return
        quote = fmt.intProperty(s.QUOTE_LEVEL)
        text_list: QTextList | None = block.textList()
        list_key: int | None = None
        list_fmt: QTextListFormat | None = None
        if text_list is not None:
            list_fmt = text_list.format()
            list_key = text_list.objectIndex()
            depth = max(1, list_fmt.indent())
        else:
            depth = fmt.intProperty(s.ITEM_DEPTH)
        read = self.leaves(block, kind)
        self.root_for(label).place(read, quote, depth, list_key, list_fmt)

    def leaves(self, block: QTextBlock, kind: object) -> list[object]:
        """The tree blocks one Qt block holds: usually one; none for an empty paragraph; a
        paragraph around a figure or tweet's character is split around it."""
        if kind in (
            s.BlockKind.CODE.value,
            s.BlockKind.RAW_HTML.value,
            s.BlockKind.SHORTCODE.value,
        ):
            fmt = block.blockFormat()
            text = block.text().replace(s.LINE_SEP, "\n")
            if not fmt.boolProperty(s.TEXT_UNTERMINATED):
                text += "\n"
            if kind == s.BlockKind.CODE.value:
                return [n.CodeBlock(text, fmt.stringProperty(s.CODE_LANGUAGE))]
            if kind == s.BlockKind.RAW_HTML.value:
                return [n.RawBlock(text)]
            match = OPEN.match(text)
            return [n.Shortcode(match.group(3) if match else "", text.rstrip("\n"))]
        if kind == s.BlockKind.RULE.value:
            return [n.Rule()]
        level = block.blockFormat().headingLevel() if kind == s.BlockKind.HEADING.value else 0
        out: list[object] = []
        for part in self.segments(block):
            if isinstance(part, tuple):
                if level:
                    out.append(n.Heading(level, part, anchor=self.anchor(part)))
                    level = 0
                elif part:
                    out.append(n.Paragraph(part))
            else:
                out.append(part)
        if level:  # a heading with no words still stands
            out.insert(0, n.Heading(level, (), anchor=self.anchor(())))
        return out

    def anchor(self, children: tuple[n.Inline, ...]) -> str:
        """A heading's id, made as the parser makes it (document/parse.py)."""
        words = n.inlines_text(children).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", words).replace(" ", "-") or "section"
        anchor, count = slug, 0
        while anchor in self.anchors:
            count += 1
            anchor = f"{slug}-{count}"
        self.anchors.add(anchor)
        return anchor

    def table(self, table: QTextTable, only_notes: set[str] | None) -> None:
        fmt = table.format()
        label = fmt.property(s.FOOTNOTE_LABEL)
        if only_notes is not None and label not in only_notes:
            return
        rows, columns = table.rows(), table.columns()
        read: list[n.TableRow] = []
        for r in range(rows):
            cells = []
            for c in range(columns):
                cell = table.cellAt(r, c)
                if cell.row() != r or cell.column() != c:  # covered by a merged cell
                    cells.append(n.TableCell(()))
                    continue
                parts: list[n.Inline] = []
                block = cell.firstCursorPosition().block()
                last = cell.lastCursorPosition().block().blockNumber()
                while block.isValid() and block.blockNumber() <= last:
                    for part in self.segments(block):
                        if isinstance(part, tuple) and part:
                            if parts:
                                parts.append(n.LineBreak())
                            parts.extend(part)
                    block = block.next()
                cells.append(n.TableCell(tuple(parts)))
            read.append(n.TableRow(tuple(cells)))
        align = [a.strip() for a in str(fmt.property(s.TABLE_ALIGN) or "").split(",")]
        align = (align + [""] * columns)[:columns]
        node = n.Table(read[0], tuple(read[1:]), tuple(align))
        self.root_for(label).place(
            [node], fmt.intProperty(s.QUOTE_LEVEL), fmt.intProperty(s.ITEM_DEPTH), None, None
        )

    # -------------------------------------------------- inlines

    def segments(self, block: QTextBlock) -> list[tuple[n.Inline, ...] | n.Figure | n.Tweet]:
        """A block's inlines, split around any figure or tweet character in it."""
        out: list[tuple[n.Inline, ...] | n.Figure | n.Tweet] = []
        runs: list[_Run] = []
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            it += 1
            if not frag.isValid():
                continue
            fmt = frag.charFormat()
            text = frag.text()
            kind = fmt.objectType()
            wrap = _wrappers(fmt)
            if kind == s.FIGURE_OBJECT or kind == s.TWEET_OBJECT:
                for _ in range(text.count(s.OBJECT_CHAR)):
                    out.append(_inlines(runs))
                    runs = []
                    out.append(_object_block(fmt))
                continue
            if kind == s.FOOTNOTE_OBJECT:
                if fmt.boolProperty(s.NOTE_MARK):
                    continue
                for _ in range(text.count(s.OBJECT_CHAR)):
                    runs.append(_Run(self.footnote(fmt.stringProperty(s.FOOTNOTE_LABEL)), wrap))
                continue
            if kind == s.WEB_IMAGE_OBJECT:
                image = n.Image(
                    fmt.stringProperty(s.IMAGE_SRC),
                    fmt.stringProperty(s.IMAGE_ALT),
                    fmt.stringProperty(s.IMAGE_TITLE),
                )
                runs.extend(_Run(image, wrap) for _ in range(text.count(s.OBJECT_CHAR)))
                continue
            if kind not in (0, QTextFormat.ObjectTypes.NoObject):
                continue  # an object this editor does not know holds nothing of the story
            if fmt.boolProperty(s.INLINE_CODE):
                runs.append(_Run(n.Code(text.replace(s.LINE_SEP, "\n")), wrap))
            elif fmt.boolProperty(s.RAW_INLINE):
                runs.append(_Run(n.RawInline(text.replace(s.LINE_SEP, "\n")), wrap))
            elif s.LINE_SEP in text:
                for i, piece in enumerate(text.split(s.LINE_SEP)):
                    if i:
                        runs.append(_Run(n.LineBreak(), wrap))
                    if piece:
                        runs.append(_Run(n.Text(piece), wrap))
            elif text:
                runs.append(_Run(n.Text(text), wrap))
        out.append(_inlines(runs))
        return out

    def footnote(self, label: str) -> n.Inline:
        if label not in self.defined:
            return n.Text(f"[^{label}]")  # as the parser reads a reference to no note
        number = self.numbers.get(label)
        if number is None:
            number = self.numbers[label] = len(self.numbers) + 1
        return n.FootnoteRef(label, number)

    # -------------------------------------------------- the tree

    def document(self) -> n.Document:
        footnotes = tuple(
            n.Footnote(label, number, _finish(self.notes[label].children))
            for label, number in sorted(self.numbers.items(), key=lambda kv: kv[1])
            if label in self.notes
        )
        return n.Document(_finish(self.body.children), (), footnotes)


def _wrappers(fmt: QTextCharFormat) -> tuple[tuple[str, object], ...]:
    wrap: list[tuple[str, object]] = []
    if fmt.isAnchor():
        wrap.append(("link", (fmt.anchorHref(), fmt.stringProperty(s.LINK_TITLE))))
    if fmt.fontItalic():
        wrap.append(("em", True))
    if fmt.fontWeight() >= QFont.Weight.Bold:
        wrap.append(("strong", True))
    if fmt.fontStrikeOut():
        wrap.append(("strike", True))
    return tuple(wrap)


def _object_block(fmt: QTextCharFormat) -> n.Figure | n.Tweet:
    if fmt.objectType() == s.FIGURE_OBJECT:
        value = fmt.property(s.IMAGE_ID)
        source = fmt.stringProperty(s.SHORTCODE_SOURCE)
        return n.Figure(value if isinstance(value, int) else None, None, source=source)
    return n.Tweet(
        fmt.stringProperty(s.TWEET_ID),
        fmt.stringProperty(s.TWEET_HANDLE),
        None,
        source=fmt.stringProperty(s.SHORTCODE_SOURCE),
    )


def _inlines(runs: list[_Run]) -> tuple[n.Inline, ...]:
    """A paragraph's runs as inlines, without line breaks or spaces at its ends: Markdown
    has none there (a `\\` ending a paragraph is a backslash, and the parser strips spaces),
    so a space typed last is not written as `&#32;`."""
    start, end = 0, len(runs)
    while start < end:
        leaf = runs[start].leaf
        if isinstance(leaf, n.Text) and leaf.text[:1] in (" ", "\t"):
            runs[start] = _Run(n.Text(leaf.text.lstrip(" \t")), runs[start].wrap)
            leaf = runs[start].leaf
        if isinstance(leaf, n.LineBreak) or (isinstance(leaf, n.Text) and not leaf.text):
            start += 1
            continue
        break
    while end > start:
        leaf = runs[end - 1].leaf
        if isinstance(leaf, n.Text) and leaf.text[-1:] in (" ", "\t"):
            runs[end - 1] = _Run(n.Text(leaf.text.rstrip(" \t")), runs[end - 1].wrap)
            leaf = runs[end - 1].leaf
        if isinstance(leaf, n.LineBreak) or (isinstance(leaf, n.Text) and not leaf.text):
            end -= 1
            continue
        break
    return _nest(runs, start, end, frozenset())


def _nest(runs: list[_Run], start: int, end: int, done: frozenset[str]) -> tuple[n.Inline, ...]:
    """Runs of leaves, each with what wraps it, as nested inlines: at each point the wrapper
    that reaches furthest opens first, so `*a **b***` reads back as it was written."""
    out: list[n.Inline] = []
    i = start
    while i < end:
        run = runs[i]
        best, best_end = "", i + 1
        for key in _WRAPPERS:
            if key in done:
                continue
            value = run.get(key)
            if value is None:
                continue
            j = i + 1
            while j < end and runs[j].get(key) == value:
                j += 1
            if not best or j > best_end:
                best, best_end = key, j
        if not best:
            leaf = run.leaf
            if isinstance(leaf, n.Text) and out and isinstance(out[-1], n.Text):
                out[-1] = n.Text(out[-1].text + leaf.text)
            else:
                out.append(leaf)
            i += 1
            continue
        children = _nest(runs, i, best_end, done | {best})
        value = run.get(best)
        if best == "link":
            assert isinstance(value, tuple)
            out.append(n.Link(value[0], children, value[1]))
        elif best == "em":
            out.append(n.Emphasis(children))
        elif best == "strong":
            out.append(n.Strong(children))
        else:
            out.append(n.Strikethrough(children))
        i = best_end
    return tuple(out)


def _defined_labels(doc: QTextDocument) -> set[str]:
    labels: set[str] = set()
    block = doc.firstBlock()
    while block.isValid():
        label = block.blockFormat().property(s.FOOTNOTE_LABEL)
        if isinstance(label, str) and label:
            labels.add(label)
        block = block.next()
    return labels


# ---------------------------------------------------------------- the API


def read_document(doc: QTextDocument) -> n.Document:
    """The tree `doc` holds: figures and tweets without their records (image=None,
    tweet=None), notes numbered in order of first reference, as the parser numbers them."""
    reader = _Reader(_defined_labels(doc))
    reader.frame(doc.rootFrame())
    return reader.document()


def read_selection(cursor: QTextCursor) -> n.Document:
    """What a copy of the cursor's selection carries: its blocks (a partly selected one as
    a paragraph of what is selected) and the notes its references need."""
    piece = QTextDocument()
    QTextCursor(piece).insertFragment(cursor.selection())
    source = cursor.document()
    defined = _defined_labels(source)
    reader = _Reader(defined)
    reader.frame(piece.rootFrame())
    # The notes its references need, read from the document (and those their own
    # references need, until none is missing).
    asked: set[str] = set()
    while missing := {x for x in reader.numbers if x not in reader.notes and x not in asked}:
        asked |= missing
        reader.frame(source.rootFrame(), only_notes=missing)
    return reader.document()
