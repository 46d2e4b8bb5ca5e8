"""Stories read back: one story, its revisions, and the list with its filters, sorting and
search, with the sections and tags those filters offer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from editordesk.errors import NotFoundError, ValidationError
from editordesk.model import RelatedRecord, RevisionRecord, StoryDraft, StoryRecord, StorySummary
from editordesk.services.story_checks import parse_status
from editordesk.store import search
from editordesk.store.models import (
    PublishedPost,
    RelatedLink,
    Revision,
    Story,
    StorySpelling,
    StoryStatus,
    byline_sort_key,
    headline_sort_key,
)


def as_related(rows: list[dict[str, Any]]) -> tuple[RelatedRecord, ...]:
    """Related-link rows (the table's columns by name) as the records the editor sees."""
    return tuple(
        RelatedRecord(
            title=r["title"],
            url=r["url"],
            story_id=r["target_story_id"],
            story_slug=r["target_slug"],
            date=r["date"],
            section=r["section"],
            excerpt=r["excerpt"],
        )
        for r in rows
    )


def load_story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    return story


def story_record(
    session: Session, story: Story, related: tuple[RelatedRecord, ...] | None = None
) -> StoryRecord:
    if related is None:
        related = as_related(
            [
                {c.name: getattr(link, c.key) for c in RelatedLink.__table__.columns}
                for link in session.scalars(
                    select(RelatedLink)
                    .where(RelatedLink.story_id == story.id)
                    .order_by(RelatedLink.position)
                )
            ]
        )
    return StoryRecord(
        id=story.id,
        version=story.version,
        slug=story.slug,
        headline=story.headline,
        standfirst=story.standfirst,
        byline=story.byline,
        dateline=story.dateline,
        section=story.section,
        tags=tuple(story.tags),
        status=story.status,
        body=story.body,
        publish_time=story.publish_time,
        created=story.created,
        updated=story.updated,
        word_count=story.word_count,
        related=related,
        slug_fixed=story.slug_fixed,
        trashed=story.trashed,
        language=own_language(session, story.id),
    )


def own_language(session: Session, story_id: int) -> str:
    """The story's own language (spelling's row), "" when it follows the desk's."""
    row = session.get(StorySpelling, story_id)
    return row.language if row is not None else ""


def get_story(session: Session, story_id: int) -> StoryRecord:
    return story_record(session, load_story(session, story_id))


def find_by_slug(session: Session, slug: str) -> StoryRecord | None:
    story = session.scalars(select(Story).where(Story.slug == slug)).first()
    return story_record(session, story) if story else None


def revision_draft(revision: Revision) -> StoryDraft:
    return StoryDraft(
        headline=revision.headline,
        standfirst=revision.standfirst,
        byline=revision.byline,
        dateline=revision.dateline,
        section=revision.section,
        tags=tuple(revision.tags),
        status=revision.status,
        body=revision.body,
        publish_time=revision.publish_time,
        slug=revision.slug,
        related=tuple(RelatedRecord.from_dict(d) for d in revision.related),
    )


def revisions(session: Session, story_id: int) -> list[RevisionRecord]:
    """Every revision of a story, newest first."""
    load_story(session, story_id)
    rows = session.scalars(
        select(Revision).where(Revision.story_id == story_id).order_by(Revision.number.desc())
    )
    return [RevisionRecord(r.number, r.author, r.saved, r.note, revision_draft(r)) for r in rows]


SORTABLE = {
    "updated": Story.updated,
    "headline": headline_sort_key,
    "status": Story.status,
    "section": Story.section,
    "byline": byline_sort_key,
    "words": Story.word_count,
    "created": Story.created,
    "publish_time": Story.publish_time,
    "id": Story.id,
}


def _has_tag(session: Session, tag: str) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return text("stories.tags::jsonb @> CAST(:tag_json AS jsonb)").bindparams(
            tag_json=json.dumps([tag])
        )
    return text(
        "EXISTS (SELECT 1 FROM json_each(stories.tags) WHERE json_each.value = :tag_value)"
    ).bindparams(tag_value=tag)


PUBLISHED_FILTERS = ("site", "changed")


def _published(which: str) -> Any:
    """Published on a site ("site"), or saved again since it was published ("changed"). A
    post id of 0 is one being made (services/publishing.py's CREATING): not published yet."""
    if which not in PUBLISHED_FILTERS:
        raise ValidationError(f"unknown published filter {which!r}; use site or changed")
    posts = select(PublishedPost.story_id).where(
        PublishedPost.story_id == Story.id, PublishedPost.post_id != 0
    )
    if which == "changed":
        posts = posts.where(PublishedPost.story_version < Story.version)
    return posts.exists()


def list_stories(
    session: Session,
    *,
    status: StoryStatus | str | None = None,
    section: str | None = None,
    tag: str | None = None,
    query: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    order: str | None = None,
    descending: bool = True,
    trash: bool = False,
    hide_spiked: bool = False,
    published: str | None = None,
) -> list[StorySummary]:
    """Stories matching the filters; with a search query, best match first unless `order`.

    Stories in the trash are listed only with `trash`, and then only they; `hide_spiked`
    leaves out spiked stories unless `status` asks for them. `published` "site" keeps the
    stories published on a site, "changed" those saved again since."""
    score_col: Any = None
    columns = [
        Story.id,
        Story.headline,
        Story.slug,
        Story.status,
        Story.section,
        Story.byline,
        Story.tags,
        Story.updated,
        Story.publish_time,
        Story.word_count,
    ]
    stmt = select(*columns)
    if query and query.strip():
        ranked_only = (
            order is None and not (status or section or tag or published) and limit is not None
        )
        top = limit + offset if ranked_only and limit is not None else None
        matches = search.matches(session, query, top=top)
        score_col = matches.c.score
        stmt = stmt.add_columns(score_col).join(matches, matches.c.story_id == Story.id)
    if status is not None:
        stmt = stmt.where(Story.status == parse_status(status))
    elif hide_spiked and not trash:
        stmt = stmt.where(Story.status != StoryStatus.SPIKED)
    stmt = stmt.where(Story.trashed.is_not(None) if trash else Story.trashed.is_(None))
    if section:
        stmt = stmt.where(Story.section == section)
    if tag:
        stmt = stmt.where(_has_tag(session, tag))
    if published:
        stmt = stmt.where(_published(published))
    if order is None and score_col is not None:
        stmt = stmt.order_by(score_col.desc(), Story.id.desc())
    else:
        column = SORTABLE.get(order or "updated")
        if column is None:
            raise ValidationError(f"cannot sort by {order!r}; use one of {', '.join(SORTABLE)}")
        stmt = stmt.order_by(
            column.desc() if descending else column.asc(),
            Story.id.desc() if descending else Story.id.asc(),
        )
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    out = []
    for row in session.execute(stmt):
        out.append(
            StorySummary(
                id=row.id,
                headline=row.headline,
                slug=row.slug,
                status=row.status,
                section=row.section,
                byline=row.byline,
                tags=tuple(row.tags),
                updated=row.updated,
                publish_time=row.publish_time,
                word_count=row.word_count,
                score=row.score if score_col is not None else None,
            )
        )
    return out


def count_stories(session: Session) -> int:
    return session.scalar(select(func.count(Story.id))) or 0


def _sorted_names(names: Sequence[str]) -> list[str]:
    """Case-insensitive order, ties broken by the exact text so the order is stable."""
    return sorted(names, key=lambda name: (name.casefold(), name))


def list_sections(session: Session) -> list[str]:
    """Every section a story is filed in (blank ones left out), for the list's filter."""
    rows = session.scalars(select(Story.section).where(Story.section != "").distinct())
    return _sorted_names(rows.all())


def list_tags(session: Session) -> list[str]:
    """Every tag any story carries, once each, for the list's filter."""
    if session.get_bind().dialect.name == "postgresql":
        sql = text(
            "SELECT DISTINCT jsonb_array_elements_text(stories.tags::jsonb) AS tag FROM stories"
        )
    else:
        sql = text("SELECT DISTINCT json_each.value FROM stories, json_each(stories.tags)")
    return _sorted_names([tag for tag in session.scalars(sql) if isinstance(tag, str) and tag])
