"""Saving a story from an editor's tab as one call, made to run off the window's thread: the
new revision and the end of the tab's autosave in one store action, or, when someone else
saved first, what they saved, so nothing is overwritten and nothing is lost."""

from __future__ import annotations

from dataclasses import dataclass

from editordesk.errors import ConflictError
from editordesk.model import StoryDraft, StoryRecord
from editordesk.services.autosave import discard_autosave
from editordesk.services.stories import create_story, get_story, revisions, save_story
from editordesk.store.db import Store


@dataclass(frozen=True)
class Saved:
    """The store took the save: `record` is the new revision."""

    record: StoryRecord


@dataclass(frozen=True)
class SavedFirst:
    """Someone saved the story after the tab's base version: `theirs` is the stored story,
    `author` who saved it (empty if unknown). Nothing was written."""

    theirs: StoryRecord
    author: str


SaveOutcome = Saved | SavedFirst


def save_draft(
    store: Store,
    draft: StoryDraft,
    *,
    story_id: int | None,
    base_version: int | None,
    autosave_key: str,
    author: str,
    window: str | None = None,
) -> SaveOutcome:
    """Save `draft` as a new story (`story_id` None) or a new revision of `story_id` based on
    `base_version`, and drop the tab's autosave with it. Only `window`, holding the story's
    lock (or anyone while nobody holds it) may save: LockedError names who does, and the
    autosave stays. A draft that changes nothing makes no revision. Errors other than a
    conflict (the store unreachable, a field refused) are raised as they come."""
    try:
        with store.write() as session:
            if story_id is None:
                record = create_story(session, draft, author=author)
            else:
                record = save_story(
                    session,
                    story_id,
                    draft,  # its slug: typed, or following the headline (slug_from_headline)
                    base_version=base_version or 0,
                    author=author,
                    window=window,
                )
            discard_autosave(session, autosave_key)
    except ConflictError:
        assert story_id is not None  # a new story has nobody to conflict with
        with store.read() as session:
            theirs = get_story(session, story_id)
            latest = revisions(session, story_id)
        return SavedFirst(theirs, latest[0].author if latest else "")
    return Saved(record)


def drop_autosave(store: Store, autosave_key: str) -> None:
    """Forget a tab's kept unsaved text (its editor chose to discard it)."""
    with store.write() as session:
        discard_autosave(session, autosave_key)
