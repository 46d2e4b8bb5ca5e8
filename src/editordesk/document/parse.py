"""A body (CommonMark plus figure and tweet shortcodes) parsed once into the document tree.

Shortcodes are taken out before Markdown sees the text and put back as markers in private-use
characters; a paragraph holding one is split around it, so a figure or tweet is always a block
of its own. Inside code, a shortcode stays the literal text it was.
"""

from __future__ import annotations

import html
import re
import sys
import threading
from collections.abc import Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from editordesk.document import nodes as n
from editordesk.document.shortcodes import FIGURE_NAME, scan
from editordesk.document.shortcodes import Shortcode as ScannedShortcode
from editordesk.media.tweets import status_url
from editordesk.model import ImageRecord, StoryRecord, TweetRecord

_MARK = re.compile("\ue000(\\d+)\ue001")
# A bare web address in text (GitHub's autolink extension); trailing punctuation is dropped.
_BARE_URL = re.compile(r"(?<![\w@/.:-])(?:https?://|www\.)[^\s<\ue000\ue001]+", re.IGNORECASE)
_URL_TRAIL = frozenset('?!.,:*_~\'")"')
# markdown-it stops at `maxNesting` levels of blocks within blocks and silently drops the rest
# of the body (its default of 20 took ten nested lists); 100 keeps any real story whole with
# shallow recursion, and a body that reaches it is parsed again without a limit (_parse_deep).
_NESTING = 100


def _markdown(nesting: int, table: bool, strike: bool, notes: bool) -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, and footnotes (`[^1]`)."""
    md = MarkdownIt("commonmark", {"maxNesting": nesting})
    md.enable([rule for rule, wanted in (("table", table), ("strikethrough", strike)) if wanted])
    if notes:
        md.use(footnote_plugin)
    return md


_PARSERS: dict[tuple[int, bool, bool, bool], MarkdownIt] = {}


def _parser(text: str, nesting: int) -> MarkdownIt:
    """The parser for `text`: each extension's rules run on every line, so a body that cannot
    hold a table (no `|`), struck text (no `~~`) or a footnote (no `[^`, `^[`) goes without."""
    key = (nesting, "|" in text, "~~" in text, "[^" in text or "^[" in text)
    md = _PARSERS.get(key)
    if md is None:
        md = _PARSERS[key] = _markdown(*key)
    return md


_DEEP_LOCK = threading.Lock()
# A line opening more containers than this ("> > > …", "- - - …") opens only this many: the
# depth past MAX_BLOCK_DEPTH is flattened anyway, and each level costs the parser stack.
_MAX_LINE_MARKERS = 200
_MARKER = r"(?:>[ ]*|[-+*][ ]+|\d{1,9}[.)][ ]+)"  # spaces go to the marker before them
_DEEP_PREFIX = re.compile(rf"^[ ]{{0,3}}(?:{_MARKER}){{{_MAX_LINE_MARKERS + 1},}}", re.MULTILINE)
_ONE_MARKER = re.compile(rf"[ ]{{0,3}}{_MARKER}")
MAX_INLINE_DEPTH = 32  # emphasis inside emphasis deeper than this keeps its words only
MAX_BLOCK_DEPTH = 32  # lists and quotes inside each other deeper than this keep their blocks


class _Builder:
    def __init__(
        self,
        shortcodes: Sequence[ScannedShortcode],
        source: str,
        images: Mapping[int, ImageRecord],
        tweets: Mapping[str, TweetRecord],
    ) -> None:
        self.shortcodes = shortcodes
        self.source = source
        self.images = images
        self.tweets = tweets
        self.anchors: set[str] = set()
        self.footnotes: list[n.Footnote] = []

    # -------------------------------------------------- shortcodes

    def literal(self, text: str) -> str:
        """Markers back to the shortcode text they stand for."""
        if "\ue000" not in text:
            return text
        return _MARK.sub(lambda m: self._source_of(int(m.group(1))), text)

    def _source_of(self, index: int) -> str:
        sc = self.shortcodes[index]
        return self.source[sc.start : sc.end]

    def shortcode_block(self, index: int) -> n.Block:
        sc = self.shortcodes[index]
        if sc.name == FIGURE_NAME:
            image_id = sc.image_id
            image = self.images.get(image_id) if image_id is not None else None
            return n.Figure(image_id, image, sc.line, self._source_of(index))
        if sc.is_tweet:
            status_id, handle = sc.get("id"), sc.get("user")
            record = self.tweets.get(status_id)
            url = record.url if record and record.url else status_url(handle, status_id)
            return n.Tweet(status_id, handle, record, sc.line, url, self._source_of(index))
        return n.Shortcode(sc.name, self._source_of(index), sc.line)

    # -------------------------------------------------- inlines

    def inlines(self, tokens: list[Token]) -> tuple[n.Inline, ...]:
        out: list[n.Inline] = []
        stack: list[tuple[Token, list[n.Inline]]] = []
        current = out
        links = 0  # links open around the current token: no autolink inside one
        raw = False  # any inline HTML to join into elements (see _merge_raw)
        for tok in tokens:
            t = tok.type
            if t == "text":
                text = tok.content
                if links or not ("://" in text or "www." in text.lower()):
                    current.append(n.Text(self.literal(text)))
                else:
                    current.extend(self.autolinked(text))
            elif t == "code_inline":
                current.append(n.Code(self.literal(tok.content)))
            elif t == "softbreak":
                current.append(n.SoftBreak())
            elif t == "hardbreak":
                current.append(n.LineBreak())
            elif t == "html_inline":
                current.append(n.RawInline(self.literal(tok.content)))
                raw = True
            elif t == "image":
                # A web picture: its alt text is the plain words of what was written, never
                # its Markdown ("foo *bar*" shows no asterisks).
                alt = self.literal(n.inlines_text(self.inlines(tok.children or [])))
                src = self.literal(str(tok.attrs.get("src", "")))
                title = self.literal(str(tok.attrs.get("title", "") or ""))
                current.append(n.Image(src, alt, title))
            elif t == "footnote_ref":
                meta = tok.meta or {}
                number = int(meta.get("id", 0)) + 1
                current.append(n.FootnoteRef(str(meta.get("label") or number), number))
            elif t == "footnote_anchor":
                continue
            elif t.endswith("_open"):
                stack.append((tok, current))
                current = []
                links += t == "link_open"
            elif t.endswith("_close"):
                opener, parent = stack.pop()
                links -= opener.type == "link_open"
                children = tuple(_merge_text(current))
                if len(stack) >= MAX_INLINE_DEPTH:
                    # "***…***" thousands deep: no text means that; keep the words, and keep
                    # every writer's recursion shallow.
                    parent.extend(children)
                elif opener.type == "em_open":
                    parent.append(n.Emphasis(children))
                elif opener.type == "strong_open":
                    parent.append(n.Strong(children))
                elif opener.type == "s_open":
                    parent.append(n.Strikethrough(children))
                elif opener.type == "link_open":
                    href = str(opener.attrs.get("href", ""))
                    title = str(opener.attrs.get("title", "") or "")
                    parent.append(n.Link(self.literal(href), children, self.literal(title)))
                else:
                    parent.extend(children)
                current = parent
        merged = _merge_text(out)
        return tuple(_merge_raw(merged) if raw else merged)

    def autolinked(self, text: str) -> list[n.Inline]:
        """Text with its bare web addresses (`https://…`, `www.…`) made links, as GitHub
        does; a shortcode's marker is never part of one."""
        out: list[n.Inline] = []
        pos = 0
        for m in _BARE_URL.finditer(text):
            url = m.group(0)
            while url and url[-1] in _URL_TRAIL:
                if url[-1] == ")" and url.count("(") >= url.count(")"):
                    break
                url = url[:-1]
            if not url or url.endswith(("://", "www.")):
                continue
            if m.start() > pos:
                out.append(n.Text(self.literal(text[pos : m.start()])))
            href = url if "://" in url else f"http://{url}"
            out.append(n.Link(href, (n.Text(url),)))
            pos = m.start() + len(url)
        if pos < len(text):
            out.append(n.Text(self.literal(text[pos:])))
        return out

    def paragraph(self, tokens: list[Token], line: int) -> list[n.Block]:
        """A paragraph, split around any shortcode standing in its top-level text."""
        blocks: list[n.Block] = []
        pending: list[Token] = []

        def flush() -> None:
            children = self.inlines(pending)
            while children and isinstance(children[0], n.SoftBreak | n.LineBreak):
                children = children[1:]
            while children and isinstance(children[-1], n.SoftBreak | n.LineBreak):
                children = children[:-1]
            if blocks and children and isinstance(children[0], n.Text):
                children = (n.Text(children[0].text.lstrip()), *children[1:])
            if children and isinstance(children[-1], n.Text) and pending is not tokens:
                children = (*children[:-1], n.Text(children[-1].text.rstrip()))
            if children and not (
                len(children) == 1
                and isinstance(children[0], n.Text)
                and not children[0].text.strip()
            ):
                blocks.append(n.Paragraph(children, line))
            pending.clear()

        depth = 0
        for tok in tokens:
            if tok.type == "text" and depth == 0 and _MARK.search(tok.content):
                pos = 0
                for m in _MARK.finditer(tok.content):
                    before = tok.content[pos : m.start()]
                    if before:
                        pending.append(_text_token(before))
                    flush()
                    blocks.append(self.shortcode_block(int(m.group(1))))
                    pos = m.end()
                rest = tok.content[pos:]
                if rest:
                    pending.append(_text_token(rest))
                continue
            depth += tok.nesting
            pending.append(tok)
        flush()
        return blocks

    # -------------------------------------------------- blocks

    def blocks(self, tokens: list[Token], depth: int = 0) -> tuple[n.Block, ...]:
        out: list[n.Block] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type not in _CONTAINERS:
                i = self._leaf(tokens, i, out)
                continue
            end = _closing(tokens, i)
            inner = tokens[i + 1 : end]
            if tok.type == "footnote_block_open":
                self._footnotes(inner)
            elif tok.type == "table_open":
                out.append(self._table(inner, _line(tok)))
            elif depth >= MAX_BLOCK_DEPTH:
                out.extend(self._flattened(inner))
            elif tok.type == "blockquote_open":
                out.append(n.BlockQuote(self.blocks(inner, depth + 1), _line(tok)))
            else:
                items = self._items(inner, depth + 1)
                # Only the list's own paragraphs say whether it is tight: a loose list or a
                # quote nested in an item has paragraphs of its own.
                tight = all(
                    tk.hidden
                    for tk in inner
                    if tk.type == "paragraph_open" and tk.level == tok.level + 2
                )
                if tok.type == "bullet_list_open":
                    out.append(n.BulletList(items, tight, _line(tok)))
                else:
                    start = int(tok.attrs.get("start", 1))
                    out.append(n.OrderedList(items, start, tight, _line(tok)))
            i = end + 1
        return tuple(out)

    def _leaf(self, tokens: list[Token], i: int, out: list[n.Block]) -> int:
        """The block starting at `i` (a paragraph, heading, code, rule or HTML) added to
        `out`; returns where the next one starts. Other tokens are stepped over."""
        tok = tokens[i]
        t = tok.type
        if t in ("paragraph_open", "heading_open"):
            inline = tokens[i + 1].children or []
            if t == "heading_open":
                children = self.inlines(inline)
                anchor = self.anchor(children)
                out.append(n.Heading(int(tok.tag[1]), children, _line(tok), anchor))
            else:
                out.extend(self.paragraph(inline, _line(tok)))
            return _closing(tokens, i) + 1  # a footnote's back-link sits before the close
        if t in ("fence", "code_block"):
            info = unescapeAll(tok.info).strip()  # "f&ouml;&ouml;" is "föö"
            out.append(n.CodeBlock(self.literal(tok.content), self.literal(info), _line(tok)))
        elif t == "hr":
            out.append(n.Rule(_line(tok)))
        elif t == "html_block":
            out.append(n.RawBlock(self.literal(tok.content), _line(tok)))
        return i + 1

    def anchor(self, children: tuple[n.Inline, ...]) -> str:
        """A heading's id, as GitHub makes it: its words in lower case, spaces to hyphens,
        punctuation dropped; "-1", "-2"… after a repeat. The same text gives the same id."""
        words = n.inlines_text(children).strip().lower()
        slug = re.sub(r"[^\w\- ]", "", words).replace(" ", "-") or "section"
        anchor, count = slug, 0
        while anchor in self.anchors:
            count += 1
            anchor = f"{slug}-{count}"
        self.anchors.add(anchor)
        return anchor

    def _table(self, tokens: list[Token], line: int) -> n.Table:
        rows: list[n.TableRow] = []
        align: list[str] = []
        header: n.TableRow | None = None
        cells: list[n.TableCell] = []
        in_head = False
        for i, tok in enumerate(tokens):
            if tok.type == "thead_open":
                in_head = True
            elif tok.type in ("th_open", "td_open"):
                style = str(tok.attrs.get("style", ""))
                if in_head:
                    align.append(style.removeprefix("text-align:"))
                inline = tokens[i + 1].children or [] if i + 1 < len(tokens) else []
                cells.append(n.TableCell(self.inlines(inline)))
            elif tok.type == "tr_close":
                row = n.TableRow(tuple(cells))
                cells = []
                if in_head:
                    header = row
                else:
                    rows.append(row)
            elif tok.type == "thead_close":
                in_head = False
        return n.Table(header or n.TableRow(()), tuple(rows), tuple(align), line)

    def _footnotes(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type != "footnote_open":
                i += 1
                continue
            end = _closing(tokens, i)
            meta = tok.meta or {}
            number = int(meta.get("id", 0)) + 1
            label = str(meta.get("label") or number)
            self.footnotes.append(n.Footnote(label, number, self.blocks(tokens[i + 1 : end], 1)))
            i = end + 1

    def _flattened(self, tokens: list[Token]) -> list[n.Block]:
        """Blocks nested deeper than MAX_BLOCK_DEPTH, side by side: no story means that
        nesting, and every writer walks the tree recursively; their words are all kept."""
        out: list[n.Block] = []
        i = 0
        while i < len(tokens):
            i = self._leaf(tokens, i, out)
        return out

    def _items(self, tokens: list[Token], depth: int) -> tuple[n.ListItem, ...]:
        items = []
        i = 0
        while i < len(tokens):
            if tokens[i].type == "list_item_open":
                end = _closing(tokens, i)
                items.append(n.ListItem(self.blocks(tokens[i + 1 : end], depth)))
                i = end + 1
            else:
                i += 1
        return tuple(items)


_CONTAINERS = frozenset(
    {
        "bullet_list_open",
        "ordered_list_open",
        "blockquote_open",
        "table_open",
        "footnote_block_open",
    }
)


def _line(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 0


def _text_token(text: str) -> Token:
    return Token("text", "", 0, content=text)


def _closing(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*(?<!/)>\Z")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def _merge_raw(inlines: list[n.Inline]) -> list[n.Inline]:
    """`<tag>`, text, `</tag>` as one piece of raw HTML: Markdown splits inline HTML at each
    tag, and a sanitiser must see an element whole to drop what is inside a <script>."""
    ends = _raw_element_ends(inlines)
    out: list[n.Inline] = []
    i = 0
    while i < len(inlines):
        end = ends.get(i)
        if end is None:
            out.append(inlines[i])
            i += 1
            continue
        pieces = []
        for x in inlines[i : end + 1]:
            if isinstance(x, n.RawInline):
                pieces.append(x.html)
            elif isinstance(x, n.Text):
                pieces.append(html.escape(x.text, quote=False))
            else:
                pieces.append("\n")
        out.append(n.RawInline("".join(pieces)))
        i = end + 1
    return out


_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")


def _raw_element_ends(inlines: list[n.Inline]) -> dict[int, int]:
    """For each raw opening tag, where its element closes, if only text lies between: the
    first closing tag of its name after it, with nothing but text, breaks and raw HTML on
    the way. Worked out from the end in one pass (looking ahead from every unclosed tag took
    time in the square of their number)."""
    ends: dict[int, int] = {}
    next_closer: dict[str, int] = {}  # tag name -> the nearest closing tag ahead, if reachable
    for i in range(len(inlines) - 1, -1, -1):
        node = inlines[i]
        if not isinstance(node, n.RawInline):
            if not isinstance(node, n.Text | n.SoftBreak | n.LineBreak):
                next_closer.clear()  # an element never closes across a link or emphasis
            continue
        raw = node.html.strip()
        opening = _OPEN_TAG.match(raw)
        if opening is not None and opening.group(1).lower() not in _VOID:
            end = next_closer.get(opening.group(1).lower())
            if end is not None:
                ends[i] = end
        closing = _CLOSE_TAG.match(raw)
        if closing is not None:
            next_closer[closing.group(1).lower()] = i
    return ends


def _merge_text(inlines: list[n.Inline]) -> list[n.Inline]:
    out: list[n.Inline] = []
    for node in inlines:
        if isinstance(node, n.Text) and out and isinstance(out[-1], n.Text):
            out[-1] = n.Text(out[-1].text + node.text)
        elif not (isinstance(node, n.Text) and not node.text):
            out.append(node)
    return out


def parse_body(
    body: str,
    images: Mapping[int, ImageRecord] | None = None,
    tweets: Mapping[str, TweetRecord] | None = None,
) -> n.Document:
    """Parse a body in the store's form; figures and tweets resolve to the records given."""
    scanned = scan(body)
    shortcodes: list[ScannedShortcode] = []
    pieces: list[str] = []
    for part in scanned.parts:
        if isinstance(part, str):
            pieces.append(part.replace("\ue000", "").replace("\ue001", ""))
        else:
            pieces.append(f"\ue000{len(shortcodes)}\ue001")
            shortcodes.append(part)
    builder = _Builder(shortcodes, body, images or {}, tweets or {})
    text = "".join(pieces)
    if not text.endswith("\n"):
        text += "\n"  # a fence left open at the end keeps its last line's newline
    if _has_deep_prefix(text):  # the parser would scan that line once per level opened
        tokens = _parse_deep(text)
    else:
        tokens = _parser(text, _NESTING).parse(text)
        if any(tok.level >= _NESTING - 1 for tok in tokens):
            tokens = _parse_deep(text)
    blocks = builder.blocks(tokens)
    footnotes = tuple(sorted(builder.footnotes, key=lambda f: f.number))
    return n.Document(blocks, tuple(scanned.problems), footnotes)


def _parse_deep(text: str) -> list[Token]:
    """Parse a body nested past markdown-it's limit, so nothing in or after it is dropped.

    Each level of nesting is a few Python calls; the recursion limit is raised for as long as
    this takes (CPython runs Python calls in Python calls without the C stack)."""
    text = _DEEP_PREFIX.sub(lambda m: _first_markers(m.group(0)), text)
    with _DEEP_LOCK:
        before = sys.getrecursionlimit()
        sys.setrecursionlimit(before + 8 * min(len(text), 2_000_000) + 1000)
        try:
            return _parser(text, 1 << 30).parse(text)
        finally:
            sys.setrecursionlimit(before)


def _has_deep_prefix(text: str) -> bool:
    """Whether a line opens more than _MAX_LINE_MARKERS containers (looked for only in lines
    long enough to)."""
    return any(
        len(line) > _MAX_LINE_MARKERS and _DEEP_PREFIX.match(line) for line in text.split("\n")
    )


def _first_markers(run: str) -> str:
    """The first _MAX_LINE_MARKERS container markers of a run of them."""
    pos = 0
    for _ in range(_MAX_LINE_MARKERS):
        match = _ONE_MARKER.match(run, pos)
        if match is None:
            break
        pos = match.end()
    return run[:pos]


def build_article(
    story: StoryRecord, images: Mapping[int, ImageRecord], tweets: Mapping[str, TweetRecord]
) -> n.Article:
    """The story with its body parsed and its library records attached."""
    return n.Article(story, parse_body(story.body, images, tweets), dict(images), dict(tweets))
