"""Footnotes in pasted HTML: each reference paired with its note before the walk."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.etree as etree

from editordesk.interchange.html.elements import HEADINGS, PARAGRAPHS

MAX_FOOTNOTES = 1000  # footnotes read from one paste; the rest stay as their words
NOTE_DEPTH = 64  # levels between a note's element and its back link, at most
_NOTE_BLOCKS = PARAGRAPHS | set(HEADINGS) | {"li", "td", "th"}


@dataclass
class _Links:
    """Footnotes found before the walk: a reference and its note link to each other (Word's
    `#_ftn1` and `#_ftnref1`, LibreOffice's `sdfootnote`, Google Docs' `#ftnt1`)."""

    refs: dict[etree._Element, int] = field(default_factory=dict)  # reference -> its number
    skip: set[etree._Element] = field(default_factory=set)  # the notes and their back links
    notes: list[tuple[int, etree._Element]] = field(default_factory=list)
    holders: set[etree._Element] = field(default_factory=set)  # elements the notes are in


def _footnote_links(root: etree._Element) -> _Links:
    """Footnote pairs: a link to `#t` whose target `t` (a link back, or the note's element
    holding one) links back to it. Word, LibreOffice and Google Docs link anchor to anchor;
    Markdown renderers (pandoc, markdown-it, our own pages) put the back link in the note."""
    anchors = list(root.iter("a"))
    order = {a: i for i, a in enumerate(anchors)}
    named: dict[str, etree._Element] = {}
    for element in root.iter():
        for key in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if key and key not in named:
                named[key] = element
    pointing: dict[str, list[etree._Element]] = {}
    for a in anchors:
        href = a.get("href") or ""
        if len(href) > 1 and href.startswith("#"):
            pointing.setdefault(href[1:], []).append(a)
    links = _Links()
    for a in anchors:
        href = a.get("href") or ""
        target = named.get(href[1:]) if href.startswith("#") else None
        if target is None or target is a or target in links.skip:
            continue
        back = _back_link(a, target, pointing, order)
        if back is None:
            continue
        container = _note_container(target) if target.tag == "a" else target
        if container is None or container in links.skip or container.tag in ("body", "html"):
            continue
        if len(links.notes) >= MAX_FOOTNOTES:
            break
        number = len(links.notes) + 1
        links.refs[a] = number
        links.skip.update((back, container))
        links.notes.append((number, container))
        holder = container.getparent()
        while holder is not None and holder not in links.holders:
            links.holders.add(holder)
            holder = holder.getparent()
    return links


def _back_link(
    ref: etree._Element,
    target: etree._Element,
    pointing: dict[str, list[etree._Element]],
    order: dict[etree._Element, int],
) -> etree._Element | None:
    """The link back to `ref` that is `target` or lies in it, after `ref` in the page."""
    for key in (ref.get("id"), ref.get("name")):
        for back in (pointing.get(key) or [])[:4] if key else ():
            if back is ref or order[back] < order[ref]:
                continue
            node: etree._Element | None = back
            for _ in range(NOTE_DEPTH):  # a note's back link sits near its top
                if node is None or node is target:
                    break
                node = node.getparent()
            if node is target:
                return back
    return None


def _note_container(anchor: etree._Element) -> etree._Element | None:
    """The note's text: the paragraph the back link starts, or the <div id=…> that
    paragraph opens (a note of several paragraphs)."""
    block = anchor.getparent()
    while block is not None and str(block.tag).lower() not in _NOTE_BLOCKS:
        block = block.getparent()
    if block is None or str(block.tag).lower() in ("body", "html"):
        return None
    parent = block.getparent()
    if parent is not None and parent.tag == "div" and parent.get("id") and parent[0] is block:
        return parent
    return block
