"""A child process for the crash test: opens the window on a store, types into a new story,
waits for an autosave to land, types a little more, then kills itself with SIGKILL, as a
crash or the power switch would."""

from __future__ import annotations

import json
import os
import signal
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Text, cast, select

from editordesk import settings as prefs
from editordesk.gui.main_window import MainWindow
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import Autosave


def main(db: str, qsettings_dir: str, typed: str, unsaved_tail: str) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, qsettings_dir)
    app = QApplication([])
    store = Store.open(resolve(db))
    window = MainWindow(store, prefs.Settings(editor_name="Crash Tester", autosave_seconds=1))
    window.show()
    editor = window.new_story()
    QTest.keyClicks(editor.headline, "Storm diary")
    QTest.keyClicks(editor.body, typed)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        app.processEvents()
        # This window is alive, so its copy is not "recoverable" yet: read the row itself.
        with store.read() as session:
            kept = session.scalars(select(cast(Autosave.draft, Text))).all()
        if any(json.loads(raw).get("body") == typed for raw in kept):
            break
        time.sleep(0.05)
    else:
        sys.exit("the autosave never landed")
    QTest.keyClicks(editor.body, unsaved_tail)  # typed after the last autosave: may be lost
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(*sys.argv[1:5])
