"""Untrusted text reaches Qt as plain text.

Qt reads any string that looks like markup (`Qt::mightBeRichText`) as HTML in labels,
tooltips and message boxes, and loads the local file an `<img>` there names. A headline, a
caption, a file name, a colleague's name or an error message is never markup of ours: these
helpers show it as the characters it is.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# Past this a tooltip or label shows the start and an ellipsis: a 1 MB headline lays out
# slowly and no one reads it in a tooltip.
MAX_SHOWN = 2000


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` cut to `limit` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_html(text: str) -> str:
    """`text` escaped for a place that takes rich text we wrote (line breaks kept)."""
    return escape(shorten(text), quote=False).replace("\n", "<br>")


def tooltip(text: str) -> str:
    """A tooltip string that shows `text` as written, whatever it holds.

    Tooltips are always read as rich text when they look like it, so the text is escaped
    and wrapped in `<qt>`, which keeps Qt from guessing; an empty text stays empty (no tip).
    """
    if not text:
        return ""
    return f"<qt>{as_html(text)}</qt>"


def plain_label(label: QLabel, text: str = "") -> QLabel:
    """Make `label` show plain text from now on, and show `text`."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(shorten(text))
    return label


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
) -> QMessageBox:
    """A message box whose texts are shown as plain text (not yet shown: call `exec()`)."""
    box = QMessageBox(icon, shorten(title, 200), shorten(text), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(f"<qt>{as_html(informative)}</qt>")
    return box
