"""Keeps one story's visual editor and its Markdown source in step. The source (BodyEdit)
stays the stored body: the visual document is built from it, and written back into it on a
pause in typing and before anything reads the body, only when the visual was edited, so
opening a story never changes its body. A change made to the source itself (a story loaded,
a revision restored, a replace) builds the visual anew, the cursor kept near its line."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QStackedWidget, QWidget

from editordesk.document.parse import parse_body
from editordesk.gui.editor.body_edit import BodyEdit
from editordesk.gui.editor.visual.assets import StoreAssets
from editordesk.gui.editor.visual.build import block_for_line, build_document, line_for_position
from editordesk.gui.editor.visual.edit import VisualEdit
from editordesk.gui.editor.visual.schema import (
    FIGURE_OBJECT,
    IMAGE_ID,
    SOURCE_LINE,
    TWEET_ID,
    TWEET_OBJECT,
)
from editordesk.gui.workers import describe_error, run_in_background

FLUSH_DELAY_MS = 250  # a pause in typing this long writes the visual into the source
VISUAL, SOURCE = "visual", "source"  # the two ways to edit (settings.edit_in)


def common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at the start (string compares, not a loop
    over a 100,000-character body)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters `a` and `b` share at the end, at most `limit`."""
    low, high = 0, min(len(a), len(b), limit)
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def u16(text: str, index: int) -> int:
    """A Python index of `text` as Qt counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


class BodyMirror(QObject):
    """The visual editor and the source in one stack, kept in step."""

    edited = Signal()  # the visual was edited: the story changed
    view_changed = Signal(bool)  # True: the Markdown source shows
    figure_activated = Signal(int)  # a picture's card double-clicked: its library id
    tweet_activated = Signal(str)  # a tweet's card double-clicked: its status id
    message = Signal(str)  # a line for the status bar (pictures dropped and imported)
    rebuilding = Signal()  # the visual is about to be built anew from the source
    rebuilt = Signal()  # ... and has been

    def __init__(
        self,
        body: BodyEdit,
        assets: StoreAssets,
        parent: QWidget,
        *,
        source: bool = False,
        quiet: Callable[[], bool] = lambda: False,
    ) -> None:
        """`source`: the Markdown source shows first; `quiet` says a change in progress is
        no edit (the story loading, underlines)."""
        super().__init__(parent)
        self.body = body
        self.assets = assets
        self._quiet = quiet
        self.visual = VisualEdit(parent)
        self.visual.setAccessibleName(self.tr("Story body"))
        self.body.setAccessibleName(self.tr("Story body (Markdown source)"))
        self.stack = QStackedWidget(parent)
        self.stack.setAccessibleName(self.tr("Story body editors"))
        self.stack.addWidget(self.visual)
        self.stack.addWidget(self.body)
        self.stack.setCurrentWidget(self.body if source else self.visual)
        self._stale = True  # the source changed since the visual was built
        self._built = False  # the visual has been built once (its cursor means something)
        self._visual_edited = False  # the visual changed since it was built or written back
        self._reshaped = False  # edited since built: its blocks' SOURCE_LINEs are out of date
        self._lines: list[int] | None = None  # each visual block's body line, when reshaped
        self._building = False
        self._writing = False
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_DELAY_MS)
        self._flush_timer.timeout.connect(self.flush)
        self._rebuild_timer = QTimer(self, singleShot=True, interval=0)
        self._rebuild_timer.timeout.connect(self.sync)
        self.visual.edited.connect(self._on_visual_edited)
        self.body.document().contentsChange.connect(self._on_source_changed)
        self.visual.viewport().installEventFilter(self)
        self.visual.drop_handler = self.drop_files

    # ------------------------------------------------------------ cards

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.visual.viewport()
            and event.type() == QEvent.Type.MouseButtonDblClick
            and isinstance(event, QMouseEvent)
        ):
            cursor = self.visual.cursorForPosition(event.position().toPoint())
            if self.activate_card(cursor.block()):
                return True
        return super().eventFilter(watched, event)

    def activate_card(self, block: QTextBlock) -> bool:
        """A figure's card opens its library card, a tweet's the tweet (double-click)."""
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        while cursor.position() > block.position():
            fmt = cursor.charFormat()  # the character before the cursor
            if fmt.objectType() == FIGURE_OBJECT and isinstance(fmt.property(IMAGE_ID), int):
                self.figure_activated.emit(fmt.property(IMAGE_ID))
                return True
            if fmt.objectType() == TWEET_OBJECT and fmt.property(TWEET_ID):
                self.tweet_activated.emit(str(fmt.property(TWEET_ID)))
                return True
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
        return False

    # ------------------------------------------------------------ dropped files

    def drop_files(self, mime: QMimeData, cursor: QTextCursor) -> bool:
        """Picture files dropped from the desktop: they join the library (IPTC/XMP/EXIF
        read into their cards) on a worker, then their figures land where they were
        dropped, one undo step."""
        from editordesk.services.picture_import import PICTURE_SUFFIXES

        if self.visual.isReadOnly() or not mime.hasUrls():
            return False
        paths = [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in PICTURE_SUFFIXES
        ]
        if not paths:
            return False
        place = QTextCursor(cursor)  # a cursor follows the edits made while the import runs
        place.clearSelection()
        store = self.assets.store

        def imported(outcome: object) -> None:
            from editordesk.interchange.markdown import figure_code
            from editordesk.services.picture_import import ImportOutcome

            assert isinstance(outcome, ImportOutcome)
            for record in outcome.records:
                self.assets.remember_image(record)
            if outcome.records and not self.visual.isReadOnly():
                here = QTextCursor(place)
                previous = here.block().previous()
                if here.atBlockStart() and previous.isValid():
                    # dropped at a block's start: the cards go before it, not after
                    here.setPosition(previous.position() + previous.length() - 1)
                self.visual.setTextCursor(here)
                self.visual.insert_block_token(
                    "\n\n".join(figure_code(r.id) for r in outcome.records)
                )
            problems = "; ".join(f"{name}: {why}" for name, why in outcome.problems)
            self.message.emit(outcome.summary() + (f" ({problems})" if problems else ""))

        def failed(exc: Exception) -> None:
            self.message.emit(describe_error(exc, "the pictures were not imported"))

        from editordesk.services.picture_import import import_pictures

        run_in_background(
            import_pictures, store, paths, on_done=imported, on_error=failed, owner=self.visual
        )
        return True

    # ------------------------------------------------------------ which shows

    @property
    def source_showing(self) -> bool:
        return self.stack.currentWidget() is self.body

    @property
    def active(self) -> BodyEdit | VisualEdit:
        """The editor the person works in now: commands and find go to it."""
        return self.body if self.source_showing else self.visual

    def show_source(self, source: bool) -> None:
        """Show the Markdown source (or the visual editor), the cursor on the same line."""
        if source == self.source_showing:
            return
        had_focus = self.active.hasFocus()
        if source:
            self.flush()
            line = self.current_line()
            self.stack.setCurrentWidget(self.body)
            self._place_source_cursor(line)
        else:
            line = self.body.textCursor().blockNumber() + 1
            self.sync()
            self.stack.setCurrentWidget(self.body if source else self.visual)
            self._place_visual_cursor(line)
        if had_focus:
            self.active.setFocus()
        self.view_changed.emit(source)

    def current_line(self) -> int:
        """The source line (1-based) the cursor of the editor showing is on."""
        if self.source_showing or not self._built:
            return int(self.body.textCursor().blockNumber()) + 1
        lines = self._fresh_lines()
        if lines is not None:
            return int(lines[min(int(self.visual.textCursor().blockNumber()), len(lines) - 1)])
        position = self.visual.textCursor().position()
        return max(1, int(line_for_position(self.visual.document(), position)))

    def _fresh_lines(self) -> list[int] | None:
        """Each visual block's body line, by block number, once the visual was edited since
        it was built (a typed block has no line, and those after it have old ones): read off
        a document built from the source it was written into, matched block to block by
        their words. None when it was not edited."""
        if not self._reshaped:
            return None
        self.flush()
        if self._lines is None:
            fresh = QTextDocument()
            build_document(fresh, parse_body(self.body.toPlainText()), self.assets)
            new = [(b.text(), _line_of(b)) for b in _blocks(fresh)]
            old = [b.text() for b in _blocks(self.visual.document())]
            lines: list[int | None] = [None] * len(old)
            matcher = SequenceMatcher(None, old, [text for text, _ in new], autojunk=False)
            for a, b, size in matcher.get_matching_blocks():
                for k in range(size):
                    lines[a + k] = new[b + k][1]
            last = 1  # an unmatched block: the line of the block before it
            for i, line in enumerate(lines):
                last = line if line is not None else last
                lines[i] = last
            self._lines = [line or 1 for line in lines]
        return self._lines

    def go_to_line(self, line: int, *, select: bool = False) -> None:
        """Put the cursor on a source line (the visual's block made from it), and with
        `select` select that block's text."""
        if self.source_showing:
            self._place_source_cursor(line)
            return
        self.sync()
        self._place_visual_cursor(line, select=select)

    def _place_source_cursor(self, line: int) -> None:
        block = self.body.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.body.document().lastBlock()
        self.body.setTextCursor(QTextCursor(block))
        self.body.centerCursor()

    def _place_visual_cursor(self, line: int, *, select: bool = False) -> None:
        document = self.visual.document()
        lines = self._fresh_lines()
        if lines is not None:  # the last block at or before that line
            number = max((i for i, at in enumerate(lines) if at <= line), default=0)
            number = lines.index(lines[number])  # the first block of that line
            block = document.findBlockByNumber(number)
        else:
            block = block_for_line(document, max(1, line))
        if not block.isValid():
            block = document.lastBlock()
        cursor = QTextCursor(block)
        if select:
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        self.visual.setTextCursor(cursor)
        self.visual.ensureCursorVisible()

    # ------------------------------------------------------------ visual -> source

    def _on_visual_edited(self) -> None:
        if self._building or self._quiet():
            return
        self._visual_edited = True
        self._reshaped = True
        self._lines = None
        self._flush_timer.start()
        self.edited.emit()

    @property
    def pending(self) -> bool:
        """The visual holds edits the source does not have yet."""
        return self._visual_edited

    @property
    def stale(self) -> bool:
        """The source changed since the visual was built (it is built anew when shown)."""
        return self._stale

    def flush(self) -> None:
        """Write the visual's body into the source, if the visual was edited since: only
        the lines that differ change, as one step of the source's undo."""
        self._flush_timer.stop()
        if not self._visual_edited:
            return
        self._visual_edited = False
        new = self.visual.body()
        old = self.body.toPlainText()
        if new == old:
            return
        start = common_prefix(old, new)
        tail = common_suffix(old, new, min(len(old), len(new)) - start)
        cursor = QTextCursor(self.body.document())
        cursor.setPosition(u16(old, start))
        cursor.setPosition(u16(old, len(old) - tail), QTextCursor.MoveMode.KeepAnchor)
        self._writing = True
        try:
            cursor.insertText(new[start : len(new) - tail])
        finally:
            self._writing = False

    def text(self) -> str:
        """The body as it stands, the visual's edits included."""
        self.flush()
        return str(self.body.toPlainText())

    # ------------------------------------------------------------ source -> visual

    def _on_source_changed(self, _position: int, removed: int, added: int) -> None:
        if self._writing or not (removed or added):
            return  # the visual's own words coming in, or only underlines
        self._stale = True
        self._visual_edited = False  # the source's text wins: it is the stored body
        self._flush_timer.stop()
        if not self.source_showing:
            self._rebuild_timer.start()

    def sync_shown(self) -> None:
        """Build the visual now if it shows and the source changed (a story loaded); a
        hidden one is built when it is shown."""
        if not self.source_showing:
            self.sync()

    def sync(self) -> None:
        """Build the visual anew if the source changed since it was built."""
        self._rebuild_timer.stop()
        if self._stale:
            self.rebuild()

    def rebuild(self) -> None:
        """Build the visual document from the source, the cursor kept near its line."""
        line = self.current_line()
        text = self.body.toPlainText()
        self.assets.prefetch(text)
        tree = parse_body(text)
        self._building = True
        self.rebuilding.emit()
        try:
            self.visual.set_tree(tree, self.assets)
        finally:
            self._building = False
            self.rebuilt.emit()
        self._stale = False
        self._built = True
        self._visual_edited = False
        self._reshaped = False
        self._lines = None
        if line > 1:
            self._place_visual_cursor(line)

    def set_read_only(self, read_only: bool) -> None:
        self.body.setReadOnly(read_only)
        self.visual.setReadOnly(read_only)


def _blocks(doc: QTextDocument) -> list[QTextBlock]:
    out = []
    block = doc.firstBlock()
    while block.isValid():
        out.append(block)
        block = block.next()
    return out


def _line_of(block: QTextBlock) -> int | None:
    value = block.blockFormat().property(SOURCE_LINE)
    return value if isinstance(value, int) and value > 0 else None
