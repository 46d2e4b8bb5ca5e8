"""LiveDesk on its own, without a window: what happens elsewhere on a shared desk comes out
as signals (others' locks, stories and pictures changed, status lines), and the tabs it is
given go read-only when another editor holds their story."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.live_desk import LiveDesk
from editordesk.services.images import add_image
from editordesk.services.locks import take_lock
from editordesk.services.stories import StoryDraft, create_story, get_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation
from tests.helpers import image_bytes

WAIT_MS = 20_000  # bound on waiting for another window's change (not a timing assertion)


@pytest.fixture
def second_store(store_location: StoreLocation, store: Store) -> Iterator[Store]:
    with Store.open(store_location) as other:
        yield other


@pytest.fixture
def desk(qtbot: QtBot, store: Store) -> Iterator[tuple[LiveDesk, list[StoryEditor]]]:
    editors: list[StoryEditor] = []
    live = LiveDesk(lambda: editors, lambda: "Ana Ruiz")
    live.attach(store, poll_seconds=0.2)
    yield live, editors
    live.shut_down()
    for editor in editors:
        editor.dirty = False
        editor.deleteLater()


def test_others_locks_and_changes_come_out_as_signals(
    qtbot: QtBot, desk: tuple[LiveDesk, list[StoryEditor]], store: Store, second_store: Store
) -> None:
    live, _ = desk
    with second_store.write() as session:
        story = create_story(session, StoryDraft(headline="Quay"), author="Ben Okafor")
    with qtbot.waitSignal(live.stories_changed, timeout=WAIT_MS):
        pass
    with second_store.write() as session:
        take_lock(session, story.id, holder="Ben Okafor", window="w-ben")
    with qtbot.waitSignal(
        live.locks_changed,
        check_params_cb=lambda locks: locks.get(story.id, "").startswith("Ben Okafor"),
        timeout=WAIT_MS,
    ):
        pass
    with qtbot.waitSignal(live.images_changed, timeout=WAIT_MS), second_store.write() as session:
        add_image(session, second_store.media, image_bytes(), "quay.jpg")


def test_a_tab_on_a_story_held_elsewhere_is_read_only_and_says_who(
    qtbot: QtBot, desk: tuple[LiveDesk, list[StoryEditor]], store: Store, second_store: Store
) -> None:
    live, editors = desk
    with second_store.write() as session:
        story = create_story(session, StoryDraft(headline="Pier"), author="Ben Okafor")
        take_lock(session, story.id, holder="<b>Ben</b>", window="w-ben")
    with store.read() as session:
        record = get_story(session, story.id)
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editors.append(editor)
    live.editor_added(editor)
    assert editor.read_only and not editor.holds_lock
    assert editor.notice.label.text().startswith("Being edited by <b>Ben</b> since")
