"""The exported page's own colours read at WCAG AA (4.5:1) in its light and dark schemes:
every text colour the style sheet sets, against the background of that scheme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import editordesk

ARTICLE = Path(editordesk.__file__).parent / "resources" / "templates" / "html" / "article.html"
if not ARTICLE.exists():  # a source checkout keeps resources beside src/
    ARTICLE = Path(__file__).parents[2] / "resources" / "templates" / "html" / "article.html"

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})")
_BACKGROUND = re.compile(r"background:\s*(#[0-9a-fA-F]{3,6})")


def _luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(css: str) -> dict[str, str]:
    """Each selector (a comma list split) -> the text colour its rule sets."""
    out = {}
    for selectors, body in _RULE.findall(css):
        found = _COLOUR.search(body)
        if found:
            for selector in selectors.split(","):
                out[selector.strip()] = found.group(1)
    return out


def _schemes() -> dict[str, dict[str, str]]:
    """Selector -> text colour, for the light rules and for the dark media block (which
    inherits the light rules it does not override)."""
    style = ARTICLE.read_text(encoding="utf-8").split("<style>", 1)[1].split("</style>", 1)[0]
    light_css, _, dark_css = style.partition("@media (prefers-color-scheme: dark) {")
    light = _colours(light_css)
    return {"light": light, "dark": {**light, **_colours(dark_css)}}


def _background(scheme: str) -> str:
    style = ARTICLE.read_text(encoding="utf-8").split("<style>", 1)[1]
    light_css, _, dark_css = style.partition("@media (prefers-color-scheme: dark) {")
    css = dark_css if scheme == "dark" else light_css
    for selector, body in _RULE.findall(css):
        if selector.strip() == "body":
            found = _BACKGROUND.search(body)
            if found:
                return found.group(1)
    raise AssertionError(f"no body background in the {scheme} scheme")


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_on_the_page_reads_at_4_5(scheme: str) -> None:
    background = _background(scheme)
    colours = _schemes()[scheme]
    assert colours, "the style sheet sets no text colour"
    low = {
        selector: round(contrast(colour, background), 2)
        for selector, colour in colours.items()
        if contrast(colour, background) < 4.5
    }
    assert not low, f"{scheme}: text below 4.5:1 on {background}: {low}"


def test_links_have_a_dark_colour_of_their_own() -> None:
    # The browser's default link blue is 2.3:1 on the dark background.
    assert "a" in _schemes()["dark"]
