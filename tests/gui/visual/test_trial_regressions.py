"""Faults found trying the visual editor in a real window, each driven again by keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
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


@pytest.fixture
def edit(qtbot: object) -> Iterator[VisualEdit]:
    win = Window()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    QTest.qWaitForWindowExposed(win)
    win.editor.setFocus()
    yield win.editor


def type_keys(edit: VisualEdit, text: str) -> None:
    QTest.keyClicks(edit, text)


def enter(edit: VisualEdit) -> None:
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_enter_on_an_empty_quoted_line_ends_the_quote(edit: VisualEdit) -> None:
    # Typed `> a quoted line`, Enter, Enter, then words: they stayed in the quote.
    type_keys(edit, "> a quoted line")
    enter(edit)
    enter(edit)
    type_keys(edit, "after the quote")
    assert edit.body() == "> a quoted line\n\nafter the quote\n"
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    type_keys(edit, "more")  # the quote's end undone: the words go in the quote again
    assert edit.body().startswith("> a quoted line\n>\n> more")
