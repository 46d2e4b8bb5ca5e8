"""Publishing use cases: add, list and remove sites; publish stories to one.

A site's address and account live in the store (every editor of a desk publishes to the same
sites, and the post each story became is kept per story and site); its application password
lives in the system keyring, or comes from EDITORDESK_SITE_PASSWORD for scripts. Publishing is
done in an order that never leaves anything half-done: pictures first (each recorded the moment
it is uploaded, so a retry never uploads it twice), then the post in one request, recorded at
once; a failure before the post leaves the post as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from editordesk.document.preflight import has_errors
from editordesk.errors import EditorDeskError, NotFoundError, ValidationError
from editordesk.export.html import HtmlOptions, render_html
from editordesk.model import ImageRecord, RelatedRecord
from editordesk.publish.base import (
    STATUSES,
    NoAnswerError,
    PublishError,
    RemoteEditedError,
    Site,
    Target,
)
from editordesk.publish.content import (
    build_post,
    picture_fingerprint,
    picture_for,
    post_fingerprint,
    text_field,
)
from editordesk.publish.wordpress import WordPress, normalise_url
from editordesk.services.exporting import check_story, load_bundle
from editordesk.store.db import Store
from editordesk.store.models import PublishedMedia, PublishedPost, PublishSite, Story, utcnow

PASSWORD_ENV = "EDITORDESK_SITE_PASSWORD"
KEYRING_SERVICE = "EditorDesk"
TARGETS: dict[str, Callable[[Site, str], Target]] = {"wordpress": WordPress}
Progress = Callable[[int, int, str], None]
CREATING = 0  # a post id no site uses: the post was sent, and no answer has come back yet


@dataclass(frozen=True)
class SiteRecord:
    id: int
    name: str
    url: str
    user: str
    kind: str
    categories: dict[str, str] = field(default_factory=dict)

    def site(self) -> Site:
        return Site(self.name, self.url, self.user, self.kind, dict(self.categories))


@dataclass(frozen=True)
class PublishResult:
    """One story published: what the site answered, and what it took."""

    story_id: int
    site: str
    post_id: int
    url: str
    status: str
    pictures_uploaded: int
    created: bool
    unchanged: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "story": self.story_id,
            "site": self.site,
            "post_id": self.post_id,
            "url": self.url,
            "status": self.status,
            "pictures_uploaded": self.pictures_uploaded,
        }


@dataclass(frozen=True)
class PublishOutcome:
    story_id: int
    result: PublishResult | None = None
    error: str | None = None
    edited_on_site: bool = False  # refused: overwriting needs the editor's say-so


@dataclass(frozen=True)
class Publication:
    """Where a story is published, as the story's panel shows it."""

    site: str
    post_id: int
    url: str
    status: str
    published: dt.datetime
    changed_since: bool  # the story was saved again after it was published


# passwords


def keyring_available() -> bool:
    """Whether a system keyring can keep passwords here (else the window asks once a session
    and the command line reads EDITORDESK_SITE_PASSWORD)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration is "no keyring" to us
        return False
    if isinstance(backend, fail.Keyring):
        return False
    return not (hasattr(backend, "backends") and not backend.backends)


def _key(url: str, user: str) -> str:
    return f"{user}@{normalise_url(url)}"


def save_password(url: str, user: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is none."""
    if not keyring_available():
        return False
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, _key(url, user), password)
    except keyring.errors.KeyringError:
        return False
    return True


def stored_password(url: str, user: str) -> str | None:
    """The password from EDITORDESK_SITE_PASSWORD, else from the keyring, else None."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not keyring_available():
        return None
    import keyring
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, _key(url, user))
    except keyring.errors.KeyringError:
        return None


def forget_password(url: str, user: str) -> None:
    if not keyring_available():
        return
    import keyring
    import keyring.errors

    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(KEYRING_SERVICE, _key(url, user))


def password_for(site: SiteRecord) -> str:
    """The site's password for the command line, or a sentence saying where to put it."""
    password = stored_password(site.url, site.user)
    if not password:
        where = (
            "the system keyring has none for it"
            if keyring_available()
            else ("there is no system keyring here")
        )
        raise ValidationError(
            f"no password for the site {site.name}: {where}; set {PASSWORD_ENV} to its "
            "application password"
        )
    return password


# sites


def _record(row: PublishSite) -> SiteRecord:
    categories = row.settings.get("categories", {}) if isinstance(row.settings, dict) else {}
    return SiteRecord(row.id, row.name, row.url, row.user, row.kind, dict(categories))


def _check_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("a site needs a name")
    if len(clean) > 100:
        raise ValidationError("a site's name is at most 100 characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise ValidationError("a site's name cannot hold control characters")
    return clean


def make_target(site: SiteRecord | Site, password: str) -> Target:
    plain = site.site() if isinstance(site, SiteRecord) else site
    factory = TARGETS.get(plain.kind)
    if factory is None:
        raise ValidationError(
            f"the site {plain.name} is of a kind this EditorDesk cannot publish to"
        )
    return factory(plain, password)


def check_site(name: str, url: str, user: str, password: str) -> str:
    """Ask the site who this account is (/wp-json/wp/v2/users/me); the account's name."""
    site = Site(_check_name(name), normalise_url(url), user.strip())
    if not site.user:
        raise ValidationError("a site needs the user name to publish as")
    if not password.strip():
        raise ValidationError(f"no application password given for {site.name}")
    return make_target(site, password).whoami()


def add_site(
    store: Store,
    name: str,
    url: str,
    user: str,
    password: str,
    *,
    categories: dict[str, str] | None = None,
) -> tuple[SiteRecord, str, bool]:
    """Check the site at once, then keep it: (the site, the account's name on it, whether the
    password went to the keyring). Nothing is kept when the check fails."""
    clean = _check_name(name)
    with store.read() as session:
        if session.scalars(select(PublishSite).where(PublishSite.name == clean)).first():
            raise ValidationError(f"there is a site called {clean} already; remove it first")
    who = check_site(clean, url, user, password)
    with store.write() as session:
        row = PublishSite(
            name=clean,
            kind="wordpress",
            url=normalise_url(url),
            user=user.strip(),
            settings={"categories": dict(categories or {})},
        )
        session.add(row)
        session.flush()
        record = _record(row)
    kept = save_password(record.url, record.user, password)
    return record, who, kept


def list_sites(session: Session) -> list[SiteRecord]:
    return [_record(r) for r in session.scalars(select(PublishSite).order_by(PublishSite.name))]


def get_site(session: Session, name: str) -> SiteRecord:
    row = session.scalars(select(PublishSite).where(PublishSite.name == " ".join(name.split())))
    found = row.first()
    if found is None:
        known = ", ".join(s.name for s in list_sites(session)) or "none yet"
        raise NotFoundError(
            f"no site called {name!r} (sites: {known}); add one with `editordesk sites add`"
        )
    return _record(found)


def remove_site(store: Store, name: str) -> SiteRecord:
    """Forget the site, the posts published there and its password (the site keeps them)."""
    with store.write() as session:
        site = get_site(session, name)
        row = session.get(PublishSite, site.id)
        session.delete(row)
    forget_password(site.url, site.user)
    return site


def set_categories(store: Store, name: str, categories: dict[str, str]) -> SiteRecord:
    """Map the desk's sections to the site's categories."""
    with store.write() as session:
        site = get_site(session, name)
        row = session.get(PublishSite, site.id)
        assert row is not None
        row.settings = {**(row.settings or {}), "categories": dict(categories)}
        return _record(row)


# where stories are published


def publications(session: Session, story_id: int) -> list[Publication]:
    rows = session.execute(
        select(PublishedPost, PublishSite.name, Story.version)
        .join(PublishSite, PublishSite.id == PublishedPost.site_id)
        .join(Story, Story.id == PublishedPost.story_id)
        .where(PublishedPost.story_id == story_id, PublishedPost.post_id != CREATING)
        .order_by(PublishSite.name)
    ).all()
    return [
        Publication(name, p.post_id, p.url, p.status, p.published, version > p.story_version)
        for p, name, version in rows
    ]


def published_story_ids(session: Session, site: str | None = None) -> set[int]:
    """The stories published anywhere (or to `site`), for the story list's filter."""
    query = select(PublishedPost.story_id).where(PublishedPost.post_id != CREATING)
    if site is not None:
        query = query.join(PublishSite).where(PublishSite.name == site)
    return set(session.scalars(query))


# publishing


def publish_stories(
    store: Store,
    story_ids: Sequence[int],
    site_name: str,
    password: str,
    *,
    status: str = "draft",
    overwrite: bool = False,
    template_dir: Any = None,
    progress: Progress | None = None,
) -> list[PublishOutcome]:
    """Publish each story; one that fails does not stop the rest."""
    with store.read() as session:
        site = get_site(session, site_name)
    target = make_target(site, password)
    out = []
    for done, story_id in enumerate(story_ids):
        if progress:
            progress(done, len(story_ids), f"story {story_id}")
        try:
            result = publish_story(
                store,
                story_id,
                site,
                target,
                status=status,
                overwrite=overwrite,
                template_dir=template_dir,
            )
            out.append(PublishOutcome(story_id, result=result))
        except RemoteEditedError as exc:
            out.append(PublishOutcome(story_id, error=str(exc), edited_on_site=True))
        except EditorDeskError as exc:
            out.append(PublishOutcome(story_id, error=str(exc)))
    if progress:
        progress(len(story_ids), len(story_ids), "done")
    return out


def publish_story(
    store: Store,
    story_id: int,
    site: SiteRecord,
    target: Target,
    *,
    status: str = "draft",
    overwrite: bool = False,
    featured_image_id: int | None = None,
    template_dir: Any = None,
) -> PublishResult:
    """Publish one story to one site: create its post, or update the one it became."""
    if status not in STATUSES:
        raise ValidationError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    with store.read() as session:
        bundle = load_bundle(session, story_id)
        row = session.scalars(
            select(PublishedPost).where(
                PublishedPost.story_id == story_id, PublishedPost.site_id == site.id
            )
        ).first()
        known = (row.post_id, row.remote_modified, row.fingerprint) if row else None
        links = _related_links(session, bundle.story.related, site)
        images = _distinct(bundle.images_in_order())
        media_rows = {
            m.sha256: (m.media_id, m.url, m.fingerprint)
            for m in session.scalars(
                select(PublishedMedia).where(
                    PublishedMedia.site_id == site.id,
                    PublishedMedia.sha256.in_([i.sha256 for i in images]),
                )
            )
        }
    findings = check_story(bundle, store.media)
    if has_errors(findings):
        first = next(f for f in findings if f.severity.value == "error")
        raise PublishError(f"story {story_id} is not ready to publish: {first}; nothing was sent")
    fragment = render_html(
        bundle.article, store.media, HtmlOptions(fragment=True, template_dir=template_dir)
    ).text

    # 1. the post as the site has it now: deleted there, or edited there since?
    post_id: int | None = None
    if known is not None and known[0] == CREATING:
        # An earlier attempt sent the post and never heard back (a timeout, a crash): the
        # site may have made it. Adopt that post rather than make a second one.
        adopted = target.find_post(bundle.story.slug, text_field(bundle.story.headline))
        post_id = adopted.id if adopted is not None else None
    elif known is not None:
        remote = target.get_post(known[0])
        if remote is not None:
            post_id = remote.id
            if remote.revision != known[1] and not overwrite:
                raise RemoteEditedError(
                    f"post {remote.id} on {site.name} was edited on the site since EditorDesk "
                    f"last published story {story_id} (modified {remote.modified_gmt} UTC); "
                    "publishing again would overwrite those edits"
                )

    # 2. pictures: each uploaded once per site; a changed caption updates the one there
    if media_rows:
        present = target.existing_media([m[0] for m in media_rows.values()])
        media_rows = {sha: m for sha, m in media_rows.items() if m[0] in present}
    uploaded = 0
    for image in images:
        fingerprint = picture_fingerprint(image)
        if image.sha256 in media_rows:
            media_id, url, was = media_rows[image.sha256]
            if was != fingerprint:
                target.update_media(media_id, picture_for(image, store.media))
                _record_media(store, site.id, image.sha256, media_id, url, fingerprint)
                media_rows[image.sha256] = (media_id, url, fingerprint)
            continue
        made = target.upload(picture_for(image, store.media))
        uploaded += 1
        _record_media(store, site.id, image.sha256, made.id, made.url, fingerprint)
        media_rows[image.sha256] = (made.id, made.url, fingerprint)

    featured = next((i for i in images if i.id == featured_image_id), None)
    featured = featured or (images[0] if images else None)
    post = build_post(
        bundle,
        fragment,
        {sha: m[1] for sha, m in media_rows.items()},
        status,
        site.categories.get(bundle.story.section, bundle.story.section),
        media_rows[featured.sha256][0] if featured else None,
        links,
    )
    fingerprint = post_fingerprint(post)

    # 3. the post, in one request, recorded at once
    if post_id is not None and known is not None and known[2] == fingerprint and not overwrite:
        with store.write() as session:
            kept = session.scalars(
                select(PublishedPost).where(
                    PublishedPost.story_id == story_id, PublishedPost.site_id == site.id
                )
            ).one()
            kept.story_version = bundle.story.version
            result = PublishResult(
                story_id, site.name, kept.post_id, kept.url, kept.status, uploaded, False, True
            )
        return result
    if post_id is None:
        _mark_creating(store, story_id, site.id)
    try:
        saved = target.save_post(post, post_id)
    except NoAnswerError:
        raise  # the site may have made it: the mark stays, and the retry looks for it
    except PublishError:
        if post_id is None:  # refused, or never reached: nothing was made
            _clear_creating(store, story_id, site.id)
        raise
    with store.write() as session:
        found = session.scalars(
            select(PublishedPost).where(
                PublishedPost.story_id == story_id, PublishedPost.site_id == site.id
            )
        ).first()
        if found is None:
            found = PublishedPost(story_id=story_id, site_id=site.id)
            session.add(found)
        kept = found
        kept.post_id = saved.id
        kept.url = saved.url
        kept.status = saved.status
        kept.remote_modified = saved.revision
        kept.fingerprint = fingerprint
        kept.story_version = bundle.story.version
        kept.published = utcnow()
    return PublishResult(
        story_id, site.name, saved.id, saved.url, saved.status, uploaded, post_id is None
    )


def _related_links(
    session: Session, related: tuple[RelatedRecord, ...], site: SiteRecord
) -> dict[str, str]:
    """Each related story of the store -> its post on this site, or the address WordPress
    resolves by slug once it is published there."""
    slugs = {r.story_id: r.story_slug for r in related if r.story_id and r.story_slug}
    if not slugs:
        return {}
    rows = session.execute(
        select(PublishedPost.story_id, PublishedPost.url).where(
            PublishedPost.site_id == site.id,
            PublishedPost.story_id.in_(list(slugs)),
            PublishedPost.post_id != CREATING,
        )
    ).all()
    posts = {story_id: url for story_id, url in rows}
    return {
        slug: posts.get(story_id) or f"{site.url}/?name={urllib.parse.quote(slug)}"
        for story_id, slug in slugs.items()
        if slug
    }


def _mark_creating(store: Store, story_id: int, site_id: int) -> None:
    """Note, before the post is sent, that it is being made: a retry after no answer then
    looks for it on the site instead of making another."""
    with store.write() as session:
        row = session.scalars(
            select(PublishedPost).where(
                PublishedPost.story_id == story_id, PublishedPost.site_id == site_id
            )
        ).first()
        if row is None:
            row = PublishedPost(story_id=story_id, site_id=site_id)
            session.add(row)
        row.post_id = CREATING
        row.url = ""
        row.status = ""
        row.remote_modified = ""
        row.fingerprint = ""
        row.story_version = 0


def _clear_creating(store: Store, story_id: int, site_id: int) -> None:
    with store.write() as session:
        row = session.scalars(
            select(PublishedPost).where(
                PublishedPost.story_id == story_id,
                PublishedPost.site_id == site_id,
                PublishedPost.post_id == CREATING,
            )
        ).first()
        if row is not None:
            session.delete(row)


def _distinct(images: list[ImageRecord]) -> list[ImageRecord]:
    seen: set[str] = set()
    out = []
    for image in images:
        if image.sha256 not in seen:
            seen.add(image.sha256)
            out.append(image)
    return out


def _record_media(
    store: Store, site_id: int, sha256: str, media_id: int, url: str, fingerprint: str
) -> None:
    with store.write() as session:
        row = session.scalars(
            select(PublishedMedia).where(
                PublishedMedia.site_id == site_id, PublishedMedia.sha256 == sha256
            )
        ).first()
        if row is None:
            row = PublishedMedia(site_id=site_id, sha256=sha256)
            session.add(row)
        row.media_id = media_id
        row.url = url
        row.fingerprint = fingerprint
        row.uploaded = utcnow()
