from __future__ import annotations

import datetime as dt

import pytest

from editordesk.errors import NotFoundError
from editordesk.services.related import related_from_story, suggest_related
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store


def _story(store: Store, headline: str, tags: tuple[str, ...], body: str = "") -> int:
    with store.write() as session:
        return create_story(
            session,
            StoryDraft(
                headline=headline,
                tags=tags,
                body=body,
                section="Local",
                standfirst=f"About {headline}",
                publish_time=dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC),
            ),
            author="t",
        ).id


def test_a_linked_story_brings_its_own_details(store: Store) -> None:
    story_id = _story(store, "Ferry timetable cut", ("ferry",))
    with store.read() as session:
        link = related_from_story(session, story_id)
        with pytest.raises(NotFoundError):
            related_from_story(session, 999)
    assert (link.title, link.section, link.excerpt, link.date, link.story_slug) == (
        "Ferry timetable cut",
        "Local",
        "About Ferry timetable cut",
        dt.date(2026, 5, 1),
        "ferry-timetable-cut",
    )


def test_suggestions_rank_shared_tags_then_shared_words(store: Store) -> None:
    me = _story(
        store,
        "Ferry crews strike over pay",
        ("ferry", "strike"),
        "The ferry crews walked out at dawn.",
    )
    both = _story(store, "Strike talks resume", ("ferry", "strike"), "Union and operator.")
    one = _story(store, "Ferry timetable cut", ("ferry",), "Two sailings a day.")
    words = _story(store, "Crews at dawn", ("weather",), "Crews walked out at dawn again.")
    _story(store, "Museum opens", ("culture",), "Floppy disks and posts.")
    with store.read() as session:
        found = suggest_related(
            session,
            headline="Ferry crews strike over pay",
            body="The ferry crews walked out at dawn.",
            tags=("ferry", "strike"),
            exclude=[me],
        )
    ids = [s.story_id for s in found]
    assert ids[:2] == [both, one]
    assert words in ids and me not in ids
    assert found[0].shared_tags == ("ferry", "strike")


def test_no_words_no_suggestions(store: Store) -> None:
    with store.read() as session:
        assert suggest_related(session, headline="", body="", tags=()) == []
