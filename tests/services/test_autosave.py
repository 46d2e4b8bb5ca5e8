from __future__ import annotations

from dataclasses import replace

from editordesk.services.autosave import discard_autosave, put_autosave, recoverable
from editordesk.services.stories import StoryDraft, create_story, delete_story, save_story
from editordesk.store.db import Store


def test_an_autosave_is_replaced_then_gone_after_save(store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Quay", body="One."), author="Ann")
        put_autosave(
            session,
            "tab-1",
            replace(story.draft(), body="One. Two."),
            story_id=story.id,
            base_version=story.version,
            editor="Ann",
        )
        put_autosave(
            session,
            "tab-1",
            replace(story.draft(), body="One. Two. Three."),
            story_id=story.id,
            base_version=story.version,
            editor="Ann",
        )
    with store.read() as session:
        [left] = recoverable(session, "Ann")
        assert recoverable(session, "Bob") == []
    assert left.draft.body == "One. Two. Three." and not left.someone_saved_since
    with store.write() as session:
        discard_autosave(session, "tab-1")
    with store.read() as session:
        assert recoverable(session, "Ann") == []


def test_recovery_knows_when_someone_saved_since(store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Quay", body="One."), author="Ann")
        put_autosave(
            session,
            "tab-9",
            replace(story.draft(), body="Mine."),
            story_id=story.id,
            base_version=story.version,
            editor="Ann",
        )
        save_story(
            session,
            story.id,
            replace(story.draft(), body="Theirs."),
            base_version=story.version,
            author="Bob",
        )
        put_autosave(
            session,
            "new-tab",
            StoryDraft(headline="Not saved yet"),
            story_id=None,
            base_version=None,
            editor="Ann",
        )
    with store.read() as session:
        first, second = recoverable(session, "Ann")
    assert first.someone_saved_since and first.current_version == 2
    assert second.story_id is None and second.draft.headline == "Not saved yet"


def test_deleting_a_story_drops_its_autosaves(store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Gone"), author="Ann")
        put_autosave(session, "t", story.draft(), story_id=story.id, base_version=1, editor="Ann")
        delete_story(session, story.id)
    with store.read() as session:
        assert recoverable(session, "Ann") == []


def test_a_damaged_autosave_does_not_hide_the_others(store: Store) -> None:
    """A row damaged on disk (or by hand) is skipped; every readable one is still offered."""
    from sqlalchemy import update

    from editordesk.store.models import Autosave

    with store.write() as session:
        for key, body in (("tab-1", "Kept."), ("tab-2", "Damaged."), ("tab-3", "Kept too.")):
            put_autosave(
                session,
                key,
                StoryDraft(headline=key, body=body),
                story_id=None,
                base_version=None,
                editor="Ann",
            )
    with store.engine.begin() as connection:
        connection.execute(
            update(Autosave.__table__)
            .where(Autosave.__table__.c.key == "tab-2")
            .values(draft=["not", "a", "draft"])
        )
    with store.read() as session:
        found = recoverable(session, "Ann")
    assert [r.draft.body for r in found] == ["Kept.", "Kept too."]


def test_an_autosave_that_is_not_json_is_skipped(store: Store) -> None:
    """SQLite keeps JSON as text, so a damaged file can hold half a document there."""
    import pytest
    from sqlalchemy import text

    if not store.location.is_sqlite:
        pytest.skip("PostgreSQL checks JSON itself: a row cannot hold half a document")
    with store.write() as session:
        for key in ("tab-1", "tab-2"):
            put_autosave(
                session,
                key,
                StoryDraft(headline=key, body=key),
                story_id=None,
                base_version=None,
                editor="Ann",
            )
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE autosaves SET draft = '{\"body\": \"cut off' WHERE key = 'tab-1'")
        )
    with store.read() as session:
        assert [r.key for r in recoverable(session, "Ann")] == ["tab-2"]
