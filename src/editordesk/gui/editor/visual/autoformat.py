"""Markdown as typed in the visual editor: a prefix such as `#`, `-`, `1.` or `>` and a
space becomes its block, and a `---` line becomes a rule."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCharFormat, QTextCursor

from editordesk.gui.editor.visual.blocks import Keep, Move, block_range, is_unit, kind_of, table_at
from editordesk.gui.editor.visual.kinds import quote_level, set_heading, set_quote
from editordesk.gui.editor.visual.lists import put_in_list
from editordesk.gui.editor.visual.schema import BlockKind
from editordesk.gui.editor.visual.units import rule_format

_NUMBER = re.compile(r"([0-9]{1,6})[.)]")
AUTO_PREFIXES = {"-": "bullet", "*": "bullet", "+": "bullet", ">": "quote"}


def autoformat_prefix(block: QTextBlock, offset: int) -> str | None:
    """What typing a space at `offset` in the block would make of it, when the text before
    is a Markdown prefix: "h1".."h6", "bullet", "numbered", "quote", or None. Looks at this
    block only."""
    if offset > 7 or kind_of(block) != BlockKind.PARAGRAPH or table_at(block):
        return None
    text = block.text()[:offset]
    if text and set(text) == {"#"} and len(text) <= 6:
        return f"h{len(text)}"
    if block.textList() is not None and (text in ("-", "*", "+") or _NUMBER.fullmatch(text)):
        return None
    number = _NUMBER.fullmatch(text)
    if number is not None:
        return f"numbered:{int(number.group(1))}"
    return AUTO_PREFIXES.get(text)


def apply_prefix(cursor: QTextCursor, what: str, length: int) -> None:
    """Turn the cursor's block into `what`, its typed prefix (`length` characters, the
    space included) removed: one undo step, after the typing's own."""
    block = cursor.block()
    cursor.beginEditBlock()
    edit = QTextCursor(block)
    edit.setPosition(block.position() + length, Keep)
    edit.removeSelectedText()
    if what.startswith("h"):
        set_heading(block, int(what[1:]))
    elif what == "bullet":
        put_in_list(block, False, 1)
    elif what.startswith("numbered"):
        put_in_list(block, True, 1)
        made = block.textList()
        start = int(what.partition(":")[2] or 1)
        if made is not None and made.count() == 1 and made.format().start() != start:
            fmt = made.format()
            fmt.setStart(start)
            made.setFormat(fmt)
    elif what == "quote":
        set_quote(block, quote_level(block) + 1)
    cursor.endEditBlock()


def is_rule_text(block: QTextBlock) -> bool:
    return (
        kind_of(block) == BlockKind.PARAGRAPH
        and block.textList() is None
        and not table_at(block)
        and block.text() in ("---", "***", "___")
    )


def make_rule(cursor: QTextCursor) -> None:
    """The `---` typed in this block becomes a rule, with a paragraph after it."""
    block = cursor.block()
    cursor.beginEditBlock()
    block_range(block).removeSelectedText()
    edit = QTextCursor(block)
    edit.setBlockFormat(rule_format())
    edit.movePosition(Move.EndOfBlock)
    after = block.next()
    if not after.isValid() or after.text() or is_unit(after) or table_at(after):
        edit.insertBlock(QTextBlockFormat(), QTextCharFormat())
    else:
        edit.setPosition(after.position())
    cursor.setPosition(edit.position())
    cursor.endEditBlock()
