"""The walk through pasted HTML: elements read in order into blocks, with limits kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree as etree
import lxml.html

from editordesk.document.nodes import (
    Block,
    BlockQuote,
    CodeBlock,
    Figure,
    Footnote,
    Heading,
    Paragraph,
    Rule,
)
from editordesk.errors import InputError
from editordesk.interchange.html.elements import (
    _LANGUAGE,
    _UNWANTED,
    _WHITESPACE,
    CELLS,
    HEADINGS,
    LISTS,
    PARAGRAPHS,
    PREFORMATTED,
    QUOTE_CLASSES,
    _alignment,
    _classes,
    _css,
    _hidden,
)
from editordesk.interchange.html.footnotes import _footnote_links, _Links
from editordesk.interchange.html.inline import (
    PLAIN,
    _ends_in_space,
    _inlines,
    _Run,
    _Style,
    _style,
    _tidy,
)
from editordesk.interchange.html.lists import (
    _MSO_LIST,
    MAX_NESTING,
    _add_list,
    _finished,
    _Holder,
    _List,
    _read_marker,
    _word_depth,
)
from editordesk.interchange.html.pictures import (
    MAX_PICTURES,
    PastedPicture,
    _load,
    _NotCopied,
    _shown,
)
from editordesk.interchange.html.tables import _Cell, _CellFrame, _span, _Table, _table_node
from editordesk.text import safe_href

MAX_HTML_CHARS = 20_000_000  # a long report with its pictures inline; far past any story
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


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


def _without_clipboard_header(html: str) -> str:
    """Windows' clipboard puts `Version:0.9 StartHTML:…` lines before the HTML."""
    if html.startswith("Version:"):
        start = html.find("<")
        return html[start:] if start >= 0 else ""
    return html


_Frame = _Holder | _List | _Table | _CellFrame


@dataclass
class _Open:
    """An element being read: how to undo it at its end."""

    height: int  # frames to keep when it ends
    kind: str = ""  # "heading", "pre", "cell", "list", "quote", "thead", "skip", "block"


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
        if _hidden(tag, css, classes, element, self.links.holders):
            return _Open(len(self.frames), "skip")
        if tag == "span" and css.get("mso-list") == "ignore":
            self.capture = []
            return _Open(len(self.frames), "marker")
        self.styles.append(_style(self.styles[-1], tag, css, element))
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
            _read_marker(self.frames, "".join(self.capture or ()))
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
        level = max(1, min(level, MAX_NESTING - self.nesting + _word_depth(self.frames)))
        while True:
            depth = _word_depth(self.frames)
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
                if any(item.blocks for item in frame.items):  # else nothing to add
                    _add_list(self.holder().blocks, frame)
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

    def _end_cell(self, frame: _CellFrame) -> None:
        self.cells -= 1
        inlines = _inlines(_tidy(self.runs))
        self.runs = []
        frame.table.rows[-1].append(_Cell(inlines, frame.align, frame.colspan, frame.rowspan))

    def _add_table(self, table: _Table) -> None:
        node = _table_node(table)
        if node is not None:
            self.holder().blocks.append(node)
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
            picture = _load(src, alt, self.picture_count + 1, self.base)
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
