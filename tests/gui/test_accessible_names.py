"""What a screen reader meets: every visible control of the window and of each dialog, opened
as the app opens it, has a name (its own accessible name, a label linked to it, or words of
its own), and each dialog's letters (Alt+letter) are its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui import focus
from editordesk.gui.main_window import MainWindow
from editordesk.model import ImageFields
from editordesk.services.stories import StoryDraft, create_story, get_story
from editordesk.store.db import Store

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QSlider,
    QCheckBox,
)


def _part_of_another(widget: QWidget) -> bool:
    """A piece Qt builds inside a control, named by the control: a combo box's or spin
    box's text field, a table's header and corner button."""
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox) or isinstance(widget, QHeaderView):
        return True
    return type(widget).__name__ == "QAbstractButton" and isinstance(
        parent, QAbstractItemView
    )  # QTableCornerButton


def describe(widget: QWidget) -> str:
    parts = [type(widget).__name__, widget.objectName() or "-"]
    parent = widget.parentWidget()
    while parent is not None and len(parts) < 6:
        parts.append(parent.accessibleName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(parts)


def unnamed(root: QWidget) -> list[str]:
    """Each visible control under `root` with no accessible name, no label linked to it and
    no words of its own."""
    labelled = [
        label.buddy()
        for label in root.findChildren(QLabel)
        if label.buddy() is not None and label.isVisible() and label.text().strip()
    ]
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if _part_of_another(widget) or widget.accessibleName().strip():
            continue
        if any(widget is buddy for buddy in labelled):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        missing.append(describe(widget))
    return missing


def letters(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter's owners in `root`: linked labels, buttons and tabs that show."""
    found: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = focus.mnemonic(text)
        if letter:
            found.setdefault(letter, []).append(text)

    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root.window():
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            add(widget.text())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
    return found


def clashes(root: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in letters(root).items() if len(v) > 1}


def unlettered_form_labels(root: QWidget) -> list[str]:
    """Labels of a form's fields without a letter or without their field linked."""
    bad = []
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or not label.text().strip():
                continue
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if not label.isVisible() or isinstance(field and field.widget(), QLabel):
                continue  # a row that shows a value: nothing to go to
            if label.buddy() is None or not focus.mnemonic(label.text()):
                bad.append(label.text())
    return bad


def _forget_unsaved(win: MainWindow) -> None:
    for editor in win.editors():
        editor.dirty = False


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(win, before_close_func=_forget_unsaved)
    win.restore_window_state()
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def story_id(store: Store) -> int:
    with store.write() as session:
        return create_story(
            session,
            StoryDraft(headline="Ferry timetable cut", byline="A", body="Boats run less."),
            author="t",
        ).id


# ------------------------------------------------------------------ the window


def test_every_control_in_the_window_is_named(
    qtbot: QtBot, window: MainWindow, story_id: int
) -> None:
    window.story_list.refresh()
    qtbot.waitUntil(lambda: window.story_list.model.rowCount() == 1, timeout=5000)
    editor = window.open_story(story_id)
    assert editor is not None
    editor.find_bar.open_replace()
    window.story_list.search_edit.setText("ferry")  # its clear button shows
    missing = []
    for index in range(editor.side.count()):
        editor.side.setCurrentIndex(index)
        missing += unnamed(window)
    assert not missing, "\n".join(sorted(set(missing)))


# ------------------------------------------------------------------ each dialog


def _open_with(opener: Callable[[MainWindow], object], window: MainWindow) -> QDialog:
    """Open a dialog as the app does and hand it back once it shows (a modal one is looked
    at inside its own event loop, then closed)."""
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        try:
            dialog.activateWindow()
            QApplication.processEvents()
            seen["unnamed"] = unnamed(dialog)
            seen["clashes"] = clashes(dialog)
            seen["forms"] = unlettered_form_labels(dialog)
            seen["title"] = dialog.windowTitle()
        finally:
            dialog.close()
            if isinstance(dialog, QDialog):
                dialog.reject()

    shown_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def modal(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not seen:
            look(dialog)
        elif not seen and tries < 100:
            QTimer.singleShot(25, lambda: modal(tries + 1))

    QTimer.singleShot(0, modal)
    opener(window)
    if not seen:  # not modal (or window-modal, opened with open()): it shows beside
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and id(widget) not in shown_before
            ):
                look(widget)
                break
    return seen  # type: ignore[return-value]


def _edit(window: MainWindow, story_id: int) -> MainWindow:
    editor = window.open_story(story_id)
    assert editor is not None
    editor.body.setFocus()
    return window


OPENERS: dict[str, Callable[[MainWindow, int], object]] = {
    "Preferences": lambda w, _s: w.edit_preferences(),
    "Keyboard shortcuts": lambda w, _s: w.show_shortcuts(),
    "About": lambda w, _s: w.about(),
    "Export": lambda w, s: w.export_dialog([s]),
    "History": lambda w, s: _edit(w, s).show_history(),
    "Picture library": lambda w, _s: w.open_library(),
    "Credits report": lambda w, s: w.inserts.credits_report([s]),
    "Tweet": lambda w, s: _edit(w, s).inserts.insert_tweet(),
    "Link": lambda w, s: _edit(w, s).inserts.insert_link(),
    "Sites": lambda w, _s: w.actions_by_name["sites"].trigger(),
    "Publish": lambda w, s: _publish(w, s),
}


def _publish(window: MainWindow, story_id: int) -> object:
    _edit(window, story_id).actions_by_name["publish"].trigger()
    return None


@pytest.mark.parametrize("name", list(OPENERS))
def test_every_control_in_each_dialog_is_named(
    qtbot: QtBot, window: MainWindow, story_id: int, name: str
) -> None:
    seen = _open_with(lambda w: OPENERS[name](w, story_id), window)
    qtbot.waitUntil(lambda: "unnamed" in seen, timeout=5000)
    title = seen["title"]
    assert not seen["unnamed"], f"{title}: {seen['unnamed']}"
    assert not seen["clashes"], f"{title}: {seen['clashes']}"
    assert not seen["forms"], f"{title}: {seen['forms']}"


def _shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialogs_opened_from_elsewhere_are_named(
    qtbot: QtBot, window: MainWindow, store: Store, story_id: int
) -> None:
    """Conflicts, recovery, replacing across stories and the desk's style: built as the
    parts that open them build them."""
    from editordesk.gui.dialogs.conflict import ConflictDialog, ImageConflictDialog
    from editordesk.gui.dialogs.desk_style import DeskStyleDialog
    from editordesk.gui.dialogs.find_replace import ReplaceInStoriesDialog
    from editordesk.gui.dialogs.recovery import RecoveryDialog
    from editordesk.services.autosave import Recoverable

    with store.read() as session:
        theirs = get_story(session, story_id)
    image = _an_image(store)
    dialogs = [
        ConflictDialog(theirs.draft(), theirs, "Ben Okri", window),
        RecoveryDialog(
            [
                Recoverable(
                    key="k",
                    story_id=story_id,
                    base_version=theirs.version,
                    editor="Ana Ruiz",
                    saved=theirs.updated,
                    draft=theirs.draft(),
                    current_version=theirs.version,
                )
            ],
            window,
        ),
        ReplaceInStoriesDialog(store, [story_id], window),
        DeskStyleDialog(store, window),
    ]
    from editordesk.gui.dialogs.find_replace import ReplacePreviewDialog
    from editordesk.gui.dialogs.history import ImageHistoryDialog
    from editordesk.gui.editor.related_panel import StoryPickerDialog, WebLinkDialog

    dialogs += [
        WebLinkDialog(None, window),
        StoryPickerDialog(store, {story_id}, window),
        ReplacePreviewDialog([], window),
    ]
    if image is not None:
        dialogs.append(ImageConflictDialog(ImageFields(caption="Mine"), image, "Ben Okri", window))
        dialogs.append(ImageHistoryDialog(store, image, window))  # type: ignore[arg-type]
    for dialog in dialogs:
        _shown(qtbot, dialog)
        assert not unnamed(dialog), f"{dialog.windowTitle()}: {unnamed(dialog)}"
        assert not clashes(dialog), f"{dialog.windowTitle()}: {clashes(dialog)}"
        forms = unlettered_form_labels(dialog)
        assert not forms, f"{dialog.windowTitle()}: {forms}"
        dialog.close()


def _an_image(store: Store) -> object:
    import tempfile
    from pathlib import Path

    from PySide6.QtGui import QImage

    from editordesk.services.library import import_image_file

    folder = Path(tempfile.mkdtemp())
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkCyan)
    path = folder / "harbour.png"
    picture.save(str(path))
    with store.write() as session:
        return import_image_file(session, store.media, path)
