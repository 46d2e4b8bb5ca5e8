"""Edit locks: who is editing which story, so two editors do not work on one copy unawares.

A lock is soft. It says "Ann has been editing this since 10:14" to everyone else, who may
open the story read-only or take the lock over explicitly; saving still goes through the
version check, which stays the safety net. A window keeps its locks alive with a heartbeat;
one that stops (a crash, a pulled cable) loses them when they expire, and anyone may take an
expired lock without asking.

A lock names the window's computer, account and process too. A window that crashed leaves
its lock behind; when its editor starts again on the same computer and account and that
process is no longer running, the lock is taken back at once instead of after it expires.

The lock holds on the store, not only in the window: `check_holder` refuses a save, a
revert or any change to a story from anyone but the window holding its live lock, with a
sentence naming who holds it.

Times come from the database server where there is one, so editors' clocks need not agree.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
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
class Place:
    """Where a window runs: the computer, the account and the process."""

    host: str
    account: str
    pid: int

    @staticmethod
    def here() -> Place:
        try:
            account = getpass.getuser()
        except (KeyError, OSError):
            account = ""
        return Place(socket.gethostname()[:255], account[:100], os.getpid())

    def gone(self) -> bool:
        """True only when this computer and account can tell the window's process has ended
        (another computer's window is never judged from here)."""
        here = Place.here()
        if not self.pid or self.host != here.host or self.account != here.account:
            return False
        return not process_running(self.pid)


def process_running(pid: int) -> bool:
    """Whether a process of that id runs on this computer."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    except OSError:
        return False
    return True


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

    def __init__(self, lock: LockInfo, message: str | None = None) -> None:
        self.lock = lock
        super().__init__(
            message
            or f"story {lock.story_id} is being edited by {lock.describe()}; open it "
            "read-only, or take it over"
        )


def check_holder(
    session: Session, story_id: int, window: str | None, *, doing: str = "changed"
) -> None:
    """Refuse a change to the story unless `window` holds its live lock, or nobody does (a
    lock whose window's process is gone on this computer does not count). `window` None is
    the command line or a batch, which holds no lock."""
    lock = _current(session, story_id, database_now(session))
    if lock is None or lock.window == window or _place(lock).gone():
        return
    info = _info(lock)
    raise LockedError(
        info,
        f"story {story_id} was not {doing}: {info.holder or 'someone'} is editing it "
        f"(since {info.since.astimezone():%H:%M}) and holds its lock; take it over first",
    )


def _place(lock: EditLock) -> Place:
    return Place(lock.host, lock.account, lock.pid or 0)


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
    place: Place | None = None,
) -> LockInfo:
    """Lock the story for this window; LockedError if another window holds a live lock.

    Taking a lock this window already holds just renews it; an expired lock is taken, and so
    is one whose window's process is gone from this computer (a crash)."""
    if session.get(Story, story_id) is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    place = place or Place.here()
    now = database_now(session)
    expires = now + dt.timedelta(seconds=seconds)
    existing = session.get(EditLock, story_id, populate_existing=True)
    if existing is not None:
        if existing.window != window and existing.expires > now and not _place(existing).gone():
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
                host=place.host,
                account=place.account,
                pid=place.pid,
            )
            .execution_options(synchronize_session=False),
        )
        if taken != 1:
            return _locked_by_other(session, story_id, now)
        session.expire(existing)
        return LockInfo(story_id, holder, window, existing.since, expires)
    try:
        with session.begin_nested():
            session.add(_new_lock(story_id, holder, window, now, expires, place))
    except IntegrityError:  # another window locked it between our look and our insert
        return _locked_by_other(session, story_id, now)
    return LockInfo(story_id, holder, window, now, expires)


def _new_lock(
    story_id: int,
    holder: str,
    window: str,
    now: dt.datetime,
    expires: dt.datetime,
    place: Place | None = None,
) -> EditLock:
    place = place or Place.here()
    return EditLock(
        story_id=story_id,
        holder=holder,
        window=window,
        since=now,
        heartbeat=now,
        expires=expires,
        host=place.host,
        account=place.account,
        pid=place.pid,
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
    place: Place | None = None,
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
                _new_lock(story_id, holder, window, now, now + dt.timedelta(seconds=seconds), place)
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


def renew_locks(
    session: Session,
    window: str,
    story_ids: Iterable[int],
    *,
    holder: str,
    seconds: int = LOCK_SECONDS,
    place: Place | None = None,
) -> set[int]:
    """After an outage: renew this window's locks at once, taking back any that expired
    meanwhile and nobody else took; the ids now held by someone else."""
    lost = refresh_locks(session, window, story_ids, seconds=seconds)
    taken: set[int] = set()
    for story_id in sorted(lost):
        try:
            with session.begin_nested():
                take_lock(
                    session, story_id, holder=holder, window=window, seconds=seconds, place=place
                )
        except LockedError:
            taken.add(story_id)
        except NotFoundError:
            taken.add(story_id)
    return taken


def reclaim_gone(session: Session, place: Place | None = None) -> int:
    """Give back the locks of this computer and account whose windows' processes have gone
    (a crash); how many went. Locks of other computers, or of running windows, stay."""
    place = place or Place.here()
    rows = session.scalars(
        select(EditLock).where(and_(EditLock.host == place.host, EditLock.account == place.account))
    ).all()
    gone = [lock.story_id for lock in rows if _place(lock).gone()]
    if not gone:
        return 0
    return _changed(
        session,
        delete(EditLock)
        .where(EditLock.story_id.in_(gone))
        .execution_options(synchronize_session=False),
    )


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
