"""The sample story a new desk is offered: written for EditorDesk, showing every feature."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from editordesk.assets import resource
from editordesk.model import StoryRecord
from editordesk.services.importing import import_markdown
from editordesk.store.db import Store

SAMPLE = ("sample", "harbour-museum", "index.md")
SAMPLE_SLUG = "harbour-museum-online-years"  # the slug its front matter gives


def find_sample_story(store: Store) -> StoryRecord | None:
    """The sample story, if the store has it already (and it is not in the trash)."""
    from editordesk.services.stories import find_by_slug

    with store.read() as session:
        story = find_by_slug(session, SAMPLE_SLUG)
    return story if story is not None and story.trashed is None else None


def add_sample_story(store: Store, *, author: str) -> StoryRecord:
    """Import the bundled sample story (with its picture, tweet and related links)."""
    with resources.as_file(resource(*SAMPLE[:-1])) as folder, store.write() as session:
        return import_markdown(session, store.media, Path(folder) / SAMPLE[-1], author=author)
