"""How the Word writer carries text between the tree and the runs: a stretch's format, the
context a block sits in, text made fit for XML and links made fit for a relationship."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from editordesk.export.safe import safe_href

# XML 1.0 cannot carry these; pasted text sometimes does.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Format:
    """How a stretch of text is set: what a run carries, and the link it sits in."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str | None = None  # "#anchor" for a heading in this story
    title: str = ""
    note: int = 0  # a footnote reference: the Word footnote's id
    picture: bool = False  # a web picture's placeholder


PLAIN = Format()
# A stretch of text in one format; None stands for a line break.
Segment = tuple[str | None, Format]


@dataclass(frozen=True)
class Context:
    """Where a block sits: the style its plain paragraphs take and how deep in lists it is."""

    body_style: str = "Body Text"
    list_depth: int = 0


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def link_target(href: str) -> str | None:
    """`href` as a relationship target, or None when it is not safe to follow (javascript:,
    data: and the like become plain text)."""
    safe = safe_href(xml_text(href))
    if safe is None:
        return None
    # A relationship target must be a URI: spaces and non-ASCII are percent-encoded.
    return quote(safe, safe="!#$%&'()*+,/:;=?@[]~")


def merge(segments: Iterable[Segment]) -> list[Segment]:
    """Neighbouring text in the same format as one run, as Word itself would save it."""
    out: list[Segment] = []
    for text, fmt in segments:
        if (
            out
            and text is not None
            and out[-1][0] is not None
            and out[-1][1] == fmt
            and not fmt.note
        ):
            out[-1] = (out[-1][0] + text, fmt)
        else:
            out.append((text, fmt))
    return out
