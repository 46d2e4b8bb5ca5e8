"""What may leave EditorDesk inside a link or as markup: the one place both writers ask.

Editors paste from anywhere; a reader's page must never run what they pasted. Links keep only
http(s), mailto and relative addresses; raw HTML goes through nh3's allow-list.
"""

from __future__ import annotations

import html
import re

import nh3

from editordesk.text import SAFE_SCHEMES, safe_href

__all__ = ["clean_html", "html_to_text", "safe_href"]


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


# Text with none of these is already what the cleaner would give back (no tag, no entity,
# nothing the HTML parser rewrites), so most captions and credits skip it.
_NOT_PLAIN = re.compile("[<>&\x00-\x08\x0b-\x1f\x7f\xa0\ufeff]")


def clean_html(markup: str) -> str:
    """Raw HTML reduced to the allow-list: no script, style, iframe, object, form, event
    handler, or javascript:/data: URL survives."""
    if _NOT_PLAIN.search(markup) is None:
        return markup
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# What our own writer puts around raw HTML when a run is cleaned whole (`clean_rendered`).
_RENDERED_TAGS = ALLOWED_TAGS | {"section"}
_RENDERED_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "a": {"href", "title", "id", "class", "aria-label"},
    "code": {"class"},
    "sup": {"id", "class"},
    "li": {"id"},
    "section": {"class"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}


def clean_rendered(markup: str) -> str:
    """Our own rendering of a run holding raw HTML, cleaned as one piece: the allow-list of
    `clean_html`, plus the attributes EditorDesk itself writes (heading ids, a code block's
    language, a table column's alignment). Pictures never pass: the writer holds its own
    back and puts them in after."""
    return nh3.clean(
        markup,
        tags=set(_RENDERED_TAGS),
        attributes={k: set(v) for k, v in _RENDERED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def html_to_text(markup: str) -> str:
    """The words of raw HTML, for writers that cannot show markup (Word)."""
    return html.unescape(nh3.clean(markup, tags=set(), strip_comments=True))
