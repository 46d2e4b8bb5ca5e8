"""What may leave EditorDesk inside a link or as markup: the one place both writers ask.

Editors paste from anywhere; a reader's page must never run what they pasted. Links keep only
http(s), mailto and relative addresses; raw HTML goes through nh3's allow-list.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")

# Inline and block HTML an article may keep: text structure and links, nothing active.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}


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


def clean_html(markup: str) -> str:
    """Raw HTML reduced to the allow-list: no script, style, iframe, object, form, event
    handler, or javascript:/data: URL survives."""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def html_to_text(markup: str) -> str:
    """The words of raw HTML, for writers that cannot show markup (Word)."""
    return html.unescape(nh3.clean(markup, tags=set(), strip_comments=True))
