"""Taking over, conflicts and kept text with two and three windows on one store, on both
engines: taking over asks first and the editor taken over from is told in words that stay
until read, keeping their text; a conflict banner goes once answered and reloading over
unsaved text asks and keeps it; two windows under one name never offer each other's unsaved
text, and a crashed one's is offered back."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from editordesk.gui.main_window import MainWindow
from editordesk.services.stories import StoryDraft, create_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.models import Autosave
from tests.gui.answers import answering
from tests.gui.test_shared_desk import ENGINES, WAIT_MS, _button, _window, second_store
from tests.services.test_lock_owners import gone_pid

__all__ = ["second_store"]

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def _kept_tabs(win: MainWindow) -> list[str]:
    return [e.body.toPlainText() for e in win.editors() if e.property("titlePrefix") == "Kept: "]


@ENGINES
def test_taking_over_asks_and_the_other_editor_keeps_their_text_and_is_told(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Ferry strike"), author="Ana Ruiz")
    ana = _window(qtbot, store, "Ana Ruiz")
    ana_again = _window(qtbot, store, "Ana Ruiz")  # the same editor in a second window
    ben = _window(qtbot, second_store, "Ben Okafor")
    mine = ana.open_story(story.id)
    assert mine is not None and mine.holds_lock
    also_mine = ana_again.open_story(story.id)  # her other window: read-only, not hers
    theirs = ben.open_story(story.id)
    assert also_mine is not None and also_mine.read_only
    assert theirs is not None and theirs.read_only
    mine.body.setPlainText("Ana's unsaved paragraph.")

    # Ben thinks better of it: nothing happens
    with answering(Cancel) as asked:
        _button(theirs, "Take over…").click()
    assert "Ana Ruiz is editing" in asked[0] and theirs.read_only and mine.holds_lock

    with answering(Yes):
        _button(theirs, "Take over…").click()
    assert theirs.holds_lock and not theirs.read_only
    qtbot.waitUntil(lambda: mine.read_only, timeout=WAIT_MS)
    told = "Ben Okafor took over this story"
    assert told in mine.notice.label.text() and "NOT saved" in mine.notice.label.text()
    assert ana.tabs.tabText(ana.tabs.indexOf(mine)).startswith("⚠")
    assert mine.body.toPlainText() == "Ana's unsaved paragraph." and mine.dirty
    # it stays: later refreshes do not replace it
    ana.live.heartbeat()
    with qtbot.waitSignal(ana.live.refreshed, timeout=WAIT_MS):
        ana.live._refresh_timer.start()
    assert told in mine.notice.label.text()
    # her save is refused by the store too, and her text stays
    ana.tabs.save_editor(mine)
    assert mine.body.toPlainText() == "Ana's unsaved paragraph."
    # she keeps her text as a new story's tab, then has read the notice
    _button(mine, "Keep mine as a new story").click()
    assert _kept_tabs(ana) == ["Ana's unsaved paragraph."]
    assert "Being edited by Ben Okafor" in mine.notice.label.text()
    assert not ana.tabs.tabText(ana.tabs.indexOf(mine)).startswith("⚠")
    with store.read() as session:
        assert get_story(session, story.id).body == ""


@ENGINES
def test_a_conflict_banner_goes_once_answered_and_reloading_asks_and_keeps_mine(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Budget", body="v1"), author="Ana")
    ana = _window(qtbot, store, "Ana Ruiz")
    editor = ana.open_story(story.id)
    assert editor is not None
    editor.body.setPlainText("Ana's draft")

    def bob_saves(body: str) -> None:
        with second_store.write() as session:
            current = get_story(session, story.id)
            save_story(  # over her lock, as `revert --force` would
                session,
                story.id,
                replace(current.draft(), body=body, slug=None),
                base_version=current.version,
                author="Bob Lane",
                force=True,
            )

    bob_saves("Bob v2")
    qtbot.waitUntil(lambda: "Changed by Bob Lane" in editor.notice.label.text(), timeout=WAIT_MS)
    _button(editor, "Keep mine").click()
    assert not editor.notice.isVisible()  # answered: the banner goes
    editor.body.setPlainText("Ana's draft, typed on")
    with qtbot.waitSignal(ana.live.refreshed, timeout=WAIT_MS):
        ana.live._refresh_timer.start()
    assert not editor.notice.isVisible()  # and does not come back for the same save

    bob_saves("Bob v3")
    qtbot.waitUntil(lambda: "Changed by Bob Lane" in editor.notice.label.text(), timeout=WAIT_MS)
    with answering(Cancel) as asked:
        _button(editor, "Reload theirs…").click()
    assert "not be lost" in asked[0] and editor.body.toPlainText() == "Ana's draft, typed on"
    with answering(Yes):
        _button(editor, "Reload theirs…").click()
    assert editor.body.toPlainText() == "Bob v3" and not editor.dirty
    assert _kept_tabs(ana) == ["Ana's draft, typed on"]  # what was dropped is kept


@ENGINES
def test_two_windows_under_one_name_never_offer_each_others_text_until_one_crashes(
    qtbot: QtBot, store: Store, second_store: Store
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Tide tables"), author="Ana")
    first = _window(qtbot, store, "Ana Ruiz")
    editor = first.open_story(story.id)
    assert editor is not None
    editor.body.setPlainText("Unsaved in the first window.")
    first.autosave()
    qtbot.waitUntil(lambda: "kept safe" in first.save_state.text(), timeout=WAIT_MS)

    second = _window(qtbot, second_store, "Ana Ruiz")  # same name, same computer
    assert second.tabs.offer_recovery() is False  # the first window is alive: not offered
    with store.read() as session:
        assert session.query(Autosave).count() == 1  # and nothing of it was discarded

    # the first window's process dies (what a crash leaves in the store)
    with store.write() as session:
        session.execute(update(Autosave).values(pid=gone_pid()))
    from editordesk.gui.dialogs.recovery import RecoveryDialog

    offered: list[list[str]] = []

    def choose(dialog: RecoveryDialog) -> int:
        offered.append([item.draft.body for item in dialog.items])
        return 0  # closed without choosing: kept for next time

    original = RecoveryDialog.exec
    RecoveryDialog.exec = choose  # type: ignore[method-assign,assignment]
    try:
        assert second.tabs.offer_recovery() is True
    finally:
        RecoveryDialog.exec = original  # type: ignore[method-assign]
    assert offered == [["Unsaved in the first window."]]
