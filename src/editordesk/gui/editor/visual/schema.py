"""How the document tree is held in a QTextDocument: the block kinds, the properties that
carry what Qt's own formats cannot, and the object types of figure, tweet and web-picture
cards. The builder, the reader, the editing commands and paste all keep to this one table."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QTextFormat

from editordesk.model import ImageRecord, TweetRecord

# ---------------------------------------------------------------- block properties
# Every block carries BLOCK_KIND (a BlockKind value); a block without it reads as a
# paragraph (text typed into a fresh document).
BLOCK_KIND = QTextFormat.Property.UserProperty + 1

# Headings use Qt's own QTextBlockFormat.headingLevel (1-6); a heading's characters are
# drawn larger by the builder, but only the level is read back.

# Block quotes: Qt's QTextFormat.Property.BlockQuoteLevel (1 = one `>`), with a left
# margin for display; a block inside a quote keeps its own kind (paragraph, heading, ...).
QUOTE_LEVEL = QTextFormat.Property.BlockQuoteLevel

# Lists: a list item's first block belongs to a QTextList whose QTextListFormat style is
# ListDisc/ListCircle/ListSquare (bullets) or ListDecimal (numbers), indent = depth (1 for
# a top-level list), start = QTextListFormat.start(). A list's looseness is LIST_TIGHT on
# the list format (True/False). Further blocks of the same item (a second paragraph) are
# not in the QTextList: they are BlockKind.ITEM_CONTINUATION blocks with the item's indent
# (QTextBlockFormat.indent) and ITEM_DEPTH = the depth of the item they continue.
LIST_TIGHT = QTextFormat.Property.UserProperty + 2
ITEM_DEPTH = QTextFormat.Property.UserProperty + 3

# Code blocks: ONE QTextBlock per code block, its lines separated by U+2028 (LINE_SEP),
# BlockKind.CODE, CODE_LANGUAGE the fence's language ("" when none), monospace chars.
CODE_LANGUAGE = QTextFormat.Property.UserProperty + 4
LINE_SEP = "\u2028"

# Raw HTML blocks and unknown shortcodes: ONE block each holding the text as written
# (lines separated by LINE_SEP), BlockKind.RAW_HTML / BlockKind.SHORTCODE, monospace.

# Rules: an empty BlockKind.RULE block (drawn with BlockTrailingHorizontalRulerWidth).

# Figures and tweets: a BlockKind.FIGURE / BlockKind.TWEET block holding exactly one
# OBJECT_CHAR whose QTextCharFormat has objectType FIGURE_OBJECT / TWEET_OBJECT and:
IMAGE_ID = QTextFormat.Property.UserProperty + 5  # int: the library picture's id
TWEET_ID = QTextFormat.Property.UserProperty + 6  # str: the status id
TWEET_HANDLE = QTextFormat.Property.UserProperty + 7  # str: the handle, without "@"
OBJECT_CHAR = "\ufffc"

# Tables: a QTextTable; QTextTableFormat.headerRowCount() == 1 (GFM tables always have a
# header row); TABLE_ALIGN on the table format holds the columns' alignment joined by ","
# ("left", "center", "right" or ""), and each cell's block is aligned to match for display.
# A cell holds one block of inlines.
TABLE_ALIGN = QTextFormat.Property.UserProperty + 8

# Footnotes: the notes' texts follow the body at the end of the document, each note's
# blocks marked BlockKind.FOOTNOTE with FOOTNOTE_LABEL = its label; a reference in the text
# is an OBJECT_CHAR of objectType FOOTNOTE_OBJECT with FOOTNOTE_LABEL (drawn as its number,
# superscript), so it is one unit for selection, deletion and undo.
FOOTNOTE_LABEL = QTextFormat.Property.UserProperty + 9

# ---------------------------------------------------------------- character properties
# Bold = fontWeight >= Bold; italic = fontItalic; strikethrough = fontStrikeOut;
# link = isAnchor + anchorHref (+ LINK_TITLE); inline code = INLINE_CODE True (monospace).
LINK_TITLE = QTextFormat.Property.UserProperty + 10
INLINE_CODE = QTextFormat.Property.UserProperty + 11
# Inline raw HTML: RAW_INLINE True on its characters (shown monospace, kept as written).
RAW_INLINE = QTextFormat.Property.UserProperty + 12
# A hard line break inside a paragraph is LINE_SEP; a soft break becomes a space.
# Web pictures (`![alt](https://...)`) are an OBJECT_CHAR of objectType WEB_IMAGE_OBJECT
# with IMAGE_SRC / IMAGE_ALT / LINK_TITLE: never a QTextImageFormat, whose name Qt would
# load as a local file.
IMAGE_SRC = QTextFormat.Property.UserProperty + 13
IMAGE_ALT = QTextFormat.Property.UserProperty + 14

# ---------------------------------------------------------------- object types
FIGURE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
TWEET_OBJECT = QTextFormat.ObjectTypes.UserObject + 2
FOOTNOTE_OBJECT = QTextFormat.ObjectTypes.UserObject + 3
WEB_IMAGE_OBJECT = QTextFormat.ObjectTypes.UserObject + 4

# Text reaches the document only through QTextCursor.insertText (never insertHtml or
# setHtml): a story's words are never read as markup.


class BlockKind(StrEnum):
    """What a block of the visual document is (stored as BLOCK_KIND)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM_CONTINUATION = "item"
    CODE = "code"
    RAW_HTML = "raw"
    SHORTCODE = "shortcode"
    RULE = "rule"
    FIGURE = "figure"
    TWEET = "tweet"
    FOOTNOTE = "footnote"


UNIT_KINDS = frozenset({BlockKind.FIGURE, BlockKind.TWEET, BlockKind.RULE})
"""Blocks that select, delete, cut, copy, drag and undo as one unit."""


class Assets(Protocol):
    """What the cards need from the library: records and the picture file to draw."""

    def image(self, image_id: int) -> ImageRecord | None: ...

    def picture_path(self, image_id: int) -> Path | None: ...

    def tweet(self, status_id: str) -> TweetRecord | None: ...
