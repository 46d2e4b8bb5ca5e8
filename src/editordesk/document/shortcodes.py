"""Hugo-style shortcodes in a body: `{{< name key="value" >}}`, optionally paired with
`{{< /name >}}` around inner text.

The scanner is shared by import (strict: a malformed shortcode is an error with its line) and
by saving and preflight (lenient: problems are returned, the text is kept as typed, so an
autosave never refuses what an editor is half-way through writing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN = re.compile(r"\{\{([<%])\s*(/)?\s*([A-Za-z][\w.-]*)")
_PARAM = re.compile(
    r"""\s*(?:(?P<key>[A-Za-z_][\w-]*)\s*=\s*)?
        (?:"(?P<dq>(?:[^"\\]|\\.)*)"|`(?P<bq>[^`]*)`|(?P<bare>[^\s"`=>%/]+|/(?![>%]\}\})))""",
    re.VERBOSE | re.DOTALL,
)
PAIRED_NAMES = frozenset({"x", "tweet", "twitter"})
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


def _read_tag(text: str, pos: int) -> tuple[str, bool, str, dict[str, str], list[str], int]:
    """Parse one tag starting at `pos`; return (delimiter, closing, name, params, positional, end).

    Raises ValueError with a reason when the tag cannot be read.
    """
    m = OPEN.match(text, pos)
    assert m is not None
    delimiter, closing, name = m.group(1), bool(m.group(2)), m.group(3)
    close_tag = CLOSERS[delimiter]
    try:
        return _read_params(text, m.end(), delimiter, closing, name)
    except ValueError:
        # Name the likelier cause: a tag left open, rather than the text that followed it.
        closes_at = text.find(close_tag, m.end())
        next_open = text.find("{{", m.end())
        if closes_at < 0:
            raise ValueError(f"shortcode {name!r} is not closed with {close_tag!r}") from None
        if 0 <= next_open < closes_at:
            raise ValueError(
                f"shortcode {name!r} is not closed before the next shortcode"
            ) from None
        raise


def _read_params(
    text: str, start: int, delimiter: str, closing: bool, name: str
) -> tuple[str, bool, str, dict[str, str], list[str], int]:
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
        pm = _PARAM.match(text, i)
        if pm is None or pm.end() == i:
            snippet = text[i : i + 20].splitlines()[0] if text[i:] else ""
            raise ValueError(f"cannot read the parameters of shortcode {name!r} near {snippet!r}")
        if pm.group("dq") is not None:
            value = _unescape(pm.group("dq"))
        elif pm.group("bq") is not None:
            value = pm.group("bq")
        else:
            value = pm.group("bare")
        key = pm.group("key")
        if key is None:
            if params:
                raise ValueError(f"shortcode {name!r} mixes named and positional parameters")
            positional.append(value)
        else:
            if key in params:
                raise ValueError(f"shortcode {name!r} gives {key!r} twice")
            params[key] = value
        i = pm.end()


def scan(text: str) -> Scan:
    """Split `text` into plain runs and shortcodes; unreadable tags stay as plain text."""
    result = Scan()
    pos = 0
    plain_from = 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        lo, hi = 0, len(line_starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1

    while True:
        m = OPEN.search(text, pos)
        if m is None:
            break
        start = m.start()
        try:
            delimiter, closing, name, params, positional, end = _read_tag(text, start)
        except ValueError as exc:
            result.problems.append(Problem(str(exc), line_of(start), start))
            pos = m.end()
            continue
        if closing:
            result.problems.append(
                Problem(
                    f"closing shortcode {{{{< /{name} >}}}} has no opening", line_of(start), start
                )
            )
            pos = end
            continue
        inner = None
        if name in PAIRED_NAMES:
            closer = re.compile(
                r"\{\{"
                + re.escape(delimiter)
                + r"\s*/\s*"
                + re.escape(name)
                + r"\s*"
                + re.escape(CLOSERS[delimiter])
            )
            next_open = re.compile(r"\{\{[<%]\s*" + re.escape(name) + r"\b")
            cm = closer.search(text, end)
            om = next_open.search(text, end)
            if (
                cm is not None
                and (om is None or om.start() > cm.start())
                and "{{" not in text[end : cm.start()]
            ):
                inner = text[end : cm.start()]
                end = cm.end()
        if start > plain_from:
            result.parts.append(text[plain_from:start])
        result.parts.append(
            Shortcode(name, params, tuple(positional), start, end, line_of(start), inner, delimiter)
        )
        plain_from = pos = end
    if plain_from < len(text):
        result.parts.append(text[plain_from:])
    return result


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_shortcode(name: str, params: list[tuple[str, str]]) -> str:
    """Write a shortcode with quoted, escaped parameters, in the order given."""
    inner = " ".join(f"{key}={_quote(value)}" for key, value in params)
    return f"{{{{< {name} {inner} >}}}}" if inner else f"{{{{< {name} >}}}}"
