"""Footnotes in the visual editor: their labels, the note of a label, the reference
under a position, and a reference removed with its note when no other refers to it."""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

from editordesk.gui.editor.visual.blocks import Keep, OneStep, kind_of, table_at
from editordesk.gui.editor.visual.schema import (
    FOOTNOTE_LABEL,
    FOOTNOTE_OBJECT,
    NOTE_MARK,
    OBJECT_CHAR,
    BlockKind,
)


def footnote_labels(doc: QTextDocument) -> set[str]:
    """The labels of the notes the document holds (a command's scan, not a keystroke's)."""
    labels = set()
    block = doc.firstBlock()
    while block.isValid():
        label = block.blockFormat().stringProperty(FOOTNOTE_LABEL)
        if label:
            labels.add(label)
        block = block.next()
    return labels


def new_footnote_label(doc: QTextDocument) -> str:
    taken = footnote_labels(doc)
    number = 1
    while str(number) in taken:
        number += 1
    return str(number)


def note_block(doc: QTextDocument, label: str) -> QTextBlock | None:
    """The last block of the note `label`."""
    block = doc.lastBlock()
    while block.isValid():
        if block.blockFormat().stringProperty(FOOTNOTE_LABEL) == label:
            return block
        block = block.previous()
    return None


def footnote_at(doc: QTextDocument, position: int) -> QTextCharFormat | None:
    """The footnote object character at `position` (a reference or a note's mark)."""
    if position < 0 or position >= doc.characterCount() - 1:
        return None
    if doc.characterAt(position) != OBJECT_CHAR:
        return None
    cursor = QTextCursor(doc)
    cursor.setPosition(position + 1)
    fmt = cursor.charFormat()
    return fmt if fmt.objectType() == FOOTNOTE_OBJECT else None


def is_note_mark(fmt: QTextCharFormat | None) -> bool:
    return fmt is not None and fmt.boolProperty(NOTE_MARK)


def remove_footnote_reference(doc: QTextDocument, position: int) -> None:
    """Delete the reference at `position`, and its note with it when no other reference to
    that note is left (the Notes separator too when no note is): one undo step."""
    fmt = footnote_at(doc, position)
    if fmt is None or is_note_mark(fmt):
        return
    label = fmt.stringProperty(FOOTNOTE_LABEL)
    step = OneStep(doc)
    cursor = QTextCursor(doc)
    cursor.setPosition(position)
    cursor.setPosition(position + 1, Keep)
    cursor.removeSelectedText()
    step.next()
    if not _referenced(doc, label):
        _remove_note(doc, label)
    step.done()


def _referenced(doc: QTextDocument, label: str) -> bool:
    text = doc.toRawText()
    at = text.find(OBJECT_CHAR)
    while at >= 0:
        fmt = footnote_at(doc, at)
        reference = fmt is not None and not is_note_mark(fmt)
        if reference and fmt is not None and fmt.stringProperty(FOOTNOTE_LABEL) == label:
            return True
        at = text.find(OBJECT_CHAR, at + 1)
    return False


def _remove_note(doc: QTextDocument, label: str) -> None:
    """Remove the note `label`'s blocks; the Notes separator goes with the last note."""
    numbers = []
    block = doc.firstBlock()
    notes_block = -1
    others = False
    while block.isValid():
        own = block.blockFormat().stringProperty(FOOTNOTE_LABEL)
        if own == label:
            numbers.append(block.blockNumber())
        elif own:
            others = True
        if is_notes(block):
            notes_block = block.blockNumber()
        block = block.next()
    if not others and notes_block >= 0:
        numbers.append(notes_block)
    for number in sorted(numbers, reverse=True):
        target = doc.findBlockByNumber(number)
        cursor = QTextCursor(doc)
        previous = target.previous()
        if previous.isValid() and table_at(previous) is None:
            cursor.setPosition(previous.position() + previous.length() - 1)
        else:
            cursor.setPosition(target.position())
        cursor.setPosition(target.position() + target.length() - 1, Keep)
        cursor.removeSelectedText()


def in_notes(block: QTextBlock) -> bool:
    return bool(block.blockFormat().stringProperty(FOOTNOTE_LABEL))


def is_notes(block: QTextBlock) -> bool:
    """The drawn "Notes" separator above the footnotes: never edited."""
    return block.isValid() and kind_of(block) == BlockKind.NOTES
