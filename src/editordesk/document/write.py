"""The canonical body: a document tree written back as Markdown with shortcodes.

`write_body(parse_body(b))` is the one form of a body `b`: parsing it again gives the same tree
(line numbers aside), and writing that tree gives the same text. What the form settles, where a
body could say the same thing several ways, is listed in docs/guide.md ("The canonical body"):
blocks one blank line apart, `#` headings, `-`/`1.` lists, fenced code, `---` rules, `*`/`**`
emphasis (`_` where a `*` would run into another), soft line breaks kept as line ends, and
footnote definitions at the end in the order of their numbers.

Every step is linear in the size of the tree; nothing is parsed to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from editordesk.document import nodes as n
from editordesk.document.shortcodes import (
    FIGURE_NAME,
    figure_code,
    format_shortcode,
    tweet_shortcode,
)
from editordesk.document.write_inline import (
    ENTITY_LIKE,
    escape_text,
    trimmed_inlines,
    write_inlines,
)

__all__ = ["escape_text", "write_blocks", "write_body", "write_inlines"]


# ------------------------------------------------------------------ blocks


class _BlockWriter:
    """Writes blocks as lines; containers prefix their children's lines."""

    def __init__(self, depth: int = 0) -> None:
        self.depth = depth  # containers (quotes, list items, notes) around what is written

    def blocks(
        self, blocks: Sequence[n.Block], tight: bool = False, item_marker: str = ""
    ) -> list[str]:
        """Lines for `blocks`, one blank line apart (none in a tight list where none is
        needed). `item_marker`: the bullet of the item they stand in, which a list opening
        the item does not repeat (`- - -` would be a rule)."""
        lines: list[str] = []
        prev: n.Block | None = None
        bullet = ""
        ordered = ""
        for block in blocks:
            if isinstance(block, n.BulletList):
                bullet = "*" if bullet == "-" and isinstance(prev, n.BulletList) else "-"
                if prev is None and item_marker == "-":
                    bullet = "*"
                body = self.bullet_list(block, bullet)
            elif isinstance(block, n.OrderedList):
                ordered = ")" if ordered == "." and isinstance(prev, n.OrderedList) else "."
                body = self.ordered_list(block, ordered)
            else:
                body = self.block(block, after_paragraph=tight and prev is not None)
                if isinstance(block, n.Paragraph) and body == [""]:
                    continue  # a paragraph of nothing is no paragraph
            if prev is not None and not (tight and _joins(prev, block)):
                lines.append("")
            lines.extend(body)
            prev = block
        return lines

    def block(self, block: n.Block, after_paragraph: bool = False) -> list[str]:
        if isinstance(block, n.Paragraph):
            children = trimmed_inlines(block.children)
            return write_inlines(children).split("\n") if children else [""]
        if isinstance(block, n.Heading):
            return _heading(block)
        if isinstance(block, n.BlockQuote):
            self.depth += 1
            inner = self.blocks(block.children)
            self.depth -= 1
            return [f"> {line}" if line else ">" for line in inner] or [">"]
        if isinstance(block, n.CodeBlock):
            return _fenced(block)
        if isinstance(block, n.Rule):
            return ["***" if after_paragraph else "---"]
        if isinstance(block, n.RawBlock):
            return block.html.rstrip("\n").split("\n")
        # A figure or tweet as written: parameters we do not model stay. A source over several
        # lines in a quote or list holds that container's prefixes, which would be written
        # again around it; the canonical form is written there instead.
        if (
            isinstance(block, n.Figure | n.Tweet)
            and block.source
            and ("\n" not in block.source or not self.depth)
        ):
            return block.source.split("\n")
        if isinstance(block, n.Figure):
            if block.image_id is None:
                return [format_shortcode(FIGURE_NAME, [])]
            return [figure_code(block.image_id)]
        if isinstance(block, n.Tweet):
            return [tweet_shortcode(block.handle, block.status_id)]
        if isinstance(block, n.Shortcode):
            return block.source.split("\n")
        if isinstance(block, n.Table):
            return _table(block)
        if isinstance(block, n.BulletList):
            return self.bullet_list(block, "-")
        if isinstance(block, n.OrderedList):
            return self.ordered_list(block, ".")
        raise TypeError(f"no Markdown for {type(block).__name__}")  # pragma: no cover

    def bullet_list(self, block: n.BulletList, marker: str) -> list[str]:
        return self._items(block.items, block.tight, [marker] * len(block.items))

    def ordered_list(self, block: n.OrderedList, delimiter: str) -> list[str]:
        # Only the first number counts; the rest go up from it (no more than nine digits).
        numbers = [min(block.start + i, 999_999_999) for i in range(len(block.items))]
        markers = [f"{number}{delimiter}" for number in numbers]
        return self._items(block.items, block.tight, markers)

    def _items(self, items: Sequence[n.ListItem], tight: bool, markers: list[str]) -> list[str]:
        lines: list[str] = []
        for i, (item, marker) in enumerate(zip(items, markers, strict=True)):
            if i and not tight:
                lines.append("")
            self.depth += 1
            body = self.blocks(item.children, tight, marker)
            self.depth -= 1
            if not body or body == [""]:
                lines.append(marker)
                continue
            first = body[0]
            if (
                item.children
                and isinstance(item.children[0], n.Rule)
                and marker in ("-", "*")
                and first.startswith(marker)
            ):
                first = "***" if marker == "-" else "---"
            lines.append(f"{marker} {first}" if first else marker)
            pad = " " * (len(marker) + 1)
            lines.extend(f"{pad}{line}" if line else "" for line in body[1:])
        return lines


_OWN_PARAGRAPH = (n.Figure, n.Tweet, n.Shortcode)  # each stands in a paragraph of its own
_LAZY = (n.Paragraph, *_OWN_PARAGRAPH, n.BlockQuote, n.BulletList, n.OrderedList)


def _joins(prev: n.Block, block: n.Block) -> bool:
    """Whether `block` may follow `prev` in a tight list item with no blank line between."""
    if isinstance(prev, n.Table | n.RawBlock) or isinstance(block, n.RawBlock | n.Table):
        return False  # a line after them would be read as theirs
    if not isinstance(prev, _LAZY):
        return True
    # After a paragraph (or a quote or list ending in one) a line goes on with that paragraph
    # unless it starts a block that may interrupt one.
    if isinstance(block, n.Paragraph):
        # Text after a shortcode's line joins its paragraph, which the parser splits again.
        return isinstance(prev, _OWN_PARAGRAPH)
    if isinstance(block, _OWN_PARAGRAPH):  # so does a shortcode after a paragraph's line
        return isinstance(prev, n.Paragraph | n.Figure | n.Tweet | n.Shortcode)
    if isinstance(prev, n.BlockQuote) and isinstance(block, n.BlockQuote):
        return False
    if isinstance(block, n.Heading):
        return not _setext(block)
    if isinstance(block, n.OrderedList):
        return block.start == 1 and bool(block.items) and bool(block.items[0].children)
    if isinstance(block, n.BulletList):
        return bool(block.items) and bool(block.items[0].children)
    return True


def _setext(block: n.Heading) -> bool:
    """Whether a heading is written underlined: it runs over several lines."""
    return block.level <= 2 and _breaks(block.children)


def _breaks(inlines: Sequence[n.Inline]) -> bool:
    for c in inlines:
        if isinstance(c, n.SoftBreak | n.LineBreak):
            return True
        if isinstance(c, n.Emphasis | n.Strong | n.Strikethrough | n.Link) and _breaks(c.children):
            return True
    return False


def _heading(block: n.Heading) -> list[str]:
    if _setext(block):
        lines = write_inlines(block.children).split("\n")
        return [*lines, "=" * 3 if block.level == 1 else "-" * 3]
    children = tuple(
        n.Text(" ") if isinstance(c, n.SoftBreak | n.LineBreak) else c for c in block.children
    )
    text = write_inlines(children).replace("\n", " ")
    hashes = "#" * block.level
    return [f"{hashes} {text}" if text else hashes]


def _fenced(block: n.CodeBlock) -> list[str]:
    text = block.text
    body = text[:-1] if text.endswith("\n") else text
    language = block.language
    char = "~" if "`" in language else "`"
    longest = run = 0
    for ch in body:
        run = run + 1 if ch == char else 0
        longest = max(longest, run)
    fence = char * max(3, longest + 1)
    info = _info(language)
    lines = [fence + info]
    if text:
        lines.extend(body.split("\n"))
    lines.append(fence)
    return lines


def _info(language: str) -> str:
    out = []
    for i, ch in enumerate(language):
        if ch == "\\" or (ch == "&" and ENTITY_LIKE.match(language, i)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


_ALIGN = {"left": ":---", "center": ":---:", "right": "---:", "": "---"}


def _table(block: n.Table) -> list[str]:
    def row(cells: Sequence[n.TableCell]) -> str:
        return "| " + " | ".join(_cell(c) for c in cells) + " |"

    width = len(block.header.cells)
    align = list(block.align) + [""] * (width - len(block.align))
    lines = [row(block.header.cells), "| " + " | ".join(_ALIGN.get(a, "---") for a in align) + " |"]
    for r in block.rows:
        cells = list(r.cells[:width]) + [n.TableCell(())] * (width - len(r.cells))
        lines.append(row(cells))
    return lines


def _cell(cell: n.TableCell) -> str:
    return write_inlines(_cell_code(cell.children)).replace("\n", " ")


def _cell_code(inlines: Sequence[n.Inline]) -> tuple[n.Inline, ...]:
    """Inlines with every `|` in their code escaped: a table splits its row at each bare
    `|` before code is read, and reads `\\|` as `|`, inside code too."""
    out: list[n.Inline] = []
    for c in inlines:
        if isinstance(c, n.Code):
            out.append(n.Code(c.text.replace("|", "\\|")))
        elif isinstance(c, n.Emphasis | n.Strong | n.Strikethrough | n.Link):
            out.append(replace(c, children=_cell_code(c.children)))
        else:
            out.append(c)
    return tuple(out)


def _footnote(note: n.Footnote) -> list[str]:
    body = _BlockWriter(1).blocks(note.children)
    head = f"[^{note.label}]:"
    if not body:
        return [head]
    lines = [f"{head} {body[0]}" if body[0] else head]
    lines.extend(f"    {line}" if line else "" for line in body[1:])
    return lines


def write_blocks(blocks: Sequence[n.Block], footnotes: Sequence[n.Footnote] = ()) -> str:
    """Blocks (and the footnotes they refer to, written after them) as a canonical body."""
    lines = _BlockWriter().blocks(blocks)
    cited = _cited(blocks, footnotes) if footnotes else set()
    for note in footnotes:
        if note.label not in cited:
            continue  # a definition nothing cites is dropped when read, so never written
        if lines:
            lines.append("")
        lines.extend(_footnote(note))
    return "\n".join(lines) + "\n" if lines else ""


def _cited(blocks: Sequence[n.Block], footnotes: Sequence[n.Footnote]) -> set[str]:
    """The labels of the notes cited anywhere in `blocks` or in the notes themselves."""
    labels: set[str] = set()

    def inlines(items: Sequence[n.Inline]) -> None:
        for item in items:
            if isinstance(item, n.FootnoteRef):
                labels.add(item.label)
            elif isinstance(item, n.Emphasis | n.Strong | n.Strikethrough | n.Link):
                inlines(item.children)

    def visit(run: Sequence[n.Block]) -> None:
        for block in n.walk(tuple(run)):
            if isinstance(block, n.Paragraph | n.Heading):
                inlines(block.children)
            elif isinstance(block, n.Table):
                for row in (block.header, *block.rows):
                    for cell in row.cells:
                        inlines(cell.children)

    visit(blocks)
    for note in footnotes:
        visit(note.children)
    return labels


def write_body(doc: n.Document) -> str:
    """A parsed body in its canonical form, footnote definitions at the end."""
    return write_blocks(doc.children, doc.footnotes)
