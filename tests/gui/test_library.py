"""The picture library used as a picture editor would: a photo's own metadata fills the card,
the credit shows in the preview, a missing credit is fixed from the story's checks, and the
credits report is saved as CSV and read back."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from editordesk.gui.library.view import LibraryDialog
from editordesk.gui.main_window import MainWindow
from editordesk.interchange.markdown import figure_code
from editordesk.model import ImageFields
from editordesk.services.credits import CSV_HEADER
from editordesk.services.images import add_image
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from editordesk.store.models import Image
from tests.gui.test_main_window import (
    _window,
    click_button,
    drop_files,
    on_next_dialog,
    shortcut,
)
from tests.media.test_metadata import jpeg_with, xmp_packet

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


PHOTO_CARD = {
    "creator": "Morag Quayle",
    "rights": "© 2026 Morag Quayle",
    "description": "The ferry leaves Port Ellan at dawn.",
    "alt_text": "A white ferry on grey water below a lighthouse",
}
XMP = xmp_packet(credit="Harbour Photo Agency", **PHOTO_CARD)
NO_CREDIT = xmp_packet(**PHOTO_CARD)


def jpeg_with_xmp(path: Path, packet: bytes = XMP) -> Path:
    """A real JPEG carrying an XMP packet, as cameras and agencies write it, saved as a file
    an editor could drop."""
    path.write_bytes(jpeg_with(xmp=packet, size=(64, 48)))
    return path


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    return _window(qtbot, store)


def test_a_photos_own_credit_and_alt_text_fill_the_card_and_reach_the_preview(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    photo = jpeg_with_xmp(tmp_path / "ferry-dawn.jpg")
    editor = window.new_story()
    qtbot.keyClicks(editor.headline, "Dawn ferry")
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "The first sailing left on time.")
    seen: dict[str, str] = {}
    shots = os.environ.get("EDITORDESK_SCREENSHOT_DIR")

    def in_library(dialog: QWidget) -> None:
        assert isinstance(dialog, LibraryDialog)
        drop_files(dialog.view, [photo])
        panel = dialog.view.panel
        qtbot.waitUntil(lambda: panel.record() is not None, timeout=10_000)
        fields = panel.fields()  # what the card's fields show
        seen.update(
            caption=fields.caption,
            credit=fields.credit,
            creator=fields.creator,
            copyright=fields.copyright,
            alt=fields.alt_text,
        )
        if shots:
            qtbot.waitUntil(lambda: not dialog.view.model.thumbnails_busy, timeout=10_000)
            dialog.grab().save(str(Path(shots) / "library.png"))
        panel.insert_button.click()

    on_next_dialog(in_library)
    shortcut(qtbot, window, Qt.Key.Key_G, CTRL_SHIFT)  # Insert ▸ Figure…
    assert seen == {
        "caption": "The ferry leaves Port Ellan at dawn.",
        "credit": "Harbour Photo Agency",
        "creator": "Morag Quayle",
        "copyright": "© 2026 Morag Quayle",
        "alt": "A white ferry on grey water below a lighthouse",
    }
    with store.read() as session:
        image = session.query(Image).one()
        image_id, credit = image.id, image.credit
    assert credit == "Harbour Photo Agency"
    assert figure_code(image_id) in editor.body.toPlainText()
    qtbot.waitUntil(
        lambda: "Credit: Harbour Photo Agency" in editor.preview.toPlainText(), timeout=10_000
    )
    assert "The ferry leaves Port Ellan at dawn." in editor.preview.toPlainText()


def test_a_missing_credit_is_fixed_from_the_checks(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    photo = jpeg_with_xmp(tmp_path / "pier.jpg", NO_CREDIT)
    with store.write() as session:
        image = add_image(
            session,
            store.media,
            photo.read_bytes(),
            "pier.jpg",
            ImageFields(caption="Waves over the pier.", alt_text="Spray over a stone pier"),
        )
        story = create_story(
            session,
            StoryDraft(headline="Storm", byline="A", body=f"Wind.\n\n{figure_code(image.id)}\n"),
            author="t",
        )
    editor = window.open_story(story.id)
    assert editor is not None
    editor.side.setCurrentWidget(editor.preflight)
    checks = editor.preflight.list
    qtbot.waitUntil(
        lambda: any("credit" in checks.item(i).text() for i in range(checks.count())),
        timeout=10_000,
    )
    row = next(i for i in range(checks.count()) if "credit" in checks.item(i).text())

    def fix(dialog: QWidget) -> None:
        assert isinstance(dialog, LibraryDialog)
        panel = dialog.view.panel
        qtbot.waitUntil(
            lambda: panel.record() is not None and panel.record().id == image.id,  # type: ignore[union-attr]
            timeout=10_000,
        )
        assert panel.edits["credit"].text() == ""
        qtbot.keyClicks(panel.edits["credit"], "Ellan Press")
        qtbot.keyClick(panel.edits["credit"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not panel.is_dirty() and not panel.is_saving(), timeout=10_000)
        click_button(dialog, "Close")

    on_next_dialog(fix)
    checks.setCurrentRow(row)
    qtbot.keyClick(checks, Qt.Key.Key_Return)  # activate the finding: its picture's card opens
    with store.read() as session:
        assert session.get(Image, image.id).credit == "Ellan Press"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Credit: Ellan Press" in editor.preview.toPlainText(), timeout=10_000)
    qtbot.waitUntil(
        lambda: not any("credit" in checks.item(i).text() for i in range(checks.count())),
        timeout=10_000,
    )


def test_the_credits_report_is_saved_as_csv_and_reads_back(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with store.write() as session:
        ids = []
        for n, (credit, creator, licence) in enumerate(
            (
                ("Harbour Photo Agency", "Morag Quayle", "Editorial use only"),
                ("=HYPERLINK(evil)", "Unknown", "CC BY 4.0"),
            )
        ):
            buffer = io.BytesIO()
            PILImage.new("RGB", (20 + n, 20), (n * 90, 20, 20)).save(buffer, "PNG")
            image = add_image(
                session,
                store.media,
                buffer.getvalue(),
                f"p{n}.png",
                ImageFields(credit=credit, creator=creator, licence=licence, alt_text="x"),
            )
            ids.append(
                create_story(
                    session,
                    StoryDraft(headline=f"Story {n}", byline="A", body=figure_code(image.id)),
                    author="t",
                ).id
            )
        create_story(session, StoryDraft(headline="No pictures", byline="A"), author="t")
    window = _window(qtbot, store)
    table = window.story_list.table_view
    qtbot.waitUntil(lambda: table.model().rowCount() == 3, timeout=10_000)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    shortcut(qtbot, window, Qt.Key.Key_R, CTRL_SHIFT)  # Library ▸ Photo credits report…
    dialog = window.credits_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table_model.rowCount() == 2, timeout=10_000)  # type: ignore[attr-defined]
    assert "2 pictures" in dialog.summary.text()  # type: ignore[attr-defined]
    target = tmp_path / "credits.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target.with_suffix("")), "")
    )
    dialog.save_button.click()  # type: ignore[attr-defined]
    with target.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == CSV_HEADER
    by_story = {int(r[0]): dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]}
    assert sorted(by_story) == sorted(ids)
    first = by_story[ids[0]]
    assert (first["Credit"], first["Creator"], first["Licence"]) == (
        "Harbour Photo Agency",
        "Morag Quayle",
        "Editorial use only",
    )
    assert by_story[ids[1]]["Credit"] == "'=HYPERLINK(evil)"  # never a live formula
    click_button(dialog, "Close")


def test_the_side_panel_replaces_a_picture_edits_a_tweet_and_takes_one_out(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    from editordesk.gui.dialogs.tweet import TweetDialog
    from editordesk.interchange.markdown import tweet_code
    from editordesk.media.tweets import parse_tweet_url
    from editordesk.services.tweets import get_tweet, put_tweet

    ref = parse_tweet_url("https://x.com/EllanCoast/status/1860000000000000009")
    with store.write() as session:
        first = add_image(
            session, store.media, jpeg_with_xmp(tmp_path / "first.jpg").read_bytes(), "first.jpg"
        )
        buffer = io.BytesIO()
        PILImage.new("RGB", (30, 20), (200, 30, 30)).save(buffer, "PNG")
        second = add_image(session, store.media, buffer.getvalue(), "second.png")
        put_tweet(session, ref, display_name="Ellan Coastguard", text="Pier closed.")
        body = f"Wind.\n\n{figure_code(first.id)}\n\n{tweet_code(ref)}\n\nEnd.\n"
        story = create_story(
            session, StoryDraft(headline="Gale", byline="A", body=body), author="t"
        )
    editor = window.open_story(story.id)
    assert editor is not None
    editor.side.setCurrentWidget(editor.assets)
    listing = editor.assets.list
    qtbot.waitUntil(lambda: listing.count() == 2, timeout=10_000)

    def choose_second(dialog: QWidget) -> None:
        assert isinstance(dialog, LibraryDialog)
        qtbot.waitUntil(lambda: dialog.view.model.row_of(second.id) >= 0, timeout=10_000)
        dialog.view.select_image(second.id)
        qtbot.waitUntil(lambda: dialog.view.panel.record() is not None, timeout=10_000)
        dialog.view.panel.insert_button.click()

    listing.setCurrentRow(0)
    on_next_dialog(choose_second)
    editor.assets.replace_button.click()
    assert figure_code(second.id) in editor.body.toPlainText()
    assert figure_code(first.id) not in editor.body.toPlainText()

    qtbot.waitUntil(lambda: listing.count() == 2 and "Tweet" in listing.item(1).text())

    def reword(dialog: QWidget) -> None:
        assert isinstance(dialog, TweetDialog)
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "Pier and slipway closed.")
        click_button(dialog, "Save")

    listing.setCurrentRow(1)
    on_next_dialog(reword)
    editor.assets.edit_button.click()
    with store.read() as session:
        assert get_tweet(session, ref.status_id).text == "Pier and slipway closed."

    listing.setCurrentRow(1)
    editor.assets.remove_button.click()
    assert tweet_code(ref) not in editor.body.toPlainText()
    qtbot.waitUntil(lambda: listing.count() == 1, timeout=10_000)
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert tweet_code(ref) in editor.body.toPlainText()


def test_the_librarys_credits_button_opens_the_report_whose_rows_open_stories(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from editordesk.gui.library.credits import CreditsReportDialog

    with store.write() as session:
        image = add_image(
            session, store.media, jpeg_with_xmp(tmp_path / "a.jpg").read_bytes(), "a.jpg"
        )
        story = create_story(
            session, StoryDraft(headline="Quay", byline="A", body=figure_code(image.id)), author="t"
        )
    library = LibraryDialog(store)
    qtbot.addWidget(library)
    opened: list[int] = []
    library.view.open_story_requested.connect(opened.append)
    library.view.credits_button.click()
    [report] = library.view.findChildren(CreditsReportDialog)
    qtbot.waitUntil(lambda: report.table_model.rowCount() == 1, timeout=10_000)
    qtbot.waitExposed(report)
    cell = report.table.visualRect(report.proxy.index(0, 1)).center()
    qtbot.mouseClick(report.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(report.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened == [story.id]
