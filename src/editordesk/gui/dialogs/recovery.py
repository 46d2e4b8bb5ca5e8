"""Crash recovery: unsaved text found at start-up is offered back before anything else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import i18n, plain
from editordesk.services.autosave import Recoverable


class RecoveryDialog(QDialog):
    """Lists the unsaved stories; the ticked ones are reopened, the rest thrown away."""

    def __init__(self, items: list[Recoverable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.items = items
        intro = QLabel(
            self.tr(
                "EditorDesk was closed before these changes were saved. Ticked stories reopen "
                "with your unsaved text; the others' unsaved text is thrown away."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Unsaved stories"))
        self.list.setToolTip(self.tr("Tick the stories to reopen with their unsaved text"))
        for item in items:
            when = i18n.local_time(item.saved, with_year=False)
            title = plain.shorten(item.draft.headline, 300) or self.tr("(no headline)")
            note = ""
            if item.story_id is None:
                note = self.tr(" — a new story, never saved")
            elif item.someone_saved_since:
                note = self.tr(" — someone saved this story since; you will choose which to keep")
            row = QListWidgetItem(self.tr("{0}   (last typed {1}){2}").format(title, when, note))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        buttons = QDialogButtonBox(self)
        self.recover_button = buttons.addButton(
            self.tr("Reopen ticked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.recover_button.setAccessibleName(self.tr("Reopen ticked stories"))
        self.recover_button.setToolTip(self.tr("Open the ticked stories with their unsaved text"))
        self.discard_button = buttons.addButton(
            self.tr("Discard all"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard_button.setAccessibleName(self.tr("Discard all unsaved text"))
        self.discard_button.setToolTip(self.tr("Throw away every unsaved change listed here"))
        self.recover_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self._discard_all)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _discard_all(self) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.accept()

    def chosen(self) -> tuple[list[Recoverable], list[Recoverable]]:
        """(to reopen, to throw away)."""
        keep, drop = [], []
        for i, item in enumerate(self.items):
            ticked = self.list.item(i).checkState() == Qt.CheckState.Checked
            (keep if ticked else drop).append(item)
        return keep, drop
