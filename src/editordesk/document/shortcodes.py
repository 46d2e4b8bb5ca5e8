"""Hugo-style shortcodes in a body: `{{< name key="value" >}}`, optionally paired with
`{{< /name >}}` around inner text.

The scanner is shared by import (strict: a malformed shortcode is an error with its line) and
by saving and preflight (lenient: problems are returned, the text is kept as typed, so an
autosave never refuses what an editor is half-way through writing).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

OPEN = re.compile(r"\{\{([<%])\s*(/)?\s*([A-Za-z][\w.-]*)")
# One parameter: an optional `key=`, then a "quoted", `raw` or bare value. A bare value never
# holds "{{", where the next shortcode begins.
_KEY = re.compile(r"\s*(?P<key>[A-Za-z_][\w-]*)\s*=\s*")
_SPACE = re.compile(r"\s*")
_QUOTED = re.compile(r'"(?P<dq>(?:[^"\\]|\\.)*)"', re.DOTALL)
_BARE = re.compile(r"(?:[^\s\"`=>%/{]|\{(?!\{))+|/(?![>%]\}\})")
FIGURE_NAME = "figure"  # {{< figure image="12" >}}: a library picture, by its id
TWEET_NAMES = frozenset({"x", "tweet", "twitter"})  # Hugo's names for an embedded tweet
PAIRED_NAMES = TWEET_NAMES  # may close with {{< /x >}} around the tweet's text
CLOSERS = {"<": ">}}", "%": "%}}"}


@dataclass(frozen=True)
class Shortcode:
    """One shortcode (with its closing tag, if paired) as it stands in the text."""

    name: str
    params: dict[str, str]
    positional: tuple[str, ...]
    start: int
    end: int
    line: int
    inner: str | None = None
    delimiter: str = "<"

    def get(self, key: str, default: str = "") -> str:
        return self.params.get(key, default)

    @property
    def image_id(self) -> int | None:
        """The library picture a figure shows, if it names one by a number."""
        ref = self.params.get("image", "") if self.name == FIGURE_NAME else ""
        return int(ref) if ref.isascii() and ref.isdigit() else None

    @property
    def is_tweet(self) -> bool:
        return self.name in TWEET_NAMES

    @property
    def tweet_id(self) -> str:
        """The status id a tweet names ("" for other shortcodes)."""
        return self.params.get("id", "") if self.is_tweet else ""


@dataclass
class Problem:
    """A shortcode the scanner could not read."""

    message: str
    line: int
    start: int


@dataclass
class Scan:
    """A body split into plain text and shortcodes, plus what could not be read."""

    parts: list[str | Shortcode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def shortcodes(self) -> list[Shortcode]:
        return [p for p in self.parts if isinstance(p, Shortcode)]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


class _Reader:
    """Reads the tags of one text; what it learns about the text is kept for every tag, so a
    body of many shortcodes (or of many broken ones) is read in one pass, not once per tag."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._last_close: dict[str, int] = {}
        self._quote_open_from = len(text) + 1
        self._backtick_open_from = len(text) + 1

    def closes_after(self, close_tag: str, pos: int) -> bool:
        """Whether `close_tag` occurs anywhere at or after `pos`."""
        last = self._last_close.get(close_tag)
        if last is None:
            last = self._last_close[close_tag] = self.text.rfind(close_tag)
        return last >= pos

    def tag(self, pos: int) -> tuple[str, bool, str, dict[str, str], list[str], int]:
        """Parse one tag starting at `pos`; return (delimiter, closing, name, params,
        positional, end). Raises ValueError with a reason when the tag cannot be read."""
        text = self.text
        m = OPEN.match(text, pos)
        assert m is not None
        delimiter, closing, name = m.group(1), bool(m.group(2)), m.group(3)
        close_tag = CLOSERS[delimiter]
        try:
            if not self.closes_after(close_tag, m.end()):
                raise ValueError  # it cannot end well: say so without reading it all
            return self.params(m.end(), delimiter, closing, name)
        except ValueError:
            # Name the likelier cause: a tag left open, rather than the text that followed it.
            if not self.closes_after(close_tag, m.end()):
                raise ValueError(f"shortcode {name!r} is not closed with {close_tag!r}") from None
            next_open = text.find("{{", m.end())
            if next_open >= 0 and text.find(close_tag, m.end(), next_open + len(close_tag)) < 0:
                # (a closer starting before the next "{{" would be found in that range)
                raise ValueError(
                    f"shortcode {name!r} is not closed before the next shortcode"
                ) from None
            raise

    def value(self, i: int) -> tuple[str, int] | None:
        """The value starting at `i` and where it ends, if one can be read there."""
        text = self.text
        char = text[i : i + 1]
        if char == '"':
            # A quote left open reads to the end of the text. Past a quote that found no end,
            # every later quote is escaped in that reading, so none can end either.
            if i + 1 >= self._quote_open_from:
                return None
            m = _QUOTED.match(text, i)
            if m is None:
                self._quote_open_from = i + 1
                return None
            return _unescape(m.group("dq")), m.end()
        if char == "`":
            if i + 1 >= self._backtick_open_from:
                return None
            close = text.find("`", i + 1)
            if close < 0:
                self._backtick_open_from = i + 1
                return None
            return text[i + 1 : close], close + 1
        m = _BARE.match(text, i)
        return (m.group(), m.end()) if m else None

    def params(
        self, start: int, delimiter: str, closing: bool, name: str
    ) -> tuple[str, bool, str, dict[str, str], list[str], int]:
        text = self.text
        close_tag = CLOSERS[delimiter]
        params: dict[str, str] = {}
        positional: list[str] = []
        i = start
        while True:
            while i < len(text) and text[i] in " \t\r\n":
                i += 1
            if text.startswith(close_tag, i):
                return delimiter, closing, name, params, positional, i + len(close_tag)
            if text.startswith("/" + close_tag, i):  # self-closing form {{< name />}}
                return delimiter, closing, name, params, positional, i + 1 + len(close_tag)
            if i >= len(text):
                raise ValueError(f"shortcode {name!r} is not closed with {close_tag!r}")
            if text.startswith("{{", i):
                raise ValueError(f"shortcode {name!r} is not closed before the next shortcode")
            key: str | None = None
            read: tuple[str, int] | None = None
            km = _KEY.match(text, i)
            if km is not None:
                read = self.value(km.end())
                key = km.group("key")
            if read is None:  # not `key=value`: a value standing alone, after any spaces
                key = None
                space = _SPACE.match(text, i)
                read = self.value(space.end() if space else i)
            if read is None:
                snippet = text[i : i + 20].splitlines()[0] if i < len(text) else ""
                raise ValueError(
                    f"cannot read the parameters of shortcode {name!r} near {snippet!r}"
                )
            value, i = read
            if key is None:
                if params:
                    raise ValueError(f"shortcode {name!r} mixes named and positional parameters")
                positional.append(value)
            else:
                if key in params:
                    raise ValueError(f"shortcode {name!r} gives {key!r} twice")
                params[key] = value

    def closer(self, name: str, delimiter: str, end: int) -> tuple[int, int] | None:
        """Where the closing tag of a paired shortcode ending at `end` stands (start, end),
        if it comes before any other "{{"; the inner text never holds another shortcode."""
        text = self.text
        first = text.find("{{", end)
        if first < 0:
            return None
        # "{{{< /x >}}" closes at the second brace: text up to it holds no "{{" either.
        for at in (first, first + 1) if text.startswith("{{{", first) else (first,):
            m = _closer_pattern(name, delimiter).match(text, at)
            if m is not None:
                return at, m.end()
        return None


_CLOSER_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {}


def _closer_pattern(name: str, delimiter: str) -> re.Pattern[str]:
    key = (name, delimiter)
    pattern = _CLOSER_PATTERNS.get(key)
    if pattern is None:
        pattern = _CLOSER_PATTERNS[key] = re.compile(
            r"\{\{"
            + re.escape(delimiter)
            + r"\s*/\s*"
            + re.escape(name)
            + r"\s*"
            + re.escape(CLOSERS[delimiter])
        )
    return pattern


class _Lines:
    """Line numbers of offsets, the line starts found only when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def of(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._starts, offset)


def scan(text: str) -> Scan:
    """Split `text` into plain runs and shortcodes; unreadable tags stay as plain text.

    Linear in the length of the text, however many shortcodes it holds."""
    result = Scan()
    pos = 0
    plain_from = 0
    reader = _Reader(text)
    lines = _Lines(text)
    while True:
        m = OPEN.search(text, pos)
        if m is None:
            break
        start = m.start()
        try:
            delimiter, closing, name, params, positional, end = reader.tag(start)
        except ValueError as exc:
            result.problems.append(Problem(str(exc), lines.of(start), start))
            pos = m.end()
            continue
        if closing:
            result.problems.append(
                Problem(
                    f"closing shortcode {{{{< /{name} >}}}} has no opening", lines.of(start), start
                )
            )
            pos = end
            continue
        inner = None
        if name in PAIRED_NAMES:
            found = reader.closer(name, delimiter, end)
            if found is not None:
                inner = text[end : found[0]]
                end = found[1]
        if start > plain_from:
            result.parts.append(text[plain_from:start])
        line = lines.of(start)
        result.parts.append(
            Shortcode(name, params, tuple(positional), start, end, line, inner, delimiter)
        )
        plain_from = pos = end
    if plain_from < len(text):
        result.parts.append(text[plain_from:])
    return result


@dataclass(frozen=True)
class References:
    """The pictures and tweets a body names, each once, in the order it first names them,
    and the scan they were read from (for anything else a caller needs of the body)."""

    image_ids: tuple[int, ...]
    tweet_ids: tuple[str, ...]
    tweets: tuple[tuple[str, str], ...]  # every tweet as written: (status id, user)
    scanned: Scan

    @property
    def shortcodes(self) -> list[Shortcode]:
        return self.scanned.shortcodes


def references(body: str | Scan) -> References:
    """What `body` (or its scan) refers to in the library: every caller that needs the
    pictures or tweets of a body asks here, so the body is scanned once and read one way."""
    scanned = scan(body) if isinstance(body, str) else body
    images: dict[int, None] = {}
    tweets: list[tuple[str, str]] = []
    for part in scanned.parts:
        if isinstance(part, str):
            continue
        image_id = part.image_id
        if image_id is not None:
            images.setdefault(image_id)
        elif part.tweet_id:
            tweets.append((part.tweet_id, part.get("user")))
    tweet_ids = tuple(dict.fromkeys(status_id for status_id, _ in tweets))
    return References(tuple(images), tweet_ids, tuple(tweets), scanned)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_shortcode(name: str, params: list[tuple[str, str]]) -> str:
    """Write a shortcode with quoted, escaped parameters, in the order given."""
    inner = " ".join(f"{key}={_quote(value)}" for key, value in params)
    return f"{{{{< {name} {inner} >}}}}" if inner else f"{{{{< {name} >}}}}"


def figure_code(image_id: int) -> str:
    """How a body in the store shows a library image."""
    return format_shortcode(FIGURE_NAME, [("image", str(image_id))])


def tweet_shortcode(handle: str, status_id: str) -> str:
    """How a body in the store shows a recorded tweet."""
    return format_shortcode("x", [("user", handle), ("id", status_id)])
