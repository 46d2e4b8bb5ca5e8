"""GUI tests run real widgets offscreen, against a real store in tmp_path. The window keeps
its state beside the preferences file, which tests/conftest.py points into tmp_path, so no
test sees another's window state."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def background_work_finishes(qapp: object) -> Iterator[None]:
    yield
    from editordesk.gui.workers import wait_for_background

    wait_for_background()


@pytest.fixture(autouse=True)
def clipboard_emptied(qapp: object) -> Iterator[None]:
    """Each test leaves the clipboard empty, so no test pastes what another copied. (A copy
    left there no longer crashes the process as it exits: gui/clipboard.py hands it over,
    and tests/gui/test_clipboard.py checks that in a process of its own.)"""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
