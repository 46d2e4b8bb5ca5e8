"""The visual editor in the story window, as an editor works with it: a story opens as it will
read (headings, a picture's card, a tweet's card), typing there is saved as the canonical
Markdown body, opening and closing changes nothing, View ▸ Markdown source and back keeps
the place, and autosave, recovery, history, conflicts, Checks, find, drops and read-only
all work on what the visual editor shows."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.document.preflight import Finding, Severity
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.editor.visual.build import line_for_position
from editordesk.gui.editor.visual.schema import (
    BLOCK_KIND,
    FIGURE_OBJECT,
    IMAGE_ID,
    TWEET_ID,
    TWEET_OBJECT,
    BlockKind,
)
from editordesk.gui.main_window import MainWindow
from editordesk.gui.workers import wait_for_background
from editordesk.interchange.markdown import figure_code
from editordesk.media.tweets import TweetRef
from editordesk.model import StoryRecord
from editordesk.services import stories as svc
from editordesk.services.library import import_image_file
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from tests.gui.answers import answering
from tests.gui.test_main_window import click_button, on_next_dialog
from tests.media.test_metadata import jpeg_with, xmp_packet

WAIT_MS = 10_000


def body_with(image_id: int) -> str:
    return (
        "## The crossing\n"
        "\n"
        "The ferry left Port Ellan at dawn.\n"
        "\n"
        f"{figure_code(image_id)}\n"
        "\n"
        "Passengers waved from the deck.\n"
        "\n"
        '{{< x user="harbourmaster" id="20" >}}\n'
        "\n"
        "The harbourmaster said it was on time.\n"
    )


@pytest.fixture
def picture(store: Store, tmp_path: Path) -> int:
    path = tmp_path / "dawn.jpg"
    path.write_bytes(
        jpeg_with(
            xmp=xmp_packet(
                credit="Harbour Photo Agency",
                description="The ferry at dawn.",
                alt_text="A white ferry on grey water",
            ),
            size=(64, 48),
        )
    )
    with store.write() as session:
        image = import_image_file(session, store.media, path)
        put_tweet(
            session,
            TweetRef("20", "harbourmaster"),
            display_name="Harbour Master",
            text="Ferry on time this morning.",
            posted=dt.date(2026, 3, 1),
        )
    return image.id


@pytest.fixture
def story(store: Store, picture: int) -> StoryRecord:
    with store.write() as session:
        return svc.create_story(
            session,
            svc.StoryDraft(headline="Dawn ferry", body=body_with(picture)),
            author="Mara Quinn",
        )


OPENED: list[MainWindow] = []


@pytest.fixture(autouse=True)
def windows_close_clean() -> Iterator[None]:
    """Each window the test opened closes without asking to save (the test has checked
    what it meant to)."""
    yield
    for win in OPENED:
        for editor in win.editors():
            editor.dirty = False
    OPENED.clear()


def _window(qtbot: QtBot, store: Store, **settings: object) -> MainWindow:
    win = MainWindow(
        store,
        prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60, **settings),  # type: ignore[arg-type]
    )
    qtbot.addWidget(win)
    OPENED.append(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _editor(qtbot: QtBot, store: Store, record: StoryRecord) -> StoryEditor:
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    return editor


def blocks(editor: StoryEditor) -> list[tuple[str, str]]:
    """Each block of the visual document: its kind and text."""
    out = []
    block = editor.visual.document().firstBlock()
    while block.isValid():
        kind = block.blockFormat().property(BLOCK_KIND) or BlockKind.PARAGRAPH
        out.append((str(kind), block.text()))
        block = block.next()
    return out


def objects(editor: StoryEditor) -> list[tuple[int, object]]:
    """The cards in the visual document: (object type, picture id or tweet id)."""
    found: list[tuple[int, object]] = []
    block = editor.visual.document().firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.objectType() == FIGURE_OBJECT:
                found.append((FIGURE_OBJECT, fmt.property(IMAGE_ID)))
            elif fmt.objectType() == TWEET_OBJECT:
                found.append((TWEET_OBJECT, fmt.property(TWEET_ID)))
            it += 1
        block = block.next()
    return found


def put_cursor_after(editor: StoryEditor, words: str) -> None:
    """Click-equivalent: the visual cursor just after `words`."""
    found = editor.visual.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(found)
    cursor.clearSelection()
    editor.visual.setTextCursor(cursor)
    editor.visual.setFocus()


def stored_body(store: Store, story_id: int) -> str:
    with store.read() as session:
        return svc.get_story(session, story_id).body


def settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: wait_for_background(0), timeout=WAIT_MS)
    QApplication.processEvents()


# ------------------------------------------------------------------ opening


def test_a_story_opens_in_the_visual_editor_as_it_will_read(
    qtbot: QtBot, store: Store, story: StoryRecord, picture: int
) -> None:
    editor = _editor(qtbot, store, story)
    assert editor.active_body is editor.visual and editor.mirror.stack.isVisible()
    assert not editor.body.isVisible()
    shown = blocks(editor)
    assert (str(BlockKind.HEADING), "The crossing") in shown
    assert any(kind == str(BlockKind.FIGURE) for kind, _ in shown)
    assert any(kind == str(BlockKind.TWEET) for kind, _ in shown)
    assert objects(editor) == [(FIGURE_OBJECT, picture), (TWEET_OBJECT, "20")]
    heading = editor.visual.document().firstBlock()
    assert heading.blockFormat().headingLevel() == 2
    # the cards' words come from the library, through the editor's own cache
    record = editor.visual_assets.image(picture)
    assert record is not None and record.fields.credit == "Harbour Photo Agency"
    path = editor.visual_assets.picture_path(picture)
    assert path is not None and path.is_file()
    tweet = editor.visual_assets.tweet("20")
    assert tweet is not None and tweet.display_name == "Harbour Master"


def test_opening_and_closing_without_edits_changes_nothing(
    qtbot: QtBot, store: Store, picture: int
) -> None:
    # A body the visual editor would write differently (a `*` list, `__strong__`, two
    # spaces of line break, a trailing blank line): opening it must not rewrite it.
    with store.write() as session:
        record = svc.create_story(
            session,
            svc.StoryDraft(
                headline="Odd",
                body="Intro with __strong__ words  \nand a break.\n\n* one\n* two\n\n"
                f"{figure_code(picture)}\n\n\n",
            ),
            author="Mara Quinn",
        )
    odd = record.body
    assert "__strong__" in odd and "* one" in odd
    win = _window(qtbot, store)
    editor = win.open_story(record.id)
    assert editor is not None and editor.active_body is editor.visual
    qtbot.waitUntil(lambda: editor.checking.ready, timeout=WAIT_MS)
    qtbot.wait(600)  # past the pause that writes visual edits back (there were none)
    settle(qtbot)
    assert not editor.dirty
    assert editor.draft().body == odd
    assert editor.body.toPlainText() == odd
    assert win.close_tab(win.tabs.indexOf(editor))  # no question: nothing to save
    with store.read() as session:
        after = svc.get_story(session, record.id)
    assert after.body == odd and after.version == record.version


# ------------------------------------------------------------------ typing and saving


def test_typing_in_the_visual_editor_saves_canonical_markdown(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    win = _window(qtbot, store)
    editor = win.open_story(story.id)
    assert editor is not None
    put_cursor_after(editor, "at dawn.")
    qtbot.keyClicks(editor.visual, " Gulls followed it.")
    assert editor.dirty
    win.save_current()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    saved = stored_body(store, story.id)
    assert "The ferry left Port Ellan at dawn. Gulls followed it." in saved
    # the store keeps a body without its final newline; the rest is the canonical form
    assert saved == editor.visual.body().rstrip("\n") == editor.body.toPlainText().rstrip("\n")
    assert saved.count("{{< figure") == 1 and saved.count("{{< x ") == 1
    assert saved.startswith("## The crossing\n")


def test_a_pause_in_typing_writes_the_words_into_the_source(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    editor = _editor(qtbot, store, story)
    put_cursor_after(editor, "from the deck.")
    qtbot.keyClicks(editor.visual, " All of them.")
    qtbot.waitUntil(lambda: "All of them." in editor.body.toPlainText(), timeout=WAIT_MS)
    assert not editor.mirror.pending
    words, _chars, _minutes = editor.stats()
    assert words == len(editor.visual.toPlainText().replace("\ufffc", " ").split())


# ------------------------------------------------------------------ the two views


def test_switching_to_the_source_and_back_keeps_everything_and_the_place(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    win = _window(qtbot, store)
    editor = win.open_story(story.id)
    assert editor is not None
    put_cursor_after(editor, "waved from")
    qtbot.keyClicks(editor.visual, " the upper")
    win.actions_by_name["source"].trigger()  # View ▸ Markdown source
    assert editor.source_showing and editor.active_body is editor.body
    source = editor.body.toPlainText()
    assert "Passengers waved from the upper the deck." in source
    line = editor.body.textCursor().blockNumber() + 1
    assert source.splitlines()[line - 1].startswith("Passengers waved")
    # in the source, go to the tweet's line and type there
    tweet_line = source.splitlines().index('{{< x user="harbourmaster" id="20" >}}') + 1
    last = editor.body.document().findBlockByNumber(tweet_line + 1)  # "The harbourmaster…"
    cursor = QTextCursor(last)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.body.setTextCursor(cursor)
    qtbot.keyClicks(editor.body, " Again.")
    win.actions_by_name["source"].trigger()  # back to the visual editor
    assert not editor.source_showing and editor.active_body is editor.visual
    visual_cursor = editor.visual.textCursor()
    assert visual_cursor.block().text() == "The harbourmaster said it was on time. Again."
    assert line_for_position(editor.visual.document(), visual_cursor.position()) == tweet_line + 2
    assert editor.visual.body() == editor.body.toPlainText()
    # the choice is remembered for the next windows
    assert prefs.load().edit_in == "visual"
    win.actions_by_name["source"].trigger()
    assert prefs.load().edits_source()
    other = win.open_story(story.id)
    assert other is editor and editor.source_showing
    editor.dirty = False


def test_the_preference_opens_stories_in_the_source(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    win = _window(qtbot, store, edit_in="source")
    assert win.actions_by_name["source"].isChecked()
    assert win.actions_by_name["source"].shortcut().toString() == "Ctrl+Shift+M"
    editor = win.open_story(story.id)
    assert editor is not None and editor.source_showing
    assert editor.mirror.stale  # the visual is built only when it is shown
    editor.show_source(False)
    assert objects(editor)[0][0] == FIGURE_OBJECT


# ------------------------------------------------------------------ what reads the body


def test_history_restore_and_a_colleagues_save_show_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    win = _window(qtbot, store)
    editor = win.open_story(story.id)
    assert editor is not None
    with store.write() as session:
        newer = svc.save_story(
            session,
            story.id,
            replace(story.draft(), body="A new first paragraph.\n\n" + story.body),
            base_version=story.version,
            author="Ruth Calloway",
            window=win.live.window_id,  # past the lock this window holds: a colleague's save
        )
    editor.load(newer)  # as the conflict dialog's "Take theirs" and a reload do
    assert blocks(editor)[0] == (str(BlockKind.PARAGRAPH), "A new first paragraph.")
    assert not editor.dirty
    win._restored(editor, story)  # History ▸ Restore (as the dialog reports it)
    assert blocks(editor)[0] == (str(BlockKind.HEADING), "The crossing")
    assert editor.visual.body().rstrip("\n") == story.body
    editor.visual.document().undo()  # the rebuilt visual has nothing of before to undo
    assert blocks(editor)[0] == (str(BlockKind.HEADING), "The crossing")


def test_a_save_conflict_taking_theirs_shows_theirs_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    win = _window(qtbot, store)
    editor = win.open_story(story.id)
    assert editor is not None
    with store.write() as session:
        svc.save_story(
            session,
            story.id,
            replace(story.draft(), body="Theirs, all of it."),
            base_version=story.version,
            author="Ruth Calloway",
            window=win.live.window_id,  # past the lock this window holds: a colleague's save
        )
    put_cursor_after(editor, "at dawn.")
    qtbot.keyClicks(editor.visual, " Mine.")

    on_next_dialog(lambda dialog: click_button(dialog, "Take theirs"))
    with answering(QMessageBox.StandardButton.Discard):  # "Replace your changes?"
        win.save_current()
        qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    assert blocks(editor) == [(str(BlockKind.PARAGRAPH), "Theirs, all of it.")]
    kept = [e for e in win.editors() if e is not editor]
    assert kept and "Mine." in kept[0].draft().body  # what was dropped is kept in a tab
    for other in kept:
        other.dirty = False


def test_autosave_and_crash_recovery_keep_what_was_typed_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord, tmp_path: Path
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_TYPIST, str(store.location.sqlite_path), str(story.id)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr  # killed, not finished
    win = _window(qtbot, store)

    def reopen(dialog: QWidget) -> None:
        click_button(dialog, "Reopen ticked")

    on_next_dialog(reopen)
    win.after_start()
    editor = win.current_editor()
    assert editor is not None and editor.dirty and editor.active_body is editor.visual
    assert "at dawn. Typed before the crash." in editor.visual.toPlainText()
    assert "Typed before the crash." in editor.body.toPlainText()
    win.save_current()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    assert "at dawn. Typed before the crash." in stored_body(store, story.id)


CRASHING_TYPIST = """
import json, os, signal, sys, time
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Text, cast, select
from editordesk import settings as prefs
from editordesk.gui.main_window import MainWindow
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import Autosave

app = QApplication([])
store = Store.open(resolve(sys.argv[1]))
window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=1))
window.show()
editor = window.open_story(int(sys.argv[2]))
found = editor.visual.document().find("at dawn.")
cursor = QTextCursor(found)
cursor.clearSelection()
editor.visual.setTextCursor(cursor)
QTest.keyClicks(editor.visual, " Typed before the crash.")
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    app.processEvents()
    with store.read() as session:
        kept = session.scalars(select(cast(Autosave.draft, Text))).all()
    if any("Typed before the crash." in json.loads(raw).get("body", "") for raw in kept):
        break
    time.sleep(0.05)
else:
    sys.exit("the autosave never landed")
os.kill(os.getpid(), signal.SIGKILL)
"""


# ------------------------------------------------------------------ Checks and find


def test_a_checks_finding_selects_its_block_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    editor = _editor(qtbot, store, story)
    finding = Finding(Severity.WARNING, "A long sentence", "body", line=7)
    editor.preflight.finding_activated.emit(finding)
    assert editor.visual.textCursor().selectedText() == "Passengers waved from the deck."
    assert editor.visual.hasFocus() or not editor.isActiveWindow()


def test_find_and_replace_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    editor = _editor(qtbot, store, story)
    bar = editor.find_bar
    bar.open()
    qtbot.keyClicks(bar.field, "harbourmaster said")
    assert editor.visual.textCursor().selectedText() == "harbourmaster said"
    assert bar.result.text() == "1 of 1"
    bar.highlight_all.setChecked(True)
    assert len(editor.visual.extraSelections()) == 1
    bar.replace_field.setText("skipper said")
    bar.replace_one()
    assert "The skipper said it was on time." in editor.visual.toPlainText()
    assert "The skipper said it was on time." in editor.draft().body
    assert objects(editor)[1] == (TWEET_OBJECT, "20")  # the card stays a card
    bar.field.setText("ferry")
    bar.replace_field.setText("boat")
    assert bar.replace_all(preview=False) == 2  # the headline's and the body's
    assert editor.headline.text() == "Dawn boat"
    assert "The boat left Port Ellan" in editor.body.toPlainText()
    qtbot.waitUntil(lambda: "The boat left" in editor.visual.toPlainText(), timeout=WAIT_MS)
    bar.hide()
    assert editor.visual.extraSelections() == []


# ------------------------------------------------------------------ pictures and cards


def _drop(target: QWidget, mime: QMimeData, at: QPoint) -> None:
    enter = QDragEnterEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(target, drop)


def _point_of(editor: StoryEditor, words: str) -> QPoint:
    found = editor.visual.document().find(words)
    cursor = QTextCursor(editor.visual.document())
    cursor.setPosition(found.selectionStart())  # just before the words
    return editor.visual.cursorRect(cursor).center()


def test_a_picture_file_dropped_joins_the_library_and_lands_where_dropped(
    qtbot: QtBot, store: Store, story: StoryRecord, tmp_path: Path
) -> None:
    photo = tmp_path / "quay.jpg"
    photo.write_bytes(jpeg_with(xmp=xmp_packet(credit="Quay Photos"), size=(40, 30)))
    editor = _editor(qtbot, store, story)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    _drop(editor.visual.viewport(), mime, _point_of(editor, "Passengers waved"))
    qtbot.waitUntil(lambda: len(objects(editor)) == 3, timeout=WAIT_MS)
    ids = [value for kind, value in objects(editor) if kind == FIGURE_OBJECT]
    new = ids[1] if ids[0] == ids[1] else next(i for i in ids if i != objects(editor)[0][1])
    record = editor.visual_assets.image(int(str(new)))
    assert record is not None and record.fields.credit == "Quay Photos"  # XMP read in
    body = editor.draft().body
    assert body.index(figure_code(int(str(new)))) < body.index("Passengers waved")
    editor.visual.undo()
    assert len(objects(editor)) == 2


def test_double_clicking_a_picture_card_opens_its_library_card(
    qtbot: QtBot, store: Store, story: StoryRecord, picture: int
) -> None:
    editor = _editor(qtbot, store, story)
    figure = next(
        b
        for b in _blocks_of(editor)
        if b.blockFormat().property(BLOCK_KIND) == str(BlockKind.FIGURE)
    )
    tweet = next(
        b
        for b in _blocks_of(editor)
        if b.blockFormat().property(BLOCK_KIND) == str(BlockKind.TWEET)
    )
    layout = editor.visual.document().documentLayout()
    offset = editor.visual.verticalScrollBar().value()
    centre = layout.blockBoundingRect(figure).center().toPoint() - QPoint(0, offset)
    with qtbot.waitSignal(editor.image_fix_requested) as opened:
        qtbot.mouseDClick(editor.visual.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [picture]
    with qtbot.waitSignal(editor.assets.edit_tweet) as tweeted:
        assert editor.mirror.activate_card(tweet)
    assert tweeted.args == ["20"]


def _blocks_of(editor: StoryEditor) -> list:  # type: ignore[type-arg]
    out = []
    block = editor.visual.document().firstBlock()
    while block.isValid():
        out.append(block)
        block = block.next()
    return out


# ------------------------------------------------------------------ read-only


def test_a_read_only_story_refuses_edits_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord, tmp_path: Path
) -> None:
    editor = _editor(qtbot, store, story)
    editor.set_read_only(True)
    assert editor.visual.isReadOnly() and editor.body.isReadOnly()
    put_cursor_after(editor, "at dawn.")
    qtbot.keyClicks(editor.visual, " Not typed.")
    editor.visual.bold()
    editor.visual.insert_block_token(figure_code(1))
    photo = tmp_path / "refused.jpg"
    photo.write_bytes(jpeg_with(size=(20, 20)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    assert not editor.mirror.drop_files(mime, editor.visual.textCursor())
    settle(qtbot)
    assert "Not typed" not in editor.visual.toPlainText()
    assert editor.draft().body == story.body and not editor.dirty


def test_spelling_is_underlined_in_the_visual_editor_and_leaves_the_story_saved(
    qtbot: QtBot, store: Store
) -> None:
    with store.write() as session:
        record = svc.create_story(
            session,
            svc.StoryDraft(headline="Ferry", body="First line.\n\nThe quik ferry left."),
            author="Mara Quinn",
        )
    editor = _editor(qtbot, store, record)
    qtbot.waitUntil(lambda: editor.checking.ready, timeout=WAIT_MS)
    block = editor.visual.document().findBlockByNumber(1)
    underlined = [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]
    assert underlined == ["quik"]
    assert not editor.dirty and editor.draft().body == record.body
    # built anew from the source (an edit there, then back): underlined again
    editor.show_source(True)
    editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.body, " Again.")
    editor.show_source(False)

    def underlined_now() -> list[str]:
        block = editor.visual.document().findBlockByNumber(1)
        return [
            block.text()[r.start : r.start + r.length]
            for r in block.layout().formats()
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
        ]

    qtbot.waitUntil(lambda: underlined_now() == ["quik"], timeout=WAIT_MS)


def test_html_pasted_keeps_its_bold_and_a_remote_picture_gets_a_note_in_checks(
    qtbot: QtBot, store: Store, story: StoryRecord
) -> None:
    editor = _editor(qtbot, store, story)
    put_cursor_after(editor, "from the deck.")
    mime = QMimeData()
    mime.setHtml(
        '<p>The quay <b style="font-family:Arial">reopens</b> today.</p>'
        '<p><img src="https://example.com/quay.jpg" alt="The quay"></p>'
    )
    mime.setText("The quay reopens today.")
    editor.visual.insertFromMimeData(mime)  # as Ctrl+V does
    qtbot.waitUntil(
        lambda: "The quay reopens today." in editor.visual.toPlainText(), timeout=WAIT_MS
    )
    qtbot.waitUntil(
        lambda: any(f.kind == "paste" for f in editor.preflight.findings), timeout=WAIT_MS
    )
    assert "The quay **reopens** today." in editor.draft().body
    assert "Arial" not in editor.draft().body


def test_a_picture_dragged_from_the_library_lands_where_dropped_and_undo_takes_it_out(
    qtbot: QtBot, store: Store, story: StoryRecord, picture: int
) -> None:
    from editordesk.gui.library.model import ImageListModel

    model = ImageListModel(store)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 1 and not model.is_loading, timeout=WAIT_MS)
    dragged = model.mimeData([model.index(0)])  # what the library's grid drags
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    editor = _editor(qtbot, store, story)
    _drop(editor.visual.viewport(), dragged, _point_of(editor, "The harbourmaster said"))
    assert objects(editor) == [
        (FIGURE_OBJECT, picture),
        (TWEET_OBJECT, "20"),
        (FIGURE_OBJECT, picture),
    ]
    body = editor.draft().body
    assert body.rindex(figure_code(picture)) > body.index('id="20"')
    editor.visual.undo()
    assert len(objects(editor)) == 2
    assert editor.draft().body.count(figure_code(picture)) == 1
    # in the Markdown source the same drag gives the shortcode
    assert dragged.text() == figure_code(picture)


def test_the_pictures_panel_taking_a_figure_out_shows_in_the_visual_editor(
    qtbot: QtBot, store: Store, story: StoryRecord, picture: int
) -> None:
    editor = _editor(qtbot, store, story)
    put_cursor_after(editor, "at dawn.")
    qtbot.keyClicks(editor.visual, " Typed first.")
    editor.remove_token(figure_code(picture))  # the Pictures & tweets panel's Remove
    qtbot.waitUntil(lambda: objects(editor) == [(TWEET_OBJECT, "20")], timeout=WAIT_MS)
    body = editor.draft().body
    assert "at dawn. Typed first." in body and figure_code(picture) not in body
    assert "at dawn. Typed first." in editor.visual.toPlainText()


def test_preferences_choose_where_stories_are_edited(qtbot: QtBot) -> None:
    from editordesk.gui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(prefs.Settings())
    qtbot.addWidget(dialog)
    assert dialog.edit_in.accessibleName() == "Edit stories in"
    assert dialog.edit_in.currentData() == "visual"  # the default
    dialog.edit_in.setCurrentIndex(dialog.edit_in.findData("source"))
    chosen = dialog.settings()
    assert chosen.edit_in == "source" and chosen.edits_source()
    prefs.save(chosen)
    assert prefs.load().edits_source()
    assert not prefs.Settings(edit_in="wysiwyg").edits_source()  # anything else: visual
