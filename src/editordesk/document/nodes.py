"""The document tree every writer walks: a body parsed once, figures and tweets resolved to
the library's records. Frozen dataclasses, one per construct."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from editordesk.document.shortcodes import Problem
from editordesk.model import ImageRecord, RelatedRecord, StoryRecord, TweetRecord
from editordesk.text import safe_href

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised (italic) inlines."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strong (bold) inlines."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A link; `href` is exactly as written (writers decide what is safe)."""

    href: str
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True)
class Code:
    """Inline code."""

    text: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break."""


@dataclass(frozen=True)
class SoftBreak:
    """A line end inside a paragraph: a space to a reader."""


@dataclass(frozen=True)
class RawInline:
    """Inline HTML as written; writers sanitise it or reduce it to text."""

    html: str


@dataclass(frozen=True)
class Strikethrough:
    """Struck-out inlines (`~~…~~` in Markdown, <del> in a page, strike in Word)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote: `label` as written (`[^label]`), `number` the note's place
    (1-based) in `Document.footnotes`, which holds its text."""

    label: str
    number: int


@dataclass(frozen=True)
class Image:
    """An inline picture from the web (`![alt](https://…)`), not a library figure: `src` as
    written (writers decide what is safe), `alt` its words as plain text."""

    src: str
    alt: str = ""
    title: str = ""


Inline = (
    Text
    | Emphasis
    | Strong
    | Strikethrough
    | Link
    | Code
    | LineBreak
    | SoftBreak
    | RawInline
    | FootnoteRef
    | Image
)

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inlines."""

    children: tuple[Inline, ...]
    line: int = 0


@dataclass(frozen=True)
class Heading:
    """A heading, level 1 to 6."""

    level: int
    children: tuple[Inline, ...]
    line: int = 0
    anchor: str = ""  # the id in-page links use (`#anchor`): stable, unique in the body


@dataclass(frozen=True)
class ListItem:
    """One item of a list: blocks of its own."""

    children: tuple[Block, ...]


@dataclass(frozen=True)
class BulletList:
    """An unordered list; tight lists have no space between items."""

    items: tuple[ListItem, ...]
    tight: bool = True
    line: int = 0


@dataclass(frozen=True)
class OrderedList:
    """A numbered list starting at `start`."""

    items: tuple[ListItem, ...]
    start: int = 1
    tight: bool = True
    line: int = 0


@dataclass(frozen=True)
class BlockQuote:
    """A block quote."""

    children: tuple[Block, ...]
    line: int = 0


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted code, with the language named on its fence, if any."""

    text: str
    language: str = ""
    line: int = 0


@dataclass(frozen=True)
class Rule:
    """A thematic break."""

    line: int = 0


@dataclass(frozen=True)
class RawBlock:
    """A block of HTML as written; writers sanitise it or reduce it to text."""

    html: str
    line: int = 0


@dataclass(frozen=True)
class Figure:
    """A library image; `image` is None when the id is not in the library."""

    image_id: int | None
    image: ImageRecord | None
    line: int = 0
    # the shortcode as written, so an editor that rewrites the body keeps parameters it does
    # not model ("" for a figure made in the window: the canonical form is written)
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class Tweet:
    """A recorded tweet; `tweet` is None when the store has no record of it. `url` is the
    address every writer links it to (the record's, else one made from the handle and id)."""

    status_id: str
    handle: str
    tweet: TweetRecord | None
    line: int = 0
    url: str = ""
    source: str = field(default="", compare=False)  # as written, like Figure.source


@dataclass(frozen=True)
class Shortcode:
    """A shortcode EditorDesk does not know; kept so preflight can name it, never output."""

    name: str
    source: str
    line: int = 0


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: a line of inlines."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class TableRow:
    """A row of cells (as many as the table has columns)."""

    cells: tuple[TableCell, ...]


@dataclass(frozen=True)
class Table:
    """A GFM table: `header` is the header row, `rows` the body rows, `align` one entry per
    column: "left", "center", "right", or "" (not set)."""

    header: TableRow
    rows: tuple[TableRow, ...]
    align: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Footnote:
    """A footnote's text: `number` its place (1-based, order of first reference), `label`
    as written in `[^label]:`, `children` its blocks."""

    label: str
    number: int
    children: tuple[Block, ...]


Block = (
    Paragraph
    | Heading
    | BulletList
    | OrderedList
    | BlockQuote
    | CodeBlock
    | Rule
    | RawBlock
    | Figure
    | Tweet
    | Shortcode
    | Table
)


@dataclass(frozen=True)
class Document:
    """A parsed body, and the shortcodes in it that could not be read (kept as text);
    `footnotes` are the notes referenced, in the order of their numbers."""

    children: tuple[Block, ...]
    problems: tuple[Problem, ...] = ()
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True)
class RelatedLink:
    """A related link and where writers point it: the linked story's page while that story
    is in the store, a web address a reader may follow, or None (the title stays, unlinked)."""

    link: RelatedRecord
    href: str | None


def related_link(link: RelatedRecord) -> RelatedLink:
    """A related link with its address worked out, the one way every writer uses."""
    if link.story_slug:
        return RelatedLink(link, f"{link.story_slug}.html" if link.story_id is not None else None)
    return RelatedLink(link, safe_href(link.url or ""))


@dataclass(frozen=True)
class Article:
    """Everything a writer needs for one story: its fields, its parsed body, the library
    records the body shows and its related links, their addresses resolved once, here."""

    story: StoryRecord
    body: Document
    images: dict[int, ImageRecord] = field(default_factory=dict)
    tweets: dict[str, TweetRecord] = field(default_factory=dict)
    links: tuple[RelatedLink, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", tuple(related_link(r) for r in self.story.related))

    @property
    def related(self) -> tuple[RelatedRecord, ...]:
        return self.story.related

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The body's footnotes, in the order of their numbers."""
        return self.body.footnotes


def walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block in `blocks` and inside them, in reading order (a footnote's blocks are
    walked from `Document.footnotes`, not here)."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote):
            yield from walk(block.children)
        elif isinstance(block, BulletList | OrderedList):
            for item in block.items:
                yield from walk(item.children)


def inlines_text(inlines: tuple[Inline, ...]) -> str:
    """The plain text of inlines, as a reader sees it."""
    out = []
    for node in inlines:
        if isinstance(node, Text | Code):
            out.append(node.text)
        elif isinstance(node, Emphasis | Strong | Strikethrough | Link):
            out.append(inlines_text(node.children))
        elif isinstance(node, Image):
            out.append(node.alt)
        elif isinstance(node, SoftBreak):
            out.append(" ")
        elif isinstance(node, LineBreak):
            out.append("\n")
    return "".join(out)
