"""House style: a desk's rules (preferred forms, words to avoid, numbers, names, lengths) read
from YAML, and the findings they make in a story, each with its fix where there is one.

Qt-free and store-free: the editor underlines these, Checks lists them, the command line
prints them. The same spans a spelling check never reads (shortcodes, addresses, code) are
never read here either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from editordesk.document.spelling import body_lines, mask
from editordesk.errors import ValidationError

NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DIGIT = re.compile(r"(?<![\w.,:/£$€%-])([1-9])(?![\w.,:/%-])")
CACHE_LINES = 20_000  # lines remembered (a 20,000-word story has about 600)
_KEYS = {"name", "preferred", "avoid", "numbers", "names", "headline_max", "standfirst_max"}


@dataclass(frozen=True)
class StyleGuide:
    """A desk's house style, as its YAML file says."""

    name: str = ""
    preferred: dict[str, str] = field(default_factory=dict)  # wrong form -> right form
    avoid: dict[str, str] = field(default_factory=dict)  # word -> why (double-check it)
    numbers_in_words: bool = False  # one to nine in words
    names: tuple[str, ...] = ()  # names as the desk capitalises them
    headline_max: int | None = None  # characters
    standfirst_max: int | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.preferred
            or self.avoid
            or self.numbers_in_words
            or self.names
            or self.headline_max
            or self.standfirst_max
        )


@dataclass(frozen=True)
class StyleFinding:
    """A place a story departs from the house style; `fix` replaces `text` when given."""

    field: str  # headline, standfirst or body
    line: int | None  # in the body (1-based)
    start: int
    end: int
    text: str
    message: str
    fix: str | None = None


def _limit(value: Any, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(f"style: {key} must be a whole number of characters, not {value!r}")
    return value


def _mapping(value: Any, key: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(f"style: {key} must be a list of 'word: ...' lines")
    out = {}
    for k, v in value.items():
        if not isinstance(k, str) or not k.strip():
            raise ValidationError(f"style: {key} has an entry with no word: {k!r}")
        out[k.strip()] = "" if v is None else str(v).strip()
    return out


def parse_style(text: str) -> StyleGuide:
    """The style a YAML file describes; ValidationError naming what is wrong."""
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ValidationError(f"style: the file is not valid YAML{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValidationError("style: the file must be a set of 'key: value' settings")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise ValidationError(
            f"style: unknown setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})"
        )
    numbers = data.get("numbers")
    if numbers not in (None, "words-to-nine", "digits"):
        raise ValidationError("style: numbers must be 'words-to-nine' or 'digits'")
    names = data.get("names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValidationError("style: names must be a list of names")
    return StyleGuide(
        name=str(data.get("name") or ""),
        preferred=_mapping(data.get("preferred"), "preferred"),
        avoid=_mapping(data.get("avoid"), "avoid"),
        numbers_in_words=numbers == "words-to-nine",
        names=tuple(n.strip() for n in names),
        headline_max=_limit(data.get("headline_max"), "headline_max"),
        standfirst_max=_limit(data.get("standfirst_max"), "standfirst_max"),
    )


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _match_case(found: str, wanted: str) -> str:
    """The fix with the capital the found text had at its start (a sentence's first word)."""
    if found[:1].isupper() and wanted[:1].islower():
        return wanted[:1].upper() + wanted[1:]
    return wanted


class StyleChecker:
    """A style guide compiled once, checked a line (or a field) at a time."""

    def __init__(self, guide: StyleGuide) -> None:
        self.guide = guide
        # One pattern for every phrase, so a line is read once whatever the style's size;
        # a phrase in more than one list keeps its first rule: preferred, avoid, names.
        self._rules: dict[str, tuple[str, str]] = {}
        for wrong, right in guide.preferred.items():
            self._rules.setdefault(_key(wrong), ("preferred", right))
        for word, why in guide.avoid.items():
            self._rules.setdefault(_key(word), ("avoid", why))
        for name in guide.names:
            self._rules.setdefault(_key(name), ("name", name))
        phrases = sorted({p for p in [*guide.preferred, *guide.avoid, *guide.names]}, key=len)
        self._pattern = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(r"\s+".join(map(re.escape, p.split())) for p in reversed(phrases))
                + r")(?![\w-])",
                re.IGNORECASE,
            )
            if phrases
            else None
        )
        self._cache: dict[str, list[tuple[int, int, str, str | None]]] = {}

    def check_line(
        self, line: str, *, field: str = "body", number: int | None = None
    ) -> list[StyleFinding]:
        spans = self._cache.get(line)
        if spans is None:
            spans = self._spans(line)
            if len(self._cache) > CACHE_LINES:
                self._cache.clear()
            self._cache[line] = spans
        return [
            StyleFinding(field, number, start, end, line[start:end], message, fix)
            for start, end, message, fix in spans
        ]

    def _spans(self, line: str) -> list[tuple[int, int, str, str | None]]:
        text = mask(line)
        found: list[tuple[int, int, str, str | None]] = []
        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, message: str, fix: str | None) -> None:
            if any(s < end and start < e for s, e in taken):
                return
            taken.append((start, end))
            found.append((start, end, message, fix))

        for m in self._pattern.finditer(text) if self._pattern is not None else ():
            kind, value = self._rules[_key(m.group())]
            if kind == "preferred":
                fix = _match_case(m.group(), value)
                if m.group() != fix:
                    add(m.start(), m.end(), f"house style: “{value}”, not “{m.group()}”", fix)
            elif kind == "avoid":
                reason = f": {value}" if value else ""
                add(m.start(), m.end(), f"house style: double-check “{m.group()}”{reason}", None)
            elif m.group() != value:
                add(m.start(), m.end(), f"house style: the name is written “{value}”", value)
        if self.guide.numbers_in_words:
            for m in _DIGIT.finditer(line):
                if not _bare_digit(line, m.start()):
                    continue  # inside a shortcode, code or an address
                word = NUMBER_WORDS[int(m.group(1)) - 1]
                add(
                    m.start(),
                    m.end(),
                    f"house style: numbers one to nine in words (“{word}”)",
                    word,
                )
        found.sort(key=lambda f: f[0])
        return found

    def check_fields(self, headline: str, standfirst: str) -> list[StyleFinding]:
        found = []
        for name, value, limit in (
            ("headline", headline, self.guide.headline_max),
            ("standfirst", standfirst, self.guide.standfirst_max),
        ):
            if limit is not None and len(value) > limit:
                found.append(
                    StyleFinding(
                        name,
                        None,
                        0,
                        len(value),
                        "",
                        f"house style: the {name} has {len(value)} characters; "
                        f"the limit is {limit}",
                    )
                )
            found.extend(self.check_line(value, field=name))
        return found

    def check_body(self, text: str) -> list[StyleFinding]:
        found = []
        for number, line, code in body_lines(text):
            if not code:
                found.extend(self.check_line(line, number=number))
        return found


def _bare_digit(line: str, index: int) -> bool:
    """Whether the digit at `index` stands alone (the mask blanks every run with a digit,
    so a lone "3" is told from one inside a shortcode or code by looking at the line)."""
    masked_without_digits = mask(line[:index] + "x" + line[index + 1 :])
    return masked_without_digits[index] == "x"
