"""The story list's filter choices: every section and tag in use, once each, in the order an
editor scans a menu."""

from __future__ import annotations

from dataclasses import replace

from editordesk.services import stories as svc
from editordesk.services.stories import StoryDraft
from editordesk.store.db import Store


def _create(store: Store, headline: str, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(
            session,
            StoryDraft(headline=headline, **fields),  # type: ignore[arg-type]
            author="Ann",
        )


def test_an_empty_store_has_no_sections_or_tags(store: Store) -> None:
    with store.read() as session:
        assert svc.list_sections(session) == []
        assert svc.list_tags(session) == []


def test_sections_are_distinct_non_empty_and_sorted_ignoring_case(store: Store) -> None:
    _create(store, "Ferry cuts", section="transport")
    _create(store, "Storm warning", section="Weather")
    _create(store, "Harbour wall", section="Local")
    _create(store, "Council vote", section="Local")
    _create(store, "Unfiled", section="")
    _create(store, "Padded", section="  Arts  ")  # kept as cleaned on save
    with store.read() as session:
        assert svc.list_sections(session) == ["Arts", "Local", "transport", "Weather"]


def test_tags_come_from_every_story_once_each_sorted_ignoring_case(store: Store) -> None:
    _create(store, "Harbour wall", tags=("weather", "Harbour", "infrastructure"))
    _create(store, "Storm warning", tags=("weather", "coast"))
    _create(store, "Café reopens", tags=("Éclairs", "business"))
    _create(store, "No tags at all")
    with store.read() as session:
        assert svc.list_tags(session) == [
            "business",
            "coast",
            "Harbour",
            "infrastructure",
            "weather",
            "Éclairs",
        ]


def test_tags_that_differ_only_in_case_are_both_offered_as_each_filters_exactly(
    store: Store,
) -> None:
    _create(store, "One", tags=("Weather",))
    _create(store, "Two", tags=("weather",))
    with store.read() as session:
        tags = svc.list_tags(session)
        assert tags == ["Weather", "weather"]
        assert [s.headline for s in svc.list_stories(session, tag="Weather")] == ["One"]


def test_choices_follow_saves_and_deletes(store: Store) -> None:
    story = _create(store, "Ferry cuts", section="Transport", tags=("ferry",))
    keep = _create(store, "Storm warning", section="Weather", tags=("storm",))
    with store.write() as session:
        svc.save_story(
            session,
            story.id,
            replace(story.draft(), section="Business", tags=("ferry", "jobs")),
            base_version=story.version,
            author="Ann",
        )
    with store.read() as session:
        assert svc.list_sections(session) == ["Business", "Weather"]
        assert svc.list_tags(session) == ["ferry", "jobs", "storm"]
    with store.write() as session:
        svc.delete_story(session, keep.id)
    with store.read() as session:
        assert svc.list_sections(session) == ["Business"]
        assert svc.list_tags(session) == ["ferry", "jobs"]


def test_headlines_and_bylines_sort_ignoring_case_on_every_engine(store: Store) -> None:
    """SQLite compares bytes ("van Dyke" after "Young"); the list's order must not depend on
    which engine the desk uses."""
    people = [("apple harvest", "van Dyke"), ("Banana boat", "Young"), ("cherry fair", "Adams")]
    with store.write() as session:
        for headline, byline in people:
            svc.create_story(session, StoryDraft(headline=headline, byline=byline), author="t")
    with store.read() as session:
        a_to_z = {"descending": False}
        by_headline = [s.headline for s in svc.list_stories(session, order="headline", **a_to_z)]
        by_byline = [s.byline for s in svc.list_stories(session, order="byline", **a_to_z)]
        backwards = [
            s.headline for s in svc.list_stories(session, order="headline", descending=True)
        ]
    assert by_headline == ["apple harvest", "Banana boat", "cherry fair"]
    assert by_byline == ["Adams", "van Dyke", "Young"]
    assert backwards == by_headline[::-1]
