"""Pasting HTML into the visual editor: the clipboard's text/html read into the tree
(interchange/html/), its pictures put into the library as an import puts them (their
IPTC/XMP/EXIF read into the fields), then the blocks inserted at the cursor as one undo step.
What could not come through is said in one line each, through `notes_ready`, for Checks.

    paster = HtmlPaster(editor, store_importer(store))   # sets editor.html_paster
    paster.notes_ready.connect(checks.show_paste_notes)

The importer is passed in, so the paster runs without a store in tests."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QTextCursor

from editordesk.document import nodes as n
from editordesk.errors import EditorDeskError, InputError
from editordesk.interchange.html import (
    PastedDocument,
    PastedPicture,
    place_pictures,
    read_html,
)
from editordesk.model import ImageRecord, TweetRecord

if TYPE_CHECKING:
    from editordesk.gui.editor.visual.edit import VisualEdit
    from editordesk.store.db import Store

PictureImporter = Callable[[Path, str], ImageRecord]
"""Puts one picture file into the library and returns its record, given the alt text the
page gave it; raises EditorDeskError with a sentence when the file cannot be used."""


def store_importer(store: Store, author: str = "") -> PictureImporter:
    """The window's importer: one store action per picture (services/picture_import.py),
    the picture's own metadata read into its fields as any import does; the page's alt text
    fills the picture's when the picture has none (a second action, kept in its history)."""

    def run(path: Path, alt: str) -> ImageRecord:
        from dataclasses import replace

        from sqlalchemy.exc import SQLAlchemyError

        from editordesk.services.images import update_image
        from editordesk.services.picture_import import import_pictures

        outcome = import_pictures(store, [path])
        if not outcome.records:
            reason = outcome.problems[0][1] if outcome.problems else f"{path.name} was not stored"
            raise InputError(reason)
        record = outcome.records[0]
        if alt.strip() and not record.fields.alt_text.strip():
            fields = replace(record.fields, alt_text=alt.strip())
            try:
                with store.write() as session:
                    record = update_image(
                        session, record.id, fields, base_version=record.version, author=author
                    )
            except (EditorDeskError, SQLAlchemyError):
                pass  # the picture is in; its alt text is the editor's to write
        return record

    return run


class _NoAssets:
    """Cards for an editor that was never given a story's assets: no records, no files."""

    def image(self, image_id: int) -> ImageRecord | None:
        return None

    def picture_path(self, image_id: int) -> Path | None:
        return None

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


def import_pictures_for(
    pictures: Sequence[PastedPicture], importer: PictureImporter
) -> tuple[list[ImageRecord | None], list[str]]:
    """Each pasted picture into the library, in order: (its record or None, the notes). A
    data: picture is written to a file in a temporary folder first, so the import reads its
    metadata as it would from any file; the folder goes when the imports are done."""
    records: list[ImageRecord | None] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="editordesk-paste-") as folder:
        for number, picture in enumerate(pictures, 1):
            path = picture.path
            try:
                if picture.data is not None:
                    path = Path(folder) / f"{number:03d}" / picture.name
                    path.parent.mkdir()
                    path.write_bytes(picture.data)
                if path is None:
                    raise InputError(f"{picture.name} has neither bytes nor a file")
                records.append(importer(path, picture.alt))
            except EditorDeskError as exc:
                records.append(None)
                notes.append(
                    QCoreApplication.translate(
                        "VisualPaste", "A pasted picture was not added to the library: {0}"
                    ).format(exc)
                )
            except OSError as exc:
                records.append(None)
                notes.append(
                    QCoreApplication.translate(
                        "VisualPaste",
                        "A pasted picture was not added to the library: {0} could not be "
                        "written to a temporary folder ({1})",
                    ).format(picture.name, exc.strerror or exc)
                )
    return records, notes


READ_ON_WORKER = 200_000  # characters of HTML read on a worker rather than at once
_PICTURE = re.compile(r"<img\b", re.IGNORECASE)  # pictures are read and checked: a worker's job


class HtmlPaster(QObject):
    """The visual editor's `html_paster`: HTML in, blocks at the cursor, notes out.

    HTML with pictures (read, checked, imported) or much text is read on a worker
    (gui/workers.py); the blocks go in when that is done, at the place the cursor was (Qt
    keeps a cursor's place as the text around it changes). With `background=False` all
    happens before the call returns."""

    notes_ready = Signal(list)  # list[str]: one line each, for Checks
    pasted = Signal()  # the blocks are in the editor

    def __init__(
        self,
        editor: VisualEdit,
        importer: PictureImporter | None,
        *,
        background: bool = True,
    ) -> None:
        super().__init__(editor)
        self.editor = editor
        self.importer = importer
        self.background = background
        editor.html_paster = self

    def __call__(self, html: str, cursor: QTextCursor) -> bool:
        place = QTextCursor(cursor)  # the editor's own cursor moves on; this one stays put
        if self.background and (len(html) > READ_ON_WORKER or _PICTURE.search(html)):
            self._later(place, lambda: self._ready(read_html(html)))
            return True
        try:
            pasted = read_html(html)
        except InputError as exc:
            self._tell(
                [
                    QCoreApplication.translate("VisualPaste", "The paste was not made: {0}").format(
                        exc
                    )
                ]
            )
            return True
        if not pasted.blocks:
            self._tell(list(pasted.notes))
            return False  # nothing a reader would see: the plain text, if any, instead
        if pasted.pictures and self.importer is not None and self.background:
            self._later(place, lambda: self._ready(pasted))
        else:
            self._insert(place, *self._ready(pasted))
        return True

    def _ready(
        self, pasted: PastedDocument
    ) -> tuple[PastedDocument, tuple[n.Block, ...], list[str]]:
        """The pasted blocks with their pictures in the library (or left out), and the notes
        the import adds. Runs on a worker when there are pictures or much HTML."""
        if not pasted.pictures:
            return pasted, pasted.blocks, []
        if self.importer is None:
            blocks = place_pictures(pasted.blocks, [None] * len(pasted.pictures))
            return (
                pasted,
                blocks,
                [
                    QCoreApplication.translate(
                        "VisualPaste", "Pictures are pasted only into a story"
                    )
                ],
            )
        records, notes = import_pictures_for(pasted.pictures, self.importer)
        return pasted, place_pictures(pasted.blocks, records), notes

    def _later(
        self,
        place: QTextCursor,
        work: Callable[[], tuple[PastedDocument, tuple[n.Block, ...], list[str]]],
    ) -> None:
        from editordesk.gui.workers import describe_error, run_in_background

        def done(result: tuple[PastedDocument, tuple[n.Block, ...], list[str]]) -> None:
            self._insert(place, *result)

        def failed(exc: Exception) -> None:
            reason = str(exc) if isinstance(exc, EditorDeskError) else describe_error(exc, "paste")
            self._tell(
                [
                    QCoreApplication.translate("VisualPaste", "The paste was not made: {0}").format(
                        reason
                    )
                ]
            )

        run_in_background(work, on_done=done, on_error=failed, owner=self)

    def _insert(
        self,
        cursor: QTextCursor,
        pasted: PastedDocument,
        blocks: tuple[n.Block, ...],
        more_notes: list[str],
    ) -> None:
        notes = [*pasted.notes, *more_notes]
        if not blocks:
            self._tell(
                notes
                or [
                    QCoreApplication.translate(
                        "VisualPaste", "Nothing in the pasted HTML could be pasted"
                    )
                ]
            )
            return
        if self.editor.isReadOnly():
            self._tell(
                [
                    *notes,
                    QCoreApplication.translate(
                        "VisualPaste", "The paste was not made: the story became read-only"
                    ),
                ]
            )
            return
        from editordesk.gui.editor.visual.build import insert_blocks

        assets = self.editor.assets() or _NoAssets()
        insert_blocks(cursor, blocks, pasted.footnotes, assets)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.pasted.emit()
        self._tell(notes)

    def _tell(self, notes: list[str]) -> None:
        if notes:
            self.notes_ready.emit(notes)
