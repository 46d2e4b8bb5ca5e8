"""Edit locks: who is editing which story, so two editors do not work on one copy unawares.

A lock is soft. It says "Ann has been editing this since 10:14" to everyone else, who may
open the story read-only or take the lock over explicitly; saving still goes through the
version check, which stays the safety net. A window keeps its locks alive with a heartbeat;
one that stops (a crash, a pulled cable) loses them when they expire, and anyone may take an
expired lock without asking.

Times come from the database server where there is one, so editors' clocks need not agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Update, and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from editordesk.errors import EditorDeskError, NotFoundError
from editordesk.store.models import EditLock, Story, utcnow

LOCK_SECONDS = 90  # a lock outlives three missed heartbeats
HEARTBEAT_SECONDS = 30


def _changed(session: Session, statement: Update | Delete) -> int:
    """How many rows an UPDATE or DELETE changed."""
    return cast("CursorResult[Any]", session.execute(statement)).rowcount or 0


@dataclass(frozen=True)
class LockInfo:
    """A lock as others see it."""

    story_id: int
    holder: str
    window: str
    since: dt.datetime
    expires: dt.datetime

    def describe(self) -> str:
        """'Ann since 10:14' in the reader's local time."""
        return f"{self.holder or 'someone'} since {self.since.astimezone():%H:%M}"


class LockedError(EditorDeskError):
    """The story is being edited in another window."""

    def __init__(self, lock: LockInfo) -> None:
        self.lock = lock
        super().__init__(
            f"story {lock.story_id} is being edited by {lock.describe()}; open it read-only, "
            "or take it over"
        )


def database_now(session: Session) -> dt.datetime:
    """The time by the database server's clock (by this computer's for a SQLite file)."""
    if session.get_bind().dialect.name == "postgresql":
        now = session.scalar(select(func.clock_timestamp()))
        assert isinstance(now, dt.datetime)
        return now.astimezone(dt.UTC)
    return utcnow()


def _info(lock: EditLock) -> LockInfo:
    return LockInfo(lock.story_id, lock.holder, lock.window, lock.since, lock.expires)


def _current(session: Session, story_id: int, now: dt.datetime) -> EditLock | None:
    lock = session.get(EditLock, story_id, populate_existing=True)
    return lock if lock is not None and lock.expires > now else None


def take_lock(
    session: Session,
    story_id: int,
    *,
    holder: str,
    window: str,
    seconds: int = LOCK_SECONDS,
) -> LockInfo:
    """Lock the story for this window; LockedError if another window holds a live lock.

    Taking a lock this window already holds just renews it; an expired lock is taken."""
    if session.get(Story, story_id) is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    now = database_now(session)
    expires = now + dt.timedelta(seconds=seconds)
    existing = session.get(EditLock, story_id, populate_existing=True)
    if existing is not None:
        if existing.window != window and existing.expires > now:
            raise LockedError(_info(existing))
        # Ours, or expired: take it, unless someone else swaps it first (then theirs wins).
        taken = _changed(
            session,
            update(EditLock)
            .where(
                and_(
                    EditLock.story_id == story_id,
                    EditLock.window == existing.window,
                    EditLock.heartbeat == existing.heartbeat,
                )
            )
            .values(
                holder=holder,
                window=window,
                since=existing.since if existing.window == window else now,
                heartbeat=now,
                expires=expires,
            )
            .execution_options(synchronize_session=False),
        )
        if taken != 1:
            return _locked_by_other(session, story_id, now)
        session.expire(existing)
        return LockInfo(story_id, holder, window, existing.since, expires)
    try:
        with session.begin_nested():
            session.add(_new_lock(story_id, holder, window, now, expires))
    except IntegrityError:  # another window locked it between our look and our insert
        return _locked_by_other(session, story_id, now)
    return LockInfo(story_id, holder, window, now, expires)


def _new_lock(
    story_id: int, holder: str, window: str, now: dt.datetime, expires: dt.datetime
) -> EditLock:
    return EditLock(
        story_id=story_id, holder=holder, window=window, since=now, heartbeat=now, expires=expires
    )


def _locked_by_other(session: Session, story_id: int, now: dt.datetime) -> LockInfo:
    lock = _current(session, story_id, now)
    if lock is None:
        raise LockedError(LockInfo(story_id, "someone", "", now, now))
    raise LockedError(_info(lock))


def take_over(
    session: Session,
    story_id: int,
    *,
    holder: str,
    window: str,
    seconds: int = LOCK_SECONDS,
) -> LockInfo | None:
    """Take the lock whoever holds it (the editor chose to); the lock it replaced, if any.

    The other window learns it lost the lock at its next heartbeat (or at once, through the
    live refresh) and goes read-only; its unsaved text stays in it."""
    if session.get(Story, story_id) is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    now = database_now(session)
    previous = _current(session, story_id, now)
    before = _info(previous) if previous is not None and previous.window != window else None
    try:
        with session.begin_nested():
            session.execute(delete(EditLock).where(EditLock.story_id == story_id))
            session.add(
                _new_lock(story_id, holder, window, now, now + dt.timedelta(seconds=seconds))
            )
    except IntegrityError:  # someone else took it over in the same instant
        return _locked_by_other(session, story_id, now)
    return before


def refresh_locks(
    session: Session, window: str, story_ids: Iterable[int], *, seconds: int = LOCK_SECONDS
) -> set[int]:
    """The heartbeat: renew this window's locks on `story_ids`; the ids it no longer holds
    (taken over, or expired and taken by someone else)."""
    wanted = set(story_ids)
    if not wanted:
        return set()
    now = database_now(session)
    session.execute(
        update(EditLock)
        .where(and_(EditLock.window == window, EditLock.story_id.in_(wanted)))
        .values(heartbeat=now, expires=now + dt.timedelta(seconds=seconds))
        .execution_options(synchronize_session=False)
    )
    held = set(
        session.scalars(
            select(EditLock.story_id).where(
                and_(EditLock.window == window, EditLock.story_id.in_(wanted))
            )
        )
    )
    return wanted - held


def release_lock(session: Session, story_id: int, window: str) -> None:
    """This window is done with the story (its tab closed); another window's lock stays."""
    session.execute(
        delete(EditLock).where(and_(EditLock.story_id == story_id, EditLock.window == window))
    )


def release_all(session: Session, window: str) -> None:
    """The window is closing: every lock it holds goes."""
    session.execute(delete(EditLock).where(EditLock.window == window))


def lock_of(session: Session, story_id: int) -> LockInfo | None:
    """The story's live lock, if anyone holds one."""
    lock = _current(session, story_id, database_now(session))
    return _info(lock) if lock is not None else None


def live_locks(session: Session, story_ids: Iterable[int] | None = None) -> dict[int, LockInfo]:
    """Every live lock (on `story_ids` only, if given), by story id."""
    now = database_now(session)
    stmt = select(EditLock).where(EditLock.expires > now)
    if story_ids is not None:
        ids = list(story_ids)
        if not ids:
            return {}
        stmt = stmt.where(EditLock.story_id.in_(ids))
    return {lock.story_id: _info(lock) for lock in session.scalars(stmt)}


def clear_expired(session: Session) -> int:
    """Remove locks whose windows stopped beating; how many went."""
    now = database_now(session)
    return _changed(session, delete(EditLock).where(EditLock.expires <= now))
