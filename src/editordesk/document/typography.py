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
    out: list[str] = []
    pos = 0
    prev = before
    for m in _TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        if m.start() > pos:
            prev = text[m.start() - 1]
        token = m.group(0)
        after = text[m.end()] if m.end() < len(text) else ""
        if token == "---":
            mark = "\u2014"
        elif token == "--":
            mark = "\u2013"
        elif token == "...":
            mark = "\u2026"
        elif token == '"':
            mark = quotes.double_open if _opens(prev, after) else quotes.double_close
        elif prev.isalnum():
            mark = APOSTROPHE if after.isalpha() else quotes.single_close  # don't, dogs'
        elif _opens(prev, after):
            mark = APOSTROPHE if after.isdigit() else quotes.single_open  # '90s
        else:
            mark = quotes.single_close
        out.append(mark)
        prev = mark[-1]
        pos = m.end()
    out.append(text[pos:])
    result = "".join(out)
    if french:
        result = _FRENCH_SPACE.sub(NNBSP, result)
    return result


def _has_punct(text: str) -> bool:
    return any(c in text for c in ";:!?")


def _opens(prev: str, after: str) -> bool:
    """Whether a quote between `prev` and `after` opens (it follows a space or the start)."""
    if prev == "" or prev in _OPENS_AFTER:
        return bool(after) and not after.isspace()
    return False
