"""Preflight: what a desk would reject, found before anything is exported.

The same findings reach the command line (errors stop an export unless forced) and the
window's preflight panel, where each names the field or body line to jump to.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from editordesk.document import nodes as n
from editordesk.errors import ValidationError
from editordesk.media.tweets import check_handle, check_status_id
from editordesk.model import ImageRecord
from editordesk.text import check_url, safe_href


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, what, and where (a field name, a body line, a related link)."""

    severity: Severity
    message: str
    field: str
    line: int | None = None
    index: int | None = None
    image_id: int | None = None  # the library image a finding is about, to fix it there
    # Spelling and house style (warnings only): which check, the word, where in its line,
    # what the dictionary suggests and the style's one-click fix.
    kind: str = "preflight"  # preflight, spelling or style
    word: str | None = None
    column: int | None = None
    suggestions: tuple[str, ...] = ()
    fix: str | None = None

    def __str__(self) -> str:
        place = f"line {self.line}" if self.line else self.field
        if self.index is not None:
            place = f"related link {self.index + 1}"
        return f"{self.severity.value}: {place}: {self.message}"


def _at(severity: Severity, message: str, field: str, where: dict[str, int | None]) -> Finding:
    return Finding(
        severity,
        message,
        field,
        line=where.get("line"),
        index=where.get("index"),
        image_id=where.get("image_id"),
    )


def _image_name(image: ImageRecord) -> str:
    return image.original_name or f"image {image.id}"


def preflight(
    article: n.Article, image_file_exists: Callable[[ImageRecord], bool]
) -> list[Finding]:
    """Every finding for an article, in reading order: fields, body, related links."""
    story = article.story
    found: list[Finding] = []

    def error(message: str, field: str, **where: int | None) -> None:
        found.append(_at(Severity.ERROR, message, field, where))

    def warning(message: str, field: str, **where: int | None) -> None:
        found.append(_at(Severity.WARNING, message, field, where))

    if not story.headline.strip():
        error("the headline is empty", "headline")
    if not story.byline.strip():
        error("the byline is empty", "byline")
    if not story.standfirst.strip():
        warning("there is no standfirst", "standfirst")

    for problem in article.body.problems:  # found when the body was parsed
        error(problem.message, "body", line=problem.line)
    notes = tuple(b for note in article.body.footnotes for b in note.children)
    for block in (*n.walk(article.body.children), *n.walk(notes)):
        if isinstance(block, n.Figure):
            _check_figure(block, image_file_exists, error, warning)
        elif isinstance(block, n.Tweet):
            _check_tweet(block, error)
        elif isinstance(block, n.Shortcode):
            error(f"unknown shortcode {{{{< {block.name} >}}}}", "body", line=block.line)
        elif isinstance(block, n.Paragraph | n.Heading | n.Table):
            inlines = block.children if not isinstance(block, n.Table) else _cells(block)
            for href in _links(inlines):
                if safe_href(href) is None:
                    warning(
                        f"link to {href[:60]!r} is not a web address; only its words are kept",
                        "body",
                        line=block.line,
                    )
            for picture in _pictures(inlines):
                _check_picture(picture, block.line, warning)

    for index, link in enumerate(article.related):
        label = link.title or link.story_slug or link.url or "untitled"
        if link.story_slug is not None:
            if link.story_id is None:
                error(
                    f"{label!r} points to story {link.story_slug!r}, which is not in the store",
                    "related",
                    index=index,
                )
        else:
            try:
                check_url(link.url or "")
            except ValidationError:
                error(
                    f"{label!r} links to {link.url!r}, which is not an http(s) address",
                    "related",
                    index=index,
                )
    return found


def _check_figure(
    block: n.Figure,
    exists: Callable[[ImageRecord], bool],
    error: Callable[..., None],
    warning: Callable[..., None],
) -> None:
    image = block.image
    if image is None:
        ref = "no image" if block.image_id is None else f"image {block.image_id}"
        error(f"the figure refers to {ref}, which is not in the library", "body", line=block.line)
        return
    name = _image_name(image)
    where = {"line": block.line, "image_id": image.id}
    if not image.fields.credit.strip():
        error(f"{name} has no credit", "body", **where)
    if not image.fields.alt_text.strip():
        error(f"{name} has no alt text", "body", **where)
    if not image.fields.caption.strip():
        warning(f"{name} has no caption", "body", **where)
    if not exists(image):
        error(f"{name} is missing from the media folder", "body", **where)


def _check_tweet(block: n.Tweet, error: Callable[..., None]) -> None:
    try:
        check_status_id(block.status_id)
        check_handle(block.handle)
    except ValidationError as exc:
        error(f"tweet shortcode: {exc}", "body", line=block.line)
        return
    if block.tweet is None or not block.tweet.text.strip():
        error(
            f"the tweet by @{block.handle} ({block.status_id}) has no text", "body", line=block.line
        )


def _check_picture(picture: n.Image, line: int, warning: Callable[..., None]) -> None:
    """A picture from the web is not in the library: nobody has credited it yet."""
    name = picture.src[:60]
    if safe_href(picture.src) is None:
        warning(
            f"picture {name!r} is not a web address; only its words are kept", "body", line=line
        )
        return
    if not re.match(r"\s*https?://", picture.src, re.IGNORECASE):
        warning(
            f"picture {name!r} is neither in the library nor on the web: the page shows it "
            "only if the site has that file",
            "body",
            line=line,
        )
        return
    if not picture.title.strip():
        warning(
            f"the web picture {name!r} has no credit: give it as its title, "
            f'![…]({name} "Photo: …"), or put the picture in the library',
            "body",
            line=line,
        )
    if not picture.alt.strip():
        warning(f"the web picture {name!r} has no alt text", "body", line=line)


def _cells(table: n.Table) -> tuple[n.Inline, ...]:
    rows = (table.header, *table.rows)
    return tuple(i for row in rows for cell in row.cells for i in cell.children)


def _links(inlines: tuple[n.Inline, ...]) -> list[str]:
    out = []
    for node in inlines:
        if isinstance(node, n.Link):
            out.append(node.href)
            out.extend(_links(node.children))
        elif isinstance(node, n.Emphasis | n.Strong | n.Strikethrough):
            out.extend(_links(node.children))
    return out


def _pictures(inlines: tuple[n.Inline, ...]) -> list[n.Image]:
    out: list[n.Image] = []
    for node in inlines:
        if isinstance(node, n.Image):
            out.append(node)
        elif isinstance(node, n.Emphasis | n.Strong | n.Strikethrough | n.Link):
            out.extend(_pictures(node.children))
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
