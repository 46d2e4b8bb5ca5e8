"""The visual editor edits as a word processor does: typed, toggled, pasted, dropped and
moved through keys and clicks, with what it shows and the body it writes checked."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from editordesk.document.parse import parse_body
from editordesk.gui.editor.visual import blocks, footnotes, lists, units
from editordesk.gui.editor.visual.edit import BODY_MIME, VisualEdit
from editordesk.gui.editor.visual.schema import (
    FOOTNOTE_OBJECT,
    OBJECT_CHAR,
    TABLE_ALIGN,
    BlockKind,
)
from editordesk.model import ImageRecord, TweetRecord
from tests.gui.visual.windows import Window, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
Move = QTextCursor.MoveOperation
Keep = QTextCursor.MoveMode.KeepAnchor


class NoAssets:
    """A library that holds nothing: cards draw their placeholders."""

    def image(self, image_id: int) -> ImageRecord | None:
        return None

    def picture_path(self, image_id: int) -> Path | None:
        return None

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


@pytest.fixture
def window(qtbot: object) -> Iterator[Window]:
    yield shown_window(qtbot)


@pytest.fixture
def edit(window: Window) -> VisualEdit:
    return window.editor


def load(edit: VisualEdit, body: str) -> None:
    edit.set_tree(parse_body(body), NoAssets())
    edit.setFocus()


def to_block(edit: VisualEdit, number: int, end: bool = False) -> None:
    cursor = QTextCursor(edit.document().findBlockByNumber(number))
    if end:
        cursor.movePosition(Move.EndOfBlock)
    edit.setTextCursor(cursor)


def select(edit: VisualEdit, word: str) -> None:
    found = edit.document().find(word)
    assert found.hasSelection(), word
    edit.setTextCursor(found)


def type_text(edit: VisualEdit, text: str) -> None:
    """Type characters QTest has no key for (Arabic, CJK), one key event each."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def key(
    edit: VisualEdit, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(edit, k, mods)


def kinds(edit: VisualEdit) -> list[str]:
    out = []
    block = edit.document().firstBlock()
    while block.isValid():
        out.append(str(blocks.kind_of(block)))
        block = block.next()
    return out


def body(edit: VisualEdit) -> str:
    return str(edit.body()).strip("\n")


FIGURE = '{{< figure image="7" >}}'


# ---------------------------------------------------------------- inline toggles


def test_ctrl_b_bolds_the_selection_and_again_unbolds_it(edit: VisualEdit) -> None:
    load(edit, "Hello world")
    select(edit, "world")
    key(edit, Qt.Key.Key_B, CTRL)
    assert body(edit) == "Hello **world**"
    assert edit.textCursor().charFormat().fontWeight() >= QFont.Weight.Bold
    key(edit, Qt.Key.Key_B, CTRL)
    assert body(edit) == "Hello world"


def test_ctrl_i_without_a_selection_takes_the_word_under_the_cursor(edit: VisualEdit) -> None:
    load(edit, "Hello world")
    to_block(edit, 0)
    cursor = edit.textCursor()
    cursor.setPosition(8)  # wo|rld
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_I, CTRL)
    assert body(edit) == "Hello *world*"
    key(edit, Qt.Key.Key_I, CTRL)
    assert body(edit) == "Hello world"


def test_bold_at_a_word_end_is_the_typing_format(edit: VisualEdit) -> None:
    load(edit, "Hello")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Space)
    key(edit, Qt.Key.Key_B, CTRL)
    QTest.keyClicks(edit, "world")
    key(edit, Qt.Key.Key_B, CTRL)
    QTest.keyClicks(edit, " again")
    assert body(edit) == "Hello **world** again"


def test_strikethrough_toggles(edit: VisualEdit) -> None:
    load(edit, "Hello world")
    select(edit, "world")
    edit.strikethrough()
    assert body(edit) == "Hello ~~world~~"
    edit.strikethrough()
    assert body(edit) == "Hello world"


def test_a_link_on_the_selection_stops_at_its_end(edit: VisualEdit) -> None:
    load(edit, "Read the report")
    select(edit, "report")
    edit.insert_link("https://example.com/r")
    assert body(edit) == "Read the [report](https://example.com/r)"
    to_block(edit, 0, end=True)
    QTest.keyClicks(edit, " today")
    assert body(edit) == "Read the [report](https://example.com/r) today"
    select(edit, "report")
    edit.insert_link("https://example.com/r")  # the same address again: off, as Ctrl+B
    assert body(edit) == "Read the report today"


def test_a_link_over_inline_code_keeps_the_code(edit: VisualEdit) -> None:
    load(edit, "Run `ls` now")
    select(edit, "ls")
    edit.insert_link("https://example.com/ls")
    assert body(edit) == "Run [`ls`](https://example.com/ls) now"
    edit.remove_link()
    assert body(edit) == "Run `ls` now"


def test_a_link_with_no_selection_goes_in_as_its_words(edit: VisualEdit) -> None:
    load(edit, "See")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Space)
    edit.insert_link("https://example.com", "the site")
    QTest.keyClicks(edit, ".")
    assert body(edit) == "See [the site](https://example.com)."


def test_typing_after_inline_code_is_plain(edit: VisualEdit) -> None:
    load(edit, "Run `ls`")
    to_block(edit, 0, end=True)
    QTest.keyClicks(edit, " now")
    assert body(edit) == "Run `ls` now"


# ---------------------------------------------------------------- block toggles


def test_heading_toggles_on_the_current_block(edit: VisualEdit) -> None:
    load(edit, "Title\n\nText")
    to_block(edit, 0)
    edit.heading(2)
    assert body(edit) == "## Title\n\nText"
    assert edit.document().firstBlock().blockFormat().headingLevel() == 2
    edit.heading(3)
    assert body(edit) == "### Title\n\nText"
    edit.heading(3)
    assert body(edit) == "Title\n\nText"


def test_enter_at_a_heading_end_starts_a_paragraph(edit: VisualEdit) -> None:
    load(edit, "## Title")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "Words")
    assert body(edit) == "## Title\n\nWords"


def test_lists_toggle_and_change_kind(edit: VisualEdit) -> None:
    load(edit, "one\n\ntwo\n\nafter")
    cursor = edit.document().find("one")
    cursor.setPosition(edit.document().find("two").position(), Keep)
    edit.setTextCursor(cursor)
    edit.bullet_list()
    assert body(edit) == "- one\n- two\n\nafter"
    edit.numbered_list()
    assert body(edit) == "1. one\n2. two\n\nafter"
    edit.numbered_list()
    assert body(edit) == "one\n\ntwo\n\nafter"


def test_quote_toggles(edit: VisualEdit) -> None:
    load(edit, "Said so.")
    edit.quote()
    assert body(edit) == "> Said so."
    edit.quote()
    assert body(edit) == "Said so."


def test_code_block_toggles_and_keeps_lines(edit: VisualEdit) -> None:
    load(edit, "a = 1\n\nb = 2")
    edit.selectAll()
    edit.code_block()
    assert body(edit) == "```\na = 1\nb = 2\n```"
    edit.code_block()
    assert body(edit) == "a = 1\n\nb = 2"


def test_insert_rule_puts_a_rule_after_the_paragraph(edit: VisualEdit) -> None:
    load(edit, "Before")
    to_block(edit, 0, end=True)
    edit.insert_rule()
    QTest.keyClicks(edit, "After")
    assert body(edit) == "Before\n\n---\n\nAfter"


# ---------------------------------------------------------------- lists by keys


def test_enter_continues_a_list_and_an_empty_item_ends_it(edit: VisualEdit) -> None:
    load(edit, "- one")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "two")
    key(edit, Qt.Key.Key_Return)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "after")
    assert body(edit) == "- one\n- two\n\nafter"


def test_tab_nests_and_shift_tab_unnests_an_item(edit: VisualEdit) -> None:
    load(edit, "- one\n- two\n- three")
    to_block(edit, 1)
    key(edit, Qt.Key.Key_Tab)
    assert body(edit) == "- one\n  - two\n- three"
    assert lists.list_depth(edit.textCursor().block()) == 2
    key(edit, Qt.Key.Key_Backtab, SHIFT)
    assert body(edit) == "- one\n- two\n- three"


def test_enter_on_an_empty_nested_item_outdents_it(edit: VisualEdit) -> None:
    load(edit, "- one\n  - two")
    to_block(edit, 1, end=True)
    key(edit, Qt.Key.Key_Return)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "three")
    assert body(edit) == "- one\n  - two\n- three"


def test_backspace_at_an_item_start_outdents_then_makes_a_paragraph(edit: VisualEdit) -> None:
    load(edit, "- one\n  - two")
    to_block(edit, 1)
    key(edit, Qt.Key.Key_Backspace)
    assert body(edit) == "- one\n- two"
    key(edit, Qt.Key.Key_Backspace)
    assert body(edit) == "- one\n\ntwo"


def test_tab_outside_lists_moves_the_focus_and_types_nothing(window: Window) -> None:
    edit = window.editor
    load(edit, "Text")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Tab)
    assert window.after.hasFocus()
    assert "\t" not in edit.toPlainText()
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Backtab, SHIFT)
    assert window.before.hasFocus()


# ---------------------------------------------------------------- Markdown as typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("## ", "## Title"),
        ("###### ", "###### Title"),
        ("- ", "- Title"),
        ("* ", "- Title"),
        ("1. ", "1. Title"),
        ("3. ", "3. Title"),
        ("> ", "> Title"),
    ],
)
def test_a_typed_prefix_becomes_its_block(edit: VisualEdit, typed: str, expected: str) -> None:
    load(edit, "")
    QTest.keyClicks(edit, typed)
    assert edit.toPlainText() == ""
    QTest.keyClicks(edit, "Title")
    assert body(edit) == expected


def test_undo_right_after_a_conversion_keeps_the_typed_characters(edit: VisualEdit) -> None:
    load(edit, "")
    QTest.keyClicks(edit, "## ")
    assert edit.document().firstBlock().blockFormat().headingLevel() == 2
    key(edit, Qt.Key.Key_Z, CTRL)
    assert edit.toPlainText() == "## "
    assert edit.document().firstBlock().blockFormat().headingLevel() == 0


def test_three_dashes_and_enter_make_a_rule(edit: VisualEdit) -> None:
    load(edit, "Before")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "---")
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "After")
    assert body(edit) == "Before\n\n---\n\nAfter"
    assert kinds(edit) == ["paragraph", "rule", "paragraph"]
    key(edit, Qt.Key.Key_Z, CTRL)  # the words typed after
    key(edit, Qt.Key.Key_Z, CTRL)  # the conversion: the dashes are back as typed
    assert edit.document().lastBlock().text() == "---"
    assert kinds(edit) == ["paragraph", "paragraph"]


# ---------------------------------------------------------------- paste


def test_pasting_a_url_over_a_selection_links_it(edit: VisualEdit) -> None:
    load(edit, "Read the report")
    select(edit, "report")
    QGuiApplication.clipboard().setText("https://example.com/report")
    key(edit, Qt.Key.Key_V, CTRL)
    assert body(edit) == "Read the [report](https://example.com/report)"


def test_ctrl_shift_v_pastes_plain_paragraphs(edit: VisualEdit) -> None:
    load(edit, "")
    mime = QMimeData()
    mime.setHtml("<h1>Big</h1><p><b>bold</b></p>")
    mime.setText("Big\n\nbold text\nline two")
    QGuiApplication.clipboard().setMimeData(mime)
    key(edit, Qt.Key.Key_V, CTRL | SHIFT)
    assert body(edit) == "Big\n\nbold text\\\nline two"


def test_html_goes_to_the_paster_and_never_to_qt(edit: VisualEdit) -> None:
    load(edit, "")
    mime = QMimeData()
    mime.setHtml('<p><b style="color:red">Loud</b></p>')
    mime.setText("Loud")
    edit.insertFromMimeData(mime)  # no paster: its plain text
    assert body(edit) == "Loud"
    seen: list[str] = []

    def paster(html: str, cursor: QTextCursor) -> bool:
        seen.append(html)
        cursor.insertText(" pasted")
        return True

    edit.html_paster = paster
    edit.insertFromMimeData(mime)
    assert seen and "Loud" in seen[0]
    assert body(edit) == "Loud pasted"


def test_our_own_clipboard_keeps_a_figure(edit: VisualEdit) -> None:
    load(edit, f"Before\n\n{FIGURE}\n\nAfter")
    edit.selectAll()
    mime = edit.createMimeDataFromSelection()
    assert mime.hasFormat(BODY_MIME)
    assert FIGURE in bytes(mime.data(BODY_MIME).data()).decode()
    load(edit, "Start")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    edit.insertFromMimeData(mime)
    assert FIGURE in body(edit)


def test_cut_and_paste_of_a_card_moves_it_whole(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    to_block(edit, 1)
    edit.setTextCursor(units.unit_selection(edit.document().findBlockByNumber(1)))
    key(edit, Qt.Key.Key_X, CTRL)
    assert body(edit) == "One\n\nTwo"
    to_block(edit, 1, end=True)
    key(edit, Qt.Key.Key_Return)
    key(edit, Qt.Key.Key_V, CTRL)
    assert body(edit) == f"One\n\nTwo\n\n{FIGURE}"


# ---------------------------------------------------------------- cards


def card_point(edit: VisualEdit, number: int) -> QPoint:
    block = edit.document().findBlockByNumber(number)
    rect = edit.document().documentLayout().blockBoundingRect(block)
    return QPoint(int(rect.center().x()), int(rect.center().y())) - QPoint(
        edit.horizontalScrollBar().value(), edit.verticalScrollBar().value()
    )


def test_a_click_selects_the_whole_card(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    QTest.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=card_point(edit, 1))
    cursor = edit.textCursor()
    assert cursor.hasSelection()
    assert OBJECT_CHAR in cursor.selectedText()
    assert "Picture" in edit.accessibleDescription()


def test_backspace_after_a_card_removes_it_whole_in_one_undo(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    to_block(edit, 2)
    key(edit, Qt.Key.Key_Backspace)
    assert body(edit) == "One\n\nTwo"
    assert edit.textCursor().block().text() == "Two"
    key(edit, Qt.Key.Key_Z, CTRL)
    assert body(edit) == f"One\n\n{FIGURE}\n\nTwo"


def test_delete_before_a_card_removes_it_whole(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Delete)
    assert body(edit) == "One\n\nTwo"


def test_arrow_keys_step_over_a_card(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Right)
    assert edit.textCursor().block().text() == "Two"
    assert edit.textCursor().atBlockStart()
    key(edit, Qt.Key.Key_Left)
    assert edit.textCursor().block().text() == "One"
    key(edit, Qt.Key.Key_Down)
    assert edit.textCursor().block().text() == "Two"


def test_typing_on_a_selected_card_starts_a_paragraph_after_it(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}")
    edit.setTextCursor(units.unit_selection(edit.document().findBlockByNumber(1)))
    QTest.keyClicks(edit, "Caption talk")
    assert body(edit) == f"One\n\n{FIGURE}\n\nCaption talk"


def test_dragging_a_card_moves_it_in_one_undo(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo\n\nThree")
    edit.setTextCursor(units.unit_selection(edit.document().findBlockByNumber(1)))
    mime = edit.createMimeDataFromSelection()
    target = edit.document().find("Three")
    rect = edit.cursorRect(target)
    drop = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    edit.dropEvent(drop)
    assert body(edit) == f"One\n\nTwo\n\nThree\n\n{FIGURE}"
    key(edit, Qt.Key.Key_Z, CTRL)
    assert body(edit) == f"One\n\n{FIGURE}\n\nTwo\n\nThree"


def test_a_dropped_file_goes_to_the_drop_handler(edit: VisualEdit, tmp_path: Path) -> None:
    load(edit, "Text")
    got: list[tuple[list[str], int]] = []

    def handler(mime: QMimeData, cursor: QTextCursor) -> bool:
        got.append(([u.toLocalFile() for u in mime.urls()], cursor.position()))
        return True

    edit.drop_handler = handler
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "p.jpg"))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    edit.dropEvent(drop)
    assert got and got[0][0] == [str(tmp_path / "p.jpg")]
    assert body(edit) == "Text"


# ---------------------------------------------------------------- moving blocks


def test_alt_shift_up_and_down_move_a_paragraph(edit: VisualEdit) -> None:
    load(edit, "One\n\nTwo\n\nThree")
    to_block(edit, 2)
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == "One\n\nThree\n\nTwo"
    assert edit.textCursor().block().text() == "Three"
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == "Three\n\nOne\n\nTwo"
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    assert body(edit) == "One\n\nTwo\n\nThree"
    assert edit.textCursor().block().text() == "Three"
    key(edit, Qt.Key.Key_Z, CTRL)
    assert body(edit) == "One\n\nThree\n\nTwo"


def test_moving_a_list_item_keeps_it_in_its_list(edit: VisualEdit) -> None:
    load(edit, "- one\n- two\n- three")
    to_block(edit, 2)
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == "- one\n- three\n- two"
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == "- three\n- one\n- two"


def test_moving_a_card_and_a_table(edit: VisualEdit) -> None:
    table = "| a | b |\n| --- | --- |\n| 1 | 2 |"
    load(edit, f"Top\n\n{FIGURE}\n\n{table}\n\nEnd")
    to_block(edit, 1)
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    assert body(edit) == f"Top\n\n{table}\n\n{FIGURE}\n\nEnd"
    cursor = edit.document().find("a")
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == f"{table}\n\nTop\n\n{FIGURE}\n\nEnd"


# ---------------------------------------------------------------- tables


def test_insert_a_table_and_tab_through_its_cells(edit: VisualEdit) -> None:
    load(edit, "")
    edit.insert_table(2, 2)
    for word in ("Name", "Age", "Ada"):
        QTest.keyClicks(edit, word)
        key(edit, Qt.Key.Key_Tab)
    QTest.keyClicks(edit, "36")
    key(edit, Qt.Key.Key_Tab)  # the last cell: a new row
    QTest.keyClicks(edit, "Bob")
    key(edit, Qt.Key.Key_Backtab, SHIFT)
    assert edit.textCursor().block().text() == "36"
    assert body(edit) == "| Name | Age |\n| --- | --- |\n| Ada | 36 |\n| Bob |  |"


def test_table_rows_columns_and_alignment(edit: VisualEdit) -> None:
    load(edit, "| a | b |\n| --- | --- |\n| 1 | 2 |")
    edit.setTextCursor(edit.document().find("b"))
    edit.add_column_right()
    QTest.keyClicks(edit, "c")
    edit.align_column("right")
    table = edit.textCursor().currentTable()
    assert table is not None
    assert table.format().stringProperty(TABLE_ALIGN) == ",,right"
    edit.setTextCursor(edit.document().find("1"))
    edit.add_row_below()
    QTest.keyClicks(edit, "x")
    assert body(edit) == ("| a | b | c |\n| --- | --- | ---: |\n| 1 | 2 |  |\n| x |  |  |")
    edit.remove_row()
    edit.setTextCursor(edit.document().find("b"))
    edit.remove_column()
    assert body(edit) == "| a | c |\n| --- | ---: |\n| 1 |  |"
    edit.delete_table()
    assert body(edit) == ""


# ---------------------------------------------------------------- footnotes


def test_insert_footnote_puts_the_cursor_in_its_note(edit: VisualEdit) -> None:
    load(edit, "Claim")
    to_block(edit, 0, end=True)
    edit.insert_footnote()
    QTest.keyClicks(edit, "Source.")
    block = edit.textCursor().block()
    assert blocks.kind_of(block) == BlockKind.FOOTNOTE
    first = QTextCursor(edit.document().firstBlock())
    first.movePosition(Move.EndOfBlock)
    assert first.charFormat().objectType() == FOOTNOTE_OBJECT
    assert body(edit) == "Claim[^1]\n\n[^1]: Source."
    assert "notes" in kinds(edit)  # the Notes separator above the notes
    first = QTextCursor(edit.document().firstBlock())
    first.movePosition(Move.EndOfBlock)
    edit.setTextCursor(first)
    QTest.keyClicks(edit, " again")
    edit.insert_footnote()
    QTest.keyClicks(edit, "Second.")
    assert body(edit) == "Claim[^1] again[^2]\n\n[^1]: Source.\n\n[^2]: Second."
    key(edit, Qt.Key.Key_Z, CTRL)  # the note's words
    key(edit, Qt.Key.Key_Z, CTRL)  # the footnote, reference and note at once
    assert body(edit) == "Claim[^1] again\n\n[^1]: Source."


# ---------------------------------------------------------------- undo, read-only, edited


def test_each_command_is_one_undo_step(edit: VisualEdit) -> None:
    load(edit, "one\n\ntwo")
    edit.selectAll()
    edit.bullet_list()
    edit.heading(2)
    key(edit, Qt.Key.Key_Z, CTRL)
    assert body(edit) == "- one\n- two"
    key(edit, Qt.Key.Key_Z, CTRL)
    assert body(edit) == "one\n\ntwo"


def test_read_only_refuses_every_change(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\n- item")
    edit.setReadOnly(True)
    before = body(edit)
    edit.selectAll()
    for command in (
        edit.bold,
        edit.italic,
        edit.strikethrough,
        edit.bullet_list,
        edit.quote,
        edit.code_block,
        edit.insert_rule,
        edit.insert_footnote,
        edit.paste_plain,
    ):
        command()
    edit.heading(1)
    edit.insert_link("https://example.com")
    edit.insert_block_token(FIGURE)
    edit.insert_table(2, 2)
    to_block(edit, 0)
    edit.move_block(1)
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    key(edit, Qt.Key.Key_B, CTRL)
    QGuiApplication.clipboard().setText("pasted")
    key(edit, Qt.Key.Key_V, CTRL)
    mime = QMimeData()
    mime.setText("dropped")
    assert not edit.canInsertFromMimeData(mime)
    edit.insertFromMimeData(mime)
    assert body(edit) == before


def test_edited_fires_for_changes_only(edit: VisualEdit) -> None:
    hits: list[int] = []
    edit.edited.connect(lambda: hits.append(1))
    load(edit, "Hello world")
    assert hits == []

    class Underline(QSyntaxHighlighter):
        def highlightBlock(self, text: str) -> None:
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            self.setFormat(0, len(text), fmt)

    highlighter = Underline(edit.document())
    highlighter.rehighlight()
    highlighter.rehighlightBlock(edit.document().firstBlock())
    assert hits == []
    to_block(edit, 0, end=True)
    QTest.keyClicks(edit, "!")
    assert len(hits) == 1
    select(edit, "world")
    edit.bold()
    assert len(hits) == 2
    key(edit, Qt.Key.Key_Z, CTRL)
    assert len(hits) == 3
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_I, CTRL)  # only the typing format: the story is as it was
    assert len(hits) == 3


def test_insert_block_token_puts_in_a_figure_card(edit: VisualEdit) -> None:
    load(edit, "Text")
    to_block(edit, 0, end=True)
    edit.insert_block_token(FIGURE)
    assert body(edit) == f"Text\n\n{FIGURE}"
    assert "figure" in kinds(edit)


# ---------------------------------------------------------------- languages


def test_right_to_left_and_cjk_type_with_their_own_direction(edit: VisualEdit) -> None:
    load(edit, "")
    type_text(edit, "مرحبا بالعالم")
    key(edit, Qt.Key.Key_Return)
    type_text(edit, "你好世界")
    first = edit.document().firstBlock()
    assert first.textDirection() == Qt.LayoutDirection.RightToLeft
    assert first.blockFormat().layoutDirection() == Qt.LayoutDirection.LayoutDirectionAuto
    assert first.next().textDirection() == Qt.LayoutDirection.LeftToRight
    assert body(edit) == "مرحبا بالعالم\n\n你好世界"


def test_the_editor_has_an_accessible_name(edit: VisualEdit) -> None:
    assert edit.accessibleName() == "Story body"


def test_bold_in_a_heading_reads_back_and_unbolds(edit: VisualEdit) -> None:
    load(edit, "## Title words")
    select(edit, "words")
    key(edit, Qt.Key.Key_B, CTRL)
    assert body(edit) == "## Title **words**"
    key(edit, Qt.Key.Key_B, CTRL)
    assert body(edit) == "## Title words"
    edit.heading(2)
    assert body(edit) == "Title words"
    assert edit.document().firstBlock().charFormat().fontWeight() < QFont.Weight.Bold


def test_typing_in_a_code_block_stays_code_and_enter_adds_lines(edit: VisualEdit) -> None:
    load(edit, "```\nx = 1\n```")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    QTest.keyClicks(edit, "y = 2")
    assert body(edit) == "```\nx = 1\ny = 2\n```"
    assert edit.document().blockCount() == 1
    key(edit, Qt.Key.Key_Return)
    key(edit, Qt.Key.Key_Return)  # an empty last line: out of the block
    QTest.keyClicks(edit, "Prose")
    assert body(edit) == "```\nx = 1\ny = 2\n```\n\nProse"


def test_copy_and_paste_keep_a_table(edit: VisualEdit) -> None:
    table = "| a | b |\n| --- | --- |\n| 1 | 2 |"
    load(edit, f"Top\n\n{table}\n\nEnd")
    edit.selectAll()
    key(edit, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().mimeData().hasFormat(BODY_MIME)
    load(edit, "")
    key(edit, Qt.Key.Key_V, CTRL)
    assert body(edit) == f"Top\n\n{table}\n\nEnd"


def test_moving_an_item_takes_its_nested_items(edit: VisualEdit) -> None:
    load(edit, "- one\n- two\n  - two a\n- three")
    to_block(edit, 1)
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == "- two\n  - two a\n- one\n- three"
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    assert body(edit) == "- one\n- three\n- two\n  - two a"


def test_enter_or_typing_in_a_card_block_goes_to_a_new_paragraph(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}")
    to_block(edit, 1)  # the cursor before the card's character
    QTest.keyClicks(edit, "After")
    assert body(edit) == f"One\n\n{FIGURE}\n\nAfter"
    to_block(edit, 1, end=True)
    key(edit, Qt.Key.Key_Return)
    assert edit.textCursor().block().blockNumber() == 2
    assert blocks.kind_of(edit.textCursor().block()) == BlockKind.PARAGRAPH


def test_shift_arrows_take_a_card_whole(edit: VisualEdit) -> None:
    load(edit, f"One\n\n{FIGURE}\n\nTwo")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Right, SHIFT)
    key(edit, Qt.Key.Key_Right, SHIFT)
    assert OBJECT_CHAR in edit.textCursor().selectedText()
    key(edit, Qt.Key.Key_Delete)
    assert body(edit) == "OneTwo"  # from the end of one to the start of two, as Word joins


def test_a_tweet_token_goes_in_as_a_card_after_the_paragraph(edit: VisualEdit) -> None:
    load(edit, "Hello world")
    cursor = edit.textCursor()
    cursor.setPosition(5)
    edit.setTextCursor(cursor)
    edit.insert_block_token('{{< x user="jack" id="20" >}}')
    assert body(edit) == 'Hello world\n\n{{< x user="jack" id="20" >}}'
    assert "tweet" in kinds(edit)
    assert edit.textCursor().block().blockNumber() == 2  # below the card
    QTest.keyClicks(edit, "More")
    assert body(edit) == 'Hello world\n\n{{< x user="jack" id="20" >}}\n\nMore'
    edit.setTextCursor(units.unit_selection(edit.document().findBlockByNumber(1)))
    assert edit.accessibleDescription().startswith("Tweet by @jack")


def test_a_table_goes_in_after_the_paragraph_with_the_cursor(edit: VisualEdit) -> None:
    load(edit, "Text here")
    to_block(edit, 0)
    edit.insert_table(2, 2)
    QTest.keyClicks(edit, "h")
    key(edit, Qt.Key.Key_Backtab, SHIFT)  # the first cell: it stays
    assert edit.textCursor().block().text() == "h"
    assert body(edit) == "Text here\n\n| h |  |\n| --- | --- |\n|  |  |"


def test_a_numbered_item_made_a_paragraph_splits_the_list_numbered_on(edit: VisualEdit) -> None:
    load(edit, "3. a\n4. b\n5. c\n6. d")
    to_block(edit, 1)
    edit.numbered_list()
    assert body(edit) == "3. a\n\nb\n\n4. c\n5. d"
    edit.numbered_list()  # back in: one list again
    assert body(edit) == "3. a\n4. b\n5. c\n6. d"
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return)
    key(edit, Qt.Key.Key_Return)  # an empty item in the middle ends the list there
    QTest.keyClicks(edit, "Aside")
    assert body(edit) == "3. a\n\nAside\n\n4. b\n5. c\n6. d"


def test_alt_shift_moves_the_selected_blocks_together(edit: VisualEdit) -> None:
    load(edit, "A\n\nB\n\nC")
    cursor = edit.document().find("A")
    cursor.setPosition(edit.document().find("B").position(), Keep)
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    assert body(edit) == "C\n\nA\n\nB"
    assert edit.textCursor().selectedText() == "A\u2029B"


def test_deleting_a_footnote_reference_takes_its_note(edit: VisualEdit) -> None:
    load(edit, "One[^a] two[^b] three[^a]\n\n[^a]: Note A.\n\n[^b]: Note B.")
    assert "notes" in kinds(edit)
    ref_b = edit.document().find("two")
    ref_b.clearSelection()
    ref_b.movePosition(Move.Right)  # after "two" + the reference
    edit.setTextCursor(ref_b)
    key(edit, Qt.Key.Key_Backspace)
    assert body(edit) == "One[^a] two three[^a]\n\n[^a]: Note A."
    key(edit, Qt.Key.Key_Z, CTRL)  # reference and note back in one step
    assert body(edit) == "One[^a] two[^b] three[^a]\n\n[^a]: Note A.\n\n[^b]: Note B."
    first = QTextCursor(edit.document().firstBlock())
    first.setPosition(3)  # before the first [^a]: another [^a] keeps the note
    edit.setTextCursor(first)
    key(edit, Qt.Key.Key_Delete)
    assert body(edit) == "One two[^b] three[^a]\n\n[^b]: Note B.\n\n[^a]: Note A."


def test_a_notes_number_is_not_deleted(edit: VisualEdit) -> None:
    load(edit, "Text[^1]\n\n[^1]: The note.")
    note = edit.document().find("The note")
    note.setPosition(note.selectionStart())
    edit.setTextCursor(note)
    before = body(edit)
    key(edit, Qt.Key.Key_Backspace)
    key(edit, Qt.Key.Key_Backspace)
    assert body(edit) == before
    assert "notes" in kinds(edit)


def test_enter_in_a_table_cell_goes_down_a_row(edit: VisualEdit) -> None:
    load(edit, "| a | b |\n| --- | --- |\n| 1 | 2 |")
    cursor = edit.document().find("a")
    cursor.clearSelection()
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_Return)
    assert edit.textCursor().block().text() == "1"
    key(edit, Qt.Key.Key_Return)  # the last row: a new one
    QTest.keyClicks(edit, "x")
    assert body(edit) == "| a | b |\n| --- | --- |\n| 1 | 2 |\n| x |  |"


def test_shift_enter_after_inline_code_breaks_the_line_outside_it(edit: VisualEdit) -> None:
    load(edit, "Run `ls`")
    to_block(edit, 0, end=True)
    key(edit, Qt.Key.Key_Return, SHIFT)
    QTest.keyClicks(edit, "then")
    assert body(edit) == "Run `ls`\\\nthen"


def test_the_right_click_menu_in_a_table_has_the_table_commands(edit: VisualEdit) -> None:
    load(edit, "| a | b |\n| --- | --- |\n| 1 | 2 |")
    cursor = edit.document().find("1")
    cursor.clearSelection()
    edit.setTextCursor(cursor)
    menu = edit.createStandardContextMenu()
    tables = [m for a in menu.actions() if isinstance(m := a.menu(), QMenu)]
    assert tables
    names = [a.text().replace("&", "") for a in tables[0].actions()]
    assert "Add row below" in names and "Delete table" in names
    below = next(a for a in tables[0].actions() if a.text().replace("&", "") == "Add row below")
    below.trigger()
    assert body(edit) == "| a | b |\n| --- | --- |\n| 1 | 2 |\n|  |  |"
    edit.setReadOnly(True)
    read_only = edit.createStandardContextMenu()
    assert not [a for a in read_only.actions() if isinstance(a.menu(), QMenu)]


def test_a_paragraph_after_a_table_moves_down_and_the_table_stays(edit: VisualEdit) -> None:
    table = "| a | b |\n| --- | --- |\n| 1 | 2 |"
    load(edit, f"{table}\n\nP\n\nQ")
    edit.setTextCursor(edit.document().find("P"))
    key(edit, Qt.Key.Key_Down, ALT | SHIFT)
    assert body(edit) == f"{table}\n\nQ\n\nP"
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == f"{table}\n\nP\n\nQ"
    key(edit, Qt.Key.Key_Up, ALT | SHIFT)
    assert body(edit) == f"P\n\n{table}\n\nQ"


def test_a_card_token_in_a_table_goes_after_the_table(edit: VisualEdit) -> None:
    table = "| a | b |\n| --- | --- |\n| 1 | 2 |"
    load(edit, f"{table}\n\nEnd")
    cursor = edit.document().find("1")
    cursor.clearSelection()
    edit.setTextCursor(cursor)
    edit.insert_block_token(FIGURE)
    assert body(edit) == f"{table}\n\n{FIGURE}\n\nEnd"
    edit.setTextCursor(edit.document().find("2"))
    edit.heading(2)  # a cell holds a line of text: no heading, no list
    edit.bullet_list()
    assert body(edit) == f"{table}\n\n{FIGURE}\n\nEnd"


RANDOM_BODIES = (
    "Hello world\n\nSecond para with **bold** and *it*.",
    "- one\n- two\n  - two a\n- three\n\nAfter",
    "1. a\n2. b\n\n> quote\n> more\n\n---\n\nEnd",
    f"{FIGURE}\n\nText[^1]\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n[^1]: Note.",
    "```py\nx = 1\n```\n\n## Head\n\nPara [link](https://e.com) end",
)


def test_random_editing_keeps_the_document_whole(edit: VisualEdit) -> None:
    """Keys and commands in a seeded random order: nothing raises, a move never loses text
    and its undo gives the body back."""
    rng = random.Random(19)
    keys = (
        Qt.Key.Key_Return,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
    )
    commands = (
        lambda: edit.heading(rng.randint(1, 3)),
        edit.bullet_list,
        edit.numbered_list,
        edit.quote,
        edit.code_block,
        edit.insert_rule,
        edit.insert_footnote,
        lambda: edit.insert_table(2, 2),
        lambda: edit.insert_block_token(FIGURE),
        edit.add_row_below,
        edit.remove_column,
        edit.bold,
        lambda: edit.insert_link("https://example.org"),
        lambda: QTest.keyClicks(edit, rng.choice(["x", "word ", "## ", "- ", "---"])),
        lambda: key(edit, rng.choice(keys)),
        lambda: key(edit, Qt.Key.Key_Z, CTRL),
    )

    def texts() -> list[str]:
        lines = edit.toPlainText().replace("\u2029", "\n").split("\n")
        return sorted(line for line in lines if line)

    for run in range(30):
        load(edit, RANDOM_BODIES[run % len(RANDOM_BODIES)])
        for _ in range(25):
            cursor = QTextCursor(edit.document())
            cursor.setPosition(rng.randint(0, edit.document().characterCount() - 1))
            if rng.random() < 0.3:
                edit.setTextCursor(cursor)
            if rng.random() < 0.2:
                before, steps = texts(), edit.document().availableUndoSteps()
                body_before = edit.body()
                edit.move_block(rng.choice((-1, 1)))
                assert texts() == before
                if edit.document().availableUndoSteps() != steps:
                    edit.document().undo()
                    assert edit.body() == body_before
                continue
            rng.choice(commands)()
        edit.body()  # reads back without raising


def test_the_notes_separator_is_not_edited(edit: VisualEdit) -> None:
    load(edit, "Text[^1]\n\n[^1]: The note.")
    notes = next(
        b
        for b in (edit.document().findBlockByNumber(i) for i in range(edit.document().blockCount()))
        if footnotes.is_notes(b)
    )
    cursor = QTextCursor(notes)
    cursor.movePosition(Move.EndOfBlock)
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_Backspace)
    key(edit, Qt.Key.Key_Delete)
    assert "notes" in kinds(edit)
    edit.setTextCursor(cursor)
    key(edit, Qt.Key.Key_Return)  # goes into the first note instead
    QTest.keyClicks(edit, "Also: ")
    assert body(edit) == "Text[^1]\n\n[^1]: Also: The note."
