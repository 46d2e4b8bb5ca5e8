"""The visual body editor: a QTextEdit over the document tree that edits as a word processor
does (toggling commands, lists that continue, Markdown typed as its block, cards that move
whole) and offers BodyEdit's command names, so the menus work on either editor."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextTable,
)
from PySide6.QtWidgets import QFrame, QMenu, QTextEdit, QWidget

from editordesk.document import nodes as n
from editordesk.document.parse import parse_body
from editordesk.document.write import write_body
from editordesk.gui.clipboard import hand_over_at_exit
from editordesk.gui.editor.visual import (
    autoformat,
    blocks,
    footnotes,
    inline,
    kinds,
    lists,
    moving,
    tables,
    units,
)
from editordesk.gui.editor.visual.build import build_document, insert_blocks
from editordesk.gui.editor.visual.cards import describe_object
from editordesk.gui.editor.visual.read import read_document, read_selection
from editordesk.gui.editor.visual.schema import (
    BLOCK_KIND,
    LINE_SEP,
    OBJECT_CHAR,
    SOURCE_LINE,
    Assets,
    BlockKind,
)
from editordesk.model import ImageRecord, TweetRecord

BODY_MIME = "application/x-editordesk-body"
CARD_MIME = "application/x-editordesk-card"  # a card dragged inside one editor: its block
VERBATIM = frozenset({BlockKind.CODE, BlockKind.RAW_HTML, BlockKind.SHORTCODE})
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")

Move = QTextCursor.MoveOperation
Keep = QTextCursor.MoveMode.KeepAnchor


class NoAssets:
    """The library before a story's is given: every card draws its placeholder."""

    def image(self, image_id: int) -> ImageRecord | None:
        return None

    def picture_path(self, image_id: int) -> Path | None:
        return None

    def tweet(self, status_id: str) -> TweetRecord | None:
        return None


class VisualEdit(QTextEdit):
    """The story body as it will read, with the desk's commands."""

    edited = Signal()  # the user changed the story (never emitted by set_tree)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Story body"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_MacShowFocusRect, True)
        self.setTabChangesFocus(False)
        self.drop_handler: Callable[[QMimeData, QTextCursor], bool] | None = None
        self.html_paster: Callable[[str, QTextCursor], bool] | None = None
        self._assets: Assets = NoAssets()
        self._building = False
        self._text_changed = False
        doc = self.document()
        self._steps = (doc.availableUndoSteps(), doc.availableRedoSteps())
        doc.contentsChange.connect(self._contents_change)
        doc.contentsChanged.connect(self._contents_changed)
        self.cursorPositionChanged.connect(self._describe_cursor)

    # ------------------------------------------------------------ quotes drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._paint_quote_bars()

    def _paint_quote_bars(self) -> None:
        """A bar at the left of each level of block quote, as the page draws it (a block's
        format has no border to carry it); only the blocks in view are looked at."""
        viewport = self.viewport()
        layout = self.document().documentLayout()
        dx, dy = -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter: QPainter | None = None
        block = self.cursorForPosition(QPoint(0, 0)).block()
        while block.isValid():
            rect = layout.blockBoundingRect(block).translated(dx, dy)
            if rect.top() > viewport.height():
                break
            level = kinds.quote_level(block)
            after = block.next()
            if level:
                painter = painter or QPainter(viewport)
                below = kinds.quote_level(after) if after.isValid() else 0
                gap_end = layout.blockBoundingRect(after).top() + dy if below else 0.0
                for k in range(level):
                    x = rect.left() + kinds.QUOTE_INDENT * k + 8
                    end = gap_end if below > k else rect.bottom()  # one bar down the quote
                    painter.fillRect(
                        QRectF(x, rect.top(), 3, max(end, rect.bottom()) - rect.top()), color
                    )
            block = after
        if painter is not None:
            painter.end()

    # ------------------------------------------------------------ the tree in and out

    def set_tree(self, tree: n.Document, assets: Assets) -> None:
        """Show `tree`; the undo history starts again and `edited` is not emitted."""
        self._assets = assets
        doc = self.document()
        self._building = True
        try:
            build_document(doc, tree, assets)  # no undo step; the history starts again
        finally:
            self._building = False
            self._text_changed = False
            self._steps = (doc.availableUndoSteps(), doc.availableRedoSteps())
        cursor = QTextCursor(doc)
        self.setTextCursor(cursor)

    def tree(self) -> n.Document:
        tree: n.Document = read_document(self.document())
        return tree

    def body(self) -> str:
        return write_body(self.tree())

    def assets(self) -> Assets:
        return self._assets

    # ------------------------------------------------------------ edited

    def _contents_change(self, _position: int, removed: int, added: int) -> None:
        if removed != added:
            self._text_changed = True

    def _contents_changed(self) -> None:
        doc = self.document()
        steps = (doc.availableUndoSteps(), doc.availableRedoSteps())
        changed = self._text_changed or steps != self._steps
        self._steps = steps
        self._text_changed = False
        if changed and not self._building:
            self.edited.emit()

    # ------------------------------------------------------------ commands

    def _editable(self) -> bool:
        return not self.isReadOnly()

    def _run(self, command: Callable[[QTextCursor], object]) -> None:
        """Run a command on a copy of the cursor, as one undo step, and show its cursor."""
        if not self._editable():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        command(cursor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _inline(self, toggle: Callable[[QTextCursor], bool]) -> None:
        if not self._editable():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        typing_only = toggle(cursor)
        cursor.endEditBlock()
        if typing_only:
            self.setCurrentCharFormat(cursor.charFormat())
        else:
            self.setTextCursor(cursor)

    def bold(self) -> None:
        self._inline(inline.toggle_bold)

    def italic(self) -> None:
        self._inline(inline.toggle_italic)

    def strikethrough(self) -> None:
        self._inline(inline.toggle_strikethrough)

    def insert_link(self, url: str, text: str | None = None) -> None:
        self._run(lambda c: inline.set_link(c, url, text))

    def remove_link(self) -> None:
        self._run(lambda c: inline.set_link(c, ""))

    def heading(self, level: int) -> None:
        self._run(lambda c: kinds.toggle_heading(c, level))

    def bullet_list(self) -> None:
        self._run(lambda c: lists.toggle_list(c, numbered=False))

    def numbered_list(self) -> None:
        self._run(lambda c: lists.toggle_list(c, numbered=True))

    def quote(self) -> None:
        self._run(kinds.toggle_quote)

    def code_block(self) -> None:
        self._run(kinds.toggle_code_block)

    def insert_rule(self) -> None:
        self._run(units.insert_rule)

    def insert_footnote(self) -> None:
        """A reference after the selection (or at the cursor) and its note, empty, at the end
        under the Notes: the cursor goes into the note. One undo step."""
        if not self._editable():
            return
        doc = self.document()
        label = footnotes.new_footnote_label(doc)
        number = len(footnotes.footnote_labels(doc)) + 1
        cursor = self.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        cursor.beginEditBlock()
        insert_blocks(
            cursor,
            (n.Paragraph((n.FootnoteRef(label, number),)),),
            (n.Footnote(label, number, ()),),
            self._assets,
        )
        note = footnotes.note_block(doc, label)
        if note is not None:
            cursor.setPosition(note.position() + note.length() - 1)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def move_block(self, delta: int) -> None:
        if not self._editable():
            return
        cursor = self.textCursor()
        if moving.move_blocks(cursor, delta):
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def insert_block_token(self, token: str) -> None:
        """A figure or tweet shortcode (as the Insert menu makes it) as its card block."""
        if not self._editable():
            return
        tree = parse_body(token)

        def insert(cursor: QTextCursor) -> None:
            self._insert_tree(cursor, tree, cards_only=True)
            block = cursor.block()
            if blocks.is_unit(block):  # the cursor goes on below the card, as in the source
                after = block.next()
                if after.isValid() and not blocks.is_unit(after) and not blocks.table_at(after):
                    cursor.setPosition(after.position())
                else:
                    cursor.movePosition(Move.EndOfBlock)
                    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())

        self._run(insert)

    # tables
    def insert_table(self, rows: int, cols: int) -> None:
        self._run(lambda c: tables.insert_table(c, rows, cols))

    def add_row_above(self) -> None:
        self._run(lambda c: tables.add_row(c, below=False))

    def add_row_below(self) -> None:
        self._run(lambda c: tables.add_row(c, below=True))

    def add_column_left(self) -> None:
        self._run(lambda c: tables.add_column(c, right=False))

    def add_column_right(self) -> None:
        self._run(lambda c: tables.add_column(c, right=True))

    def remove_row(self) -> None:
        self._run(tables.remove_row)

    def remove_column(self) -> None:
        self._run(tables.remove_column)

    def align_column(self, align: str) -> None:
        self._run(lambda c: tables.align_column(c, align))

    def delete_table(self) -> None:
        self._run(tables.delete_table)

    # ------------------------------------------------------------ inserting blocks

    def _insert_tree(self, cursor: QTextCursor, tree: n.Document, cards_only: bool = False) -> None:
        table = cursor.currentTable() if cards_only else None
        if table is not None:  # a card goes after the table: a cell holds one line
            cursor.clearSelection()
            cursor.setPosition(table.lastPosition() + 1)
            if cursor.block().text() or blocks.is_unit(cursor.block()):
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                cursor.movePosition(Move.PreviousBlock)
        if cards_only and cursor.block().text() and not blocks.is_unit(cursor.block()):
            cursor.clearSelection()  # a card goes after the paragraph, not into it
            cursor.movePosition(Move.EndOfBlock)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        insert_blocks(cursor, tree.children, tree.footnotes, self._assets)

    # ------------------------------------------------------------ plain text

    def paste_plain(self) -> None:
        """Ctrl+Shift+V: the clipboard's text, its blank lines making paragraphs."""
        if self._editable():
            self.insert_plain(QGuiApplication.clipboard().text())

    def insertPlainText(self, text: str) -> None:
        self.insert_plain(text)

    def insert_plain(self, text: str) -> None:
        if not self._editable() or not text:
            return
        self._off_the_notes_separator()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        _plain_into(cursor, text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # ------------------------------------------------------------ clipboard and drops

    def createMimeDataFromSelection(self) -> QMimeData:
        hand_over_at_exit()  # the clipboard frees a Python QMimeData only while Python runs
        cursor = self.textCursor()
        mime = QMimeData()
        text = cursor.selectedText().replace(OBJECT_CHAR, "")
        mime.setText(text.replace("\u2029", "\n").replace(LINE_SEP, "\n"))
        body = self._selection_body(cursor)
        if body is not None:
            mime.setData(BODY_MIME, body.encode("utf-8"))
        unit = self._selected_unit()
        if unit is not None:
            mime.setData(CARD_MIME, f"{id(self)}:{unit.blockNumber()}".encode())
        return mime

    def _selection_body(self, cursor: QTextCursor) -> str | None:
        if not cursor.hasSelection():
            return None
        return write_body(read_selection(cursor))

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if self.isReadOnly():
            return False
        return (
            source.hasFormat(BODY_MIME)
            or source.hasText()
            or source.hasHtml()
            or source.hasUrls()
            or source.hasImage()
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste and drop: never Qt's own HTML import."""
        if self.isReadOnly():
            return
        self._off_the_notes_separator()
        cursor = self.textCursor()
        if source.hasFormat(BODY_MIME):
            body = bytes(source.data(BODY_MIME).data()).decode("utf-8", "replace")
            tree = parse_body(body)
            cursor.beginEditBlock()
            if cursor.hasSelection():
                cursor.removeSelectedText()
            self._insert_tree(cursor, tree)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        text = source.text() if source.hasText() else ""
        if cursor.hasSelection() and _URL.match(text.strip()):
            self.insert_link(text.strip())
            return
        files = source.hasImage() or _has_files(source)
        if files and self.drop_handler is not None and self.drop_handler(source, cursor):
            return
        if (
            source.hasHtml()
            and self.html_paster is not None
            and self.html_paster(source.html(), cursor)
        ):
            return
        if text:
            self.insert_plain(text)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.isReadOnly():
            event.ignore()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self.isReadOnly():
            event.ignore()
            return
        mime = event.mimeData()
        if mime.hasFormat(CARD_MIME):
            owner, _, number = bytes(mime.data(CARD_MIME).data()).decode().partition(":")
            if owner == str(id(self)) and number.isdigit():
                target = self.cursorForPosition(event.position().toPoint())
                self.move_card(int(number), target.position())
                event.setDropAction(Qt.DropAction.CopyAction)  # moved here: nothing to delete
                event.accept()
                return
        if mime.hasImage() or _has_files(mime):
            cursor = self.cursorForPosition(event.position().toPoint())
            if self.drop_handler is not None and self.drop_handler(mime, cursor):
                event.acceptProposedAction()
                return
        super().dropEvent(event)

    def move_card(self, number: int, position: int) -> None:
        """Move the card block `number` to where `position` is (before that block, or after
        it when the position is in the block's second half), one undo step."""
        if not self._editable():
            return
        doc = self.document()
        card = doc.findBlockByNumber(number)
        if not blocks.is_unit(card):
            return
        target = doc.findBlock(position)
        if blocks.table_at(target) is not None:
            table = blocks.table_at(target)
            assert table is not None
            target = doc.findBlock(table.lastPosition() + 1)
        middle = target.position() + target.length() // 2
        after = position > middle or target.blockNumber() == number
        cursor = QTextCursor(doc)
        moved = moving.move_unit_to(cursor, card, target, after)
        if moved is not None:
            self.setTextCursor(units.unit_selection(moved))

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._key(event):
            event.accept()
            return
        cursor = self.textCursor()
        text = event.text()
        printable = (
            bool(text)
            and text.isprintable()
            and not (
                event.modifiers()
                & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        )
        if printable and self._editable():
            self._before_typing(cursor)
            offset = cursor.positionInBlock()
            convert = text == " " and not cursor.hasSelection()
            prefix = autoformat.autoformat_prefix(cursor.block(), offset) if convert else None
            super().keyPressEvent(event)
            if prefix is not None:
                cursor = self.textCursor()
                autoformat.apply_prefix(cursor, prefix, offset + 1)
                self.setTextCursor(cursor)
            return
        arrow = event.key() in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        )
        before = cursor.position()
        super().keyPressEvent(event)
        if arrow:
            self._step_over_card(before)

    def _key(self, event: QKeyEvent) -> bool:
        """The keys the editor handles itself; True when handled."""
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        plain = mods & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            return self._tab(back=key == Qt.Key.Key_Backtab or shift)
        alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        if mods == alt_shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_block(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if event.matches(QKeySequence.StandardKey.Bold):
            self.bold()
            return True
        if event.matches(QKeySequence.StandardKey.Italic):
            self.italic()
            return True
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if mods == ctrl_shift and key == Qt.Key.Key_V:
            self.paste_plain()
            return True
        if not self._editable():
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (plain or shift):
            return self._enter(soft=shift)
        if key == Qt.Key.Key_Backspace and plain:
            return self._backspace()
        if key == Qt.Key.Key_Delete and plain:
            return self._delete()
        return False

    def _tab(self, back: bool) -> bool:
        cursor = self.textCursor()
        if self._editable() and cursor.currentTable() is not None:
            tables.next_cell(cursor, back)
            self.setTextCursor(cursor)
            return True
        block = cursor.block()
        if self._editable() and block.textList() is not None:
            self._run(lambda c: _indent_items(c, -1 if back else 1))
            return True
        QWidget.focusNextPrevChild(self, not back)
        return True

    def _enter(self, soft: bool) -> bool:
        if self._off_the_notes_separator():
            return True
        cursor = self.textCursor()
        block = cursor.block()
        unit = self._selected_unit()
        if unit is not None or blocks.is_unit(block):
            self._paragraph_after(unit or block)
            return True
        kind = blocks.kind_of(block)
        if kind in VERBATIM:
            text = block.text()
            if not soft and cursor.atBlockEnd() and text.endswith(LINE_SEP):
                cursor.beginEditBlock()  # an empty last line: out of the code block
                cursor.deletePreviousChar()
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                cursor.endEditBlock()
                self.setTextCursor(cursor)
            else:
                cursor.insertText(LINE_SEP)
                self.setTextCursor(cursor)
            return True
        table: QTextTable | None = cursor.currentTable()
        if table is not None and not soft:  # a cell holds one line: Enter goes down a row
            cell = table.cellAt(cursor)
            cursor.beginEditBlock()
            if cell.row() == table.rows() - 1:
                tables.add_row(cursor, below=True)
            else:
                below = table.cellAt(cell.row() + 1, cell.column())
                cursor.setPosition(below.lastCursorPosition().position())
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        if soft:  # a line break: plain, since code and links hold none
            cursor.insertText(LINE_SEP, inline.plain_chars(cursor.charFormat()))
            self.setTextCursor(cursor)
            return True
        if block.textList() is not None and not block.text() and not cursor.hasSelection():
            self._run(lambda c: lists.indent_item(c.block(), -1))
            return True
        level = kinds.quote_level(block)
        if level and not block.text() and not cursor.hasSelection():  # an empty quoted line
            self._run(lambda c: kinds.set_quote(c.block(), level - 1))  # ends the quote
            return True
        if autoformat.is_rule_text(block) and cursor.atBlockEnd():
            self._run(autoformat.make_rule)
            return True
        heading_end = block.blockFormat().headingLevel() and cursor.atBlockEnd()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        chars = inline.plain_chars(cursor.charFormat())
        if heading_end:
            fmt = QTextBlockFormat(block.blockFormat())
            fmt.setHeadingLevel(0)
            fmt.clearProperty(BLOCK_KIND)
            cursor.insertBlock(fmt, QTextCharFormat())
            kinds.set_heading(cursor.block(), 0)
        else:
            cursor.insertBlock()
            if cursor.atBlockEnd():
                cursor.setBlockCharFormat(chars)
        fmt = cursor.blockFormat()
        if fmt.hasProperty(SOURCE_LINE):  # a typed block has no line of the body yet
            fmt.clearProperty(SOURCE_LINE)
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _backspace(self) -> bool:
        cursor = self.textCursor()
        block = cursor.block()
        if footnotes.is_notes(block) and not cursor.hasSelection():
            return True  # the Notes separator is drawn, not edited
        if self._selected_unit() is not None or (
            not cursor.hasSelection() and blocks.is_unit(block)
        ):
            self._remove_card(self._selected_unit() or block)
            return True
        if cursor.hasSelection():
            return False
        if self._footnote_key(cursor.position() - 1):
            return True
        if not cursor.atBlockStart():
            return False
        if footnotes.is_note_mark(footnotes.footnote_at(self.document(), block.position())):
            return True  # a note's first block does not join the one above
        if block.textList() is not None:
            self._run(lambda c: lists.indent_item(c.block(), -1))
            return True
        if kinds.quote_level(block) and not blocks.is_unit(block.previous()):
            self._run(lambda c: kinds.set_quote(c.block(), kinds.quote_level(c.block()) - 1))
            return True
        previous = block.previous()
        if footnotes.is_notes(previous):
            return True  # the Notes separator stays
        if blocks.is_unit(previous):
            if (
                not block.text()
                and blocks.kind_of(block) == BlockKind.PARAGRAPH
                and block.next().isValid()
            ):
                edit = QTextCursor(block)
                edit.beginEditBlock()
                edit.setPosition(block.next().position(), Keep)
                edit.removeSelectedText()
                edit.endEditBlock()
                self.setTextCursor(units.unit_selection(previous))
            else:
                self._remove_card(previous)
            return True
        return False

    def _delete(self) -> bool:
        cursor = self.textCursor()
        block = cursor.block()
        if footnotes.is_notes(block) and not cursor.hasSelection():
            return True
        if self._selected_unit() is not None or (
            not cursor.hasSelection() and blocks.is_unit(block)
        ):
            self._remove_card(self._selected_unit() or block)
            return True
        if cursor.hasSelection():
            return False
        if self._footnote_key(cursor.position()):
            return True
        if not cursor.atBlockEnd():
            return False
        following = block.next()
        if footnotes.is_notes(following) or (
            following.isValid()
            and footnotes.is_note_mark(footnotes.footnote_at(self.document(), following.position()))
        ):
            return True
        if blocks.is_unit(following):
            self._remove_card(following)
            cursor.setPosition(min(cursor.position(), self.document().characterCount() - 1))
            return True
        return False

    def _footnote_key(self, position: int) -> bool:
        """Backspace or Delete on a footnote object: a reference goes with its note (if
        no other reference is left); a note's own number stays. True when handled."""
        fmt = footnotes.footnote_at(self.document(), position)
        if fmt is None:
            return False
        if not footnotes.is_note_mark(fmt):
            footnotes.remove_footnote_reference(self.document(), position)
            cursor = self.textCursor()
            cursor.setPosition(position)
            self.setTextCursor(cursor)
        return True

    def _off_the_notes_separator(self) -> bool:
        """A cursor in the Notes separator goes to the first note; True if it moved."""
        cursor = self.textCursor()
        block = cursor.block()
        if cursor.hasSelection() or not footnotes.is_notes(block) or not block.next().isValid():
            return False
        first = block.next().position()
        mark = footnotes.is_note_mark(footnotes.footnote_at(self.document(), first))
        cursor.setPosition(first + 1 if mark else first)  # after the note's number
        self.setTextCursor(cursor)
        return True

    def _remove_card(self, block: QTextBlock) -> None:
        cursor = units.remove_unit(block)
        self.setTextCursor(cursor)

    def _paragraph_after(self, block: QTextBlock) -> QTextCursor:
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(Move.EndOfBlock)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        return cursor

    def _before_typing(self, cursor: QTextCursor) -> None:
        """Typing on a card starts a paragraph after it; typing at a link's (or inline
        code's) end does not extend it."""
        unit = self._selected_unit()
        if unit is not None or (not cursor.hasSelection() and blocks.is_unit(cursor.block())):
            self._paragraph_after(unit or cursor.block())
            return
        if self._off_the_notes_separator():
            cursor = self.textCursor()
        if cursor.hasSelection() or blocks.kind_of(cursor.block()) in VERBATIM:
            return
        fmt = cursor.charFormat()
        if inline.is_sticky_stop(fmt) or cursor.atBlockStart():
            after = QTextCursor(cursor)
            if after.atBlockEnd():
                same = False
            else:
                after.movePosition(Move.NextCharacter)
                same = after.charFormat().anchorHref() == fmt.anchorHref() and (
                    after.charFormat().isAnchor() == fmt.isAnchor()
                )
                if cursor.atBlockStart():
                    same = not inline.is_sticky_stop(after.charFormat())
                    fmt = after.charFormat()
            if not same:
                self.setCurrentCharFormat(inline.plain_chars(fmt))

    def _selected_unit(self) -> QTextBlock | None:
        """The card block the selection is exactly, if it is one."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        block = self.document().findBlock(cursor.selectionStart())
        if not blocks.is_unit(block) or block.position() != cursor.selectionStart():
            return None
        end = cursor.selectionEnd()
        if end in (block.position() + block.length(), block.position() + block.length() - 1):
            return block
        return None

    def _step_over_card(self, before: int) -> None:
        """An arrow key that lands on a card goes on past it (or selects it at an end)."""
        cursor = self.textCursor()
        if cursor.hasSelection() and not blocks.is_unit(cursor.block()):
            return
        block = self.document().findBlock(cursor.position())
        if not _passed_over(block):
            return
        forward = cursor.position() >= before
        step = block
        while _passed_over(step):
            step = step.next() if forward else step.previous()
        if footnotes.is_notes(block) and not step.isValid():
            step = block.previous() if forward else block.next()
            forward = not forward
        if cursor.hasSelection():
            edge = block.position() + block.length() - 1 if forward else block.position()
            cursor.setPosition(edge, Keep)
        elif step.isValid():
            cursor.setPosition(step.position() if forward else step.position() + step.length() - 1)
        else:
            cursor = units.unit_selection(block)
        self.setTextCursor(cursor)

    # ------------------------------------------------------------ context menu

    def createStandardContextMenu(self, position: QPoint | None = None) -> QMenu:
        """Qt's menu (its Paste comes through insertFromMimeData), and in a table the table
        commands."""
        menu = (
            super().createStandardContextMenu()
            if position is None
            else super().createStandardContextMenu(position)
        )
        if self.textCursor().currentTable() is None or self.isReadOnly():
            return menu
        table = menu.addMenu(self.tr("&Table"))
        for label, slot in (
            (self.tr("Add row &above"), self.add_row_above),
            (self.tr("Add row &below"), self.add_row_below),
            (self.tr("Add column &left"), self.add_column_left),
            (self.tr("Add column &right"), self.add_column_right),
            (self.tr("Remove r&ow"), self.remove_row),
            (self.tr("Remove &column"), self.remove_column),
            (self.tr("Align column l&eft"), lambda: self.align_column("left")),
            (self.tr("Align column ce&nter"), lambda: self.align_column("center")),
            (self.tr("Align column r&ight"), lambda: self.align_column("right")),
            (self.tr("&Delete table"), self.delete_table),
        ):
            action = table.addAction(label)
            action.triggered.connect(lambda _checked=False, run=slot: run())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        inside = self.cursorForPosition(event.pos())
        cursor = self.textCursor()
        if not (cursor.selectionStart() <= inside.position() <= cursor.selectionEnd()):
            self.setTextCursor(inside)  # a right-click elsewhere puts the cursor there
        menu = self.createStandardContextMenu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    # ------------------------------------------------------------ mouse

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if not cursor.hasSelection() and blocks.is_unit(cursor.block()):
            self.setTextCursor(units.unit_selection(cursor.block()))

    # ------------------------------------------------------------ accessibility

    def _describe_cursor(self) -> None:
        """Screen readers say what card the cursor is on ("Picture: …")."""
        block = self._selected_unit() or self.textCursor().block()
        description = _describe_block(block, self._assets) if blocks.is_unit(block) else ""
        if description != self.accessibleDescription():
            self.setAccessibleDescription(description)


# ---------------------------------------------------------------- helpers


def _passed_over(block: QTextBlock) -> bool:
    """Blocks an arrow key goes past: cards and the Notes separator."""
    return bool(blocks.is_unit(block) or footnotes.is_notes(block))


def _indent_items(cursor: QTextCursor, delta: int) -> None:
    for block in blocks.selected_blocks(cursor):
        lists.indent_item(block, delta)


def _has_files(mime: QMimeData) -> bool:
    return mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())


def _describe_block(block: QTextBlock, assets: Assets) -> str:
    if blocks.kind_of(block) == BlockKind.RULE:
        return "Rule"
    cursor = QTextCursor(block)
    cursor.movePosition(Move.NextCharacter)
    return str(describe_object(cursor.charFormat(), assets))


def _plain_into(cursor: QTextCursor, text: str) -> None:
    """Insert plain text: blank lines part paragraphs, single line ends are line breaks (in a
    code block every line end is; in a table cell they are spaces)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(OBJECT_CHAR, "")
    chars = inline.plain_chars(cursor.charFormat())
    kind = blocks.kind_of(cursor.block())
    if kind in (BlockKind.CODE, BlockKind.RAW_HTML, BlockKind.SHORTCODE):
        cursor.insertText(text.replace("\n", LINE_SEP), cursor.charFormat())
        return
    if cursor.currentTable() is not None:
        cursor.insertText(" ".join(text.split()), chars)
        return
    if blocks.is_unit(cursor.block()):
        cursor.movePosition(Move.EndOfBlock)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    paragraphs = [p.strip("\n") for p in _BLANK_LINES.split(text.strip("\n"))]
    for i, paragraph in enumerate(paragraphs):
        if i:
            cursor.insertBlock()
        cursor.insertText(paragraph.replace("\n", LINE_SEP), chars)
