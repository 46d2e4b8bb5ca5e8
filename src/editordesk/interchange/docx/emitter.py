"""One block's formatted text as CommonMark that reads back as the same words and formatting.

`inline_markdown` writes the segments as Markdown, parses the result back and keeps only the
formatting that survives the round trip: CommonMark cannot say everything Word can (bold
running straight into italic inside a word, say), and then the words win. Every step is
linear in the length of the block, whatever its runs hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from markdown_it import MarkdownIt

from editordesk.interchange.docx.inline import (
    LINE_BREAKS,
    Emphasis,
    LinkMark,
    Mark,
    Segment,
    destination,
    mark_order,
    merge,
)

_MD = MarkdownIt("commonmark").enable("strikethrough")
# Rounds of "find the first place that does not read back and drop the weakest formatting
# there" before giving up on emphasis for the block: each is one parse of the block.
_REPAIR_ROUNDS = 24


class Block(Enum):
    """The kind of block some text is written into: the token markdown-it opens it with, and
    how many blocks it opens (a quote holds a paragraph; a list item a list and a paragraph)."""

    PARAGRAPH = ("paragraph_open", 1)
    HEADING = ("heading_open", 1)
    QUOTE = ("blockquote_open", 2)
    BULLET_ITEM = ("bullet_list_open", 3)
    NUMBERED_ITEM = ("ordered_list_open", 3)

    @property
    def opener(self) -> str:
        return self.value[0]

    @property
    def opens(self) -> int:
        return self.value[1]

    @property
    def is_list(self) -> bool:
        return self in (Block.BULLET_ITEM, Block.NUMBERED_ITEM)


# ------------------------------------------------------------------ escaping

# Characters that are Markdown syntax wherever they stand; "{" so that no "{{" can open a
# shortcode; "]" so that text never closes a link early.
_ALWAYS = frozenset("\\`*_[]<{~")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ORDERED_MARKER = re.compile(r"[0-9]{1,9}([.)])(?=[ \t]|$)")
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")


def escape_markdown(text: str, *, at_line_start: bool = True) -> str:
    """Text as CommonMark that reads back as the same characters, never as syntax.

    Line breaks become spaces (Word marks a break as an element, which callers write as a hard
    break). At the start of a line leading whitespace is dropped, as Markdown would drop it
    (or read four spaces as code), and a leading `#`, `>`, `-`, `+`, `=`, `~~~` or `1.` is
    escaped so it cannot start a heading, quote, list, rule or fence.
    """
    text = LINE_BREAKS.sub(" ", text)
    if at_line_start:
        text = text.lstrip()
    out: list[str] = []
    for i, char in enumerate(text):
        if char in _ALWAYS or (char == "&" and _ENTITY.match(text, i)):
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    if not at_line_start or not escaped:
        return escaped
    first = escaped[0]
    if (
        (first == "#" and _ATX.match(escaped))
        or first == ">"
        or (first in "-+" and (len(escaped) == 1 or escaped[1] in " \t"))
        or (first in "-=" and not escaped.strip(first + " \t"))  # a rule or setext underline
        or escaped.startswith("~~~")
    ):
        return "\\" + escaped
    ordered = _ORDERED_MARKER.match(escaped)
    if ordered:
        at = ordered.start(1)
        return escaped[:at] + "\\" + escaped[at:]
    return escaped


# ------------------------------------------------------------------ nesting


@dataclass
class _Span:
    """Text inside one mark: a tree node, so tags are nested by construction."""

    mark: Mark | None  # None for the whole line
    children: list[_Span | str] = field(default_factory=list)


@dataclass(frozen=True)
class _Open:
    mark: Mark


@dataclass(frozen=True)
class _Close:
    mark: Mark


@dataclass(frozen=True)
class _Text:
    text: str


_Token = _Open | _Close | _Text


def _run_ends(segments: list[Segment]) -> list[dict[Mark, int]]:
    """For each segment, where each of its marks stops holding (one pass from the end)."""
    ends: list[dict[Mark, int]] = [{} for _ in segments]
    following: dict[Mark, int] = {}
    for index in range(len(segments) - 1, -1, -1):
        marks = segments[index].marks()
        following = {mark: following.get(mark, index + 1) for mark in marks}
        ends[index] = following
    return ends


def _lines(segments: list[Segment]) -> list[_Span]:
    """Each line of the block as a tree of marks: a mark that starts with others goes
    outside those that end sooner, and one that cannot nest is closed and opened again."""
    ends = _run_ends(segments)
    lines = [_Span(None)]
    stack: list[_Span] = [lines[0]]
    for index, segment in enumerate(segments):
        if segment.is_break:
            lines.append(_Span(None))
            stack = [lines[-1]]
            continue
        want = segment.marks()
        depth = 1
        while depth < len(stack) and stack[depth].mark in want:
            depth += 1
        del stack[depth:]
        held = {span.mark for span in stack[1:]}
        for mark in sorted(
            (m for m in want if m not in held), key=lambda m: (-ends[index][m], mark_order(m))
        ):
            span = _Span(mark)
            stack[-1].children.append(span)
            stack.append(span)
        stack[-1].children.append(segment.text)
    return lines


def _tokens(span: _Span) -> list[_Token]:
    """A span as tokens, whitespace just inside its tags moved outside them (`** a**` is not
    emphasis); a span left with nothing inside is dropped."""
    inner: list[_Token] = []
    for child in span.children:
        if isinstance(child, str):
            inner.append(_Text(child))
        else:
            inner.extend(_tokens(child))
    if span.mark is None:
        return inner
    lead = trail = ""
    if inner and isinstance(inner[0], _Text):
        text = inner[0].text
        lead, rest = text[: len(text) - len(text.lstrip())], text.lstrip()
        inner[0] = _Text(rest)
    if inner and isinstance(inner[-1], _Text):
        text = inner[-1].text
        trail, rest = text[len(text.rstrip()) :], text.rstrip()
        inner[-1] = _Text(rest)
    inner = [t for t in inner if not isinstance(t, _Text) or t.text]
    out: list[_Token] = [_Text(lead)] if lead else []
    if inner:
        out += [_Open(span.mark), *inner, _Close(span.mark)]
    if trail:
        out.append(_Text(trail))
    return out


def _write(segments: list[Segment], indent: str) -> str:
    """The segments as Markdown, lines joined by hard breaks."""
    out: list[str] = []
    for number, line in enumerate(_lines(segments)):
        if number:
            out.append("\\\n" + indent)
        tokens = _tokens(line)
        line_start = True
        for i, token in enumerate(tokens):
            if isinstance(token, _Text):
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                before_link = isinstance(following, _Open) and isinstance(following.mark, LinkMark)
                if before_link and token.text.endswith("!"):  # `![` would start an image
                    out.append(escape_markdown(token.text[:-1], at_line_start=line_start) + "\\!")
                else:
                    out.append(escape_markdown(token.text, at_line_start=line_start))
            elif isinstance(token, _Open):
                out.append(token.mark.value if isinstance(token.mark, Emphasis) else "[")
            elif isinstance(token.mark, Emphasis):
                out.append(token.mark.value)
            else:
                out.append(f"]({destination(token.mark.href)})")
            line_start = False
    return "".join(out)


# ------------------------------------------------------------------ reading back

# One character as read: (the character, bold, italic, link, struck out).
_Char = tuple[str, bool, bool, str | None, bool]


def _read_back(markdown: str, block: Block) -> list[_Char] | None:
    """The characters and formatting CommonMark reads from one block, or None if the block
    is not the kind meant or holds anything but text, emphasis and links."""
    tokens = _MD.parse(markdown)
    inlines = [t for t in tokens if t.type == "inline"]
    if not tokens or tokens[0].type != block.opener or len(inlines) != 1:
        return None
    if sum(1 for t in tokens if t.type.endswith("_open")) != block.opens:
        return None
    chars: list[_Char] = []
    bold = italic = strike = 0
    href: str | None = None
    for tok in inlines[0].children or []:
        if tok.type == "text":
            chars.extend((c, bold > 0, italic > 0, href, strike > 0) for c in tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            chars.append(("\n", False, False, None, False))
        elif tok.type in ("s_open", "s_close"):
            strike += 1 if tok.type == "s_open" else -1
        elif tok.type in ("strong_open", "strong_close"):
            bold += 1 if tok.type == "strong_open" else -1
        elif tok.type in ("em_open", "em_close"):
            italic += 1 if tok.type == "em_open" else -1
        elif tok.type == "link_open":
            href = str(tok.attrGet("href"))
        elif tok.type == "link_close":
            href = None
        else:
            return None
    return chars


def _expected(segments: list[Segment]) -> tuple[list[_Char], list[int]]:
    """The characters the segments should read back as, and the segment each comes from."""
    chars: list[_Char] = []
    owners: list[int] = []
    normalized: dict[str, str] = {}
    for index, seg in enumerate(segments):
        href = None
        if seg.href is not None:
            if seg.href not in normalized:
                normalized[seg.href] = _MD.normalizeLink(destination(seg.href))
            href = normalized[seg.href]
        chars.extend((c, seg.bold, seg.italic, href, seg.strike) for c in seg.text)
        owners.extend([index] * len(seg.text))
    return chars, owners


def _first_difference(got: list[_Char], want: list[_Char]) -> tuple[int, bool] | None:
    """Where what was read first differs from what was meant: (index into `want`, whether
    syntax showed up as text just before it), or None if they agree. Text characters always
    arrive (they are escaped), so anything extra is a delimiter that did not match."""
    i = j = 0
    while j < len(want):
        if i >= len(got):
            return j, False
        if got[i][0] != want[j][0]:
            return j, True
        if not got[i][0].isspace() and got[i][1:] != want[j][1:]:
            return j, False
        i += 1
        j += 1
    return (j, True) if i < len(got) else None


# ------------------------------------------------------------------ choosing what to keep

_EmphasisSpan = tuple[Emphasis, int, int]  # a mark held from segment start to segment end


def _spans(segments: list[Segment]) -> list[_EmphasisSpan]:
    spans: list[_EmphasisSpan] = []
    for mark in (Emphasis.BOLD, Emphasis.ITALIC, Emphasis.STRIKE):
        start: int | None = None
        for index, seg in enumerate([*segments, Segment("\n")]):
            held = seg.has(mark) and not seg.is_break
            if held and start is None:
                start = index
            elif not held and start is not None:
                spans.append((mark, start, index))
                start = None
    return spans


def _with_spans(
    segments: list[Segment], spans: list[_EmphasisSpan], *, links: bool = True
) -> list[Segment]:
    """The segments with only `spans` for emphasis (one pass, whatever their number)."""
    counts = {mark: [0] * (len(segments) + 1) for mark in Emphasis}
    for mark, start, end in spans:
        counts[mark][start] += 1
        counts[mark][end] -= 1
    out: list[Segment] = []
    held = dict.fromkeys(Emphasis, 0)
    for index, seg in enumerate(segments):
        for mark in Emphasis:
            held[mark] += counts[mark][index]
        if seg.is_break:
            out.append(seg)
        else:
            out.append(
                Segment(
                    seg.text,
                    held[Emphasis.BOLD] > 0,
                    held[Emphasis.ITALIC] > 0,
                    seg.href if links else None,
                    held[Emphasis.STRIKE] > 0,
                )
            )
    return out


def _keep_order(span: _EmphasisSpan) -> tuple[int, int, int]:
    """Longer spans first, then earlier ones, then bold before italic."""
    mark, start, end = span
    return start - end, start, mark_order(mark)


def _checked(segments: list[Segment], prefix: str, indent: str, block: Block) -> list[Segment]:
    """The formatting Markdown can carry for this block: all of it if it reads back right,
    else without the emphasis that does not (a bold quote mark inside a word, say).

    Each round parses the block once, finds the first character that does not read back, and
    drops the weakest emphasis touching it (the shortest, as the longest is kept); after a
    fixed number of rounds the block keeps its links and words only. So a paragraph of a
    thousand runs costs a few parses of itself, never a parse per run.
    """

    def blame(candidate: list[Segment]) -> set[int] | None:
        """None if `candidate` reads back as meant, else the segments where it first does
        not (an empty set when the block as a whole came back as something else)."""
        got = _read_back(prefix + _write(merge(candidate), indent), block)
        if got is None:
            return set()
        want, owners = _expected(candidate)
        found = _first_difference(got, want)
        if found is None:
            return None
        at, syntax_before = found
        places = {owners[at]} if at < len(owners) else set()
        if (syntax_before or at == len(owners)) and at > 0:
            places.add(owners[at - 1])
        return places

    if blame(segments) is None:
        return segments
    kept = _spans(segments)
    for _ in range(_REPAIR_ROUNDS):
        candidate = _with_spans(segments, kept)
        places = blame(candidate)
        if places is None:
            return merge(candidate)
        blamed = [s for s in kept if any(s[1] <= p <= s[2] for p in places)]
        if not blamed:
            break
        kept.remove(max(blamed, key=_keep_order))
    for candidate in (_with_spans(segments, []), _with_spans(segments, [], links=False)):
        if blame(candidate) is None:
            return merge(candidate)
    return merge(_with_spans(segments, [], links=False))


def inline_markdown(segments: list[Segment], prefix: str, indent: str, block: Block) -> str:
    """One block's text as Markdown, checked by reading it back with `prefix` before it
    (the list marker, the heading's hashes) and continuation lines indented by `indent`."""
    test_indent = " " * len(prefix) if block.is_list else indent
    chosen = _checked(segments, prefix, test_indent, block)
    return _write(chosen, indent)
