"""The pictures and tweets a story shows, listed from its body, each with what can be done to
it: edit its details in the library, replace it, or take it out of the story."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import plain
from editordesk.services.preview import TokenInfo


class AssetsPanel(QWidget):
    """Figures and tweets in the body, in order; actions go out as signals."""

    edit_image = Signal(int)  # image id
    replace_figure = Signal(str)  # the figure's token in the body
    edit_tweet = Signal(str)  # status id
    remove_token = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Pictures and tweets"))
        self.list.setToolTip(self.tr("The story's pictures and tweets; double-click to edit one"))
        self.list.itemActivated.connect(lambda _: self._edit())
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.edit_button = QPushButton(self.tr("Edit details…"), self)
        self.replace_button = QPushButton(self.tr("Replace picture…"), self)
        self.remove_button = QPushButton(self.tr("Take out of story"), self)
        for button, tip in (
            (
                self.edit_button,
                self.tr("Edit the picture's caption and credit, or the tweet's words"),
            ),
            (self.replace_button, self.tr("Show another picture from the library in this place")),
            (self.remove_button, self.tr("Remove it from this story (it stays in the library)")),
        ):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setToolTip(tip)
        self.edit_button.clicked.connect(self._edit)
        self.replace_button.clicked.connect(self._replace)
        self.remove_button.clicked.connect(self._remove)
        buttons = QGridLayout()
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.replace_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0, 1, 2)
        self.empty = QLabel(
            self.tr("No pictures or tweets yet: Insert ▸ Figure or Insert ▸ Tweet."), self
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.read_only = False  # someone else edits the story: look, change nothing
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def show_tokens(self, tokens: dict[str, TokenInfo]) -> None:
        current = self.list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole)[0] if current else None
        self.list.clear()
        for text, info in tokens.items():
            label = {"figure": "Picture", "tweet": "Tweet"}.get(info.kind, "Unknown")
            detail = f" — {info.detail}" if info.detail else ""
            item = QListWidgetItem(plain.shorten(f"{label}: {info.title}{detail}", 500))
            item.setData(Qt.ItemDataRole.UserRole, (text, info))
            item.setToolTip(plain.safe_tooltip(text))  # the shortcode, as typed
            self.list.addItem(item)
            if text == chosen:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not tokens)
        self._update_buttons()

    def _selected(self) -> tuple[str, TokenInfo] | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        chosen = self._selected()
        kind = chosen[1].kind if chosen else ""
        writable = not self.read_only
        self.edit_button.setEnabled(writable and kind in ("figure", "tweet"))
        self.replace_button.setEnabled(writable and kind == "figure")
        self.remove_button.setEnabled(writable and chosen is not None)
        why = "" if writable else " (read-only: someone else is editing this story)"
        for button, tip in (
            (
                self.edit_button,
                self.tr("Edit the picture's caption and credit, or the tweet's words"),
            ),
            (self.replace_button, self.tr("Show another picture from the library in this place")),
            (self.remove_button, self.tr("Remove it from this story (it stays in the library)")),
        ):
            button.setToolTip(tip + why)

    def _edit(self) -> None:
        chosen = self._selected()
        if chosen is None or self.read_only:
            return
        info = chosen[1]
        if info.kind == "figure" and info.ref:
            self.edit_image.emit(int(info.ref))
        elif info.kind == "tweet" and info.ref:
            self.edit_tweet.emit(info.ref)

    def _replace(self) -> None:
        chosen = self._selected()
        if chosen and chosen[1].kind == "figure" and not self.read_only:
            self.replace_figure.emit(chosen[0])

    def _remove(self) -> None:
        chosen = self._selected()
        if chosen and not self.read_only:
            self.remove_token.emit(chosen[0])
