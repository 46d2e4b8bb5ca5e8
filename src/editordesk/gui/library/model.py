"""The library grid's model: pictures read a page at a time in the background, and their
thumbnails made on worker threads, so a library of thousands opens at once and scrolls
while the previews fill in."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPen, QPixmap

from editordesk.errors import EditorDeskError
from editordesk.gui import plain, theme
from editordesk.gui.paging import Index, Page, PagedRows
from editordesk.gui.workers import describe_error as describe_failure
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:
    from editordesk.media.folder import MediaFolder
    from editordesk.model import ImageRecord
    from editordesk.store.db import Store

log = logging.getLogger(__name__)

PAGE_SIZE = 120
THUMB_SIZE = 256  # the cached file on a screen up to 2× (media.thumbnails.size_for_screen)
ICON_SIZE = 128  # as the grid shows it, in logical pixels: ICON_SIZE × ratio device pixels


@dataclass(frozen=True)
class ImageFilters:
    """What the grid is narrowed to."""

    query: str = ""
    missing_credit: bool = False
    missing_alt: bool = False

    @property
    def active(self) -> bool:
        return bool(self.query or self.missing_credit or self.missing_alt)


def describe_error(exc: BaseException, doing: str = "the library could not be read") -> str:
    """A sentence for a message or status line: the core's own words, never a traceback."""
    return describe_failure(exc, doing)


def screen_ratio() -> float:
    """The device pixel ratio pictures are made for: the sharpest screen's (2.0 on a 2×
    screen), so a window moved onto it stays sharp."""
    app = QGuiApplication.instance()
    return max(1.0, app.devicePixelRatio()) if isinstance(app, QGuiApplication) else 1.0


def placeholder_icon(
    size: int = ICON_SIZE, broken: bool = False, ratio: float | None = None
) -> QIcon:
    """A quiet frame shown until a thumbnail is ready (with a cross if it cannot be made),
    in the palette's own greys, drawn at the screen's device pixel ratio."""
    ratio = ratio or screen_ratio()
    palette = QGuiApplication.palette()
    fill = palette.color(QPalette.ColorRole.Button)
    edge = palette.color(QPalette.ColorRole.Mid)
    mark = theme.readable(palette.color(QPalette.ColorRole.Dark), [fill], theme.NON_TEXT)
    pixmap = QPixmap(round(size * ratio), round(size * 2 // 3 * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(fill)
    painter.setPen(QPen(edge, 2))
    w, h = size, size * 2 // 3  # logical pixels: the painter scales them by the ratio
    painter.drawRoundedRect(2, 2, w - 4, h - 4, 6, 6)
    pen = QPen(mark, 3)
    painter.setPen(pen)
    if broken:
        painter.drawLine(w // 3, h // 3, 2 * w // 3, 2 * h // 3)
        painter.drawLine(2 * w // 3, h // 3, w // 3, 2 * h // 3)
    else:  # a small mountain and sun: "a picture goes here"
        painter.setBrush(mark)
        painter.drawEllipse(w * 2 // 3, h // 5, h // 6, h // 6)
        painter.drawLine(w // 5, h * 3 // 4, w * 2 // 5, h * 2 // 5)
        painter.drawLine(w * 2 // 5, h * 2 // 5, w * 3 // 5, h * 3 // 4)
    painter.end()
    return QIcon(pixmap)


class ThumbnailSignals(QObject):
    """Reports from a thumbnail batch; it lives on the UI thread, so every slot runs there."""

    made = Signal(str, object)  # sha256, a QImage (or None when the file has no preview)
    progress = Signal(int, int, str)  # made so far, to make in all, the file being made


def make_thumbnails(
    media: MediaFolder,
    jobs: list[tuple[str, str, str]],
    signals: ThumbnailSignals,
    cancel: threading.Event,
    size: int | None = None,
    shown: int = ICON_SIZE,
    ratio: float = 1.0,
) -> int:
    """Runs on a worker: (sha256, stored path, file name) jobs. Cached thumbnails come first
    and fast; then the ones to make, with progress. Returns how many were made.

    Each image is `shown` logical pixels at most, made of `shown` × `ratio` device pixels
    (its devicePixelRatio is `ratio`), from a thumbnail at least that large."""
    from editordesk.media.thumbnails import cached_thumbnail, size_for_screen, thumbnail

    size = size or max(THUMB_SIZE, size_for_screen(shown, ratio))
    device = round(shown * ratio)

    def load(path: str) -> QImage | None:
        image = QImage(path)  # QImage, unlike QPixmap, may be made off the UI thread
        if image.isNull():
            return None
        if image.width() > device or image.height() > device:
            image = image.scaled(
                device,
                device,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        image.setDevicePixelRatio(ratio)
        return image

    to_make = []
    for sha256, stored, name in jobs:
        if cancel.is_set():
            return 0
        try:
            cached = cached_thumbnail(media, sha256, size)
        except EditorDeskError:
            cached = None
        if cached is None:
            to_make.append((sha256, stored, name))
        else:
            signals.made.emit(sha256, load(str(cached)))
    made = 0
    for number, (sha256, stored, name) in enumerate(to_make, 1):
        if cancel.is_set():
            break
        signals.progress.emit(number - 1, len(to_make), name)
        try:
            path = thumbnail(media, stored, sha256, size)
        except (EditorDeskError, OSError) as exc:
            log.info("no thumbnail for %s: %s", name, exc)
            signals.made.emit(sha256, None)
            continue
        made += 1
        signals.made.emit(sha256, load(str(path)))
    if to_make:
        signals.progress.emit(len(to_make), len(to_make), "")
    return made


def _read_page(store: Store, filters: ImageFilters, limit: int, offset: int) -> Page[ImageRecord]:
    """Runs on a worker: one page, and the number of matches with the first."""
    from editordesk.services.library import count_images, list_images

    flags = {
        "query": filters.query,
        "missing_credit": filters.missing_credit,
        "missing_alt": filters.missing_alt,
    }
    with store.read() as session:
        rows = list_images(session, limit=limit, offset=offset, **flags)
        total = count_images(session, **flags) if offset == 0 else -1
    return rows, total


PICTURE_MIME = "application/x-editordesk-image-ids"  # library pictures dragged: their ids
BODY_MIME = "application/x-editordesk-body"  # a body's Markdown, as visual/edit.py reads it


class ImageListModel(PagedRows["ImageRecord"], QAbstractListModel):
    """Library pictures, newest first, a page at a time; each row's icon is its thumbnail
    once made (a placeholder until then).

    `loaded` is emitted when a read settles; `thumbnail_progress(done, total, name)` while a
    batch of thumbnails is made and `thumbnails_settled` when no batch is running."""

    RecordRole = Qt.ItemDataRole.UserRole + 1
    ImageIdRole = Qt.ItemDataRole.UserRole + 2

    load_started = Signal()
    loaded = Signal()
    error = Signal(str)
    thumbnail_progress = Signal(int, int, str)
    thumbnails_settled = Signal()

    _read_failed = "the library could not be read"

    def __init__(
        self, store: Store | None, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._init_paging(page_size)
        self._store = store
        self._filters = ImageFilters()
        self._icons: dict[str, QIcon] = {}
        self._no_preview: set[str] = set()
        self._queued: dict[str, tuple[str, str, str]] = {}
        self._batch_running = False
        self._cancel = threading.Event()
        self._ratio = screen_ratio()  # thumbnails are made for the sharpest screen
        self._placeholder = placeholder_icon(ratio=self._ratio)
        self._broken = placeholder_icon(broken=True, ratio=self._ratio)
        self.destroyed.connect(self._cancel.set)
        theme.follow(self._palette_changed)

    def _palette_changed(self) -> None:
        """The placeholder frames in the new palette's greys."""
        self._placeholder = placeholder_icon(ratio=self._ratio)
        self._broken = placeholder_icon(broken=True, ratio=self._ratio)
        if self._rows:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.DecorationRole]
            )

    # ------------------------------------------------------------ state

    @property
    def filters(self) -> ImageFilters:
        return self._filters

    @property
    def thumbnails_busy(self) -> bool:
        return self._batch_running or bool(self._queued)

    def record(self, row: int) -> ImageRecord:
        return self._rows[row]

    def records(self) -> list[ImageRecord]:
        return list(self._rows)

    def has_thumbnail(self, image_id: int) -> bool:
        row = self.row_of(image_id)
        return row >= 0 and self._rows[row].sha256 in self._icons

    # ------------------------------------------------------------ changing the listing

    def set_filters(self, filters: ImageFilters) -> None:
        filters = ImageFilters(filters.query.strip(), filters.missing_credit, filters.missing_alt)
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def replace_record(self, record: ImageRecord) -> None:
        """Show a picture's saved fields in its row (it stays even if the filters would now
        leave it out, until the next reload)."""
        row = self.row_of(record.id)
        if row >= 0:
            self._rows[row] = record
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def bring_to_top(self, records: list[ImageRecord]) -> None:
        """Show these pictures first (just imported, whatever page they would fall on)."""
        self._queue_thumbnails(self._prepend_rows(records))

    def _can_read(self) -> bool:
        return self._store is not None

    def _page_reader(self, offset: int, limit: int) -> Callable[[], Page[ImageRecord]]:
        return partial(_read_page, self._store, self._filters, limit, offset)

    def _rows_settled(self, rows: list[ImageRecord]) -> None:
        self._queue_thumbnails(rows)

    # ------------------------------------------------------------ thumbnails

    def _queue_thumbnails(self, records: list[ImageRecord]) -> None:
        for record in records:
            if record.sha256 not in self._icons and record.sha256 not in self._no_preview:
                self._queued[record.sha256] = (record.sha256, record.path, record.original_name)
        self._next_batch()

    def _next_batch(self) -> None:
        if self._batch_running or not self._queued or self._store is None:
            return
        jobs = list(self._queued.values())
        self._queued.clear()
        self._batch_running = True
        signals = ThumbnailSignals()  # no parent: it outlives the model if the worker does
        signals.made.connect(self._thumbnail_made)
        signals.progress.connect(self.thumbnail_progress)

        def finished(_: object) -> None:
            signals.deleteLater()
            if shiboken6.isValid(self):
                self._batch_running = False
                if self._queued:
                    self._next_batch()
                else:
                    self.thumbnails_settled.emit()

        run_in_background(
            make_thumbnails,
            self._store.media,
            jobs,
            signals,
            self._cancel,
            ratio=self._ratio,
            on_done=finished,
            on_error=finished,
        )

    def _thumbnail_made(self, sha256: str, image: QImage | None) -> None:
        if image is None or image.isNull():
            self._no_preview.add(sha256)
        else:
            self._icons[sha256] = QIcon(QPixmap.fromImage(image))
        for row, record in enumerate(self._rows):
            if record.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # ------------------------------------------------------------ the list

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        fields = record.fields
        if role == Qt.ItemDataRole.DisplayRole:  # cut short: it is elided in the grid anyway
            name = plain.shorten(record.original_name, 200)
            return f"{name}\n{plain.shorten(fields.credit, 200) or 'No credit'}"
        if role == Qt.ItemDataRole.DecorationRole:
            if record.sha256 in self._no_preview:
                return self._broken
            return self._icons.get(record.sha256, self._placeholder)
        if role == Qt.ItemDataRole.ToolTipRole:  # shown as written, never as markup
            return plain.safe_tooltip(tooltip(record))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [record.original_name]
            parts.append(f"credit {fields.credit}" if fields.credit else "no credit")
            if not fields.alt_text:
                parts.append("no alt text")
            return ", ".join(parts)
        if role == self.RecordRole:
            return record
        if role == self.ImageIdRole:
            return record.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # A picture dragged out of the library into a story: its figure, as the body's Markdown
    # (the visual editor reads BODY_MIME into a card where it is dropped; the source editor
    # takes the text) and its id.
    def mimeTypes(self) -> list[str]:
        return [PICTURE_MIME, BODY_MIME, "text/plain"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        from editordesk.interchange.markdown import figure_code

        ids = list(
            dict.fromkeys(
                self._rows[i.row()].id
                for i in indexes
                if i.isValid() and 0 <= i.row() < len(self._rows)
            )
        )
        mime = QMimeData()
        codes = "\n\n".join(figure_code(image_id) for image_id in ids)
        mime.setData(PICTURE_MIME, ",".join(map(str, ids)).encode())
        mime.setData(BODY_MIME, codes.encode("utf-8"))
        mime.setText(codes)
        return mime


def describe_size(record: ImageRecord) -> str:
    """'2000 × 1333 px · JPEG · 1.2 MB'."""
    kind = record.mime_type.removeprefix("image/").upper() or "image"
    size = record.byte_size
    if size >= 1_000_000:
        amount = f"{size / 1_000_000:.1f} MB"
    elif size >= 1000:
        amount = f"{size / 1000:.0f} kB"
    else:
        amount = f"{size} bytes"
    return f"{record.width} × {record.height} px · {kind} · {amount}"


def tooltip(record: ImageRecord) -> str:
    """The picture's tooltip as plain text (the model escapes it where it needs to be)."""
    fields = record.fields
    lines = [plain.shorten(record.original_name, 300), describe_size(record)]
    credit = plain.shorten(fields.credit, 300)
    lines.append(
        QCoreApplication.translate("PictureLibrary", "Credit: {0}").format(credit)
        if credit
        else QCoreApplication.translate("PictureLibrary", "No credit yet")
    )
    lines.append(
        QCoreApplication.translate("PictureLibrary", "Alt text written")
        if fields.alt_text
        else QCoreApplication.translate("PictureLibrary", "No alt text yet")
    )
    if fields.caption:
        caption = fields.caption if len(fields.caption) <= 120 else fields.caption[:117] + "…"
        lines.append(caption)
    lines.append(
        QCoreApplication.translate(
            "PictureLibrary", "Double-click or press Enter to insert it into the story"
        )
    )
    return "\n".join(lines)
