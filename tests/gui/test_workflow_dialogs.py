"""Dialogs of the desk's day, driven as an editor drives them: a date typed as written, the
store the window really uses, answering "unsaved changes" from the keyboard, and where the
exported files are when the desktop cannot show the folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.dialogs.export import open_export_folder
from editordesk.gui.dialogs.preferences import PreferencesDialog
from editordesk.gui.dialogs.tweet import TweetDialog, typed_date
from editordesk.gui.main_window import MainWindow
from editordesk.services import stories as svc
from editordesk.services.stories import StoryDraft
from editordesk.store.db import Store
from tests.gui.answers import answering


@pytest.mark.parametrize(
    "typed",
    [
        "26 Nov 2021",
        "26 November 2021",
        "2021-11-26",
        "26/11/2021",
        "Nov 26, 2021",
        " 26  Nov 2021 ",
    ],
)
def test_a_typed_date_reads_as_written(typed: str) -> None:
    assert typed_date(typed) == dt.date(2021, 11, 26)


def test_the_tweet_dialog_takes_a_date_typed_whole(qtbot: QtBot, store: Store) -> None:
    dialog = TweetDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.dated, Qt.MouseButton.LeftButton)
    assert dialog.date.isEnabled()
    dialog.date.setFocus()
    dialog.date.lineEdit().selectAll()
    qtbot.keyClicks(dialog.date, "26 Nov 2021")
    qtbot.keyClick(dialog.date, Qt.Key.Key_Tab)
    assert dialog.date.date() == QDate(2021, 11, 26)  # not 3 Nov


def _forget_unsaved(win: MainWindow) -> None:
    for editor in win.editors():
        editor.dirty = False


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_preferences_show_the_store_in_use_even_from_db(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    # The window's store came from the test (as from --db): the settings name none.
    assert window.settings.store == ""
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.store_in_use.text() == f"In use now: {store.location.describe()}"
    assert PreferencesDialog(prefs.Settings()).store_in_use.text().startswith("In use now: none")


def test_the_unsaved_changes_question_answers_from_the_keyboard(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    with store.write() as session:
        story = svc.create_story(session, StoryDraft(headline="Museum opens"), author="t")
    editor = window.open_story(story.id)
    assert editor is not None
    qtbot.keyClicks(editor.headline, " today")
    seen: list[str] = []
    keys: list[str] = []

    def press_alt_d() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_alt_d)
            return
        seen.extend(b.text() for b in box.buttons())
        keys.extend(b.shortcut().toString() for b in box.buttons())
        # (The offscreen platform does not route Alt+letter to a message box's buttons, so
        # the test checks each button's key, then answers with the one Alt+D belongs to.)
        for button in box.buttons():
            if button.shortcut() == QKeySequence("Alt+D"):
                button.click()

    QTimer.singleShot(0, press_alt_d)
    closed = window.close_tab(0)
    assert sorted(seen) == ["&Cancel", "&Discard", "&Save"]
    assert sorted(keys) == ["Alt+C", "Alt+D", "Alt+S"]
    assert closed and window.editors() == []
    with store.read() as session:
        assert svc.get_story(session, story.id).headline == "Museum opens"  # discarded


def test_open_the_folder_says_where_the_files_are_without_a_handler(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: MainWindow
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no xdg-open to ask
    folder = tmp_path / "exported"
    folder.mkdir()
    with answering(QMessageBox.StandardButton.Ok) as asked:
        opened = open_export_folder(window, folder)
    if opened:  # Qt found a launcher earlier in this run and keeps it: nothing to say
        assert asked == []
    else:
        assert asked == [f"The files are in {folder}"]


def test_link_a_story_lists_recent_ones_and_enter_links_the_highlighted(
    qtbot: QtBot, store: Store
) -> None:
    from editordesk.gui.editor.related_panel import StoryPickerDialog

    with store.write() as session:
        ids = [
            svc.create_story(session, StoryDraft(headline=h), author="t").id
            for h in ("Ferry cuts", "Storm closes harbour", "Museum opens", "Ferry returns")
        ]
    dialog = StoryPickerDialog(store, {ids[2]})  # Museum opens: already linked (or itself)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert [s.split("  (")[0] for s in shown] == [
        "Ferry returns",
        "Storm closes harbour",
        "Ferry cuts",
    ]  # recent first, before any typing, without the linked one
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "&Link"
    qtbot.keyClicks(dialog.search, "ferry")
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=5000)
    dialog.results.setCurrentRow(1)  # highlight the second result, then Enter in the box
    second = dialog.results.item(1).data(Qt.ItemDataRole.UserRole)
    dialog.search.setFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.chosen == second
