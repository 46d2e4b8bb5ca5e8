"""Markdown shown as it will read: headings larger, emphasis slanted, links and code set off,
and figure and tweet shortcodes as distinct tokens an editor spots at a glance."""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from editordesk.document.spelling import WordChecker
from editordesk.document.style import StyleChecker
from editordesk.gui import theme

_RULES = [
    ("heading", re.compile(r"^#{1,6}[ \t].*$")),
    ("quote", re.compile(r"^>.*$")),
    ("list", re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)")),
    ("strong", re.compile(r"(\*\*|__)(?=\S)(.+?\S)\1")),
    ("emphasis", re.compile(r"(?<![*_\w])([*_])(?![*_\s])(.+?[^\s*_])\1(?![*_\w])")),
    ("code", re.compile(r"`[^`\n]+`")),
    ("link", re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")),
    ("figure", re.compile(r"\{\{[<%]\s*figure\b.*?[>%]\}\}")),
    ("tweet", re.compile(r"\{\{[<%]\s*(?:x|tweet|twitter)\b.*?[>%]\}\}")),
    ("shortcode", re.compile(r"\{\{[<%]\s*/?\s*[A-Za-z][\w.-]*\b.*?[>%]\}\}")),
]
# Figure and tweet before the generic shortcode rule, all three before Markdown's.
_ORDER = (
    [r for r in _RULES if r[0] in ("figure", "tweet")]
    + [r for r in _RULES if r[0] == "shortcode"]
    + [r for r in _RULES if r[0] not in ("figure", "tweet", "shortcode")]
)
FENCE = re.compile(r"^(```|~~~)")
IN_FENCE = 1


def _formats(palette: QPalette) -> dict[str, QTextCharFormat]:
    """Each rule's look for this palette; every coloured text reads at 4.5:1 or more on the
    editor's background and on its own (theme.readable chooses the shade)."""
    dark = theme.is_dark(palette)
    base = palette.color(QPalette.ColorRole.Base)

    def tone(light: str, dark_: str) -> QColor:
        return QColor(dark_ if dark else light)

    def fmt(**kw: object) -> QTextCharFormat:
        f = QTextCharFormat()
        background = kw.get("background")
        if isinstance(background, QColor):
            f.setBackground(background)
        if isinstance(kw.get("color"), QColor):
            grounds = [base] + ([background] if isinstance(background, QColor) else [])
            f.setForeground(theme.readable(kw["color"], grounds))  # type: ignore[arg-type]
        if kw.get("bold"):
            f.setFontWeight(QFont.Weight.Bold)
        if kw.get("italic"):
            f.setFontItalic(True)
        if kw.get("mono"):
            f.setFontFamilies(["monospace"])
            f.setFontFixedPitch(True)
        if "scale" in kw:
            f.setProperty(QTextCharFormat.Property.FontSizeAdjustment, kw["scale"])
        return f

    muted = theme.secondary_text(palette)  # quotes and code blocks: quieter, still 4.5:1
    code = tone("#efefec", "#2e2e2e")
    return {
        "heading": fmt(bold=True, color=tone("#7a1f1f", "#f0a8a0"), scale=1),
        "quote": fmt(italic=True, color=muted),
        "list": fmt(bold=True, color=tone("#8a5a00", "#e8c070")),
        "strong": fmt(bold=True),
        "emphasis": fmt(italic=True),
        "code": fmt(mono=True, background=code, color=palette.color(QPalette.ColorRole.Text)),
        "link": fmt(color=tone("#1a5fb4", "#8cb8ff")),
        "figure": fmt(
            color=tone("#0b5d2e", "#b8f0c8"), background=tone("#dff3e4", "#1f3b2a"), bold=True
        ),
        "tweet": fmt(
            color=tone("#0d4f8b", "#b8dcff"), background=tone("#dcecfb", "#1c3347"), bold=True
        ),
        "shortcode": fmt(color=tone("#8a1c1c", "#ffb0b0"), background=tone("#fbe3e3", "#472020")),
        "fence": fmt(mono=True, color=muted, background=tone("#f5f5f2", "#262626")),
    }


SPELLING_COLOUR = QColor("#d0021b")  # red, as every word processor underlines
STYLE_COLOUR = QColor("#1a7f37")  # green: the house style, told apart from spelling


def underline_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """The spelling and the house-style underline for this palette (the colours above on a
    light one; lighter shades of them on a dark one, at 4.5:1 on the editor's background)."""
    base = [palette.color(QPalette.ColorRole.Base)]
    return theme.readable(SPELLING_COLOUR, base), theme.readable(STYLE_COLOUR, base)


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time, so typing in a 20,000-word story stays instant.

    With a `spelling` checker (document/spelling.py) misspelt words get a red wavy
    underline; with a `style` checker, departures from the house style a green one. Both
    are Qt-free, so a visual editor underlines the same words."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.formats = _formats(QApplication.palette())
        self.spelling_colour, self.style_colour = underline_colours(QApplication.palette())
        self.spelling: WordChecker | None = None
        self.style: StyleChecker | None = None

    def refresh_palette(self, palette: QPalette) -> None:
        """Colours for a new palette (the window calls it when the theme changes; the
        editor wraps it in formatting_only(), since Qt reports the redraw as an edit)."""
        self.formats = _formats(palette)
        self.spelling_colour, self.style_colour = underline_colours(palette)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        previous = self.previousBlockState()
        if FENCE.match(text):
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(0 if previous == IN_FENCE else IN_FENCE)
            return
        if previous == IN_FENCE:
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(0)
        taken: list[tuple[int, int]] = []
        for name, pattern in _ORDER:  # shortcodes first: they win over the rest
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                if name in ("figure", "tweet", "shortcode") and any(
                    s <= start < e for s, e in taken
                ):
                    continue
                if name in ("figure", "tweet", "shortcode"):
                    taken.append((start, end))
                elif any(s <= start < e for s, e in taken):
                    continue
                self.setFormat(start, end - start, self.formats[name])
        if self.spelling is not None:
            for word in self.spelling.line_misspellings(text):
                self._underline(word.start, word.end, self.spelling_colour)
        if self.style is not None:
            for finding in self.style.check_line(text):
                self._underline(finding.start, finding.end, self.style_colour)

    def _underline(self, start: int, end: int, colour: QColor) -> None:
        """A wavy underline over what the line's formats already show there."""
        position = start
        while position < end:  # one run per format already set (bold, a link…)
            base = self.format(position)
            run = position + 1
            while run < end and self.format(run) == base:
                run += 1
            underlined = QTextCharFormat(base)
            underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            underlined.setUnderlineColor(colour)
            self.setFormat(position, run - position, underlined)
            position = run
