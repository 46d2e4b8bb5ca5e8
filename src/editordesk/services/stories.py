"""Stories: create, save (with optimistic locking), list, search, revisions and restore."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, text, update
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
from editordesk.services.tweets import in_batches
from editordesk.store import search
from editordesk.store.models import (
    Image,
    PublishedPost,
    RelatedLink,
    Revision,
    Story,
    StoryStatus,
    Tweet,
    byline_sort_key,
    headline_sort_key,
    story_images,
    story_tweets,
    utcnow,
)
from editordesk.text import check_slug, check_url, slugify, utc_time

__all__ = [
    "RelatedRecord",
    "RevisionRecord",
    "StoryDraft",
    "StoryRecord",
    "StorySummary",
]

# ---------------------------------------------------------------- checks


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


def _clean_draft(draft: StoryDraft) -> StoryDraft:
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

STORIES = Story.__table__
REVISIONS = Revision.__table__
RELATED = RelatedLink.__table__
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


def _as_related(rows: list[dict[str, Any]]) -> tuple[RelatedRecord, ...]:
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
    return _as_related(related_rows)


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
    draft = _clean_draft(draft)
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
    story = _load(session, story_id)
    if not force:
        from editordesk.services.locks import check_holder

        check_holder(session, story_id, window, doing="saved")
    if story.version != base_version:
        raise ConflictError(story_id, base_version, story.version)
    draft = _clean_draft(draft)
    if not note and _unchanged(session, story, draft):  # a restore is still recorded
        return _record(session, story)
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
    record = _record(session, story, _sync_links(session, story_id, draft, refs, new=False))
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
    stored = _record(session, story)
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
    draft = _revision_draft(revision)
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
    session.delete(_load(session, story_id))
    session.flush()


def trash_stories(session: Session, story_ids: Sequence[int]) -> int:
    """Move the stories to the trash (kept, out of the list, until restored or emptied)."""
    for story_id in story_ids:
        _load(session, story_id)  # each must exist
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
        _load(session, story_id)
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
        story = _load(session, story_id)
        if story.status == wanted:
            out.append(_record(session, story))
            continue
        draft = replace(_record(session, story).draft(), status=wanted, slug=None)
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
    source = _record(session, _load(session, story_id))
    draft = replace(source.draft(), slug=None, status=StoryStatus.DRAFT)
    return create_story(session, draft, author=author, note=f"copied from story {story_id}")


def slug_owner(session: Session, slug: str, story_id: int | None) -> StoryRecord | None:
    """The other story that has `slug`, if any (for checking a slug as it is typed)."""
    found = session.scalars(
        select(Story).where(Story.slug == slug.strip(), Story.id != (story_id or -1))
    ).first()
    return _record(session, found) if found else None


def fix_slugs(session: Session, story_ids: Sequence[int]) -> None:
    """The stories were exported: from now on their slugs stay as they are."""
    if story_ids:  # the version stays: an open window's next save is no conflict
        session.execute(
            update(STORIES).where(STORIES.c.id.in_(list(story_ids))).values(slug_fixed=True)
        )


# ---------------------------------------------------------------- reading


def _load(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    return story


def _record(
    session: Session, story: Story, related: tuple[RelatedRecord, ...] | None = None
) -> StoryRecord:
    if related is None:
        related = _as_related(
            [
                {c.name: getattr(link, c.key) for c in RELATED.columns}
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
    )


def get_story(session: Session, story_id: int) -> StoryRecord:
    return _record(session, _load(session, story_id))


def find_by_slug(session: Session, slug: str) -> StoryRecord | None:
    story = session.scalars(select(Story).where(Story.slug == slug)).first()
    return _record(session, story) if story else None


def _revision_draft(revision: Revision) -> StoryDraft:
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
    _load(session, story_id)
    rows = session.scalars(
        select(Revision).where(Revision.story_id == story_id).order_by(Revision.number.desc())
    )
    return [RevisionRecord(r.number, r.author, r.saved, r.note, _revision_draft(r)) for r in rows]


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
        matches = search.matches(session, query, top=limit + offset if ranked_only else None)
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
