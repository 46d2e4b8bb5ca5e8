"""Open in browser: the story as it stands, written as the real exported page (the desk's
template, its styles, the pictures from the library) and shown by the desktop's browser."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from editordesk.files import write_atomic
from editordesk.gui import plain
from editordesk.gui.workers import describe_error, run_in_background

if TYPE_CHECKING:
    from editordesk.model import StoryDraft
    from editordesk.store.db import Store

_FOLDER: Path | None = None  # one folder per run, reused: each story's page is replaced


def write_page(
    store: Store, draft: StoryDraft, story_id: int | None, slug: str, template_dir: str | None
) -> Path:
    """Runs on a worker: the page written to a private temporary folder."""
    from editordesk.services.preview import preview_html

    global _FOLDER
    if _FOLDER is None or not _FOLDER.is_dir():
        _FOLDER = Path(tempfile.mkdtemp(prefix="editordesk-preview-"))
    html = preview_html(store, draft, story_id=story_id, slug=slug, template_dir=template_dir)
    page = _FOLDER / f"{slug or 'preview'}.html"
    write_atomic(page, html.encode("utf-8"))
    return page


def open_in_browser(
    parent: QWidget,
    store: Store,
    draft: StoryDraft,
    story_id: int | None,
    slug: str,
    template_dir: str | None,
) -> None:
    """Write the page in the background, then hand it to the desktop's browser (or say
    where it is when the desktop has none)."""

    def done(page: Path) -> None:
        if not shiboken6.isValid(parent):
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(page))):
            plain.information(
                parent,
                QCoreApplication.translate("gui.editor.browser_preview", "Open in browser"),
                QCoreApplication.translate(
                    "gui.editor.browser_preview", "No browser could be started. The page is {0}"
                ).format(page),
            )

    def failed(exc: Exception) -> None:
        if shiboken6.isValid(parent):
            plain.warning(
                parent,
                QCoreApplication.translate("gui.editor.browser_preview", "Open in browser"),
                describe_error(exc),
            )

    run_in_background(
        write_page, store, draft, story_id, slug, template_dir, on_done=done, on_error=failed
    )
