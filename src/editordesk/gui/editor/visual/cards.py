"""The cards the visual editor draws in place of an object character: a figure (the picture
at the column's width, its caption and credit as the page prints them), a tweet, a footnote
reference, a web picture and the "Notes" separator. Every word is drawn as plain text."""

from __future__ import annotations

import html
import logging
import re
import stat
import unicodedata
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPainter,
    QPalette,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from editordesk.export.credit import credit_line
from editordesk.gui.editor.visual import schema as s
from editordesk.model import ImageRecord, TweetRecord
from editordesk.text import long_date

# A badge keeps its words readable on any palette: near-black on amber (about 9.7:1).
BADGE_FILL = QColor("#FFB300")
BADGE_TEXT = QColor("#1A1A1A")
PICTURE_CAP = 200_000_000  # pixels: a larger picture is not decoded at all
MAX_PICTURE_HEIGHT = 720.0  # px: a tall picture is narrowed to keep its card on screen
IMAGE_CACHE = 48  # measured cards kept per document
IMAGE_BUDGET = 48 * 1024 * 1024  # bytes of decoded pictures kept per document (at least one)
TWEET_WIDTH = 560.0
PAD = 10.0
_log = logging.getLogger(__name__)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def plain(text: str) -> str:
    """Words as a reader sees them: a caption's or tweet's HTML tags dropped, entities
    read, runs of spaces made one (line ends kept as line separators)."""
    words = html.unescape(_TAG.sub("", text))
    lines = [_SPACE.sub(" ", line).strip() for line in words.splitlines()]
    out: str = s.LINE_SEP.join(line for line in lines if line)
    return out


def is_right_to_left(text: str) -> bool:
    """Whether text's first strongly directional letter is written right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def lum(c: QColor) -> float:
        def chan(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * chan(c.redF()) + 0.7152 * chan(c.greenF()) + 0.0722 * chan(c.blueF())

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ---------------------------------------------------------------- descriptions


def figure_words(record: ImageRecord | None) -> tuple[str, str]:
    """A figure's caption and credit as the page prints them (credit without its label)."""
    if record is None:
        return "", ""
    f = record.fields
    return plain(f.caption), plain(credit_line(f.credit, f.creator))


def describe_figure(image_id: int | None, assets: s.Assets) -> str:
    """A figure's accessible description."""
    record = assets.image(image_id) if image_id is not None else None
    if record is None:
        return (
            QCoreApplication.translate("VisualCards", "Picture {0} is not in the library").format(
                image_id
            )
            if image_id is not None
            else QCoreApplication.translate("VisualCards", "A picture not in the library")
        )
    caption, credit = figure_words(record)
    words = caption or plain(record.fields.alt_text) or record.original_name
    if credit:
        return QCoreApplication.translate("VisualCards", "Picture: {0} — {1}").format(words, credit)
    return QCoreApplication.translate("VisualCards", "Picture: {0}").format(words)


def describe_tweet(status_id: str, handle: str, assets: s.Assets) -> str:
    """A tweet's accessible description."""
    record = assets.tweet(status_id)
    if record is None:
        return QCoreApplication.translate("VisualCards", "Tweet by @{0} (not recorded)").format(
            handle
        )
    return QCoreApplication.translate("VisualCards", "Tweet by @{0}: {1}").format(
        record.handle or handle, plain(record.text)
    )


def describe_object(fmt: QTextFormat, assets: s.Assets | None = None) -> str:
    """An object character's accessible description ("Picture: <caption> — <credit>",
    "Tweet by @handle: <text>", "Footnote 2"); live from `assets` when given, else as
    written into the format when it was built."""
    kind = fmt.objectType()
    if kind == s.FIGURE_OBJECT:
        if assets is not None:
            value = fmt.property(s.IMAGE_ID)
            return describe_figure(value if isinstance(value, int) else None, assets)
        return fmt.stringProperty(s.ACCESSIBLE_TEXT) or QCoreApplication.translate(
            "VisualCards", "Picture"
        )
    if kind == s.TWEET_OBJECT:
        if assets is not None:
            handle = fmt.stringProperty(s.TWEET_HANDLE)
            return describe_tweet(fmt.stringProperty(s.TWEET_ID), handle, assets)
        return fmt.stringProperty(s.ACCESSIBLE_TEXT) or QCoreApplication.translate(
            "VisualCards", "Tweet"
        )
    if kind == s.FOOTNOTE_OBJECT:
        number = fmt.intProperty(s.FOOTNOTE_NUMBER) or fmt.stringProperty(s.FOOTNOTE_LABEL)
        if fmt.boolProperty(s.NOTE_MARK):
            return QCoreApplication.translate("VisualCards", "Note {0}").format(number)
        return QCoreApplication.translate("VisualCards", "Footnote {0}").format(number)
    if kind == s.WEB_IMAGE_OBJECT:
        alt = fmt.stringProperty(s.IMAGE_ALT)
        host = urlsplit(fmt.stringProperty(s.IMAGE_SRC)).hostname or QCoreApplication.translate(
            "VisualCards", "the web"
        )
        if alt:
            return QCoreApplication.translate("VisualCards", "Web picture from {0}: {1}").format(
                host, alt
            )
        return QCoreApplication.translate("VisualCards", "Web picture from {0}").format(host)
    if kind == s.NOTES_OBJECT:
        return QCoreApplication.translate("VisualCards", "Notes")
    return ""


# ---------------------------------------------------------------- helpers


def _palette(painter: QPainter) -> QPalette:
    device = painter.device()
    if isinstance(device, QWidget):
        return device.palette()
    return QGuiApplication.palette()


def column_width(doc: QTextDocument, position: int) -> float:
    """The width a block-wide card has at `position`: the text width less the margins and
    the block's own indent."""
    width = doc.textWidth()
    if width <= 0:
        width = doc.pageSize().width()
    if width <= 0:
        width = 680.0
    width -= 2 * doc.documentMargin()
    block = doc.findBlock(position)
    if block.isValid():
        bf = block.blockFormat()
        width -= bf.leftMargin() + bf.rightMargin() + bf.indent() * doc.indentWidth()
        text_list = block.textList()
        if text_list is not None:
            width -= text_list.format().indent() * doc.indentWidth()
    return max(width - 2.0, 80.0)


def _layout(
    text: str, font: QFont, width: float, formats: list[QTextLayout.FormatRange] | None = None
) -> tuple[QTextLayout, float]:
    """Plain text laid out in lines `width` wide, in the text's own direction."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    rtl = is_right_to_left(text)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    if formats:
        layout.setFormats(formats)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start, r.length, r.format = start, length, fmt
    return r


def _badge(painter: QPainter, x: float, y: float, words: str, font: QFont) -> float:
    """An amber badge with words at (x, y); returns its width."""
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
    small.setWeight(QFont.Weight.DemiBold)
    fm = QFontMetricsF(small)
    rect = QRectF(x, y, fm.horizontalAdvance(words) + 12, fm.height() + 4)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_FILL)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(BADGE_TEXT)
    painter.setFont(small)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), words)
    return rect.width()


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def missing_marks(record: ImageRecord) -> list[str]:
    """What a figure's badge says is missing: alt text, credit."""
    marks = []
    if not record.fields.alt_text.strip():
        marks.append(QCoreApplication.translate("VisualCards", "No alt text"))
    if not credit_line(record.fields.credit, record.fields.creator):
        marks.append(QCoreApplication.translate("VisualCards", "No credit"))
    return marks


# ---------------------------------------------------------------- the cards


class _Card(QPyTextObject):
    def __init__(self, doc: QTextDocument, assets: s.Assets) -> None:
        super().__init__(doc)
        self.assets = assets

    def font(self, doc: QTextDocument, fmt: QTextFormat) -> QFont:
        return QFont(doc.defaultFont())

    # Qt calls these from C++: an exception escaping them would take the editor down, so a
    # card that cannot be measured or drawn is logged and left small and blank instead.

    def intrinsicSize(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        try:
            return self.size(doc, position, fmt)
        except Exception:
            _log.exception("a card could not be measured")
            return QSizeF(16.0, 16.0)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        try:
            self.draw(painter, QRectF(rect), doc, position, fmt)
        except Exception:
            _log.exception("a card could not be drawn")

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        raise NotImplementedError

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        raise NotImplementedError


class FigureCard(_Card):
    """A library picture scaled to the column (never past its own size, as the page's
    `max-width: 100%`), its caption and credit beneath."""

    def __init__(self, doc: QTextDocument, assets: s.Assets) -> None:
        super().__init__(doc, assets)
        self.images: OrderedDict[tuple[int, int, float], QImage] = OrderedDict()
        self.image_bytes = 0
        self.sizes: dict[tuple[int, str], QSize] = {}
        self.measured: dict[
            tuple[object, ...], tuple[float, QSizeF, QTextLayout | None, float]
        ] = {}

    def picture(self, image_id: int | None) -> tuple[ImageRecord | None, Path | None, QSize]:
        """The record, the file and the picture's upright size (empty when not drawable)."""
        if image_id is None:
            return None, None, QSize()
        record = self.assets.image(image_id)
        path = self.assets.picture_path(image_id) if record is not None else None
        if record is None or path is None:
            return record, None, QSize()
        key = (image_id, str(path))
        size = self.sizes.get(key)
        if size is None and not _regular_file(path):
            size = self.sizes[key] = QSize()  # a pipe or a device would never end a read
        if size is None:
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if (
                size.isValid()
                and reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90
            ):
                size = size.transposed()
            if not size.isValid() and record.width > 0 and record.height > 0:
                size = QSize(record.width, record.height)
            if size.isValid() and size.width() * size.height() > PICTURE_CAP:
                size = QSize()
            self.sizes[key] = size
        return record, path if size.isValid() else None, size

    def geometry(
        self, doc: QTextDocument, position: int, fmt: QTextFormat
    ) -> tuple[float, QSizeF, QTextLayout | None, float]:
        """The card's width, the picture's drawn size, the caption's layout and height."""
        width = column_width(doc, position)
        value = fmt.property(s.IMAGE_ID)
        image_id = value if isinstance(value, int) else None
        record, path, size = self.picture(image_id)
        font = self.font(doc, fmt)
        key = (image_id, width, record, path, font.key())
        known = self.measured.get(key)
        if known is not None:
            return known
        if path is not None and size.width() > 0:
            # As the page shows it (max-width: 100%): at most the column's width, never
            # enlarged past its own.
            scale = min(width / size.width(), 1.0)
            if size.height() * scale > MAX_PICTURE_HEIGHT:
                scale = MAX_PICTURE_HEIGHT / size.height()
            drawn = QSizeF(size.width() * scale, size.height() * scale)
        else:
            drawn = QSizeF(width, 96.0)
        caption, credit = figure_words(record)
        layout = None
        height = 0.0
        if caption or credit:
            text = caption
            formats = []
            if credit:
                label = QCoreApplication.translate("VisualCards", "Credit: ")
                text += (" " if caption else "") + label
                start = len(text) - len(label)
                text += credit
                muted = QTextCharFormat()
                muted.setFontPointSize(max(font.pointSizeF() * 0.9, 7.0))
                formats.append(_range(start, len(text) - start, muted))
            layout, height = _layout(text, font, width, formats)
        if len(self.measured) > IMAGE_CACHE:
            self.measured.clear()
        self.measured[key] = (width, drawn, layout, height)
        return width, drawn, layout, height

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        width, drawn, _unused, height = self.geometry(doc, position, fmt)
        gap = 6.0 if height else 0.0
        return QSizeF(width, drawn.height() + gap + height + 2.0)

    def scaled(self, image_id: int, path: Path, size: QSizeF, ratio: float) -> QImage | None:
        """The picture decoded at the size it is drawn, at the screen's pixel ratio."""
        key = (image_id, round(size.width()), ratio)
        image = self.images.get(key)
        if image is not None:
            self.images.move_to_end(key)
            return image
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        pixels = QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
            reader.setScaledSize(pixels.transposed())
        else:
            reader.setScaledSize(pixels)
        image = reader.read()
        if image.isNull():
            return None
        if image.size() != pixels:
            image = image.scaled(
                pixels,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        image.setDevicePixelRatio(ratio)
        self.images[key] = image
        self.image_bytes += image.sizeInBytes()
        while self.image_bytes > IMAGE_BUDGET and len(self.images) > 1:
            _key, dropped = self.images.popitem(last=False)
            self.image_bytes -= dropped.sizeInBytes()
        return image

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        palette = _palette(painter)
        _width, drawn, layout, _height = self.geometry(doc, position, fmt)
        value = fmt.property(s.IMAGE_ID)
        image_id = value if isinstance(value, int) else None
        record, path, _size = self.picture(image_id)
        painter.save()
        try:
            x0 = rect.x()
            area = QRectF(x0, rect.y(), drawn.width(), drawn.height())
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            image = (
                self.scaled(image_id, path, drawn, ratio)
                if path is not None and image_id is not None
                else None
            )
            font = self.font(doc, fmt)
            if image is not None:
                painter.drawImage(area, image)
            else:
                painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
                painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
                painter.drawRect(area.adjusted(0.5, 0.5, -0.5, -0.5))
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                painter.setFont(font)
                if record is None:
                    words = (
                        QCoreApplication.translate(
                            "VisualCards", "Picture {0} is not in the library"
                        ).format(image_id)
                        if image_id is not None
                        else QCoreApplication.translate(
                            "VisualCards", "This figure names no library picture"
                        )
                    )
                elif path is None:
                    words = QCoreApplication.translate(
                        "VisualCards", "Picture {0}'s file is missing from the media folder"
                    ).format(image_id)
                else:
                    words = QCoreApplication.translate(
                        "VisualCards", "Picture {0}'s file could not be read"
                    ).format(image_id)
                painter.drawText(
                    area.adjusted(8, 8, -8, -8),
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                    words,
                )
            if record is not None:
                x = area.x() + 6
                for mark in missing_marks(record):
                    x += _badge(painter, x, area.y() + 6, mark, font) + 6
            if layout is not None:
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                layout.draw(painter, QPointF(rect.x(), rect.y() + drawn.height() + 6.0))
        finally:
            painter.restore()


class TweetCard(_Card):
    """A tweet as the offline page shows it: its words, then who posted it and when."""

    def __init__(self, doc: QTextDocument, assets: s.Assets) -> None:
        super().__init__(doc, assets)
        self.measured: dict[
            tuple[object, ...], tuple[float, QTextLayout, float, QTextLayout, float]
        ] = {}

    def lines(
        self, doc: QTextDocument, position: int, fmt: QTextFormat
    ) -> tuple[float, QTextLayout, float, QTextLayout, float]:
        width = min(column_width(doc, position), TWEET_WIDTH)
        inner = width - 2 * PAD
        status_id = fmt.stringProperty(s.TWEET_ID)
        handle = fmt.stringProperty(s.TWEET_HANDLE)
        record: TweetRecord | None = self.assets.tweet(status_id)
        font = self.font(doc, fmt)
        key = (status_id, handle, width, record, font.key())
        known = self.measured.get(key)
        if known is not None:
            return known
        if record is not None:
            handle = record.handle or handle
            words = plain(record.text) or QCoreApplication.translate(
                "VisualCards", "(no words recorded)"
            )
            name = record.display_name or handle
            when = long_date(record.posted) if record.posted else ""
        else:
            words = QCoreApplication.translate(
                "VisualCards", "Tweet {0} is not recorded in the library"
            ).format(status_id)
            name, when = handle, ""
        text_layout, text_height = _layout(words, font, inner)
        by = f"— {name} (@{handle})" + (f" · {when}" if when else "")
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        by_layout, by_height = _layout(by, small, inner)
        if len(self.measured) > IMAGE_CACHE:
            self.measured.clear()
        self.measured[key] = (width, text_layout, text_height, by_layout, by_height)
        return width, text_layout, text_height, by_layout, by_height

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        width, _t, text_height, _b, by_height = self.lines(doc, position, fmt)
        return QSizeF(width, text_height + by_height + 3 * PAD)

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        palette = _palette(painter)
        width, text_layout, text_height, by_layout, _by_height = self.lines(doc, position, fmt)
        painter.save()
        try:
            box = QRectF(rect.x(), rect.y(), width, rect.height()).adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(box, 8, 8)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            text_layout.draw(painter, QPointF(rect.x() + PAD, rect.y() + PAD))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            by_layout.draw(painter, QPointF(rect.x() + PAD, rect.y() + 2 * PAD + text_height))
        finally:
            painter.restore()


class FootnoteCard(_Card):
    """A footnote reference (or a note's own number): its number, superscript."""

    def __init__(self, doc: QTextDocument, assets: s.Assets) -> None:
        super().__init__(doc, assets)
        self.key: tuple[int, int] = (-1, -1)
        self.order: dict[str, int] = {}

    def numbers(self, doc: QTextDocument) -> dict[str, int]:
        """Each label's number: the order of first reference, counted once per revision."""
        key = (doc.revision(), doc.characterCount())
        if key == self.key:
            return self.order
        text = doc.toRawText()
        # Read-only walks only: this runs inside the layout, where moving a cursor is unsafe.
        order: dict[str, int] = {}
        at = text.find(s.OBJECT_CHAR)
        while at >= 0:
            block = doc.findBlock(at)
            end = block.position() + block.length()
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                it += 1
                if s.OBJECT_CHAR not in frag.text():
                    continue
                f = frag.charFormat()
                if f.objectType() == s.FOOTNOTE_OBJECT and not f.boolProperty(s.NOTE_MARK):
                    label = f.stringProperty(s.FOOTNOTE_LABEL)
                    if label not in order:
                        order[label] = len(order) + 1
            at = text.find(s.OBJECT_CHAR, max(end, at + 1))
        self.key, self.order = key, order
        return order

    def words(self, doc: QTextDocument, fmt: QTextFormat) -> str:
        label = fmt.stringProperty(s.FOOTNOTE_LABEL)
        number = self.numbers(doc).get(label)
        text = str(number) if number is not None else "?"
        return f"{text}." if fmt.boolProperty(s.NOTE_MARK) else text

    def small(self, doc: QTextDocument, fmt: QTextFormat) -> tuple[QFont, QFont]:
        font = self.font(doc, fmt)
        if fmt.boolProperty(s.NOTE_MARK):
            return font, font
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.72, 6.0))
        return font, small

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        font, small = self.small(doc, fmt)
        words = self.words(doc, fmt)
        extra = 6.0 if fmt.boolProperty(s.NOTE_MARK) else 2.0
        return QSizeF(
            QFontMetricsF(small).horizontalAdvance(words) + extra, QFontMetricsF(font).ascent()
        )

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        palette = _palette(painter)
        _font, small = self.small(doc, fmt)
        painter.save()
        try:
            role = (
                QPalette.ColorRole.PlaceholderText
                if fmt.boolProperty(s.NOTE_MARK)
                else QPalette.ColorRole.Link
            )
            painter.setPen(palette.color(role))
            painter.setFont(small)
            baseline = rect.y() + QFontMetricsF(small).ascent()
            painter.drawText(QPointF(rect.x() + 1.0, baseline), self.words(doc, fmt))
        finally:
            painter.restore()


class WebImageCard(_Card):
    """A picture from the web: a box with its words and host (its address is never loaded)."""

    def words(self, fmt: QTextFormat) -> str:
        alt = fmt.stringProperty(s.IMAGE_ALT) or "picture"
        host = urlsplit(fmt.stringProperty(s.IMAGE_SRC)).hostname or "the web"
        return f"{alt} · {host}"

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        fm = QFontMetricsF(self.font(doc, fmt))
        width = min(fm.horizontalAdvance(self.words(fmt)) + 14, column_width(doc, position))
        return QSizeF(width, fm.height() + 4)

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        palette = _palette(painter)
        font = self.font(doc, fmt)
        painter.save()
        try:
            box = rect.adjusted(0.5, 0.5, -0.5, -0.5)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.setFont(font)
            words = QFontMetricsF(font).elidedText(
                self.words(fmt), Qt.TextElideMode.ElideRight, rect.width() - 12
            )
            painter.drawText(rect.adjusted(6, 0, -6, 0), int(Qt.AlignmentFlag.AlignVCenter), words)
        finally:
            painter.restore()


class NotesCard(_Card):
    """The separator above the footnotes: a rule and the word "Notes"."""

    def size(self, doc: QTextDocument, position: int, fmt: QTextFormat) -> QSizeF:
        fm = QFontMetricsF(self.font(doc, fmt))
        return QSizeF(column_width(doc, position), fm.height() * 1.6)

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        doc: QTextDocument,
        position: int,
        fmt: QTextFormat,
    ) -> None:
        palette = _palette(painter)
        font = self.font(doc, fmt)
        font.setWeight(QFont.Weight.DemiBold)
        painter.save()
        try:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            y = rect.y() + 2.5
            painter.drawLine(QPointF(rect.x(), y), QPointF(rect.right(), y))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setFont(font)
            painter.drawText(
                rect.adjusted(0, 4, 0, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                QCoreApplication.translate("VisualCards", "Notes"),
            )
        finally:
            painter.restore()


_HANDLERS: dict[int, type[_Card]] = {
    s.FIGURE_OBJECT: FigureCard,
    s.TWEET_OBJECT: TweetCard,
    s.FOOTNOTE_OBJECT: FootnoteCard,
    s.WEB_IMAGE_OBJECT: WebImageCard,
    s.NOTES_OBJECT: NotesCard,
}
_KEPT = "_editordesk_cards"


def register_cards(doc: QTextDocument, assets: s.Assets) -> None:
    """Draw `doc`'s object characters as cards using `assets` (again: replaces the cards)."""
    layout = doc.documentLayout()
    cards: dict[int, _Card] = {}
    for kind, card_type in _HANDLERS.items():
        card = card_type(doc, assets)
        layout.registerHandler(kind, card)
        cards[kind] = card
    # The layout holds only a C++ pointer: the Python cards must outlive it.
    old: dict[int, _Card] = getattr(doc, _KEPT, {})
    setattr(doc, _KEPT, cards)
    for card in old.values():
        card.setParent(None)


def cards_of(doc: QTextDocument) -> dict[int, QObject]:
    """The cards registered on `doc`, by object type (for tests and the editor)."""
    return dict(getattr(doc, _KEPT, {}))


def refresh_cards(doc: QTextDocument) -> None:
    """Measure and draw `doc`'s cards again (a caption, credit or tweet changed in the
    library): their caches are emptied and only the object characters laid out anew."""
    for card in getattr(doc, _KEPT, {}).values():
        for cache in ("measured", "images", "sizes"):
            held = getattr(card, cache, None)
            if held is not None:
                held.clear()
        if isinstance(card, FigureCard):
            card.image_bytes = 0
    text = doc.toRawText()
    at = text.find(s.OBJECT_CHAR)
    while at >= 0:
        doc.markContentsDirty(at, 1)
        at = text.find(s.OBJECT_CHAR, at + 1)
