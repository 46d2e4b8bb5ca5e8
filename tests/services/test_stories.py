from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from editordesk.errors import ConflictError, NotFoundError, ValidationError
from editordesk.services import stories as svc
from editordesk.services.images import add_image, image_uses
from editordesk.services.stories import RelatedRecord, StoryDraft
from editordesk.store.db import Store
from editordesk.store.models import StoryStatus
from tests.helpers import image_bytes


def _create(store: Store, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(session, StoryDraft(**fields), author="Ann")  # type: ignore[arg-type]


def _save(store: Store, record: svc.StoryRecord, author: str = "Ann", **changes: object):
    with store.write() as session:
        return svc.save_story(
            session,
            record.id,
            replace(record.draft(), **changes),  # type: ignore[arg-type]
            base_version=record.version,
            author=author,
        )


def test_slug_comes_from_the_headline_and_stays_unique(store: Store) -> None:
    first = _create(store, headline="Côte d'Ivoire votes: the result")
    second = _create(store, headline="Côte d'Ivoire votes: the result")
    assert first.slug == "cote-divoire-votes-the-result"
    assert second.slug == "cote-divoire-votes-the-result-2"


def test_slug_is_editable_but_checked(store: Store) -> None:
    a = _create(store, headline="Alpha", slug="alpha-story")
    b = _create(store, headline="Beta")
    with pytest.raises(ValidationError, match="lowercase"):
        _save(store, b, slug="Beta Story!")
    with pytest.raises(ValidationError, match="already used by story"):
        _save(store, b, slug=a.slug)
    assert _save(store, b, slug="beta-renamed").slug == "beta-renamed"


def test_saving_keeps_the_slug_when_the_headline_changes(store: Store) -> None:
    story = _create(store, headline="Storm closes harbour")
    story = _save(store, story, headline="Storm closes harbour for a week", slug=None)
    assert story.slug == "storm-closes-harbour"


def test_a_save_from_a_stale_copy_is_refused_not_applied(store: Store) -> None:
    story = _create(store, headline="Ferry cuts", body="First text.")
    mine = story  # both editors opened version 1
    theirs = _save(store, story, author="Bob", body="Bob's text.")
    assert theirs.version == story.version + 1
    with pytest.raises(ConflictError) as caught:
        _save(store, mine, body="My text.")
    assert caught.value.current_version == theirs.version
    assert "changed by someone else" in str(caught.value)
    with store.read() as session:
        assert svc.get_story(session, story.id).body == "Bob's text."
        assert len(svc.revisions(session, story.id)) == 2


def test_the_version_guard_catches_a_save_racing_in_after_the_check(store: Store) -> None:
    """Another writer commits between our version check and our UPDATE (as it can under
    PostgreSQL's READ COMMITTED): the version column refuses the write."""
    from sqlalchemy import update

    from editordesk.store.models import Story

    story = _create(store, headline="Race", body="v1")
    with pytest.raises(ConflictError), store.write() as session:
        assert session.get(Story, story.id) is not None  # our copy: version 1
        session.execute(  # the other writer's save lands underneath it
            update(Story)
            .where(Story.id == story.id)
            .values(body="theirs", version=2)
            .execution_options(synchronize_session=False)
        )
        svc.save_story(
            session,
            story.id,
            replace(story.draft(), body="mine"),
            base_version=story.version,
            author="A",
        )
    with store.read() as session:
        assert svc.get_story(session, story.id).body == "v1"  # the failed action rolled back


def test_every_save_keeps_a_revision_and_restore_makes_a_new_one(store: Store) -> None:
    story = _create(store, headline="Draft one", body="One.", tags=("a",))
    story = _save(store, story, author="Bob", headline="Draft two", body="Two.", tags=("b",))
    story = _save(store, story, author="Cy", headline="Draft three", body="Three.")
    with store.write() as session:
        restored = svc.restore_revision(
            session, story.id, 1, base_version=story.version, author="Dee"
        )
    assert (restored.headline, restored.body, restored.tags) == ("Draft one", "One.", ("a",))
    with store.read() as session:
        history = svc.revisions(session, story.id)
    assert [(r.number, r.author) for r in history] == [
        (4, "Dee"),
        (3, "Cy"),
        (2, "Bob"),
        (1, "Ann"),
    ]
    assert history[0].note == "restored revision 1"
    assert history[1].draft.body == "Three."
    with store.write() as session, pytest.raises(NotFoundError, match="no revision 9"):
        svc.restore_revision(session, story.id, 9, base_version=restored.version, author="x")


def test_fields_are_cleaned_and_counted(store: Store) -> None:
    story = _create(
        store,
        headline="  Two   spaces  ",
        tags=("Budget", "budget", " city  hall ", ""),
        status="ready",
        body='\n\nOne [two](http://x.org/a-b) three {{< figure image="9" >}}\r\n\n',
    )
    assert story.headline == "Two spaces"
    assert story.tags == ("Budget", "city hall")
    assert story.status is StoryStatus.READY
    assert story.body == 'One [two](http://x.org/a-b) three {{< figure image="9" >}}'
    assert story.word_count == 3


def test_unknown_status_and_naive_time_are_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="unknown status 'archived'"):
        _create(store, headline="x", status="archived")
    with pytest.raises(ValidationError, match="time zone"):
        _create(store, headline="x", publish_time=dt.datetime(2026, 1, 1, 9, 0))


def test_related_links_internal_external_and_refused(store: Store) -> None:
    target = _create(
        store, headline="Council plan", standfirst="The plan in full.", section="Local"
    )
    story = _create(
        store,
        headline="Harbour wall",
        related=(
            RelatedRecord(story_id=target.id),
            RelatedRecord(
                title="Storm warnings",
                url="https://example.org/storms",
                date=dt.date(2026, 11, 14),
                section="Weather",
                excerpt="More to come.",
            ),
        ),
    )
    first, second = story.related
    assert (first.title, first.section, first.excerpt, first.story_slug) == (
        "Council plan",
        "Local",
        "The plan in full.",
        "council-plan",
    )
    assert second.url == "https://example.org/storms" and second.date == dt.date(2026, 11, 14)
    for bad in ("javascript:alert(1)", "data:text/html,hi", "ftp://x.org/f", "/local/path"):
        with pytest.raises(ValidationError, match="not an http"):
            _save(store, story, related=(RelatedRecord(title="t", url=bad),))
    with pytest.raises(ValidationError, match="itself"):
        _save(store, story, related=(RelatedRecord(story_id=story.id),))
    with pytest.raises(NotFoundError):
        _save(store, story, related=(RelatedRecord(story_id=999),))


def test_a_related_story_deleted_later_is_kept_by_slug(store: Store) -> None:
    target = _create(store, headline="Gone soon")
    story = _create(store, headline="Points at it", related=(RelatedRecord(story_id=target.id),))
    with store.write() as session:
        svc.delete_story(session, target.id)
    with store.read() as session:
        link = svc.get_story(session, story.id).related[0]
    assert link.story_id is None and link.story_slug == "gone-soon" and link.title == "Gone soon"


def test_the_store_knows_where_each_image_and_tweet_is_used(store: Store) -> None:
    with store.write() as session:
        image = add_image(session, store.media, image_bytes(), "quay.jpg")
    body = f'Text.\n\n{{{{< figure image="{image.id}" >}}}}\n\n{{{{< x user="Coast" id="42" >}}}}'
    a = _create(store, headline="A", body=body)
    b = _create(store, headline="B", body=body)
    _create(store, headline="C", body="No pictures.")
    with store.read() as session:
        assert image_uses(session, image.id) == [(a.id, "A"), (b.id, "B")]
        from editordesk.services.tweets import get_tweet

        assert get_tweet(session, "42").handle == "Coast"
    _save(store, b, body="Figure removed.")
    with store.read() as session:
        assert image_uses(session, image.id) == [(a.id, "A")]


def test_one_scan_of_the_body_counts_its_words_and_records_its_links(store: Store) -> None:
    with store.write() as session:
        image = add_image(session, store.media, image_bytes(), "quay.jpg")
    body = (
        f'Two words\n\n{{{{< figure image="{image.id}" >}}}}\n\n'
        '{{< x user="Coast" id="42" >}}three more here{{< /x >}}\n\n'
        '{{< figure image="²" >}} {{< x user="Bad handle!" id="43" >}} {{< x id="44" >}}'
    )
    story = _create(store, headline="A", body=body)
    assert story.word_count == 5
    with store.read() as session:
        assert image_uses(session, image.id) == [(story.id, "A")]
        from editordesk.services.tweets import get_tweets

        assert set(get_tweets(session, {"42", "43", "44"})) == {"42"}


def test_a_half_typed_body_still_saves(store: Store) -> None:
    story = _create(store, headline="Typing", body='{{< figure image="')
    story = _save(
        store, story, body='{{< x user="not a handle!" id="abc" >}} {{< figure image="77" >}}'
    )
    assert story.version == 2


def test_list_filters_sorts_and_limits(store: Store) -> None:
    _create(store, headline="Budget vote", section="Politics", tags=("budget",), status="ready")
    _create(store, headline="Match report", section="Sport", tags=("football",))
    _create(store, headline="Budget reaction", section="Politics", tags=("budget", "reaction"))
    with store.read() as session:
        assert [s.headline for s in svc.list_stories(session)] == [
            "Budget reaction",
            "Match report",
            "Budget vote",
        ]
        assert [s.headline for s in svc.list_stories(session, status="ready")] == ["Budget vote"]
        assert len(svc.list_stories(session, section="Politics")) == 2
        assert [s.headline for s in svc.list_stories(session, tag="reaction")] == [
            "Budget reaction"
        ]
        assert [
            s.headline
            for s in svc.list_stories(session, order="headline", descending=False, limit=2)
        ] == ["Budget reaction", "Budget vote"]
        assert svc.count_stories(session) == 3
        with pytest.raises(ValidationError, match="cannot sort"):
            svc.list_stories(session, order="colour")


def test_a_slug_follows_the_headline_until_typed_or_exported(store: Store) -> None:
    story = _create(store, headline="Storm closes harbour")
    assert not story.slug_fixed
    story = _save(store, story, headline="Storm shuts port", slug=None, slug_from_headline=True)
    assert story.slug == "storm-shuts-port"
    story = _save(store, story, slug="harbour-storm")
    assert story.slug_fixed
    story = _save(store, story, headline="Other", slug=None, slug_from_headline=True)
    assert story.slug == "harbour-storm"
    other = _create(store, headline="Ferry delays")
    with store.write() as session:
        svc.fix_slugs(session, [other.id])
    other = _save(
        store,
        replace(other, slug_fixed=True),
        headline="Ferries",
        slug=None,
        slug_from_headline=True,
    )
    assert other.slug == "ferry-delays"
    with store.read() as session:
        assert svc.slug_owner(session, "ferry-delays", None) is not None
        assert svc.slug_owner(session, "ferry-delays", other.id) is None


def test_trash_spike_duplicate_and_status(store: Store) -> None:
    a = _create(store, headline="Alpha")
    b = _create(store, headline="Beta")
    with store.write() as session:
        svc.set_status(session, [a.id], svc.StoryStatus.SPIKED, author="Ann")
        copy = svc.duplicate_story(session, b.id, author="Ann")
    assert copy.slug == "beta-2" and copy.headline == "Beta"
    with store.read() as session:
        shown = {s.headline for s in svc.list_stories(session, hide_spiked=True)}
        spiked = svc.list_stories(session, status="spiked", hide_spiked=True)
    assert shown == {"Beta"} and [s.id for s in spiked] == [a.id]
    with store.write() as session:
        svc.trash_stories(session, [b.id])
    with store.read() as session:
        assert [s.id for s in svc.list_stories(session, trash=True)] == [b.id]
        assert b.id not in {s.id for s in svc.list_stories(session)}
    with store.write() as session:
        svc.restore_stories(session, [b.id])
        svc.trash_stories(session, [copy.id])
        assert svc.empty_trash(session) == 1
    with store.read() as session:
        assert {s.id for s in svc.list_stories(session)} == {a.id, b.id}
        assert svc.count_trash(session) == 0
