"""Live refresh: follow what other editors change in the store, without Qt.

The database's triggers write every change to a story, a lock, an image or a word of the
desk's dictionary into the `store_changes` log. A `StoreWatcher` follows that log on a thread
of its own and hands each batch of changes to a callback:

- on PostgreSQL it LISTENs on its own connection, and the trigger's NOTIFY wakes it the
  moment a change commits (the log lets it catch up on whatever it missed while its
  connection was down);
- on SQLite, which has no notifications between processes, it polls the log (one indexed
  read of the newest rows, every `poll_seconds`).

It also reports whether the store can be reached, so a window can say so in its status bar.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from editordesk.services.locks import LockInfo, live_locks
from editordesk.store.db import PG_CONNECT_ARGS, Store
from editordesk.store.models import Revision, StoreChange, Story

log = logging.getLogger(__name__)

CHANNEL = "editordesk_changes"  # the NOTIFY channel of migration 0004
KEEP_CHANGES = 20_000  # log rows kept; a window further behind than this reloads everything
# On PostgreSQL, ids are handed out before commit, so a change can become visible after one
# with a higher id. Catching up re-reads this many ids back and skips those already seen.
LOOKBACK = 500
HEALTH_SECONDS = 5.0  # how often a quiet LISTEN connection checks the server is still there


@dataclass(frozen=True)
class Change:
    """One change to the store: `kind` story, lock, image or word (the desk's dictionary);
    `action` insert, update or delete; `item_id` the story's (a lock's story's, an image's, a
    desk word's) id; `version` a story's new version."""

    id: int
    kind: str
    action: str
    item_id: int | None
    version: int | None

    @classmethod
    def from_row(cls, row: Any) -> Change:
        return cls(int(row.id), str(row.kind), str(row.action), row.item_id, row.version)

    @classmethod
    def from_payload(cls, payload: str) -> Change:
        data = json.loads(payload)
        return cls(
            int(data["id"]),
            str(data["kind"]),
            str(data["action"]),
            data.get("item_id"),
            data.get("version"),
        )


RESET = Change(0, "all", "reset", None, None)  # too much was missed: reload everything


def latest_change_id(session: Session) -> int:
    return int(session.scalar(select(func.max(StoreChange.id))) or 0)


def changes_since(session: Session, after_id: int, limit: int = KEEP_CHANGES) -> list[Change]:
    """Logged changes with ids above `after_id`, oldest first."""
    rows = session.execute(
        select(StoreChange).where(StoreChange.id > after_id).order_by(StoreChange.id).limit(limit)
    ).scalars()
    return [Change.from_row(row) for row in rows]


def prune_changes(session: Session, keep: int = KEEP_CHANGES) -> int:
    """Drop all but the newest `keep` log rows; how many went."""
    newest = latest_change_id(session)
    if newest <= keep:
        return 0
    result = session.execute(delete(StoreChange).where(StoreChange.id <= newest - keep))
    return cast("CursorResult[Any]", result).rowcount or 0


def story_changes(changes: list[Change]) -> dict[int, Change]:
    """The last change to each story among `changes`."""
    out: dict[int, Change] = {}
    for change in changes:
        if change.kind == "story" and change.item_id is not None:
            out[change.item_id] = change
    return out


@dataclass(frozen=True)
class LatestSave:
    """A story's newest version and who saved it."""

    version: int
    author: str


@dataclass(frozen=True)
class DeskState:
    """What a window shows of the others on a shared desk: every live lock by story, and for
    each story it has open, the newest save (None when the story was deleted)."""

    locks: dict[int, LockInfo] = field(default_factory=dict)
    latest: dict[int, LatestSave | None] = field(default_factory=dict)

    def others_locks(self, window: str) -> dict[int, LockInfo]:
        """The locks held by windows other than `window`."""
        return {i: lock for i, lock in self.locks.items() if lock.window != window}


def desk_state(session: Session, open_ids: Iterable[int]) -> DeskState:
    """Who holds which lock, and where each of the open stories stands now."""
    latest: dict[int, LatestSave | None] = {}
    for story_id in sorted(set(open_ids)):
        version = session.scalar(select(Story.version).where(Story.id == story_id))
        if version is None:
            latest[story_id] = None  # deleted
            continue
        author = session.scalar(
            select(Revision.author)
            .where(Revision.story_id == story_id)
            .order_by(Revision.number.desc())
            .limit(1)
        )
        latest[story_id] = LatestSave(int(version), author or "someone")
    return DeskState(live_locks(session), latest)


class StoreWatcher:
    """Follows a store's change log on a daemon thread.

    `on_changes(list[Change])` and `on_connection(reachable, message)` are called on the
    watcher's thread; a GUI hands them on to its own thread. `on_connection` is called when
    the store stops or starts answering (and once at the start)."""

    def __init__(
        self,
        store: Store,
        on_changes: Callable[[list[Change]], None],
        on_connection: Callable[[bool, str], None] | None = None,
        *,
        poll_seconds: float = 1.0,
        use_listen: bool | None = None,
    ) -> None:
        self.store = store
        self.on_changes = on_changes
        self.on_connection = on_connection
        self.poll_seconds = poll_seconds
        is_pg = store.engine.dialect.name == "postgresql"
        self.mechanism = "listen" if (is_pg if use_listen is None else use_listen) else "poll"
        self.reachable: bool | None = None
        self._last_id: int | None = None
        self._seen: deque[int] = deque(maxlen=4 * LOOKBACK)
        self._seen_set: set[int] = set()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control

    def start(self) -> StoreWatcher:
        self._thread = threading.Thread(
            target=self._run, name=f"editordesk-watch-{self.mechanism}", daemon=True
        )
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """Until the watcher follows the log (it sees every change committed after this)."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()  # the thread notices within half a second (or `poll_seconds`)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # ------------------------------------------------------------ the thread

    def _run(self) -> None:
        delay = 0.5
        listen_failures = 0
        while not self._stop.is_set():
            try:
                if self.mechanism == "listen":
                    self._listen()
                else:
                    self._poll()
                delay = 0.5
            except Exception as exc:  # the store went away: say so, try again later
                log.debug("store watcher: %r", exc)
                if self.mechanism == "listen" and self._store_answers():
                    # The server answers queries but not LISTEN (a pooler in transaction
                    # mode, say): after a few tries, follow the log by polling instead.
                    listen_failures += 1
                    if listen_failures >= 3:
                        log.info("store watcher: LISTEN unavailable (%s); polling", exc)
                        self.mechanism = "poll"
                    continue
                self._set_reachable(False, _describe(exc))
                self._stop.wait(delay)
                delay = min(delay * 2, 5.0)

    def _store_answers(self) -> bool:
        try:
            with self.store.read() as session:
                latest_change_id(session)
        except Exception:
            return False
        return True

    def _set_reachable(self, reachable: bool, message: str = "") -> None:
        if reachable == self.reachable:
            return
        self.reachable = reachable
        if self.on_connection is not None:
            try:
                self.on_connection(reachable, message)
            except Exception:  # a callback's bug must not stop the watcher
                log.exception("store watcher: connection callback failed")

    def _deliver(self, changes: list[Change]) -> None:
        fresh = []
        for change in changes:
            if change is RESET:
                fresh.append(change)
                continue
            if change.id in self._seen_set:
                continue
            if len(self._seen) == self._seen.maxlen:
                self._seen_set.discard(self._seen[0])
            self._seen.append(change.id)
            self._seen_set.add(change.id)
            fresh.append(change)
            if self._last_id is None or change.id > self._last_id:
                self._last_id = change.id
        if fresh:
            try:
                self.on_changes(fresh)
            except Exception:
                log.exception("store watcher: change callback failed")

    def _catch_up(self, session: Session) -> None:
        """Read what the log holds beyond what was seen; the first time, just note where the
        log ends (history is not news)."""
        if self._last_id is None:
            self._last_id = latest_change_id(session)
            return
        lookback = LOOKBACK if self.store.engine.dialect.name == "postgresql" else 0
        start = max(0, self._last_id - lookback)
        oldest = session.scalar(select(func.min(StoreChange.id)))
        missed = self._last_id < latest_change_id(session) and (
            oldest is not None and oldest > self._last_id + 1
        )
        changes = changes_since(session, start)
        if missed:  # pruned past us: we cannot tell what changed
            changes = [RESET, *changes]
        self._deliver(changes)

    def _poll(self) -> None:
        with contextlib.suppress(Exception), self.store.write() as session:
            prune_changes(session)
        while not self._stop.is_set():
            with self.store.read() as session:
                self._catch_up(session)
            self._set_reachable(True)
            self._ready.set()
            self._stop.wait(self.poll_seconds)

    def _listen(self) -> None:
        import psycopg

        url = self.store.engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        conninfo = psycopg.conninfo.make_conninfo(conninfo, **PG_CONNECT_ARGS)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            with contextlib.suppress(Exception), self.store.write() as session:
                prune_changes(session)
            with self.store.read() as session:  # after LISTEN: nothing falls between
                self._catch_up(session)
            self._set_reachable(True)
            self._ready.set()
            quiet = 0.0
            while not self._stop.is_set():
                batch = [
                    Change.from_payload(n.payload)
                    for n in conn.notifies(timeout=min(0.5, self.poll_seconds))
                ]
                if batch:
                    quiet = 0.0
                    self._deliver(batch)
                else:
                    quiet += min(0.5, self.poll_seconds)
                    if quiet >= HEALTH_SECONDS:  # a silent server may be a gone one
                        quiet = 0.0
                        conn.execute("SELECT 1")


def _describe(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
