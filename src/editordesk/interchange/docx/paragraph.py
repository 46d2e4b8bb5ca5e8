"""A paragraph as the reader hands it to the composer: its kind, what it holds, and the
private-use characters that stand in its text for what the composer writes later."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from editordesk.interchange.docx.inline import Segment, plain
from editordesk.interchange.docx.numbering import ListKind
from editordesk.interchange.docx.pictures import Picture

# Private-use characters that stand, inside text, for what the composer writes later: a
# footnote's mark ([^n]) and a web picture (![alt](url)). Removed from the file's own text.
NOTE_OPEN, NOTE_CLOSE, PICTURE_OPEN, PICTURE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
CODE_OPEN, CODE_CLOSE = "\ue004", "\ue005"  # inline code, in the Verbatim Char style
LITERAL_OPEN, LITERAL_CLOSE = "\ue006", "\ue007"  # one of these eight characters, typed
_TOKEN_RANGE = re.compile("[\ue000-\ue007]")


def literal(text: str) -> str:
    """The file's own text with any of the token characters made a token of its own, so the
    composer writes it back as the character it is."""
    return _TOKEN_RANGE.sub(
        lambda m: f"{LITERAL_OPEN}{ord(m.group()) - 0xE000}{LITERAL_CLOSE}", text
    )


class ParagraphKind(Enum):
    """What a paragraph is to the story, from its style."""

    BODY = "body"
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    ITEM = "item"
    QUOTE = "quote"
    DATELINE = "dateline"
    TWEET = "tweet"
    RELATED_HEADING = "related heading"
    RELATED = "related"
    TABLE = "table"
    CODE = "code"


@dataclass
class Paragraph:
    """One paragraph as read: what it is (from its style) and what it holds."""

    kind: ParagraphKind
    number: int
    items: list[Segment | Picture] = field(default_factory=list)
    level: int = 0
    list_kind: ListKind = ListKind.BULLET
    list_key: str = ""
    list_start: int = 1
    seq_end: int | None = None
    align: str = ""  # w:jc: "center", "right"...
    rule: bool = False  # a line drawn under it (an empty one is a thematic break)
    rows: list[list[list[Paragraph]]] = field(default_factory=list)  # a table's cells

    @property
    def segments(self) -> list[Segment]:
        return [i for i in self.items if isinstance(i, Segment)]

    @property
    def pictures(self) -> list[Picture]:
        return [i for i in self.items if isinstance(i, Picture)]

    def text(self) -> str:
        """The words on one line, whitespace collapsed."""
        return " ".join(plain(self.segments).split())

    def groups(self) -> Iterator[list[Segment] | Picture]:
        """Runs of text, with the pictures that stand between them."""
        run: list[Segment] = []
        for item in self.items:
            if isinstance(item, Picture):
                if run:
                    yield run
                    run = []
                yield item
            else:
                run.append(item)
        if run:
            yield run
