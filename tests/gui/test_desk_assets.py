"""The desk's assets in the window, used as an editor would: tweets, related links, export
in batches with a cancel, import by dropping a Word file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editordesk.gui.dialogs.tweet import TweetDialog
from editordesk.gui.main_window import MainWindow
from editordesk.services.stories import StoryDraft, create_story, get_story, list_stories
from editordesk.store.db import Store
from editordesk.store.models import Tweet
from tests.gui.test_main_window import _window, click_button, drop_files, on_next_dialog, shortcut

ID = "1860000000000000007"
FORMS = (
    f"https://twitter.com/EllanCoast/status/{ID}",
    f"https://x.com/EllanCoast/status/{ID}?s=20",
    f"mobile.twitter.com/EllanCoast/status/{ID}/photo/1",
)


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    return _window(qtbot, store)


def test_three_forms_of_one_tweet_make_one_tweet(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    editor = window.new_story()
    qtbot.keyClicks(editor.headline, "Storm night")
    seen: list[str] = []

    def embed(form: str, text: str = "") -> None:
        def fill(dialog: QWidget) -> None:
            assert isinstance(dialog, TweetDialog)
            qtbot.keyClicks(dialog.url, form)
            seen.append(dialog.parsed.text())
            if text:
                qtbot.keyClicks(dialog.name, "Ellan Coastguard")
                qtbot.keyClicks(dialog.text, text)
            dialog._show_preview()
            seen.append(dialog.preview.toPlainText())
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

        on_next_dialog(fill)
        shortcut(
            qtbot,
            window,
            Qt.Key.Key_T,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )

    embed(FORMS[0], "Keep away from the north pier.")
    embed(FORMS[1])
    embed(FORMS[2])
    assert seen[0] == f"Tweet {ID} by @EllanCoast"
    assert "Keep away from the north pier." in seen[1]  # the preview, as the export shows it
    assert seen[2].endswith("already in the store")
    assert "Keep away from the north pier." in seen[3]
    with store.read() as session:
        tweets = [(t.status_id, t.handle, t.text) for t in session.query(Tweet).all()]
    assert tweets == [(ID, "EllanCoast", "Keep away from the north pier.")]
    assert editor.body.toPlainText().count(f'id="{ID}"') == 3


def test_link_reorder_remove_related_and_see_the_order_in_the_export(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    with store.write() as session:
        for headline in ("Ferry timetable cut", "Crew shortage", "Fuel duty review"):
            create_story(
                session,
                StoryDraft(
                    headline=headline,
                    byline="A",
                    tags=("ferry",),
                    standfirst=f"On {headline.lower()}.",
                ),
                author="t",
            )
        story = create_story(
            session,
            StoryDraft(
                headline="Ferry strike", byline="A", standfirst="Crews walk out.", tags=("ferry",)
            ),
            author="t",
        )
    editor = window.open_story(story.id)
    assert editor is not None
    panel = editor.related_panel
    editor.side.setCurrentWidget(panel)

    def pick(search: str):
        def act(dialog: QWidget) -> None:
            qtbot.keyClicks(dialog.search, search)  # type: ignore[attr-defined]
            qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=3000)  # type: ignore[attr-defined]
            qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
            qtbot.keyClick(dialog.results, Qt.Key.Key_Return)  # type: ignore[attr-defined]

        return act

    on_next_dialog(pick("timetable"))
    panel.buttons["story"].click()
    on_next_dialog(pick("shortage"))
    panel.buttons["story"].click()

    def web(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.url, "https://example.org/letters")  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.title, "Letters: the ferry is our road")  # type: ignore[attr-defined]
        dialog.accept()

    on_next_dialog(web)
    panel.buttons["web"].click()
    # suggestions: the fuel story shares the tag; one click adds it
    panel.request_suggestions()
    qtbot.waitUntil(lambda: panel.suggestions.count() > 0, timeout=5000)
    fuel = next(
        panel.suggestions.item(i)
        for i in range(panel.suggestions.count())
        if "Fuel duty" in panel.suggestions.item(i).text()
    )
    panel._add_suggestion(fuel)
    assert [link.title for link in panel.links] == [
        "Ferry timetable cut",
        "Crew shortage",
        "Letters: the ferry is our road",
        "Fuel duty review",
    ]
    panel.list.setCurrentRow(2)
    panel.buttons["up"].click()
    panel.buttons["up"].click()  # the letters page is now the next post
    panel.list.setCurrentRow(3)
    panel.buttons["remove"].click()
    assert panel.list.item(0).text().startswith("Next post: Letters")
    assert editor.dirty
    editor.body.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)  # saved in the background
    with store.read() as session:
        saved = get_story(session, story.id)
    assert [link.title for link in saved.related] == [
        "Letters: the ferry is our road",
        "Ferry timetable cut",
        "Crew shortage",
    ]
    from editordesk.services.exporting import export_stories

    [result] = export_stories(store, [story.id], "html", tmp_path / "out")
    html = result.path.read_text()  # type: ignore[union-attr]
    positions = [
        html.index(t) for t in ("Letters: the ferry", "Ferry timetable cut", "Crew shortage")
    ]
    assert positions == sorted(positions)
    assert 'rel="next">Letters: the ferry is our road</a>' in html
    assert "Fuel duty review" not in html


def test_batch_export_two_then_cancel_the_third(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = []
    with store.write() as session:
        for n in range(3):
            ids.append(
                create_story(
                    session,
                    StoryDraft(headline=f"Story {n}", byline="A", standfirst="S."),
                    author="t",
                ).id
            )
    out = tmp_path / "exported"
    shots = os.environ.get("EDITORDESK_SCREENSHOT_DIR")

    def choose(dialog: QWidget) -> None:
        dialog.destination[1].setText(str(out))  # type: ignore[attr-defined]
        dialog.open_after.setChecked(False)  # type: ignore[attr-defined]
        image = dialog.grab().toImage()
        assert (
            image.width() > 300
            and len(
                {
                    image.pixel(x, y)
                    for x in range(0, image.width(), 5)
                    for y in range(0, image.height(), 5)
                }
            )
            > 10
        )
        if shots:
            dialog.grab().save(str(Path(shots) / "export-dialog.png"))
        click_button(dialog, "Export")

    summaries: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:
        summaries.append((box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    on_next_dialog(choose)
    window.export_dialog(ids)
    batch = window.last_batch
    batch.advanced.connect(lambda done: click_button(batch.dialog, "Cancel") if done == 2 else None)
    qtbot.waitUntil(lambda: bool(summaries), timeout=20_000)
    assert summaries[0][0] == (
        "Exported 2, skipped by preflight 0, failed 0, not exported (cancelled) 1."
    )
    assert sorted(p.name for p in out.glob("*.html")) == ["story-0.html", "story-1.html"]


def test_a_word_file_dropped_on_the_window_becomes_a_draft(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Lifeboat crew honoured", style="Title")
    document.add_paragraph("Seven volunteers receive medals.", style="Subtitle")
    document.add_paragraph("The crew of the Port Ellan lifeboat were honoured on Friday.")
    path = tmp_path / "copy.docx"
    document.save(str(path))
    (tmp_path / "notes.txt").write_text("not a story")
    drop_files(window, [path, tmp_path / "notes.txt"])
    qtbot.waitUntil(lambda: window.current_editor() is not None, timeout=10_000)
    editor = window.current_editor()
    assert editor is not None and editor.headline.text() == "Lifeboat crew honoured"
    assert editor.standfirst.toPlainText() == "Seven volunteers receive medals."
    with store.read() as session:
        assert [s.headline for s in list_stories(session)] == ["Lifeboat crew honoured"]


def test_a_file_that_cannot_be_read_is_named(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_text("this is not a zip")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    window.import_paths([broken])
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "broken.docx" in shown[0] and "not a Word" in shown[0]
    with store.read() as session:
        assert list_stories(session) == []


def test_screenshot_helper_not_blank() -> None:
    """The PNGs the README shows are checked where they are made; this guards the helper."""
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(0)
    assert len({image.pixel(x, y) for x in range(10) for y in range(10)}) == 1
