"""The side-by-side comparison of two story versions that the history and conflict dialogs
share: which fields changed, and the two bodies line by line with changed words marked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPalette,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.document.diff import DiffRow, FieldChange, RowKind, Span, field_changes
from editordesk.document.diff import side_by_side as diff_lines
from editordesk.gui import plain
from editordesk.gui.safe_browser import SafeBrowser
from editordesk.model import StoryDraft

# Translucent tints read on light and dark palettes alike: the base colour shows through.
_REMOVED = QColor(220, 50, 47)
_ADDED = QColor(40, 170, 70)
_LINE_ALPHA = 45
_WORD_ALPHA = 120
# Characters QTextDocument would take as a new paragraph or frame; each is shown as a space so
# every row stays one block and the spans keep their offsets.
_UNSHOWABLE = str.maketrans(dict.fromkeys("\r\x0b\x0c\u2028\u2029\ufdd0\ufdd1\ufdea", " "))
_EMPTY = "—"


def _tint(color: QColor, alpha: int) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


def _sentence_list(parts: list[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class DiffView(QWidget):
    """Two versions of a story: a summary, the changed fields, and two read-only panes that
    scroll together, with removed words struck through on a red tint on the left and added
    words underlined on a green tint on the right (colour is never the only cue)."""

    # Set on the character format of every marked word: "removed" or "added".
    CHANGE_PROPERTY = int(QTextFormat.Property.UserProperty) + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DiffRow] = []
        self._changes: list[FieldChange] = []
        self._shown: tuple[StoryDraft, StoryDraft] | None = None

        plain.guard_tooltips()  # both versions' words show in tooltips
        self.summary_label = plain.plain_label(QLabel(self))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.field_list = QTreeWidget(self)
        self.field_list.setColumnCount(3)
        self.field_list.setHeaderLabels([self.tr("Field"), self.tr("Left"), self.tr("Right")])
        self.field_list.setRootIsDecorated(False)
        self.field_list.setUniformRowHeights(True)
        self.field_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.field_list.setAccessibleName(self.tr("Changed fields"))
        self.field_list.setToolTip(self.tr("The fields other than the body that differ"))
        header = self.field_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.field_list.hide()

        # Titles name who saved each side, as they typed their name: plain text.
        self.left_title = plain.plain_label(QLabel(self), self.tr("Left"))
        self.right_title = plain.plain_label(QLabel(self), self.tr("Right"))
        self.left_pane = self._make_pane()
        self.right_pane = self._make_pane()
        self.left_title.setBuddy(self.left_pane)
        self.right_title.setBuddy(self.right_pane)
        self.left_pane.setAccessibleDescription(self.tr("Words removed are struck through"))
        self.right_pane.setAccessibleDescription(self.tr("Words added are underlined"))

        panes = QGridLayout()
        panes.addWidget(self.left_title, 0, 0)
        panes.addWidget(self.right_title, 0, 1)
        panes.addWidget(self.left_pane, 1, 0)
        panes.addWidget(self.right_pane, 1, 1)
        panes.setColumnStretch(0, 1)
        panes.setColumnStretch(1, 1)
        panes.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.field_list)
        layout.addLayout(panes, 1)

        # Rows are lined up after Qt has wrapped them at the panes' current width.
        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.setInterval(0)
        self._align_timer.timeout.connect(self._align_rows)
        for pane, other in ((self.left_pane, self.right_pane), (self.right_pane, self.left_pane)):
            pane.verticalScrollBar().valueChanged.connect(other.verticalScrollBar().setValue)
            pane.viewport().installEventFilter(self)

    def _make_pane(self) -> SafeBrowser:
        pane = SafeBrowser(self)  # filled as plain text; opens no file whatever it holds
        pane.setOpenLinks(False)
        pane.setLineWrapMode(SafeBrowser.LineWrapMode.WidgetWidth)
        # Both panes always keep a scroll bar, so they wrap at the same width.
        pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        pane.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return pane

    # ------------------------------------------------------------ public

    def set_titles(self, left: str, right: str) -> None:
        """Name the two sides, above the panes and in the field list's columns."""
        plain.set_plain(self.left_title, left, 300)
        plain.set_plain(self.right_title, right, 300)
        self.left_pane.setAccessibleName(left)
        self.right_pane.setAccessibleName(right)
        self.field_list.setHeaderLabels([self.tr("Field"), left, right])

    def show_diff(self, old: StoryDraft, new: StoryDraft) -> None:
        """Compare `old` (left) with `new` (right)."""
        self._shown = (old, new)
        self._rows = diff_lines(old.body, new.body)
        self._changes = field_changes(old, new)
        wrap = plain.wrap_mode_for(f"{old.body}\n{new.body}")  # a huge word wraps anywhere
        self.left_pane.setWordWrapMode(wrap)
        self.right_pane.setWordWrapMode(wrap)
        self._show_fields()
        self._fill(self.left_pane.document(), "old")
        self._fill(self.right_pane.document(), "new")
        self._align_timer.start()

    def clear(self, message: str = "") -> None:
        """Show nothing but `message` (while loading, or when there is nothing to compare)."""
        self._shown = None
        self._rows, self._changes = [], []
        plain.set_plain(self.summary_label, message)
        self.field_list.clear()
        self.field_list.hide()
        self.left_pane.clear()
        self.right_pane.clear()

    def rows(self) -> list[DiffRow]:
        """The body rows on show."""
        return list(self._rows)

    def changes(self) -> list[FieldChange]:
        """The changed fields on show."""
        return list(self._changes)

    # ------------------------------------------------------------ filling

    def _show_fields(self) -> None:
        self.field_list.clear()
        for change in self._changes:
            item = QTreeWidgetItem(
                [
                    change.label,
                    plain.shorten(change.old, 500) or _EMPTY,
                    plain.shorten(change.new, 500) or _EMPTY,
                ]
            )
            item.setToolTip(1, plain.safe_tooltip(change.old))  # the field as written
            item.setToolTip(2, plain.safe_tooltip(change.new))
            self.field_list.addTopLevelItem(item)
        self.field_list.setVisible(bool(self._changes))
        if self._changes:  # as tall as its rows, up to six; past that it scrolls
            shown = min(len(self._changes), 6)
            height = self.field_list.header().sizeHint().height()
            height += self.field_list.sizeHintForRow(0) * shown
            height += 2 * self.field_list.frameWidth() + 2
            self.field_list.setFixedHeight(height)
        parts = [change.label.lower() for change in self._changes]
        body_lines = sum(
            1
            for row in self._rows
            if row.kind is not RowKind.EQUAL and (row.old or "").strip() + (row.new or "").strip()
        )
        if body_lines:
            parts.append(f"{body_lines} line{'s' if body_lines != 1 else ''} of the body")
        if parts:
            plain.set_plain(
                self.summary_label, self.tr("Changed: {0}.").format(_sentence_list(parts))
            )
        else:
            plain.set_plain(self.summary_label, self.tr("The two versions are the same."))

    def _fill(self, document: QTextDocument, side: str) -> None:
        palette = self.palette()
        colour, change = (_REMOVED, "removed") if side == "old" else (_ADDED, "added")
        filler = QBrush(palette.color(QPalette.ColorRole.Mid), Qt.BrushStyle.BDiagPattern)
        plain = QTextCharFormat()
        marked = QTextCharFormat()
        marked.setBackground(_tint(colour, _WORD_ALPHA))
        marked.setProperty(self.CHANGE_PROPERTY, change)
        if side == "old":
            marked.setFontStrikeOut(True)
        else:
            marked.setFontUnderline(True)

        document.clear()
        document.setUndoRedoEnabled(False)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for index, row in enumerate(self._rows):
            text = row.old if side == "old" else row.new
            spans = row.old_spans if side == "old" else row.new_spans
            block = QTextBlockFormat()
            if text is None:
                block.setBackground(filler)
            elif row.kind is not RowKind.EQUAL:
                block.setBackground(_tint(colour, _LINE_ALPHA))
            if index:
                cursor.insertBlock(block, plain)
            else:
                cursor.setBlockFormat(block)
            if text:
                self._insert_marked(cursor, text.translate(_UNSHOWABLE), spans, plain, marked)
        cursor.endEditBlock()

    @staticmethod
    def _insert_marked(
        cursor: QTextCursor,
        text: str,
        spans: tuple[Span, ...],
        plain: QTextCharFormat,
        marked: QTextCharFormat,
    ) -> None:
        at = 0
        for span in spans:
            if span.start > at:
                cursor.insertText(text[at : span.start], plain)
            cursor.insertText(text[span.start : span.end], marked)
            at = span.end
        if at < len(text):
            cursor.insertText(text[at:], plain)

    # ------------------------------------------------------------ lining up

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._align_timer.start()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._align_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            self.show_diff(*self._shown)  # the filler pattern follows the palette

    def _align_rows(self) -> None:
        """Pad the shorter side of each row so the two panes' rows start at the same height,
        however differently their lines wrap; then the panes can scroll by the same amount."""
        left, right = self.left_pane.document(), self.right_pane.document()
        if left.blockCount() != right.blockCount():
            return
        pads: list[tuple[QTextDocument, int, float]] = []
        lb, rb = left.firstBlock(), right.firstBlock()
        while lb.isValid() and rb.isValid():
            lpad, rpad = lb.blockFormat().bottomMargin(), rb.blockFormat().bottomMargin()
            lh = left.documentLayout().blockBoundingRect(lb).height() - lpad
            rh = right.documentLayout().blockBoundingRect(rb).height() - rpad
            tallest = max(lh, rh)
            if abs(tallest - lh - lpad) > 0.5:
                pads.append((left, lb.blockNumber(), tallest - lh))
            if abs(tallest - rh - rpad) > 0.5:
                pads.append((right, rb.blockNumber(), tallest - rh))
            lb, rb = lb.next(), rb.next()
        for document, number, pad in pads:
            block = document.findBlockByNumber(number)
            fmt = block.blockFormat()
            fmt.setBottomMargin(pad)
            QTextCursor(block).setBlockFormat(fmt)
        if pads:
            self.right_pane.verticalScrollBar().setValue(self.left_pane.verticalScrollBar().value())
