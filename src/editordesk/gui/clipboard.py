"""The clipboard as the application ends: what we copied is handed to a copy Qt made."""

from __future__ import annotations

import atexit

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication
from PySide6.QtGui import QClipboard, QGuiApplication

# Why: a QMimeData made in Python (the visual editor's copy carries the body as Markdown)
# is freed by the clipboard, and Qt's own clipboard (offscreen, minimal) keeps it until the
# process's last C++ destructors run, after Python has finished: freeing it then crashes the
# process (a segfault on quit). Before Python finishes, whatever of ours the clipboard holds
# is copied, every format, into a QMimeData Qt makes itself, so the user's last copy still
# pastes and nothing of Python's is left to free.

_arranged = False


def _modes(clipboard: QClipboard) -> list[QClipboard.Mode]:
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    if clipboard.supportsFindBuffer():
        modes.append(QClipboard.Mode.FindBuffer)
    return modes


def hand_over() -> None:
    """Put each of our clipboard contents into a QMimeData of Qt's own, every format kept."""
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    for mode in _modes(clipboard):
        data = clipboard.mimeData(mode)
        if data is None or not shiboken6.isValid(data) or not shiboken6.createdByPython(data):
            continue
        kept: dict[str, QByteArray] = {f: QByteArray(data.data(f)) for f in data.formats()}
        had_text = data.hasText()
        clipboard.setText(data.text() if had_text else "", mode)  # Qt makes this QMimeData
        copy = clipboard.mimeData(mode)
        for kind, value in kept.items():
            if kind != "text/plain":
                copy.setData(kind, value)
        if not had_text:
            copy.removeFormat("text/plain")


def hand_over_at_exit() -> None:
    """Arrange (once) for `hand_over` to run as the application quits and, at the latest, as
    Python exits (a test run ends without quitting)."""
    global _arranged
    if _arranged:
        return
    _arranged = True
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(hand_over)
    atexit.register(hand_over)
