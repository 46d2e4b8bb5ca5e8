"""The window's colours: light and dark palettes, the system/light/dark choice, WCAG contrast,
and the colours chosen from a palette (secondary text, alarms) that follow it when it changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

CHOICES = ("system", "light", "dark")
CHOICE_TEXTS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
MINIMUM = 4.5  # WCAG 2 AA for text
NON_TEXT = 3.0  # WCAG 2 AA for the parts of a control and for symbols (status dots)
_MARGIN = 0.1  # chosen colours aim a little above the line, so rounding never drops below

# A few named colours each palette is built from (the light one is Fusion's own, with a
# darker selection so white text on it reads at 4.5:1).
LIGHT = {
    "window": "#efefef",
    "text": "#000000",
    "base": "#ffffff",
    "alternate": "#f7f7f7",
    "button": "#efefef",
    "highlight": "#2a6cad",
    "highlighted_text": "#ffffff",
    "link": "#0b57d0",
    "visited": "#7b1fa2",
    "tooltip": "#ffffdc",
    "tooltip_text": "#000000",
    "light": "#ffffff",
    "midlight": "#cacaca",
    "mid": "#b8b8b8",
    "dark": "#9f9f9f",
    "shadow": "#767676",
    "error": "#b3261e",
    "warning": "#8a5300",
}
DARK = {
    "window": "#2d2d2d",
    "text": "#e8e8e8",
    "base": "#1f1f1f",
    "alternate": "#282828",
    "button": "#383838",
    "highlight": "#5e9eea",  # light enough for the focus ring at 3:1, dark text on it
    "highlighted_text": "#000000",
    "link": "#8ab4f8",
    "visited": "#d7aefb",
    "tooltip": "#3a3a3a",
    "tooltip_text": "#f0f0f0",
    "light": "#505050",
    "midlight": "#444444",
    "mid": "#262626",
    "dark": "#1b1b1b",
    "shadow": "#0f0f0f",
    "error": "#ff8a80",
    "warning": "#e3b341",
}
_ROLES = {
    Role.Window: "window",
    Role.WindowText: "text",
    Role.Base: "base",
    Role.AlternateBase: "alternate",
    Role.Text: "text",
    Role.Button: "button",
    Role.ButtonText: "text",
    Role.Highlight: "highlight",
    Role.HighlightedText: "highlighted_text",
    Role.Accent: "highlight",
    Role.Link: "link",
    Role.LinkVisited: "visited",
    Role.ToolTipBase: "tooltip",
    Role.ToolTipText: "tooltip_text",
    Role.Light: "light",
    Role.Midlight: "midlight",
    Role.Mid: "mid",
    Role.Dark: "dark",
    Role.Shadow: "shadow",
}


# ------------------------------------------------------------------ contrast


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an opaque sRGB colour (0 black … 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = colour.redF(), colour.greenF(), colour.blueF()
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2 contrast of `fg` on `bg`, 1 to 21; a translucent `fg` is laid over `bg` first."""
    if fg.alphaF() < 1.0:
        fg = mix(bg, QColor(fg.red(), fg.green(), fg.blue()), fg.alphaF())
    a, b = relative_luminance(fg), relative_luminance(bg)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """`a` moved toward `b` by `share_of_b` (0 gives `a`, 1 gives `b`), opaque."""
    t = min(1.0, max(0.0, share_of_b))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark window."""
    return palette.color(Role.Window).lightness() < 128


def readable(
    colour: QColor | str, backgrounds: Iterable[QColor], minimum: float = MINIMUM
) -> QColor:
    """`colour`, or the nearest shade of it (same hue, lighter on dark backgrounds, darker on
    light ones) that reaches `minimum` contrast on every one of `backgrounds`."""
    colour = QColor(colour)
    grounds = list(backgrounds)
    target = minimum + _MARGIN

    def enough(c: QColor) -> bool:
        return all(contrast_ratio(c, bg) >= target for bg in grounds)

    if not grounds or enough(colour):
        return colour
    dark_ground = sum(relative_luminance(bg) for bg in grounds) / len(grounds) < 0.18
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    steps = 100
    for step in range(1, steps + 1):
        shift = step / steps
        level = min(1.0, lightness + shift) if dark_ground else max(0.0, lightness - shift)
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, level)
        if enough(candidate):
            return candidate
    return QColor("#ffffff" if dark_ground else "#000000")


def text_grounds(palette: QPalette) -> list[QColor]:
    """What text is drawn on: the window, the boxes and a list's alternate rows."""
    return [palette.color(Role.Window), palette.color(Role.Base), palette.color(Role.AlternateBase)]


def secondary_text(palette: QPalette) -> QColor:
    """The one colour for every quieter text (hints, notes, placeholders): the palette's text
    moved toward its window as far as it can go while keeping 4.5:1 on Window and Base."""
    text = palette.color(Role.WindowText)
    window = palette.color(Role.Window)
    grounds = text_grounds(palette)
    for step in range(70, -1, -1):  # from 70 % of the way to the window back to the text
        candidate = mix(text, window, step / 100)
        if all(contrast_ratio(candidate, bg) >= MINIMUM + _MARGIN for bg in grounds):
            return candidate
    return QColor(text)


def error_text(palette: QPalette) -> QColor:
    """A red for what is wrong or missing ("No credit", a slug already taken)."""
    named = DARK if is_dark(palette) else LIGHT
    return readable(named["error"], text_grounds(palette))


def found_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The background and text of a found word (Find's "Highlight all"): a yellow marker on
    a light palette, a dark amber on a dark one, the text on it at 4.5:1 or more."""
    if is_dark(palette):
        background, text = QColor("#7a5d00"), QColor("#ffffff")
    else:
        background, text = QColor("#ffe066"), QColor("#000000")
    return background, readable(text, [background])


def warning_text(palette: QPalette) -> QColor:
    """An amber for what needs a look but is not wrong."""
    named = DARK if is_dark(palette) else LIGHT
    return readable(named["warning"], text_grounds(palette))


# ------------------------------------------------------------------ palettes


def build_palette(colours: Mapping[str, str]) -> QPalette:
    """A full palette from the named colours (LIGHT or DARK); the placeholder colour is the
    secondary text colour, and disabled text a quieter shade of the text."""
    palette = QPalette()
    for role, name in _ROLES.items():
        palette.setColor(role, QColor(colours[name]))
    palette.setColor(Role.BrightText, QColor("#ffffff"))
    palette.setColor(Role.PlaceholderText, secondary_text(palette))
    text, window = QColor(colours["text"]), QColor(colours["window"])
    quiet = mix(text, window, 0.6)  # disabled controls: exempt from 4.5:1, still legible
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, quiet)
    palette.setColor(Group.Disabled, Role.Base, window)
    palette.setColor(Group.Disabled, Role.Highlight, mix(QColor(colours["highlight"]), window, 0.5))
    return palette


def light_palette() -> QPalette:
    return build_palette(LIGHT)


def dark_palette() -> QPalette:
    return build_palette(DARK)


_IGNORES_PALETTE = {"macos", "windowsvista"}


def resolve(choice: str, scheme: Qt.ColorScheme) -> str:
    """Which palette a choice gives, "light" or "dark": "system" follows the platform
    (light when it has no preference)."""
    if choice in ("light", "dark"):
        return choice
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(
    app: QGuiApplication, choice: str = "system", scheme: Qt.ColorScheme | None = None
) -> str:
    """Colour the application by `choice` ("system", "light" or "dark") and, for "system",
    keep following the platform's colour scheme (`scheme`, else as the platform says now)
    as it changes. Returns "light" or "dark".

    A native style that ignores palettes (macOS's, Windows 10's) gives way to Fusion, which
    honours them on every platform; a style chosen with -style is otherwise kept. No style
    sheet is set: other parts (the focus ring) may set the application's."""
    watcher = theme_watcher(app)
    watcher.choice = choice if choice in CHOICES else "system"
    chosen = resolve(watcher.choice, scheme or app.styleHints().colorScheme())
    if isinstance(app, QApplication):
        if app.style().name().lower() in _IGNORES_PALETTE:
            app.setStyle("Fusion")  # before the palette: a new style resets it
        if app.style().name().lower() == "fusion" and not isinstance(app.style(), EdgedStyle):
            watcher.style = EdgedStyle("Fusion")  # referenced, so Python keeps it alive
            app.setStyle(watcher.style)
    palette = dark_palette() if chosen == "dark" else light_palette()
    watcher.scheme = chosen
    app.setPalette(palette)
    return chosen


def edge_colour(palette: QPalette) -> QColor:
    """The edge of a check box or a radio button: 3:1 on the window and the boxes."""
    text, window = palette.color(Role.WindowText), palette.color(Role.Window)
    return readable(mix(text, window, 0.55), text_grounds(palette), NON_TEXT)


class EdgedStyle(QProxyStyle):
    """Fusion, with the edges of check boxes and radio buttons at 3:1 (Fusion draws them in
    a shade of the window: 1.2:1 in the dark theme, an unticked box all but invisible)."""

    _EDGED = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def name(self) -> str:
        """The style underneath ("fusion"), as `-style` and QStyleFactory name it."""
        return self.baseStyle().name()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._EDGED:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(edge_colour(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 1.5, 1.5)
        painter.restore()


class ThemeWatcher(QObject):
    """Tells the parts that chose colours from the palette when it changes (`changed`), and
    keeps a "system" choice in step with the platform's colour scheme."""

    changed = Signal()
    dark_preview_changed = Signal(bool)

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.choice = "system"
        self.scheme = ""
        self.dark_preview = False
        self.style: QProxyStyle | None = None
        self._app = app
        app.paletteChanged.connect(self._palette_changed)
        app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _palette_changed(self, _palette: QPalette) -> None:
        self.changed.emit()

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == "system" and self.scheme and resolve("system", scheme) != self.scheme:
            apply_theme(self._app, "system", scheme)

    def set_dark_preview(self, on: bool) -> None:
        if on != self.dark_preview:
            self.dark_preview = on
            self.dark_preview_changed.emit(on)


_WATCHER: ThemeWatcher | None = None


def theme_watcher(app: QGuiApplication | None = None) -> ThemeWatcher:
    """The application's one watcher (made on first use)."""
    global _WATCHER
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    assert isinstance(app, QGuiApplication), "a QApplication is needed first"
    if _WATCHER is None or not shiboken6.isValid(_WATCHER) or _WATCHER.parent() is not app:
        _WATCHER = ThemeWatcher(app)
    return _WATCHER


def follow(slot: Callable[[], object]) -> None:
    """Call `slot` (a QObject's method, disconnected when that object goes) whenever the
    application's palette changes."""
    theme_watcher().changed.connect(slot)


def app_palette() -> QPalette:
    return QGuiApplication.palette()


# ------------------------------------------------------------------ widgets


_ALL_ROLES = [role for role in Role if role not in (Role.NColorRoles, Role.NoRole)]


class _Tint(QObject):
    """Keeps a widget's text in a colour chosen from the application's palette."""

    def __init__(self, widget: QWidget, choose: Callable[[QPalette], QColor]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._choose = choose
        follow(self.apply)
        self.apply()

    def apply(self) -> None:
        if not shiboken6.isValid(self._widget):
            return
        source = app_palette()
        colour = self._choose(source)
        # Every role set from the application's palette, not left to be inherited: Qt tells
        # a widget with a palette of its own about the new one only after this runs.
        palette = QPalette()
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            for role in _ALL_ROLES:
                palette.setColor(group, role, source.color(group, role))
        for role in (Role.WindowText, Role.Text):
            palette.setColor(Group.Active, role, colour)
            palette.setColor(Group.Inactive, role, colour)
        self._widget.setPalette(palette)


def tint(widget: QWidget, choose: Callable[[QPalette], QColor]) -> None:
    """Draw `widget`'s text in `choose(palette)`, chosen again whenever the palette changes
    (replacing a colour set before)."""
    for old in widget.findChildren(_Tint, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.setParent(None)
        old.deleteLater()
    _Tint(widget, choose)


def make_secondary(widget: QWidget) -> QWidget:
    """Mark a hint or note as secondary text: quieter than the text, at 4.5:1 or more."""
    tint(widget, secondary_text)
    return widget


def untint(widget: QWidget) -> None:
    """Back to the palette's own text colour."""
    for old in widget.findChildren(_Tint, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.setParent(None)
        old.deleteLater()
    widget.setPalette(QPalette())


# ------------------------------------------------------------------ the preview page

_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_DARK_MEDIA = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
FALLBACK_DARK_CSS = """
body { background: #161616; color: #e8e6e3; }
a { color: #8ab4f8; }
pre, code { background: #242424; }
blockquote, figcaption { color: #c9c6c2; }
"""


def page_dark_rules(html: str) -> str:
    """The rules a page gives browsers in dark mode (its `@media (prefers-color-scheme:
    dark)` blocks, read from its <style> elements only: never from the story's text)."""
    found = []
    for style in _STYLE.finditer(html):
        css = style.group(1)
        for media in _DARK_MEDIA.finditer(css):
            depth, end = 1, media.end()
            while end < len(css) and depth:
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            found.append(css[media.end() : end - 1] if depth == 0 else css[media.end() :])
    return "\n".join(found)


def dark_page(html: str) -> str:
    """The page as a reader in dark mode sees it: its own dark rules made unconditional (Qt's
    preview does not read media queries), or, for a page without any, plain dark colours."""
    css = page_dark_rules(html) or FALLBACK_DARK_CSS
    style = f"<style>{css}</style>"
    head_end = _HEAD_END.search(html)
    if head_end is None:
        return style + html
    return html[: head_end.start()] + style + html[head_end.start() :]


# ------------------------------------------------------------------ sizes that follow the font


def fit_screen(widget: QWidget, wanted: QSize, share: float = 0.9) -> QSize:
    """`wanted`, or less on a smaller screen (`share` of the free room on `widget`'s screen),
    never below what the widget's layout needs at its font size."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else wanted
    least = widget.minimumSizeHint()
    width = max(least.width(), min(wanted.width(), int(room.width() * share)))
    height = max(least.height(), min(wanted.height(), int(room.height() * share)))
    return QSize(width, height)


def fit_line_edit(edit: QLineEdit, *samples: str) -> int:
    """Give `edit` the least width that shows each of `samples` (its placeholder, a typical
    value) whole at its font, with its frame and any clear button; returns the width."""
    metrics = edit.fontMetrics()
    frame = edit.sizeHint().width() - 17 * metrics.horizontalAdvance("x")  # as Qt sizes it
    texts = [*samples, edit.placeholderText()]
    width = max(metrics.horizontalAdvance(text) for text in texts) + max(frame, 8)
    if edit.isClearButtonEnabled():
        width += edit.sizeHint().height()
    edit.setMinimumWidth(width)
    return width
