"""Faults found trying the visual editor in a real window, each driven again by keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.editor.visual.edit import VisualEdit
from editordesk.services import stories as svc
from editordesk.store.db import Store
from tests.gui.visual.windows import shown_window


@pytest.fixture
def edit(qtbot: object) -> Iterator[VisualEdit]:
    win = shown_window(qtbot)
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


def _story_editor(qtbot: QtBot, store: Store, body: str) -> StoryEditor:
    with store.write() as session:
        record = svc.create_story(
            session, svc.StoryDraft(headline="Quay", body=body), author="Mara Quinn"
        )
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _click_after(editor: StoryEditor, words: str) -> None:
    found = editor.visual.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(found)
    cursor.clearSelection()
    editor.visual.setTextCursor(cursor)
    editor.visual.setFocus()


def _source_line(editor: StoryEditor) -> str:
    return str(editor.body.textCursor().block().text())


def test_the_place_survives_source_and_back_after_typing_new_paragraphs(
    qtbot: QtBot, store: Store
) -> None:
    # Typed paragraphs in the visual, then View > Markdown source: the source cursor sat on
    # the last paragraph the story had when opened; back again, on the same wrong one.
    editor = _story_editor(qtbot, store, "One.\n\nTwo.\n\nThree.\n")
    _click_after(editor, "One.")
    enter(editor.visual)
    type_keys(editor.visual, "New first.")  # a block typed above shifts every line after
    _click_after(editor, "Three.")
    for words in ("Four.", "Five.", "Six."):
        enter(editor.visual)
        type_keys(editor.visual, words)
    _click_after(editor, "Five.")
    editor.show_source(True)
    assert (
        editor.body.toPlainText()
        == "One.\n\nNew first.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n"
    )
    assert _source_line(editor) == "Five."
    cursor = editor.body.textCursor()  # in the source, to "Two." and back to the visual
    cursor.setPosition(editor.body.document().findBlockByNumber(4).position())
    editor.body.setTextCursor(cursor)
    assert _source_line(editor) == "Two."
    editor.show_source(False)
    assert editor.visual.textCursor().block().text() == "Two."
    _click_after(editor, "Six.")  # and again, with nothing typed in between
    editor.show_source(True)
    assert _source_line(editor) == "Six."
    editor.dirty = False


def test_a_block_quote_shows_a_bar_at_its_left_as_the_page_does(edit: VisualEdit) -> None:
    # A quote was only an indent: a list nested in it, or after it, looked the same.
    from editordesk.document.parse import parse_body
    from editordesk.gui.editor.visual.edit import NoAssets

    edit.set_tree(parse_body("Plain words.\n\n> Quoted words.\n>\n> > Deeper.\n"), NoAssets())
    edit.setCursorWidth(0)  # the text cursor's line is no bar
    QTest.qWait(50)
    image = edit.viewport().grab().toImage()
    paper = edit.palette().color(edit.palette().ColorRole.Base).rgb()
    layout = edit.document().documentLayout()

    def bar_columns(block_text: str) -> list[int]:
        block = edit.document().find(block_text).block()
        rect = layout.blockBoundingRect(block).toRect()
        rows = range(rect.top() + 2, rect.bottom() - 1)
        return [  # the columns drawn in one colour, not the paper's, the block's whole height
            x
            for x in range(rect.left(), rect.left() + 80)
            if image.pixel(x, rows[0]) != paper
            and all(image.pixel(x, y) == image.pixel(x, rows[0]) for y in rows)
        ]

    assert bar_columns("Plain words.") == []
    assert len(bar_columns("Quoted words.")) == 3  # one bar, 3 px wide
    assert len(bar_columns("Deeper.")) == 6  # one per level
