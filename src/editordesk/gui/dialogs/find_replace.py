"""Find & Replace: the bar under a story (Ctrl+F: body and fields, match case, whole words,
regular expressions, highlight all, next and previous, replace), and "Replace in selected
stories", which shows every change (story, line, before, after) before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import plain, theme
from editordesk.gui.workers import describe_error, run_in_background
from editordesk.services.replace import Change, FindSpec, Plan, ReplaceResult

if TYPE_CHECKING:
    from editordesk.store.db import Store

MAX_HIGHLIGHTS = 5_000
PLACES = ("headline", "standfirst", "byline", "dateline", "body")


def u16(text: str, index: int) -> int:
    """A Python index of `text` as Qt counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


class FindOptions(QWidget):
    """Find and replace fields with the options, shared by the bar and the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find"))
        self.field.setAccessibleName(self.tr("Find text"))
        self.field.setToolTip(self.tr("Text to find (Enter: next, Shift+Enter: previous)"))
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.replace_field.setAccessibleName(self.tr("Replace with"))
        self.replace_field.setToolTip(
            self.tr("What each match becomes; with regular expressions, \\1…")
        )
        self.match_case = QCheckBox(self.tr("Match case"), self)
        self.whole_words = QCheckBox(self.tr("Whole words"), self)
        self.regex = QCheckBox(self.tr("Regular expression"), self)
        for box, tip in (
            (self.match_case, self.tr("Capitals must match")),
            (self.whole_words, self.tr("Only whole words match")),
            (self.regex, self.tr("Find a Python regular expression")),
        ):
            box.setAccessibleName(box.text())
            box.setToolTip(tip)

    def spec(self) -> FindSpec:
        return FindSpec(
            self.field.text(),
            self.replace_field.text(),
            match_case=self.match_case.isChecked(),
            whole_words=self.whole_words.isChecked(),
            regex=self.regex.isChecked(),
        )


class FindReplaceBar(QWidget):
    """Ctrl+F under a story: find in its fields and body, replace one or all."""

    def __init__(self, editor: Any, parent: QWidget | None = None) -> None:
        # `editor` is the StoryEditor, which imports this module
        super().__init__(parent)
        self.editor = editor
        self.options = FindOptions(self)
        self.field = self.options.field
        self.replace_field = self.options.replace_field
        self.highlight_all = QCheckBox(self.tr("Highlight all"), self)
        self.highlight_all.setAccessibleName(self.tr("Highlight all"))
        self.highlight_all.setToolTip(self.tr("Mark every match in the body"))
        self.result = QLabel(self)
        self.result.setAccessibleName(self.tr("Find result"))
        buttons = {}
        for name, text, tip in (
            ("previous", self.tr("Previous"), self.tr("The match before (Shift+Enter)")),
            ("next", self.tr("Next"), self.tr("The next match (Enter)")),
            ("replace", self.tr("Replace"), self.tr("Replace this match and go to the next")),
            (
                "replace_all",
                self.tr("Replace all…"),
                self.tr("Replace every match in the story, after a preview"),
            ),
            ("close", self.tr("Close"), self.tr("Close the find bar (Esc)")),
        ):
            button = QPushButton(text, self)
            button.setAccessibleName(self.tr("{0} (find)").format(text.rstrip("…")))
            button.setToolTip(tip)
            buttons[name] = button
        self.buttons = buttons
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        # Labels linked to their fields for screen readers; no letters (the window's are
        # taken): Ctrl+F and Ctrl+H reach them.
        find_label = QLabel(self.tr("Find:"), self)
        find_label.setBuddy(self.field)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.field, 0, 1)
        grid.addWidget(buttons["previous"], 0, 2)
        grid.addWidget(buttons["next"], 0, 3)
        grid.addWidget(self.result, 0, 4)
        grid.addWidget(buttons["close"], 0, 5)
        replace_label = QLabel(self.tr("Replace:"), self)
        replace_label.setBuddy(self.replace_field)
        grid.addWidget(replace_label, 1, 0)
        grid.addWidget(self.replace_field, 1, 1)
        grid.addWidget(buttons["replace"], 1, 2)
        grid.addWidget(buttons["replace_all"], 1, 3)
        row = QHBoxLayout()
        for box in (
            self.options.match_case,
            self.options.whole_words,
            self.options.regex,
            self.highlight_all,
        ):
            row.addWidget(box)
        row.addStretch(1)
        grid.addLayout(row, 2, 1, 1, 5)
        grid.setColumnStretch(1, 1)
        self._last: tuple[int, int, int] | None = None  # place, start, end (Python indices)
        self.field.returnPressed.connect(self.find_next)
        self.field.textEdited.connect(lambda _: self.find_next(from_start=True))
        buttons["next"].clicked.connect(lambda: self.find_next())
        buttons["previous"].clicked.connect(self.find_previous)
        buttons["replace"].clicked.connect(self.replace_one)
        buttons["replace_all"].clicked.connect(self.replace_all)
        buttons["close"].clicked.connect(self.hide)
        for box in (self.options.match_case, self.options.whole_words, self.options.regex):
            box.toggled.connect(lambda _on: self.find_next(from_start=True))
        self.highlight_all.toggled.connect(lambda _on: self.update_highlights())
        QShortcut(QKeySequence("Shift+Return"), self.field, self.find_previous)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)

    # ------------------------------------------------------------ places

    @property
    def body(self) -> QPlainTextEdit | QTextEdit:
        """The body editor showing: the visual editor (its document's text, where every
        position is one of the document's) or the Markdown source."""
        body: QPlainTextEdit | QTextEdit = self.editor.active_body
        return body

    def _widgets(self) -> list[QLineEdit | QPlainTextEdit | QTextEdit]:
        e = self.editor
        return [e.headline, e.standfirst, e.byline, e.dateline, self.body]

    @staticmethod
    def _text(widget: QLineEdit | QPlainTextEdit | QTextEdit) -> str:
        return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()

    def _pattern(self) -> re.Pattern[str] | None:
        try:
            return self.options.spec().pattern()
        except EditorDeskError as exc:
            if self.field.text():
                plain.set_plain(self.result, str(exc))
            else:
                self.result.clear()
            return None

    def matches(self) -> list[tuple[int, int, int]]:
        """Every match: (place, start, end), fields first, then the body."""
        pattern = self._pattern()
        if pattern is None:
            return []
        found = []
        for place, widget in enumerate(self._widgets()):
            for m in pattern.finditer(self._text(widget)):
                if m.end() > m.start():  # an empty match finds nothing to show
                    found.append((place, m.start(), m.end()))
        return found

    def open(self) -> None:
        selected = self.body.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self._last = None
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.update_highlights()

    def open_replace(self) -> None:
        """Edit ▸ Replace… (Ctrl+H): the bar opens at the replacement once there is something
        to find (the selection, or the last search), else at what to find."""
        self.open()
        if self.field.text():
            self.replace_field.setFocus()
            self.replace_field.selectAll()

    def hide(self) -> None:
        super().hide()
        self.editor.body.setExtraSelections([])
        self.editor.visual.setExtraSelections([])

    # ------------------------------------------------------------ finding

    def find_next(self, from_start: bool = False) -> bool:
        return self._go(backward=False, from_start=from_start)

    def find_previous(self) -> bool:
        return self._go(backward=True, from_start=False)

    def _here(self) -> tuple[int, int]:
        if self._last is not None:
            return self._last[0], self._last[1]
        return len(PLACES) - 1, self.body.textCursor().selectionStart()

    def _go(self, *, backward: bool, from_start: bool) -> bool:
        found = self.matches()
        self.update_highlights(found)
        if not found:
            if self.field.text() and self._pattern() is not None:
                self.result.setText(self.tr("Not found"))
            self._last = None
            return False
        here = self._here()
        if backward:
            before = [m for m in found if (m[0], m[1]) < here]
            target = before[-1] if before else found[-1]
        elif from_start:
            after = [m for m in found if (m[0], m[1]) >= here]
            target = after[0] if after else found[0]
        else:
            after = [m for m in found if (m[0], m[1]) > here]
            target = after[0] if after else found[0]
        self._select(target)
        self.result.setText(self.tr("{0} of {1}").format(found.index(target) + 1, len(found)))
        return True

    def _select(self, match: tuple[int, int, int]) -> None:
        self._last = match
        place, start, end = match
        widget = self._widgets()[place]
        text = self._text(widget)
        if isinstance(widget, QLineEdit):
            widget.setSelection(u16(text, start), u16(text, end) - u16(text, start))
        else:
            cursor = QTextCursor(widget.document())
            cursor.setPosition(u16(text, start))
            cursor.setPosition(u16(text, end), QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)
            widget.ensureCursorVisible()

    def update_highlights(self, found: list[tuple[int, int, int]] | None = None) -> None:
        """With "Highlight all", every match in the body gets a background."""
        if not self.highlight_all.isChecked() or not self.isVisible():
            self.body.setExtraSelections([])
            return
        found = self.matches() if found is None else found
        text = self.body.toPlainText()
        body_place = len(PLACES) - 1
        selections: list[QTextEdit.ExtraSelection] = []
        colour, ink = theme.found_colours(self.body.palette())  # readable light or dark
        for place, start, end in found:
            if place != body_place:
                continue
            if len(selections) >= MAX_HIGHLIGHTS:
                break
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(u16(text, start))
            cursor.setPosition(u16(text, end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(colour)
            selection.format.setForeground(ink)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(selection)
        self.body.setExtraSelections(selections)

    # ------------------------------------------------------------ replacing

    def replace_one(self) -> bool:
        """Replace the match last found (if it is still there) and go to the next."""
        if self.editor.read_only:
            return False
        pattern = self._pattern()
        if pattern is None:
            return False
        if self._last is None:
            return self.find_next(from_start=True)
        place, start, end = self._last
        widget = self._widgets()[place]
        text = self._text(widget)
        m = pattern.match(text, start)
        if m is None or m.end() != end:
            return self.find_next(from_start=True)
        try:
            new = self.options.spec().substitute(m)
        except EditorDeskError as exc:
            plain.set_plain(self.result, str(exc))
            return False
        _put(widget, text, start, end, new)
        self._last = (place, start + len(new), start + len(new))
        return self.find_next()

    def replace_all(self, *, preview: bool = True) -> int:
        """Every match in the story, after a preview of each line that changes."""
        from editordesk.services.replace import changes_in_fields, replace_in_text

        if self.editor.read_only:
            return 0
        spec = self.options.spec()
        pattern = self._pattern()
        if pattern is None:
            return 0
        widgets: dict[str, QLineEdit | QPlainTextEdit | QTextEdit] = dict(
            zip(PLACES, self._widgets(), strict=True)
        )
        # Replace all works on the stored body (the source), the visual's edits written
        # into it first; the visual editor is then built from it again.
        self.editor.mirror.flush()
        widgets["body"] = self.editor.body
        fields = {name: self._text(w) for name, w in widgets.items()}
        changes = changes_in_fields(
            self.editor.story_id or 0, self.editor.headline.text(), fields, spec, pattern
        )
        if not changes:
            self.result.setText(self.tr("Not found"))
            return 0
        if preview:
            dialog = ReplacePreviewDialog(changes, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        total = 0
        for name, widget in widgets.items():
            text = fields[name]
            new, count = replace_in_text(text, spec, pattern)
            if count:
                total += count
                _put(widget, text, 0, len(text), new)
        self._last = None
        self.result.setText(self.tr("Replaced {0}").format(total))
        return total


def _put(
    widget: QLineEdit | QPlainTextEdit | QTextEdit, text: str, start: int, end: int, new: str
) -> None:
    """Replace text[start:end] in a field or the body, as one undo step."""
    if isinstance(widget, QLineEdit):
        widget.setSelection(u16(text, start), u16(text, end) - u16(text, start))
        widget.insert(new)
        widget.textEdited.emit(widget.text())  # the editor counts it as an edit
        return
    cursor = QTextCursor(widget.document())
    cursor.setPosition(u16(text, start))
    cursor.setPosition(u16(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new)


# ------------------------------------------------------------------ previews


def fill_changes(table: QTableWidget, changes: Sequence[Change], *, story_column: bool) -> None:
    headers = (["Story"] if story_column else []) + ["Where", "Before", "After"]
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(changes))
    for row, change in enumerate(changes):
        where = f"line {change.line}" if change.line else change.field
        cells = [plain.shorten(change.before, 300), plain.shorten(change.after, 300)]
        cells.insert(0, where)
        if story_column:
            cells.insert(0, plain.shorten(f"{change.story_id}: {change.headline}", 120))
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value)  # an item's text is plain text
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)


class ReplacePreviewDialog(QDialog):
    """Every line a replace in the open story changes, before it is made."""

    def __init__(self, changes: Sequence[Change], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Replace all: preview"))
        self.table = QTableWidget(self)
        self.table.setAccessibleName(self.tr("Changes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fill_changes(self.table, changes, story_column=False)
        count = sum(c.count for c in changes)
        label = QLabel(
            self.tr("%n replacement(s) on {0} lines.", "", count).format(len(changes)),
            self,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Replace"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


class ReplaceInStoriesDialog(QDialog):
    """Replace in selected stories: preview first; each changed story gets one revision."""

    def __init__(
        self,
        store: Store,
        story_ids: Sequence[int],
        parent: QWidget | None = None,
        *,
        author: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.story_ids = list(story_ids)
        if author is None:
            from editordesk.settings import load

            author = load().author()
        self.author = author
        self.plan: Plan | None = None
        self.outcome: ReplaceResult | None = None
        self.setWindowTitle(self.tr("Replace in {0} selected stories").format(len(self.story_ids)))
        self.options = FindOptions(self)
        self.table = QTableWidget(self)
        self.table.setAccessibleName(self.tr("Changes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.status = plain.plain_label(QLabel(self), self.tr("Preview the changes, then replace."))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Replace status"))
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.preview_button.setToolTip(self.tr("List every change; nothing is written yet"))
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.replace_button.setToolTip(
            self.tr("Write the previewed changes, one revision per story")
        )
        self.replace_button.setEnabled(False)
        close = QPushButton(self.tr("Close"), self)
        self.preview_button.clicked.connect(self.preview)
        self.replace_button.clicked.connect(self.apply)
        close.clicked.connect(self.accept)
        form = QGridLayout()
        find_label = QLabel(self.tr("&Find:"), self)
        find_label.setBuddy(self.options.field)
        form.addWidget(find_label, 0, 0)
        form.addWidget(self.options.field, 0, 1)
        replace_label = QLabel(self.tr("Replace &with:"), self)
        replace_label.setBuddy(self.options.replace_field)
        form.addWidget(replace_label, 1, 0)
        form.addWidget(self.options.replace_field, 1, 1)
        boxes = QHBoxLayout()
        for box in (self.options.match_case, self.options.whole_words, self.options.regex):
            boxes.addWidget(box)
            box.toggled.connect(self._stale)
        boxes.addStretch(1)
        form.addLayout(boxes, 2, 1)
        self.options.field.textChanged.connect(self._stale)
        self.options.replace_field.textChanged.connect(self._stale)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.preview_button)
        row.addWidget(self.replace_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(860, 520)

    def _stale(self, *_: object) -> None:
        self.plan = None
        self.replace_button.setEnabled(False)

    def preview(self) -> None:
        from editordesk.services.replace import plan_replace

        spec = self.options.spec()
        try:
            spec.pattern()
        except EditorDeskError as exc:
            plain.set_plain(self.status, str(exc))
            return

        def read() -> Plan:
            with self.store.read() as session:
                return plan_replace(session, self.story_ids, spec)

        self.status.setText(self.tr("Looking…"))
        run_in_background(read, on_done=self._show_plan, on_error=self._failed, owner=self)

    def _show_plan(self, plan: Plan) -> None:
        if plan.spec != self.options.spec():
            return  # the search changed while it ran
        self.plan = plan
        fill_changes(self.table, plan.changes, story_column=True)
        stories = len({c.story_id for c in plan.changes})
        count = sum(c.count for c in plan.changes)
        text = (
            f"{count} replacement{'s' * (count != 1)} in {stories} "
            f"stor{'ies' if stories != 1 else 'y'}; nothing is written until you press Replace."
        )
        plain.set_plain(self.status, text if plan.changes else "Nothing to replace.")
        self.replace_button.setEnabled(bool(plan.changes))

    def apply(self) -> None:
        from editordesk.services.replace import apply_replace

        plan = self.plan
        if plan is None:
            return
        self.replace_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Replacing…"))
        run_in_background(
            apply_replace,
            self.store,
            plan,
            author=self.author,
            on_done=self._done,
            on_error=self._failed,
            owner=self,
        )

    def _done(self, result: ReplaceResult) -> None:
        self.outcome = result
        self.plan = None
        self.preview_button.setEnabled(True)
        parts = [
            f"Replaced in {len(result.changed)} stor{'ies' if len(result.changed) != 1 else 'y'}."
        ]
        if result.skipped:
            skipped = "; ".join(f"story {sid}: {why}" for sid, why in result.skipped)
            parts.append(f"Skipped {skipped}.")
        parts.append("History puts a story back.")
        plain.set_plain(self.status, " ".join(parts), 2000)

    def _failed(self, exc: Exception) -> None:
        self.preview_button.setEnabled(True)
        plain.set_plain(self.status, describe_error(exc, "cannot replace"))
