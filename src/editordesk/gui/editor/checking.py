"""Spelling and house style in an open story: the dictionaries and the desk's words are read
and the whole story checked on a worker, then the underlines come in a few blocks at a time;
typing rechecks only the line typed in. The right-click menu offers suggestions, the
dictionaries, "Ignore in this story" and the style's one-click fix; findings go to Checks.

The checking itself is Qt-free (document/spelling.py, document/style.py), so a visual
editor uses the same."""

from __future__ import annotations

import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QComboBox, QMenu, QPlainTextEdit, QTextEdit, QWidget

from editordesk.document.preflight import Finding, Severity
from editordesk.document.spelling import FENCE, WordChecker
from editordesk.document.style import StyleChecker, StyleFinding
from editordesk.gui import plain
from editordesk.gui.editor.highlighter import SPELLING_COLOUR, STYLE_COLOUR
from editordesk.gui.editor.visual.schema import BLOCK_KIND, SOURCE_LINE, BlockKind
from editordesk.gui.workers import describe_error, run_in_background
from editordesk.model import StoryDraft

if TYPE_CHECKING:
    from editordesk.store.db import Store

RECHECK_DELAY_MS = 700  # after typing stops, Checks is brought up to date
DESK_WORDS_POLL_MS = 15_000  # words a colleague adds to the desk's dictionary
BLOCKS_PER_TICK = 400  # underlines after a full check, so the window never stalls
TICK_BUDGET_S = 0.012  # ... and at most this long a turn: a keystroke waits no longer


@dataclass(frozen=True)
class Prepared:
    """What a worker read and built for one story."""

    checker: WordChecker | None
    missing: str  # the one line when there is no dictionary
    style: StyleChecker
    own_language: str  # the story's own, "" when it follows the desk
    desk_language: str
    findings: tuple[Finding, ...]

    @property
    def lines(self) -> list[int]:
        """The body's lines (1-based) with something to underline."""
        return sorted({f.line for f in self.findings if f.field == "body" and f.line})


def prepare(store: Store, story_id: int | None, draft: StoryDraft) -> Prepared:
    """On a worker: the story's dictionary, the desk's words and style, and every finding."""
    from editordesk.services import spelling, style
    from editordesk.store.models import StorySpelling

    with store.read() as session:
        setup = spelling.load_setup(session, story_id)
        row = session.get(StorySpelling, story_id) if story_id is not None else None
        own = row.language if row is not None else ""
        desk = spelling.desk_language(session)
        guide = style.desk_style(session)
    style_checker = StyleChecker(guide)
    checker: WordChecker | None = None
    missing = ""
    found: list[Finding] = []
    try:
        checker = spelling.make_checker(setup, extra=style.style_words(guide))
    except spelling.NoDictionary as exc:
        missing = str(exc)
        found.append(Finding(Severity.WARNING, missing, "language", kind="spelling"))
    else:
        found.extend(style.spelling_findings(checker, draft, suggest=False))
    found.extend(style.style_findings(style_checker, draft))
    return Prepared(checker, missing, style_checker, own, desk, tuple(found))


def recheck(
    store: Store,
    story_id: int | None,
    checker: WordChecker | None,
    guide: StyleChecker,
    draft: StoryDraft | None,
) -> tuple[set[str], tuple[Finding, ...] | None]:
    """On a worker: the words the desk (and this story) added since the checker was made,
    and the findings of the text (`draft` None: only if new words changed them)."""
    from editordesk.services import spelling, style

    with store.read() as session:
        words = spelling.desk_words(session) | spelling.ignored_words(session, story_id)
    new = words - checker.known() if checker is not None else set()
    if checker is not None:
        for word in new:
            checker.learn(word)
    if draft is None:
        return new, None
    found: list[Finding] = []
    if checker is not None:
        found.extend(style.spelling_findings(checker, draft, suggest=False))
    found.extend(style.style_findings(guide, draft))
    return new, tuple(found)


class LanguageBox(QComboBox):
    """The story's language: the desk's, or one of the installed dictionaries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from editordesk.services.spelling import installed_languages

        self.setAccessibleName(self.tr("Language"))
        # As wide as a language tag, not as its longest entry: the editor's rows stay narrow.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(7)
        self.setToolTip(self.tr("The story's language, which picks the spelling dictionary"))
        self.addItem(self.tr("Desk's language"), "")
        for language in installed_languages():
            self.addItem(language, language)

    def set_language(self, own: str, desk: str) -> None:
        self.blockSignals(True)
        try:
            self.setItemText(0, self.tr("Desk's language ({0})").format(desk))
            index = self.findData(own)
            if index < 0:  # a language with no dictionary here: shown, so it can be changed
                self.addItem(self.tr("{0} (not installed)").format(own), own)
                index = self.count() - 1
            self.setCurrentIndex(index)
        finally:
            self.blockSignals(False)


# Blocks of the visual document kept as written: never underlined.
_AS_WRITTEN = frozenset({BlockKind.CODE, BlockKind.RAW_HTML, BlockKind.SHORTCODE})


class UnderlineHighlighter(QSyntaxHighlighter):
    """The visual editor's underlines: the same checkers as the source's highlighter, over
    the words as they read (no Markdown to colour), merged onto the document's own formats."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spelling: WordChecker | None = None
        self.style: StyleChecker | None = None
        self.suspended = False  # while the visual is built: its underlines come after

    def highlightBlock(self, text: str) -> None:
        if self.suspended or (self.spelling is None and self.style is None):
            return
        if self.currentBlock().blockFormat().property(BLOCK_KIND) in _AS_WRITTEN:
            return
        if self.spelling is not None:
            for word in self.spelling.line_misspellings(text):
                self._underline(word.start, word.end, SPELLING_COLOUR)
        if self.style is not None:
            for finding in self.style.check_line(text):
                self._underline(finding.start, finding.end, STYLE_COLOUR)

    def _underline(self, start: int, end: int, colour: QColor) -> None:
        underlined = QTextCharFormat()
        underlined.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        underlined.setUnderlineColor(colour)
        self.setFormat(start, end - start, underlined)


class LanguageChecking(QObject):
    """Spelling and house style for one StoryEditor's body."""

    checked = Signal()  # a full check's underlines and findings are all showing

    def __init__(self, editor: Any) -> None:  # the StoryEditor, which imports this module
        super().__init__(editor)
        self.editor = editor
        self.store: Store = editor.store
        self.body = editor.body
        self.highlighter = editor.body.highlighter
        self.visual = editor.visual
        # Attached before the visual has words, then run at once: its first pass, which Qt
        # would otherwise run later as a change of text, happens here and is no edit.
        with editor.formatting_only():
            self.visual_highlighter = UnderlineHighlighter(editor.visual.document())
            self.visual_highlighter.rehighlight()
        self.checker: WordChecker | None = None
        self.style: StyleChecker | None = None
        self.missing = ""
        self.findings: tuple[Finding, ...] = ()
        self.ready = False
        self._formatting = False  # underlining: Qt calls it a text change; it is not
        self._story_id: int | None = -1  # not started yet
        self._generation = 0
        self._pending_lines: list[int] = []  # body lines (1-based) still to underline
        self._pending_visual: list[int] = []  # ... in the visual editor, once it was rebuilt
        editor.mirror.rebuilding.connect(self._visual_rebuilding)
        editor.mirror.rebuilt.connect(self._visual_rebuilt)
        self.language_box = LanguageBox(editor)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self._recheck_timer = QTimer(self, singleShot=True, interval=RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self.refresh)
        self._poll = QTimer(self, interval=DESK_WORDS_POLL_MS)
        self._poll.timeout.connect(lambda: self.refresh(words_only=True))
        self._poll.start()
        self._underline_timer = QTimer(self, interval=0)
        self._underline_timer.timeout.connect(self._underline_some)
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.body.customContextMenuRequested.connect(self._show_menu)
        self.visual.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.visual.customContextMenuRequested.connect(
            lambda pos: self._show_menu(pos, self.visual)
        )
        self.body.textChanged.connect(self._typed)
        editor.headline.textEdited.connect(self._typed)
        editor.standfirst.textChanged.connect(self._typed)
        editor.changed.connect(self._story_changed)
        editor.preflight.finding_activated.connect(self.select_finding)
        # A story being opened is loaded right after this: its load starts the check. A new
        # story starts it once the event loop turns.
        QTimer.singleShot(0, self, self._start_once)

    def _start_once(self) -> None:
        if self._story_id == -1:
            self.start()

    # ------------------------------------------------------------ checking

    def _story_changed(self) -> None:
        if self.editor.story_id != self._story_id:  # opened, or saved for the first time
            self.start()

    def start(self) -> None:
        """Read the dictionaries and style and check the whole story, on a worker."""
        self._story_id = self.editor.story_id
        self._generation += 1
        generation = self._generation
        self.ready = False
        run_in_background(
            prepare,
            self.store,
            self._story_id,
            self.editor.draft(),
            on_done=lambda result: self._prepared(generation, result),
            on_error=self._failed,
            owner=self.body,
        )

    def _prepared(self, generation: int, result: Prepared) -> None:
        if generation != self._generation:
            return
        self.checker = result.checker
        self.style = result.style
        self.missing = result.missing
        self.findings = result.findings
        self.language_box.set_language(result.own_language, result.desk_language)
        self.language_box.setEnabled(self.editor.story_id is not None)
        self.editor.preflight.show_language(self.findings)
        if self.missing:
            self._status(self.missing)
        self.highlighter.spelling = self.checker
        self.highlighter.style = self.style if not self.style.guide.empty else None
        self.visual_highlighter.spelling = self.highlighter.spelling
        self.visual_highlighter.style = self.highlighter.style
        # Only the lines with findings change: the rest were drawn right when the text was
        # set (no underlines), so the window never lays out the whole story again.
        self._underline(result.lines)

    def _underline(self, lines: list[int]) -> None:
        self._pending_lines = lines
        self._underline_timer.start()

    def _underline_some(self) -> None:
        """Re-highlight the next lines with findings: up to a few hundred, for at most
        TICK_BUDGET_S, so a keystroke between two turns never waits long."""
        document = self.body.document()
        started = time.perf_counter()
        done = 0
        self._formatting = True
        try:
            with self.editor.formatting_only():
                for line in self._pending_lines[:BLOCKS_PER_TICK]:
                    block = document.findBlockByNumber(line - 1)
                    if block.isValid():
                        self.highlighter.rehighlightBlock(block)
                    done += 1
                    if time.perf_counter() - started > TICK_BUDGET_S:
                        break
                batch, self._pending_lines = (
                    self._pending_lines[:done],
                    self._pending_lines[done:],
                )
                self._pending_visual.extend(batch)  # then the same lines in the visual
                if time.perf_counter() - started <= TICK_BUDGET_S:
                    taken = self._underline_visual(self._pending_visual, started)
                    self._pending_visual = self._pending_visual[taken:]
        finally:
            self._formatting = False
        if not self._pending_lines and not self._pending_visual:
            self._underline_timer.stop()
            if not self.ready:
                self.ready = True
                self.checked.emit()

    def _visual_rebuilding(self) -> None:
        # Built without underlines (a story of 20,000 words would be checked whole, on the
        # UI thread); the lines with findings are underlined after, a few at a turn.
        self.visual_highlighter.suspended = True

    def _visual_rebuilt(self) -> None:
        self.visual_highlighter.suspended = False
        if self.ready:
            lines = sorted({f.line for f in self.findings if f.field == "body" and f.line})
            self._pending_visual = lines
            self._underline_timer.start()

    def _underline_visual(self, lines: list[int], started: float) -> int:
        """Redraw the visual blocks made from these source lines, until TICK_BUDGET_S from
        `started` has gone (inside formatting_only: Qt reports it as a change of text, which
        it is not); returns how many lines were done."""
        if self.editor.mirror.pending or self.editor.mirror.stale:
            return len(lines)  # it is being built anew (then underlined), or redrawn as typed
        if not lines:
            return 0
        # Each block's source line, read once (a lookup per line would walk the document
        # once per finding): the block a line is in is the last one starting at or before it.
        starts: list[tuple[int, int]] = []
        block = self.visual.document().firstBlock()
        while block.isValid():
            line = block.blockFormat().property(SOURCE_LINE)
            if isinstance(line, int) and line > 0:
                starts.append((line, block.blockNumber()))
            block = block.next()
        starts.sort()
        document = self.visual.document()
        done = 0
        for line in lines:
            done += 1
            at = bisect_right(starts, (line, sys.maxsize)) - 1
            if at >= 0:
                block = document.findBlockByNumber(starts[at][1])
                self.visual_highlighter.rehighlightBlock(block)
            if time.perf_counter() - started > TICK_BUDGET_S:
                break
        return done

    def _failed(self, exc: Exception) -> None:
        self._status(describe_error(exc, "spelling is not checked"))

    def _status(self, text: str) -> None:
        plain.show_status(self.editor, text, 15_000)

    def _typed(self, *_: object) -> None:
        if self.ready and not self._formatting:
            self._recheck_timer.start()

    def refresh(self, *, words_only: bool = False) -> None:
        """Take in words others added to the desk's dictionary and bring Checks up to date
        (`words_only`: Checks only if there were new words)."""
        if not self.ready or self.style is None:
            return
        generation = self._generation

        def done(result: tuple[set[str], tuple[Finding, ...] | None]) -> None:
            if generation != self._generation:
                return
            new, findings = result
            if new:
                self._rehighlight_words(new)
                if findings is None:
                    self.refresh()
            if findings is not None:
                self.findings = findings
                self.editor.preflight.show_language(findings)

        run_in_background(
            recheck,
            self.store,
            self.editor.story_id,
            self.checker,
            self.style,
            None if words_only else self.editor.draft(),
            on_done=done,
            on_error=self._failed,
            owner=self.body,
        )

    def _rehighlight_words(self, words: set[str]) -> None:
        """Redraw the lines where any of `words` is written (learnt: no longer underlined)."""
        lines = []
        block = self.body.document().firstBlock()
        while block.isValid():
            text = block.text()
            if any(word in text for word in words):
                lines.append(block.blockNumber() + 1)
            block = block.next()
        self._underline(lines)
        with self.editor.formatting_only():
            block = self.visual.document().firstBlock()
            while block.isValid():
                if any(word in block.text() for word in words):
                    self.visual_highlighter.rehighlightBlock(block)
                block = block.next()

    # ------------------------------------------------------------ the menu

    def word_at(
        self, position: int, edit: QPlainTextEdit | QTextEdit | None = None
    ) -> tuple[int, int, str] | None:
        """The flagged word at `position` of the body (or the visual editor `edit`): its
        start, end and text."""
        if self.checker is None:
            return None
        block = (edit or self.body).document().findBlock(position)
        if _in_fence(block):
            return None
        offset = position - block.position()
        for word in self.checker.line_misspellings(block.text()):
            if word.start <= offset <= word.end:
                return block.position() + word.start, block.position() + word.end, word.text
        return None

    def style_at(
        self, position: int, edit: QPlainTextEdit | QTextEdit | None = None
    ) -> tuple[int, StyleFinding] | None:
        if self.style is None:
            return None
        block = (edit or self.body).document().findBlock(position)
        if _in_fence(block):
            return None
        offset = position - block.position()
        for finding in self.style.check_line(block.text()):
            if finding.start <= offset <= finding.end:
                return block.position(), finding
        return None

    def menu_for(self, position: int, edit: QPlainTextEdit | QTextEdit | None = None) -> QMenu:
        """The right-click menu at a position of the body (or of the visual editor)."""
        edit = edit or self.body
        menu: QMenu = edit.createStandardContextMenu()
        first = menu.actions()[0] if menu.actions() else None
        extra: list[QAction] = []

        def add(text: str, slot: Callable[[], Any] | None, *, bold: bool = False) -> QAction:
            action = QAction(text, menu)
            if slot is None:
                action.setEnabled(False)
            else:
                action.triggered.connect(lambda _c=False: slot())
            if bold:
                font = QFont(action.font())
                font.setBold(True)
                action.setFont(font)
            extra.append(action)
            return action

        editable = not edit.isReadOnly()
        found = self.word_at(position, edit)
        if found is not None and self.checker is not None:
            start, end, word = found
            suggestions = self.checker.suggestions(word)
            for suggestion in suggestions:
                choose: Callable[[], Any] | None = None
                if editable:
                    choose = partial(self.replace_range, start, end, suggestion, edit)
                add(suggestion, choose, bold=True)
            if not suggestions:
                add(self.tr("(no suggestions)"), None)
            add(self.tr("Add to my dictionary"), lambda: self.add_to_mine(word))
            add(self.tr("Add to the desk's dictionary"), lambda: self.add_to_desk(word))
            if self.editor.story_id is not None:
                add(self.tr("Ignore in this story"), lambda: self.ignore(word))
        styled = self.style_at(position, edit)
        if styled is not None:
            base, finding = styled
            add(finding.message, None)
            if finding.fix is not None and editable:
                fix = finding.fix
                add(
                    self.tr("Change to “{0}”").format(fix),
                    lambda: self.replace_range(base + finding.start, base + finding.end, fix, edit),
                    bold=True,
                )
        if extra:
            separator = QAction(menu)
            separator.setSeparator(True)
            extra.append(separator)
            menu.insertActions(first, extra)  # type: ignore[arg-type]
        return menu

    def _show_menu(self, pos: QPoint, edit: QPlainTextEdit | QTextEdit | None = None) -> None:
        edit = edit or self.body
        cursor = edit.cursorForPosition(pos)
        menu = self.menu_for(cursor.position(), edit)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(edit.viewport().mapToGlobal(pos))

    def replace_range(
        self, start: int, end: int, text: str, edit: QPlainTextEdit | QTextEdit | None = None
    ) -> None:
        """Put `text` in place of the body's (or the visual editor's) characters start..end
        (one undo step)."""
        edit = edit or self.body
        if edit.isReadOnly():
            return
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        self.editor.mirror.flush()  # the stored body has the fix at once

    def _learn(self, word: str) -> None:
        if self.checker is not None:
            self.checker.learn(word)
        self._rehighlight_words({word})
        self._recheck_timer.start()

    def add_to_mine(self, word: str) -> None:
        from editordesk.services.spelling import add_my_word

        self._learn(word)
        run_in_background(add_my_word, word, on_error=self._failed, owner=self.body)

    def add_to_desk(self, word: str) -> None:
        from editordesk.services.spelling import add_desk_word
        from editordesk.settings import load

        self._learn(word)
        author = load().author()

        def write() -> None:
            with self.store.write() as session:
                add_desk_word(session, word, author=author)

        run_in_background(write, on_error=self._failed, owner=self.body)

    def ignore(self, word: str) -> None:
        from editordesk.services.spelling import ignore_in_story

        story_id = self.editor.story_id
        if story_id is None:
            return
        self._learn(word)

        def write() -> None:
            with self.store.write() as session:
                ignore_in_story(session, story_id, word)

        run_in_background(write, on_error=self._failed, owner=self.body)

    def _language_chosen(self, _index: int) -> None:
        from editordesk.services.spelling import set_story_language

        story_id = self.editor.story_id
        if story_id is None:
            return
        language = str(self.language_box.currentData() or "")

        def write() -> None:
            with self.store.write() as session:
                set_story_language(session, story_id, language)

        run_in_background(
            write,
            on_done=lambda _: self._language_set(language),
            on_error=self._failed,
            owner=self.body,
        )

    def _language_set(self, language: str) -> None:
        """Checked again in the new language; the fields, body and preview take its direction."""
        self.start()
        self.editor.follow_language(language)
        self.editor.schedule_preview()

    # ------------------------------------------------------------ Checks

    def select_finding(self, finding: Finding) -> None:
        """After the editor went to a spelling or style finding's line: select its word."""
        if finding.kind == "preflight" or not finding.line or finding.column is None:
            return
        if not self.editor.source_showing:
            self._select_in_visual(finding.word or "")
            return
        block = self.body.document().findBlockByNumber(finding.line - 1)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        start = block.position() + finding.column
        cursor.setPosition(min(start, block.position() + block.length() - 1))
        cursor.setPosition(
            min(start + len(finding.word or ""), block.position() + block.length() - 1),
            QTextCursor.MoveMode.KeepAnchor,
        )
        self.body.setTextCursor(cursor)

    def _select_in_visual(self, word: str) -> None:
        """In the visual block the editor went to, select `word` (its first place there)."""
        cursor = self.visual.textCursor()
        block = self.visual.document().findBlock(cursor.selectionStart())
        text = block.text()
        at = text.find(word) if word else -1
        if at < 0:
            return
        start = block.position() + _u16(text, at)  # Qt counts UTF-16 code units
        cursor.setPosition(start)
        cursor.setPosition(start + _u16(word, len(word)), QTextCursor.MoveMode.KeepAnchor)
        self.visual.setTextCursor(cursor)


def _u16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def _in_fence(block: QTextBlock) -> bool:
    """Whether a line is code (a fence line, or inside one), as the highlighter marks it;
    in the visual document, a code, raw HTML or shortcode block."""
    if block.blockFormat().property(BLOCK_KIND) in _AS_WRITTEN:
        return True
    return block.userState() == 1 or bool(FENCE.match(block.text()))
