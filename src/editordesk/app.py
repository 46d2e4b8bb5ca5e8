"""The window's start: Qt application, settings, the store (or a clear reason it cannot be
opened and the choice of another), then the main window. The one place the GUI meets the
rest, and kept lean: everything not needed to show the window is imported later."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from editordesk import settings as prefs
    from editordesk.errors import EditorDeskError
    from editordesk.gui.main_window import APP_NAME, MainWindow, app_icon
    from editordesk.store.db import Store
    from editordesk.store.location import resolve

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("editordesk")
    app.setWindowIcon(app_icon())

    try:
        settings = prefs.load()
    except EditorDeskError as exc:
        QMessageBox.warning(None, APP_NAME, f"{exc}\n\nEditorDesk starts with default settings.")
        settings = prefs.Settings()

    db = getattr(args, "db", None) or settings.store or None
    media = getattr(args, "media", None) or settings.media or None
    store = None
    while store is None:
        try:
            store = Store.open(resolve(db, media))
        except EditorDeskError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Critical, APP_NAME, f"The store cannot be opened.\n\n{exc}"
            )
            choose = box.addButton("Choose another store…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not choose:
                return 1
            path, _ = QFileDialog.getSaveFileName(
                None,
                "Choose or create a store",
                str(Path.home()),
                "EditorDesk stores (*.sqlite);;All files (*)",
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not path:
                return 1
            db, media = path, None

    if getattr(args, "author", None):
        import os

        os.environ["EDITORDESK_AUTHOR"] = args.author
    window = MainWindow(store, settings)
    window.restore_window_state()
    window.show()
    QTimer.singleShot(0, window.after_start)
    code = app.exec()
    store.close()
    return int(code)
