"""The history dialog driven as an editor would: read the list, pick revisions with mouse and
keyboard, see the changed words, restore one; and what the store holds afterwards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editordesk.document.diff import display_time
from editordesk.gui.dialogs.diff_view import DiffView
from editordesk.gui.dialogs.history import HistoryDialog
from editordesk.gui.workers import wait_for_background
from editordesk.model import StoryDraft, StoryRecord
from editordesk.services import stories as svc
from editordesk.store.db import Store
from tests.helpers import snapshot

BODY_1 = "The harbour wall at Port Ellan collapsed on Thursday night.\n\nCrews are on site."
BODY_2 = "The harbour wall at Port Ellan gave way on Thursday night.\n\nCrews are on site."
BODY_3 = BODY_2 + "\n\nThe ferry runs from the south slip."


@pytest.fixture
def story(store: Store) -> StoryRecord:
    """Three saves by three people: created, body edited, a paragraph and a tag added."""
    with store.write() as session:
        first = svc.create_story(
            session,
            StoryDraft(headline="Harbour wall gives way", tags=("harbour",), body=BODY_1),
            author="Mara Quinn",
        )
    with store.write() as session:
        second = svc.save_story(
            session,
            first.id,
            replace(first.draft(), body=BODY_2),
            base_version=first.version,
            author="Ruth Calloway",
            note="tightened the intro",
        )
    with store.write() as session:
        return svc.save_story(
            session,
            second.id,
            replace(second.draft(), body=BODY_3, tags=("harbour", "ferry")),
            base_version=second.version,
            author="Bob Tran",
        )


def open_history(qtbot: QtBot, store: Store, story_id: int, **kwargs: object) -> HistoryDialog:
    dialog = HistoryDialog(store, story_id, "Test Editor", **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.is_loaded)
    return dialog


def button(widget: QWidget, name: str) -> QPushButton:
    """The button a screen reader would announce as `name`."""
    found = [b for b in widget.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, f"no single button named {name!r}"
    return found[0]


def listed(dialog: HistoryDialog) -> list[list[str]]:
    tree = dialog.revision_list
    return [
        [tree.topLevelItem(row).text(col) for col in range(tree.columnCount())]
        for row in range(tree.topLevelItemCount())
    ]


def marked(pane: QTextBrowser) -> list[str]:
    """The runs of text shown highlighted in a pane."""
    found = []
    block = pane.document().firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().hasProperty(DiffView.CHANGE_PROPERTY):
                assert fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def row_tops(pane: QTextBrowser) -> list[float]:
    """Where each row of a diff pane starts: equal on both sides once they are lined up."""
    layout, block, out = pane.document().documentLayout(), pane.document().firstBlock(), []
    while block.isValid():
        out.append(layout.blockBoundingRect(block).top())
        block = block.next()
    return out


def settle(qtbot: QtBot) -> None:
    """Until no background work is running and what it reported has been handled."""
    qtbot.waitUntil(lambda: wait_for_background(0))
    QApplication.processEvents()


def click_revision(qtbot: QtBot, dialog: HistoryDialog, number: int) -> None:
    tree = dialog.revision_list
    row = dialog.revision_numbers().index(number)
    rect = tree.visualItemRect(tree.topLevelItem(row))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_every_revision_newest_first(qtbot: QtBot, store: Store, story: StoryRecord) -> None:
    dialog = open_history(qtbot, store, story.id)
    assert dialog.windowTitle() == "History — Harbour wall gives way"
    with store.read() as session:
        saved = [display_time(r.saved) for r in svc.revisions(session, story.id)]
    assert listed(dialog) == [
        ["3", saved[0], "Bob Tran", "current text"],
        ["2", saved[1], "Ruth Calloway", "tightened the intro"],
        ["1", saved[2], "Mara Quinn", "created"],
    ]


def test_the_newest_two_are_compared_older_on_the_left(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    dialog = open_history(qtbot, store, story.id)
    view = dialog.diff_view
    assert (dialog.compared_number(), dialog.selected_number()) == (2, 3)
    assert view.left_title.text().startswith("Revision 2 · ")
    assert view.right_title.text().startswith("Revision 3 · ")
    assert view.left_pane.toPlainText().startswith(BODY_2)
    assert view.right_pane.toPlainText() == BODY_3
    assert marked(view.left_pane) == []
    assert marked(view.right_pane) == ["The ferry runs from the south slip."]
    fields = view.field_list
    assert [fields.topLevelItem(i).text(0) for i in range(fields.topLevelItemCount())] == ["Tags"]
    assert fields.topLevelItem(0).text(1) == "harbour"
    assert fields.topLevelItem(0).text(2) == "harbour, ferry"
    assert view.summary_label.text() == "Changed: tags and 1 line of the body."
    # The current text cannot be restored over itself.
    assert not button(dialog, "Restore revision 3").isEnabled()


def test_picking_a_revision_shows_the_words_it_changed(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    dialog = open_history(qtbot, store, story.id)
    click_revision(qtbot, dialog, 2)
    view = dialog.diff_view
    assert (dialog.compared_number(), dialog.selected_number()) == (1, 2)
    assert marked(view.left_pane) == ["collapsed"]
    assert marked(view.right_pane) == ["gave way"]
    assert "background-color" in view.right_pane.toHtml()
    assert view.field_list.isHidden()
    assert button(dialog, "Restore revision 2").isEnabled()


def test_the_left_side_can_be_any_revision(qtbot: QtBot, store: Store, story: StoryRecord) -> None:
    dialog = open_history(qtbot, store, story.id)
    combo = dialog.compare_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # revision 2 -> revision 1, without opening it
    assert combo.currentText().startswith("Revision 1 · ")
    assert (dialog.compared_number(), dialog.selected_number()) == (1, 3)
    assert marked(dialog.diff_view.left_pane) == ["collapsed"]
    assert marked(dialog.diff_view.right_pane) == [
        "gave way",
        "The ferry runs from the south slip.",
    ]


def test_keyboard_enter_selects_and_never_restores_esc_closes(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    before = snapshot(store)
    dialog = open_history(qtbot, store, story.id)
    tree = dialog.revision_list
    assert tree.hasFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert dialog.selected_number() == 1
    assert button(dialog, "Restore revision 1").isEnabled()
    assert not dialog.status_label.text().startswith("Restoring")
    settle(qtbot)  # a restore, had Enter started one, would have finished now
    assert dialog.isVisible()
    assert snapshot(store) == before
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert snapshot(store) == before


def test_every_button_is_named_and_explained(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    dialog = open_history(qtbot, store, story.id)
    click_revision(qtbot, dialog, 1)
    for b in dialog.findChildren(QPushButton):
        assert b.accessibleName() and b.toolTip(), b.text()
    assert "revision 1" in button(dialog, "Restore revision 1").toolTip()


def test_restore_brings_an_old_revision_back_as_a_new_one(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    dialog = open_history(qtbot, store, story.id, base_version=story.version)
    click_revision(qtbot, dialog, 1)
    with qtbot.waitSignal(dialog.restored) as signal:
        qtbot.mouseClick(button(dialog, "Restore revision 1"), Qt.MouseButton.LeftButton)
    record = signal.args[0]
    assert isinstance(record, StoryRecord)
    assert (record.body, record.tags, record.version) == (BODY_1, ("harbour",), story.version + 1)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    with store.read() as session:
        newest = svc.revisions(session, story.id)[0]
        current = svc.get_story(session, story.id)
    assert (newest.number, newest.author, newest.note) == (4, "Test Editor", "restored revision 1")
    assert newest.draft.body == BODY_1
    assert current.body == BODY_1 and current.version == record.version


def test_a_stale_copy_is_refused_with_a_message_and_nothing_changes(
    qtbot: QtBot, store: Store, story: StoryRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []

    def answer(box: QMessageBox) -> int:  # the warning, answered at once
        shown.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    before = snapshot(store)
    # The editor's window still holds version 1; two saves have happened since.
    dialog = open_history(qtbot, store, story.id, base_version=1)
    click_revision(qtbot, dialog, 2)
    restore = button(dialog, "Restore revision 2")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    [(title, text)] = shown
    assert title == "Revision not restored"
    assert text.startswith("Revision 2 was not restored: ")
    assert "changed by someone else" in text and "nothing was overwritten" in text
    assert "Traceback" not in text
    assert dialog.isVisible() and restore.isEnabled()
    assert snapshot(store) == before


def test_a_missing_story_says_so(qtbot: QtBot, store: Store) -> None:
    dialog = open_history(qtbot, store, 999)
    assert "story 999 is not in the store" in dialog.status_label.text()
    assert dialog.revision_numbers() == []
    assert not button(dialog, "Restore this revision").isEnabled()


def test_the_dialog_renders(qtbot: QtBot, store: Store, story: StoryRecord, tmp_path: Path) -> None:
    dialog = open_history(qtbot, store, story.id)
    click_revision(qtbot, dialog, 2)
    left, right = dialog.diff_view.left_pane, dialog.diff_view.right_pane
    qtbot.waitUntil(lambda: row_tops(left) == row_tops(right) != [])
    path = tmp_path / "history.png"
    assert dialog.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() > 400 and image.height() > 300
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert len(colours) > 20, "the screenshot is blank"


def test_panes_scroll_together_with_rows_side_by_side(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    long_para = "A long paragraph that wraps over several lines in a narrow pane. " * 12
    with store.write() as session:
        svc.save_story(
            session,
            story.id,
            replace(story.draft(), body=long_para + "\n\n" + BODY_3 + ("\n\nMore." * 40)),
            base_version=story.version,
            author="Bob Tran",
        )
    dialog = open_history(qtbot, store, story.id)
    left, right = dialog.diff_view.left_pane, dialog.diff_view.right_pane
    qtbot.waitUntil(lambda: row_tops(left) == row_tops(right))
    assert left.verticalScrollBar().maximum() > 0
    right.verticalScrollBar().setValue(right.verticalScrollBar().maximum() // 2)
    assert left.verticalScrollBar().value() == right.verticalScrollBar().value()
