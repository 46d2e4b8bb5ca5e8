"""Hypothesis strategies for document trees that use every node, in shapes the parser makes.

`documents()` gives a `Document` whose footnote references are numbered as the parser numbers
them (order of first reference) and whose footnotes follow in that order; `blocks()` and
`inlines()` give the parts. Figures name image 1 to 5 with no record (`image=None`); tweets have
plausible ids and handles, no record, and the url the parser makes from them. Headings carry
no anchor (the parser computes one: compare trees with `without_lines`, which clears it along
with line numbers and library records).

Only shapes `parse_body` can produce are generated: no empty emphasis, no break at the start or
end of a paragraph, no Text holding a bare web address (the parser links it), no link inside a
link, tight lists whose blocks need no blank line between them, and so on; each rule is next to
the strategy it shapes.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import string
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editordesk.document import nodes as n
from editordesk.document.shortcodes import format_shortcode
from editordesk.media.tweets import status_url

__all__ = ["blocks", "documents", "inlines", "without_lines"]

T = TypeVar("T")
_MD = MarkdownIt("commonmark")

# -------------------------------------------------------------------- comparing


def without_lines(tree: T) -> T:
    """`tree` with every `line` set to 0, heading anchors to "", library records (a figure's
    `image`, a tweet's `tweet`) to None and a document's problems dropped: what a round trip
    through Markdown is expected to keep is everything else."""
    return _strip(tree)  # type: ignore[no-any-return]


def _strip(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_strip(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            if f.name == "line":
                changes[f.name] = 0
            elif f.name == "anchor":
                changes[f.name] = ""
            elif f.name in ("image", "tweet") and not isinstance(value, n.Article):
                changes[f.name] = None
            elif f.name == "problems":
                changes[f.name] = ()
            else:
                changes[f.name] = _strip(getattr(value, f.name))
        return dataclasses.replace(value, **changes)
    return value


# -------------------------------------------------------------------- text

# Words and the characters Markdown gives meaning to, so escaping is always exercised.
_WORDS = ["harbour", "ferry", "Council", "vote", "café", "naïve", "Ωmega", "東京", "42", "2026"]
_MARKUP = [
    *list("*_`[]<>&#-+|~{}!\\=.():;'\"^"),
    "&amp;",
    "&copy;",
    "{{<",
    ">}}",
    "1.",
    "2)",
    "snake_case",
    "a*b",
    "- ",
    "# ",
    "> ",
    "---",
    "===",
    "```",
    "~~~",
    "  ",
    "\t",
    "\xa0",
]


@st.composite
def _text(draw: st.DrawFn, *, spaces: bool = True) -> str:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(_WORDS), st.sampled_from(_MARKUP), st.just(" ")),
            min_size=1,
            max_size=6,
        )
    )
    text = "".join(parts)
    if not spaces:
        text = text.replace(" ", "").replace("\t", "").replace("\u00a0", "") or "x"
    return text


def _plain(text: str) -> bool:
    """Text the parser keeps as text: a bare web address would become a link."""
    lower = text.lower()
    return "://" not in lower and "www." not in lower


# -------------------------------------------------------------------- inlines

_HREFS = [
    "https://example.com/",
    "https://example.com/a b?q=1&x=2#frag",
    "http://harbour.test/(paren)",
    "page.html",
    "../up/one.html",
    "#the-figures",
    "mailto:desk@example.com",
    "",
    "a<b>c",
    "back\\slash",
    "ferry [1]",
]
_SRCS = ["https://example.com/a.png", "pictures/boat 1.jpg", "https://example.com/(x).gif"]
_TITLES = ["", "", "A title", 'Say "hi"', "back\\slash & co", "parens (x)"]
_RAW_INLINE = ["<br>", "<br/>", "<wbr>", "<!-- note -->", '<img src="a.png" alt="">']


def _href(raw: str) -> str:
    """An address as the parser stores it (percent-encoded by markdown-it)."""
    return _MD.normalizeLink(raw)


def _join_text(items: list[n.Inline]) -> tuple[n.Inline, ...]:
    """Adjacent texts as one, empty ones dropped: the parser never leaves two side by side."""
    out: list[n.Inline] = []
    for item in items:
        if isinstance(item, n.Text):
            if not item.text:
                continue
            if out and isinstance(out[-1], n.Text):
                out[-1] = n.Text(out[-1].text + item.text)
                continue
        out.append(item)
    return tuple(out)


_BREAKS = (n.SoftBreak, n.LineBreak)


def _valid_run(items: tuple[n.Inline, ...], *, breaks: bool) -> bool:
    """A run the parser can make: no break first, last or next to another break; no text
    holding a web address; no two code spans side by side."""
    if not items:
        return False
    if isinstance(items[0], _BREAKS) or isinstance(items[-1], _BREAKS):
        return False
    if isinstance(items[0], n.RawInline):
        return False  # HTML opening a line would start a block of HTML
    for a, b in itertools.pairwise(items):
        if isinstance(a, _BREAKS) and isinstance(b, (*_BREAKS, n.RawInline)):
            return False
        if isinstance(a, n.Code) and isinstance(b, n.Code):
            return False  # their backticks would make one run
    for item in items:
        if isinstance(item, _BREAKS) and not breaks:
            return False
        if isinstance(item, n.Text) and not _plain(item.text):
            return False
    # A paragraph of nothing but white space is no paragraph.
    return not (len(items) == 1 and isinstance(items[0], n.Text) and not items[0].text.strip())


@st.composite
def _leaf_inline(draw: st.DrawFn, *, breaks: bool, notes: bool, images: bool) -> n.Inline:
    choices: list[st.SearchStrategy[n.Inline]] = [
        _text().map(n.Text),
        _text().map(n.Text),
        _text().filter(lambda t: "{{" not in t and "\n" not in t).map(n.Code),
        st.sampled_from(_RAW_INLINE).map(n.RawInline),
    ]
    if breaks:
        choices += [st.just(n.SoftBreak()), st.just(n.LineBreak())]
    if notes:
        choices.append(
            st.sampled_from(["a", "b", "note", "x1"]).map(lambda lab: n.FootnoteRef(lab, 0))
        )
    if images:
        choices.append(
            st.builds(
                n.Image,
                st.sampled_from(_SRCS).map(_href),
                _text().filter(_plain).map(lambda t: t.replace("\n", " ").strip()),
                st.sampled_from(_TITLES),
            )
        )
    return draw(st.one_of(choices))


def _wordy(items: tuple[n.Inline, ...]) -> bool:
    """Whether a run begins and ends with a word character."""
    first, last = items[0], items[-1]
    return (
        isinstance(first, n.Text)
        and first.text[:1].isalnum()
        and isinstance(last, n.Text)
        and last.text[-1:].isalnum()
    )


# The same strategy object for the same arguments: built once, not at every draw
# (a fresh graph per draw made deep trees take minutes to validate).
@functools.cache
def _inline_run(
    depth: int, *, breaks: bool, notes: bool, links: bool, nested: bool = False
) -> st.SearchStrategy[tuple[n.Inline, ...]]:
    leaf = _leaf_inline(breaks=breaks, notes=notes, images=True)
    if depth <= 0:
        node: st.SearchStrategy[n.Inline] = leaf
    else:
        inner = _inline_run(depth - 1, breaks=breaks, notes=notes, links=links, nested=True)
        if nested:
            # Emphasis inside emphasis starts and ends with a word: next to a space or
            # punctuation, a delimiter inside another of its kind cannot always be written so
            # Markdown reads it back (`*a*" b"*c*` inside `*…*`); the parser never makes those.
            inner = inner.filter(_wordy)
        # Emphasis holding nothing but an even run of emphasis (`*_a_*b*`…) cannot be written:
        # the run's ends would both need the character the outer one does not use.
        emphasised = inner.filter(
            lambda c: len(c) % 2 or not all(isinstance(x, n.Emphasis | n.Strong) for x in c)
        )
        containers: list[st.SearchStrategy[n.Inline]] = [
            emphasised.map(n.Emphasis),
            emphasised.map(n.Strong),
            # No strikethrough straight inside another: its tildes cannot take turns with
            # another character as asterisks and underscores do, so runs would join.
            inner.filter(lambda c: not any(isinstance(x, n.Strikethrough) for x in c)).map(
                n.Strikethrough
            ),
        ]
        if links:
            link_inner = _inline_run(depth - 1, breaks=breaks, notes=False, links=False)
            containers.append(
                st.builds(
                    lambda href, children, title: n.Link(href, children, title),
                    st.sampled_from(_HREFS).map(_href),
                    st.one_of(st.just(()), link_inner),
                    st.sampled_from(_TITLES),
                )
            )
        node = st.one_of(leaf, leaf, *containers)
    return (
        st.lists(node, min_size=1, max_size=4)
        .map(_join_text)
        .filter(lambda items: _valid_run(items, breaks=breaks))
    )


def inlines(*, breaks: bool = True, notes: bool = False) -> st.SearchStrategy[tuple[n.Inline, ...]]:
    """A paragraph's inlines: text with Markdown's characters, code, emphasis nested two
    deep, links, web pictures, inline HTML, line breaks (unless `breaks` is False) and, with
    `notes`, footnote references (number 0: `documents()` numbers them)."""
    return _inline_run(2, breaks=breaks, notes=notes, links=True)


# -------------------------------------------------------------------- blocks

_LANGUAGES = ["", "", "python", "c++", "js {.line-numbers}", "a`b", "f&ouml;"]
_CODE_LINES = [
    "x = 1",
    "    indented",
    "```",
    "~~~~",
    "``` not a fence end",
    "",
    "{ }",
    "# not a heading",
]
_RAW_BLOCKS = [
    '<div class="note">\n<p>An aside.</p>\n</div>\n',
    "<!-- editor's note -->\n",
    "<table><tr><td>raw</td></tr></table>\n",
]
_ALIGNS = ["", "left", "center", "right"]


@functools.cache
def _paragraph(notes: bool) -> st.SearchStrategy[n.Block]:
    """A paragraph: the parser strips white space from the end of its last text."""

    def trimmed(items: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        if items and isinstance(items[-1], n.Text):
            items = _join_text([*items[:-1], n.Text(items[-1].text.rstrip())])
        return items

    return (
        inlines(notes=notes)
        .map(trimmed)
        .filter(lambda items: _valid_run(items, breaks=True))
        .map(n.Paragraph)
    )


@functools.cache
def _heading(notes: bool) -> st.SearchStrategy[n.Block]:
    atx = st.builds(
        n.Heading,
        st.integers(1, 6),
        st.one_of(st.just(()), inlines(breaks=False, notes=notes)),
    )
    setext = st.builds(n.Heading, st.integers(1, 2), inlines(breaks=True, notes=notes))
    return st.one_of(atx, setext)


def _code_block() -> st.SearchStrategy[n.Block]:
    lines = st.lists(st.sampled_from(_CODE_LINES), max_size=4)
    return st.builds(
        n.CodeBlock,
        lines.map(lambda ls: "".join(f"{line}\n" for line in ls)),
        st.sampled_from(_LANGUAGES).map(lambda lang: lang.replace("&ouml;", "ö")),
    )


def _figure() -> st.SearchStrategy[n.Block]:
    return st.builds(n.Figure, st.one_of(st.integers(1, 5), st.none()), st.none())


@st.composite
def _tweet(draw: st.DrawFn) -> n.Block:
    status_id = str(draw(st.integers(1, 2**63)))
    handle = draw(st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=15))
    return n.Tweet(status_id, handle, None, 0, status_url(handle, status_id))


def _shortcode() -> st.SearchStrategy[n.Block]:
    return st.builds(
        lambda name, value: n.Shortcode(name, format_shortcode(name, [("id", value)])),
        st.sampled_from(["youtube", "vimeo", "gist"]),
        st.text(string.ascii_letters + string.digits + ' "\\', min_size=1, max_size=8),
    )


@st.composite
def _table(draw: st.DrawFn, notes: bool) -> n.Block:
    width = draw(st.integers(1, 4))
    cell_inlines = st.one_of(st.just(()), inlines(breaks=False, notes=notes))
    cell = cell_inlines.map(n.TableCell)

    def row() -> st.SearchStrategy[n.TableRow]:
        return st.lists(cell, min_size=width, max_size=width).map(lambda cs: n.TableRow(tuple(cs)))

    header = draw(row())
    rows = draw(st.lists(row(), max_size=3))
    align = draw(st.lists(st.sampled_from(_ALIGNS), min_size=width, max_size=width))
    return n.Table(header, tuple(rows), tuple(align))


@functools.cache
def _leaf_block(notes: bool) -> st.SearchStrategy[n.Block]:
    return st.one_of(
        _paragraph(notes),
        _paragraph(notes),
        _heading(notes),
        _code_block(),
        st.just(n.Rule()),
        st.sampled_from(_RAW_BLOCKS).map(n.RawBlock),
        _figure(),
        _tweet(),
        _shortcode(),
        _table(notes),
    )


def _after_lazy(prev: n.Block, block: n.Block) -> bool:
    """Whether `block` may follow `prev` with no blank line in a tight list item (mirrors what
    Markdown allows: what follows a paragraph, quote or list must interrupt a paragraph)."""
    if isinstance(prev, n.Table | n.RawBlock) or isinstance(block, n.Table | n.RawBlock):
        return False
    # A figure, tweet or shortcode stands in a paragraph of its own: what follows it must
    # interrupt a paragraph just the same.
    lazy = isinstance(prev, n.Paragraph | n.Figure | n.Tweet | n.Shortcode)
    lazy = lazy or isinstance(prev, n.BlockQuote | n.BulletList | n.OrderedList)
    if lazy:
        if isinstance(block, n.Paragraph):
            return False
        if isinstance(block, n.Heading) and block.level <= 2 and _has_break(block.children):
            return False
        if isinstance(block, n.OrderedList) and block.start != 1:
            return False
        if isinstance(block, n.BulletList | n.OrderedList) and not block.items[0].children:
            return False
    if isinstance(prev, n.BlockQuote | n.BulletList | n.OrderedList):
        if isinstance(block, n.Figure | n.Tweet | n.Shortcode):
            return False
        if isinstance(prev, n.BlockQuote) and isinstance(block, n.BlockQuote):
            return False
    return True


def _has_break(items: tuple[n.Inline, ...]) -> bool:
    for item in items:
        if isinstance(item, _BREAKS):
            return True
        if isinstance(item, n.Emphasis | n.Strong | n.Strikethrough | n.Link) and _has_break(
            item.children
        ):
            return True
    return False


def _direct_paragraphs(items: tuple[n.ListItem, ...]) -> bool:
    """Whether items hold paragraphs of their own (a figure, tweet or shortcode stands in a
    paragraph of its own in Markdown, so it counts)."""
    kinds = n.Paragraph | n.Figure | n.Tweet | n.Shortcode
    return any(isinstance(b, kinds) for item in items for b in item.children)


@st.composite
def _list(draw: st.DrawFn, depth: int, notes: bool) -> n.Block:
    tight = draw(st.booleans())
    child = _block(depth - 1, notes)
    items_children = draw(st.lists(st.lists(child, max_size=2), min_size=1, max_size=3))
    if tight:
        # Every pair of blocks in an item must sit together without a blank line.
        items_children = [
            [b for i, b in enumerate(bs) if i == 0 or _after_lazy(bs[i - 1], b)]
            for bs in items_children
        ]
        for bs in items_children:
            while any(not _after_lazy(a, b) for a, b in itertools.pairwise(bs)):
                bs.pop()
    items = tuple(n.ListItem(tuple(bs)) for bs in items_children)
    if not _direct_paragraphs(items):
        tight = True  # with no paragraph of its own, a list reads as tight however spaced
    if len(items) == 1 and len(items[0].children) < 2:
        tight = True  # no room for a blank line: one item of one block
    if draw(st.booleans()):
        return n.BulletList(items, tight)
    start = draw(st.sampled_from([1, 1, 0, 3, 10, 999_999_999]))
    return n.OrderedList(items, start, tight)


@functools.cache
def _block(depth: int, notes: bool) -> st.SearchStrategy[n.Block]:
    if depth <= 0:
        return _leaf_block(notes)
    quote = st.lists(_block(depth - 1, notes), max_size=2).map(lambda bs: n.BlockQuote(tuple(bs)))
    return st.one_of(_leaf_block(notes), _leaf_block(notes), quote, _list(depth, notes))


def blocks(*, depth: int = 2, notes: bool = False) -> st.SearchStrategy[tuple[n.Block, ...]]:
    """A run of blocks using every block node, lists and quotes nested up to `depth` deep."""
    return st.lists(_block(depth, notes), min_size=1, max_size=5).map(tuple)


# -------------------------------------------------------------------- documents


def _map_inlines(
    block_list: tuple[n.Block, ...], fn: Callable[[tuple[n.Inline, ...]], tuple[n.Inline, ...]]
) -> tuple[n.Block, ...]:
    """Blocks with `fn` applied to every run of inlines, in reading order."""
    out: list[n.Block] = []
    for b in block_list:
        if isinstance(b, n.Paragraph | n.Heading):
            out.append(dataclasses.replace(b, children=fn(b.children)))
        elif isinstance(b, n.BlockQuote):
            out.append(dataclasses.replace(b, children=_map_inlines(b.children, fn)))
        elif isinstance(b, n.BulletList | n.OrderedList):
            items = tuple(n.ListItem(_map_inlines(i.children, fn)) for i in b.items)
            out.append(dataclasses.replace(b, items=items))
        elif isinstance(b, n.Table):

            def row(r: n.TableRow) -> n.TableRow:
                return n.TableRow(tuple(n.TableCell(fn(c.children)) for c in r.cells))

            out.append(
                dataclasses.replace(b, header=row(b.header), rows=tuple(row(r) for r in b.rows))
            )
        else:
            out.append(b)
    return tuple(out)


class _Numberer:
    """Numbers footnote references by first appearance, as the parser does."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def __call__(self, items: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        out: list[n.Inline] = []
        for item in items:
            if isinstance(item, n.FootnoteRef):
                number = self.numbers.setdefault(item.label, len(self.numbers) + 1)
                out.append(n.FootnoteRef(item.label, number))
            elif isinstance(item, n.Emphasis | n.Strong | n.Strikethrough):
                out.append(dataclasses.replace(item, children=self(item.children)))
            else:
                out.append(item)
        return tuple(out)


@st.composite
def documents(draw: st.DrawFn, *, depth: int = 2) -> n.Document:
    """A document: blocks using every node, footnote references among their inlines, and a
    footnote (paragraphs, maybe a list or quote) for every label referred to."""
    body = draw(blocks(depth=depth, notes=True))
    numberer = _Numberer()
    body = _map_inlines(body, numberer)
    footnotes: list[n.Footnote] = []
    note_blocks = st.tuples(
        _paragraph(False),
        st.lists(st.one_of(_paragraph(False), _code_block(), _list(1, False)), max_size=2),
    ).map(lambda pair: (pair[0], *pair[1]))
    for label, number in numberer.numbers.items():
        footnotes.append(n.Footnote(label, number, draw(note_blocks)))
    return n.Document(body, (), tuple(footnotes))
