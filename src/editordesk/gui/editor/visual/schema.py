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
# with IMAGE_SRC / IMAGE_ALT / IMAGE_TITLE (below): never a QTextImageFormat, whose name Qt
# would load as a local file.
IMAGE_SRC = QTextFormat.Property.UserProperty + 13
IMAGE_ALT = QTextFormat.Property.UserProperty + 14

# ---------------------------------------------------------------- the bridge's own (build.py)
# SOURCE_LINE (block): the body line the block came from (1-based; absent when typed), so a
# switch source <-> visual keeps the cursor's place and a Checks finding selects its block.
# A table's cells carry it too (header row: the table's line; body row r: line + 2 + r).
SOURCE_LINE = QTextFormat.Property.UserProperty + 15
# A note's paragraphs are BlockKind.FOOTNOTE; its other blocks (a list, code, a quote in a
# note) keep their own kind. EVERY block of a note carries FOOTNOTE_LABEL: that marks it.
# The first block of each note begins with a FOOTNOTE_OBJECT char with NOTE_MARK True: the
# note's number drawn in the notes, not a reference (the reader skips it).
NOTE_MARK = QTextFormat.Property.UserProperty + 16
# Code and raw blocks: the text's final "\n" is not shown; TEXT_UNTERMINATED True records a
# text that had none, an empty one included (absent: one "\n" is added back).
TEXT_UNTERMINATED = QTextFormat.Property.UserProperty + 17
# On a FOOTNOTE_OBJECT: its number when built (the card draws the live number, counted in
# order of first reference). On FIGURE/TWEET/WEB_IMAGE objects: ACCESSIBLE_TEXT, the card's
# description when built (cards.describe_object gives the live one given the assets).
FOOTNOTE_NUMBER = QTextFormat.Property.UserProperty + 18
ACCESSIBLE_TEXT = QTextFormat.Property.UserProperty + 19
# A web picture's own title ("![alt](src "title")") is IMAGE_TITLE, so a link around it keeps
# LINK_TITLE for the link's.
IMAGE_TITLE = QTextFormat.Property.UserProperty + 20
# On FIGURE/TWEET objects: the shortcode as the body had it (Figure.source / Tweet.source),
# so parameters the tree does not model survive an edit in the visual editor.
SHORTCODE_SOURCE = QTextFormat.Property.UserProperty + 21
# A table in a quote or list item carries QUOTE_LEVEL and ITEM_DEPTH on its QTextTableFormat
# (a frame has no block format). An item that opens with a quote, a list or a table has an
# empty first block in its QTextList; the reader drops it. Headings and header cells are
# drawn DemiBold: below Bold, so never read as strong. Empty paragraphs are not read back.

# ---------------------------------------------------------------- object types
FIGURE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
TWEET_OBJECT = QTextFormat.ObjectTypes.UserObject + 2
FOOTNOTE_OBJECT = QTextFormat.ObjectTypes.UserObject + 3
WEB_IMAGE_OBJECT = QTextFormat.ObjectTypes.UserObject + 4
# The "Notes" separator above the footnotes: a BlockKind.NOTES block holding one OBJECT_CHAR
# of this type; it is drawn, never read back as content.
NOTES_OBJECT = QTextFormat.ObjectTypes.UserObject + 5

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
    NOTES = "notes"


UNIT_KINDS = frozenset({BlockKind.FIGURE, BlockKind.TWEET, BlockKind.RULE})
"""Blocks that select, delete, cut, copy, drag and undo as one unit."""


class Assets(Protocol):
    """What the cards need from the library: records and the picture file to draw."""

    def image(self, image_id: int) -> ImageRecord | None: ...

    def picture_path(self, image_id: int) -> Path | None: ...

    def tweet(self, status_id: str) -> TweetRecord | None: ...
