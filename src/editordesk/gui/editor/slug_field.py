"""The slug beside the headline: it follows the headline ("from the headline") until the
editor types one or the story is exported, and says at once when another story has it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from editordesk.errors import ValidationError
from editordesk.gui import plain, theme
from editordesk.gui.workers import run_in_background
from editordesk.text import check_slug, slugify

if TYPE_CHECKING:
    from editordesk.store.db import Store

CHECK_DELAY_MS = 300


def _owner(store: Store, slug: str, story_id: int | None) -> str | None:
    """Runs on a worker: the headline of the other story with `slug`, if one has it."""
    from editordesk.services.stories import slug_owner

    with store.read() as session:
        other = slug_owner(session, slug, story_id)
    return None if other is None else (other.headline or f"story {other.id}")


class SlugField(QWidget):
    """Slug box, "from the headline" tick and a one-line note on what is wrong with it."""

    edited = Signal()  # the editor changed the slug or the tick

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.story_id: int | None = None
        self._headline = ""
        self._generation = 0
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(self.tr("Slug"))
        self.edit.setToolTip(
            self.tr(
                "The story's name in file names, the canonical URL and the .md bundle: "
                "lowercase letters, digits and hyphens"
            )
        )
        self.edit.setPlaceholderText(self.tr("slug"))
        self.from_headline = QCheckBox(self.tr("from the headline"), self)
        self.from_headline.setAccessibleName(self.tr("Slug from the headline"))
        self.from_headline.setToolTip(
            self.tr("The slug follows the headline until you type one or the story is exported")
        )
        self.from_headline.setChecked(True)
        self.note = plain.plain_label(QLabel(self))
        self.note.setAccessibleName(self.tr("Slug check"))
        theme.tint(self.note, theme.error_text)  # a red at 4.5:1 on light and dark
        self.note.hide()
        label = QLabel(self.tr("Slug"), self)
        label.setBuddy(self.edit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.from_headline)
        row.addWidget(self.note)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self._check)
        self.edit.textEdited.connect(self._typed)
        self.from_headline.clicked.connect(self._ticked)

    # ------------------------------------------------------------ the story's side

    def show_story(self, slug: str, follows: bool, story_id: int | None, headline: str) -> None:
        """Show a story's slug as stored (no edit, no question asked)."""
        self.story_id = story_id
        self._headline = headline
        if self.edit.text() != slug:  # saved as shown: the cursor stays where it was
            self.edit.setText(slug)
            self.edit.setCursorPosition(0)  # a long slug shows its start, as it is read
        self.from_headline.setChecked(follows)
        self._set_note("")
        self._timer.start()

    def follow(self, headline: str) -> None:
        """The headline changed: a slug that follows it changes too."""
        self._headline = headline
        if self.from_headline.isChecked():
            self.edit.setText(slugify(headline) if headline.strip() else "")
            self._timer.start()

    def value(self) -> tuple[str | None, bool]:
        """(the typed slug, or None) and whether it follows the headline."""
        if self.from_headline.isChecked():
            return None, True
        return self.edit.text().strip() or None, False

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.from_headline.setEnabled(not read_only)

    # ------------------------------------------------------------ the editor's side

    def _typed(self, _text: str) -> None:
        self.from_headline.setChecked(False)  # typed: it no longer follows
        self.edited.emit()
        self._timer.start()

    def _ticked(self, checked: bool) -> None:
        if checked:
            self.follow(self._headline)
        self.edited.emit()

    def _set_note(self, text: str) -> None:
        plain.set_plain(self.note, text)
        self.note.setVisible(bool(text))
        self.edit.setToolTip(text or self.from_headline.toolTip())

    def _check(self) -> None:
        slug = self.edit.text().strip()
        if not slug:
            self._set_note("" if self.from_headline.isChecked() else "A slug is needed")
            return
        if not self.from_headline.isChecked():
            try:
                check_slug(slug)
            except ValidationError as exc:
                self._set_note(str(exc)[:1].upper() + str(exc)[1:])
                return
        self._generation += 1
        generation = self._generation
        following = self.from_headline.isChecked()

        def done(owner: str | None) -> None:
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            if owner is None:
                self._set_note("")
            elif following:
                self._set_note(f"“{owner}” has this slug: a number will be added")
            else:
                self._set_note(self.tr("Taken by “{0}”").format(owner))

        run_in_background(_owner, self._store, slug, self.story_id, on_done=done, owner=self)
