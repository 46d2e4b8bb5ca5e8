"""Words a reader sees in a body (for word counts), without building the whole tree."""

from __future__ import annotations

import re

from editordesk.document.shortcodes import Shortcode, scan
from editordesk.text import count_words

_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def body_words(body: str) -> int:
    """Words a reader sees in a body: link targets, tags and shortcodes don't count,
    a tweet's inner text does."""
    visible: list[str] = []
    for part in scan(body).parts:
        if isinstance(part, Shortcode):
            if part.inner:
                visible.append(part.inner)
            continue
        visible.append(part)
    text = "".join(visible)
    text = _LINK_TARGET.sub("]", text)
    text = _AUTOLINK.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    return count_words(text)
