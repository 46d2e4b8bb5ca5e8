"""A body (CommonMark plus figure and tweet shortcodes) parsed once into the document tree.

Shortcodes are taken out before Markdown sees the text and put back as markers in private-use
characters; a paragraph holding one is split around it, so a figure or tweet is always a block
of its own. Inside code, a shortcode stays the literal text it was.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editordesk.document import nodes as n
from editordesk.document.shortcodes import Shortcode as ScannedShortcode
from editordesk.document.shortcodes import scan
from editordesk.store.records import ImageRecord, StoryRecord, TweetRecord

TWEET_NAMES = frozenset({"x", "tweet", "twitter"})
_MARK = re.compile("\ue000(\\d+)\ue001")
# markdown-it stops at 20 levels of blocks within blocks and silently drops the rest of the
# body (ten nested lists were enough); 100 keeps any real story whole and recursion shallow.
_MD = MarkdownIt("commonmark", {"maxNesting": 100})
MAX_INLINE_DEPTH = 32  # emphasis inside emphasis deeper than this keeps its words only


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

    # -------------------------------------------------- shortcodes

    def literal(self, text: str) -> str:
        """Markers back to the shortcode text they stand for."""
        return _MARK.sub(lambda m: self._source_of(int(m.group(1))), text)

    def _source_of(self, index: int) -> str:
        sc = self.shortcodes[index]
        return self.source[sc.start : sc.end]

    def shortcode_block(self, index: int) -> n.Block:
        sc = self.shortcodes[index]
        if sc.name == "figure":
            ref = sc.get("image")
            image_id = int(ref) if ref.isdigit() else None
            image = self.images.get(image_id) if image_id is not None else None
            return n.Figure(image_id, image, sc.line)
        if sc.name in TWEET_NAMES:
            status_id = sc.get("id")
            return n.Tweet(status_id, sc.get("user"), self.tweets.get(status_id), sc.line)
        return n.Shortcode(sc.name, self._source_of(index), sc.line)

    # -------------------------------------------------- inlines

    def inlines(self, tokens: list[Token]) -> tuple[n.Inline, ...]:
        out: list[n.Inline] = []
        stack: list[tuple[Token, list[n.Inline]]] = []
        current = out
        for tok in tokens:
            t = tok.type
            if t == "text":
                current.append(n.Text(self.literal(tok.content)))
            elif t == "code_inline":
                current.append(n.Code(self.literal(tok.content)))
            elif t == "softbreak":
                current.append(n.SoftBreak())
            elif t == "hardbreak":
                current.append(n.LineBreak())
            elif t == "html_inline":
                current.append(n.RawInline(self.literal(tok.content)))
            elif t == "image":
                # An inline Markdown image is not a library figure: keep its words only.
                alt = self.literal(tok.content) or ""
                if alt:
                    current.append(n.Text(alt))
            elif t.endswith("_open"):
                stack.append((tok, current))
                current = []
            elif t.endswith("_close"):
                opener, parent = stack.pop()
                children = tuple(_merge_text(current))
                if len(stack) >= MAX_INLINE_DEPTH:
                    # "***…***" thousands deep: no text means that; keep the words, and keep
                    # every writer's recursion shallow.
                    parent.extend(children)
                elif opener.type == "em_open":
                    parent.append(n.Emphasis(children))
                elif opener.type == "strong_open":
                    parent.append(n.Strong(children))
                elif opener.type == "link_open":
                    href = str(opener.attrs.get("href", ""))
                    title = str(opener.attrs.get("title", "") or "")
                    parent.append(n.Link(self.literal(href), children, self.literal(title)))
                else:
                    parent.extend(children)
                current = parent
        return tuple(_merge_raw(_merge_text(out)))

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

    def blocks(self, tokens: list[Token]) -> tuple[n.Block, ...]:
        out: list[n.Block] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            line = tok.map[0] + 1 if tok.map else 0
            t = tok.type
            if t in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1].children or []
                if t == "heading_open":
                    out.append(n.Heading(int(tok.tag[1]), self.inlines(inline), line))
                else:
                    out.extend(self.paragraph(inline, line))
                i += 3
                continue
            if t in ("fence", "code_block"):
                out.append(n.CodeBlock(self.literal(tok.content), tok.info.strip(), line))
            elif t == "hr":
                out.append(n.Rule(line))
            elif t == "html_block":
                out.append(n.RawBlock(self.literal(tok.content), line))
            elif t in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
                end = _closing(tokens, i)
                inner = tokens[i + 1 : end]
                if t == "blockquote_open":
                    out.append(n.BlockQuote(self.blocks(inner), line))
                else:
                    items = self._items(inner)
                    tight = all(tk.hidden for tk in inner if tk.type == "paragraph_open")
                    if t == "bullet_list_open":
                        out.append(n.BulletList(items, tight, line))
                    else:
                        start = int(tok.attrs.get("start", 1) or 1)
                        out.append(n.OrderedList(items, start, tight, line))
                i = end + 1
                continue
            i += 1
        return tuple(out)

    def _items(self, tokens: list[Token]) -> tuple[n.ListItem, ...]:
        items = []
        i = 0
        while i < len(tokens):
            if tokens[i].type == "list_item_open":
                end = _closing(tokens, i)
                items.append(n.ListItem(self.blocks(tokens[i + 1 : end])))
                i = end + 1
            else:
                i += 1
        return tuple(items)


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
    out: list[n.Inline] = []
    i = 0
    while i < len(inlines):
        end = _raw_element_end(inlines, i)
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


def _raw_element_end(inlines: list[n.Inline], start: int) -> int | None:
    """Where the raw element opened at `start` closes, if only text lies between."""
    node = inlines[start]
    if not isinstance(node, n.RawInline):
        return None
    match = _OPEN_TAG.match(node.html.strip())
    if match is None or match.group(1).lower() in _VOID:
        return None
    closer = re.compile(rf"</{re.escape(match.group(1))}\s*>\Z", re.IGNORECASE)
    for j in range(start + 1, len(inlines)):
        other = inlines[j]
        if isinstance(other, n.RawInline) and closer.match(other.html.strip()):
            return j
        if not isinstance(other, n.Text | n.SoftBreak | n.LineBreak | n.RawInline):
            return None
    return None


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
    return n.Document(builder.blocks(_MD.parse("".join(pieces))))


def build_article(
    story: StoryRecord, images: Mapping[int, ImageRecord], tweets: Mapping[str, TweetRecord]
) -> n.Article:
    """The story with its body parsed and its library records attached."""
    return n.Article(story, parse_body(story.body, images, tweets), dict(images), dict(tweets))
