"""The store's value types: what services return and take, and what writers read.

Plain Python, no SQLAlchemy: the window imports them before the store is open.

They are frozen dataclasses with no session behind them, so they can cross threads and
outlive the action that made them.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, fields
from typing import Any


class StoryStatus(enum.StrEnum):
    """Where a story is on its way to the reader."""

    DRAFT = "draft"
    EDITING = "editing"
    READY = "ready"
    PUBLISHED = "published"
    SPIKED = "spiked"


@dataclass(frozen=True)
class RelatedRecord:
    """A related link as the editor sees it. `story_id` or `story_slug` marks an internal one."""

    title: str = ""
    url: str | None = None
    story_id: int | None = None
    story_slug: str | None = None
    date: dt.date | None = None
    section: str = ""
    excerpt: str = ""

    @property
    def is_internal(self) -> bool:
        return self.story_id is not None or self.story_slug is not None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "story_id": self.story_id,
            "story_slug": self.story_slug,
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "excerpt": self.excerpt,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedRecord:
        date = data.get("date")
        return cls(
            title=data.get("title") or "",
            url=data.get("url"),
            story_id=data.get("story_id"),
            story_slug=data.get("story_slug"),
            date=dt.date.fromisoformat(date) if date else None,
            section=data.get("section") or "",
            excerpt=data.get("excerpt") or "",
        )


@dataclass(frozen=True)
class StoryDraft:
    """The fields an editor sets. `slug=None` means "make one from the headline"."""

    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    status: StoryStatus = StoryStatus.DRAFT
    body: str = ""
    publish_time: dt.datetime | None = None
    slug: str | None = None
    related: tuple[RelatedRecord, ...] = ()
    # With `slug=None` on a save: the slug follows the headline, unless it is fixed (typed or
    # exported). A slug given outright fixes it.
    slug_from_headline: bool = False


def draft_to_dict(draft: StoryDraft) -> dict[str, Any]:
    """A draft as JSON-ready data (for autosaves), read back by `draft_from_dict`."""
    return {
        "headline": draft.headline,
        "standfirst": draft.standfirst,
        "byline": draft.byline,
        "dateline": draft.dateline,
        "section": draft.section,
        "tags": list(draft.tags),
        "status": StoryStatus(draft.status).value,
        "body": draft.body,
        "publish_time": draft.publish_time.isoformat() if draft.publish_time else None,
        "slug": draft.slug,
        "related": [link.as_dict() for link in draft.related],
    }


def draft_from_dict(data: dict[str, Any]) -> StoryDraft:
    publish = data.get("publish_time")
    return StoryDraft(
        headline=data.get("headline", ""),
        standfirst=data.get("standfirst", ""),
        byline=data.get("byline", ""),
        dateline=data.get("dateline", ""),
        section=data.get("section", ""),
        tags=tuple(data.get("tags", ())),
        status=StoryStatus(data.get("status", "draft")),
        body=data.get("body", ""),
        publish_time=dt.datetime.fromisoformat(publish) if publish else None,
        slug=data.get("slug"),
        related=tuple(RelatedRecord.from_dict(d) for d in data.get("related", ())),
    )


@dataclass(frozen=True)
class StoryRecord:
    """A story as saved: the draft's fields plus what the store keeps about it."""

    id: int
    version: int
    slug: str
    headline: str
    standfirst: str
    byline: str
    dateline: str
    section: str
    tags: tuple[str, ...]
    status: StoryStatus
    body: str
    publish_time: dt.datetime | None
    created: dt.datetime
    updated: dt.datetime
    word_count: int
    related: tuple[RelatedRecord, ...] = field(default=())
    slug_fixed: bool = True  # the slug no longer follows the headline
    trashed: dt.datetime | None = None  # when it went to the trash
    # The story's own language as a tag (en_GB, de, ar); empty: the desk's. The page's lang
    # and direction, Word's paragraphs and the editor follow it.
    language: str = ""

    def draft(self) -> StoryDraft:
        """The editable fields, ready to change and save back."""
        return StoryDraft(
            headline=self.headline,
            standfirst=self.standfirst,
            byline=self.byline,
            dateline=self.dateline,
            section=self.section,
            tags=self.tags,
            status=self.status,
            body=self.body,
            publish_time=self.publish_time,
            slug=self.slug,
            related=self.related,
        )


@dataclass(frozen=True)
class StorySummary:
    """One row of the story list."""

    id: int
    headline: str
    slug: str
    status: StoryStatus
    section: str
    byline: str
    tags: tuple[str, ...]
    updated: dt.datetime
    publish_time: dt.datetime | None
    word_count: int
    score: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "slug": self.slug,
            "status": self.status.value,
            "section": self.section,
            "byline": self.byline,
            "tags": list(self.tags),
            "updated": self.updated.isoformat(),
            "publish_time": self.publish_time.isoformat() if self.publish_time else None,
            "words": self.word_count,
        }


@dataclass(frozen=True)
class RevisionRecord:
    """One save of a story, in full."""

    number: int
    author: str
    saved: dt.datetime
    note: str
    draft: StoryDraft


@dataclass(frozen=True)
class ImageFields:
    """What the desk writes about an image."""

    caption: str = ""
    credit: str = ""
    creator: str = ""
    source: str = ""
    copyright: str = ""
    licence: str = ""
    alt_text: str = ""


FIELD_NAMES = tuple(f.name for f in fields(ImageFields))


@dataclass(frozen=True)
class ImageRecord:
    id: int
    sha256: str
    path: str
    original_name: str
    mime_type: str
    byte_size: int
    width: int
    height: int
    fields: ImageFields
    imported: dt.datetime
    updated: dt.datetime
    version: int = 1  # counts saves of the fields; a save based on an older one is refused


@dataclass(frozen=True)
class TweetRecord:
    status_id: str
    handle: str
    url: str
    display_name: str = ""
    text: str = ""
    posted: dt.date | None = None
    language: str = ""
