"""Which words of a Markdown body a spelling check reads, and which of them it flags.

Qt-free and store-free, so the Markdown source editor, a visual editor and the command line
share it. Never read: web addresses, e-mail addresses, @handles, shortcodes with their
parameters, code (inline and fenced), link targets, HTML tags and anything with a digit;
all-capital acronyms by choice; words written in a script the dictionary's language is not
(an Arabic name or sentence quoted in an English story).
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

# Spans blanked out before words are looked for (offsets stay as they were).
_SKIP = re.compile(
    r"""
      \{\{[<%].*?[>%]\}\}                       # a shortcode and its parameters
    | `[^`\n]*`                                 # inline code
    | \]\([^)\n]*\)                             # a link's target
    | <[a-zA-Z/!][^>\n]*>                       # an HTML tag or an autolink
    | (?<![^\s\[(])[^\s\[\]()]*?(?:\d|@|://|www\.|mailto:|\w\.[a-zA-Z]{2,})\S*
      # a run of text with a digit (numbers, dates), an address, an @handle or a domain;
      # anchored at the run's start, so a long line is read in one pass
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
FENCE = re.compile(r"^\s*(```|~~~)")
CACHE_LINES = 20_000  # lines remembered (a 20,000-word story has about 600)

# The scripts a language is written in, by its ISO 639 code (the part of a tag such as
# en_GB or sr-Latn before "_"/"-"); a language not named here is written in Latin letters,
# as nearly every Hunspell dictionary is. Script names are the first word of a letter's
# Unicode name ("ARABIC LETTER MEEM" -> ARABIC, "CJK UNIFIED IDEOGRAPH-4E00" -> CJK).
_JAPANESE = ("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA")
_NOT_LATIN: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv"), ("CYRILLIC",)
    ),
    "sr": ("CYRILLIC", "LATIN"),
    "el": ("GREEK",),
    **dict.fromkeys(("he", "yi", "iw"), ("HEBREW",)),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ug", "ckb", "sd"), ("ARABIC",)),
    **dict.fromkeys(("hi", "mr", "ne", "sa", "kok", "mai"), ("DEVANAGARI",)),
    **dict.fromkeys(("bn", "as"), ("BENGALI",)),
    "pa": ("GURMUKHI",),
    "gu": ("GUJARATI",),
    "or": ("ORIYA",),
    "ta": ("TAMIL",),
    "te": ("TELUGU",),
    "kn": ("KANNADA",),
    "ml": ("MALAYALAM",),
    "si": ("SINHALA",),
    "th": ("THAI",),
    "lo": ("LAO",),
    "km": ("KHMER",),
    "my": ("MYANMAR",),
    "bo": ("TIBETAN",),
    "ka": ("GEORGIAN",),
    "hy": ("ARMENIAN",),
    **dict.fromkeys(("am", "ti"), ("ETHIOPIC",)),
    "dv": ("THAANA",),
    "zh": ("CJK",),
    "ja": _JAPANESE,
    "ko": ("HANGUL", "CJK"),
}


@dataclass(frozen=True)
class Word:
    """A word of one line: where it starts and ends (in characters) and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Misspelling:
    """A flagged word: its line (1-based), where it is in the line, and the word."""

    line: int
    start: int
    end: int
    word: str


@functools.lru_cache(maxsize=4096)
def mask(line: str) -> str:
    """`line` with every span a check never reads blanked out, offsets kept (remembered:
    spelling and style, on a worker and as lines are drawn, mask the same lines)."""
    return _SKIP.sub(lambda m: " " * (m.end() - m.start()), line)


def line_words(line: str, *, skip_acronyms: bool = True) -> list[Word]:
    """The words of one line (outside code fences) a spelling check reads."""
    masked = mask(line)
    found = []
    for m in _WORD.finditer(masked):
        text = m.group()
        if len(text) < 2:
            continue
        if skip_acronyms and text.isupper():
            continue
        found.append(Word(m.start(), m.end(), text))
    return found


def body_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Each line of a body with its number (1-based) and whether it is code (in a fence)."""
    in_fence = False
    for number, line in enumerate(text.split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            yield number, line, True
            continue
        yield number, line, in_fence


def language_scripts(language: str) -> frozenset[str]:
    """The scripts a dictionary for `language` (a tag such as en_GB, de-DE, ru) reads."""
    code = language.replace("-", "_").split("_", 1)[0].lower()
    return frozenset(_NOT_LATIN.get(code, ("LATIN",)))


@functools.lru_cache(maxsize=8192)
def letter_script(letter: str) -> str:
    """The script of one letter, as the first word of its Unicode name ("" if it has none)."""
    return unicodedata.name(letter, "").split(" ", 1)[0]


def in_scripts(word: str, scripts: frozenset[str]) -> bool:
    """Whether `word` has a letter of one of `scripts`, so a dictionary of them can read it.

    A word with none (Arabic, Hebrew, Cyrillic, CJK... in an English story) is not the
    dictionary's to judge and is never flagged. A mixed word (Latin letters with a stray
    Arabic one) has a letter of the script and is checked: a stray letter of another
    script is a slip the reader should see."""
    return any(c.isalpha() and letter_script(c) in scripts for c in word)


def normalise(word: str) -> str:
    """The form a dictionary looks up: typographic apostrophes as straight ones."""
    return word.replace("’", "'")


class WordChecker:
    """Answers "is this word right?" for one language, remembering every answer.

    `lookup` is the dictionary's own check (Enchant's, in the app); `known` are words that
    are right whatever it says: my dictionary, the desk's, those ignored in this story. One
    checker is shared by the background full check and the editor's line-at-a-time
    underlining, so the lock keeps the dictionary to one caller at a time. `scripts` are
    those the dictionary reads (`language_scripts`): a word with no letter of them is never
    flagged; None reads every word."""

    def __init__(
        self,
        lookup: Callable[[str], bool],
        suggest: Callable[[str], list[str]] | None = None,
        known: Iterable[str] = (),
        *,
        skip_acronyms: bool = True,
        scripts: frozenset[str] | None = None,
    ) -> None:
        self._lookup = lookup
        self._scripts = scripts
        self._suggest = suggest
        self._known = {normalise(w) for w in known}
        self._known_lower = {w.lower() for w in self._known}
        self._cache: dict[str, bool] = {}
        self._lines: dict[str, list[Word]] = {}  # a line's flagged words
        self._lock = threading.Lock()
        self.skip_acronyms = skip_acronyms

    def learn(self, word: str) -> None:
        """Take `word` as right from now on (added to a dictionary or ignored)."""
        word = normalise(word)
        self._known.add(word)
        self._known_lower.add(word.lower())
        self._cache.pop(word, None)
        self._lines = {}

    def known(self) -> frozenset[str]:
        """The words taken as right whatever the dictionary says."""
        return frozenset(self._known)

    def reads(self, word: str) -> bool:
        """Whether the dictionary judges `word` at all (it is written in its script)."""
        return self._scripts is None or in_scripts(word, self._scripts)

    def is_right(self, word: str) -> bool:
        """Whether `word` is right; a word in a script the dictionary does not read is."""
        word = normalise(word)
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        right = (
            not self.reads(word)
            or word in self._known
            or (word[:1].isupper() and word.lower() in self._known_lower)
        )
        if not right:
            with self._lock:
                right = self._lookup(word)
        self._cache[word] = right
        return right

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        if self._suggest is None:
            return []
        with self._lock:
            found = self._suggest(normalise(word))
        return found[:limit]

    def line_misspellings(self, line: str) -> list[Word]:
        """The flagged words of one line of prose (not code), remembered until a word is
        learnt: the window underlines what the full check on a worker already read."""
        found = self._lines.get(line)
        if found is None:
            found = [
                w
                for w in line_words(line, skip_acronyms=self.skip_acronyms)
                if not self.is_right(w.text)
            ]
            if len(self._lines) > CACHE_LINES:
                self._lines = {}
            self._lines[line] = found
        return list(found)

    def check_text(self, text: str) -> list[Misspelling]:
        """Every flagged word of a whole body, in reading order."""
        found = []
        for number, line, code in body_lines(text):
            if code:
                continue
            for w in self.line_misspellings(line):
                found.append(Misspelling(number, w.start, w.end, w.text))
        return found
