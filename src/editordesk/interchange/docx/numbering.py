"""Word's list definitions: is level N of list M bullets or numbers, and where it starts."""

from __future__ import annotations

from enum import Enum
from typing import Any

from editordesk.ooxml.names import (
    W_ABSTRACT_NUM,
    W_ABSTRACT_NUM_ID,
    W_ILVL,
    W_LVL,
    W_LVL_OVERRIDE,
    W_NUM,
    W_NUM_FMT,
    W_NUM_STYLE_LINK,
    W_NUMID,
    W_NUMPR,
    W_PPR,
    W_START,
    W_START_OVERRIDE,
    W_VAL,
)


class ListKind(Enum):
    """What a list's items are marked with."""

    BULLET = "bullet"
    NUMBER = "number"
    NONE = "none"  # a numbered style whose level shows nothing: not a list at all


def int_or(value: str | None, default: int = 0) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def _first_by_level(elements: Any) -> dict[str, Any]:
    """Elements by their w:ilvl, the first of each level winning, as Word reads them."""
    found: dict[str, Any] = {}
    for element in elements:
        found.setdefault(element.get(W_ILVL), element)
    return found


class Numbering:
    """The numbering part, indexed once, so a list of thousands of items looks each level up
    in a dictionary rather than among every definition."""

    def __init__(self, element: Any, styles: dict[str, Any]) -> None:
        self.nums: dict[str, Any] = {}
        self.abstracts: dict[str, Any] = {}
        self.styles = styles
        self._overrides: dict[str, dict[str, Any]] = {}
        self._levels: dict[str, dict[str, Any]] = {}
        self._described: dict[tuple[str, int], tuple[ListKind | None, int]] = {}
        if element is not None:
            for num in element.iterchildren(W_NUM):
                self.nums[num.get(W_NUMID, "")] = num
            for abstract in element.iterchildren(W_ABSTRACT_NUM):
                self.abstracts[abstract.get(W_ABSTRACT_NUM_ID, "")] = abstract

    def _level(self, num_id: str, ilvl: int, depth: int = 0) -> tuple[Any, int | None]:
        num = self.nums.get(num_id)
        if num is None or depth > 5:
            return None, None
        start: int | None = None
        if num_id not in self._overrides:
            self._overrides[num_id] = _first_by_level(num.iterchildren(W_LVL_OVERRIDE))
        override = self._overrides[num_id].get(str(ilvl))
        if override is not None:
            start_override = override.find(W_START_OVERRIDE)
            if start_override is not None:
                start = int_or(start_override.get(W_VAL))
            lvl = override.find(W_LVL)
            if lvl is not None:
                return lvl, start
        abstract_id = num.find(W_ABSTRACT_NUM_ID)
        key = abstract_id.get(W_VAL, "") if abstract_id is not None else None
        abstract = self.abstracts.get(key) if key is not None else None
        if abstract is None or key is None:
            return None, start
        link = abstract.find(W_NUM_STYLE_LINK)
        if link is not None:  # the list is defined by a numbering style
            style = self.styles.get(link.get(W_VAL, ""))
            linked = style.find(f"{W_PPR}/{W_NUMPR}/{W_NUMID}") if style is not None else None
            if linked is not None:
                lvl, linked_start = self._level(linked.get(W_VAL, ""), ilvl, depth + 1)
                return lvl, start if start is not None else linked_start
        if key not in self._levels:
            self._levels[key] = _first_by_level(abstract.iterchildren(W_LVL))
        return self._levels[key].get(str(ilvl)), start

    def describe(self, num_id: str, ilvl: int) -> tuple[ListKind | None, int]:
        """(the kind of marker, None if unknown; the number the level starts at)."""
        if (num_id, ilvl) not in self._described:
            self._described[num_id, ilvl] = self._describe(num_id, ilvl)
        return self._described[num_id, ilvl]

    def _describe(self, num_id: str, ilvl: int) -> tuple[ListKind | None, int]:
        lvl, start = self._level(num_id, ilvl)
        if lvl is None:
            return None, start or 1
        if start is None:
            start_el = lvl.find(W_START)
            start = int_or(start_el.get(W_VAL)) if start_el is not None else 1
        fmt_el = lvl.find(W_NUM_FMT)
        fmt = fmt_el.get(W_VAL, "decimal") if fmt_el is not None else "decimal"
        kind = {"bullet": ListKind.BULLET, "none": ListKind.NONE}.get(fmt, ListKind.NUMBER)
        return kind, start if start is not None else 1
