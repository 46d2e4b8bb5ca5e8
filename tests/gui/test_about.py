"""The About dialog as a user opens it: the version from the package metadata, the licence of
every bundled part, and the Qt LGPL notice with where Qt's source is."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from editordesk import __version__
from editordesk import settings as prefs
from editordesk.gui.dialogs.about import AboutDialog
from editordesk.gui.main_window import MainWindow
from editordesk.store.db import Store

ROOT = Path(__file__).resolve().parents[2]


def test_about_shows_the_version_and_the_qt_lgpl_notice(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert __version__ == project["project"]["version"]
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"EditorDesk {__version__}" in labels

    about = dialog.about_view.toPlainText()
    assert "GNU Lesser General Public License version 3" in about
    assert f"Qt {qVersion()}" in about
    assert "https://download.qt.io" in about
    assert "https://code.qt.io/pyside/pyside-setup.git" in about
    assert "GPL-3.0-or-later" in about


def test_licences_tab_lists_the_bundled_parts_from_their_metadata(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.tabs.currentWidget() is dialog.licences_view

    # The table reads as text one cell a line: part, version, licence.
    cells = dialog.licences_view.toPlainText().split("\n")
    shown = {cells[i]: (cells[i + 1], cells[i + 2]) for i in range(len(cells) - 2)}
    assert shown["EditorDesk"] == (__version__, "GPL-3.0-or-later")
    assert shown["Qt"] == (qVersion(), "LGPL-3.0-only")
    assert shown["SQLAlchemy"] == (version("SQLAlchemy"), "MIT")
    assert shown["Pillow"] == (version("Pillow"), "MIT-CMU")
    assert shown["python-docx"] == (version("python-docx"), "MIT")
    # Jinja2's metadata names only "BSD License": the dialog's own table says which.
    assert shown["Jinja2"] == (version("Jinja2"), "BSD-3-Clause")
    assert shown["Qt for Python (PySide6)"][1].startswith("LGPL-3.0")
    assert "not found" not in cells

    notices = dialog.notices_view.toPlainText()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert dialog.tabs.currentWidget() is dialog.notices_view
    assert "LGPL-3.0-only" in notices and "https://download.qt.io" in notices


def test_closes_with_escape(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_help_menu_opens_the_about_dialog(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: list[str] = []

    def close_it(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog) and tries < 200:
            QTimer.singleShot(25, lambda: close_it(tries + 1))
            return
        assert isinstance(dialog, AboutDialog), "Help > About opened no About dialog"
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    (help_menu,) = [
        action.menu()
        for action in window.menuBar().actions()
        if action.text().replace("&", "") == "Help"
    ]
    (about,) = [a for a in help_menu.actions() if a.text().replace("&", "").startswith("About")]
    QTimer.singleShot(0, close_it)
    about.trigger()
    assert seen == ["About EditorDesk"]
