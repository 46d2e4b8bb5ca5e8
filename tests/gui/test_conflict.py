"""The save-conflict dialog as an editor meets it: what it says, both versions side by side,
and each way out giving its choice (taking theirs only after "Replace your changes?", with
the unsaved text kept in a tab of its own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from editordesk.errors import ConflictError
from editordesk.gui.dialogs.conflict import ConflictChoice, ConflictDialog, when_text
from editordesk.gui.dialogs.diff_view import DiffView
from editordesk.model import StoryDraft, StoryRecord
from editordesk.services import stories as svc
from editordesk.store.db import Store

OPENED = "The ferry runs from the south slip.\n\nTimes are on the council site."
THEIRS = "The ferry runs from the north pier.\n\nTimes are on the council site."
MINE = "The ferry now runs from the south slip.\n\nTimes are on the council site.\n\nCall 555."


@pytest.fixture
def conflict(store: Store) -> tuple[StoryDraft, StoryRecord]:
    """Two editors open version 1; Ruth saves first, so my save is refused."""
    with store.write() as session:
        opened = svc.create_story(
            session, StoryDraft(headline="Ferry moves", body=OPENED), author="Mara Quinn"
        )
    with store.write() as session:
        theirs = svc.save_story(
            session,
            opened.id,
            replace(opened.draft(), body=THEIRS, tags=("ferry",)),
            base_version=opened.version,
            author="Ruth Calloway",
        )
    mine = replace(opened.draft(), headline="Ferry moves to the south slip", body=MINE)
    with store.write() as session, pytest.raises(ConflictError):
        svc.save_story(session, opened.id, mine, base_version=opened.version, author="Me")
    return mine, theirs


def open_conflict(qtbot: QtBot, mine: StoryDraft, theirs: StoryRecord) -> ConflictDialog:
    dialog = ConflictDialog(mine, theirs, "Ruth Calloway")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def button(widget: QWidget, name: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, f"no single button named {name!r}"
    return found[0]


def marked(pane: QTextBrowser) -> list[str]:
    found = []
    block = pane.document().firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().hasProperty(DiffView.CHANGE_PROPERTY):
                found.append(it.fragment().text())
            it += 1
        block = block.next()
    return found


def answer_next_box(qtbot: QtBot, answer: QMessageBox.StandardButton) -> list[str]:
    """Click `answer` in the next message box that opens, as the editor would; returns the
    box's title and text once it has been answered."""
    seen: list[str] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.extend([box.windowTitle(), box.text()])
            qtbot.mouseClick(box.button(answer), Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return seen


def test_says_calmly_who_saved_when(qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]):
    mine, theirs = conflict
    dialog = open_conflict(qtbot, mine, theirs)
    clock = theirs.updated.astimezone().strftime("%H:%M")
    assert dialog.message_label.text() == (
        f"Ruth Calloway saved this story at {clock} while you were editing it. "
        "Nothing has been overwritten."
    )
    unnamed = ConflictDialog(mine, theirs)
    qtbot.addWidget(unnamed)
    assert unnamed.message_label.text().startswith("Someone else saved this story at ")


def test_shows_theirs_beside_mine_with_the_changes_marked(
    qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]
) -> None:
    mine, theirs = conflict
    dialog = open_conflict(qtbot, mine, theirs)
    view = dialog.diff_view
    assert view.left_title.text().startswith("Theirs — saved at ")
    assert view.right_title.text() == "Yours — not saved"
    assert view.left_pane.toPlainText().startswith(THEIRS)
    assert view.right_pane.toPlainText() == MINE
    assert marked(view.left_pane) == ["north pier"]
    assert marked(view.right_pane) == ["now ", "south slip", "Call 555."]
    fields = view.field_list
    rows = [
        [fields.topLevelItem(i).text(c) for c in range(3)]
        for i in range(fields.topLevelItemCount())
    ]
    assert rows == [
        ["Headline", "Ferry moves", "Ferry moves to the south slip"],
        ["Tags", "ferry", "—"],
    ]


def test_every_button_is_named_and_explained(
    qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]
) -> None:
    dialog = open_conflict(qtbot, *conflict)
    names = sorted(b.accessibleName() for b in dialog.findChildren(QPushButton))
    assert names == ["Cancel", "Keep mine", "Open both", "Take theirs"]
    assert all(b.toolTip() for b in dialog.findChildren(QPushButton))
    assert dialog.choice() is ConflictChoice.CANCEL


@pytest.mark.parametrize(
    ("name", "choice"),
    [
        ("Keep mine", ConflictChoice.KEEP_MINE),
        ("Open both", ConflictChoice.OPEN_BOTH),
        ("Cancel", ConflictChoice.CANCEL),
    ],
)
def test_each_button_gives_its_choice(
    qtbot: QtBot,
    conflict: tuple[StoryDraft, StoryRecord],
    name: str,
    choice: ConflictChoice,
) -> None:
    dialog = open_conflict(qtbot, *conflict)
    qtbot.mouseClick(button(dialog, name), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.choice() is choice


def test_take_theirs_asks_first_and_discards_when_told(
    qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]
) -> None:
    dialog = open_conflict(qtbot, *conflict)
    seen = answer_next_box(qtbot, QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(button(dialog, "Take theirs"), Qt.MouseButton.LeftButton)
    assert seen[0] == "Replace your changes?"
    assert seen[1].startswith("Show their version in the editor?")
    assert "not lost" in seen[1]
    assert not dialog.isVisible()
    assert dialog.choice() is ConflictChoice.TAKE_THEIRS


def test_take_theirs_refused_keeps_the_dialog_open(
    qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]
) -> None:
    dialog = open_conflict(qtbot, *conflict)
    seen = answer_next_box(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(button(dialog, "Take theirs"), Qt.MouseButton.LeftButton)
    assert seen[0] == "Replace your changes?"
    assert dialog.isVisible()
    assert dialog.choice() is ConflictChoice.CANCEL
    qtbot.mouseClick(button(dialog, "Keep mine"), Qt.MouseButton.LeftButton)
    assert dialog.choice() is ConflictChoice.KEEP_MINE


def test_esc_is_cancel_and_enter_picks_nothing(
    qtbot: QtBot, conflict: tuple[StoryDraft, StoryRecord]
) -> None:
    dialog = open_conflict(qtbot, *conflict)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.choice() is ConflictChoice.CANCEL
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.choice() is ConflictChoice.CANCEL


def test_a_save_from_another_day_names_the_day() -> None:
    moment = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    local = moment.astimezone()
    assert when_text(moment, today=local.date()) == f"{local:%H:%M}"
    later = when_text(moment, today=local.date() + dt.timedelta(days=1))
    assert later == f"{local:%H:%M} on {local.day} Nov 2026"
