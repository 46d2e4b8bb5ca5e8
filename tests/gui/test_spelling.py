"""Spelling and house style as you type, Find & Replace in a story and across stories."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.dialogs.find_replace import ReplaceInStoriesDialog
from editordesk.gui.editor.highlighter import SPELLING_COLOUR, STYLE_COLOUR
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.main_window import MainWindow
from editordesk.gui.workers import wait_for_background
from editordesk.model import StoryDraft
from editordesk.services import spelling, style
from editordesk.services import stories as svc
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation


def _story(store: Store, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(session, StoryDraft(**fields), author="Ann")  # type: ignore[arg-type]


def _open(qtbot: QtBot, store: Store, record: svc.StoryRecord) -> StoryEditor:
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    qtbot.waitUntil(lambda: editor.checking.ready, timeout=10_000)
    return editor


def _underlined(editor: StoryEditor, line: int, column: int) -> str | None:
    """The colour name of the wavy underline at a body position, or None."""
    block = editor.body.document().findBlockByNumber(line - 1)
    for fmt in block.layout().formats():
        wavy = fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        if fmt.start <= column < fmt.start + fmt.length and wavy:
            colour = fmt.format.underlineColor()
            if colour == SPELLING_COLOUR:
                return "spelling"
            if colour == STYLE_COLOUR:
                return "style"
    return None


def _action(menu: object, text: str) -> object:
    for action in menu.actions():  # type: ignore[attr-defined]
        if action.text() == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")  # type: ignore[attr-defined]


def test_underlines_appear_and_a_suggestion_applies(qtbot: QtBot, store: Store) -> None:
    record = _story(store, headline="Ferry", body="We recieve the ferry at https://exmple.org.")
    editor = _open(qtbot, store, record)
    assert _underlined(editor, 1, 4) == "spelling"  # recieve
    assert _underlined(editor, 1, 0) is None  # We
    assert _underlined(editor, 1, 30) is None  # the address
    assert any(f.word == "recieve" for f in editor.preflight.findings)
    menu = editor.checking.menu_for(5)
    _action(menu, "receive").trigger()
    assert editor.body.toPlainText() == "We receive the ferry at https://exmple.org."
    assert _underlined(editor, 1, 4) is None
    qtbot.keyClicks(editor.body, "Teh ")  # typed at the start: underlined as it is typed
    assert _underlined(editor, 1, 1) == "spelling"


def test_an_arabic_sentence_in_an_english_story_is_not_underlined(
    qtbot: QtBot, store: Store
) -> None:
    body = "The quik ferry.\n\nمرحبا بالعالم. هذا نص عربي"
    editor = _open(qtbot, store, _story(store, headline="Ferry", body=body))
    editor.show_source(True)
    assert _underlined(editor, 1, 5) == "spelling"  # quik: the check is on
    arabic = editor.body.document().findBlockByNumber(2).text()
    assert all(_underlined(editor, 3, column) is None for column in range(len(arabic)))
    assert [f.word for f in editor.preflight.findings if f.word] == ["quik"]


def test_underlining_an_opened_story_leaves_it_saved(qtbot: QtBot, store: Store) -> None:
    # Qt reports a re-highlighted line as a text change: the underlines of a story just
    # opened once marked it unsaved, and closing it asked "Save your changes?".
    body = "\n\n".join(f"Line {n} has a mispelt wurd." for n in range(40))
    editor = _open(qtbot, store, _story(store, headline="Ferry", body=body))
    assert _underlined(editor, 1, 14) == "spelling"  # mispelt
    qtbot.wait(50)
    assert editor.dirty is False
    editor.checking.add_to_mine("wurd")  # redraws every line that holds it
    qtbot.waitUntil(lambda: _underlined(editor, 1, 22) is None, timeout=5_000)
    assert editor.dirty is False
    qtbot.keyClicks(editor.body, "x")
    assert editor.dirty is True


def test_checks_jump_to_the_word(qtbot: QtBot, store: Store) -> None:
    record = _story(store, headline="Ferry", body="First line.\n\nThe quik ferry.")
    editor = _open(qtbot, store, record)
    finding = next(f for f in editor.preflight.findings if f.word == "quik")
    assert finding.severity.value == "warning" and finding.line == 3
    editor.preflight.finding_activated.emit(finding)
    assert editor.active_body.textCursor().selectedText() == "quik"  # the visual editor's
    editor.show_source(True)
    editor.preflight.finding_activated.emit(finding)
    assert editor.body.textCursor().selectedText() == "quik"


def test_style_underlines_in_a_second_colour_with_a_one_click_fix(
    qtbot: QtBot, store: Store
) -> None:
    with store.write() as session:
        style.set_desk_style(session, "preferred:\n  utilise: use\n")
    record = _story(store, headline="Plan", body="They utilise the pier.")
    editor = _open(qtbot, store, record)
    assert _underlined(editor, 1, 6) == "style"
    menu = editor.checking.menu_for(7)
    assert any("“use”, not “utilise”" in a.text() for a in menu.actions())
    _action(menu, "Change to “use”").trigger()
    assert editor.body.toPlainText() == "They use the pier."


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)
def test_the_desk_dictionary_reaches_a_second_window(
    qtbot: QtBot, store: Store, store_location: StoreLocation
) -> None:
    record = _story(store, headline="Port", body="The Kelvaro ferry.")
    with Store.open(store_location) as other_store:
        mine = _open(qtbot, store, record)
        theirs = _open(qtbot, other_store, record)
        assert _underlined(theirs, 1, 5) == "spelling"
        _action(mine.checking.menu_for(5), "Add to the desk's dictionary").trigger()
        qtbot.waitUntil(lambda: _underlined(mine, 1, 5) is None, timeout=10_000)
        wait_for_background()
        with other_store.read() as session:
            assert "Kelvaro" in spelling.desk_words(session)
        theirs.checking.refresh(words_only=True)  # what its timer does every 15 seconds
        qtbot.waitUntil(lambda: _underlined(theirs, 1, 5) is None, timeout=10_000)
        for editor in (mine, theirs):
            editor.close()
            editor.deleteLater()
        wait_for_background()


def test_ignore_in_this_story_and_my_dictionary(qtbot: QtBot, store: Store) -> None:
    record = _story(store, headline="Port", body="Zorblat and Quixxle.")
    editor = _open(qtbot, store, record)
    _action(editor.checking.menu_for(2), "Ignore in this story").trigger()
    _action(editor.checking.menu_for(13), "Add to my dictionary").trigger()
    qtbot.waitUntil(
        lambda: _underlined(editor, 1, 2) is None and _underlined(editor, 1, 13) is None,
        timeout=10_000,
    )
    wait_for_background()
    with store.read() as session:
        assert spelling.ignored_words(session, record.id) == {"Zorblat"}
    assert spelling.my_words() == {"Quixxle"}


def test_a_missing_dictionary_is_one_line_in_checks(qtbot: QtBot, store: Store) -> None:
    record = _story(store, headline="Port", body="Any wurds.")
    with store.write() as session:
        spelling.set_story_language(session, record.id, "xx_XX")
    editor = _open(qtbot, store, record)
    lines = [f.message for f in editor.preflight.findings if f.field == "language"]
    assert len(lines) == 1 and "no dictionary for xx_XX (installed: en_GB, en_US" in lines[0]
    assert _underlined(editor, 1, 5) is None
    assert editor.checking.language_box.currentText() == "xx_XX (not installed)"


def test_find_in_fields_and_body_with_options_and_replace(qtbot: QtBot, store: Store) -> None:
    record = _story(store, headline="Tide tables", body="The tide rose. TIDE fell. Tidewater.")
    editor = _open(qtbot, store, record)
    editor.show_source(True)  # in the Markdown source (the visual's: test_story_visual)
    bar = editor.find_bar
    bar.open()
    bar.options.whole_words.setChecked(True)
    qtbot.keyClicks(bar.field, "tide")
    assert bar.result.text().endswith("of 3")  # headline, body twice; not "Tidewater"
    bar.options.match_case.setChecked(True)
    assert bar.find_next(from_start=True)
    assert editor.body.textCursor().selectedText() == "tide"
    bar.options.match_case.setChecked(False)
    bar.highlight_all.setChecked(True)
    assert len(editor.body.extraSelections()) == 2
    bar.replace_field.setText("sea")
    assert bar.replace_all(preview=False) == 3
    assert editor.headline.text() == "sea tables"
    assert editor.body.toPlainText() == "The sea rose. sea fell. Tidewater."
    bar.options.regex.setChecked(True)
    bar.options.whole_words.setChecked(False)
    bar.field.setText(r"(\w+)water")
    bar.replace_field.setText(r"\1-water")
    bar.find_next(from_start=True)
    bar.replace_one()
    assert editor.body.toPlainText() == "The sea rose. sea fell. Tide-water."
    editor.body.undo()
    assert editor.body.toPlainText() == "The sea rose. sea fell. Tidewater."


def test_replace_in_selected_stories_previews_then_saves_revisions(
    qtbot: QtBot, store: Store
) -> None:
    a = _story(store, headline="One", body="Covid rules.\nNew covid rules.")
    b = _story(store, headline="Two", body="No match here.")
    dialog = ReplaceInStoriesDialog(store, [a.id, b.id], author="Ann")
    qtbot.addWidget(dialog)
    dialog.options.field.setText("covid")
    dialog.options.replace_field.setText("Covid-19")
    dialog.options.whole_words.setChecked(True)
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.replace_button.isEnabled(), timeout=10_000)
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert rows == [
        [f"{a.id}: One", "line 1", "Covid rules.", "Covid-19 rules."],
        [f"{a.id}: One", "line 2", "New covid rules.", "New Covid-19 rules."],
    ]
    with store.read() as session:  # nothing written by the preview
        assert svc.get_story(session, a.id).version == a.version
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert dialog.outcome is not None and dialog.outcome.changed == (a.id,)
    with store.read() as session:
        assert svc.get_story(session, a.id).body == "Covid-19 rules.\nNew Covid-19 rules."
        assert svc.revisions(session, a.id)[0].note == "Replaced “covid” with “Covid-19” (2 times)"
    dialog.done(QDialog.DialogCode.Accepted)


def test_desk_style_dialog_saves_imports_and_refuses_a_bad_file(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from editordesk.gui.dialogs.desk_style import DeskStyleDialog

    dialog = DeskStyleDialog(store)
    qtbot.addWidget(dialog)
    assert "utilise: use" in dialog.text.toPlainText()  # the sample until the desk has one
    bad = tmp_path / "bad.yaml"
    bad.write_text("colour: red\n", encoding="utf-8")
    dialog.import_file(str(bad))
    assert "unknown setting 'colour'" in dialog.problem.text()
    good = tmp_path / "good.yaml"
    good.write_text("preferred:\n  whilst: while\n", encoding="utf-8")
    dialog.import_file(str(good))
    dialog.language.setEditText("en_US")
    dialog.acronyms.setChecked(True)
    assert dialog.save()
    with store.read() as session:
        assert style.desk_style(session).preferred == {"whilst": "while"}
        assert spelling.desk_language(session) == "en_US"
        assert spelling.checks_acronyms(session)
    out = tmp_path / "out.yaml"
    dialog.export_file(str(out))
    assert out.read_text(encoding="utf-8") == "preferred:\n  whilst: while\n"
    dialog.text.setPlainText("numbers: roman\n")
    assert not dialog.save()
    with store.read() as session:  # nothing stored from a bad file
        assert style.desk_style(session).preferred == {"whilst": "while"}


def test_the_story_list_opens_replace_for_the_selected_stories(qtbot: QtBot, store: Store) -> None:
    from editordesk.gui.story_list.widget import StoryListWidget

    a = _story(store, headline="One", body="x")
    b = _story(store, headline="Two", body="y")
    widget = StoryListWidget(store)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2 and not widget.model.is_loading)
    widget.table_view.selectAll()
    widget.replace_in_selected()
    dialog = widget.findChild(ReplaceInStoriesDialog)
    assert dialog is not None and dialog.isVisible()
    assert sorted(dialog.story_ids) == sorted([a.id, b.id])
    assert dialog.windowTitle() == "Replace in 2 selected stories"
    dialog.close()


def _forget_unsaved(window: MainWindow) -> None:
    for editor in window.editors():
        editor.dirty = False


def _window(qtbot: QtBot, store: Store, name: str) -> MainWindow:
    window = MainWindow(store, prefs.Settings(editor_name=name, autosave_seconds=60))
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_edit_replace_opens_the_replace_bar_of_the_story_in_front(
    qtbot: QtBot, store: Store
) -> None:
    record = _story(store, headline="Tide tables", body="The tide rose.")
    window = _window(qtbot, store, "Ana Ruiz")
    replace = window.actions_by_name["replace"]
    assert replace.shortcut().toString() == "Ctrl+H"
    assert window.actions_by_name["history"].shortcut().toString() == "Ctrl+Shift+H"
    assert not replace.isEnabled()  # no story open
    editor = window.open_story(record.id)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.checking.ready, timeout=10_000)
    editor.show_source(True)
    cursor = editor.body.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(8, cursor.MoveMode.KeepAnchor)
    editor.body.setTextCursor(cursor)  # "tide" selected
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    assert bar.isVisible()
    assert bar.field.text() == "tide"
    assert bar.replace_field.hasFocus()  # something to find: type the replacement at once
    qtbot.keyClicks(bar.replace_field, "sea")
    bar.replace_all(preview=False)
    assert editor.body.toPlainText() == "The sea rose."
    bar.hide()
    bar.field.clear()
    replace.trigger()  # nothing to find yet: the bar opens at what to find
    assert bar.isVisible() and bar.field.hasFocus()


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)
def test_a_desk_word_reaches_another_window_through_the_change_log(
    qtbot: QtBot, store: Store, store_location: StoreLocation
) -> None:
    """Two windows on one store (a Store each, as two computers): a word added to the desk's
    dictionary in one reaches the other's underlines through the change log (NOTIFY on
    PostgreSQL, the watcher's poll on SQLite), not the spelling's own 15-second poll."""
    record = _story(store, headline="Port", body="The Kelvaro ferry.")
    with Store.open(store_location) as other_store:
        ana = _window(qtbot, store, "Ana Ruiz")
        ben = _window(qtbot, other_store, "Ben Okafor")
        mine, theirs = ana.open_story(record.id), ben.open_story(record.id)
        assert mine is not None and theirs is not None
        for editor in (mine, theirs):
            qtbot.waitUntil(lambda e=editor: e.checking.ready, timeout=10_000)
        theirs.checking._poll.stop()  # only the change log can bring the word now
        assert ben.live.watcher is not None and ben.live.watcher.wait_ready()
        assert _underlined(theirs, 1, 5) == "spelling"
        _action(mine.checking.menu_for(5), "Add to the desk's dictionary").trigger()
        qtbot.waitUntil(lambda: _underlined(mine, 1, 5) is None, timeout=10_000)
        qtbot.waitUntil(lambda: _underlined(theirs, 1, 5) is None, timeout=20_000)
        qtbot.waitUntil(  # and Checks follows
            lambda: not any(f.word == "Kelvaro" for f in theirs.checking.findings),
            timeout=10_000,
        )
        for window in (ana, ben):
            _forget_unsaved(window)
            window.close()
        wait_for_background()
