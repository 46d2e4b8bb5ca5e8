"""When a save is refused because someone else saved first: show both versions and let the
editor decide, calmly, with nothing lost whatever they choose."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.document.diff import display_time
from editordesk.gui import plain
from editordesk.gui.dialogs.diff_view import DiffView
from editordesk.model import FIELD_NAMES, ImageFields, ImageRecord, StoryDraft, StoryRecord


class ConflictChoice(enum.Enum):
    """What the editor chose; the main window carries it out."""

    KEEP_MINE = "keep_mine"  # save my text over theirs (theirs stays in the history)
    TAKE_THEIRS = "take_theirs"  # discard my unsaved text, show theirs
    OPEN_BOTH = "open_both"  # theirs in a new tab, mine stays here unsaved
    CANCEL = "cancel"  # back to editing; my text stays unsaved


def when_text(moment: dt.datetime, today: dt.date | None = None) -> str:
    """When a save happened, in local time: the clock alone today ("21:14"), else with the
    day ("21:14 on 26 Nov 2026")."""
    local = moment.astimezone()
    today = today or dt.datetime.now().astimezone().date()
    day, clock = display_time(moment).rsplit(" ", 1)
    return clock if local.date() == today else f"{clock} on {day}"


class ConflictDialog(QDialog):
    """Their saved version (left) against my unsaved one (right), and the three ways on.

    `choice()` gives the answer; Esc or closing the window is CANCEL."""

    def __init__(
        self,
        mine: StoryDraft,
        theirs: StoryRecord,
        theirs_author: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choice = ConflictChoice.CANCEL
        self.mine = mine
        self.theirs = theirs
        who = theirs_author.strip() or "Someone else"
        when = when_text(theirs.updated)

        self.setWindowTitle(plain.one_line(f"Saved by someone else — {theirs.headline}", 200))
        self.setSizeGripEnabled(True)

        self.message_label = plain.plain_label(  # the name is as the other editor typed it
            QLabel(self),
            self.tr(
                "{0} saved this story at {1} while you were editing it. Nothing has been "
                "overwritten."
            ).format(plain.shorten(who, 200), when),
        )
        self.message_label.setWordWrap(True)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        self.hint_label = QLabel(
            self.tr("Their version is on the left, yours on the right. Choose which to keep."), self
        )
        self.hint_label.setWordWrap(True)

        self.diff_view = DiffView(self)
        their_name = theirs_author.strip() or "someone else"
        self.diff_view.set_titles(f"Theirs — saved at {when} by {their_name}", "Yours — not saved")
        self.diff_view.show_diff(theirs.draft(), mine)

        self.keep_mine_button = self._button(
            "&Keep mine",
            "Save your text over theirs. Their version stays in the story's history.",
            self._keep_mine,
        )
        self.take_theirs_button = self._button(
            "&Take theirs",
            "Show their version in the editor; your unsaved text moves to a tab of its own.",
            self._take_theirs,
        )
        self.open_both_button = self._button(
            "&Open both",
            "Open their version in a new tab; yours stays here, unsaved, to merge by hand.",
            self._open_both,
        )
        self.cancel_button = self._button(
            "Cancel",
            "Go back to editing. Nothing is saved and nothing is lost (Esc).",
            self.reject,
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.take_theirs_button)
        buttons.addWidget(self.open_both_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.diff_view, 1)
        layout.addLayout(buttons)
        self.resize(960, 680)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        # No default button: Enter must not pick a version by accident.
        button.setAutoDefault(False)
        button.setDefault(False)
        button.clicked.connect(slot)
        return button

    def choice(self) -> ConflictChoice:
        """The editor's answer; CANCEL until a choice is made."""
        return self._choice

    def _choose(self, choice: ConflictChoice) -> None:
        self._choice = choice
        self.accept()

    def _keep_mine(self) -> None:
        self._choose(ConflictChoice.KEEP_MINE)

    def _open_both(self) -> None:
        self._choose(ConflictChoice.OPEN_BOTH)

    def _take_theirs(self) -> None:
        answer = plain.question(
            self,
            self.tr("Replace your changes?"),
            self.tr(
                "Show their version in the editor? Your unsaved text is not lost: it moves to a "
                "tab of its own (“Kept: …”), unsaved, to copy from or save as a new story."
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._choose(ConflictChoice.TAKE_THEIRS)

    def reject(self) -> None:
        self._choice = ConflictChoice.CANCEL
        super().reject()


class ImageConflictDialog(QDialog):
    """Someone saved a picture's details since this card was opened: theirs and mine side
    by side, field by field, and the ways on. `choice()` gives the answer (KEEP_MINE,
    TAKE_THEIRS or CANCEL)."""

    def __init__(
        self,
        mine: ImageFields,
        theirs: ImageRecord,
        theirs_author: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choice = ConflictChoice.CANCEL
        who = theirs_author.strip() or "Someone else"
        self.setWindowTitle(plain.one_line(f"Saved by someone else — {theirs.original_name}", 200))
        self.setSizeGripEnabled(True)
        self.message_label = plain.plain_label(
            QLabel(self),
            self.tr(
                "{0} saved this picture's details at {1} while you were editing them. Nothing has "
                "been overwritten."
            ).format(plain.shorten(who, 200), when_text(theirs.updated)),
        )
        self.message_label.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Theirs (saved)"), self.tr("Yours (not saved)")]
        )
        self.table.setAccessibleName(self.tr("Their details and yours"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for name in FIELD_NAMES:
            their_value, my_value = getattr(theirs.fields, name), getattr(mine, name)
            row = self.table.rowCount()
            self.table.insertRow(row)
            label = name.replace("_", " ").capitalize() + (" ≠" if their_value != my_value else "")
            for column, text in enumerate((label, their_value, my_value)):
                item = QTableWidgetItem(plain.shorten(text, 2000))
                item.setToolTip(plain.tooltip(text))
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.keep_mine_button = self._button(
            "&Keep mine",
            "Save your details over theirs. Theirs stay in the picture's history.",
            lambda: self._choose(ConflictChoice.KEEP_MINE),
        )
        self.take_theirs_button = self._button(
            "&Take theirs",
            "Show their details on the card. Your unsaved details are dropped (asks first).",
            self._take_theirs,
        )
        self.cancel_button = self._button(
            "Cancel", "Go back to the card: nothing saved, nothing lost (Esc).", self.reject
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.take_theirs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(820, 460)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setDefault(False)
        button.clicked.connect(slot)
        return button

    def choice(self) -> ConflictChoice:
        return self._choice

    def _choose(self, choice: ConflictChoice) -> None:
        self._choice = choice
        self.accept()

    def _take_theirs(self) -> None:
        answer = plain.question(
            self,
            self.tr("Drop your changes?"),
            self.tr("Show their details on the card? Your unsaved details will be dropped."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._choose(ConflictChoice.TAKE_THEIRS)

    def reject(self) -> None:
        self._choice = ConflictChoice.CANCEL
        super().reject()
