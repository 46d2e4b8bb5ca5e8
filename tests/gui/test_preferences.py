"""Preferences as an editor sets them: the dialog from its shortcut, fields typed, OK; the
settings file holds them and the window uses them at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.dialogs.preferences import PreferencesDialog
from editordesk.gui.main_window import MainWindow
from editordesk.store.db import Store
from tests.gui.test_main_window import _window, click_button, on_next_dialog


def test_preferences_are_saved_and_used_at_once(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITORDESK_AUTHOR")  # the name typed below is the author
    window: MainWindow = _window(qtbot, store)
    templates = tmp_path / "desk-templates"
    templates.mkdir()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        dialog.editor_name.selectAll()
        qtbot.keyClicks(dialog.editor_name, "Morag Quayle")
        for spin, value in ((dialog.autosave, "9"), (dialog.backups, "14")):
            spin.selectAll()
            qtbot.keyClicks(spin, value)
        assert dialog.backups.toolTip()  # says what a daily backup is
        qtbot.keyClicks(dialog.template_dir.edit, str(templates))
        click_button(dialog, "OK")

    on_next_dialog(fill)
    window.actions_by_name["preferences"].trigger()
    saved = prefs.load()
    assert (saved.editor_name, saved.autosave_seconds, saved.backups_keep) == (
        "Morag Quayle",
        9,
        14,
    )
    assert saved.template_dir == str(templates)
    assert window.author == "Morag Quayle"
    assert window.autosave_timer.interval() == 9000


def test_no_daily_backups_reads_as_none(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(prefs.Settings(backups_keep=0))
    qtbot.addWidget(dialog)
    assert dialog.backups.text().startswith("none")
    qtbot.keyClick(dialog.backups, Qt.Key.Key_Up)
    assert dialog.settings().backups_keep == 1


def test_f1_lists_every_command_with_its_keys(qtbot: QtBot, store: Store) -> None:
    from editordesk.gui.dialogs.shortcuts import ShortcutsDialog
    from tests.gui.test_main_window import shortcut

    window = _window(qtbot, store)
    seen: list[list[tuple[str, str]]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        seen.append(dialog.rows())
        qtbot.keyClicks(dialog.filter, "credits")
        seen.append(dialog.rows())
        click_button(dialog, "Close")

    on_next_dialog(look)
    shortcut(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    everything, found = seen
    assert ("Save", "Ctrl+S") in everything and ("Figure…", "Ctrl+Shift+G") in everything
    assert ("Picture library…", "Ctrl+Shift+L") in everything
    assert found == [("Photo credits report…", "Ctrl+Shift+R")]
