"""Text as Word runs hold it: stretches with one formatting each, tidied as Markdown needs them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, urlsplit

from editordesk.text import SAFE_SCHEMES

LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


class Emphasis(Enum):
    """Bold or italic, as Markdown writes it."""

    BOLD = "**"
    ITALIC = "*"
    STRIKE = "~~"


@dataclass(frozen=True)
class LinkMark:
    """The link a stretch of text is in."""

    href: str


Mark = Emphasis | LinkMark


def mark_order(mark: Mark) -> int:
    """Among marks that end together, links go outermost, then bold, then italic."""
    if isinstance(mark, LinkMark):
        return 0
    return {Emphasis.BOLD: 1, Emphasis.ITALIC: 2, Emphasis.STRIKE: 3}[mark]


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text with one formatting; the text "\\n" alone is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    strike: bool = False

    @property
    def is_break(self) -> bool:
        return self.text == "\n"

    def marks(self) -> frozenset[Mark]:
        marks: set[Mark] = set()
        if self.bold:
            marks.add(Emphasis.BOLD)
        if self.italic:
            marks.add(Emphasis.ITALIC)
        if self.strike:
            marks.add(Emphasis.STRIKE)
        if self.href is not None:
            marks.add(LinkMark(self.href))
        return frozenset(marks)

    def formatting(self) -> tuple[bool, bool, str | None, bool]:
        return self.bold, self.italic, self.href, self.strike

    def has(self, mark: Emphasis) -> bool:
        return {Emphasis.BOLD: self.bold, Emphasis.ITALIC: self.italic}.get(mark, self.strike)


BREAK = Segment("\n")


def merge(segments: list[Segment]) -> list[Segment]:
    """Neighbours with the same formatting as one segment; empty ones dropped. Linear: the
    texts of a run of neighbours are joined once, not added one to the next."""
    out: list[Segment] = []
    pending: list[str] = []
    first: Segment | None = None

    def flush() -> None:
        if first is not None:
            out.append(
                first if len(pending) == 1 else Segment("".join(pending), *first.formatting())
            )

    for segment in segments:
        if not segment.text:
            continue
        if (
            first is not None
            and not segment.is_break
            and not first.is_break
            and segment.formatting() == first.formatting()
        ):
            pending.append(segment.text)
            continue
        flush()
        first, pending = segment, [segment.text]
    flush()
    return out


def tidy(segments: list[Segment], *, breaks: bool = True) -> list[Segment]:
    """Trim each line, drop empty lines, and give whitespace the formatting around it, so no
    bold or link starts or ends on a space (Markdown would not read it)."""
    cleaned = [
        s if s.is_break else Segment(LINE_BREAKS.sub(" ", s.text), *s.formatting())
        for s in segments
    ]
    lines: list[list[Segment]] = [[]]
    for segment in merge(cleaned):
        if segment.is_break:
            lines.append([])
        else:
            lines[-1].append(segment)
    out: list[Segment] = []
    for line in lines:
        start, end = 0, len(line)
        while start < end and not line[start].text.strip():
            start += 1
        while end > start and not line[end - 1].text.strip():
            end -= 1
        if start == end:
            continue
        kept = line[start:end]
        kept[0] = Segment(kept[0].text.lstrip(), *kept[0].formatting())
        kept[-1] = Segment(kept[-1].text.rstrip(), *kept[-1].formatting())
        for i in range(1, len(kept) - 1):
            if not kept[i].text.strip():
                before, after = kept[i - 1], kept[i + 1]
                kept[i] = Segment(
                    kept[i].text,
                    before.bold and after.bold,
                    before.italic and after.italic,
                    before.href if before.href == after.href else None,
                    before.strike and after.strike,
                )
        if out:
            out.append(BREAK if breaks else Segment(" "))
        out.extend(merge(kept))
    return merge(out)


def plain(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


def safe_href(url: str | None) -> str | None:
    """Only web and mail links become links; file paths and scripts stay as their words."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    return url


def destination(url: str) -> str:
    """A link target that cannot end early: spaces, brackets and the like percent-encoded."""
    return quote(url, safe=";/?:@&=+$,-_.!~*'#%[]")
