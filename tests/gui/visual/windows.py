"""The visual editor in a small window, between two other fields as the story tab has it:
one window for every visual-editor test that drives keys and focus."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from editordesk.gui.editor.visual.edit import VisualEdit


class Window(QWidget):
    """The editor between two other fields, as the story tab has it."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.before = QLineEdit(self)
        self.editor = VisualEdit(self)
        self.after = QLineEdit(self)
        for widget in (self.before, self.editor, self.after):
            layout.addWidget(widget)
        self.resize(600, 500)


def shown_window(qtbot: object) -> Window:
    """A Window shown and exposed, closed with the test."""
    win = Window()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    QTest.qWaitForWindowExposed(win)
    return win
