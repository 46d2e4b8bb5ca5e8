"""The store's tables as typed SQLAlchemy models.

Bodies hold figures and tweets as shortcodes that point at Image and Tweet records, so a credit
or a tweet's text is kept once and every story that uses it shows the current one. The
`story_images` and `story_tweets` tables are derived from the body on every save; they answer
"where is this image used?" without parsing bodies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from editordesk.model import StoryStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every engine (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware one")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime()}


status_type = Enum(
    StoryStatus,
    name="story_status",
    native_enum=False,
    length=16,
    values_callable=lambda members: [m.value for m in members],
    validate_strings=True,
)

story_images = Table(
    "story_images",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("image_id", ForeignKey("images.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_story_images_image_id", "image_id"),
)

story_tweets = Table(
    "story_tweets",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("tweet_id", ForeignKey("tweets.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_story_tweets_tweet_id", "tweet_id"),
)


class Story(Base):
    """One story: its fields, its Markdown body and a version counter for safe saves."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    standfirst: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(String(300), default="")
    dateline: Mapped[str] = mapped_column(String(300), default="")
    section: Mapped[str] = mapped_column(String(200), default="", index=True)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[StoryStatus] = mapped_column(status_type, default=StoryStatus.DRAFT, index=True)
    publish_time: Mapped[dt.datetime | None]
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    # When the story went to the trash; NULL while it is on the desk.
    trashed: Mapped[dt.datetime | None]
    # The slug no longer follows the headline: the editor typed it, or it was exported.
    slug_fixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=true())
    # Last, so reading the list's columns never walks a long body's overflow pages.
    body: Mapped[str] = mapped_column(Text, default="")

    revisions: Mapped[list[Revision]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Revision.number",
    )
    related: Mapped[list[RelatedLink]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RelatedLink.position",
        foreign_keys="RelatedLink.story_id",
    )
    images: Mapped[list[Image]] = relationship(secondary=story_images, back_populates="stories")
    tweets: Mapped[list[Tweet]] = relationship(secondary=story_tweets, back_populates="stories")

    __mapper_args__ = {"version_id_col": version}


# The list sorts headlines and bylines ignoring case, the same on both engines (SQLite would
# put "van Dyke" after "Young"), and headlines on their first HEADLINE_SORT_CHARS: a btree
# entry must stay small on PostgreSQL, and a headline has no length limit. The numbers are
# literals so that each engine sees its index's own expression in the list's ORDER BY.
HEADLINE_SORT_CHARS = 200
headline_sort_key = func.lower(
    func.substr(Story.headline, literal_column("1"), literal_column(str(HEADLINE_SORT_CHARS)))
)
byline_sort_key = func.lower(Story.byline)
# Each with the id that breaks its ties: a click on a column header reads the first page
# from the index instead of sorting every story.
Index("ix_stories_list_headline", headline_sort_key, Story.id)
Index("ix_stories_list_byline", byline_sort_key, Story.id)
Index("ix_stories_list_words", Story.word_count, Story.id)


class Revision(Base):
    """A full copy of a story as one save left it; restoring one makes a new save."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("story_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(300), default="")
    saved: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(String(300), default="")
    headline: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str] = mapped_column(String(200), default="")
    standfirst: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(String(300), default="")
    dateline: Mapped[str] = mapped_column(String(300), default="")
    section: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[StoryStatus] = mapped_column(status_type, default=StoryStatus.DRAFT)
    publish_time: Mapped[dt.datetime | None]
    related: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    body: Mapped[str] = mapped_column(Text, default="")

    story: Mapped[Story] = relationship(back_populates="revisions")


class Image(Base):
    """An image file kept once in the media folder by the SHA-256 of its bytes."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(String(300))  # relative to the media folder
    original_name: Mapped[str] = mapped_column(String(300), default="")
    mime_type: Mapped[str] = mapped_column(String(100), default="")
    byte_size: Mapped[int] = mapped_column(BigInteger, default=0)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str] = mapped_column(String(500), default="")
    creator: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    copyright: Mapped[str] = mapped_column(String(500), default="")
    licence: Mapped[str] = mapped_column(String(300), default="")
    alt_text: Mapped[str] = mapped_column(Text, default="")
    imported: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Counts saves of the details above, so a save based on an older card is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    stories: Mapped[list[Story]] = relationship(secondary=story_images, back_populates="images")


class ImageRevision(Base):
    """A picture's details as one save left them (caption, credit, alt text and the rest)."""

    __tablename__ = "image_revisions"
    __table_args__ = (UniqueConstraint("image_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(300), default="")
    saved: Mapped[dt.datetime] = mapped_column(default=utcnow)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Tweet(Base):
    """A tweet as the desk recorded it, so an embed reads in full with no network."""

    __tablename__ = "tweets"

    id: Mapped[int] = mapped_column(primary_key=True)
    status_id: Mapped[str] = mapped_column(String(32), unique=True)  # digits; may exceed 2**63
    handle: Mapped[str] = mapped_column(String(50))
    url: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    posted: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(20), default="")
    updated: Mapped[dt.datetime] = mapped_column(default=utcnow)

    stories: Mapped[list[Story]] = relationship(secondary=story_tweets, back_populates="tweets")


class RelatedLink(Base):
    """A "Related" entry: another story of the store, or an external http(s) page.

    An internal link keeps the target's slug too, so a link whose story was deleted (or not
    imported yet) is still known for what it pointed at.
    """

    __tablename__ = "related_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    target_story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    target_slug: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    title: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[dt.date | None] = mapped_column(Date)
    section: Mapped[str] = mapped_column(String(200), default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")

    story: Mapped[Story] = relationship(back_populates="related", foreign_keys=[story_id])
    target: Mapped[Story | None] = relationship(foreign_keys=[target_story_id])


class Autosave(Base):
    """Unsaved text of one open editor tab, replaced every autosave and removed on save.

    `key` names the tab (a new story has no id yet); `base_version` is the version the editor
    started from, so recovery can tell whether someone saved the story since."""

    __tablename__ = "autosaves"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    base_version: Mapped[int | None] = mapped_column(Integer)
    editor: Mapped[str] = mapped_column(String(300), index=True)
    saved: Mapped[dt.datetime] = mapped_column(default=utcnow)
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Which window kept it, on which computer, account and process: recovery offers only
    # text whose window is gone, never a live window's.
    window: Mapped[str] = mapped_column(String(64), default="", server_default="")
    host: Mapped[str] = mapped_column(String(255), default="", server_default="")
    account: Mapped[str] = mapped_column(String(100), default="", server_default="")
    pid: Mapped[int | None] = mapped_column(Integer)


class EditLock(Base):
    """A soft lock: one window is editing the story. Others see who and since when; the lock
    holds until `expires`, which each heartbeat moves on, so a crashed window's lock runs
    out by itself."""

    __tablename__ = "edit_locks"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(300))  # the editor's name
    window: Mapped[str] = mapped_column(String(64), index=True)  # which window holds it
    since: Mapped[dt.datetime]
    heartbeat: Mapped[dt.datetime]
    expires: Mapped[dt.datetime]
    # The window's computer, account and process: a lock whose process is gone on this
    # computer is taken back at once instead of waiting for it to expire.
    host: Mapped[str] = mapped_column(String(255), default="", server_default="")
    account: Mapped[str] = mapped_column(String(100), default="", server_default="")
    pid: Mapped[int | None] = mapped_column(Integer)


class StoreChange(Base):
    """One change to a story, a lock or an image, written by the database's triggers; open
    windows follow this log (polling it, or woken by PostgreSQL's NOTIFY)."""

    __tablename__ = "store_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # story, lock, image
    action: Mapped[str] = mapped_column(String(8))  # insert, update, delete
    item_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int | None] = mapped_column(Integer)


class StoreSetting(Base):
    """A setting every editor of the store shares (the media folder of a server store)."""

    __tablename__ = "store_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DeskWord(Base):
    """A word of the desk's dictionary: right for every editor of the store."""

    __tablename__ = "desk_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(200), unique=True)
    added_by: Mapped[str] = mapped_column(String(300), default="")
    added: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StorySpelling(Base):
    """A story's language (empty: the desk's) and the words ignored in it."""

    __tablename__ = "story_spelling"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(32), default="")
    ignored: Mapped[list[str]] = mapped_column(JSON, default=list)


class PublishSite(Base):
    """A site stories are published to (its password lives in the keyring, never here)."""

    __tablename__ = "publish_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(32), default="wordpress")
    url: Mapped[str] = mapped_column(String(500))
    user: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    added: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PublishedPost(Base):
    """Where a story is published: the site's post id, so publishing again updates it."""

    __tablename__ = "published_posts"
    __table_args__ = (UniqueConstraint("story_id", "site_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    site_id: Mapped[int] = mapped_column(
        ForeignKey("publish_sites.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int] = mapped_column(BigInteger)
    url: Mapped[str] = mapped_column(String(2000), default="")
    status: Mapped[str] = mapped_column(String(16), default="")
    remote_modified: Mapped[str] = mapped_column(String(32), default="")  # hash of the site's post
    fingerprint: Mapped[str] = mapped_column(String(64), default="")  # of what was sent
    story_version: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PublishedMedia(Base):
    """A picture already in a site's media library, by the SHA-256 of its bytes."""

    __tablename__ = "published_media"
    __table_args__ = (UniqueConstraint("site_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("publish_sites.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    media_id: Mapped[int] = mapped_column(BigInteger)
    url: Mapped[str] = mapped_column(String(2000), default="")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")  # of caption, alt…
    uploaded: Mapped[dt.datetime] = mapped_column(default=utcnow)


__all__ = [
    "Autosave",
    "Base",
    "DeskWord",
    "EditLock",
    "Image",
    "ImageRevision",
    "PublishSite",
    "PublishedMedia",
    "PublishedPost",
    "RelatedLink",
    "Revision",
    "StoreChange",
    "StoreSetting",
    "Story",
    "StorySpelling",
    "StoryStatus",
    "Tweet",
    "story_images",
    "story_tweets",
    "utcnow",
]
