"""The one home for background work: a call runs on Qt's thread pool and its result (or
error) comes back to the UI thread as a signal, so nothing slow ever runs while typing."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from editordesk.errors import EditorDeskError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class Task(QRunnable):
    """A call to run off the UI thread. Connect to `signals` before starting it."""

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to the UI thread, never lost in a worker
            exc.__editordesk_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # When the application is closing it may take the receiver with it: nobody to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


_running: set[Task] = set()


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
    **kwargs: Any,
) -> Task:
    """Run `fn(*args, **kwargs)` on the thread pool; callbacks run on the UI thread.

    With `owner`, the callbacks are dropped if that widget was closed and deleted while the
    work ran (a tab closed while its preview was being built, say)."""
    task = Task(fn, *args, **kwargs)
    _running.add(task)

    def finished(_: object) -> None:
        _running.discard(task)

    def guarded(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        if owner is None:
            return callback
        return lambda value: callback(value) if shiboken6.isValid(owner) else None

    if on_done is not None:
        task.signals.done.connect(guarded(on_done))
    if on_error is not None:
        task.signals.failed.connect(guarded(on_error))
    task.signals.done.connect(finished)
    task.signals.failed.connect(finished)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Let running tasks finish (on quit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def describe_error(exc: BaseException, doing: str) -> str:
    """A sentence for a message or status line about work that failed: the core's own words
    when it has them, the database's or the system's reason otherwise, never a traceback."""
    if isinstance(exc, EditorDeskError):
        return str(exc)
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return f"{doing}: {str(exc.orig).strip() or type(exc.orig).__name__}"
    if isinstance(exc, SQLAlchemyError):
        return f"{doing}: {type(exc).__name__}"
    if isinstance(exc, OSError):
        return f"{doing}: {exc.strerror or exc}"
    return f"{doing}: {str(exc) or type(exc).__name__}"
