"""Untrusted text reaches Qt as plain text.

Qt reads any string that looks like markup (`Qt::mightBeRichText`) as HTML in labels,
tooltips and message boxes, and loads the local file an `<img>` there names: a headline
`<img src="/dev/zero">` hovered in a list grows the window until it dies, a named pipe hangs
it for good. A headline, a caption, a file name, a colleague's name or an error message is
never markup of ours: these helpers show it as the characters it is.

- `plain_label`, `message_box` and `warning`/`critical`/`information`/`question` (drop-in
  for QMessageBox's static helpers, which read their text as rich text when it looks like it)
  make widgets that show text as written.
- `tooltip(text)` is a tooltip string showing `text` as written; `rich_tooltip(html)` marks
  markup we wrote ourselves (with anything untrusted in it escaped by `as_html`).
- `guard_tooltips()` installs, once per application, a filter on every tooltip about to be
  shown: one that Qt would read as rich text and that is neither `tooltip()`'s nor marked by
  `rich_tooltip` is shown escaped instead. It is the net under the call sites, for a model's
  `ToolTipRole`, a tab's, an action's or a preview's `title` that was missed.
- `open_picture(path, root)` reads a picture only if it is a regular file inside `root`,
  never a device, a pipe or a link out of it, and not larger than a cap.
"""

from __future__ import annotations

import logging
import os
import stat
from collections import OrderedDict
from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent, QTextOption
from PySide6.QtGui import Qt as GuiQt  # Qt::mightBeRichText lives in QtGui
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QToolTip,
    QWidget,
)

log = logging.getLogger(__name__)

# Past this a tooltip or label shows the start and an ellipsis: a 1 MB headline lays out
# slowly and no one reads it in a tooltip.
MAX_SHOWN = 2000
MAX_TITLE = 200  # a window or message box title
MAX_MESSAGE = 8000  # a message box's text: a list of files and their problems
MAX_DETAILS = 200_000  # "Show details…" scrolls; still not a whole file
MAX_PICTURE_BYTES = 200 * 1024 * 1024  # as the library takes (services/library.py)
# Qt wraps a run without spaces at word boundaries in time quadratic in the run's length
# (100,000 characters: 2.5 s; a megabyte: minutes). Longer runs wrap anywhere.
LONGEST_WORD_WRAPPED = 5000

_Button = QMessageBox.StandardButton
_OPEN = '<qt><p style="white-space:pre-wrap">'
_CLOSE = "</p></qt>"
_TRUSTED_KEPT = 1024
_trusted: OrderedDict[str, None] = OrderedDict()


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` cut to `limit` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` on one line (for a status bar or a title), shortened."""
    return shorten(" ".join(text.split()), limit)


def as_html(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` escaped for a place that takes rich text we wrote (line breaks kept)."""
    return escape(shorten(text, limit), quote=False).replace("\n", "<br>")


def looks_rich(text: str) -> bool:
    """Whether Qt would read `text` as rich text where the format is automatic."""
    return bool(GuiQt.mightBeRichText(text))


def tooltip(text: str) -> str:
    """A tooltip string that shows `text` as written, whatever it holds.

    Tooltips are read as rich text when they look like it, so the text is escaped inside
    markup that keeps its spaces and line breaks; an empty text stays empty (no tip)."""
    if not text:
        return ""
    return f"{_OPEN}{escape(shorten(text), quote=False)}{_CLOSE}"


def rich_tooltip(html: str) -> str:
    """Mark `html` as markup we wrote (anything untrusted in it went through `as_html`), so
    the tooltip guard shows it as rich text; returns it unchanged."""
    _trusted[html] = None
    _trusted.move_to_end(html)
    while len(_trusted) > _TRUSTED_KEPT:
        _trusted.popitem(last=False)
    return html


def is_safe_tooltip(text: str) -> bool:
    """Whether Qt may show `text` as it is: plain text Qt will not read as markup, short
    enough to lay out, or markup from `tooltip` or `rich_tooltip`."""
    if text in _trusted:
        return True
    if text.startswith(_OPEN) and text.endswith(_CLOSE):
        inner = text[len(_OPEN) : len(text) - len(_CLOSE)]
        return "<" not in inner and len(inner) <= 6 * MAX_SHOWN
    return len(text) <= MAX_SHOWN and not looks_rich(text)


def safe_tooltip(text: str) -> str:
    """`text` as it may be shown in a tooltip: itself if safe, else escaped."""
    return text if is_safe_tooltip(text) else tooltip(text)


def show_tooltip(pos: QPoint, text: str, widget: QWidget, rect: QRect | None = None) -> None:
    """QToolTip.showText for a tooltip that may hold untrusted text (escaped unless safe)."""
    if not text:
        QToolTip.hideText()
    elif rect is None:
        QToolTip.showText(pos, safe_tooltip(text), widget)
    else:
        QToolTip.showText(pos, safe_tooltip(text), widget, rect)


# ---------------------------------------------------------------------------- widgets


def plain_label(label: QLabel, text: str = "") -> QLabel:
    """Make `label` show plain text from now on, and show `text`."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(shorten(text))
    return label


def set_plain(label: QLabel, text: str, limit: int = MAX_SHOWN) -> None:
    """Show `text` in `label` as written (the label is made plain-text if it was not)."""
    if label.textFormat() != Qt.TextFormat.PlainText:
        label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(shorten(text, limit))


def wrap_mode_for(text: str) -> QTextOption.WrapMode:
    """How a text box should wrap `text`: at word boundaries as usual, unless it holds a run
    of thousands of characters without a space (a pasted blob, a hostile field), which Qt
    would take minutes to wrap so: then anywhere."""
    longest = max((len(word) for word in text.split()), default=0)
    if longest > LONGEST_WORD_WRAPPED:
        return QTextOption.WrapMode.WrapAnywhere
    return QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def set_plain_text(edit: QPlainTextEdit | QTextEdit, text: str) -> None:
    """Put all of `text` in a text box, wrapped as `wrap_mode_for` says."""
    edit.setWordWrapMode(wrap_mode_for(text))
    edit.setPlainText(text)


def show_status(widget: QWidget | None, text: str, timeout_ms: int = 0) -> None:
    """A message in the status bar of `widget`'s window (if it has one), on one line."""
    if widget is None:
        return
    window = widget.window()
    bar = window.findChild(QStatusBar) if window is not None else None
    if isinstance(bar, QStatusBar):
        bar.showMessage(one_line(text), timeout_ms)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
    *,
    buttons: QMessageBox.StandardButton = _Button.NoButton,
    default: QMessageBox.StandardButton = _Button.NoButton,
    details: str = "",
) -> QMessageBox:
    """A message box whose texts are shown as plain text (not yet shown: call `exec()` or
    `open()`). With no `buttons` it has an OK button."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(one_line(title, MAX_TITLE))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(shorten(text, MAX_MESSAGE))
    if informative:  # the informative label has no format of its own: escape it
        box.setInformativeText(f"{_OPEN}{escape(shorten(informative), quote=False)}{_CLOSE}")
    if details:
        box.setDetailedText(shorten(details, MAX_DETAILS))  # always shown as plain text
    if buttons != _Button.NoButton:
        box.setStandardButtons(buttons)
    if default != _Button.NoButton:
        box.setDefaultButton(default)
    return box


def _ask(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox.StandardButton:
    box = message_box(parent, icon, title, text, buttons=buttons, default=default)
    result = box.exec()
    clicked: QAbstractButton | None = box.clickedButton()  # None: closed without a click
    if clicked is not None:
        return box.standardButton(clicked)
    try:  # closed without a click (Esc with no escape button, or a test's stand-in exec)
        return _Button(result) if result > 0 else _Button.Cancel
    except ValueError:
        return _Button.Cancel


def warning(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = _Button.Ok,
    default: QMessageBox.StandardButton = _Button.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.warning, with `title` and `text` shown as written."""
    return _ask(QMessageBox.Icon.Warning, parent, title, text, buttons, default)


def critical(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = _Button.Ok,
    default: QMessageBox.StandardButton = _Button.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.critical, with `title` and `text` shown as written."""
    return _ask(QMessageBox.Icon.Critical, parent, title, text, buttons, default)


def information(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = _Button.Ok,
    default: QMessageBox.StandardButton = _Button.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.information, with `title` and `text` shown as written."""
    return _ask(QMessageBox.Icon.Information, parent, title, text, buttons, default)


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = _Button.Yes | _Button.No,
    default: QMessageBox.StandardButton = _Button.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.question, with `title` and `text` shown as written."""
    return _ask(QMessageBox.Icon.Question, parent, title, text, buttons, default)


# ---------------------------------------------------------------------------- files


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def picture_file(path: Path | str, root: Path | str, max_bytes: int = MAX_PICTURE_BYTES) -> str:
    """The real path of `path` if it is a regular file inside `root` of at most `max_bytes`,
    else ''. Only looks (stat): a pipe or a device is never opened."""
    try:
        real = os.path.realpath(path)
        if not _inside(real, os.path.realpath(root)):
            return ""
        info = os.stat(real)
    except (OSError, ValueError):
        return ""
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
        return ""
    return real


def open_picture(
    path: Path | str, root: Path | str, max_bytes: int = MAX_PICTURE_BYTES
) -> bytes | None:
    """The bytes of `path` if it is a regular file inside `root` of at most `max_bytes`,
    else None. A pipe, a device or a link leading out of `root` is never opened, and a file
    swapped for one between the look and the read is refused unread."""
    real = picture_file(path, root, max_bytes)
    if not real:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) <= max_bytes else None


# ---------------------------------------------------------------------------- the guard


def tooltip_at(widget: QWidget, pos: QPoint) -> tuple[str, QRect | None] | None:
    """The tooltip Qt is about to show for a help event at `pos` in `widget`, and the area
    it belongs to; None when Qt would show nothing there (it then asks the parent)."""
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractItemView) and parent.viewport() is widget:
        return _item_tooltip(parent, pos)
    if isinstance(parent, (QTextEdit, QPlainTextEdit)) and parent.viewport() is widget:
        text = parent.cursorForPosition(pos).charFormat().toolTip()
        return (text, None) if text else None
    if isinstance(widget, QTabBar):
        tab = widget.tabAt(pos)
        text = widget.tabToolTip(tab) if tab >= 0 else ""
        return (text, widget.tabRect(tab)) if text else None
    if isinstance(widget, QMenu) and widget.toolTipsVisible():
        action = widget.actionAt(pos)
        text = action.toolTip() if action is not None else ""
        return (text, widget.actionGeometry(action)) if text and action is not None else None
    text = widget.toolTip()
    return (text, None) if text else None


def _item_tooltip(view: QAbstractItemView, pos: QPoint) -> tuple[str, QRect | None] | None:
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return None
    if isinstance(view, QHeaderView):
        section = view.logicalIndexAt(pos)
        value = (
            model.headerData(section, view.orientation(), Qt.ItemDataRole.ToolTipRole)
            if section >= 0
            else None
        )
        rect = None
    else:
        index = view.indexAt(pos)
        value = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
        rect = view.visualRect(index) if index.isValid() else None
    if value is None or value == "":
        return None
    return (value if isinstance(value, str) else str(value)), rect


class ToolTipGuard(QObject):
    """An application event filter: a tooltip about to be shown that Qt would read as rich
    text, and that is not markup we wrote, is shown escaped instead (see the module's
    docstring). A tooltip it cannot read is not shown at all."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QHelpEvent):
            return False
        try:
            found = tooltip_at(watched, event.pos())
        except Exception:  # never let an unread tooltip through
            log.exception("a tooltip could not be checked; it is not shown")
            QToolTip.hideText()
            return True
        if found is None:
            return False  # Qt shows nothing here and asks the parent, which we see next
        text, rect = found
        if is_safe_tooltip(text):
            return False
        show_tooltip(event.globalPos(), text, watched, rect)
        event.accept()
        return True


def guard_tooltips(app: QApplication | None = None) -> ToolTipGuard | None:
    """Install the tooltip guard on the application (once; later calls return it)."""
    global _guard
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return None
    if _guard is not None and shiboken6.isValid(_guard) and _guard.parent() is app:
        return _guard
    _guard = ToolTipGuard(app)
    app.installEventFilter(_guard)
    return _guard


_guard: ToolTipGuard | None = None
