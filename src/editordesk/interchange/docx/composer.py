"""The paragraphs as a story: headline, standfirst and byline from their styles (or from the
look of the first lines), the rest as Markdown blocks with figures where the pictures stood."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from editordesk.errors import ValidationError
from editordesk.interchange.docx.emitter import Block, escape_markdown, inline_markdown
from editordesk.interchange.docx.inline import Segment, destination, merge, plain, tidy
from editordesk.interchange.docx.numbering import ListKind
from editordesk.interchange.docx.paragraph import (
    CODE_CLOSE,
    CODE_OPEN,
    LITERAL_CLOSE,
    LITERAL_OPEN,
    NOTE_CLOSE,
    NOTE_OPEN,
    PICTURE_CLOSE,
    PICTURE_OPEN,
    Paragraph,
    ParagraphKind,
)
from editordesk.interchange.docx.pictures import Figure, Picture
from editordesk.interchange.markdown import Part, TweetSource
from editordesk.media.tweets import TweetRef, parse_tweet_url
from editordesk.text import MONTHS

_CREDIT_LINE = re.compile(r"\s*(credit|photo|photos|photograph|picture|image)s?\s*:", re.I)
_CREDIT_LABEL = re.compile(r"\s*credits?\s*:\s*", re.I)
_BYLINE = re.compile(r"by:?\s+(.+)", re.I | re.S)
_BYLINE_JOINERS = frozenset(
    {"and", "&", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del", "bin", "al"}
)
# Paragraphs that are fields of the story rather than its body.
_STORY_FIELDS = frozenset(
    {
        ParagraphKind.SUBTITLE,
        ParagraphKind.BYLINE,
        ParagraphKind.TITLE,
        ParagraphKind.DATELINE,
        ParagraphKind.RELATED_HEADING,
        ParagraphKind.RELATED,
    }
)
_TOKEN = re.compile(
    f"{NOTE_OPEN}([0-9]+){NOTE_CLOSE}|{PICTURE_OPEN}([0-9]+){PICTURE_CLOSE}"
    f"|{CODE_OPEN}([0-9]+){CODE_CLOSE}|{LITERAL_OPEN}([0-9]+){LITERAL_CLOSE}"
)
_ATTRIBUTION = re.compile(r"—\s*(?:(?P<who>.*?),\s*)?(?P<when>[^,]*)\Z", re.S)
_FIELD_KINDS = frozenset(
    {ParagraphKind.DATELINE, ParagraphKind.RELATED_HEADING, ParagraphKind.RELATED}
)
_ALIGN = {"center": ":---:", "right": "---:", "end": "---:", "left": ":---", "start": ":---"}


def _code_span(text: str) -> str:
    """Inline code that reads back as `text`: a fence longer than any backtick run in it,
    and a space inside it where the text starts or ends with a backtick or a space."""
    text = " ".join(text.splitlines())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _long_date(text: str) -> dt.date | None:
    """ "24 November 2026", as the export prints a tweet's date, or None."""
    parts = text.split()
    if len(parts) != 3 or parts[1] not in MONTHS or not parts[0].isdigit():
        return None
    try:
        return dt.date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))
    except ValueError:
        return None


def byline_of(text: str) -> str | None:
    """The name in a paragraph like "By Mara Quinn, Health Correspondent", if it is one.

    A sentence such as "By Thursday night the wall had gone." is not: every word before the
    first comma must start with a capital (or be a joiner such as "and" or "van").
    """
    match = _BYLINE.fullmatch(" ".join(text.split()))
    if not match:
        return None
    name = match.group(1).strip()
    if len(name) > 80 or name[-1] in ".!?:;":
        return None
    words = re.split(r",| [-–—|] ", name)[0].split()
    if not 1 <= len(words) <= 8:
        return None
    if all(w[0].isupper() or w.lower() in _BYLINE_JOINERS for w in words):
        return name
    return None


@dataclass
class _OpenList:
    level: int
    kind: ListKind
    key: str
    indent: int
    delimiter: str
    width: int = 0


@dataclass
class _Chunk:
    markdown: str
    tight: bool = False


def _other_delimiter(previous: _OpenList, kind: ListKind) -> str:
    if previous.kind != kind:
        return "." if kind is ListKind.NUMBER else "-"
    return {".": ")", ")": ".", "-": "*", "*": "-"}[previous.delimiter]


class Composer:
    """Turns the paragraphs into the story: fields, Markdown body and figures.

    `exact_headings` keeps Word's heading levels as they are (a file EditorDesk wrote);
    `fields=False` reads every paragraph as body (a footnote's or a table cell's)."""

    def __init__(
        self,
        paragraphs: list[Paragraph],
        *,
        exact_headings: bool = False,
        fields: bool = True,
        web_pictures: list[tuple[str, str]] | None = None,
        code: list[str] | None = None,
    ) -> None:
        self.paragraphs = paragraphs
        self.exact_headings = exact_headings
        self.fields = fields
        self.web_pictures = web_pictures if web_pictures is not None else []
        self.code = code if code is not None else []
        self.chunks: list[_Chunk | Figure | TweetSource] = []
        self.datelines: list[str] = []
        self.related: list[tuple[str, str | None]] = []  # (title, address) as shown
        self.related_heading = False
        self.tweet_lines: list[Paragraph] = []
        self.lists: list[_OpenList] = []
        self.counters: dict[str, dict[int, int]] = {}
        self.headline: list[str] = []
        self.standfirst: list[str] = []
        self.byline = ""
        self.waiting: list[Figure] = []
        titled = any(p.kind is ParagraphKind.TITLE and p.text() for p in paragraphs)
        first = next(
            (p for p in paragraphs if (p.text() or p.pictures) and p.kind not in _STORY_FIELDS),
            None,
        )
        self.headline_paragraph = (
            first
            if fields
            and not titled
            and first is not None
            and first.kind is ParagraphKind.HEADING
            and not exact_headings
            else None
        )
        levels = [
            p.level
            for p in paragraphs
            if p.kind is ParagraphKind.HEADING and p is not self.headline_paragraph and p.text()
        ]
        self.top_level = 1 if exact_headings else min(levels, default=1)

    def compose(self) -> None:
        for paragraph in self.paragraphs:
            kind = paragraph.kind
            if kind is not ParagraphKind.TWEET and self.tweet_lines:
                self._loose_tweet_lines()
            if kind is ParagraphKind.TABLE:
                self.waiting = []
                self._table(paragraph)
                continue
            if not paragraph.text() and not paragraph.pictures:
                if paragraph.rule and kind is ParagraphKind.BODY:  # a thematic break
                    self.waiting = []
                    self._add("***")
                continue
            if self.fields and kind in _FIELD_KINDS:
                self._story_field(paragraph)
                continue
            if kind is ParagraphKind.TWEET:
                self._tweet_line(paragraph)
                continue
            if kind is ParagraphKind.CODE:
                self.waiting = []
                self._code(paragraph)
                continue
            is_caption = paragraph.kind in (ParagraphKind.CAPTION, ParagraphKind.CREDIT)
            if is_caption and self.waiting and not paragraph.pictures:
                self._caption(paragraph)
                continue
            self.waiting = []
            figures = self._paragraph(paragraph)
            if figures:
                self.waiting = figures

    # -------------------------------------------------- an export's own paragraphs

    def _story_field(self, paragraph: Paragraph) -> None:
        if paragraph.kind is ParagraphKind.DATELINE:
            self.datelines.append(self.words(paragraph.text()))
        elif paragraph.kind is ParagraphKind.RELATED_HEADING:
            self.related_heading = True
        else:
            links = [s for s in paragraph.segments if s.href]
            title = plain(links).strip() if links else paragraph.text().split(" — ")[0]
            title = self.words(title)
            self.related.append((" ".join(title.split()), links[0].href if links else None))

    def _tweet_line(self, paragraph: Paragraph) -> None:
        """A tweet's words, until the line that names who said it, linked to the tweet."""
        ref: TweetRef | None = None
        for segment in paragraph.segments:
            if segment.href:
                try:
                    ref = parse_tweet_url(segment.href)
                    break
                except ValidationError:
                    continue
        text = plain(paragraph.segments).strip()
        attribution = _ATTRIBUTION.fullmatch(text) if ref is not None else None
        if ref is None or attribution is None:
            self.tweet_lines.append(paragraph)
            return
        who = (attribution.group("who") or "").strip()
        name = who
        handle_tail = f"(@{ref.handle})"
        if who.endswith(handle_tail):
            name = who[: -len(handle_tail)].strip()
        elif who == f"@{ref.handle}":
            name = ""
        words = "\n\n".join(self.words(plain(p.segments)).strip() for p in self.tweet_lines)
        self.tweet_lines = []
        self.waiting = []
        self.chunks.append(
            TweetSource(
                ref,
                paragraph.number,
                display_name=self.words(name),
                text=words,
                posted=_long_date(attribution.group("when").strip()),
            )
        )
        self.lists = []

    def _code(self, paragraph: Paragraph) -> None:
        """A Source Code paragraph as a fenced block, its text exactly as it stands."""
        text = "".join(s.text for s in paragraph.segments).strip("\n")
        longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        self._add(f"{fence}\n{text}\n{fence}")

    def _loose_tweet_lines(self) -> None:
        """Tweet-styled lines with no tweet link after them: quotes, their words kept."""
        lines, self.tweet_lines = self.tweet_lines, []
        for line in lines:
            segments = tidy(line.segments)
            if segments:
                self._add(inline_markdown(segments, "> ", "> ", Block.QUOTE), prefix="> ")

    def _table(self, table: Paragraph) -> None:
        """A GFM table: the first row its header, each cell's paragraphs on one line, a
        column aligned as its header cell is; pictures in cells follow the table."""
        columns = max((len(row) for row in table.rows), default=0)
        if not columns:
            return
        lines: list[str] = []
        figures: list[Figure] = []
        for index, row in enumerate(table.rows):
            cells = [self._cell(cell, figures) for cell in row]
            cells += [""] * (columns - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                aligns = []
                for column in range(columns):
                    cell = row[column] if column < len(row) else []
                    first = next((p for p in cell if p.kind is not ParagraphKind.TABLE), None)
                    aligns.append(_ALIGN.get(first.align if first else "", "---"))
                lines.append("| " + " | ".join(aligns) + " |")
        self._add("\n".join(lines))
        for figure in figures:
            self._add_figure(figure)

    def _cell(self, paragraphs: list[Paragraph], figures: list[Figure]) -> str:
        segments: list[Segment] = []
        for paragraph in paragraphs:
            if paragraph.kind is ParagraphKind.TABLE:  # a table in a cell: its words
                words = " ".join(
                    p.text() for row in paragraph.rows for cell in row for p in cell
                ).strip()
                if words:
                    segments.extend(
                        [Segment(" "), Segment(words)] if segments else [Segment(words)]
                    )
                continue
            for group in paragraph.groups():
                if isinstance(group, Picture):
                    if group.placeholder:
                        segments.append(Segment(" " + group.label()))
                    else:
                        figures.append(Figure(group, paragraph.number))
                    continue
                tidied = tidy(group, breaks=False)
                if tidied:
                    if segments:
                        segments.append(Segment(" "))
                    segments.extend(tidied)
        segments = merge(segments)
        if not segments:
            return ""
        markdown = inline_markdown(tidy(segments, breaks=False), "", "", Block.PARAGRAPH)
        return markdown.replace("|", "\\|")

    # -------------------------------------------------- paragraphs

    def _paragraph(self, paragraph: Paragraph) -> list[Figure]:
        kind = paragraph.kind
        text = paragraph.text()
        figures: list[Figure] = []
        if kind is ParagraphKind.TITLE and self._body_started:
            kind = ParagraphKind.HEADING  # a second title further down is a subhead
            paragraph.level = self.top_level
        elif kind is ParagraphKind.TITLE or paragraph is self.headline_paragraph:
            if text:
                self.headline.append(self.words(text))
            return self._figures_only(paragraph)
        if kind is ParagraphKind.SUBTITLE:
            if text:
                self.standfirst.append(self.words(text))
            return self._figures_only(paragraph)
        if kind is ParagraphKind.BYLINE and not self.byline and text:
            self.byline = self.words(re.sub(r"^by:?\s+", "", text, flags=re.I))
            return self._figures_only(paragraph)
        if (
            kind is ParagraphKind.BODY
            and not self.byline
            and not self._body_started
            and not paragraph.pictures
        ):
            name = byline_of(text)
            if name:
                self.byline = self.words(name)
                return []
        first_text = True
        for group in paragraph.groups():
            if isinstance(group, Picture) and group.placeholder:
                self._add(escape_markdown(group.label()))
                continue
            if isinstance(group, Picture):
                figure = Figure(group, paragraph.number)
                self._add_figure(figure)
                figures.append(figure)
                continue
            segments = tidy(group, breaks=kind is not ParagraphKind.HEADING)
            if not segments:
                continue
            if kind is ParagraphKind.HEADING:
                self._heading(paragraph.level, segments)
            elif kind is ParagraphKind.ITEM and first_text:
                self._item(paragraph, segments)
            elif kind is ParagraphKind.QUOTE:
                self._add(inline_markdown(segments, "> ", "> ", Block.QUOTE), prefix="> ")
            else:
                self._add(inline_markdown(segments, "", "", Block.PARAGRAPH))
            first_text = False
        return figures

    @property
    def _body_started(self) -> bool:
        return bool(self.chunks)

    def _figures_only(self, paragraph: Paragraph) -> list[Figure]:
        figures = [
            Figure(picture, paragraph.number)
            for picture in paragraph.pictures
            if not picture.placeholder
        ]
        for figure in figures:
            self._add_figure(figure)
        return figures

    def _caption(self, paragraph: Paragraph) -> None:
        text = self.words(plain(paragraph.segments))
        if paragraph.seq_end is not None:  # Word's "Figure 1:" label, made by Insert Caption
            text = text[paragraph.seq_end :].lstrip(" \t:.-–—")
        captions, credits = [], []
        for line in text.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            if paragraph.kind is ParagraphKind.CREDIT or _CREDIT_LINE.match(line):
                label = _CREDIT_LABEL.match(line)
                credits.append(line[label.end() :] if label and line[label.end() :] else line)
            else:
                captions.append(line)
        for figure in self.waiting:
            figure.captions.extend(captions)
            figure.credits.extend(credits)

    # -------------------------------------------------- blocks

    def _add(self, markdown: str, *, tight: bool = False, prefix: str = "") -> None:
        self.chunks.append(_Chunk(prefix + markdown, tight))
        self.lists = []

    def _add_figure(self, figure: Figure | TweetSource) -> None:
        self.chunks.append(figure)
        self.lists = []

    def _heading(self, level: int, segments: list[Segment]) -> None:
        depth = (
            min(6, max(level, 1))
            if self.exact_headings
            else min(6, 2 + max(0, level - self.top_level))
        )
        prefix = "#" * depth + " "
        unbold = [Segment(s.text, False, s.italic, s.href, s.strike) for s in segments]
        self._add(inline_markdown(merge(unbold), prefix, "", Block.HEADING), prefix=prefix)

    def _count(self, paragraph: Paragraph) -> int:
        levels = self.counters.setdefault(paragraph.list_key, {})
        number = levels[paragraph.level] + 1 if paragraph.level in levels else paragraph.list_start
        levels[paragraph.level] = number
        for deeper in [k for k in levels if k > paragraph.level]:
            del levels[deeper]
        return number

    def _item(self, paragraph: Paragraph, segments: list[Segment]) -> None:
        numbered = paragraph.list_kind is ListKind.NUMBER
        number = self._count(paragraph) if numbered else 0
        continuing = bool(self.chunks) and isinstance(self.chunks[-1], _Chunk) and bool(self.lists)
        stack = self.lists if continuing else []
        level = paragraph.level
        while stack and stack[-1].level > level:
            stack.pop()
        tight = continuing
        top = stack[-1] if stack else None
        identity = (level, paragraph.list_kind, paragraph.list_key)
        if top is None or (top.level, top.kind, top.key) != identity:
            if top is not None and top.level == level:
                # A different list straight after this one: a new marker keeps them apart.
                stack.pop()
                indent = top.indent
                delimiter = _other_delimiter(top, paragraph.list_kind)
                if indent == 0 or (numbered and number != 1):
                    # Apart, for the eye; and "5." straight after an item would be its text.
                    tight = False
            else:
                indent = top.width if top is not None and top.level < level else 0
                delimiter = "." if numbered else "-"
                if numbered and number != 1 and top is not None and top.level < level:
                    tight = False  # only a list starting at 1 may interrupt the item above
            top = _OpenList(level, paragraph.list_kind, paragraph.list_key, indent, delimiter)
            stack.append(top)
        marker = f"{number}{top.delimiter}" if numbered else top.delimiter
        top.width = top.indent + len(marker) + 1
        block = Block.NUMBERED_ITEM if numbered else Block.BULLET_ITEM
        content = inline_markdown(segments, marker + " ", " " * top.width, block)
        self.chunks.append(_Chunk(" " * top.indent + marker + " " + content, tight))
        self.lists = stack

    # -------------------------------------------------- results

    def markdown(self, chunk: _Chunk) -> str:
        """A chunk's Markdown with its footnote marks and web pictures written in."""
        return _TOKEN.sub(self._token, chunk.markdown)

    def words(self, text: str) -> str:
        """Text for a field of the story: code as its characters, typed token characters as
        themselves, footnote marks and web pictures left out."""
        return _TOKEN.sub(self._plain_token, text)

    def _plain_token(self, match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return self.words(self.code[int(match.group(3)) - 1])
        if match.group(4) is not None:
            return chr(0xE000 + int(match.group(4)))
        return ""

    def _token(self, match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return f"[^{match.group(1)}]"
        if match.group(3) is not None:
            return _code_span(self.words(self.code[int(match.group(3)) - 1]))
        if match.group(4) is not None:
            return chr(0xE000 + int(match.group(4)))
        alt, src = self.web_pictures[int(match.group(2)) - 1]
        return f"![{escape_markdown(alt, at_line_start=False)}]({destination(src)})"

    def blocks(self) -> list[str]:
        """The chunks' Markdown, blocks apart (a footnote's text, a table cell's)."""
        return [self.markdown(c) for c in self.chunks if isinstance(c, _Chunk)]

    def parts(self, path: Path, notes: list[list[str]] | None = None) -> tuple[Part, ...]:
        """The body as text, figures and tweets; `notes` (each note's blocks) become
        Markdown footnotes at its end."""
        parts: list[Part] = []
        text: list[str] = []
        for chunk in self.chunks:
            if isinstance(chunk, Figure | TweetSource):
                if text:
                    parts.append("".join(text) + "\n\n")
                    text = []
                elif parts:
                    parts.append("\n\n")
                parts.append(chunk.source(path) if isinstance(chunk, Figure) else chunk)
                continue
            if text:
                text.append("\n" if chunk.tight else "\n\n")
            elif parts:
                text.append("\n\n")
            text.append(self.markdown(chunk))
        for number, blocks in enumerate(notes or (), start=1):
            if text or parts:
                text.append("\n\n")
            body = "\n\n    ".join(block.replace("\n", "\n    ") for block in blocks)
            body = body.replace("\n    \n", "\n\n")
            text.append(f"[^{number}]: {body}" if body else f"[^{number}]: \\")
        parts.append("".join(text) + "\n")
        return tuple(parts)
