"""The store's models on both engines: times kept as UTC instants, the version guard, what
deleting a story takes with it and what it may not, statuses and long tweet ids."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError

from editordesk.model import StoryStatus
from editordesk.store.db import Store
from editordesk.store.models import Image, RelatedLink, Revision, Story, Tweet


def _story(slug: str, **fields: object) -> Story:
    return Story(headline=slug.replace("-", " ").capitalize(), slug=slug, **fields)


def test_times_come_back_as_the_same_instant_in_utc(store: Store) -> None:
    summer = dt.datetime(2026, 7, 1, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with store.write() as session:
        session.add(_story("quay", publish_time=summer))
    with store.read() as session:
        kept = session.scalars(select(Story.publish_time)).one()
    assert kept == summer and kept is not None
    assert kept.utcoffset() == dt.timedelta(0) and kept.hour == 7


def test_a_naive_time_is_refused_and_nothing_is_stored(store: Store) -> None:
    with pytest.raises(StatementError, match="naive datetime"), store.write() as session:
        session.add(_story("quay", publish_time=dt.datetime(2026, 7, 1, 9, 15)))
    with store.read() as session:
        assert session.scalars(select(Story)).all() == []


def test_a_save_over_a_row_changed_meanwhile_is_refused_by_the_version(store: Store) -> None:
    with store.write() as session:
        session.add(_story("quay"))
    with pytest.raises(StaleDataError), store.write() as session:
        story = session.scalars(select(Story)).one()
        assert story.version == 1
        session.execute(text("UPDATE stories SET version = 2"))  # another save, unseen
        story.headline = "Quay stays shut"
    with store.read() as session:
        story = session.scalars(select(Story)).one()
        assert (story.headline, story.version) == ("Quay", 1)


def test_deleting_a_story_takes_its_revisions_and_related_links(store: Store) -> None:
    with store.write() as session:
        story = _story("quay")
        session.add(story)
        session.flush()
        session.add(Revision(story_id=story.id, number=1, author="Ana", note="created"))
        session.add(RelatedLink(story_id=story.id, position=0, url="https://example.org/a"))
    with store.write() as session:
        session.delete(session.scalars(select(Story)).one())
    with store.read() as session:
        assert session.scalars(select(Revision)).all() == []
        assert session.scalars(select(RelatedLink)).all() == []


def test_a_link_to_a_deleted_story_keeps_its_slug(store: Store) -> None:
    with store.write() as session:
        target, story = _story("ferry-cut"), _story("quay")
        session.add_all([target, story])
        session.flush()
        session.add(
            RelatedLink(
                story_id=story.id,
                position=0,
                target_story_id=target.id,
                target_slug=target.slug,
                title="Ferry cut",
            )
        )
    with store.write() as session:
        session.delete(session.scalars(select(Story).where(Story.slug == "ferry-cut")).one())
    with store.read() as session:
        link = session.scalars(select(RelatedLink)).one()
        assert (link.target_story_id, link.target_slug) == (None, "ferry-cut")


def test_a_picture_a_story_shows_cannot_be_deleted(store: Store) -> None:
    with store.write() as session:
        image = Image(sha256="ab" * 32, path="ab/abab.jpg", original_name="pier.jpg")
        session.add(_story("quay", images=[image]))
    with pytest.raises(IntegrityError), store.write() as session:
        session.execute(text("DELETE FROM images"))
    with store.read() as session:
        assert [i.original_name for i in session.scalars(select(Image))] == ["pier.jpg"]


def test_status_is_kept_as_its_word_and_an_unknown_word_is_refused(store: Store) -> None:
    with store.write() as session:
        session.add(_story("quay", status=StoryStatus.READY))
    with store.read() as session:
        assert session.execute(text("SELECT status FROM stories")).scalar_one() == "ready"
        assert session.scalars(select(Story.status)).one() is StoryStatus.READY
    with pytest.raises(StatementError), store.write() as session:
        session.execute(select(Story).where(Story.status == "lost")).all()


def test_a_tweet_id_past_64_bits_is_kept_exactly(store: Store) -> None:
    status_id = str(2**64 + 12345)
    with store.write() as session:
        session.add(
            Tweet(status_id=status_id, handle="jack", url=f"https://x.com/jack/{status_id}")
        )
    with store.read() as session:
        assert session.scalars(select(Tweet.status_id)).one() == status_id


def test_new_rows_are_stamped_with_the_time_they_were_made(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    with store.write() as session:
        session.add(_story("quay"))
    with store.read() as session:
        story = session.scalars(select(Story)).one()
        assert before <= story.created <= dt.datetime.now(dt.UTC)
        assert story.updated >= story.created
