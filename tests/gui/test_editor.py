"""The story editor on its own: typing, formatting commands, find, counts and the preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store


def _editor(qtbot: QtBot, store: Store, **fields: object) -> StoryEditor:
    editor = StoryEditor(store, draft=StoryDraft(**fields))  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    return editor


def _select_all(editor: StoryEditor) -> None:
    cursor = editor.body.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    editor.body.setTextCursor(cursor)


def test_typing_marks_the_story_changed_and_the_draft_holds_it(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store)
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClicks(editor.headline, "Quay reopens")
    qtbot.keyClicks(editor.body, "Boats are back.")
    qtbot.keyClicks(editor.tags, "harbour, boats")
    draft = editor.draft()
    assert (draft.headline, draft.body, draft.tags) == (
        "Quay reopens",
        "Boats are back.",
        ("harbour", "boats"),
    )
    assert editor.dirty


def test_formatting_commands(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store, body="calm sea")
    _select_all(editor)
    editor.body.bold()
    assert editor.body.toPlainText() == "**calm sea**"
    _select_all(editor)
    editor.body.bold()
    assert editor.body.toPlainText() == "calm sea"
    editor.body.heading(2)
    assert editor.body.toPlainText() == "## calm sea"
    editor.body.heading(2)
    assert editor.body.toPlainText() == "calm sea"
    editor.body.setPlainText("one\ntwo")
    _select_all(editor)
    editor.body.numbered_list()
    assert editor.body.toPlainText() == "1. one\n2. two"
    editor.body.numbered_list()
    assert editor.body.toPlainText() == "one\ntwo"
    editor.body.quote()
    assert editor.body.toPlainText() == "> one\n> two"
    editor.body.setPlainText("")
    editor.body.italic()
    qtbot.keyClicks(editor.body, "now")
    assert editor.body.toPlainText() == "*now*"


def test_enter_continues_a_list_and_an_empty_item_ends_it(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store)
    qtbot.keyClicks(editor.body, "- ferry")
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "bus")
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClick(editor.body, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.body, "After.")
    assert editor.body.toPlainText() == "- ferry\n- bus\n\nAfter."


def test_find_bar_finds_and_wraps(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store, body="tide in. tide out. tide in.")
    editor.show_source(True)  # find in the Markdown source (the visual's: test_story_visual)
    editor.find_bar.open()
    qtbot.keyClicks(editor.find_bar.field, "tide")
    assert editor.body.textCursor().selectedText() == "tide"
    first = editor.body.textCursor().selectionStart()
    qtbot.keyClick(editor.find_bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(editor.find_bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(editor.find_bar.field, Qt.Key.Key_Return)  # wraps to the first again
    assert editor.body.textCursor().selectionStart() == first
    editor.find_bar.field.setText("gale")
    assert not editor.find_bar.find_next()
    assert editor.find_bar.result.text() == "Not found"


def test_counts_and_reading_time(qtbot: QtBot, store: Store) -> None:
    editor = _editor(qtbot, store)
    with qtbot.waitSignal(editor.stats_changed) as signal:
        editor.body.setPlainText("word " * 460)
    assert signal.args == [460, 2300, 2]


def test_the_preview_shows_the_story_as_exported(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        record = create_story(
            session, StoryDraft(headline="Quay", byline="Ann", body="First *calm* day."), author="t"
        )
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.show()
    with qtbot.waitSignal(editor.preview_updated, timeout=5000):
        pass
    assert "First calm day." in editor.preview.toPlainText()
    qtbot.keyClick(editor.headline, Qt.Key.Key_End)  # a loaded headline shows its start
    with qtbot.waitSignal(editor.preview_updated, timeout=5000):
        qtbot.keyClicks(editor.headline, " reopens")
    assert "Quay reopens" in editor.preview.toPlainText()


def test_a_loaded_long_headline_and_slug_show_their_start(qtbot: QtBot, store: Store) -> None:
    # The trial: the headline opened reading "…first twenty years online" (at 2x scaling
    # "ars online"), the slug "rbour-museum-online-years": the end, not the start.
    headline = "Harbour museum puts the town's first twenty years of photographs online " * 2
    with store.write() as session:
        record = create_story(
            session,
            StoryDraft(headline=headline.strip(), tags=[f"topic {n}" for n in range(30)]),
            author="t",
        )
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(700, 600)
    editor.show()
    slug = editor.slug_field.edit
    for field in (editor.headline, slug, editor.tags):
        assert field.fontMetrics().horizontalAdvance(field.text()) > field.width()  # too long
        assert field.cursorPosition() == 0
        assert field.cursorRect().x() < 10  # scrolled to the start: the first word shows
    qtbot.keyClick(editor.headline, Qt.Key.Key_End)
    qtbot.keyClicks(editor.headline, "!")  # typing is not moved back to the start
    assert editor.headline.text().endswith("online!")
    assert editor.headline.cursorPosition() == len(editor.headline.text())


def test_the_highlighter_tells_strong_from_emphasis(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtGui import QFont

    editor = _editor(qtbot, store, body="a **strong words** and *slanted* b")
    editor.body.highlighter.rehighlight()
    ranges = editor.body.document().firstBlock().layout().formats()  # keep them alive
    formats = {r.start: r.format for r in ranges}
    strong = formats[2]
    assert strong.fontWeight() == QFont.Weight.Bold and not strong.fontItalic()
    slanted = formats[len("a **strong words** and ")]
    assert slanted.fontItalic() and slanted.fontWeight() != QFont.Weight.Bold
