"""Text helpers with no store or document knowledge: slugs, word counts, link checks."""

from __future__ import annotations

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
