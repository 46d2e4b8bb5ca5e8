"""A story's fields made fit to store: bodies and tags in one form, text no page can carry
removed, the status known, the publish time and the lengths within what a store keeps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from editordesk.errors import ValidationError
from editordesk.model import StoryDraft, StoryStatus
from editordesk.services.limits import check_lengths
from editordesk.store.models import Story
from editordesk.text import utc_time

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_TRAILING_BLANK_LINES = re.compile(r"(?:\n[ \t]*)+\Z")
# Characters no page or document can carry: C0 controls (not tab or newline), DEL, the
# non-characters U+FFFE/U+FFFF and lone surrogates. Pasted text brings them; none is kept.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
MAX_BODY_CHARS = 5_000_000  # about 800,000 words: far beyond any story


def _showable(text: str) -> str:
    return _UNSHOWABLE.sub("", text)


def normalise_body(body: str) -> str:
    """One form for every body: Unix line ends, no blank lines before the first or after the
    last line (the last line keeps its own spaces: they may be code)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = _showable(body)
    body = _LEADING_BLANK_LINES.sub("", body)
    return _TRAILING_BLANK_LINES.sub("", body) if body.strip() else ""


def normalise_tags(tags: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for tag in tags:
        clean = " ".join(_showable(str(tag)).split())
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(seen.values())


def parse_status(value: str | StoryStatus) -> StoryStatus:
    try:
        return StoryStatus(str(value).strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in StoryStatus)
        raise ValidationError(f"unknown status {value!r}; use one of {names}") from None


def clean_draft(draft: StoryDraft) -> StoryDraft:
    if draft.publish_time is not None and draft.publish_time.tzinfo is None:
        raise ValidationError("the publish time needs a time zone")
    if draft.publish_time is not None:
        try:
            utc_time(draft.publish_time)  # the store converts it to UTC
        except ValidationError as exc:
            raise ValidationError(f"the publish time {exc}; nothing was saved") from None
    if len(draft.body) > MAX_BODY_CHARS:
        raise ValidationError(
            f"the body is {len(draft.body) / 1e6:.1f} million characters; a story may have up "
            f"to {MAX_BODY_CHARS / 1e6:.0f} million (about 800,000 words). Is this really one "
            "story? Nothing was saved"
        )
    draft = replace(
        draft,
        headline=" ".join(_showable(draft.headline).split()),
        byline=_showable(draft.byline).strip(),
        dateline=_showable(draft.dateline).strip(),
        section=_showable(draft.section).strip(),
        standfirst=_showable(draft.standfirst).strip(),
        tags=normalise_tags(draft.tags),
        status=parse_status(draft.status),
        body=normalise_body(draft.body),
    )
    check_lengths(
        Story,
        {"byline": draft.byline, "dateline": draft.dateline, "section": draft.section},
        "the story",
    )
    return draft
