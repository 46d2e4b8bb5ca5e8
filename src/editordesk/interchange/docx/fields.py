"""Word fields (HYPERLINK, SEQ...) and hyperlinks as one paragraph is read: what is open,
which link a run is in, and whether it is field code that never shows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from editordesk.interchange.docx.inline import BREAK, Segment, safe_href
from editordesk.interchange.docx.pictures import Picture

_FIELD_WORD = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def _field_words(instr: str) -> list[str]:
    return [
        m.group(1) if m.group(1) is not None else m.group(2) for m in _FIELD_WORD.finditer(instr)
    ]


def _hyperlink_field_target(words: list[str]) -> str | None:
    with_argument = {"\\l", "\\o", "\\t"}
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("\\"):
            skip = word.lower() in with_argument
        else:
            return word
    return None


@dataclass
class Field:
    """A Word field (HYPERLINK, SEQ...) open in a paragraph."""

    instr: list[str] = field(default_factory=list)
    in_result: bool = False
    href: str | None = None
    is_seq: bool = False

    def start_result(self) -> None:
        self.in_result = True
        words = _field_words("".join(self.instr))
        name = words[0].upper() if words else ""
        self.is_seq = name == "SEQ"
        if name == "HYPERLINK":
            self.href = safe_href(_hyperlink_field_target(words[1:]))


@dataclass
class ParagraphContext:
    """What is open while one paragraph is read. The link a run is in and whether it is in a
    field's code are kept up to date as fields and links open and close, so a paragraph of
    thousands of unclosed fields costs no more per run than one with none."""

    items: list[Segment | Picture] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    text_boxes: list[Any] = field(default_factory=list)
    length: int = 0
    seq_end: int | None = None
    # The link in force at each depth of fields, and of hyperlinks (None: none so far).
    _field_links: list[str | None] = field(default_factory=list)
    _links: list[str | None] = field(default_factory=list)
    _fields_in_code: int = 0

    @property
    def in_field_code(self) -> bool:
        return self._fields_in_code > 0

    @property
    def href(self) -> str | None:
        if self._field_links and self._field_links[-1] is not None:
            return self._field_links[-1]
        return self._links[-1] if self._links else None

    def open_link(self, href: str | None) -> None:
        outer = self._links[-1] if self._links else None
        self._links.append(href if href is not None else outer)

    def close_link(self) -> None:
        self._links.pop()

    def open_field(self, opened: Field) -> None:
        self.fields.append(opened)
        self._field_links.append(self._field_links[-1] if self._field_links else None)
        self._fields_in_code += 0 if opened.in_result else 1

    def start_result(self) -> None:
        """The innermost field's code is complete: what follows is what it shows."""
        if not self.fields or self.fields[-1].in_result:
            if self.fields:
                self.fields[-1].start_result()
            return
        innermost = self.fields[-1]
        innermost.start_result()
        self._fields_in_code -= 1
        if innermost.href is not None:
            self._field_links[-1] = innermost.href

    def end_field(self) -> None:
        if self.fields:
            done = self.fields.pop()
            self._field_links.pop()
            if not done.in_result:
                self._fields_in_code -= 1
            if done.is_seq:
                self.seq_end = self.length

    def add(self, text: str, bold: bool, italic: bool, strike: bool = False) -> None:
        if text and not self.in_field_code:
            self.items.append(Segment(text, bold, italic, self.href, strike))
            self.length += len(text)

    def add_token(self, text: str) -> None:
        """A footnote mark or a web picture: never inside a link."""
        if not self.in_field_code:
            self.items.append(Segment(text))
            self.length += 1

    def add_break(self) -> None:
        if not self.in_field_code:
            self.items.append(BREAK)
            self.length += 1
