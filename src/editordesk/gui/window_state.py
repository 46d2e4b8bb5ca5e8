"""The main window's layout kept between sessions: geometry, toolbars, the list's and the
story's splitters, the preview's toggle, the story list's columns and the open tabs (kept in
window.ini, gui/state.py). The MainWindow calls these (as `window`) on closing and after
showing; this module does not import it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSize

from editordesk.gui import theme
from editordesk.gui.state import window_settings

DEFAULT_SIZE = QSize(1280, 820)
SCREEN_SHARE = 0.9  # a first window takes at most this much of the screen's free room

PendingTabs = tuple[list[int], int, QByteArray | None]  # story ids, the current one, splitter


def save_window_state(window: Any, pending: PendingTabs | None) -> None:
    """Keep the layout and the open tabs (`pending`: tabs still waiting for the store)."""
    s = window_settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("window/splitter", window.splitter.saveState())
    editors = window.editors()
    editor = window.current_editor() or (editors[0] if editors else None)
    if editor is not None:
        s.setValue("editor/splitter", editor.splitter.saveState())
    open_ids = [e.story_id for e in editors if e.story_id is not None]
    if pending is not None:  # closed before the store opened: keep them
        open_ids = pending[0]
    s.setValue("tabs/open", open_ids)
    current = window.current_editor()
    s.setValue("tabs/current", current.story_id if current and current.story_id else -1)
    s.setValue("view/preview", window.actions_by_name["preview"].isChecked())
    s.setValue("view/dark_preview", theme.theme_watcher().dark_preview)
    window.story_list.save_state(s)
    s.sync()


def default_size(window: Any) -> QSize:
    """The first window's size: 1280×820, or less on a smaller screen (90 % of its free
    room), never below what the window's layout needs at its font size."""
    return theme.fit_screen(window, DEFAULT_SIZE, SCREEN_SHARE)


def restore_window_state(window: Any) -> PendingTabs | None:
    """Lay the window out as it was; reopen last session's tabs, or, while the store is still
    opening, return them for when it has."""
    s = window_settings()
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)  # Qt moves it back onto a screen that has shrunk
    else:
        window.resize(default_size(window))
    state = s.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    splitter = s.value("window/splitter")
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    else:
        window.splitter.setSizes([380, 900])
    preview = s.value("view/preview", True) not in (False, "false")
    window.actions_by_name["preview"].setChecked(preview)
    window.tabs.preview_shown = preview
    # The page's dark colours: as chosen last time, else as the window's theme is.
    dark = s.value("view/dark_preview")
    if dark is None:
        dark_preview = theme.theme_watcher().scheme == "dark"
    else:
        dark_preview = dark in (True, "true")
    theme.theme_watcher().set_dark_preview(dark_preview)
    if "dark_preview" in window.actions_by_name:
        window.actions_by_name["dark_preview"].setChecked(dark_preview)
    window.story_list.restore_state(s)
    ids = s.value("tabs/open", []) or []
    if isinstance(ids, str | int):
        ids = [ids]
    current = int(s.value("tabs/current", -1) or -1)
    editor_state = s.value("editor/splitter")
    editor_state = editor_state if isinstance(editor_state, QByteArray) else None
    numbers = []
    for story_id in ids:
        try:
            numbers.append(int(story_id))
        except (TypeError, ValueError):
            continue
    if window.has_store:
        window.tabs.reopen(numbers, current, editor_state)
        return None
    return numbers, current, editor_state
