"""Qt bindings the window can rely on for a day's work."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal

SOURCE = Path(__file__).parents[2] / "src" / "editordesk"


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


def test_no_code_asks_a_format_for_its_one_font_family() -> None:
    """PySide6 6.11's QTextCharFormat.fontFamily() (deprecated in Qt 6) crashes the process
    when the format names no family, as a found word's usually does; fontFamilies() is safe."""
    calls = re.compile(r"\.fontFamily\(")
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line)
    ]
    assert found == []
