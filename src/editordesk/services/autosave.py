"""Autosave and crash recovery: unsaved text is written to the store every few seconds (one
row per open tab, replaced each time) and removed when the editor saves or discards it. What
is left at the next start is what a crash or a killed window would otherwise have lost.

When the store cannot be reached (a server down, the network gone), `keep_unsaved` writes
the text to a file on this computer instead (`Store.recovery_dir`); recovery offers those
too, and the next autosave that reaches the store takes over from the file.

Kept text belongs to a window instance on a computer, not to a name (on a shared login every
editor has the same one): each copy names its window, computer, account and process, and
recovery offers only copies whose window is gone, never a live window's."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Text, cast, delete, select
from sqlalchemy.orm import Session

from editordesk.files import write_atomic
from editordesk.model import StoryDraft, draft_from_dict, draft_to_dict
from editordesk.services.locks import LOCK_SECONDS, Place
from editordesk.store.db import RECOVERY_DIR, Store, StoreUnavailableError
from editordesk.store.models import Autosave, EditLock, Story, utcnow


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
    window: str = "",
    place: Place | None = None,
) -> None:
    """Keep the latest unsaved text of one tab (replacing the previous autosave), under the
    window that keeps it."""
    place = place or Place.here()
    row = session.scalars(select(Autosave).where(Autosave.key == key)).first()
    if row is None:
        row = Autosave(key=key)
        session.add(row)
    row.story_id = story_id
    row.base_version = base_version
    row.editor = editor
    row.saved = utcnow()
    row.draft = draft_to_dict(draft)
    row.window = window
    row.host = place.host
    row.account = place.account
    row.pid = place.pid
    session.flush()


def window_gone(
    session: Session,
    *,
    window: str,
    host: str,
    account: str,
    pid: int | None,
    saved: dt.datetime,
    editor: str,
    me: str,
    asking_window: str = "",
) -> bool:
    """Whether the window that kept a copy is gone, so its text may be offered back.

    On this computer and account, its process tells; a window elsewhere is gone when it holds
    no live lock and has kept nothing for longer than a lock lives, and only its own editor
    (by name) is offered it. Copies from before windows were named go by name, as before."""
    if window and window == asking_window:
        return False  # this very window's
    here = Place.here()
    if window and host == here.host and account == here.account and pid:
        return Place(host, account, pid).gone()
    if editor != me:
        return False
    if not window:
        return True
    now = utcnow()
    holds = session.scalar(
        select(EditLock.story_id).where(EditLock.window == window, EditLock.expires > now)
    )
    return holds is None and saved < now - dt.timedelta(seconds=LOCK_SECONDS)


def discard_autosave(session: Session, key: str) -> None:
    """The tab was saved or its changes thrown away: nothing left to recover (in the store,
    nor in this computer's recovery folder)."""
    session.execute(delete(Autosave).where(Autosave.key == key))
    folder = session.info.get(RECOVERY_DIR)
    if folder is not None:
        LocalDrafts(folder).remove(key)


def recoverable(session: Session, editor: str, window: str = "") -> list[Recoverable]:
    """Unsaved text whose windows are gone (a crash, a killed window), oldest first, with
    any this computer kept while the store could not be reached. A live window's copy is
    never offered, whoever asks; `window` is the asking window's own."""
    rows = session.execute(
        select(
            Autosave.key,
            Autosave.story_id,
            Autosave.base_version,
            Autosave.saved,
            cast(Autosave.draft, Text),  # parsed here, so one damaged row cannot hide the rest
            Story.version,
            Autosave.window,
            Autosave.host,
            Autosave.account,
            Autosave.pid,
            Autosave.editor,
        )
        .outerjoin(Story, Story.id == Autosave.story_id)
        .order_by(Autosave.saved)
    )
    found = {}
    live: set[str] = set()  # keys a live window still keeps
    for key, story_id, base_version, saved, raw, version, win, host, account, pid, who in rows:
        if not window_gone(
            session,
            window=win,
            host=host,
            account=account,
            pid=pid,
            saved=saved,
            editor=who,
            me=editor,
            asking_window=window,
        ):
            live.add(key)
            continue
        draft = _readable_draft(raw)
        if draft is not None:
            found[key] = Recoverable(key, story_id, base_version, who, saved, draft, version)
    folder = session.info.get(RECOVERY_DIR)
    if folder is not None:
        for data in LocalDrafts(folder).all():
            if data.get("key") in live:
                continue
            try:
                gone = window_gone(
                    session,
                    window=str(data.get("window") or ""),
                    host=str(data.get("host") or ""),
                    account=str(data.get("account") or ""),
                    pid=int(data.get("pid") or 0),
                    saved=dt.datetime.fromisoformat(data["saved"]),
                    editor=str(data.get("editor") or ""),
                    me=editor,
                    asking_window=window,
                )
            except (KeyError, TypeError, ValueError):
                continue
            if not gone:
                continue
            draft = _readable_draft(data.get("draft"))
            try:
                saved = dt.datetime.fromisoformat(data["saved"])
            except (KeyError, TypeError, ValueError):
                continue
            if draft is None or not isinstance(data.get("key"), str):
                continue  # damaged by hand or by a disk: skip it, offer the rest
            known = found.get(data["key"])
            if known is not None and known.saved >= saved:
                continue  # the store has a newer copy of this tab
            story_id = data.get("story_id")
            current = session.get(Story, story_id) if story_id is not None else None
            if story_id is not None and current is None:
                continue  # the story was deleted since
            found[data["key"]] = Recoverable(
                data["key"],
                story_id,
                data.get("base_version"),
                editor,
                saved,
                draft,
                current.version if current is not None else None,
            )
    return sorted(found.values(), key=lambda r: r.saved)


def _readable_draft(raw: object) -> StoryDraft | None:
    """A kept draft from its JSON (text or already parsed), or None if it is damaged."""
    try:
        data = json.loads(raw) if isinstance(raw, str | bytes) else raw
        if not isinstance(data, dict):
            return None
        return draft_from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


class LocalDrafts:
    """Unsaved text kept in files on this computer, one JSON file per tab."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".json")

    def put(
        self,
        key: str,
        draft: StoryDraft,
        *,
        story_id: int | None,
        base_version: int | None,
        editor: str,
        window: str = "",
    ) -> Path:
        place = Place.here()
        data = {
            "key": key,
            "story_id": story_id,
            "base_version": base_version,
            "editor": editor,
            "window": window,
            "host": place.host,
            "account": place.account,
            "pid": place.pid,
            "saved": utcnow().isoformat(),
            "draft": draft_to_dict(draft),
        }
        path = self._path(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"), mode=0o600)
        return path

    def remove(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(key).unlink()

    def all(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if not self.folder.is_dir():
            return out
        for path in sorted(self.folder.glob("*.json")):
            try:
                out.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue  # half a file from a crash mid-write cannot happen (atomic), but
                # a hand-edited one might: skip it rather than refuse every recovery
        return out


def keep_unsaved(
    store: Store,
    key: str,
    draft: StoryDraft,
    *,
    story_id: int | None,
    base_version: int | None,
    editor: str,
    window: str = "",
) -> str:
    """The autosave: keep a tab's unsaved text in the store, or, if the store cannot be
    reached, in a file on this computer. Returns "store" or "computer"."""
    try:
        with store.write() as session:
            put_autosave(
                session,
                key,
                draft,
                story_id=story_id,
                base_version=base_version,
                editor=editor,
                window=window,
            )
    except StoreUnavailableError:
        LocalDrafts(store.recovery_dir).put(
            key, draft, story_id=story_id, base_version=base_version, editor=editor, window=window
        )
        return "computer"
    LocalDrafts(store.recovery_dir).remove(key)  # the store has it now
    return "store"
