"""Stories in and out of the window: files imported as new drafts (by menu or drop), the
sample story offered to an empty desk, and the export dialog with its batch. Each calls the
services in the background and reports in signals; the window shows what it reports.

The importers, exporters and services load the document and database layers, so they are
imported when a command is first used, not while the window is first shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editordesk import settings as prefs
from editordesk.errors import EditorDeskError
from editordesk.gui.plain import message_box
from editordesk.gui.state import window_settings
from editordesk.gui.workers import describe_error, run_in_background

if TYPE_CHECKING:
    from editordesk.gui.dialogs.export import BatchExport, ExportDialog
    from editordesk.services.importing import ImportResult
    from editordesk.store.db import Store

STORY_SUFFIXES = (".md", ".markdown", ".docx")
STORY_FILTER = "Stories (*.md *.markdown *.docx);;All files (*)"


def story_files(mime: QMimeData) -> list[Path]:
    """The .md and .docx files among dropped URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in STORY_SUFFIXES]


class StoryTransfer(QObject):
    """Import, the sample story and export for one window."""

    message = Signal(str, int)  # a status-bar line, and for how many ms (0: until replaced)
    problem = Signal(str, str)  # a warning to show: title, sentence
    open_requested = Signal(int)  # a story id to open in a tab
    stories_added = Signal()  # the list should read again

    def __init__(
        self,
        parent: QWidget,
        store: Callable[[], Store],
        author: Callable[[], str],
        settings: Callable[[], prefs.Settings],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._store = store
        self._author = author
        self._settings = settings
        self.last_export_dialog: ExportDialog | None = None
        self.last_batch: BatchExport | None = None

    # ------------------------------------------------------------------ import

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self._parent, self.tr("Import stories"), "", STORY_FILTER
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        """Each file becomes a new draft; a file that cannot be read is named with why."""
        store, author = self._store(), self._author()

        def work() -> list[ImportResult]:
            from editordesk.services.importing import import_files

            return import_files(store, paths, author=author)

        self.message.emit(f"Importing {len(paths)} file(s)…", 0)

        def done(results: list[ImportResult]) -> None:
            self.message.emit("", 0)
            self.stories_added.emit()
            good = [r.story for r in results if r.story is not None]
            for story in good:
                self.open_requested.emit(story.id)
            bad = [r for r in results if r.error]
            if bad:
                self.problem.emit(
                    "Some files were not imported",
                    f"Imported {len(good)} of {len(results)}. These could not be read:\n\n"
                    + "\n".join(
                        f"• {r.path.name}: {(r.error or '').split(': ', 1)[-1]}" for r in bad
                    ),
                )
            elif good:
                self.message.emit(f"Imported {len(good)} new draft(s)", 5000)
            changed = [r for r in results if r.story is not None and r.report]
            if changed:
                self.problem.emit(
                    "Imported with changes",
                    "Some of the Word files could not come through exactly as they were:\n\n"
                    + "\n".join(f"• {r.path.name}: {r.report}" for r in changed),
                )

        run_in_background(
            work,
            on_done=done,
            on_error=lambda exc: self.problem.emit(
                "Import failed", describe_error(exc, "import failed")
            ),
            owner=self,
        )

    # ------------------------------------------------------------------ the sample

    def offer_sample(self) -> None:
        """An empty store, the first time: offer the sample story that shows every feature."""
        from editordesk.services.stories import count_stories

        store = self._store()
        with store.read() as session:
            empty = count_stories(session) == 0
        key = f"sampleOffered/{store.location.describe()}"
        s = window_settings()
        if not empty or s.value(key, False) in (True, "true"):
            return
        s.setValue(key, True)
        box = message_box(
            self._parent,
            QMessageBox.Icon.Question,
            self.tr("Welcome to EditorDesk"),
            self.tr(
                "This store is empty. Add a sample story that shows what EditorDesk keeps — a "
                "standfirst, byline and dateline, a picture with its caption and credit, a tweet "
                "and related links?"
            ),
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.exec()
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self.add_sample()

    def add_sample(self) -> None:
        from editordesk.services.sample import add_sample_story

        try:
            record = add_sample_story(self._store(), author=self._author())
        except EditorDeskError as exc:
            self.problem.emit("The sample story could not be added", str(exc))
            return
        self.stories_added.emit()
        self.open_requested.emit(record.id)

    # ------------------------------------------------------------------ export

    def export(self, ids: list[int], *, unsaved_open: bool = False) -> None:
        """The export dialog for `ids`, then the batch in the background and its report."""
        from editordesk.gui.dialogs.export import BatchExport, ExportDialog, show_report

        if unsaved_open:
            self.message.emit(
                "Exporting the last saved revision (save first to include your latest changes)",
                6000,
            )
        s = window_settings()
        settings = self._settings()
        dialog = ExportDialog(
            len(ids),
            folder=str(s.value("export/folder", "") or ""),
            template_dir=settings.template_dir,
            reference=settings.reference_docx,
            parent=self._parent,
        )
        self.last_export_dialog = dialog
        if not dialog.exec():
            return
        s.setValue("export/folder", str(dialog.folder()))
        folder, open_after = dialog.folder(), dialog.open_after.isChecked()
        batch = BatchExport(
            self._store(), ids, dialog.format_name(), folder, dialog.options(), self._parent
        )
        self.last_batch = batch
        batch.finished.connect(lambda report: show_report(self._parent, report, folder, open_after))
