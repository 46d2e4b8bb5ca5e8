"""Text helpers with no store or document knowledge: slugs, word counts, link checks."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from editordesk.errors import ValidationError

SLUG_MAX = 80
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NO_WORD = re.compile(r"[\W_]+")


def slugify(text: str, fallback: str = "story") -> str:
    """A lowercase ASCII slug: "Côte d'Ivoire votes" -> "cote-divoire-votes"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’]", "", folded.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    return slug or fallback


def counted(count: int, one: str, many: str) -> str:
    """'1 story', '2 stories', '1,204 stories'."""
    return f"{count:,} {one if count == 1 else many}"


def is_slug(text: str) -> bool:
    return len(text) <= 200 and SLUG_PATTERN.fullmatch(text) is not None


def count_words(text: str) -> int:
    """Words as word processors count them: runs of non-space holding a letter or digit, so
    "don't", "well-known" and "3.5" are one each and a lone dash is none."""
    count = 0
    for token in text.split():
        if token.isalnum() or not _NO_WORD.fullmatch(token):
            count += 1
    return count


def check_url(url: str) -> str:
    """An external link must be an absolute http(s) URL with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"link {url!r} is not an http(s) address")
    return url


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """A date as a newspaper prints it ("24 November 2026"), the same on every machine
    whatever its locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_href(href: str) -> str | None:
    """`href` if a reader may follow it (http, https, mailto, or relative); else None."""
    text = href.strip()
    if not text:
        return None
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    squeezed = _CONTROL.sub("", text)
    try:
        scheme = urlsplit(squeezed).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if not scheme and ":" in squeezed.split("/", 1)[0]:
        return None  # "javascript&colon;…" after entity decoding, or other oddities
    return text
