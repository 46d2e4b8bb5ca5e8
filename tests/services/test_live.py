"""The store watcher on both engines: another window's saves, status changes, locks and
pictures reach a callback (LISTEN/NOTIFY on PostgreSQL, polling the change log on SQLite)."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from dataclasses import replace

import pytest

from editordesk.media.folder import MediaFolder
from editordesk.services import live, locks
from editordesk.services.images import add_image
from editordesk.services.stories import StoryDraft, create_story, delete_story, save_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation
from editordesk.store.models import StoryStatus
from tests.helpers import image_bytes

WAIT_S = 30  # how long to wait before calling a change lost (not a timing assertion)


class Inbox:
    """Changes as the watcher hands them over, taken one at a time."""

    def __init__(self) -> None:
        self.changes: queue.Queue[live.Change] = queue.Queue()
        self.connection: queue.Queue[bool] = queue.Queue()

    def put(self, changes: list[live.Change]) -> None:
        for change in changes:
            self.changes.put(change)

    def next_matching(self, kind: str, action: str, item_id: int | None) -> live.Change:
        while True:
            change = self.changes.get(timeout=WAIT_S)
            if (change.kind, change.action) == (kind, action) and (
                item_id is None or change.item_id == item_id
            ):
                return change


@pytest.fixture
def other_window(store_location: StoreLocation, store: Store) -> Iterator[Store]:
    """A second window on the same store (its own engine and connections)."""
    with Store.open(store_location) as second:
        yield second


@pytest.fixture
def inbox(store: Store) -> Iterator[Inbox]:
    box = Inbox()
    watcher = live.StoreWatcher(
        store, box.put, lambda ok, _msg: box.connection.put(ok), poll_seconds=0.2
    )
    watcher.start()
    assert watcher.wait_ready(WAIT_S)
    expected = "listen" if store.engine.dialect.name == "postgresql" else "poll"
    assert watcher.mechanism == expected
    yield box
    watcher.stop()


def test_another_windows_changes_arrive(inbox: Inbox, other_window: Store) -> None:
    assert inbox.connection.get(timeout=WAIT_S) is True
    with other_window.write() as session:
        story = create_story(session, StoryDraft(headline="Quay"), author="Bob")
    created = inbox.next_matching("story", "insert", story.id)
    assert created.version == 1

    with other_window.write() as session:
        saved = save_story(
            session,
            story.id,
            replace(story.draft(), status=StoryStatus.READY),
            base_version=story.version,
            author="Bob",
        )
    assert inbox.next_matching("story", "update", story.id).version == saved.version

    with other_window.write() as session:
        locks.take_lock(session, story.id, holder="Bob", window="w-bob")
    inbox.next_matching("lock", "insert", story.id)
    with other_window.write() as session:
        locks.release_lock(session, story.id, "w-bob")
    inbox.next_matching("lock", "delete", story.id)

    with other_window.write() as session:
        image = add_image(session, other_window.media, image_bytes(), "quay.jpg")
    inbox.next_matching("image", "insert", image.id)

    with other_window.write() as session:
        delete_story(session, story.id)
    inbox.next_matching("story", "delete", story.id)


def test_nothing_rolled_back_is_announced(inbox: Inbox, other_window: Store) -> None:
    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), other_window.write() as session:
        create_story(session, StoryDraft(headline="Never stored"), author="Bob")
        raise Abandon
    with other_window.write() as session:
        kept = create_story(session, StoryDraft(headline="Stored"), author="Bob")
    first = inbox.next_matching("story", "insert", None)
    assert first.item_id == kept.id


def test_the_log_is_pruned_and_read_in_order(store: Store) -> None:
    with store.write() as session:
        for n in range(5):
            create_story(session, StoryDraft(headline=f"Story {n}"), author="t")
    with store.write() as session:
        start = live.latest_change_id(session) - 5
        assert [c.kind for c in live.changes_since(session, start)] == ["story"] * 5
        assert live.prune_changes(session, keep=2) == live.latest_change_id(session) - 2
        assert len(live.changes_since(session, 0)) == 2


def test_the_shared_media_folder_shows_one_editors_picture_to_another(
    store: Store, other_window: Store
) -> None:
    with store.write() as session:
        image = add_image(session, store.media, image_bytes(), "quay.jpg")
    assert other_window.media.path_of(image.path).read_bytes() == image_bytes()
    assert isinstance(other_window.media, MediaFolder)


def test_polling_follows_a_server_store_too(store: Store, other_window: Store) -> None:
    """Where LISTEN is not to be had (a connection pooler in transaction mode), the same log
    is polled; on SQLite polling is the only way."""
    box = Inbox()
    watcher = live.StoreWatcher(store, box.put, use_listen=False, poll_seconds=0.2).start()
    try:
        assert watcher.wait_ready(WAIT_S) and watcher.mechanism == "poll"
        with other_window.write() as session:
            story = create_story(session, StoryDraft(headline="Polled"), author="Bob")
        assert box.next_matching("story", "insert", story.id).version == 1
    finally:
        watcher.stop()


def test_the_desk_state_names_locks_and_each_open_storys_latest_save(store: Store) -> None:
    with store.write() as session:
        kept = create_story(session, StoryDraft(headline="Quay"), author="Ana")
        gone = create_story(session, StoryDraft(headline="Pier"), author="Ana")
    with store.write() as session:
        save_story(  # a change: a save with nothing changed makes no revision
            session,
            kept.id,
            replace(kept.draft(), body="Bob's line."),
            base_version=kept.version,
            author="Bob Lane",
        )
        delete_story(session, gone.id)
        locks.take_lock(session, kept.id, holder="Bob Lane", window="w-bob")
    with store.read() as session:
        state = live.desk_state(session, [kept.id, gone.id])
    assert state.latest == {kept.id: live.LatestSave(kept.version + 1, "Bob Lane"), gone.id: None}
    assert list(state.locks) == [kept.id] and state.locks[kept.id].holder == "Bob Lane"
    assert state.others_locks("w-bob") == {}
    assert list(state.others_locks("w-ana")) == [kept.id]
