"""Stories: create, save (with optimistic locking), list, search, revisions and restore."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from editordesk.document.shortcodes import References, references
from editordesk.document.words import body_words
from editordesk.errors import ConflictError, NotFoundError, ValidationError
from editordesk.media.tweets import check_handle, check_status_id
from editordesk.model import (
    RelatedRecord,
    RevisionRecord,
    StoryDraft,
    StoryRecord,
    StorySummary,
)
from editordesk.services.limits import check_lengths
from editordesk.services.races import IntegrityError, racing_insert
from editordesk.services.story_checks import (
    MAX_BODY_CHARS,
    clean_draft,
    normalise_body,
    normalise_tags,
    parse_status,
)
from editordesk.services.story_queries import (
    PUBLISHED_FILTERS,
    SORTABLE,
    as_related,
    count_stories,
    find_by_slug,
    get_story,
    list_sections,
    list_stories,
    list_tags,
    load_story,
    revision_draft,
    revisions,
    story_record,
)
from editordesk.services.tweets import in_batches
from editordesk.store.models import (
    Image,
    RelatedLink,
    Revision,
    Story,
    StoryStatus,
    Tweet,
    story_images,
    story_tweets,
    utcnow,
)
from editordesk.text import check_slug, check_url, slugify

# Re-exported: callers import the records, the checks and the queries from here too.
__all__ = [
    "MAX_BODY_CHARS",
    "PUBLISHED_FILTERS",
    "SORTABLE",
    "RelatedRecord",
    "RevisionRecord",
    "StoryDraft",
    "StoryRecord",
    "StoryStatus",
    "StorySummary",
    "count_stories",
    "find_by_slug",
    "get_story",
    "list_sections",
    "list_stories",
    "list_tags",
    "normalise_body",
    "normalise_tags",
    "parse_status",
    "revisions",
]

# ---------------------------------------------------------------- slugs


def _unique_slug(session: Session, wanted: str, story_id: int | None) -> str:
    base = wanted[:190]
    taken = set(
        session.connection().scalars(
            SLUGS_TAKEN,
            {"base": base, "low": base + "-", "high": base + ".", "story_id": story_id or -1},
        )
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _choose_slug(session: Session, draft: StoryDraft, story_id: int | None, strict: bool) -> str:
    if draft.slug is None or not draft.slug.strip():
        return _unique_slug(session, slugify(draft.headline), story_id)
    slug = check_slug(draft.slug.strip())
    owner = session.scalar(select(Story.id).where(Story.slug == slug))
    if owner is None or owner == story_id:
        return slug
    if strict:
        raise ValidationError(f"slug {slug!r} is already used by story {owner}")
    return _unique_slug(session, slug, story_id)


# ---------------------------------------------------------------- writing
#
# Creating is the hot path (imports, batch loads): it writes with a handful of Core
# statements, run on the session's connection (the ORM's execute adds a third to each, and
# nothing the ORM holds unflushed can change what they read or write). Saving goes through
# the ORM so the version column guards the UPDATE.

STORIES = cast(Table, Story.__table__)
REVISIONS = cast(Table, Revision.__table__)
RELATED = cast(Table, RelatedLink.__table__)
# Built once, so each execution reuses one compiled statement.
INSERT_STORY = insert(STORIES).returning(STORIES.c.id)
INSERT_REVISION = insert(REVISIONS)
# Slugs equal to `base` or starting `base-`: a range on the unique index, not a LIKE scan
# ("-" sorts just before ".", so `base-` <= slug < `base.` is every `base-…`).
SLUGS_TAKEN = select(STORIES.c.slug).where(
    or_(
        STORIES.c.slug == bindparam("base"),
        and_(STORIES.c.slug >= bindparam("low"), STORIES.c.slug < bindparam("high")),
    ),
    STORIES.c.id != bindparam("story_id"),
)


def _fields(draft: StoryDraft, refs: References) -> dict[str, Any]:
    """The story columns a draft sets (`refs`: what its body refers to, read once)."""
    return {
        "headline": draft.headline,
        "standfirst": draft.standfirst,
        "byline": draft.byline,
        "dateline": draft.dateline,
        "section": draft.section,
        "tags": list(draft.tags),
        "status": draft.status,
        "body": draft.body,
        "publish_time": draft.publish_time,
        "word_count": body_words(refs.scanned),
    }


def _related_rows(
    session: Session, story_id: int, related: Sequence[RelatedRecord]
) -> list[dict[str, Any]]:
    rows = []
    for position, link in enumerate(related):
        target_id, target_slug, url = None, None, None
        if link.is_internal:
            target = None
            if link.story_id is not None:
                target = session.get(Story, link.story_id)
            elif link.story_slug:
                target = session.scalars(select(Story).where(Story.slug == link.story_slug)).first()
            if target is not None and target.id == story_id:
                raise ValidationError("a story cannot list itself as related")
            if target is None and link.story_id is not None and not link.story_slug:
                raise NotFoundError(f"related story {link.story_id} is not in the store")
            target_id = target.id if target else None
            target_slug = target.slug if target else link.story_slug
            title = link.title or (target.headline if target else "")
            section = link.section or (target.section if target else "")
            excerpt = link.excerpt or (target.standfirst if target else "")
            date = link.date or (
                target.publish_time.date() if target and target.publish_time else None
            )
        else:
            if not link.url:
                raise ValidationError(
                    f"related link {position + 1} has neither a story nor an address"
                )
            url = check_url(link.url)
            title, section, excerpt, date = link.title, link.section, link.excerpt, link.date
        if not title.strip():
            raise ValidationError(f"related link {position + 1} has no title")
        check_lengths(
            RelatedLink,
            {"url": url, "section": section.strip(), "target_slug": target_slug},
            f"related link {position + 1}",
        )
        rows.append(
            {
                "story_id": story_id,
                "position": position,
                "target_story_id": target_id,
                "target_slug": target_slug,
                "url": url,
                "title": title.strip(),
                "date": date,
                "section": section.strip(),
                "excerpt": excerpt.strip(),
            }
        )
    return rows


def _sync_links(
    session: Session, story_id: int, draft: StoryDraft, refs: References, *, new: bool
) -> tuple[RelatedRecord, ...]:
    """Record which images and tweets the body uses (`refs`), and store the related list."""
    image_ids = set(refs.image_ids)
    tweet_refs: dict[str, str] = {}
    for status_id, user in refs.tweets:
        try:
            tweet_refs[check_status_id(status_id)] = check_handle(user)
        except ValidationError:
            continue  # preflight reports it; saving never refuses what is being typed
    if image_ids:
        image_ids = {
            found
            for batch in in_batches(sorted(image_ids))
            for found in session.scalars(select(Image.id).where(Image.id.in_(batch)))
        }
    tweet_ids: set[int] = set()
    if tweet_refs:
        known: dict[str, int] = {}
        for batch in in_batches(tweet_refs):
            rows = session.execute(
                select(Tweet.status_id, Tweet.id).where(Tweet.status_id.in_(batch))
            )
            known.update((status_id, tweet_id) for status_id, tweet_id in rows)
        for status_id, handle in tweet_refs.items():
            if status_id not in known:
                tweet = Tweet(
                    status_id=status_id,
                    handle=handle,
                    url=f"https://twitter.com/{handle}/status/{status_id}",
                )
                try:
                    with racing_insert(session):
                        session.add(tweet)
                        session.flush()
                    known[status_id] = tweet.id
                except IntegrityError:  # another editor recorded it a moment ago
                    known[status_id] = session.scalars(
                        select(Tweet.id).where(Tweet.status_id == status_id)
                    ).one()
        tweet_ids = set(known.values())

    if not new:
        session.execute(delete(story_images).where(story_images.c.story_id == story_id))
        session.execute(delete(story_tweets).where(story_tweets.c.story_id == story_id))
        session.execute(delete(RELATED).where(RELATED.c.story_id == story_id))
    if image_ids:
        session.execute(
            insert(story_images), [{"story_id": story_id, "image_id": i} for i in image_ids]
        )
    if tweet_ids:
        session.execute(
            insert(story_tweets), [{"story_id": story_id, "tweet_id": i} for i in tweet_ids]
        )
    related_rows = _related_rows(session, story_id, draft.related)
    if related_rows:
        session.execute(insert(RELATED), related_rows)
    return as_related(related_rows)


def _keep_revision(
    session: Session, record: StoryRecord, *, number: int, author: str, note: str
) -> None:
    check_lengths(Revision, {"author": author, "note": note}, "the revision")
    session.connection().execute(
        INSERT_REVISION,
        {
            "story_id": record.id,
            "number": number,
            "author": author,
            "saved": record.updated,
            "note": note,
            "headline": record.headline,
            "slug": record.slug,
            "standfirst": record.standfirst,
            "byline": record.byline,
            "dateline": record.dateline,
            "section": record.section,
            "tags": list(record.tags),
            "status": record.status,
            "body": record.body,
            "publish_time": record.publish_time,
            "related": [link.as_dict() for link in record.related],
        },
    )


def create_story(
    session: Session,
    draft: StoryDraft,
    *,
    author: str,
    strict_slug: bool = True,
    note: str = "created",
) -> StoryRecord:
    """Add a new story and its first revision."""
    draft = clean_draft(draft)
    now = utcnow()
    refs = references(draft.body)  # the body is scanned once, here, for all that follows
    fields = _fields(draft, refs)
    slug_fixed = bool(draft.slug and draft.slug.strip())  # else it follows the headline
    for attempt in range(5):
        slug = _choose_slug(session, draft, None, strict_slug)
        try:
            with racing_insert(session):
                row = {
                    "slug": slug,
                    "slug_fixed": slug_fixed,
                    "created": now,
                    "updated": now,
                    "version": 1,
                    **fields,
                }
                story_id = session.connection().execute(INSERT_STORY, row).scalar_one()
            break
        except IntegrityError as exc:
            # Another editor's new story took the slug a moment ago (PostgreSQL only).
            if strict_slug or attempt == 4 or "slug" not in str(exc.orig):
                raise ValidationError(
                    f"slug {slug!r} was taken by another story a moment ago; choose another"
                ) from exc
    related = _sync_links(session, story_id, draft, refs, new=True)
    record = StoryRecord(
        id=story_id,
        version=1,
        slug=slug,
        created=now,
        updated=now,
        related=related,
        slug_fixed=slug_fixed,
        **{**fields, "tags": draft.tags},
    )
    _keep_revision(session, record, number=1, author=author, note=note)
    return record


def save_story(
    session: Session,
    story_id: int,
    draft: StoryDraft,
    *,
    base_version: int,
    author: str,
    note: str = "",
    window: str | None = None,
    force: bool = False,
) -> StoryRecord:
    """Save `draft` over the story if nobody saved since `base_version`; else ConflictError.

    Only the window holding the story's edit lock (`window`), or anyone while nobody holds
    it, may save; LockedError otherwise, unless `force`. A plain save (no `note`) that
    changes nothing makes no revision: the stored story is returned as it is."""
    story = load_story(session, story_id)
    if not force:
        from editordesk.services.locks import check_holder

        check_holder(session, story_id, window, doing="saved")
    if story.version != base_version:
        raise ConflictError(story_id, base_version, story.version)
    draft = clean_draft(draft)
    if not note and _unchanged(session, story, draft):  # a restore is still recorded
        return story_record(session, story)
    if draft.slug is not None and draft.slug.strip():
        slug = _choose_slug(session, draft, story_id, strict=True)
        if slug != story.slug:  # a new one typed: from now on it stays
            story.slug, story.slug_fixed = slug, True
    elif draft.slug_from_headline and not story.slug_fixed:
        story.slug = _unique_slug(session, slugify(draft.headline), story_id)
    # Otherwise the slug is kept: links to a story must not break.
    refs = references(draft.body)
    for name, value in _fields(draft, refs).items():
        setattr(story, name, value)
    story.updated = utcnow()
    try:
        session.flush()
    except StaleDataError:
        # Someone committed between our read and our write: the version guard caught it.
        raise ConflictError(story_id, base_version, base_version + 1) from None
    except IntegrityError as exc:  # a new story took this slug a moment ago (PostgreSQL)
        raise ValidationError(
            f"slug {story.slug!r} was taken by another story a moment ago; choose another"
        ) from exc
    record = story_record(session, story, _sync_links(session, story_id, draft, refs, new=False))
    number = session.scalar(select(func.max(Revision.number)).where(Revision.story_id == story_id))
    _keep_revision(session, record, number=(number or 0) + 1, author=author, note=note)
    return record


_COMPARED = (
    "headline",
    "standfirst",
    "byline",
    "dateline",
    "section",
    "tags",
    "status",
    "body",
    "publish_time",
    "related",
)


def _unchanged(session: Session, story: Story, draft: StoryDraft) -> bool:
    """Whether saving `draft` would leave the story exactly as stored (then no revision)."""
    if draft.slug is not None and draft.slug != story.slug:
        return False
    stored = story_record(session, story)
    return all(getattr(draft, name) == getattr(stored, name) for name in _COMPARED)


def restore_revision(
    session: Session,
    story_id: int,
    number: int,
    *,
    base_version: int,
    author: str,
    window: str | None = None,
    force: bool = False,
) -> StoryRecord:
    """Make revision `number` the current text; the restore is itself a new revision. Only
    the window holding the story's lock (or anyone while nobody does) may, unless `force`."""
    if not force:
        from editordesk.services.locks import check_holder

        check_holder(session, story_id, window, doing="reverted")
    revision = session.scalars(
        select(Revision).where(Revision.story_id == story_id, Revision.number == number)
    ).first()
    if revision is None:
        raise NotFoundError(f"story {story_id} has no revision {number}")
    draft = revision_draft(revision)
    slug_owner = session.scalar(select(Story.id).where(Story.slug == draft.slug))
    if slug_owner not in (None, story_id):
        draft = replace(draft, slug=None)  # another story took the old slug since
    related = []
    for link in draft.related:
        # A story the revision linked to may be gone since; keep the link by its slug.
        if link.story_id is not None and session.get(Story, link.story_id) is None:
            link = replace(link, story_id=None)
        related.append(link)
    return save_story(
        session,
        story_id,
        replace(draft, related=tuple(related)),
        base_version=base_version,
        author=author,
        note=f"restored revision {number}",
        window=window,
        force=force,
    )


def delete_story(session: Session, story_id: int) -> None:
    """Delete the story for good, with its revisions."""
    session.delete(load_story(session, story_id))
    session.flush()


def trash_stories(session: Session, story_ids: Sequence[int]) -> int:
    """Move the stories to the trash (kept, out of the list, until restored or emptied)."""
    for story_id in story_ids:
        load_story(session, story_id)  # each must exist
    # Not through the ORM: the version stays, so a window with the story open can still save.
    session.execute(
        update(STORIES)
        .where(STORIES.c.id.in_(list(story_ids)), STORIES.c.trashed.is_(None))
        .values(trashed=utcnow())
    )
    return len(story_ids)


def restore_stories(session: Session, story_ids: Sequence[int]) -> int:
    """Bring stories back from the trash, as they were."""
    for story_id in story_ids:
        load_story(session, story_id)
    session.execute(update(STORIES).where(STORIES.c.id.in_(list(story_ids))).values(trashed=None))
    return len(story_ids)


def empty_trash(session: Session) -> int:
    """Delete every story in the trash for good; returns how many went."""
    stories = session.scalars(select(Story).where(Story.trashed.is_not(None))).all()
    for story in stories:
        session.delete(story)
    session.flush()
    return len(stories)


def count_trash(session: Session) -> int:
    return session.scalar(select(func.count(Story.id)).where(Story.trashed.is_not(None))) or 0


def set_status(
    session: Session, story_ids: Sequence[int], status: StoryStatus | str, *, author: str
) -> list[StoryRecord]:
    """Give each story `status`, each as a new revision (spiking is `StoryStatus.SPIKED`)."""
    wanted = parse_status(status)
    out = []
    for story_id in story_ids:
        story = load_story(session, story_id)
        if story.status == wanted:
            out.append(story_record(session, story))
            continue
        draft = replace(story_record(session, story).draft(), status=wanted, slug=None)
        out.append(
            save_story(
                session,
                story_id,
                draft,
                base_version=story.version,
                author=author,
                note=f"status set to {wanted.value}",
            )
        )
    return out


def duplicate_story(session: Session, story_id: int, *, author: str) -> StoryRecord:
    """A new draft with the story's fields and body, its slug following its headline."""
    source = story_record(session, load_story(session, story_id))
    draft = replace(source.draft(), slug=None, status=StoryStatus.DRAFT)
    return create_story(session, draft, author=author, note=f"copied from story {story_id}")


def slug_owner(session: Session, slug: str, story_id: int | None) -> StoryRecord | None:
    """The other story that has `slug`, if any (for checking a slug as it is typed)."""
    found = session.scalars(
        select(Story).where(Story.slug == slug.strip(), Story.id != (story_id or -1))
    ).first()
    return story_record(session, found) if found else None


def fix_slugs(session: Session, story_ids: Sequence[int]) -> None:
    """The stories were exported: from now on their slugs stay as they are."""
    if story_ids:  # the version stays: an open window's next save is no conflict
        session.execute(
            update(STORIES).where(STORIES.c.id.in_(list(story_ids))).values(slug_fixed=True)
        )
