"""Background work (gui/workers.py): a call runs off the UI thread and its result or error
comes back on it; a closed owner hears nothing."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from editordesk.gui.workers import run_in_background, wait_for_background

WAIT_MS = 5000


def test_the_call_runs_off_the_ui_thread_and_its_result_comes_back_on_it(qtbot: QtBot) -> None:
    ui = threading.get_ident()
    ran_on: list[int] = []
    came_back: list[tuple[object, int]] = []

    def work(a: int, *, b: int) -> int:
        ran_on.append(threading.get_ident())
        return a + b

    run_in_background(work, 2, b=3, on_done=lambda v: came_back.append((v, threading.get_ident())))
    qtbot.waitUntil(lambda: came_back != [], timeout=WAIT_MS)
    assert came_back == [(5, ui)]
    assert ran_on and ran_on[0] != ui


def test_an_error_comes_back_with_its_traceback(qtbot: QtBot) -> None:
    errors: list[Exception] = []

    def work() -> None:
        raise ValueError("the store is gone")

    run_in_background(
        work, on_done=lambda v: errors.append(AssertionError(v)), on_error=errors.append
    )
    qtbot.waitUntil(lambda: errors != [], timeout=WAIT_MS)
    [error] = errors
    assert isinstance(error, ValueError) and str(error) == "the store is gone"
    assert "ValueError: the store is gone" in error.__editordesk_traceback__  # type: ignore[attr-defined]


def test_a_closed_owner_hears_nothing(qtbot: QtBot) -> None:
    owner = QWidget()
    release = threading.Event()
    heard: list[object] = []
    task = run_in_background(release.wait, 5, on_done=heard.append, owner=owner)
    done: list[object] = []
    task.signals.done.connect(done.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: done != [], timeout=WAIT_MS)
    assert wait_for_background(WAIT_MS)
    assert heard == []


def _alive(widget: QWidget) -> bool:
    return shiboken6.isValid(widget)
