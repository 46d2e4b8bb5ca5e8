"""The PostgreSQL server stops in the middle of an editing session and comes back: the
watcher reports it, a save made meanwhile is refused in words (not lost), the unsaved text
goes to a file on this computer, and saving resumes on the same open store once the server
is back. Nothing typed is lost."""

from __future__ import annotations

import queue
from dataclasses import replace
from pathlib import Path

import pytest

from editordesk.services import live
from editordesk.services.autosave import LocalDrafts, keep_unsaved, recoverable
from editordesk.services.stories import StoryDraft, create_story, get_story, revisions, save_story
from editordesk.store.db import Store, StoreUnavailableError
from editordesk.store.location import resolve
from tests.pg import PgServer

pytestmark = pytest.mark.slow

WAIT_S = 60  # bound on waiting for the watcher to notice (not a timing assertion)


def test_the_server_stops_and_returns_and_no_edit_is_lost(
    pg_private_server: PgServer, tmp_path: Path
) -> None:
    # A cluster of its own: stopping the shared one would cut every other user of it.
    pg_server = pg_private_server
    with pg_server.database() as url:
        location = resolve(url.render_as_string(hide_password=False), str(tmp_path / "media"))
        store = Store.open(location)
        reachable: queue.Queue[bool] = queue.Queue()
        seen: queue.Queue[live.Change] = queue.Queue()
        watcher = live.StoreWatcher(
            store,
            lambda changes: [seen.put(c) for c in changes],
            lambda ok, _message: reachable.put(ok),
            poll_seconds=0.2,
        )
        try:
            watcher.start()
            assert watcher.wait_ready(WAIT_S)
            assert reachable.get(timeout=WAIT_S) is True
            with store.write() as session:
                story = create_story(session, StoryDraft(headline="Storm diary"), author="Ann")
            with store.write() as session:
                story = save_story(
                    session,
                    story.id,
                    replace(story.draft(), body="Morning: the wall holds."),
                    base_version=story.version,
                    author="Ann",
                )

            pg_server.stop()
            try:
                assert reachable.get(timeout=WAIT_S) is False
                typed = replace(story.draft(), body="Morning: the wall holds.\n\nNoon: it gave.")
                with (
                    pytest.raises(StoreUnavailableError, match="cannot be reached"),
                    store.write() as session,
                ):
                    save_story(session, story.id, typed, base_version=story.version, author="Ann")
                where = keep_unsaved(
                    store,
                    "tab-1",
                    typed,
                    story_id=story.id,
                    base_version=story.version,
                    editor="Ann",
                )
                assert where == "computer"
                [kept] = LocalDrafts(store.recovery_dir).all()
                assert kept["draft"]["body"] == typed.body
            finally:
                pg_server.start()

            assert reachable.get(timeout=WAIT_S) is True
            # A window restarted now would offer the text back from this computer's file.
            with store.read() as session:
                [offered] = recoverable(session, "Ann")
            assert offered.draft.body == typed.body and not offered.someone_saved_since

            # The same open store saves again: the pool reconnects by itself.
            with store.write() as session:
                saved = save_story(
                    session, story.id, typed, base_version=story.version, author="Ann"
                )
            assert (
                keep_unsaved(
                    store,
                    "tab-1",
                    typed,
                    story_id=story.id,
                    base_version=saved.version,
                    editor="Ann",
                )
                == "store"
            )
            assert LocalDrafts(store.recovery_dir).all() == []  # the store has it again

            # and the watcher, listening again, hears the next change
            with Store.open(location) as other, other.write() as session:
                create_story(session, StoryDraft(headline="After the outage"), author="Bob")
            while True:
                change = seen.get(timeout=WAIT_S)
                if change.kind == "story" and change.action == "insert":
                    break

            with store.read() as session:
                final = get_story(session, story.id)
                history = revisions(session, story.id)
            assert final.body == typed.body
            assert [r.draft.body for r in history][:2] == [typed.body, "Morning: the wall holds."]
            assert len(history) == 3
        finally:
            watcher.stop()
            store.close()
