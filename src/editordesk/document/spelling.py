"""Which words of a Markdown body a spelling check reads, and which of them it flags.

Qt-free and store-free, so the Markdown source editor, a visual editor and the command line
share it. Never read: web addresses, e-mail addresses, @handles, shortcodes with their
parameters, code (inline and fenced), link targets, HTML tags and anything with a digit;
all-capital acronyms by choice.
"""

from __future__ import annotations

import functools
import re
import threading
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


def normalise(word: str) -> str:
    """The form a dictionary looks up: typographic apostrophes as straight ones."""
    return word.replace("’", "'")


class WordChecker:
    """Answers "is this word right?" for one language, remembering every answer.

    `lookup` is the dictionary's own check (Enchant's, in the app); `known` are words that
    are right whatever it says: my dictionary, the desk's, those ignored in this story. One
    checker is shared by the background full check and the editor's line-at-a-time
    underlining, so the lock keeps the dictionary to one caller at a time."""

    def __init__(
        self,
        lookup: Callable[[str], bool],
        suggest: Callable[[str], list[str]] | None = None,
        known: Iterable[str] = (),
        *,
        skip_acronyms: bool = True,
    ) -> None:
        self._lookup = lookup
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

    def is_right(self, word: str) -> bool:
        word = normalise(word)
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if word in self._known or (word[:1].isupper() and word.lower() in self._known_lower):
            right = True
        else:
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
