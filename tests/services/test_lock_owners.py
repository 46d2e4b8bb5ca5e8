"""Locks that hold on the store and know their owner, on both engines: a save, a revert or a
change from anyone but the lock's window is refused with a sentence naming the holder; a
crashed window's own lock is taken back at once; locks are renewed after an outage; a save
that changes nothing makes no revision; kept text is offered back only when its window is
gone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from editordesk.cli import main
from editordesk.services import locks
from editordesk.services.autosave import put_autosave, recoverable
from editordesk.services.stories import (
    StoryDraft,
    create_story,
    get_story,
    restore_revision,
    revisions,
    save_story,
)
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import EditLock
from tests.helpers import write_harbour


def _story(store: Store, headline: str = "Harbour wall") -> int:
    with store.write() as session:
        return create_story(session, StoryDraft(headline=headline), author="Ann").id


def gone_pid() -> int:
    """The id of a process that ran on this computer and has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _save(store: Store, story_id: int, body: str, *, window: str | None, **kw: object) -> None:
    with store.write() as session:
        current = get_story(session, story_id)
        save_story(
            session,
            story_id,
            replace(current.draft(), body=body, slug=None),
            base_version=current.version,
            author="Bob",
            window=window,
            **kw,  # type: ignore[arg-type]
        )


def test_only_the_lock_holder_saves_or_reverts_and_the_refusal_names_them(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        locks.take_lock(session, story, holder="Ann Ruiz", window="w-ann")
    for window in ("w-bob", None):  # another window, and the command line
        with pytest.raises(locks.LockedError, match="Ann Ruiz is editing it"):
            _save(store, story, "Bob's words", window=window)
    with (
        pytest.raises(locks.LockedError, match="was not reverted: Ann Ruiz"),
        store.write() as session,
    ):
        restore_revision(session, story, 1, base_version=1, author="Bob", window="w-bob")
    with store.read() as session:
        assert get_story(session, story).version == 1  # the store is as it was
    _save(store, story, "Ann's words", window="w-ann")
    _save(store, story, "Forced words", window=None, force=True)
    with store.read() as session:
        assert get_story(session, story).body == "Forced words"


def test_a_save_that_changes_nothing_makes_no_revision(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        record = get_story(session, story)
        again = save_story(
            session, story, replace(record.draft(), slug=None), base_version=1, author="Ann"
        )
    assert again.version == 1
    with store.read() as session:
        assert len(revisions(session, story)) == 1


def test_a_crashed_windows_own_lock_is_taken_back_at_once_a_live_ones_is_not(
    store: Store,
) -> None:
    crashed, alive, elsewhere = _story(store, "A"), _story(store, "B"), _story(store, "C")
    here = locks.Place.here()
    with store.write() as session:
        locks.take_lock(
            session, crashed, holder="Ann", window="w-dead", place=replace(here, pid=gone_pid())
        )
        locks.take_lock(  # another window still running on this computer (our parent)
            session, alive, holder="Ann", window="w-live", place=replace(here, pid=os.getppid())
        )
        locks.take_lock(  # a window on another computer: judged only by its expiry
            session,
            elsewhere,
            holder="Ann",
            window="w-far",
            place=locks.Place("another-desk", here.account, gone_pid()),
        )
    with store.write() as session:
        taken = locks.take_lock(session, crashed, holder="Ann", window="w-new")
    assert taken.window == "w-new"
    for story in (alive, elsewhere):
        with pytest.raises(locks.LockedError), store.write() as session:
            locks.take_lock(session, story, holder="Ann", window="w-new")
    # and at start-up, every lock of this computer's gone windows goes in one sweep
    with store.write() as session:
        locks.release_lock(session, crashed, "w-new")
        locks.take_lock(
            session, crashed, holder="Ann", window="w-dead2", place=replace(here, pid=gone_pid())
        )
        assert locks.reclaim_gone(session) == 1
    with store.read() as session:
        assert set(locks.live_locks(session)) == {alive, elsewhere}


def test_locks_are_renewed_after_an_outage_unless_someone_took_them(store: Store) -> None:
    kept, lost = _story(store, "Kept"), _story(store, "Lost")
    with store.write() as session:
        for story in (kept, lost):
            locks.take_lock(session, story, holder="Ann", window="w-ann")
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with store.write() as session:  # the outage outlasted both locks
        session.execute(update(EditLock).values(expires=past))
    with store.write() as session:
        locks.take_lock(session, lost, holder="Bob", window="w-bob")
    with store.write() as session:
        taken = locks.renew_locks(session, "w-ann", [kept, lost], holder="Ann")
    assert taken == {lost}
    with store.read() as session:
        held = locks.live_locks(session)
    assert held[kept].window == "w-ann" and held[lost].window == "w-bob"


def test_kept_text_is_offered_back_only_when_its_window_is_gone(store: Store) -> None:
    story = _story(store)
    here = locks.Place.here()
    draft = StoryDraft(headline="Harbour wall", body="Typed, not saved.")
    with store.write() as session:
        put_autosave(  # a window still open (this process), under the same name
            session, "k-live", draft, story_id=story, base_version=1, editor="Ann",
            window="w-live", place=here,
        )  # fmt: skip
        put_autosave(  # a window that crashed on this computer
            session, "k-dead", draft, story_id=story, base_version=1, editor="Ann",
            window="w-dead", place=replace(here, pid=gone_pid()),
        )  # fmt: skip
    with store.read() as session:
        offered = recoverable(session, "Ann", "w-other")
        # a shared login: another name on this account still gets the crashed window's text
        shared = recoverable(session, "Someone else", "w-other")
    assert [r.key for r in offered] == ["k-dead"]
    assert [r.key for r in shared] == ["k-dead"]


def test_cli_revert_refuses_a_locked_story_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.sqlite"
    assert main(["--db", str(db), "import", str(write_harbour(tmp_path / "in"))]) == 0
    with Store.open(resolve(str(db), None)) as store, store.write() as session:
        locks.take_lock(session, 1, holder="Ann Ruiz", window="w-ann", place=locks.Place.here())
        record = get_story(session, 1)
        save_story(
            session,
            1,
            replace(record.draft(), body=record.body + "\n\nMore.", slug=None),
            base_version=record.version,
            author="Ann Ruiz",
            window="w-ann",
        )
    capsys.readouterr()
    assert main(["--db", str(db), "revert", "1", "1"]) == 1
    err = capsys.readouterr().err
    assert "Ann Ruiz is editing it" in err and "--force" in err
    assert main(["--db", str(db), "revert", "1", "1", "--force"]) == 0
    assert "reverted to revision 1" in capsys.readouterr().out
