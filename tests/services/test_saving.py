"""Saving a tab's text as one call: a new story or a new revision, its autosave dropped in
the same store action; when someone saved first, nothing is written and theirs comes back."""

from __future__ import annotations

from dataclasses import replace

from editordesk.model import StoryDraft
from editordesk.services.autosave import keep_unsaved, recoverable
from editordesk.services.saving import Saved, SavedFirst, drop_autosave, save_draft
from editordesk.services.stories import create_story, get_story, revisions, save_story
from editordesk.store.db import Store
from tests.helpers import snapshot


def test_a_new_story_is_created_and_its_autosave_goes(store: Store) -> None:
    draft = StoryDraft(headline="Quay", body="Boats are back.")
    keep_unsaved(store, "tab-1", draft, story_id=None, base_version=None, editor="Ana")
    outcome = save_draft(
        store, draft, story_id=None, base_version=None, autosave_key="tab-1", author="Ana"
    )
    assert isinstance(outcome, Saved) and outcome.record.body == "Boats are back."
    with store.read() as session:
        assert recoverable(session, "Ana") == []
        assert get_story(session, outcome.record.id).headline == "Quay"


def test_someone_saving_first_writes_nothing_and_names_them(store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Budget"), author="Ana")
    with store.write() as session:
        save_story(
            session,
            story.id,
            replace(story.draft(), body="Theirs."),
            base_version=story.version,
            author="Ruth Calloway",
        )
    mine = replace(story.draft(), body="Mine.")
    keep_unsaved(store, "tab-2", mine, story_id=story.id, base_version=story.version, editor="Ana")
    before = snapshot(store)
    outcome = save_draft(
        store,
        mine,
        story_id=story.id,
        base_version=story.version,
        autosave_key="tab-2",
        author="Ana",
    )
    assert isinstance(outcome, SavedFirst)
    assert outcome.author == "Ruth Calloway" and outcome.theirs.body == "Theirs."
    assert snapshot(store) == before  # mine is still only in the autosave
    again = save_draft(
        store,
        mine,
        story_id=story.id,
        base_version=outcome.theirs.version,
        autosave_key="tab-2",
        author="Ana",
    )
    assert isinstance(again, Saved)
    with store.read() as session:
        assert [r.draft.body for r in revisions(session, story.id)] == ["Mine.", "Theirs.", ""]


def test_a_discarded_autosave_is_gone(store: Store) -> None:
    draft = StoryDraft(headline="Half written")
    keep_unsaved(store, "tab-3", draft, story_id=None, base_version=None, editor="Ana")
    drop_autosave(store, "tab-3")
    with store.read() as session:
        assert recoverable(session, "Ana") == []
