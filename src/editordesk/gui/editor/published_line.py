"""A line under a story's headline saying where it is published: the site, the post's status,
its address, when, and "changed since publishing" once the story is saved again."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from editordesk.gui import i18n, plain
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:
    from editordesk.services.publishing import Publication
    from editordesk.store.db import Store


def describe(found: list[Publication]) -> str:
    """One line per site, as the line shows it; empty when the story is published nowhere."""
    lines = []
    for p in found:
        when = i18n.local_time(p.published)
        line = QCoreApplication.translate("PublishedLine", "Published on {0}: {1}, {2}, {3}")
        if p.changed_since:
            line += QCoreApplication.translate("PublishedLine", " — changed since publishing")
        lines.append(line.format(p.site, p.status, when, p.url))
    return "\n".join(lines)


class PublishedLine(QLabel):
    """Hidden while the story is published nowhere; read again on `show_story`."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plain.plain_label(self)  # site names and addresses show as written
        self.store = store
        self.setAccessibleName(self.tr("Where the story is published"))
        self.setToolTip(self.tr("The sites this story was published to with Publish…"))
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._generation = 0
        self.publications: list[Publication] = []
        self.hide()

    def show_story(self, story_id: int | None) -> None:
        """Read where `story_id` is published, on a worker, and show it."""
        self._generation += 1
        generation = self._generation
        if story_id is None:
            self._show(generation, [])
            return
        store = self.store

        def read() -> list[Publication]:
            from editordesk.services.publishing import publications

            with store.read() as session:
                return publications(session, story_id)

        run_in_background(
            read,
            on_done=lambda found: self._show(generation, found),
            on_error=lambda _exc: None,  # the line is a courtesy: a failed read shows nothing
            owner=self,
        )

    def _show(self, generation: int, found: list[Publication]) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self.publications = found
        text = describe(found)
        plain.set_plain(self, text)
        self.setVisible(bool(text))
