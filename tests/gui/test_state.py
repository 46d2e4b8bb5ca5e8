"""The window's own state lives beside the preferences file (gui/state.py)."""

from __future__ import annotations

import os
from pathlib import Path

from editordesk.gui.state import window_settings


def test_the_window_state_is_kept_beside_the_preferences() -> None:
    settings = window_settings()
    expected = Path(os.environ["EDITORDESK_CONFIG"]).with_name("window.ini")
    assert Path(settings.fileName()) == expected
    settings.setValue("storyList/sort", "headline")
    settings.sync()
    assert expected.is_file()
    assert window_settings().value("storyList/sort") == "headline"
