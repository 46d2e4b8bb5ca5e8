"""A text browser that opens nothing on disk but the pictures it is given leave to: the preview
shows the story's own pictures from the media folder, and a desk template's
`<img src="file:///dev/zero">`, a pipe, a stylesheet link or a picture elsewhere is never read."""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QTextBrowser, QWidget

from editordesk.gui import plain, theme

# A data: URL a template writes into the page (the exporter embeds pictures so): decoded only
# up to this many characters, so a page cannot make the preview hold a huge picture.
MAX_DATA_URL_CHARS = 64 * 1024 * 1024
_TAG = re.compile(r"<[^>]*>")
_REFUSALS_KEPT = 50


class SafeBrowser(QTextBrowser):
    """A QTextBrowser whose resources (images, stylesheets) come only from `pictures`, a
    folder (regular files inside it, up to `max_bytes`), or from `data:` URLs of a limited
    size. Anything else shows as an empty 1-pixel picture: Qt never opens it.

    Links are not followed (setOpenLinks(False)); a link's or element's `title` shows as a
    plain tooltip. `refused` lists the last addresses turned away (newest last)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        pictures: Path | str | None = None,
        max_bytes: int = plain.MAX_PICTURE_BYTES,
    ) -> None:
        super().__init__(parent)
        self._pictures = Path(pictures) if pictures is not None else None
        self._max_bytes = max_bytes
        self.refused: list[str] = []
        self.dark = False  # pages shown in their dark colours (theme.dark_page)
        self._page: str | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def setHtml(self, text: str) -> None:
        """Show a page; a page with a word thousands of characters long wraps it anywhere
        (Qt takes minutes to wrap one at word boundaries)."""
        self._page = text
        self.setWordWrapMode(plain.wrap_mode_for(_TAG.sub(" ", text)))
        super().setHtml(theme.dark_page(text) if self.dark else text)

    def setPlainText(self, text: str) -> None:
        self._page = None
        self.setWordWrapMode(plain.wrap_mode_for(text))
        super().setPlainText(text)

    def follow_dark_preview(self) -> None:
        """Show pages in their dark colours while the window's "Preview in dark colours" is
        on (theme.theme_watcher().dark_preview), as a reader's browser in dark mode would."""
        watcher = theme.theme_watcher()
        watcher.dark_preview_changed.connect(self.set_dark)
        self.set_dark(watcher.dark_preview)

    def set_dark(self, on: bool) -> None:
        """The page in its dark colours (on) or its light ones, kept at the same place."""
        if on == self.dark:
            return
        self.dark = on
        if self._page is not None:
            bar = self.verticalScrollBar()
            position = bar.value()
            self.setHtml(self._page)
            bar.setValue(position)

    def set_picture_folder(self, pictures: Path | str | None) -> None:
        """Allow pictures from this folder from now on (None: from nowhere)."""
        self._pictures = Path(pictures) if pictures is not None else None

    # Qt calls this for every image and stylesheet the page names; what it returns must be
    # usable as a picture, for Qt reads the file itself when a picture comes back empty.
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url) if isinstance(url, str) else url
        image = self._picture(url)
        if image is None or image.isNull():
            self._refuse(url)
            return _placeholder()
        return image

    def _picture(self, url: QUrl) -> QImage | None:
        if url.scheme().lower() == "data":
            data = _data_url_bytes(url)
        elif url.isLocalFile() and self._pictures is not None:
            data = plain.open_picture(url.toLocalFile(), self._pictures, self._max_bytes)
        else:  # relative paths, other schemes (qrc:, http:, …): nothing we show
            data = None
        return QImage.fromData(data) if data else None

    def _refuse(self, url: QUrl) -> None:
        self.refused.append(plain.shorten(url.toString(), 300))
        del self.refused[:-_REFUSALS_KEPT]

    def viewportEvent(self, event: QEvent) -> bool:
        """An element's `title` shows as a tooltip: as plain text."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if tip:
                plain.show_tooltip(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)


def _data_url_bytes(url: QUrl) -> bytes | None:
    """The bytes a `data:` URL holds, or None if it is too long or not well formed."""
    encoded = url.toEncoded()
    if encoded.size() > MAX_DATA_URL_CHARS:
        return None
    text = bytes(encoded.data())
    head, comma, payload = text.partition(b",")
    if not comma or not head.lower().startswith(b"data:"):
        return None
    try:
        if head.lower().endswith(b";base64"):
            return base64.b64decode(unquote_to_bytes(payload), validate=False)
        return unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None


def _placeholder() -> QImage:
    global _PLACEHOLDER
    if _PLACEHOLDER is None:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        _PLACEHOLDER = image
    return _PLACEHOLDER


_PLACEHOLDER: QImage | None = None
