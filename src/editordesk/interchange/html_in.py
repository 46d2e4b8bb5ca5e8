"""Pasted HTML (Word, LibreOffice, Google Docs, web pages) read into the document tree.

What a reader sees is kept: headings, paragraphs, bold, italic, strikethrough, links, lists
nested to any depth, block quotes, tables, code, rules and line breaks. What only dresses it
is dropped: fonts, colours, classes, styles, scripts, comments and tracked-change marks (a
tracked deletion's words go, an insertion's stay). Text stays text: nothing pasted is read as
Markdown, the tree carries it and the writer escapes it.

Pictures given as data: URIs or local files (file:// or a plain path) become `PastedPicture`s,
each standing in the tree as a placeholder `Figure(image_id=None, image=None)`, in reading
order (`place_pictures` puts the library's records in their place); pictures on the web become
a link with their alt text and a note. The work is linear in the HTML's length, and nesting is
bounded: what lies deeper than the tree keeps is read into the level above.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import url2pathname

import lxml.etree as etree
import lxml.html

from editordesk.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Emphasis,
    Figure,
    Footnote,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    Rule,
    Strikethrough,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
)
from editordesk.errors import InputError
from editordesk.media.images import inspect_image
from editordesk.model import ImageRecord
from editordesk.text import safe_href

MAX_HTML_CHARS = 20_000_000  # a long report with its pictures inline; far past any story
MAX_DATA_PICTURE_BYTES = 10_000_000  # one data: picture, decoded
MAX_FILE_PICTURE_BYTES = 50_000_000  # one local picture file
MAX_PICTURES = 50  # pictures copied from one paste
MAX_NESTING = 24  # lists and quotes inside one another, as the tree keeps them
MAX_COLUMNS = 64  # a table's columns (colspan included)
MAX_SPAN = 32  # one cell's colspan or rowspan
MAX_FOOTNOTES = 1000  # footnotes read from one paste; the rest stay as their words
NOTE_DEPTH = 64  # levels between a note's element and its back link, at most
MAX_SHOWN_ADDRESS = 90  # characters of an address named in a note

# ---------------------------------------------------------------- what comes out


@dataclass(frozen=True)
class PastedPicture:
    """A picture in the pasted HTML that can go into the library: its bytes (a data: URI,
    decoded) or its file (a local picture, already checked to be one), the name it is stored
    under, and the alt text the page gave it."""

    name: str
    alt: str = ""
    data: bytes | None = None
    path: Path | None = None


@dataclass(frozen=True)
class PastedDocument:
    """Pasted HTML as the tree: its blocks (each picture a placeholder Figure, in the order of
    `pictures`), its footnotes, and one line for each thing that could not come through."""

    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    pictures: tuple[PastedPicture, ...] = ()
    notes: tuple[str, ...] = ()


def read_html(html: str, *, base: Path | None = None) -> PastedDocument:
    """The tree of pasted HTML. `base` is the folder relative picture paths are read from
    (a page saved as a file); pasted HTML has none, so relative pictures become notes.

    Raises InputError (one line) for HTML over MAX_HTML_CHARS characters."""
    if len(html) > MAX_HTML_CHARS:
        raise InputError(
            f"the pasted HTML is {len(html) / 1_000_000:,.1f} million characters; EditorDesk "
            f"pastes up to {MAX_HTML_CHARS // 1_000_000} million (paste it in parts)"
        )
    html = _XML_DECLARATION.sub("", _without_clipboard_header(html), count=1)
    if not html.strip():
        return PastedDocument(())
    parser = lxml.html.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):  # nothing but markup that holds no content
        return PastedDocument(())
    reader = _Reader(base, _footnote_links(root))
    reader.read(root)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        reader.note(
            "The pasted HTML nests its parts thousands of levels deep; what lay deepest, "
            "and what followed it, was left out"
        )
    return reader.result(root)


def figure_placeholders(blocks: Sequence[Block]) -> int:
    """How many placeholder Figures (image_id None) `blocks` hold, in and under them."""
    return sum(1 for block in _walk(blocks) if _is_placeholder(block))


def place_pictures(
    blocks: Sequence[Block], records: Sequence[ImageRecord | None]
) -> tuple[Block, ...]:
    """`blocks` with the n-th placeholder Figure given the n-th record (reading order, as
    `read_html` made them); a placeholder whose record is None is left out."""
    queue: Iterator[ImageRecord | None] = iter(records)

    def fill(items: Sequence[Block]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in items:
            if _is_placeholder(block):
                record = next(queue, None)
                if record is not None:
                    out.append(Figure(record.id, record))
            elif isinstance(block, BlockQuote):
                out.append(BlockQuote(fill(block.children), block.line))
            elif isinstance(block, BulletList):
                out.append(BulletList(_fill_items(block.items), block.tight, block.line))
            elif isinstance(block, OrderedList):
                out.append(
                    OrderedList(_fill_items(block.items), block.start, block.tight, block.line)
                )
            else:
                out.append(block)
        return tuple(out)

    def _fill_items(items: tuple[ListItem, ...]) -> tuple[ListItem, ...]:
        return tuple(ListItem(fill(item.children)) for item in items)

    return fill(blocks)


def _is_placeholder(block: Block) -> bool:
    return isinstance(block, Figure) and block.image_id is None and block.image is None


def _walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block, in reading order, without recursion (the tree is bounded, but cheap)."""
    stack: list[Iterator[Block]] = [iter(blocks)]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
            continue
        yield block
        if isinstance(block, BlockQuote):
            stack.append(iter(block.children))
        elif isinstance(block, BulletList | OrderedList):
            stack.append(iter([b for item in block.items for b in item.children]))


def _without_clipboard_header(html: str) -> str:
    """Windows' clipboard puts `Version:0.9 StartHTML:…` lines before the HTML."""
    if html.startswith("Version:"):
        start = html.find("<")
        return html[start:] if start >= 0 else ""
    return html


# ---------------------------------------------------------------- the element table

SKIPPED = frozenset(
    """script style head title meta link noscript template iframe frame frameset object embed
    applet param svg math canvas audio video source track map area select option optgroup
    textarea input button datalist output progress meter dialog xml o:p w:sdt""".split()
)
PARAGRAPHS = frozenset(
    """p div section article header footer main aside nav address center dl dt dd figure
    figcaption details summary fieldset legend hgroup form caption body html""".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
_NOTE_BLOCKS = PARAGRAPHS | set(HEADINGS) | {"li", "td", "th"}
LISTS = frozenset({"ul", "ol", "menu", "dir"})
PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})
CELLS = frozenset({"td", "th"})
BOLD = frozenset({"b", "strong"})
ITALIC = frozenset({"i", "em"})
STRUCK = frozenset({"s", "strike", "del"})
CODE = frozenset({"code", "kbd", "samp", "tt"})
DELETION_CLASSES = frozenset({"msodel", "deletion", "deleted", "tracked-deletion"})
FOOTNOTE_LISTS = frozenset({"footnotes", "footnotes-list", "footnote-list"})
QUOTE_CLASSES = frozenset({"msoquote", "msointensequote", "quote", "intensequote"})

_WHITESPACE = re.compile(r"[ \t\n\r\f\u2028\u2029]+")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffc\ufeff]")
_MSO_LIST = re.compile(r"l(\d+)\s+level(\d+)\s+lfo(\d+)", re.IGNORECASE)
_ORDERED_MARKER = re.compile(r"^\(?(\d{1,9}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_LANGUAGE = re.compile(r"^(?:language|lang)-([A-Za-z0-9_+#.-]{1,30})$")


class _Style(NamedTuple):
    """The inline formatting in force: what every character of text carries."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None
    title: str = ""


PLAIN = _Style()


class _Run(NamedTuple):
    """A piece of a block's text with its formatting; `text` None is a line break, and
    `ref` a footnote's number (its text "")."""

    text: str | None
    style: _Style
    ref: int = 0


@dataclass
class _Links:
    """Footnotes found before the walk: a reference and its note link to each other (Word's
    `#_ftn1` and `#_ftnref1`, LibreOffice's `sdfootnote`, Google Docs' `#ftnt1`)."""

    refs: dict[etree._Element, int] = field(default_factory=dict)  # reference -> its number
    skip: set[etree._Element] = field(default_factory=set)  # the notes and their back links
    notes: list[tuple[int, etree._Element]] = field(default_factory=list)
    holders: set[etree._Element] = field(default_factory=set)  # elements the notes are in


def _footnote_links(root: etree._Element) -> _Links:
    """Footnote pairs: a link to `#t` whose target `t` (a link back, or the note's element
    holding one) links back to it. Word, LibreOffice and Google Docs link anchor to anchor;
    Markdown renderers (pandoc, markdown-it, our own pages) put the back link in the note."""
    anchors = list(root.iter("a"))
    order = {a: i for i, a in enumerate(anchors)}
    named: dict[str, etree._Element] = {}
    for element in root.iter():
        for key in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if key and key not in named:
                named[key] = element
    pointing: dict[str, list[etree._Element]] = {}
    for a in anchors:
        href = a.get("href") or ""
        if len(href) > 1 and href.startswith("#"):
            pointing.setdefault(href[1:], []).append(a)
    links = _Links()
    for a in anchors:
        href = a.get("href") or ""
        target = named.get(href[1:]) if href.startswith("#") else None
        if target is None or target is a or target in links.skip:
            continue
        back = _back_link(a, target, pointing, order)
        if back is None:
            continue
        container = _note_container(target) if target.tag == "a" else target
        if container is None or container in links.skip or container.tag in ("body", "html"):
            continue
        if len(links.notes) >= MAX_FOOTNOTES:
            break
        number = len(links.notes) + 1
        links.refs[a] = number
        links.skip.update((back, container))
        links.notes.append((number, container))
        holder = container.getparent()
        while holder is not None and holder not in links.holders:
            links.holders.add(holder)
            holder = holder.getparent()
    return links


def _back_link(
    ref: etree._Element,
    target: etree._Element,
    pointing: dict[str, list[etree._Element]],
    order: dict[etree._Element, int],
) -> etree._Element | None:
    """The link back to `ref` that is `target` or lies in it, after `ref` in the page."""
    for key in (ref.get("id"), ref.get("name")):
        for back in (pointing.get(key) or [])[:4] if key else ():
            if back is ref or order[back] < order[ref]:
                continue
            node: etree._Element | None = back
            for _ in range(NOTE_DEPTH):  # a note's back link sits near its top
                if node is None or node is target:
                    break
                node = node.getparent()
            if node is target:
                return back
    return None


def _note_container(anchor: etree._Element) -> etree._Element | None:
    """The note's text: the paragraph the back link starts, or the <div id=…> that
    paragraph opens (a note of several paragraphs)."""
    block = anchor.getparent()
    while block is not None and str(block.tag).lower() not in _NOTE_BLOCKS:
        block = block.getparent()
    if block is None or str(block.tag).lower() in ("body", "html"):
        return None
    parent = block.getparent()
    if parent is not None and parent.tag == "div" and parent.get("id") and parent[0] is block:
        return parent
    return block


def _css(element: etree._Element) -> dict[str, str]:
    """The element's inline style as {property: value}, lowercased."""
    raw = element.get("style")
    if not raw:
        return {}
    out: dict[str, str] = {}
    for part in raw.split(";"):
        name, colon, value = part.partition(":")
        if colon:  # "700 !important" is 700
            out[name.strip().lower()] = value.split("!", 1)[0].strip().lower()
    return out


def _classes(element: etree._Element) -> set[str]:
    return {c.lower() for c in (element.get("class") or "").split()}


def _alignment(element: etree._Element, css: dict[str, str]) -> str:
    value = (css.get("text-align") or element.get("align") or "").strip().lower()
    return value if value in ("left", "center", "right") else ""


# ---------------------------------------------------------------- frames


@dataclass
class _Holder:
    """Where blocks go: the whole paste, a quote, or a list item."""

    kind: str  # "root", "quote", "item"
    blocks: list[Block | _List] = field(default_factory=list)  # a list: closed, not yet a node
    implicit: str = ""  # "word-quote": made from Word's quote paragraphs, not an element


@dataclass
class _List:
    ordered: bool
    start: int = 1
    items: list[_Holder] = field(default_factory=list)
    implicit: str = ""  # "word": from Word's list paragraphs; "li": an <li> without a list
    word_list: str = ""  # Word's list id (lfo) and level, for its paragraphs
    marker_read: bool = False


@dataclass
class _Cell:
    inlines: tuple[Inline, ...]
    align: str
    colspan: int
    rowspan: int


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    pending: list[tuple[PastedPicture, Figure]] = field(default_factory=list)


@dataclass
class _CellFrame:
    table: _Table
    align: str
    colspan: int
    rowspan: int


_Frame = _Holder | _List | _Table | _CellFrame


@dataclass
class _Open:
    """An element being read: how to undo it at its end."""

    height: int  # frames to keep when it ends
    kind: str = ""  # "heading", "pre", "cell", "list", "quote", "thead", "skip", "block"


# ---------------------------------------------------------------- the reader


class _Reader:
    """Reads the parsed page once, element by element (lxml's iterwalk: no recursion)."""

    def __init__(self, base: Path | None, links: _Links, *, in_note: bool = False) -> None:
        self.base = base
        self.links = links
        self.in_note = in_note
        self.note_root: etree._Element | None = None  # the note a footnote's reader reads
        self.root = _Holder("root")
        self.frames: list[_Frame] = [self.root]
        self.nesting = 0  # lists and quotes open
        self.cells = 0  # cells open (a table in a cell is read as its text)
        self.styles: list[_Style] = [PLAIN]
        self.runs: list[_Run] = []
        self.heading = 0
        self.pre: list[str] | None = None
        self.pre_language = ""
        self.after: list[tuple[PastedPicture, Figure]] = []  # figures met in a heading
        self.pictures: list[PastedPicture] = []
        self.picture_count = 0
        self.notes: dict[str, None] = {}
        self.capture: list[str] | None = None  # a Word list's marker being read

    # ------------------------------------------------------------ results

    def note(self, line: str) -> None:
        self.notes[line] = None

    def blocks(self) -> tuple[Block, ...]:
        self.close_to(1)
        self.flush()
        return _finished(self.root.blocks)

    def result(self, root: etree._Element) -> PastedDocument:
        blocks = self.blocks()
        footnotes = []
        for number, container in self.links.notes:
            note = _Reader(self.base, self.links, in_note=True)
            note.note_root = container
            note.read(container)
            footnotes.append(Footnote(str(number), number, note.blocks()))
            for line in note.notes:
                self.note(line)
        return PastedDocument(blocks, tuple(footnotes), tuple(self.pictures), tuple(self.notes))

    # ------------------------------------------------------------ the walk

    def read(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        opened: list[_Open] = []
        skipping = 0
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if skipping:
                    skipping += 1
                    walker.skip_subtree()
                    continue
                record = self.start(element, tag.lower())
                opened.append(record)
                if record.kind == "skip":
                    skipping = 1
                    walker.skip_subtree()
                    continue
                if element.text:
                    self.text(element.text)
            else:
                if skipping > 1:
                    skipping -= 1
                    continue
                skipping = 0
                record = opened.pop()
                self.end(record)
                if element.tail and element is not root:
                    self.text(element.tail)

    def start(self, element: etree._Element, tag: str) -> _Open:
        if element is self.note_root:  # a footnote's <li> or <div>: its blocks, no more
            self.styles.append(PLAIN)
            return _Open(len(self.frames), "block")
        if element in self.links.skip:
            return _Open(len(self.frames), "skip")
        number = self.links.refs.get(element)
        if number is not None:
            if self.pre is None:
                self.runs.append(_Run("", PLAIN, number))
            return _Open(len(self.frames), "skip")
        css = _css(element)
        classes = _classes(element)
        if self._hidden(tag, css, classes, element):
            return _Open(len(self.frames), "skip")
        if tag == "span" and css.get("mso-list") == "ignore":
            self.capture = []
            return _Open(len(self.frames), "marker")
        self.styles.append(self._style(tag, css, element))
        if self.pre is not None:
            if tag == "br":
                self.pre.append("\n")
            elif tag == "code" and not self.pre_language:
                for name in classes:
                    found = _LANGUAGE.match(name)
                    if found:
                        self.pre_language = found.group(1)
            return _Open(len(self.frames), "inline")
        if tag in PARAGRAPHS:
            return self._paragraph(tag, css, classes)
        if tag in HEADINGS:
            self.boundary()
            if not self.cells:
                self.heading = HEADINGS[tag]
            return _Open(len(self.frames), "heading")
        if tag in LISTS:
            return self._list(tag, element)
        if tag == "li":
            return self._item()
        if tag == "blockquote":
            self.boundary()
            if self.cells or self.nesting >= MAX_NESTING:
                return _Open(len(self.frames), "block")
            height = len(self.frames)
            self._push(_Holder("quote"))
            return _Open(height, "quote")
        if tag in PREFORMATTED:
            self.boundary()
            if self.cells:
                return _Open(len(self.frames), "block")
            self.pre = []
            self.pre_language = ""
            return _Open(len(self.frames), "pre")
        if tag == "table":
            self.boundary()
            if self.cells:
                return _Open(len(self.frames), "block")
            height = len(self.frames)
            self.frames.append(_Table())
            return _Open(height, "table")
        if tag in ("thead", "tbody", "tfoot", "tr", *CELLS):
            return self._table_part(tag, element, css)
        if tag == "hr":
            self.boundary()
            if not self.cells:
                self.holder().blocks.append(Rule())
            return _Open(len(self.frames), "inline")
        if tag == "br":
            self.line_break()
            return _Open(len(self.frames), "inline")
        if tag == "img":
            self.picture(element)
            return _Open(len(self.frames), "inline")
        return _Open(len(self.frames), "inline")

    def end(self, record: _Open) -> None:
        kind = record.kind
        if kind == "skip":
            return
        if kind == "marker":
            self._marker("".join(self.capture or ()))
            self.capture = None
            return
        self.styles.pop()
        if kind == "inline":
            return
        if kind == "pre":
            self._end_pre()
            return
        if self.cells:
            self.text(" ")
        else:
            self.flush()
        if kind == "heading":
            self.heading = 0
            for picture, figure in self.after:
                self._emit_figure(picture, figure)
            self.after.clear()
        self.close_to(record.height)

    # ------------------------------------------------------------ elements

    def _hidden(
        self, tag: str, css: dict[str, str], classes: set[str], element: etree._Element
    ) -> bool:
        if tag in SKIPPED:
            return True
        if tag == "del" and (element.get("cite") or element.get("datetime")):
            return True  # a tracked deletion (Word, LibreOffice): its words are gone
        if classes & DELETION_CLASSES or "msocommentreference" in classes:
            return True
        if css.get("display") == "none" or css.get("mso-hide") == "all":
            return True
        if tag == "hr" and "footnotes-sep" in classes:
            return True  # the rule a Markdown renderer draws above the notes
        if classes & FOOTNOTE_LISTS and element in self.links.holders:
            return True  # <section class="footnotes">: its notes are read as footnotes
        if css.get("visibility") in ("hidden", "collapse"):
            return True
        return css.get("mso-element", "") in (
            "comment-list",
            "comment",
            "footnote-list",
            "endnote-list",
        )

    def _style(self, tag: str, css: dict[str, str], element: etree._Element) -> _Style:
        style = self.styles[-1]
        if tag in BOLD and not (element.get("id") or "").startswith("docs-internal-guid"):
            style = style._replace(bold=True)
        elif tag in ITALIC:
            style = style._replace(italic=True)
        elif tag in STRUCK:
            style = style._replace(strike=True)
        elif tag in CODE:
            style = style._replace(code=True)
        elif tag == "a":
            href = element.get("href")
            target = safe_href(href) if href else None
            if target is not None and not target.startswith("#"):
                style = style._replace(href=target, title=(element.get("title") or "").strip())
        weight = css.get("font-weight")
        if weight:
            if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
                style = style._replace(bold=True)
            elif weight in ("normal", "lighter") or weight.isdigit():
                style = style._replace(bold=False)
        italic = css.get("font-style")
        if italic:
            style = style._replace(italic=italic in ("italic", "oblique"))
        decoration = css.get("text-decoration-line", "") + " " + css.get("text-decoration", "")
        if "line-through" in decoration:
            style = style._replace(strike=True)
        return style

    def _paragraph(self, tag: str, css: dict[str, str], classes: set[str]) -> _Open:
        if tag != "p" or self.cells:
            self.boundary()
            return _Open(len(self.frames), "block")
        word = _MSO_LIST.search(css.get("mso-list", ""))
        if word and self.nesting < MAX_NESTING:
            self.boundary(keep="word")
            self._word_item(word.group(3), int(word.group(2)))
            return _Open(len(self.frames), "block")
        if classes & QUOTE_CLASSES and self.nesting < MAX_NESTING:
            self.boundary(keep="word-quote")
            top = self.frames[-1]
            if not (isinstance(top, _Holder) and top.implicit == "word-quote"):
                self._push(_Holder("quote", implicit="word-quote"))
            return _Open(len(self.frames), "block")
        self.boundary()
        return _Open(len(self.frames), "block")

    def _list(self, tag: str, element: etree._Element) -> _Open:
        self.boundary()
        if self.cells or self.nesting >= MAX_NESTING:
            return _Open(len(self.frames), "block")
        height = len(self.frames)
        top = self.frames[-1]
        if isinstance(top, _List):  # Google Docs: <ul><li>…</li><ul>…</ul></ul>
            if not top.items:
                top.items.append(_Holder("item"))
            self.frames.append(top.items[-1])
        ordered = tag == "ol"
        start = 1
        if ordered:
            try:
                start = min(max(int((element.get("start") or "1").strip()), 0), 999_999_999)
            except ValueError:
                start = 1
        self._push(_List(ordered, start))
        return _Open(height, "list")

    def _item(self) -> _Open:
        self.boundary(keep="li")
        if self.cells:
            return _Open(len(self.frames), "block")
        top = self.frames[-1]
        if not isinstance(top, _List):
            if self.nesting >= MAX_NESTING:
                return _Open(len(self.frames), "block")
            top = _List(False, implicit="li")
            self._push(top)
        height = len(self.frames)
        item = _Holder("item")
        top.items.append(item)
        self.frames.append(item)
        return _Open(height, "block")

    def _word_item(self, list_id: str, level: int) -> None:
        """A Word list paragraph: an item at `level` of the list `list_id`, the lists it
        sits in opened (or closed) to reach that level."""
        level = max(1, min(level, MAX_NESTING - self.nesting + self._word_depth()))
        while True:
            depth = self._word_depth()
            top = self.frames[-1]
            if isinstance(top, _Holder) and top.implicit == "word":
                self.close_to(len(self.frames) - 1)  # the previous item
                continue
            if depth > level or (
                depth == level and isinstance(top, _List) and top.word_list != list_id
            ):
                self.close_to(len(self.frames) - 1)
                continue
            if depth < level:
                if isinstance(top, _List):
                    if not top.items:
                        top.items.append(_Holder("item", implicit="word"))
                    self.frames.append(top.items[-1])
                self._push(_List(False, implicit="word", word_list=list_id))
                continue
            break
        target = self.frames[-1]
        assert isinstance(target, _List)
        item = _Holder("item", implicit="word")
        target.items.append(item)
        self.frames.append(item)

    def _word_depth(self) -> int:
        depth = 0
        for frame in reversed(self.frames):
            if isinstance(frame, _List) and frame.implicit == "word":
                depth += 1
            elif not (isinstance(frame, _Holder) and frame.implicit == "word"):
                break
        return depth

    def _marker(self, marker: str) -> None:
        """The bullet or number Word writes before a list paragraph's text."""
        top = self.frames[-2] if len(self.frames) > 1 else None
        if not isinstance(top, _List) or top.implicit != "word" or top.marker_read:
            return
        top.marker_read = True
        found = _ORDERED_MARKER.match(marker.replace("\u00a0", " ").strip())
        if found:
            top.ordered = True
            number = found.group(1)
            top.start = int(number) if number.isdigit() else 1

    def _table_part(self, tag: str, element: etree._Element, css: dict[str, str]) -> _Open:
        table = self.frames[-1]
        if self.cells or not isinstance(table, _Table):
            self.boundary()  # a cell's nested table, or a stray cell: its words only
            return _Open(len(self.frames), "block")
        if tag in ("thead", "tbody", "tfoot"):
            return _Open(len(self.frames), "inline")
        self.flush()  # words loose in a table are shown before it
        if tag == "tr" or not table.rows:
            table.rows.append([])
        if tag == "tr":
            return _Open(len(self.frames), "inline")
        height = len(self.frames)
        self.frames.append(
            _CellFrame(
                table,
                _alignment(element, css),
                _span(element, "colspan"),
                _span(element, "rowspan"),
            )
        )
        self.cells += 1
        return _Open(height, "cell")

    # ------------------------------------------------------------ frames

    def _push(self, frame: _Holder | _List) -> None:
        self.frames.append(frame)
        self.nesting += 1

    def holder(self) -> _Holder:
        """Where a block goes now: the innermost quote, list item or the paste itself."""
        for frame in reversed(self.frames):
            if isinstance(frame, _Holder):
                return frame
            if isinstance(frame, _List):
                if not frame.items:
                    frame.items.append(_Holder("item"))
                return frame.items[-1]
        return self.root

    def close_to(self, height: int) -> None:
        while len(self.frames) > height:
            self.flush()
            frame = self.frames.pop()
            if isinstance(frame, _Holder):
                if frame.kind == "quote":
                    self.nesting -= 1
                    if frame.blocks:
                        self.holder().blocks.append(BlockQuote(_finished(frame.blocks)))
            elif isinstance(frame, _List):
                self.nesting -= 1
                self._add_list(frame)
            elif isinstance(frame, _Table):
                self._add_table(frame)
            else:
                self._end_cell(frame)

    def _close_implicit(self, keep: str) -> None:
        """Close the lists and quotes made from paragraphs (Word's) or stray items, unless
        the block starting is one more of the kind `keep`."""
        while True:
            top = self.frames[-1]
            implicit = top.implicit if isinstance(top, _Holder | _List) else ""
            if not implicit or implicit == keep:
                return
            self.close_to(len(self.frames) - 1)

    def _add_list(self, frame: _List) -> None:
        """A closed list goes into its holder as it is (made a node when the holder is): a
        list right after one of its kind joins it, as LibreOffice writes a list broken by
        a nested one as lists side by side. Joining costs the items joined, nothing more."""
        frame.items = [item for item in frame.items if item.blocks]
        if not frame.items:
            return
        blocks = self.holder().blocks
        last = blocks[-1] if blocks else None
        joins = not frame.ordered or (
            frame.implicit != "word" and frame.start in (1, last.start + len(last.items))
            if isinstance(last, _List)
            else False
        )
        if isinstance(last, _List) and last.ordered == frame.ordered and joins:
            last.items.extend(frame.items)
            return
        blocks.append(frame)

    def _end_cell(self, frame: _CellFrame) -> None:
        self.cells -= 1
        inlines = _inlines(_tidy(self.runs))
        self.runs = []
        frame.table.rows[-1].append(_Cell(inlines, frame.align, frame.colspan, frame.rowspan))

    def _add_table(self, table: _Table) -> None:
        grid = _grid(table.rows)
        if grid:
            width = len(grid[0])
            header, body = grid[0], grid[1:]  # <thead>'s row, or the first
            align = []
            for column in range(width):
                chosen = ""
                for row in body or [header]:
                    if row[column][1]:
                        chosen = row[column][1]
                        break
                align.append(chosen or header[column][1])
            self.holder().blocks.append(
                Table(
                    TableRow(tuple(TableCell(c[0]) for c in header)),
                    tuple(TableRow(tuple(TableCell(c[0]) for c in row)) for row in body),
                    tuple(align),
                )
            )
        for picture, figure in table.pending:
            self._emit_figure(picture, figure)

    # ------------------------------------------------------------ text

    def boundary(self, keep: str = "") -> None:
        """A block starts or ends here."""
        if self.cells:
            self.text(" ")
            return
        self.flush()
        self._close_implicit(keep)

    def text(self, text: str) -> None:
        if self.capture is not None:
            self.capture.append(text)
            return
        text = _UNWANTED.sub("", text)
        if self.pre is not None:
            self.pre.append(text)
            return
        text = _WHITESPACE.sub(" ", text)
        if not text:
            return
        if text.startswith(" ") and (not self.runs or _ends_in_space(self.runs[-1])):
            text = text[1:]
            if not text:
                return
        self.runs.append(_Run(text, self.styles[-1]))

    def line_break(self) -> None:
        if self.cells or self.heading:
            self.text(" ")
            return
        if self.runs and self.runs[-1].text is None:  # two breaks: a new paragraph
            self.runs.pop()
            self.flush()
            return
        if self.runs:
            self.runs.append(_Run(None, self.styles[-1]))

    def flush(self) -> None:
        if self.cells:
            return
        runs = _tidy(self.runs, heading=bool(self.heading))
        self.runs = []
        if not runs:
            return
        inlines = _inlines(runs)
        block: Block = Heading(self.heading, inlines) if self.heading else Paragraph(inlines)
        self.holder().blocks.append(block)

    def _end_pre(self) -> None:
        text = "".join(self.pre or ())
        self.pre = None
        if text.startswith("\n"):
            text = text[1:]
        text = text.rstrip("\n").replace("\u00a0", " ")
        if text.strip():
            self.holder().blocks.append(CodeBlock(text, self.pre_language))
        for picture, figure in self.after:
            self._emit_figure(picture, figure)
        self.after.clear()

    # ------------------------------------------------------------ pictures

    def picture(self, element: etree._Element) -> None:
        src = (element.get("src") or "").strip()
        alt = _WHITESPACE.sub(" ", _UNWANTED.sub("", element.get("alt") or "")).strip()
        if not src:
            return
        head = src[:12].lower()
        if head.startswith(("http://", "https://", "//")):
            address = "https:" + src if src.startswith("//") else src
            shown = _shown(address)
            self.note(f"A picture at {shown} was not copied: save it and add it to the library")
            if self.styles[-1].href is None and safe_href(address) is not None:
                self.runs.append(
                    _Run(alt or "picture", self.styles[-1]._replace(href=address, title=""))
                )
            elif alt:
                self.text(alt)
            return
        if self.in_note:
            self.note("A picture in a footnote was not copied: footnotes hold words only")
            if alt:
                self.text(alt)
            return
        if self.picture_count >= MAX_PICTURES:
            self.note(f"Only the first {MAX_PICTURES} pictures were copied; paste the rest apart")
            return
        try:
            picture = self._load(src, alt)
        except _NotCopied as exc:
            self.note(f"A picture {exc.what} was not copied: {exc.why}")
            if alt:
                self.text(alt)
            return
        self.picture_count += 1
        figure = Figure(None, None)
        if self.cells:
            top = next(f for f in reversed(self.frames) if isinstance(f, _CellFrame))
            top.table.pending.append((picture, figure))
        elif self.heading or self.pre is not None:
            self.after.append((picture, figure))
        else:
            self.flush()
            self._emit_figure(picture, figure)

    def _emit_figure(self, picture: PastedPicture, figure: Figure) -> None:
        self.pictures.append(picture)
        self.holder().blocks.append(figure)

    def _load(self, src: str, alt: str) -> PastedPicture:
        number = self.picture_count + 1
        if src[:5].lower() == "data:":
            data = _data_uri(src)
            try:
                info = inspect_image(data, "it")
            except InputError as exc:
                raise _NotCopied(DATA, str(exc)) from exc
            return PastedPicture(f"pasted-picture-{number}{info.extension}", alt, data=data)
        path = self._local_path(src)
        return PastedPicture(path.name, alt, path=_checked_file(path))

    def _local_path(self, src: str) -> Path:
        parts = urlsplit(src)
        scheme = parts.scheme.lower()
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise _NotCopied(_at(src), "it is on another computer")
            return Path(url2pathname(parts.path))
        if scheme and not (len(scheme) == 1 and os.name == "nt"):  # C:\ on Windows
            raise _NotCopied(_at(src), f"EditorDesk does not read {scheme}: addresses")
        path = Path(unquote(parts.path) if not os.path.isabs(src) else src)
        if path.is_absolute():
            return path
        if self.base is None:
            raise _NotCopied(_at(src), "the page did not say which folder it is in")
        return self.base / path


DATA = "given in the page as data"


def _finished(blocks: list[Block | _List]) -> tuple[Block, ...]:
    """A holder's blocks as nodes: its closed lists made BulletList or OrderedList."""
    return tuple(_list_node(b) if isinstance(b, _List) else b for b in blocks)


def _list_node(frame: _List) -> Block:
    items = [ListItem(_finished(item.blocks)) for item in frame.items]
    tight = all(
        sum(isinstance(b, Paragraph | Heading) for b in item.children) <= 1 for item in items
    )
    if frame.ordered:
        return OrderedList(tuple(items), frame.start, tight)
    return BulletList(tuple(items), tight)


class _NotCopied(Exception):
    def __init__(self, what: str, why: str) -> None:
        super().__init__(why)
        self.what = what
        self.why = why


def _data_uri(src: str) -> bytes:
    head, comma, payload = src.partition(",")
    if not comma:
        raise _NotCopied(DATA, "its data: address is damaged")
    if head.lower().endswith(";base64"):
        payload = re.sub(r"\s+", "", payload)
        if len(payload) * 3 // 4 > MAX_DATA_PICTURE_BYTES:
            raise _NotCopied(DATA, _too_big(len(payload) * 3 // 4))
        try:
            return base64.b64decode(payload + "=" * (-len(payload) % 4))
        except (binascii.Error, ValueError) as exc:
            raise _NotCopied(DATA, "its base64 data is damaged") from exc
    if len(payload) > MAX_DATA_PICTURE_BYTES * 3:
        raise _NotCopied(DATA, _too_big(len(payload) // 3))
    data = unquote_to_bytes(payload)
    if len(data) > MAX_DATA_PICTURE_BYTES:
        raise _NotCopied(DATA, _too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return (
        f"it is {size / 1_000_000:,.1f} MB; pasted pictures may be up to "
        f"{MAX_DATA_PICTURE_BYTES // 1_000_000} MB (add it to the library from its file)"
    )


def _checked_file(path: Path) -> Path:
    """`path` if it is a regular file holding a picture EditorDesk takes."""
    shown = _at(str(path))
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _NotCopied(shown, f"it could not be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise _NotCopied(shown, "it is not a regular file")
    if info.st_size > MAX_FILE_PICTURE_BYTES:
        raise _NotCopied(
            shown,
            f"it is {info.st_size / 1_000_000:,.0f} MB; add it to the library from its file",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _NotCopied(shown, f"it could not be read ({exc.strerror or exc})") from exc
    try:
        inspect_image(data, "it")
    except InputError as exc:
        raise _NotCopied(shown, str(exc)) from exc
    return path


def _at(address: str) -> str:
    return "at " + _shown(address)


def _shown(address: str) -> str:
    address = _UNWANTED.sub("", address).replace("\n", " ")
    if len(address) <= MAX_SHOWN_ADDRESS:
        return address
    return address[: MAX_SHOWN_ADDRESS - 1] + "…"


def _span(element: etree._Element, name: str) -> int:
    try:
        return min(max(int((element.get(name) or "1").strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _grid(rows: list[list[_Cell]]) -> list[list[tuple[tuple[Inline, ...], str]]]:
    """Rows of (inlines, alignment), every row as wide as the widest: a cell spanning
    columns or rows keeps its words in its first place and leaves the others empty."""
    grid: list[list[tuple[tuple[Inline, ...], str]]] = []
    waiting: dict[int, int] = {}  # column -> rows a cell above still spans
    for row in rows:
        out: list[tuple[tuple[Inline, ...], str]] = []
        cells = iter(row)
        while len(out) < MAX_COLUMNS:
            column = len(out)
            if waiting.get(column, 0) > 0:
                waiting[column] -= 1
                out.append(((), ""))
                continue
            cell = next(cells, None)
            if cell is None:
                break
            out.append((cell.inlines, cell.align))
            if cell.rowspan > 1:
                waiting[column] = cell.rowspan - 1
            for extra in range(1, cell.colspan):
                if len(out) >= MAX_COLUMNS:
                    break
                out.append(((), cell.align))
                if cell.rowspan > 1:
                    waiting[column + extra] = cell.rowspan - 1
        if out:
            grid.append(out)
    if not grid:
        return []
    width = max(len(row) for row in grid)
    return [row + [((), "")] * (width - len(row)) for row in grid]


# ---------------------------------------------------------------- runs into inlines


def _ends_in_space(run: _Run) -> bool:
    return run.text is None or run.text.endswith(" ")


def _has_words(run: _Run) -> bool:
    return run.ref > 0 or (run.text is not None and bool(run.text.strip(" \u00a0")))


def _common(a: _Style, b: _Style) -> _Style:
    """The formatting a space between two neighbours carries: what they share, level by
    level from the outside in (link, bold, italic, strikethrough, code), up to the first
    level where they differ. So a space is never the edge of a group `_inlines` makes."""
    if (a.href, a.title) != (b.href, b.title):
        return PLAIN
    flags: list[bool] = []
    pairs = ((a.bold, b.bold), (a.italic, b.italic), (a.strike, b.strike), (a.code, b.code))
    for mine, theirs in pairs:
        if mine != theirs:
            break
        flags.append(mine)
    flags += [False] * (4 - len(flags))
    return _Style(flags[0], flags[1], flags[2], flags[3], a.href, a.title)


def _tidy(runs: list[_Run], *, heading: bool = False) -> list[_Run]:
    """A block's runs with its edges trimmed, spaces moved out of formatting they would
    start or end (`**bold **` is not bold in Markdown), and runs of spaces made one."""
    if heading:
        runs = [r._replace(style=r.style._replace(bold=False)) for r in runs]
    first_word = next((i for i, r in enumerate(runs) if _has_words(r)), None)
    if first_word is None:
        return []
    last_word = next(i for i in range(len(runs) - 1, -1, -1) if _has_words(runs[i]))
    # Words apart from the spaces around them: (text, style, ref); a space piece has ref -1.
    pieces: list[_Run] = []
    for run in runs[first_word : last_word + 1]:
        text = run.text
        if text is None or run.ref:
            pieces.append(run)
            continue
        core = text.strip(_EDGE)
        lead = text[: len(text) - len(text.lstrip(_EDGE))]
        trail = text[len(text.rstrip(_EDGE)) :] if core else ""
        if lead:
            pieces.append(_Run(lead, run.style, -1))
        if core:
            pieces.append(_Run(_SPACES.sub(" ", core), run.style))
        if trail:
            pieces.append(_Run(trail, run.style, -1))
    # Each stretch of spaces and line breaks between two words becomes its breaks (spaces
    # at a line's end or start are not shown) or else one piece of spaces (one space, or the
    # no-break space kept between words), formatted as both neighbours are.
    out: list[_Run] = []
    gap: list[_Run] = []
    before: _Style | None = None
    for piece in pieces:
        if piece.ref == -1 or piece.text is None:
            gap.append(piece)
            continue
        if gap and before is not None:
            style = _common(before, piece.style)
            breaks = sum(1 for g in gap if g.text is None)
            if breaks:
                out.extend(_Run(None, style) for _ in range(breaks))
            else:
                out.append(_Run(_SPACES.sub(" ", "".join(g.text or "" for g in gap)), style))
        gap.clear()
        out.append(piece)
        before = piece.style
    return out


_EDGE = " \u00a0"
_LEVELS = ("href", "bold", "italic", "strike")


def _inlines(runs: list[_Run], level: int = 0) -> tuple[Inline, ...]:
    """Runs grouped into nested inlines: links outermost, then bold, italic, strikethrough,
    and code innermost. Each level is one pass: linear in the runs."""
    if level == len(_LEVELS):
        return _leaves(runs)
    out: list[Inline] = []
    name = _LEVELS[level]
    start = 0
    while start < len(runs):
        key = _key(runs[start].style, name)
        end = start + 1
        while end < len(runs) and _key(runs[end].style, name) == key:
            end += 1
        inner = _inlines(runs[start:end], level + 1)
        style = runs[start].style
        if not key:
            out.extend(inner)
        elif name == "href":
            out.append(Link(style.href or "", inner, style.title))
        elif name == "bold":
            out.append(Strong(inner))
        elif name == "italic":
            out.append(Emphasis(inner))
        else:
            out.append(Strikethrough(inner))
        start = end
    return tuple(out)


def _key(style: _Style, name: str) -> object:
    if name == "href":
        return (style.href, style.title) if style.href else None
    return getattr(style, name)


def _leaves(runs: list[_Run]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    texts: list[str] = []
    code: list[str] = []

    def end_text() -> None:
        if texts:
            out.append(Text("".join(texts)))
            texts.clear()

    def end_code() -> None:
        if code:
            words = "".join(code).strip(" ")
            if words:
                out.append(Code(words))
            code.clear()

    for run in runs:
        if run.ref:
            end_text()
            end_code()
            out.append(FootnoteRef(str(run.ref), run.ref))
            continue
        if run.style.code:
            end_text()
            code.append(" " if run.text is None else run.text)
            continue
        end_code()
        if run.text is None:
            end_text()
            out.append(LineBreak())
        else:
            texts.append(run.text)
    end_text()
    end_code()
    return tuple(out)
