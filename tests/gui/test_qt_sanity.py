"""Qt bindings the window can rely on for a day's work."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    value = Signal(object)


def test_many_signal_emits_do_not_crash_the_process() -> None:
    """PySide6 6.12.0 under Python 3.11 dropped a reference to True on every emit, aborting
    after a few thousand; pyproject.toml excludes it. A busy day emits far more than this."""
    emitter = _Emitter()
    seen = []
    emitter.value.connect(seen.append)
    for i in range(20_000):
        emitter.ping.emit()
        emitter.value.emit(i)
    assert len(seen) == 20_000
