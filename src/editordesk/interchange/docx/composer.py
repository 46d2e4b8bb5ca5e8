"""The paragraphs as a story: headline, standfirst and byline from their styles (or from the
look of the first lines), the rest as Markdown blocks with figures where the pictures stood."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from editordesk.interchange.docx.emitter import Block, inline_markdown
from editordesk.interchange.docx.inline import Segment, merge, plain, tidy
from editordesk.interchange.docx.numbering import ListKind
from editordesk.interchange.docx.pictures import Figure, Picture
from editordesk.interchange.docx.reader import Paragraph, ParagraphKind
from editordesk.interchange.markdown import Part

_CREDIT_LINE = re.compile(r"\s*(credit|photo|photos|photograph|picture|image)s?\s*:", re.I)
_CREDIT_LABEL = re.compile(r"\s*credits?\s*:\s*", re.I)
_BYLINE = re.compile(r"by:?\s+(.+)", re.I | re.S)
_BYLINE_JOINERS = frozenset(
    {"and", "&", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del", "bin", "al"}
)
# Paragraphs that are fields of the story rather than its body.
_STORY_FIELDS = frozenset({ParagraphKind.SUBTITLE, ParagraphKind.BYLINE, ParagraphKind.TITLE})


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
    """Turns the paragraphs into the story: fields, Markdown body and figures."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.chunks: list[_Chunk | Figure] = []
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
            if not titled and first is not None and first.kind is ParagraphKind.HEADING
            else None
        )
        levels = [
            p.level
            for p in paragraphs
            if p.kind is ParagraphKind.HEADING and p is not self.headline_paragraph and p.text()
        ]
        self.top_level = min(levels, default=1)

    def compose(self) -> None:
        for paragraph in self.paragraphs:
            if not paragraph.text() and not paragraph.pictures:
                continue
            is_caption = paragraph.kind in (ParagraphKind.CAPTION, ParagraphKind.CREDIT)
            if is_caption and self.waiting and not paragraph.pictures:
                self._caption(paragraph)
                continue
            self.waiting = []
            figures = self._paragraph(paragraph)
            if figures:
                self.waiting = figures

    def _paragraph(self, paragraph: Paragraph) -> list[Figure]:
        kind = paragraph.kind
        text = paragraph.text()
        figures: list[Figure] = []
        if kind is ParagraphKind.TITLE and self._body_started:
            kind = ParagraphKind.HEADING  # a second title further down is a subhead
            paragraph.level = self.top_level
        elif kind is ParagraphKind.TITLE or paragraph is self.headline_paragraph:
            if text:
                self.headline.append(text)
            return self._figures_only(paragraph)
        if kind is ParagraphKind.SUBTITLE:
            if text:
                self.standfirst.append(text)
            return self._figures_only(paragraph)
        if kind is ParagraphKind.BYLINE and not self.byline and text:
            self.byline = re.sub(r"^by:?\s+", "", text, flags=re.I)
            return self._figures_only(paragraph)
        if (
            kind is ParagraphKind.BODY
            and not self.byline
            and not self._body_started
            and not paragraph.pictures
        ):
            name = byline_of(text)
            if name:
                self.byline = name
                return []
        first_text = True
        for group in paragraph.groups():
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
        figures = [Figure(picture, paragraph.number) for picture in paragraph.pictures]
        for figure in figures:
            self._add_figure(figure)
        return figures

    def _caption(self, paragraph: Paragraph) -> None:
        text = plain(paragraph.segments)
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

    def _add_figure(self, figure: Figure) -> None:
        self.chunks.append(figure)
        self.lists = []

    def _heading(self, level: int, segments: list[Segment]) -> None:
        depth = min(6, 2 + max(0, level - self.top_level))
        prefix = "#" * depth + " "
        unbold = [Segment(s.text, False, s.italic, s.href) for s in segments]  # bold already
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

    def parts(self, path: Path) -> tuple[Part, ...]:
        parts: list[Part] = []
        text: list[str] = []
        for chunk in self.chunks:
            if isinstance(chunk, Figure):
                if text:
                    parts.append("".join(text) + "\n\n")
                    text = []
                elif parts:
                    parts.append("\n\n")
                parts.append(chunk.source(path))
                continue
            if text:
                text.append("\n" if chunk.tight else "\n\n")
            elif parts:
                text.append("\n\n")
            text.append(chunk.markdown)
        parts.append("".join(text) + "\n")
        return tuple(parts)
