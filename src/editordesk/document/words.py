"""Words a reader sees in a body (for word counts), without building the whole tree."""

from __future__ import annotations

import re

from editordesk.document.shortcodes import Scan, Shortcode, scan
from editordesk.text import count_words

# Each pattern reads a bounded stretch from where it starts, or one that ends at the first ">"
# (see _without_tags): text full of "<a" or '](x "' must not be read to its end from each.
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]{0,2000}\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>")  # CommonMark: no "<" in an autolink
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def body_words(body: str | Scan) -> int:
    """Words a reader sees in a body (or its scan): link targets, tags and shortcodes don't
    count, a tweet's inner text does."""
    visible: list[str] = []
    for part in (scan(body) if isinstance(body, str) else body).parts:
        if isinstance(part, Shortcode):
            if part.inner:
                visible.append(part.inner)
            continue
        visible.append(part)
    text = "".join(visible)
    text = _LINK_TARGET.sub("]", text)
    text = _AUTOLINK.sub(" ", text)
    return count_words(_without_tags(text))


def _without_tags(text: str) -> str:
    """`text` with HTML tags made spaces. No tag can end after the last ">", so only the text
    up to it is searched: a tag is then read to the next ">" wherever one starts."""
    last = text.rfind(">")
    return _HTML_TAG.sub(" ", text[: last + 1]) + text[last + 1 :]
