"""Lists in pasted HTML: nested lists, Google Docs' flat ones and Word's list paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from editordesk.document.nodes import Block, BulletList, Heading, ListItem, OrderedList, Paragraph

MAX_NESTING = 24  # lists and quotes inside one another, as the tree keeps them
_MSO_LIST = re.compile(r"l(\d+)\s+level(\d+)\s+lfo(\d+)", re.IGNORECASE)
_ORDERED_MARKER = re.compile(r"^\(?(\d{1,9}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$")


@dataclass
class _Holder:
    """Where blocks go: the whole paste, a quote, or a list item."""

    kind: str  # "root", "quote", "item"
    blocks: list[Block | _List] = field(default_factory=list)  # a list: closed, not yet a node
    implicit: str = ""  # "word-quote": made from Word's quote paragraphs, not an element


@dataclass
class _List:
    ordered: bool
    start: int = 1
    items: list[_Holder] = field(default_factory=list)
    implicit: str = ""  # "word": from Word's list paragraphs; "li": an <li> without a list
    word_list: str = ""  # Word's list id (lfo) and level, for its paragraphs
    marker_read: bool = False


def _finished(blocks: list[Block | _List]) -> tuple[Block, ...]:
    """A holder's blocks as nodes: its closed lists made BulletList or OrderedList."""
    return tuple(_list_node(b) if isinstance(b, _List) else b for b in blocks)


def _list_node(frame: _List) -> Block:
    items = [ListItem(_finished(item.blocks)) for item in frame.items]
    tight = all(
        sum(isinstance(b, Paragraph | Heading) for b in item.children) <= 1 for item in items
    )
    if frame.ordered:
        return OrderedList(tuple(items), frame.start, tight)
    return BulletList(tuple(items), tight)


def _word_depth(frames: Sequence[object]) -> int:
    """How many of Word's lists, made from its paragraphs, are open at the top."""
    depth = 0
    for frame in reversed(frames):
        if isinstance(frame, _List) and frame.implicit == "word":
            depth += 1
        elif not (isinstance(frame, _Holder) and frame.implicit == "word"):
            break
    return depth


def _read_marker(frames: Sequence[object], marker: str) -> None:
    """The bullet or number Word writes before a list paragraph's text."""
    top = frames[-2] if len(frames) > 1 else None
    if not isinstance(top, _List) or top.implicit != "word" or top.marker_read:
        return
    top.marker_read = True
    found = _ORDERED_MARKER.match(marker.replace("\u00a0", " ").strip())
    if found:
        top.ordered = True
        number = found.group(1)
        top.start = int(number) if number.isdigit() else 1


def _add_list(blocks: list[Block | _List], frame: _List) -> None:
    """A closed list goes into its holder as it is (made a node when the holder is): a
    list right after one of its kind joins it, as LibreOffice writes a list broken by
    a nested one as lists side by side. Joining costs the items joined, nothing more."""
    frame.items = [item for item in frame.items if item.blocks]
    if not frame.items:
        return
    last = blocks[-1] if blocks else None
    joins = not frame.ordered or (
        frame.implicit != "word" and frame.start in (1, last.start + len(last.items))
        if isinstance(last, _List)
        else False
    )
    if isinstance(last, _List) and last.ordered == frame.ordered and joins:
        last.items.extend(frame.items)
        return
    blocks.append(frame)
