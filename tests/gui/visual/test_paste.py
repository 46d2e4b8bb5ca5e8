"""Pasting HTML into the visual editor as an editor does it: Word, Google Docs and web pages
through the clipboard and Ctrl+V, checked on what the editor shows, the body it writes, the
undo step and the pictures that land in a real store's library."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextCursor, QTextFormat
from PySide6.QtTest import QTest

from editordesk.document.parse import parse_body
from editordesk.gui.editor.visual.edit import VisualEdit
from editordesk.gui.editor.visual.paste import READ_ON_WORKER, HtmlPaster, store_importer
from editordesk.model import ImageRecord, TweetRecord
from editordesk.store.db import Store
from tests.gui.visual.windows import shown_window
from tests.helpers import image_bytes
from tests.interchange.test_html_in import GOOGLE_DOCS, WORD

CTRL = Qt.KeyboardModifier.ControlModifier


class NoAssets:
    def image(self, image_id: int) -> ImageRecord | None:
        return None

    def picture_path(self, image_id: int) -> Path | None:
        return None

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


@pytest.fixture
def edit(qtbot: object) -> Iterator[VisualEdit]:
    win = shown_window(qtbot)
    yield win.editor


def load(edit: VisualEdit, body: str) -> None:
    edit.set_tree(parse_body(body), NoAssets())
    edit.setFocus()


def body(edit: VisualEdit) -> str:
    return str(edit.body()).strip("\n")


def paste_with_keys(edit: VisualEdit, html: str, text: str = "") -> None:
    """The clipboard holds what a word processor puts there; Ctrl+V, as a person pastes."""
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text or "plain text instead")
    QGuiApplication.clipboard().setMimeData(mime)
    QTest.keyClick(edit, Qt.Key.Key_V, CTRL)


def notes_of(paster: HtmlPaster) -> list[list[str]]:
    heard: list[list[str]] = []
    paster.notes_ready.connect(heard.append)
    return heard


def test_google_docs_through_ctrl_v_is_one_undo_step(edit: VisualEdit) -> None:
    load(edit, "Lead paragraph.")
    HtmlPaster(edit, None)
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    paste_with_keys(edit, GOOGLE_DOCS)
    written = body(edit)
    assert written.startswith("Lead paragraph.\n\n# Ferry timetable cut for winter\n\n")
    assert (
        "The **last ferry** will leave at *six* from Monday; the ~~seven~~ o\u2019clock boat is "
        "gone. See [the new times](https://example.org/ferry)." in written
    )
    assert "- Mornings\n  - first boat at 7:10\n- Evenings" in written
    assert "1. Check the board\n2. Buy the ticket" in written
    assert "| **Day** | **Boats** |\n| --- | ---: |\n| Monday | 4 |" in written
    assert "font" not in written and "color" not in written and "guid" not in written
    shown = edit.document().toPlainText()
    assert "Ferry timetable cut for winter" in shown and "first boat at 7:10" in shown
    doc = edit.document()
    heading = doc.find("Ferry timetable").block()
    assert heading.blockFormat().headingLevel() == 1
    nested = doc.find("first boat").block()
    assert nested.textList() is not None and nested.textList().format().indent() == 2
    bold = doc.find("last ferry")
    assert bold.charFormat().fontWeight() >= QFont.Weight.Bold
    assert doc.find("Boats").currentTable() is not None
    for word in ("six", "Boats"):  # no font came along
        found = doc.find(word)
        assert not found.charFormat().hasProperty(QTextFormat.Property.FontFamilies), word
    edit.undo()
    assert body(edit) == "Lead paragraph."


def test_word_fragment_keeps_lists_quotes_and_drops_tracked_deletions(edit: VisualEdit) -> None:
    load(edit, "")
    HtmlPaster(edit, None)
    paste_with_keys(edit, WORD)
    assert body(edit) == (
        "The council voted to rebuild the wall.\n\n"
        "- Stone from the quarry\n  - cut on the island\n- **Steel** piles\n\n"
        "3. Vote in December\n4. Work in spring\n\n"
        "> We have waited *long enough*.\n>\n> Build it now.\n\n"
        "Old figure: ~~£2m~~ £2.1m"
    )


def test_pasted_words_stay_words_and_scripts_go(edit: VisualEdit) -> None:
    load(edit, "")
    HtmlPaster(edit, None)
    mime = QMimeData()
    mime.setHtml(
        '<script>alert(1)</script><p onclick="x()"># not a heading *not em* '
        '<a href="javascript:alert(1)">click</a></p>'
    )
    mime.setText("fallback")
    edit.insertFromMimeData(mime)
    written = body(edit)
    assert "alert" not in written and "javascript" not in written
    again = parse_body(written)
    from editordesk.document import nodes as n

    (paragraph,) = again.children
    assert isinstance(paragraph, n.Paragraph)
    assert n.inlines_text(paragraph.children) == "# not a heading *not em* click"


def test_a_paste_inside_a_paragraph_replaces_the_selection(edit: VisualEdit) -> None:
    load(edit, "Keep this word here")
    HtmlPaster(edit, None)
    found = edit.document().find("word")
    edit.setTextCursor(found)
    paste_with_keys(edit, "<p><b>bold</b> <i>words</i></p>")
    assert body(edit) == "Keep this **bold** *words* here"


def test_a_web_picture_becomes_a_link_and_a_note(edit: VisualEdit, qtbot: object) -> None:
    load(edit, "")
    paster = HtmlPaster(edit, None)
    heard = notes_of(paster)
    paste_with_keys(edit, '<p>See <img src="https://example.org/storm.jpg" alt="the storm"></p>')
    qtbot.waitUntil(lambda: bool(heard), timeout=10_000)  # type: ignore[attr-defined]
    assert body(edit) == "See [the storm](https://example.org/storm.jpg)"
    assert heard == [
        [
            "A picture at https://example.org/storm.jpg was not copied: save it and add it to "
            "the library"
        ]
    ]


def test_too_much_html_is_refused_with_one_line(edit: VisualEdit, qtbot: object) -> None:
    load(edit, "Unchanged")
    paster = HtmlPaster(edit, None)
    heard = notes_of(paster)
    mime = QMimeData()
    mime.setHtml("<p>" + "x" * 20_000_001 + "</p>")
    mime.setText("x")
    edit.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: bool(heard), timeout=20_000)  # type: ignore[attr-defined]
    assert body(edit) == "Unchanged"
    (notes,) = heard
    assert notes[0].startswith("The paste was not made: the pasted HTML is 20.0 million")


def test_a_long_paste_is_read_on_a_worker_and_lands_where_the_cursor_was(
    edit: VisualEdit, qtbot: object
) -> None:
    load(edit, "First.\n\nLast.")
    paster = HtmlPaster(edit, None)
    pasted: list[bool] = []
    paster.pasted.connect(lambda: pasted.append(True))
    edit.setTextCursor(edit.document().find("First."))
    cursor = edit.textCursor()
    cursor.clearSelection()
    edit.setTextCursor(cursor)
    html = "".join(f"<p>Paragraph {i} of the <i>long</i> paste.</p>" for i in range(8000))
    assert len(html) > READ_ON_WORKER
    paste_with_keys(edit, html)
    assert not pasted  # still being read: the editor is free meanwhile
    edit.textCursor().insertText(" typed")
    qtbot.waitUntil(lambda: bool(pasted), timeout=30_000)  # type: ignore[attr-defined]
    written = body(edit)
    assert written.startswith("First. typed\n\nParagraph 0 of the *long* paste.\n\n")
    assert written.endswith("Paragraph 7999 of the *long* paste.\n\nLast.")
    edit.undo()
    assert body(edit) == "First. typed\n\nLast."


def test_a_read_only_story_takes_no_paste(edit: VisualEdit) -> None:
    load(edit, "Locked")
    HtmlPaster(edit, None)
    edit.setReadOnly(True)
    paste_with_keys(edit, "<p>new</p>")
    assert body(edit) == "Locked"


def _camera_jpeg() -> bytes:
    exif = PILImage.Exif()
    exif[0x013B] = "Ann Reed"  # Artist
    exif[0x8298] = "Ellan Courier"  # Copyright
    out = io.BytesIO()
    PILImage.new("RGB", (80, 60), (30, 140, 60)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_data_picture_lands_in_the_library_with_its_metadata(
    edit: VisualEdit, store: Store, qtbot: object
) -> None:
    from editordesk.gui.editor.visual.assets import StoreAssets

    edit.set_tree(parse_body("Before."), StoreAssets(store))
    edit.setFocus()
    paster = HtmlPaster(edit, store_importer(store))
    heard = notes_of(paster)
    pasted: list[bool] = []
    paster.pasted.connect(lambda: pasted.append(True))
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    data = base64.b64encode(_camera_jpeg()).decode()
    false = base64.b64encode(b"<svg onload='x()'/>").decode()
    paste_with_keys(
        edit,
        f'<p>The pier:</p><img src="data:image/jpeg;base64,{data}" alt="The pier">'
        f'<img src="data:image/svg+xml;base64,{false}"><p>After.</p>',
    )
    qtbot.waitUntil(lambda: bool(pasted), timeout=10_000)  # type: ignore[attr-defined]
    from editordesk.services.images import get_images

    with store.read() as session:
        images = get_images(session, {1, 2})
    assert list(images) == [1]
    record = images[1]
    assert record.original_name == "pasted-picture-1.jpg"
    assert record.fields.creator == "Ann Reed"
    assert record.fields.copyright == "Ellan Courier"
    assert record.fields.alt_text == "The pier"  # from the page: the picture had none
    assert body(edit) == 'Before.\n\nThe pier:\n\n{{< figure image="1" >}}\n\nAfter.'
    assert heard == [
        [
            "A picture given in the page as data was not copied: it is not an image "
            "EditorDesk can read"
        ]
    ]
    edit.undo()
    assert body(edit) == "Before."


def test_a_local_picture_file_is_imported_and_the_same_one_twice_once(
    edit: VisualEdit, store: Store, tmp_path: Path, qtbot: object
) -> None:
    picture = tmp_path / "pier.png"
    picture.write_bytes(image_bytes("PNG", color=(5, 6, 7)))
    edit.set_tree(parse_body(""), NoAssets())
    edit.setFocus()
    paster = HtmlPaster(edit, store_importer(store), background=False)
    paste_with_keys(
        edit, f'<p><img src="file://{picture}"></p><ul><li><img src="{picture}"></li></ul>'
    )
    assert body(edit) == '{{< figure image="1" >}}\n\n- {{< figure image="1" >}}'
    assert paster.importer is not None


def test_a_pasted_footnote_joins_the_story_s_notes(edit: VisualEdit) -> None:
    load(edit, "Lead.[^1]\n\n[^1]: Already here.")
    HtmlPaster(edit, None)
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    edit.setTextCursor(cursor)
    paste_with_keys(
        edit,
        '<p>Ferries<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup> run.</p>'
        '<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a> Timetable of 1 December.</p></div>',
    )
    written = body(edit)
    again = parse_body(written)
    from editordesk.document import nodes as n

    # one paragraph goes in where the cursor is; its note is renamed beside the story's own
    assert re.match(r"Lead\.\[\^1\]Ferries\[\^[\w-]+\] run\.\n", written), written
    notes = [n.inlines_text(getattr(f.children[0], "children", ())) for f in again.footnotes]
    assert notes == ["Already here.", "Timetable of 1 December."]
