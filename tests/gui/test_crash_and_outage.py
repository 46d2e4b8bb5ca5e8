"""Locks after crashes and outages, through the window: a crashed window's own lock is taken
back at once when its editor opens the story again on the same computer (another live
editor's is not), and after an outage longer than a lock lives every held lock is renewed as
soon as the store is back, so the other window sees the padlock again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from editordesk.services import locks
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import EditLock
from tests.gui.test_shared_desk import ENGINES, WAIT_MS, _window, second_store
from tests.pg import PgServer
from tests.services.test_lock_owners import gone_pid

__all__ = ["second_store"]


@ENGINES
def test_a_crashed_windows_own_lock_is_taken_back_at_once_a_live_editors_is_not(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        crashed = create_story(session, StoryDraft(headline="Mine, crashed"), author="Ana").id
        held = create_story(session, StoryDraft(headline="Ben's, live"), author="Ana").id
    here = locks.Place.here()
    with store.write() as session:  # what Ana's crashed window left, and Ben's live one
        locks.take_lock(
            session, crashed, holder="Ana Ruiz", window="w-crashed",
            place=replace(here, pid=gone_pid()),
        )  # fmt: skip
    ben = _window(qtbot, second_store, "Ben Okafor")
    assert ben.open_story(held) is not None

    ana = _window(qtbot, store, "Ana Ruiz")  # she starts EditorDesk again
    mine = ana.open_story(crashed)
    assert mine is not None and mine.holds_lock and not mine.read_only
    assert not mine.notice.isVisible()
    theirs = ana.open_story(held)
    assert theirs is not None and theirs.read_only
    assert "Being edited by Ben Okafor" in theirs.notice.label.text()


@pytest.mark.slow
def test_after_an_outage_longer_than_a_lock_every_lock_is_renewed_at_once(
    qtbot: QtBot, pg_private_server: PgServer, tmp_path: Path
) -> None:
    server = pg_private_server
    with server.database() as url:
        location = resolve(url.render_as_string(hide_password=False), str(tmp_path / "media"))
        ana_store, ben_store = Store.open(location), Store.open(location)
        try:
            with ana_store.write() as session:
                ids = [
                    create_story(session, StoryDraft(headline=f"Story {n}"), author="Ana").id
                    for n in range(3)
                ]
            ana = _window(qtbot, ana_store, "Ana Ruiz")
            ben = _window(qtbot, ben_store, "Ben Okafor")
            editors = [ana.open_story(i) for i in ids]
            assert all(e is not None and e.holds_lock for e in editors)
            model = ben.story_list.model
            qtbot.waitUntil(
                lambda: all(model.lock_text(i).startswith("Ana") for i in ids), timeout=WAIT_MS
            )
            server.stop()
            try:
                qtbot.waitUntil(lambda: ana.live.connection_label.isVisible(), timeout=WAIT_MS)
                assert ana.live.connection_label.wordWrap()
                first = editors[0]
                assert first is not None
                first.body.setPlainText("Typed while the server was down.")
                ana.tabs.setCurrentWidget(first)
                ana.save_current()  # refused in a whole sentence that wraps, in the tab
                qtbot.waitUntil(lambda: first.property("notSaved") is True, timeout=WAIT_MS)
                said = first.notice.label.text()
                assert said.startswith("Not saved — the store cannot be reached")
                assert said.endswith("save again when the store is back.")
                assert first.notice.label.wordWrap()
            finally:
                server.start()
            # the outage outlasted the locks (what 90 seconds down leaves behind)
            past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
            with ben_store.write() as session:
                session.execute(update(EditLock).values(expires=past))
            qtbot.waitUntil(lambda: not ana.live.connection_label.isVisible(), timeout=WAIT_MS)
            assert not first.notice.isVisible()  # its cause cleared, the words go
            with ben_store.read() as session:  # renewed on reconnecting, not at a heartbeat
                qtbot.waitUntil(lambda: set(locks.live_locks(session)) == set(ids), timeout=WAIT_MS)
            ben.live.heartbeat()
            qtbot.waitUntil(
                lambda: all(model.lock_text(i).startswith("Ana") for i in ids), timeout=WAIT_MS
            )
            for editor in editors:
                assert editor is not None and editor.holds_lock and not editor.read_only
            ana.tabs.setCurrentWidget(first)
            ana.save_current()  # saving resumes, under the renewed lock
            qtbot.waitUntil(lambda: not first.dirty, timeout=WAIT_MS)
            ana.close()
            ben.close()
        finally:
            ana_store.close()
            ben_store.close()
