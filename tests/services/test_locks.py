"""Edit locks on both engines: take, see, refresh, release, take over, expire."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from editordesk.errors import NotFoundError
from editordesk.services import locks
from editordesk.services.stories import StoryDraft, create_story, delete_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation
from editordesk.store.models import EditLock


def _story(store: Store, headline: str = "Harbour wall") -> int:
    with store.write() as session:
        return create_story(session, StoryDraft(headline=headline), author="Ann").id


def _expire(store: Store, story_id: int) -> None:
    """What a crashed window leaves: a lock whose heartbeat stopped long ago."""
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with store.write() as session:
        session.execute(update(EditLock).where(EditLock.story_id == story_id).values(expires=past))


def test_a_lock_is_seen_by_others_and_refused_to_them(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        mine = locks.take_lock(session, story, holder="Ann", window="w-ann")
    assert (mine.holder, mine.window) == ("Ann", "w-ann")
    with store.read() as session:
        seen = locks.lock_of(session, story)
        assert seen is not None and seen.holder == "Ann"
        assert "Ann since" in seen.describe()
        assert set(locks.live_locks(session)) == {story}
    with (
        pytest.raises(locks.LockedError, match="being edited by Ann") as caught,
        store.write() as session,
    ):
        locks.take_lock(session, story, holder="Bob", window="w-bob")
    assert caught.value.lock.holder == "Ann"
    with store.write() as session:  # taking it again from the same window renews it
        again = locks.take_lock(session, story, holder="Ann", window="w-ann")
    assert again.since == mine.since and again.expires >= mine.expires


def test_release_frees_the_story_but_only_the_holder_releases(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        locks.take_lock(session, story, holder="Ann", window="w-ann")
    with store.write() as session:
        locks.release_lock(session, story, "w-bob")  # not Bob's to release
    with store.read() as session:
        assert locks.lock_of(session, story) is not None
    with store.write() as session:
        locks.release_lock(session, story, "w-ann")
    with store.write() as session:
        assert locks.take_lock(session, story, holder="Bob", window="w-bob").holder == "Bob"


def test_taking_over_is_explicit_and_the_loser_learns_at_its_heartbeat(store: Store) -> None:
    story, other = _story(store), _story(store, "Ferry cuts")
    with store.write() as session:
        locks.take_lock(session, story, holder="Ann", window="w-ann")
        locks.take_lock(session, other, holder="Ann", window="w-ann")
    with store.write() as session:
        replaced = locks.take_over(session, story, holder="Bob", window="w-bob")
    assert replaced is not None and replaced.holder == "Ann"
    with store.write() as session:
        lost = locks.refresh_locks(session, "w-ann", [story, other])
    assert lost == {story}
    with store.read() as session:
        now_held = locks.lock_of(session, story)
        assert now_held is not None and now_held.holder == "Bob"


def test_a_crashed_windows_lock_expires_and_anyone_may_take_it(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        locks.take_lock(session, story, holder="Ann", window="w-crashed")
    _expire(store, story)
    with store.read() as session:
        assert locks.lock_of(session, story) is None
        assert locks.live_locks(session) == {}
    with store.write() as session:
        taken = locks.take_lock(session, story, holder="Bob", window="w-bob")
    assert taken.holder == "Bob"
    with store.write() as session:  # the crashed window, were it to wake, has lost it
        assert locks.refresh_locks(session, "w-crashed", [story]) == {story}


def test_expired_locks_are_cleared_and_window_close_releases_all(store: Store) -> None:
    a, b, c = _story(store, "A"), _story(store, "B"), _story(store, "C")
    with store.write() as session:
        for story in (a, b):
            locks.take_lock(session, story, holder="Ann", window="w-ann")
        locks.take_lock(session, c, holder="Cat", window="w-cat")
    _expire(store, c)
    with store.write() as session:
        assert locks.clear_expired(session) == 1
        locks.release_all(session, "w-ann")
    with store.read() as session:
        assert locks.live_locks(session) == {}


def test_locks_go_with_their_story_and_need_one(store: Store) -> None:
    story = _story(store)
    with store.write() as session:
        locks.take_lock(session, story, holder="Ann", window="w-ann")
        delete_story(session, story)
    with store.read() as session:
        assert locks.live_locks(session) == {}
    with pytest.raises(NotFoundError), store.write() as session:
        locks.take_lock(session, story, holder="Ann", window="w-ann")


def test_two_windows_on_one_store_see_each_others_locks(
    store: Store, store_location: StoreLocation
) -> None:
    """Two windows are two Store objects (two connection pools) on one file or server."""
    story = _story(store)
    with Store.open(store_location) as second:
        with second.write() as session:
            locks.take_lock(session, story, holder="Bob", window="w-bob")
        with pytest.raises(locks.LockedError, match="Bob"), store.write() as session:
            locks.take_lock(session, story, holder="Ann", window="w-ann")
        with store.read() as session:
            assert locks.live_locks(session)[story].holder == "Bob"


def test_of_many_windows_grabbing_one_free_story_at_once_exactly_one_wins(
    store: Store, store_location: StoreLocation
) -> None:
    """Eight windows (each its own store and connections) lock the same story together."""
    import threading

    story = _story(store)
    windows = [Store.open(store_location) for _ in range(8)]
    start = threading.Barrier(len(windows))
    outcomes: list[str] = []

    def grab(n: int, window: Store) -> None:
        start.wait()
        try:
            with window.write() as session:
                locks.take_lock(session, story, holder=f"Editor {n}", window=f"w-{n}")
        except locks.LockedError:
            outcomes.append("refused")
        else:
            outcomes.append(f"w-{n}")

    threads = [threading.Thread(target=grab, args=(n, w)) for n, w in enumerate(windows)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    finally:
        for window in windows:
            window.close()
    winners = [o for o in outcomes if o != "refused"]
    assert len(outcomes) == 8 and len(winners) == 1
    with store.read() as session:
        held = locks.lock_of(session, story)
        assert held is not None and held.window == winners[0]
