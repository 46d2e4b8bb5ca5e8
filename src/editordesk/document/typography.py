"""Typography on the way out: straight quotes curled, dashes and ellipses, by language.

Writers apply it to the words of text nodes only (never code, addresses or shortcodes); the
stored body keeps exactly what the editor typed, and quotes already curly are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: French puts it before ; ! ? and inside « »


@dataclass(frozen=True)
class Quotes:
    """A language's quotation marks: double open/close, single open/close."""

    double_open: str
    double_close: str
    single_open: str
    single_close: str


QUOTES = {
    "en": Quotes("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": Quotes("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": Quotes("\u00ab" + NBSP, NBSP + "\u00bb", "\u2039" + NBSP, NBSP + "\u203a"),
}
APOSTROPHE = "\u2019"
_OPENS_AFTER = frozenset(" \t\n\r([{\u2014\u2013-/" + NBSP + NNBSP + "\u00ab\u201c\u2018\u201e")
_TOKEN = re.compile(r"---|--|\.\.\.|[\"']")
_OPENERS = "".join(sorted(_OPENS_AFTER - {"\n", "\r", "\t", " "}))
_AFTER_OPENER = rf"(?:^|(?<=[\s{re.escape(_OPENERS)}]))"
_DOUBLE_OPEN = re.compile(_AFTER_OPENER + r'"(?=\S)')
_SINGLE_OPEN = re.compile(_AFTER_OPENER + r"'(?=\S)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|" + _AFTER_OPENER + r"'(?=\d)")
_FRENCH_SPACE = re.compile(r"[ ]+(?=[;:!?])")


def language_quotes(lang: str) -> Quotes:
    """The marks for a language tag ("de-CH" -> German); English for any other."""
    return QUOTES.get(lang.split("-")[0].split("_")[0].lower(), QUOTES["en"])


def smarten(text: str, lang: str = "en", before: str = "") -> str:
    """`text` with typographer's marks; `before` is the character written just before it
    (so a quote after emphasis closes). Text with no straight quote, `--` or `...` comes
    back as it was."""
    french = lang.startswith("fr")
    if _TOKEN.search(text) is None and not (french and _has_punct(text)):
        return text
    quotes = language_quotes(lang)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    lead = ""
    if before and before not in _OPENS_AFTER and text[:1] in ("'", '"'):
        # A quote straight after a word (or emphasis) closes it, or is an apostrophe.
        if text[0] == '"':
            lead = quotes.double_close
        else:
            lead = APOSTROPHE if before.isalnum() and text[1:2].isalpha() else quotes.single_close
        text = text[1:]
    if '"' in text:
        text = _DOUBLE_OPEN.sub(quotes.double_open, text).replace('"', quotes.double_close)
    if "'" in text:
        text = _APOSTROPHE.sub(APOSTROPHE, text)  # don't, '90s
        text = _SINGLE_OPEN.sub(quotes.single_open, text).replace("'", quotes.single_close)
    text = lead + text
    if french:
        text = _FRENCH_SPACE.sub(NNBSP, text)
    return text


def _has_punct(text: str) -> bool:
    return any(c in text for c in ";:!?")
