"""The body editor: plain Markdown text with formatting commands, so what is typed is exactly
what is stored, and figures and tweets go in as tokens the library resolves."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from editordesk.gui import plain
from editordesk.gui.editor.highlighter import MarkdownHighlighter

_HEADING = re.compile(r"^#{1,6}[ \t]+")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^>[ \t]?")
_TOKEN = re.compile(r"\{\{[<%].*?[>%]\}\}")


class BodyEdit(QPlainTextEdit):
    """Markdown body with the desk's commands: bold, italic, link, headings, lists, quote."""

    token_hovered = Signal(str, object)  # the shortcode under the mouse, and the global pos

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Story body"))
        self.setToolTip("")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Tab nests a list item; anywhere else it leaves the body for the next field, and
        # Shift+Tab goes back (Ctrl+Tab moves between the window's panes): it never traps.
        self.setTabChangesFocus(True)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.0) + 1)
        self.setFont(font)
        self.highlighter = MarkdownHighlighter(self.document())
        self.setMouseTracking(True)
        self.viewport().installEventFilter(self)
        # shortcode text -> its tooltip: markup the editor wrote (plain.rich_tooltip), or
        # anything else, which shows escaped
        self.token_tooltip: dict[str, str] = {}

    # ------------------------------------------------------------ inline formatting

    def toggle_wrap(self, marker: str) -> None:
        """Wrap the selection in `marker` (or unwrap it); with none, type both and go between."""
        if self.isReadOnly():  # a read-only story: no command changes it
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        text = cursor.selectedText()
        if text:
            if text.startswith(marker) and text.endswith(marker) and len(text) >= 2 * len(marker):
                cursor.insertText(text[len(marker) : -len(marker)])
            else:
                stripped = text.strip()
                lead = text[: len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()) :]
                cursor.insertText(f"{lead}{marker}{stripped}{marker}{trail}")
        else:
            cursor.insertText(marker * 2)
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(marker))
            self.setTextCursor(cursor)
        cursor.endEditBlock()

    def bold(self) -> None:
        self.toggle_wrap("**")

    def italic(self) -> None:
        self.toggle_wrap("*")

    def strikethrough(self) -> None:
        self.toggle_wrap("~~")

    def insert_link(self, url: str, text: str | None = None) -> None:
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        words = cursor.selectedText() or text or url
        cursor.insertText(f"[{words}]({url})")

    # ------------------------------------------------------------ line formatting

    def _selected_blocks(self) -> tuple[int, int]:
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(
            max(
                cursor.selectionEnd() - (1 if cursor.hasSelection() else 0), cursor.selectionStart()
            )
        ).blockNumber()
        return first, last

    def _rewrite_lines(self, change: Callable[[str, int], str]) -> None:
        if self.isReadOnly():
            return
        first, last = self._selected_blocks()
        cursor = QTextCursor(self.document().findBlockByNumber(first))
        cursor.beginEditBlock()
        for number in range(first, last + 1):
            block = self.document().findBlockByNumber(number)
            new = change(block.text(), number - first)
            if new != block.text():
                line = QTextCursor(block)
                line.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                line.insertText(new)
        cursor.endEditBlock()

    def heading(self, level: int) -> None:
        """Make the current line(s) a heading of `level`, or plain text if already that."""
        marks = "#" * level + " "

        def change(line: str, _: int) -> str:
            current = _HEADING.match(line)
            body = line[current.end() :] if current else line
            if current and current.group().strip() == "#" * level:
                return body
            return marks + body

        self._rewrite_lines(change)

    def bullet_list(self) -> None:
        self._toggle_prefix(lambda i: "- ", _LIST)

    def numbered_list(self) -> None:
        self._toggle_prefix(lambda i: f"{i + 1}. ", _LIST)

    def quote(self) -> None:
        self._toggle_prefix(lambda i: "> ", _QUOTE)

    def _toggle_prefix(self, prefix: Callable[[int], str], pattern: re.Pattern[str]) -> None:
        first, last = self._selected_blocks()
        if first == last and not self.textCursor().block().text().strip():
            if not self.isReadOnly():  # an empty line: the list or quote starts here
                cursor = self.textCursor()
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.insertText(prefix(0))
                self.setTextCursor(cursor)
            return
        lines = [self.document().findBlockByNumber(b).text() for b in range(first, last + 1)]
        all_have = all(pattern.match(line) or not line.strip() for line in lines) and any(
            pattern.match(line) for line in lines
        )
        same_kind = all_have and all(
            (pattern.match(line).group().strip() == prefix(0).strip())  # type: ignore[union-attr]
            or prefix(0).strip().endswith(".")
            for line in lines
            if pattern.match(line)
        )

        def change(line: str, i: int) -> str:
            if not line.strip():
                return line
            existing = pattern.match(line)
            body = line[existing.end() :] if existing else line
            if all_have and same_kind:
                return body
            return prefix(i) + body

        self._rewrite_lines(change)

    # ------------------------------------------------------------ tokens

    def insert_block_token(self, token: str) -> None:
        """Put a figure or tweet token on a line of its own, with blank lines around it."""
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        block_text = cursor.block().text()
        if block_text.strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertText("\n\n")
        cursor.insertText(token + "\n\n")
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _insert_own_lines(self, text: str) -> int:
        """`text` on lines of its own, a blank line around it (after the cursor's line when
        that has words): returns where `text` starts. The caller holds the edit block."""
        cursor = self.textCursor()
        cursor.clearSelection()
        block = cursor.block()
        following = block.next()
        blank_next = following.isValid() and not following.text().strip()
        if block.text().strip():  # after this line, a blank line between
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            before = "\n\n"
            after = "" if blank_next else "\n"
        else:  # on this empty line
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            previous = block.previous()
            before = "\n" if previous.isValid() and previous.text().strip() else ""
            after = "\n" if following.isValid() and not blank_next else ""
        start = cursor.position() + len(before)
        cursor.insertText(before + text + after)
        cursor.setPosition(start + len(text))
        self.setTextCursor(cursor)
        return start

    def insert_rule(self) -> None:
        """A horizontal rule, `---`, on a line of its own."""
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self._insert_own_lines("---")
        cursor.endEditBlock()

    def insert_table(self, rows: int, cols: int) -> None:
        """A GFM table of `rows` rows (the first its header) and `cols` empty columns, on
        lines of its own; the cursor goes into the first header cell."""
        if self.isReadOnly():
            return
        rows, cols = max(1, rows), max(1, cols)
        empty = "| " + " | ".join([""] * cols) + " |"
        lines = [empty, "| " + " | ".join(["---"] * cols) + " |"] + [empty] * (rows - 1)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        start = self._insert_own_lines("\n".join(lines))
        cursor.endEditBlock()
        inside = self.textCursor()
        inside.setPosition(start + 2)
        self.setTextCursor(inside)

    def insert_footnote(self) -> None:
        """`[^n]` after the selection (n the next free number) and its note `[^n]: ` at the
        end of the body, where the cursor goes to write it. One undo step."""
        if self.isReadOnly():
            return
        text = self.toPlainText()
        taken = set(re.findall(r"\[\^([^\]\s]+)\]", text))
        number = 1
        while str(number) in taken:
            number += 1
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.setPosition(cursor.selectionEnd())
        cursor.insertText(f"[^{number}]")
        cursor.movePosition(QTextCursor.MoveOperation.End)
        tail = self.toPlainText()
        ending = len(tail) - len(tail.rstrip("\n"))  # a blank line before the note
        gap = "\n" * max(0, 2 - ending) if tail.strip() else ""
        cursor.insertText(f"{gap}[^{number}]: ")
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def code_block(self) -> None:
        """Fence the selected lines as a code block (```), or take the fences away when the
        lines are fenced already; on an empty line, an empty block to type in."""
        if self.isReadOnly():
            return
        first, last = self._selected_blocks()
        doc = self.document()
        top, bottom = doc.findBlockByNumber(first), doc.findBlockByNumber(last)
        cursor = QTextCursor(top)
        cursor.beginEditBlock()
        above, below = top.previous(), bottom.next()
        if (
            above.isValid()
            and below.isValid()
            and above.text().startswith("```")
            and below.text().strip() == "```"
        ):
            keep = QTextCursor.MoveMode.KeepAnchor
            end = QTextCursor(doc)  # the closing fence first: the opening one's place holds
            end.setPosition(below.position() - 1)
            end.setPosition(below.position() + below.length() - 1, keep)
            end.removeSelectedText()
            cursor.setPosition(above.position())
            cursor.setPosition(above.position() + above.length(), keep)
            cursor.removeSelectedText()
        elif first == last and not top.text().strip():
            cursor.insertText("```\n\n```")
            cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            self.setTextCursor(cursor)
        else:
            cursor.insertText("```\n")
            end = QTextCursor(doc.findBlockByNumber(last + 1))  # the lines moved down one
            end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            end.insertText("\n```")
        cursor.endEditBlock()

    def token_at(self, position: int) -> str | None:
        block = self.document().findBlock(position)
        offset = position - block.position()
        for m in _TOKEN.finditer(block.text()):
            if m.start() <= offset < m.end():
                return m.group()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            token = self.token_at(self.cursorForPosition(pos).position())
            tip = self.token_tooltip.get(token or "")
            if tip:
                plain.show_tooltip(event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            and self.nest_list_items(
                outward=event.key() == Qt.Key.Key_Backtab
                or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            )
        ):
            event.accept()
            return True
        return super().event(event)

    def nest_list_items(self, *, outward: bool = False) -> bool:
        """Tab in a list item: indent the selected items a level (`outward`: take them back
        one). False, changing nothing, when the cursor is not in a list item (or an
        outermost item is to go outward), so the key moves the focus instead."""
        if self.isReadOnly():
            return False
        first, last = self._selected_blocks()
        lines = [self.document().findBlockByNumber(b).text() for b in range(first, last + 1)]
        items = [_LIST.match(line) for line in lines]
        if items[0] is None:
            return False
        if outward and not any(m is not None and m.group(1) for m in items):
            return False

        def change(line: str, _: int) -> str:
            item = _LIST.match(line)
            if item is None:
                return line
            width = len(item.group()) - len(item.group(1))  # "- " 2, "1. " 3: Markdown's step
            if not outward:
                return " " * width + line
            lead = len(item.group(1))
            return line[min(lead, width) :] if lead else line

        self._rewrite_lines(change)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a list item continues the list, as every word processor does.
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
            and not self.isReadOnly()
        ):
            line = self.textCursor().block().text()
            m = _LIST.match(line)
            if m and self.textCursor().atBlockEnd():
                if line[m.end() :].strip():
                    marker = m.group().strip()
                    if marker[:-1].isdigit():
                        marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
                    self.textCursor().insertText("\n" + m.group(1) + marker + " ")
                    return
                cursor = self.textCursor()  # an empty item ends the list
                cursor.movePosition(
                    QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.removeSelectedText()
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # A read-only story takes no drop and no paste, whatever the data.
        return not self.isReadOnly() and super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not self.isReadOnly():
            super().insertFromMimeData(source)
