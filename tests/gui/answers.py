"""Answering the window's questions in tests, as an editor clicking a button would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QMessageBox


@contextmanager
def answering(*answers: QMessageBox.StandardButton) -> Iterator[list[str]]:
    """Each message box shown meanwhile gets the next answer (the last one repeats); the
    texts asked are collected in the list yielded."""
    asked: list[str] = []
    original = QMessageBox.exec

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        chosen = answers[min(len(asked) - 1, len(answers) - 1)]
        button = box.button(chosen)
        if button is not None:
            button.click()
        return int(chosen.value)

    QMessageBox.exec = answer  # type: ignore[method-assign]
    try:
        yield asked
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
