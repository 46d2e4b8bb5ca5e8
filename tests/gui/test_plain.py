"""gui/plain.py: untrusted text shown as the characters it is, in tooltips, labels and
message boxes, and pictures read only as regular files inside their folder."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from editordesk.gui import plain

HOSTILE = [
    '<img src="/dev/zero"> Council budget',
    "<b>bold</b>",
    '<a href="file:///etc/passwd">x</a>',
    "a &lt;img src=x&gt; b",
    "two  spaces\nand <i>a second line</i>",
]


def shown(tip: str) -> str:
    """What a reader sees of a tooltip string (only ever given safe ones here)."""
    assert plain.is_safe_tooltip(tip), tip
    if not plain.looks_rich(tip):
        return tip
    assert tip.startswith('<qt><p style="white-space:pre-wrap">') and tip.endswith("</p></qt>")
    return html.unescape(tip[len('<qt><p style="white-space:pre-wrap">') : -len("</p></qt>")])


@pytest.mark.parametrize("text", HOSTILE)
def test_a_tooltip_shows_the_text_as_written(text: str) -> None:
    tip = plain.tooltip(text)
    assert plain.looks_rich(tip) and plain.is_safe_tooltip(tip)
    assert "<img" not in tip and "<b>" not in tip and "<a " not in tip
    assert shown(tip) == text
    assert shown(plain.safe_tooltip(text)) == text
    assert not plain.is_safe_tooltip(text) or not plain.looks_rich(text)


def test_plain_text_tooltips_stay_as_they_are() -> None:
    assert plain.safe_tooltip("Ferry cuts\nTransport · Tom Byrne") == (
        "Ferry cuts\nTransport · Tom Byrne"
    )
    assert plain.tooltip("") == "" and plain.safe_tooltip("") == ""


def test_a_megabyte_is_cut_short_everywhere() -> None:
    huge = "<img src=/dev/zero>" + "A" * 1_000_000
    tip = plain.safe_tooltip(huge)
    assert len(shown(tip)) == plain.MAX_SHOWN and shown(tip).endswith("…")
    assert not plain.is_safe_tooltip("A" * 1_000_000)  # plain, but too long to lay out
    assert len(plain.one_line("a\n" * 10_000, 200)) == 200


def test_only_markup_we_wrote_passes_as_rich_text() -> None:
    ours = plain.rich_tooltip(f"<b>Picture: {plain.as_html('<img src=/dev/zero>')}</b>")
    assert plain.is_safe_tooltip(ours)
    assert not plain.is_safe_tooltip("<b>Picture: <img src=/dev/zero></b>")
    smuggled = '<qt><p style="white-space:pre-wrap"><img src="/dev/zero"></p></qt>'
    assert not plain.is_safe_tooltip(smuggled)


def test_the_guard_escapes_a_widgets_rich_tooltip(qtbot: QtBot) -> None:
    plain.guard_tooltips()
    assert plain.guard_tooltips() is plain.guard_tooltips()  # installed once
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(200, 100)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setToolTip("<b>bold</b> & <i>more</i>")
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(widget, event)
    assert shown(QToolTip.text()) == "<b>bold</b> & <i>more</i>"
    QToolTip.hideText()


def test_labels_and_boxes_are_plain_text(qtbot: QtBot) -> None:
    label = plain.plain_label(QLabel(), "<b>x</b>")
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == "<b>x</b>"
    other = QLabel()
    plain.set_plain(other, "<i>y</i>")
    assert other.textFormat() == Qt.TextFormat.PlainText and other.text() == "<i>y</i>"
    box = plain.message_box(
        None,
        QMessageBox.Icon.Warning,
        "<b>title</b>\nsecond line",
        "<img src=/dev/zero>",
        "<i>more</i>",
        details="<b>all</b>",
    )
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "<img src=/dev/zero>"
    assert box.windowTitle() == "<b>title</b> second line"
    assert shown(box.informativeText()) == "<i>more</i>"
    assert box.detailedText() == "<b>all</b>"


def test_question_answers_like_qmessagebox(qtbot: QtBot) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append((box.textFormat(), box.text()))
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    got = plain.question(None, "Sure?", "<b>Delete</b> “<img src=/dev/zero>”?")
    assert got == QMessageBox.StandardButton.No
    assert seen == [(Qt.TextFormat.PlainText, "<b>Delete</b> “<img src=/dev/zero>”?")]


def test_a_picture_is_read_only_as_a_regular_file_inside_its_folder(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    (media / "a.jpg").write_bytes(b"jpeg bytes")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (media / "out.jpg").symlink_to(outside)
    (media / "zero.jpg").symlink_to("/dev/zero")
    os.mkfifo(media / "pipe.jpg")  # opening it to read would wait for ever: it is only looked at
    assert plain.open_picture(media / "a.jpg", media) == b"jpeg bytes"
    assert plain.picture_file(media / "a.jpg", media) == os.path.realpath(media / "a.jpg")
    for refused in ("out.jpg", "zero.jpg", "pipe.jpg", "missing.jpg"):
        assert plain.open_picture(media / refused, media) is None, refused
        assert plain.picture_file(media / refused, media) == "", refused
    assert plain.open_picture(outside, media) is None
    assert plain.open_picture(media / "a.jpg", media, max_bytes=4) is None


def test_a_huge_word_wraps_anywhere_and_ordinary_text_at_words(qtbot: QtBot) -> None:
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QPlainTextEdit

    box = QPlainTextEdit()
    qtbot.addWidget(box)
    plain.set_plain_text(box, "A" * 100_000)
    assert box.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert box.toPlainText() == "A" * 100_000  # all of it, nothing cut
    plain.set_plain_text(box, "word " * 20_000 + "https://example.org/" + "x" * 200)
    assert box.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_the_safe_browser_takes_data_urls_up_to_its_cap(qtbot: QtBot, tmp_path: Path) -> None:
    import base64

    from PySide6.QtCore import QBuffer, QIODevice, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from editordesk.gui import safe_browser
    from editordesk.gui.safe_browser import SafeBrowser

    image = QImage(7, 5, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    url = "data:image/png;base64," + base64.b64encode(bytes(buffer.data().data())).decode()
    browser = SafeBrowser(pictures=tmp_path)
    qtbot.addWidget(browser)
    got = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
    assert got.size().width() == 7 and browser.refused == []
    saved = safe_browser.MAX_DATA_URL_CHARS
    safe_browser.MAX_DATA_URL_CHARS = 100
    try:
        got = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
    finally:
        safe_browser.MAX_DATA_URL_CHARS = saved
    assert got.size().width() == 1 and len(browser.refused) == 1  # a blank, never empty
    for elsewhere in ("/etc/passwd", "file:///dev/zero", "qrc:/x.png", "https://example.org/a.png"):
        got = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(elsewhere))
        assert not got.isNull() and got.size().width() == 1, elsewhere
