"""What the Insert and Library menus do: links, figures (from the library or a file),
tweets, the picture library over the window and the photo credits report. Each asks the
services and puts a shortcode into the story in front; the window only gives it the tabs.

The dialogs and services named here load the database and document layers, so they are
imported when a command is first used, not while the window is first shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from editordesk.errors import EditorDeskError
from editordesk.gui.workers import describe_error, run_in_background

if TYPE_CHECKING:
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.gui.library.view import LibraryDialog
    from editordesk.model import ImageRecord
    from editordesk.store.db import Store

PICTURE_FILTER = "Pictures (*.jpg *.jpeg *.png *.webp *.gif)"


class InsertCommands(QObject):
    """The Insert and Library commands for one window's tabs."""

    message = Signal(str, int)  # a status-bar line, and for how many ms
    problem = Signal(str, str)  # a warning to show: title, sentence
    open_requested = Signal(int)  # a story id to open in a tab

    def __init__(
        self,
        parent: QWidget,
        store: Callable[[], Store],
        current_editor: Callable[[], StoryEditor | None],
        editors: Callable[[], list[StoryEditor]],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._store = store
        self._current = current_editor
        self._editors = editors
        self.library_dialog: LibraryDialog | None = None  # the open library (tests look in it)
        self.credits_dialog: QWidget | None = None

    def connect_editor(self, editor: StoryEditor) -> None:
        """A new tab's own requests: edit a tweet or a picture, put another in its place."""
        editor.assets.edit_tweet.connect(lambda status_id, e=editor: self.edit_tweet(e, status_id))
        editor.assets.edit_image.connect(self.edit_image)
        editor.assets.replace_figure.connect(lambda token, e=editor: self.replace_figure(e, token))
        editor.image_fix_requested.connect(self.edit_image)

    # ------------------------------------------------------------------ links and tweets

    def insert_link(self) -> None:
        editor = self._current()
        if editor is None:
            return
        url, ok = QInputDialog.getText(
            self._parent, self.tr("Insert link"), self.tr("Web address (https://…):")
        )
        if ok and url.strip():
            from editordesk.text import safe_href

            if safe_href(url.strip()) is None:
                self.problem.emit(
                    "Not a web address", f"{url!r} is not an http(s) or mailto address."
                )
                return
            editor.active_body.insert_link(url.strip())
            editor.mirror.flush()
            editor.active_body.setFocus()

    def insert_tweet(self) -> None:
        """Embed a tweet: paste its link, check its words, see it as it will appear."""
        from editordesk.gui.dialogs.tweet import TweetDialog
        from editordesk.interchange.markdown import tweet_code
        from editordesk.media.tweets import TweetRef

        editor = self._current()
        if editor is None:
            return
        dialog = TweetDialog(self._store(), parent=self._parent)
        if dialog.exec() and dialog.saved is not None:
            ref = TweetRef(dialog.saved.status_id, dialog.saved.handle)
            editor.active_body.insert_block_token(tweet_code(ref))
            editor.mirror.flush()
            editor.active_body.setFocus()

    def insert_table(self) -> None:
        """Insert ▸ Table…: a table of the rows and columns asked for, its first row the
        header (in the source view, the Markdown table)."""
        from editordesk.gui.dialogs.table import TableDialog

        editor = self._current()
        if editor is None or editor.read_only:
            return
        dialog = TableDialog(self._parent)
        if dialog.exec():
            editor.active_body.insert_table(dialog.rows, dialog.columns)
            editor.mirror.flush()
            editor.active_body.setFocus()

    def edit_tweet(self, editor: StoryEditor, status_id: str) -> None:
        from editordesk.gui.dialogs.tweet import TweetDialog
        from editordesk.services.tweets import get_tweet

        store = self._store()
        try:
            with store.read() as session:
                record = get_tweet(session, status_id)
        except EditorDeskError as exc:
            self.problem.emit("Cannot edit the tweet", str(exc))
            return
        if TweetDialog(store, record, self._parent).exec():
            editor.visual_assets.forget(status_id=status_id)
            editor.visual.viewport().update()  # the tweet's card shows its new words
            editor.schedule_preview()

    # ------------------------------------------------------------------ figures

    def insert_figure(self) -> None:
        """Choose the picture in the library (importing it there first if it is new)."""
        if self._current() is not None:
            self.show_library(insert=True)

    def insert_figure_from_file(self) -> None:
        if self._current() is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Insert a picture"), "", PICTURE_FILTER
        )
        if path:
            self.insert_figure_file(Path(path))

    def insert_figure_file(self, path: Path) -> None:
        """The picture joins the library (in the background), then its figure goes in at the
        cursor of the tab that asked."""
        editor = self._current()
        if editor is None:
            return
        store = self._store()

        def add() -> ImageRecord:
            from editordesk.services.library import import_image_file

            with store.write() as session:
                return import_image_file(session, store.media, path)

        def added(image: ImageRecord) -> None:
            from editordesk.interchange.markdown import figure_code

            editor.visual_assets.remember_image(image)
            editor.active_body.insert_block_token(figure_code(image.id))
            editor.mirror.flush()
            self.message.emit(
                f"{path.name} is in the library; give it a caption, credit and alt text "
                "before export",
                6000,
            )

        def failed(exc: Exception) -> None:
            self.problem.emit(
                "The picture was not added", describe_error(exc, f"{path.name} was not stored")
            )

        run_in_background(add, on_done=added, on_error=failed, owner=editor)

    def replace_figure(self, editor: StoryEditor, token: str) -> None:
        from editordesk.gui.library.view import LibraryDialog
        from editordesk.interchange.markdown import figure_code

        dialog = LibraryDialog(self._store(), self._parent)
        dialog.setWindowTitle(self.tr("Choose the picture to show instead"))
        chosen: list[int] = []
        dialog.view.insert_requested.connect(lambda i: (chosen.append(i), dialog.accept()))
        dialog.exec()
        if chosen:
            editor.replace_token(token, figure_code(chosen[0]))

    def _insert_from_library(self, image_id: int, dialog: QWidget | None = None) -> None:
        from editordesk.interchange.markdown import figure_code

        editor = self._current()
        if editor is None:
            self.message.emit("Open a story to insert the picture into", 5000)
            return
        editor.active_body.insert_block_token(figure_code(image_id))
        editor.mirror.flush()
        if dialog is not None:
            dialog.close()
        editor.active_body.setFocus()

    # ------------------------------------------------------------------ the library

    def edit_image(self, image_id: int) -> None:
        """A picture's library card: its caption, credit and alt text, kept for every story."""
        self.show_library(select=image_id)

    def show_library(self, select: int | None = None, insert: bool = False) -> None:
        """The picture library as a dialog over the window; what changes there shows in
        every open story's preview and checks when it closes."""
        from editordesk.gui.library.view import LibraryDialog

        dialog = LibraryDialog(self._store(), self._parent)
        if insert:
            dialog.setWindowTitle(self.tr("Insert a picture — choose it, then Insert (Enter)"))
        self.library_dialog = dialog
        if select is not None:
            dialog.view.select_image(select)
        dialog.view.insert_requested.connect(lambda i, d=dialog: self._insert_from_library(i, d))
        dialog.view.open_story_requested.connect(
            lambda i, d=dialog: (d.close(), self.open_requested.emit(i))
        )
        dialog.exec()
        self.library_dialog = None
        for editor in self._editors():
            editor.visual_assets.forget()  # captions and credits as the library has them now
            editor.visual.viewport().update()
            editor.schedule_preview()

    def refresh_library(self) -> None:
        """Pictures changed elsewhere: an open library shows them."""
        library = self.library_dialog
        if library is not None and shiboken6.isValid(library):
            library.view.refresh()

    def credits_report(self, story_ids: list[int] | None) -> None:
        """The photo credits report for the given stories (or a date range)."""
        from editordesk.gui.library.credits import CreditsReportDialog

        self.credits_dialog = CreditsReportDialog.show_for(
            self._store(), self._parent, story_ids, self.open_requested.emit
        )
