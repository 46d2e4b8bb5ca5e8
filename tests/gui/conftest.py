"""GUI tests run real widgets offscreen, against a real store in tmp_path; QSettings go to a
per-test folder so no test sees another's window state."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: object) -> Iterator[None]:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))
    yield
    from editordesk.gui.workers import wait_for_background

    wait_for_background()
