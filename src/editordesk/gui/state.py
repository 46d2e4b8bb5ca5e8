"""Where the window keeps its own state (geometry, open tabs, column widths): one INI file
beside the preferences, so a test or a second profile (EDITORDESK_CONFIG) carries its own."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from editordesk.settings import settings_path


def window_settings() -> QSettings:
    return QSettings(str(settings_path().with_name("window.ini")), QSettings.Format.IniFormat)
