"""The element table of pasted HTML: which tags, classes and styles mean what."""

from __future__ import annotations

import re

import lxml.etree as etree

SKIPPED = frozenset(
    """script style head title meta link noscript template iframe frame frameset object embed
    applet param svg math canvas audio video source track map area select option optgroup
    textarea input button datalist output progress meter dialog xml o:p w:sdt""".split()
)
PARAGRAPHS = frozenset(
    """p div section article header footer main aside nav address center dl dt dd figure
    figcaption details summary fieldset legend hgroup form caption body html""".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LISTS = frozenset({"ul", "ol", "menu", "dir"})
PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})
CELLS = frozenset({"td", "th"})
BOLD = frozenset({"b", "strong"})
ITALIC = frozenset({"i", "em"})
STRUCK = frozenset({"s", "strike", "del"})
CODE = frozenset({"code", "kbd", "samp", "tt"})
DELETION_CLASSES = frozenset({"msodel", "deletion", "deleted", "tracked-deletion"})
FOOTNOTE_LISTS = frozenset({"footnotes", "footnotes-list", "footnote-list"})
QUOTE_CLASSES = frozenset({"msoquote", "msointensequote", "quote", "intensequote"})

_WHITESPACE = re.compile(r"[ \t\n\r\f\u2028\u2029]+")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffc\ufeff]")
_LANGUAGE = re.compile(r"^(?:language|lang)-([A-Za-z0-9_+#.-]{1,30})$")


def _css(element: etree._Element) -> dict[str, str]:
    """The element's inline style as {property: value}, lowercased."""
    raw = element.get("style")
    if not raw:
        return {}
    out: dict[str, str] = {}
    for part in raw.split(";"):
        name, colon, value = part.partition(":")
        if colon:  # "700 !important" is 700
            out[name.strip().lower()] = value.split("!", 1)[0].strip().lower()
    return out


def _classes(element: etree._Element) -> set[str]:
    return {c.lower() for c in (element.get("class") or "").split()}


def _alignment(element: etree._Element, css: dict[str, str]) -> str:
    value = (css.get("text-align") or element.get("align") or "").strip().lower()
    return value if value in ("left", "center", "right") else ""


def _hidden(
    tag: str,
    css: dict[str, str],
    classes: set[str],
    element: etree._Element,
    holders: set[etree._Element],
) -> bool:
    """Whether the element and all in it are left out: not shown, or only dressing."""
    if tag in SKIPPED:
        return True
    if tag == "del" and (element.get("cite") or element.get("datetime")):
        return True  # a tracked deletion (Word, LibreOffice): its words are gone
    if classes & DELETION_CLASSES or "msocommentreference" in classes:
        return True
    if css.get("display") == "none" or css.get("mso-hide") == "all":
        return True
    if tag == "hr" and "footnotes-sep" in classes:
        return True  # the rule a Markdown renderer draws above the notes
    if classes & FOOTNOTE_LISTS and element in holders:
        return True  # <section class="footnotes">: its notes are read as footnotes
    if css.get("visibility") in ("hidden", "collapse"):
        return True
    return css.get("mso-element", "") in (
        "comment-list",
        "comment",
        "footnote-list",
        "endnote-list",
    )
