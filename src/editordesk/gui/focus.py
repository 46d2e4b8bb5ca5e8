"""Keyboard focus: a ring that shows where it is, moving between the window's panes, and a
date field that one Tab crosses.

The ring is a thin widget drawn over each window around the widget with the focus, 2 px in
the palette's Highlight colour, from the moment a window opens (not only after the first key
press, as Qt's own styles do), on every kind of widget (the preview included). It sets no
style and no style sheet, so it lives beside gui/theme.py (which sets the Fusion style and
the palettes) and follows the palette whatever sets it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from editordesk.gui import theme

RING_WIDTH = 2
RECENT = 50  # widgets remembered for Ctrl+Tab to go back to
RING_NAME = "focusRing"
_TRACKER_NAME = "focusRingTracker"
# Events on the focused widget or its parents that move, hide or show it.
_GEOMETRY = {
    QEvent.Type.Move,
    QEvent.Type.Resize,
    QEvent.Type.Show,
    QEvent.Type.Hide,
    QEvent.Type.ParentChange,
    QEvent.Type.PaletteChange,
}


class FocusRing(QWidget):
    """The ring over one window: mouse clicks go through it, it never takes the focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(RING_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._ring = QRect()  # in this widget's coordinates: may run past its edges
        self._colour_from: QWidget | None = None
        self.hide()

    def place(self, target: QWidget, area: QRect) -> None:
        """Ring `area` (in the window's coordinates) of `target`, cut to where it shows."""
        window = self.parentWidget()
        assert window is not None
        shown = area
        parent = target.parentWidget()
        while parent is not None and parent is not window:
            shown = shown.intersected(
                QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
            )
            parent = parent.parentWidget()
        shown = shown.intersected(window.rect())
        if shown.isEmpty():
            self.hide()
            return
        ring = area.translated(-shown.topLeft())
        if (
            self.isVisible()
            and self._colour_from is target
            and self._ring == ring
            and self.geometry() == shown
        ):
            return  # as it is: no repaint (the ring is see-through, so one repaints below it)
        self._colour_from = target
        self._ring = ring
        self.setGeometry(shown)
        self.raise_()
        self.show()
        self.update()

    def colour(self) -> QColor:
        source = self._colour_from
        if source is not None and shiboken6.isValid(source):
            return ring_colour(source.palette())
        return ring_colour(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.colour())
        pen.setWidth(RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH // 2
        painter.drawRect(self._ring.adjusted(half, half, -half, -half))
        painter.end()


def ring_colour(palette: QPalette) -> QColor:
    """The palette's Highlight, or the nearest shade of it that stands out 3:1 (WCAG's least
    for a focus indicator) from the window and from the boxes it is drawn on; the dark
    palette's blue is too dark on its grey window."""
    highlight = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    grounds = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
    colour: QColor = theme.readable(highlight, grounds, theme.NON_TEXT)
    return colour


def ringed(widget: QWidget) -> QWidget | None:
    """The widget the ring goes round when `widget` has the focus: a combo box or spin box
    rather than the line edit inside it; None for menus and windows themselves."""
    if isinstance(widget, QMenu | QMenuBar) or widget.isWindow():
        return None
    parent = widget.parentWidget()
    if isinstance(parent, QComboBox | QAbstractSpinBox):
        return parent
    return widget


def ring_area(target: QWidget, window: QWidget) -> QRect:
    """What the ring surrounds, in `window`'s coordinates: the widget, or a tab bar's
    current tab."""
    rect = target.rect()
    if isinstance(target, QTabBar) and target.currentIndex() >= 0:
        rect = target.tabRect(target.currentIndex())
    return QRect(target.mapTo(window, rect.topLeft()), rect.size())


class FocusTracker(QObject):
    """Follows the application's focus and keeps each window's ring around it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_TRACKER_NAME)
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        # The ring moves once the event that moved the focus is over: never while a window
        # is being built or torn down.
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self._follow)
        # focusObjectChanged, not focusChanged, and taking no argument: the latter hands over
        # the widget that had the focus, which may be one being deleted (its conversion to
        # Python then crashes); the slot, a method, goes with the tracker.
        app.focusObjectChanged.connect(self._focus_moved)
        self._later.start()

    @Slot()
    def _focus_moved(self) -> None:
        self._later.start()

    @property
    def target(self) -> QWidget | None:
        """The widget ringed now."""
        if self._target is not None and not shiboken6.isValid(self._target):
            self._target = None
        return self._target

    def _follow(self) -> None:
        """Ring the widget with the focus now (or hide the ring it left)."""
        new = QApplication.focusWidget()
        if new is None or not shiboken6.isValid(new):
            return  # the application lost the focus: the rings stay as they were
        window = new.window()
        if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            return  # a menu or a combo box's list: the ring stays where it was
        target = ringed(new)
        previous = self.target
        if target is previous and target is not None:
            self.update_ring()
            return
        if previous is not None and previous.window() is not window:
            old_ring = ring_of(previous.window(), create=False)
            if old_ring is not None:
                old_ring.hide()
        self._unwatch()
        self._target = target
        if target is None:
            ring = ring_of(window, create=False)
            if ring is not None:
                ring.hide()
            return
        widget: QWidget | None = target
        while widget is not None:
            widget.installEventFilter(self)
            self._watched.append(widget)
            if widget is window:
                break
            widget = widget.parentWidget()
        self.update_ring()

    def _unwatch(self) -> None:
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []

    def update_ring(self) -> None:
        target = self.target
        if target is None:
            return
        window = target.window()
        if not window.isVisible():
            return
        ring = ring_of(window)
        if ring is None:
            return
        if not target.isVisible() or not target.hasFocus():
            ring.hide()
            return
        ring.place(target, ring_area(target, window))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            ring = ring_of(watched.window(), create=False)
            if ring is not None:
                ring.update()  # the new Highlight colour
        if kind in _GEOMETRY or (kind == QEvent.Type.Paint and isinstance(watched, QTabBar)):
            self._later.start()
        return False


def ring_of(window: QWidget, *, create: bool = True) -> FocusRing | None:
    """The ring drawn over `window` (made the first time it is needed)."""
    if not shiboken6.isValid(window):
        return None
    ring = window.findChild(FocusRing, RING_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if ring is None and create:
        ring = FocusRing(window)
    return ring


def install(app: QApplication | None = None) -> FocusTracker:
    """Show the focus ring in every window of the application (once; later calls return
    the same tracker)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QApplication), "a QApplication is needed first"
    tracker = app.findChild(FocusTracker, _TRACKER_NAME)
    if tracker is None:
        tracker = FocusTracker(app)
    return tracker


# ------------------------------------------------------------------ panes


def can_take_focus(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def first_focusable(pane: QWidget) -> QWidget | None:
    """The first widget in `pane` that Tab would stop at."""
    if can_take_focus(pane):
        return pane
    widget = pane.nextInFocusChain()
    while widget is not None and widget is not pane:
        if pane.isAncestorOf(widget) and can_take_focus(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


class PaneCycle(QObject):
    """Ctrl+Tab and Ctrl+Shift+Tab: from pane to pane of a window, wherever the focus is,
    back to the widget each pane last had the focus on (else its usual first stop).

    `panes()` gives the panes in order with the widget to start at in each; a pane may lie
    inside another (the side panel inside the story editor): the innermost one holding the
    focus is the one it is in."""

    def __init__(
        self,
        panes: Callable[[], Sequence[tuple[QWidget, QWidget | None]]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panes = panes
        self._recent: list[QWidget] = []  # the widgets that had the focus, the latest last
        # Noted once the focus has settled, never while widgets are built or taken down.
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self._remember)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusObjectChanged.connect(self._focus_moved)

    def _live_panes(self) -> list[tuple[QWidget, QWidget | None]]:
        try:
            return [(pane, start) for pane, start in self._panes() if pane.isVisible()]
        except RuntimeError:  # the window is being taken down: its parts are going
            return []

    def pane_of(self, widget: QWidget | None, panes: Sequence[QWidget]) -> int:
        """Which of `panes` holds `widget` (the innermost one), or -1."""
        best, depth = -1, -1
        for index, pane in enumerate(panes):
            if widget is not None and (pane is widget or pane.isAncestorOf(widget)):
                level, parent = 0, pane.parentWidget()
                while parent is not None:
                    level, parent = level + 1, parent.parentWidget()
                if level > depth:
                    best, depth = index, level
        return best

    @Slot()
    def _focus_moved(self) -> None:
        self._later.start()

    def _remember(self) -> None:
        new = QApplication.focusWidget()
        if new is None:
            return
        alive = [w for w in self._recent if shiboken6.isValid(w) and w is not new]
        self._recent = [*alive[-RECENT + 1 :], new]

    def move(self, forward: bool = True) -> QWidget | None:
        """Put the focus in the next (or previous) pane; returns the widget focused."""
        live = self._live_panes()
        if not live:
            return None
        panes = [pane for pane, _start in live]
        here = self.pane_of(QApplication.focusWidget(), panes)
        step = 1 if forward else -1
        start = here if here >= 0 else (-1 if forward else 0)
        for offset in range(1, len(live) + 1):
            pane, usual = live[(start + step * offset) % len(live)]
            widget = self._entry(pane, usual, panes)
            if widget is not None:
                widget.setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                return widget
        return None

    def _entry(
        self, pane: QWidget, usual: QWidget | None, panes: Sequence[QWidget]
    ) -> QWidget | None:
        for widget in reversed(self._recent):  # where the focus last was in this pane
            if not shiboken6.isValid(widget) or not can_take_focus(widget):
                continue
            index = self.pane_of(widget, panes)
            if index >= 0 and panes[index] is pane:
                return widget
        if usual is not None and can_take_focus(usual):
            return usual
        return first_focusable(pane)


# ------------------------------------------------------------------ a date in one stop


class OneStopDateTimeEdit(QDateTimeEdit):
    """A date and time field one Tab crosses: its day, month, year, hours and minutes are
    chosen with Left and Right (and changed with Up and Down), not with Tab, which QDateTimeEdit
    otherwise spends on each of them in turn."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class OneStopDateEdit(QDateEdit):
    """A date field one Tab crosses (Left and Right move between day, month and year)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


# ------------------------------------------------------------------ mnemonics


def mnemonic(text: str) -> str:
    """The letter after a single "&" in `text` (lower case), or "" if it has none."""
    index = 0
    while True:
        index = text.find("&", index)
        if index < 0 or index + 1 >= len(text):
            return ""
        if text[index + 1] == "&":
            index += 2
            continue
        return "" if text[index + 1].isspace() else text[index + 1].lower()


def without_mnemonic(text: str) -> str:
    """A menu or label text as shown: its mnemonic's "&" gone, "&&" a literal "&"."""
    return "&".join(part.replace("&", "") for part in text.split("&&"))


def with_mnemonics(texts: Sequence[str], taken: str = "") -> list[str]:
    """Menu or label texts (a literal "&" written "&&") each with a mnemonic no other has (nor
    any letter of `taken`): the first free letter starting a word, else any free letter; a
    text with its own mnemonic keeps it."""
    used = {c.lower() for c in taken} | {mnemonic(t) for t in texts} - {""}
    out = []
    for text in texts:
        if mnemonic(text):
            out.append(text)
            continue
        letters = [i for i, c in enumerate(text) if c.isalnum() and text[i - 1 : i] != "&"]
        starts = [i for i in letters if i == 0 or not text[i - 1].isalnum()]
        for i in starts + [i for i in letters if i not in starts]:
            if text[i].lower() not in used:
                used.add(text[i].lower())
                out.append(text[:i] + "&" + text[i:])
                break
        else:
            out.append(text)
    return out


# ------------------------------------------------------------------ Qt's own parts, named


def name_clear_button(edit: QLineEdit) -> None:
    """The clear button Qt puts in a search box (setClearButtonEnabled) announces what it
    clears, not an empty name."""
    what = edit.accessibleName() or QCoreApplication.translate("Focus", "the text")
    for button in edit.findChildren(QToolButton):
        if not button.accessibleName():
            button.setAccessibleName(QCoreApplication.translate("Focus", "Clear {0}").format(what))


def name_toolbar_overflow(toolbar: QToolBar) -> None:
    """The » button a narrow window shows at a toolbar's end."""
    button = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if button is not None:
        button.setAccessibleName(QCoreApplication.translate("Focus", "More toolbar commands"))
