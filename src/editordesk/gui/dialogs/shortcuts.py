"""Every command with its keyboard shortcut, menu by menu, read from the window's own
actions so the list can never disagree with what the keys do."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui.focus import name_clear_button, without_mnemonic


class ShortcutsDialog(QDialog):
    def __init__(self, menus: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Find a command or a key…"))
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.filter.setToolTip(self.tr("Type part of a command's name or of its keys"))
        self.filter.setClearButtonEnabled(True)
        name_clear_button(self.filter)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Commands and their keys"))
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for menu_action in menus.actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            heading = QTreeWidgetItem([without_mnemonic(menu_action.text())])
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.tree.addTopLevelItem(heading)
            for action in menu.actions():
                if isinstance(action, QAction) and not action.isSeparator() and action.text():
                    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                    self.tree.addTopLevelItem(
                        QTreeWidgetItem(["    " + without_mnemonic(action.text()), keys])
                    )
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(460, 700)

    def rows(self) -> list[tuple[str, str]]:
        """The visible commands and keys, as the editor sees them."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.isHidden():
                out.append((item.text(0).strip(), item.text(1)))
        return out

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            is_heading = item.text(0) == item.text(0).lstrip()
            hit = wanted in item.text(0).lower() or wanted in item.text(1).lower()
            item.setHidden(bool(wanted) and (is_heading or not hit))
