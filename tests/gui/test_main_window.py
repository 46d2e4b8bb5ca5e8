"""The workstation used as an editor uses it: keyboard and mouse on the real window, then a
look at what the window shows and what the store holds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.main_window import MainWindow
from editordesk.gui.story_list.model import WORDS
from editordesk.services.stories import (
    StoryDraft,
    create_story,
    get_story,
    list_stories,
    revisions,
    save_story,
)
from editordesk.store.db import Store

ROOT = Path(__file__).resolve().parent.parent.parent


def _forget_unsaved(win: MainWindow) -> None:
    """Closing a window with unsaved tabs asks a question; a finished (or failed) test must
    not wait for an answer nobody gives."""
    for editor in win.editors():
        editor.dirty = False


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    return _window(qtbot, store)


def _window(qtbot: QtBot, store: Store, name: str = "Ana Ruiz") -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name=name, autosave_seconds=1))
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.activateWindow()
    win.restore_window_state()
    win.show()
    qtbot.waitExposed(win)
    return win


def on_next_dialog(action: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog as soon as it opens (it blocks the test otherwise)."""

    def attempt(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None and tries < 200:
            QTimer.singleShot(25, lambda: attempt(tries + 1))
            return
        assert dialog is not None, "no dialog opened"
        action(dialog)

    QTimer.singleShot(0, attempt)


def shortcut(qtbot: QtBot, window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Press a window shortcut as a person would, the window in front first (a closed modal
    dialog gives activation back on a desktop, not on the offscreen platform)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def drop_files(target: QWidget, paths: list[Path]) -> None:
    """Drag files onto a widget and drop them, as from a file manager (a drop goes to the
    widget that accepted the drag, so the drag comes first)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted(), f"{target.accessibleName() or target} refused the drag"
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)


def click_button(dialog: QWidget, text: str) -> None:
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "") == text or button.accessibleName() == text:
            button.click()
            return
    raise AssertionError(
        f"no button {text!r} in {dialog.windowTitle()!r}: "
        f"{[b.text() for b in dialog.findChildren(QPushButton)]}"
    )


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_create_type_format_and_save(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.current_editor()
    assert editor is not None and editor.headline.hasFocus()
    qtbot.keyClicks(editor.headline, "Quay reopens after storm")
    assert window.windowTitle() == "Quay reopens after storm[*] — EditorDesk"
    editor.show_source(True)  # typed as Markdown, in the source view
    _type(qtbot, editor.body, "Boats are back ")
    qtbot.keyClick(editor.body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body, "today")
    qtbot.keyClick(editor.body, Qt.Key.Key_End)
    qtbot.keyClicks(editor.body, ".")
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("● ")
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)  # saved in the background
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Quay reopens after storm"
    with store.read() as session:
        [row] = list_stories(session)
        story = get_story(session, row.id)
    assert story.body == "Boats are back **today**."
    assert story.byline == "Ana Ruiz"
    qtbot.waitUntil(lambda: "4 words" in window.counts.text(), timeout=3000)


def test_search_finds_and_opens_a_story(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    with store.write() as session:
        for headline in ("Ferry timetable cut", "Museum opens", "Harbour wall survey"):
            create_story(session, StoryDraft(headline=headline, byline="A"), author="t")
    window.story_list.refresh()
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.story_list.search_edit
    assert search.hasFocus()
    qtbot.keyClicks(search, "museum")
    view = window.story_list.table_view
    qtbot.waitUntil(lambda: view.model().rowCount() == 1, timeout=5000)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = window.current_editor()
    assert editor is not None and editor.headline.text() == "Museum opens"


def test_open_tabs_come_back_after_a_restart(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        a = create_story(session, StoryDraft(headline="First", byline="A"), author="t")
        b = create_story(session, StoryDraft(headline="Second", byline="A"), author="t")
    first = _window(qtbot, store)
    first.open_story(a.id)
    first.open_story(b.id)
    least = first.minimumSizeHint()
    assert least.width() <= 790, least  # fits an 800-pixel screen (offscreen's is one)
    size = (790, max(least.height() + 11, 640))
    first.resize(*size)
    first.close()
    second = _window(qtbot, store)
    assert [e.headline.text() for e in second.editors()] == ["First", "Second"]
    assert second.current_editor().headline.text() == "Second"  # type: ignore[union-attr]
    assert (second.size().width(), second.size().height()) == size


def test_compare_and_restore_a_revision(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    with store.write() as session:
        story = create_story(
            session,
            StoryDraft(headline="Tide", byline="A", body="High water at six."),
            author="Ann",
        )
    editor = window.open_story(story.id)
    assert editor is not None
    editor.body.selectAll()
    _type(qtbot, editor.body, "High water at seven.")
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)

    def restore_first(dialog: QWidget) -> None:
        qtbot.waitUntil(dialog.is_loaded, timeout=5000)  # type: ignore[attr-defined]
        assert "six" in dialog_text(dialog) and "seven" in dialog_text(dialog)
        revisions_list = dialog.revision_list  # type: ignore[attr-defined]
        oldest = revisions_list.topLevelItem(revisions_list.topLevelItemCount() - 1)
        qtbot.mouseClick(
            revisions_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=revisions_list.visualItemRect(oldest).center(),
        )
        assert dialog.selected_number() == 1  # type: ignore[attr-defined]
        dialog.findChild(QPushButton, "restoreButton").click()

    on_next_dialog(restore_first)
    qtbot.keyClick(  # History; Ctrl+H is Replace
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.body.toPlainText() == "High water at six."
    with store.read() as session:
        history = revisions(session, story.id)
    assert [r.number for r in history] == [3, 2, 1] and history[
        0
    ].draft.body == "High water at six."


def dialog_text(dialog: QWidget) -> str:
    from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

    parts = [w.toPlainText() for w in dialog.findChildren(QTextBrowser)]
    parts += [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]
    return "\n".join(parts)


def test_a_conflict_is_shown_and_mine_kept(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    with store.write() as session:
        story = create_story(
            session, StoryDraft(headline="Budget", byline="A", body="Council meets."), author="Ann"
        )
    editor = window.open_story(story.id)
    assert editor is not None
    with store.write() as session:  # another editor saves first (over the lock, forced)
        save_story(
            session,
            story.id,
            replace(story.draft(), body="Council meets on Monday."),
            base_version=story.version,
            author="Ruth Calloway",
            force=True,
        )
    editor.body.selectAll()
    _type(qtbot, editor.body, "Council meets on Tuesday.")
    seen: list[str] = []

    def keep_mine(dialog: QWidget) -> None:
        seen.append(dialog_text(dialog))
        click_button(dialog, "Keep mine")

    on_next_dialog(keep_mine)
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert "Monday" in seen[0] and "Tuesday" in seen[0]
    with store.read() as session:
        assert get_story(session, story.id).body == "Council meets on Tuesday."
        bodies = [r.draft.body for r in revisions(session, story.id)]
    assert bodies == ["Council meets on Tuesday.", "Council meets on Monday.", "Council meets."]


def answer_next_box(button: QMessageBox.StandardButton) -> list[str]:
    """Click `button` in the next message box, as the editor would; its text is returned."""
    seen: list[str] = []

    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(button).click()

    on_next_dialog(click)
    return seen


def test_closing_an_unsaved_tab_asks(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    editor = window.new_story()
    qtbot.keyClicks(editor.headline, "<b>Half</b> written")
    asked = answer_next_box(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.editors() == [editor]
    assert asked == [
        "“<b>Half</b> written” has changes that are not saved. Save them before closing?"
    ]
    answer_next_box(QMessageBox.StandardButton.Save)
    shortcut(qtbot, window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.editors() == []  # closed once its save had landed
    with store.read() as session:
        assert [s.headline for s in list_stories(session)] == ["<b>Half</b> written"]


def test_text_typed_while_a_save_runs_stays_unsaved_and_is_saved_next(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    editor = window.new_story()
    qtbot.keyClicks(editor.headline, "Tide tables")
    _type(qtbot, editor.body, "First words.")
    window.save_current()  # in the background: the tab still takes keys
    assert window.tabs.is_saving(editor)
    qtbot.keyClicks(editor.body, " More words.")
    window.save_current()  # asked again while the first is in flight: it runs next
    qtbot.waitUntil(lambda: not window.tabs.is_saving(), timeout=5000)
    assert not editor.dirty
    with store.read() as session:
        [row] = list_stories(session)
        assert get_story(session, row.id).body == "First words. More words."
        assert len(revisions(session, row.id)) == 2


def test_typing_during_a_save_is_not_marked_saved(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    editor = window.new_story()
    qtbot.keyClicks(editor.headline, "Lifeboat")
    window.save_current()
    qtbot.keyClicks(editor.body, "Typed while saving.")
    qtbot.waitUntil(lambda: not window.tabs.is_saving(), timeout=5000)
    assert editor.dirty and editor.story_id is not None  # saved once, the rest still unsaved
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("● ")
    with store.read() as session:
        assert get_story(session, editor.story_id).body == ""


def test_quitting_waits_for_a_save_in_flight(qtbot: QtBot, store: Store) -> None:
    win = _window(qtbot, store)
    editor = win.new_story()
    qtbot.keyClicks(editor.headline, "Last story of the day")
    win.save_current()
    assert win.close()  # no question: the save lands first, and nothing is unsaved
    with store.read() as session:
        assert [s.headline for s in list_stories(session)] == ["Last story of the day"]


@pytest.mark.slow
def test_text_typed_before_a_crash_is_offered_back(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITORDESK_AUTHOR")  # both windows are "Crash Tester"'s
    typed = "The storm passed at dawn. Fishermen counted the boats."
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("_typist.py")),
            str(store.location.sqlite_path),
            str(tmp_path / "child-qsettings"),
            typed,
            " More words.",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr  # killed, not finished
    win = _window(qtbot, store, "Crash Tester")
    listed: list[str] = []

    def reopen(dialog: QWidget) -> None:
        listed.append(dialog.list.item(0).text())  # type: ignore[attr-defined]
        click_button(dialog, "Reopen ticked")

    on_next_dialog(reopen)
    win.after_start()
    assert listed and listed[0].startswith("Storm diary")
    editor = win.current_editor()
    assert editor is not None and editor.dirty
    assert editor.headline.text() == "Storm diary"
    assert editor.body.toPlainText().startswith(typed)  # at most one interval's typing lost
    win.activateWindow()  # the recovery dialog had the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    with store.read() as session:
        [row] = list_stories(session)
        assert get_story(session, row.id).body.startswith(typed)


def test_an_empty_store_offers_the_sample_and_a_screenshot_shows_it(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    win = _window(qtbot, store)
    answer_next_box(QMessageBox.StandardButton.Yes)
    win.resize(1400, 860)
    win.after_start()
    editor = win.current_editor()
    assert editor is not None and editor.headline.text().startswith("Harbour museum opens")
    with qtbot.waitSignal(editor.preview_updated, timeout=10_000):
        editor.schedule_preview()
    qtbot.waitUntil(lambda: win.story_list.table_view.model().rowCount() == 1, timeout=5000)
    shot = tmp_path / "editordesk-window.png"
    assert win.grab().save(str(shot))
    image = QImage(str(shot))
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert image.width() >= 1000 and len(colours) > 50  # not blank: text, picture, chrome
    if os.environ.get("EDITORDESK_SCREENSHOT"):
        Path(os.environ["EDITORDESK_SCREENSHOT"]).write_bytes(shot.read_bytes())


def test_the_story_menu_chooses_the_lists_columns(qtbot: QtBot, window: MainWindow) -> None:
    """The header's right-click menu, also where a keyboard reaches it: Story ▸ List columns."""
    [story] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Story"]
    [columns] = [a.menu() for a in story.actions() if a.text() == "List &columns"]
    columns.popup(window.mapToGlobal(QPoint(100, 100)))
    qtbot.waitUntil(columns.isVisible)
    ticks = {a.text().replace("&", ""): a for a in columns.actions() if a.isCheckable()}
    assert list(ticks) == ["Headline", "Status", "Section", "Byline", "Updated", "Words"]
    assert not ticks["Headline"].isEnabled()
    header = window.story_list.table_view.horizontalHeader()
    shown = not header.isSectionHidden(WORDS)
    assert ticks["Words"].isChecked() == shown
    qtbot.mouseClick(
        columns, Qt.MouseButton.LeftButton, pos=columns.actionGeometry(ticks["Words"]).center()
    )
    qtbot.waitUntil(lambda: header.isSectionHidden(WORDS) == shown)


def test_the_window_paints_before_the_database_layer_loads_and_chores_come_after(
    tmp_path: Path,
) -> None:
    """Started as a user starts it (the command, a first start of the day): the window's
    first paint comes with nothing but Qt loaded; the store attaches after it, and the day's
    backup after that, leaving a backup beside the store."""
    store_file = tmp_path / "desk.sqlite"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "QT_QPA_PLATFORM": "offscreen",
        "EDITORDESK_STARTUP_TRACE": "1",
        "EDITORDESK_QUIT_AFTER_START": "1",
        "EDITORDESK_CONFIG": str(tmp_path / "config" / "settings.yaml"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "editordesk", "--db", str(store_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines() if len(line.split()) == 2]
    seen = {name: value for name, value in lines}
    assert seen["loaded"] == "-"  # no database layer, templates or parsers before the paint
    order = [name for name, _ in lines if name in ("painted", "attached", "chores")]
    assert order == ["painted", "attached", "chores"]
    assert float(seen["painted"]) <= float(seen["attached"]) <= float(seen["chores"])
    assert list(tmp_path.glob("desk-backups/*"))  # the day's backup was made


def test_a_figure_from_a_file_joins_the_library_in_the_background(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    from editordesk.interchange.markdown import figure_code
    from editordesk.services.library import list_images
    from tests.helpers import write_image

    editor = window.new_story()
    window.inserts.insert_figure_file(write_image(tmp_path / "quay.jpg"))
    qtbot.waitUntil(lambda: "{{< figure" in editor.body.toPlainText(), timeout=5000)
    with store.read() as session:
        [image] = list_images(session)
    assert figure_code(image.id) in editor.body.toPlainText()
    bad = tmp_path / "<b>notes.png"
    bad.write_bytes(b"not a picture")
    said = answer_next_box(QMessageBox.StandardButton.Ok)
    window.inserts.insert_figure_file(bad)
    qtbot.waitUntil(lambda: bool(said), timeout=5000)
    assert said[0].startswith("<b>notes.png")  # named as written, in plain text
    assert editor.body.toPlainText().count("{{< figure") == 1
