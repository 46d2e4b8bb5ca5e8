"""Autosave and crash recovery: unsaved text is written to the store every few seconds (one
row per open tab, replaced each time) and removed when the editor saves or discards it. What
is left at the next start is what a crash or a killed window would otherwise have lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from editordesk.store.models import Autosave, Story, utcnow
from editordesk.store.records import StoryDraft, draft_from_dict, draft_to_dict


@dataclass(frozen=True)
class Recoverable:
    """Unsaved text found in the store, and what it was based on."""

    key: str
    story_id: int | None
    base_version: int | None
    editor: str
    saved: dt.datetime
    draft: StoryDraft
    current_version: int | None  # the story's version now; differs if someone saved since

    @property
    def someone_saved_since(self) -> bool:
        return self.story_id is not None and self.current_version != self.base_version


def put_autosave(
    session: Session,
    key: str,
    draft: StoryDraft,
    *,
    story_id: int | None,
    base_version: int | None,
    editor: str,
) -> None:
    """Keep the latest unsaved text of one tab (replacing the previous autosave)."""
    row = session.scalars(select(Autosave).where(Autosave.key == key)).first()
    if row is None:
        row = Autosave(key=key)
        session.add(row)
    row.story_id = story_id
    row.base_version = base_version
    row.editor = editor
    row.saved = utcnow()
    row.draft = draft_to_dict(draft)
    session.flush()


def discard_autosave(session: Session, key: str) -> None:
    """The tab was saved or its changes thrown away: nothing left to recover."""
    session.execute(delete(Autosave).where(Autosave.key == key))


def recoverable(session: Session, editor: str) -> list[Recoverable]:
    """This editor's autosaves, oldest first (others' belong to their own windows)."""
    rows = session.execute(
        select(Autosave, Story.version)
        .outerjoin(Story, Story.id == Autosave.story_id)
        .where(Autosave.editor == editor)
        .order_by(Autosave.saved)
    )
    return [
        Recoverable(
            a.key, a.story_id, a.base_version, a.editor, a.saved, draft_from_dict(a.draft), version
        )
        for a, version in rows
    ]
