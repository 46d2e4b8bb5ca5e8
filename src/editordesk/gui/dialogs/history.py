"""A story's revision history: compare any two saves side by side and bring an old one back,
without ever losing the current text (a restore is itself a new revision)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editordesk.document.diff import display_time
from editordesk.errors import EditorDeskError
from editordesk.gui import i18n, plain
from editordesk.gui.dialogs.diff_view import DiffView
from editordesk.gui.state import window_settings
from editordesk.gui.workers import run_in_background
from editordesk.model import FIELD_NAMES, ImageFields, ImageRecord, RevisionRecord, StoryRecord
from editordesk.services.images import ImageRevisionRecord
from editordesk.services.stories import get_story, restore_revision, revisions
from editordesk.store.db import Store

log = logging.getLogger(__name__)

_GEOMETRY_KEY = "history_dialog/geometry"
_ROLE = Qt.ItemDataRole.UserRole


def _load_history(store: Store, story_id: int) -> tuple[StoryRecord, list[RevisionRecord]]:
    """The story and its revisions, read together so the version matches the list.

    Runs on a worker thread: a story saved many times has many full copies to read."""
    with store.read() as session:
        return get_story(session, story_id), revisions(session, story_id)


def _restore(
    store: Store,
    story_id: int,
    number: int,
    base_version: int,
    author: str,
    window: str | None = None,
) -> StoryRecord:
    """Runs on a worker thread: the write may wait for another window's save to finish.
    The store refuses it unless `window` holds the story's lock (or nobody does)."""
    with store.write() as session:
        return restore_revision(
            session, story_id, number, base_version=base_version, author=author, window=window
        )


def error_text(exc: BaseException) -> str:
    """A sentence for an editor: the core's own message, or a plain one for a surprise
    (whose traceback goes to the log, never to the screen)."""
    if isinstance(exc, EditorDeskError):
        return str(exc)
    log.error(
        "unexpected error: %s",
        getattr(exc, "__editordesk_traceback__", None) or repr(exc),
    )
    return f"something unexpected went wrong ({type(exc).__name__})"


def _revision_label(revision: RevisionRecord) -> str:
    author = f" · {plain.shorten(revision.author, 100)}" if revision.author else ""
    return f"Revision {revision.number} · {i18n.ltr_text(display_time(revision.saved))}{author}"


class HistoryDialog(QDialog):
    """Every revision of one story, newest first; the one selected in the list is shown on the
    right and compared with another (by default the one before it) on the left.

    "Restore revision N" makes the selected revision the current text. With `base_version`
    (the version of the copy the editor has open) a restore over someone else's newer save
    is refused with a ConflictError instead of silently replacing it; without it, the version
    read when the dialog opened is used."""

    restored = Signal(object)  # the StoryRecord after the restore
    loaded = Signal()  # the revision list is filled (or failed to load)

    def __init__(
        self,
        store: Store,
        story_id: int,
        author: str,
        parent: QWidget | None = None,
        *,
        base_version: int | None = None,
        read_only_by: str | None = None,
        window: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._read_only_by = read_only_by  # someone else edits the story: look, not restore
        self._window = window
        self._store = store
        self._story_id = story_id
        self._author = author
        self._base_version = base_version
        self._story: StoryRecord | None = None
        self._revisions: list[RevisionRecord] = []
        self._items: list[QTreeWidgetItem] = []  # one per revision, in the same order
        self._busy = True  # loading, then restoring
        self._loaded_once = False
        self._restoring: int | None = None

        self.setWindowTitle(self.tr("History"))
        self.setSizeGripEnabled(True)

        self.status_label = plain.plain_label(QLabel(self), self.tr("Loading the revisions…"))
        self.status_label.setWordWrap(True)

        self.revision_list = QTreeWidget(self)
        self.revision_list.setHeaderLabels(
            [self.tr("No."), self.tr("Saved"), self.tr("Author"), self.tr("Note")]
        )
        self.revision_list.setRootIsDecorated(False)
        self.revision_list.setUniformRowHeights(True)
        self.revision_list.setAlternatingRowColors(True)
        self.revision_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.revision_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.revision_list.setAccessibleName(self.tr("Revisions"))
        self.revision_list.setToolTip(
            self.tr("Select a revision to see it on the right, compared with the one before it")
        )
        header = self.revision_list.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.compare_combo = QComboBox(self)
        self.compare_combo.setAccessibleName(self.tr("Compare with"))
        self.compare_combo.setToolTip(self.tr("The revision shown on the left"))
        compare_label = QLabel(self.tr("&Compare with:"), self)
        compare_label.setBuddy(self.compare_combo)

        self.diff_view = DiffView(self)
        self.diff_view.clear("")

        self.restore_button = QPushButton(self.tr("Restore this revision"), self)
        self.restore_button.setObjectName("restoreButton")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the history; nothing changes (Esc)"))
        for button in (self.restore_button, self.close_button):
            # Enter on the list must never press a button: it only selects a revision.
            button.setAutoDefault(False)
            button.setDefault(False)
        self._update_restore_button()

        compare_row = QHBoxLayout()
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare_combo, 1)

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(compare_row)
        lower_layout.addWidget(self.diff_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.revision_list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.revision_list.itemSelectionChanged.connect(self._selection_changed)
        self.revision_list.itemActivated.connect(self._activated)
        self.compare_combo.currentIndexChanged.connect(self._compare)
        self.restore_button.clicked.connect(self._restore_clicked)
        self.close_button.clicked.connect(self.reject)

        self.resize(960, 720)
        geometry = window_settings().value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

        run_in_background(
            _load_history, store, story_id, on_done=self._loaded, on_error=self._load_failed
        )

    # ------------------------------------------------------------ public

    def is_loaded(self) -> bool:
        """Whether the revisions have been read (or failed to be)."""
        return self._loaded_once

    def revision_numbers(self) -> list[int]:
        """The revisions listed, top to bottom (newest first)."""
        return [r.number for r in self._revisions]

    def selected_number(self) -> int | None:
        """The revision on the right, which "Restore" would bring back."""
        revision = self._selected()
        return revision.number if revision else None

    def compared_number(self) -> int | None:
        """The revision on the left."""
        revision = self._compared()
        return revision.number if revision else None

    def done(self, result: int) -> None:
        window_settings().setValue(_GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    # ------------------------------------------------------------ loading

    def _loaded(self, result: tuple[StoryRecord, list[RevisionRecord]]) -> None:
        self._story, self._revisions = result
        if self._base_version is None:
            self._base_version = self._story.version
        self.setWindowTitle(plain.one_line(f"History — {self._story.headline}", 200))
        count = len(self._revisions)
        plain.set_plain(
            self.status_label,
            self.tr(
                "%n revision(s), newest first. Select one to see what it changed; restoring "
                "one keeps the current text in the history too.",
                "",
                count,
            ),
        )
        self.revision_list.clear()
        self._items = []
        self.compare_combo.blockSignals(True)
        self.compare_combo.clear()
        for index, revision in enumerate(self._revisions):
            note = revision.note
            if index == 0:
                note = f"{note} · current text" if note else "current text"
            item = QTreeWidgetItem(  # names and notes as typed, cut short for the columns
                [
                    str(revision.number),
                    i18n.ltr_text(display_time(revision.saved)),
                    plain.shorten(revision.author, 200),
                    plain.shorten(note, 500),
                ]
            )
            item.setData(0, _ROLE, index)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.revision_list.addTopLevelItem(item)
            self._items.append(item)
            self.compare_combo.addItem(_revision_label(revision), revision.number)
        self.compare_combo.blockSignals(False)
        self._busy = False
        if self._items:
            self.revision_list.setCurrentItem(self._items[0])
        self.revision_list.setFocus()
        self._loaded_once = True
        self.loaded.emit()

    def _load_failed(self, exc: Exception) -> None:
        plain.set_plain(
            self.status_label,
            self.tr("The history could not be read: {0}.").format(error_text(exc).rstrip(".")),
        )
        self.diff_view.clear("")
        self._loaded_once = True
        self.loaded.emit()

    # ------------------------------------------------------------ choosing

    def _selected(self) -> RevisionRecord | None:
        items = self.revision_list.selectedItems()
        if not items:
            return None
        return self._revisions[items[0].data(0, _ROLE)]

    def _compared(self) -> RevisionRecord | None:
        number = self.compare_combo.currentData()
        return next((r for r in self._revisions if r.number == number), None)

    def _activated(self, item: QTreeWidgetItem) -> None:
        """Enter (or a double click) on a revision selects it."""
        self.revision_list.setCurrentItem(item)
        item.setSelected(True)

    def _selection_changed(self) -> None:
        """A newly selected revision is compared with the one saved just before it (the oldest
        with the one after it, as nothing came before)."""
        selected = self._selected()
        if selected is not None:
            index = self._revisions.index(selected)
            other = index + 1 if index + 1 < len(self._revisions) else index - 1
            if other >= 0:
                self.compare_combo.blockSignals(True)
                self.compare_combo.setCurrentIndex(other)
                self.compare_combo.blockSignals(False)
        self._compare()

    def _compare(self) -> None:
        selected, compared = self._selected(), self._compared()
        self._update_restore_button()
        if selected is None:
            self.diff_view.clear("Select a revision to see it.")
            return
        if compared is None or compared is selected:
            compared = selected
        self.diff_view.set_titles(_revision_label(compared), _revision_label(selected))
        self.diff_view.show_diff(compared.draft, selected.draft)

    def _update_restore_button(self) -> None:
        selected = self._selected()
        button = self.restore_button
        if selected is None:
            button.setText(self.tr("Restore this revision"))
            button.setToolTip(self.tr("Select a revision to restore"))
            button.setEnabled(False)
        elif self._read_only_by is not None:
            button.setText(self.tr("Restore this revision"))
            button.setToolTip(
                self.tr(
                    "Read-only: {0} is editing this story; take it over before restoring a revision"
                ).format(self._read_only_by or "someone else")
            )
            button.setEnabled(False)
        else:
            button.setText(self.tr("&Restore revision {0}").format(selected.number))
            if self._revisions and selected is self._revisions[0]:
                button.setToolTip(
                    self.tr("Revision {0} is already the current text").format(selected.number)
                )
                button.setEnabled(False)
            else:
                button.setToolTip(
                    self.tr(
                        "Make revision {0} (shown on the right) the story's current text. The "
                        "current text stays in the history."
                    ).format(selected.number)
                )
                button.setEnabled(not self._busy)
        button.setAccessibleName(button.text().replace("&", ""))
        button.setAccessibleDescription(button.toolTip())

    # ------------------------------------------------------------ restoring

    def _restore_clicked(self) -> None:
        selected = self._selected()
        if (
            selected is None
            or self._busy
            or self._base_version is None
            or self._read_only_by is not None
        ):
            return
        self._busy = True
        self._restoring = selected.number
        self._update_restore_button()
        plain.set_plain(
            self.status_label, self.tr("Restoring revision {0}…").format(selected.number)
        )
        run_in_background(
            _restore,
            self._store,
            self._story_id,
            selected.number,
            self._base_version,
            self._author,
            self._window,
            on_done=self._restored,
            on_error=self._restore_failed,
        )

    def _restored(self, record: StoryRecord) -> None:
        self._busy = False
        self.restored.emit(record)
        self.accept()

    def _restore_failed(self, exc: Exception) -> None:
        self._busy = False
        self._update_restore_button()
        number = self._restoring
        plain.set_plain(self.status_label, self.tr("Revision {0} was not restored.").format(number))
        plain.warning(
            self,
            self.tr("Revision not restored"),
            self.tr("Revision {0} was not restored: {1}.").format(
                number, error_text(exc).rstrip(".")
            ),
        )


class ImageHistoryDialog(QDialog):
    """Every saved set of a picture's details, newest first, each shown whole; "Bring back"
    puts the chosen one on the card (`chosen`), unsaved."""

    def __init__(self, store: Store, image: ImageRecord, parent: QWidget | None = None) -> None:
        from editordesk.services.images import image_history

        super().__init__(parent)
        self.chosen: ImageFields | None = None
        self.setWindowTitle(plain.one_line(f"History — {image.original_name}", 200))
        self.setSizeGripEnabled(True)
        with store.read() as session:
            self.revisions = image_history(session, image.id)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([self.tr("No."), self.tr("Saved"), self.tr("By")])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(self.tr("Saved picture details"))
        for revision in self.revisions:
            item = QTreeWidgetItem(
                [
                    str(revision.number),
                    i18n.ltr_text(display_time(revision.saved)),
                    plain.shorten(revision.author or "(as imported)", 200),
                ]
            )
            self.list.addTopLevelItem(item)
        self.details = plain.plain_label(QLabel(self))
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("These details"))
        self.empty = QLabel(self.tr("No saves yet: the details are as imported."), self)
        self.empty.setVisible(not self.revisions)
        self.bring_back = QPushButton(self.tr("&Bring these back"), self)
        self.bring_back.setToolTip(self.tr("Put these details on the card, unsaved, to look over"))
        self.bring_back.setEnabled(False)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        self.bring_back.clicked.connect(self._bring_back)
        self.list.currentItemChanged.connect(lambda *_: self._show())
        buttons = QHBoxLayout()
        buttons.addWidget(self.bring_back)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self.resize(640, 480)

    def _selected(self) -> ImageRevisionRecord | None:
        item = self.list.currentItem()
        index = self.list.indexOfTopLevelItem(item) if item is not None else -1
        return self.revisions[index] if 0 <= index < len(self.revisions) else None

    def _show(self) -> None:
        revision = self._selected()
        self.bring_back.setEnabled(revision is not None)
        if revision is None:
            self.details.clear()
            return
        lines = [
            f"{name.replace('_', ' ').capitalize()}: {getattr(revision.fields, name)}"
            for name in FIELD_NAMES
        ]
        plain.set_plain(self.details, "\n".join(lines))

    def _bring_back(self) -> None:
        revision = self._selected()
        if revision is not None:
            self.chosen = revision.fields
            self.accept()
