"""The editing panel beside the library grid: one picture's preview, its credits and alt
text, and the stories that use it. A credit saved here is the one every story shows."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import plain, theme
from editordesk.gui.library.model import describe_error, describe_size
from editordesk.gui.workers import run_in_background
from editordesk.model import FIELD_NAMES, ImageFields

if TYPE_CHECKING:
    from editordesk.model import ImageRecord
    from editordesk.services.images import ImageConflictError
    from editordesk.store.db import Store

log = logging.getLogger(__name__)

PREVIEW_SIZE = 512  # made like the grid's thumbnails, shown at up to 320 px
PREVIEW_SHOWN = 320
CHANGE_NOTE = QT_TRANSLATE_NOOP(
    "PictureFields",
    "A changed credit or caption shows in every story that uses this picture from its next export.",
)
# (field, label, tooltip, placeholder)
FIELD_TEXTS = {
    "caption": (
        QT_TRANSLATE_NOOP("PictureFields", "&Caption"),
        QT_TRANSLATE_NOOP(
            "PictureFields", "What the picture shows, as readers see it under the picture"
        ),
        QT_TRANSLATE_NOOP("PictureFields", "What happened, where, when"),
    ),
    "credit": (
        QT_TRANSLATE_NOOP("PictureFields", "C&redit line"),
        QT_TRANSLATE_NOOP(
            "PictureFields",
            "The credit printed with the picture, e.g. “J. Doyle / Ellan Courier” (the page "
            "adds the “Credit:” label)",
        ),
        QT_TRANSLATE_NOOP("PictureFields", "Jane Photographer / Harbour Wire"),
    ),
    "creator": (
        QT_TRANSLATE_NOOP("PictureFields", "Crea&tor"),
        QT_TRANSLATE_NOOP("PictureFields", "Who took or made the picture"),
        QT_TRANSLATE_NOOP("PictureFields", "Photographer or artist"),
    ),
    "source": (
        QT_TRANSLATE_NOOP("PictureFields", "Source / a&gency"),
        QT_TRANSLATE_NOOP("PictureFields", "The agency or organisation the picture came from"),
        QT_TRANSLATE_NOOP("PictureFields", "Agency, pool or handout"),
    ),
    "copyright": (
        QT_TRANSLATE_NOOP("PictureFields", "Co&pyright notice"),
        QT_TRANSLATE_NOOP("PictureFields", "Who holds the copyright, e.g. “© 2026 Ellan Courier”"),
        QT_TRANSLATE_NOOP("PictureFields", "© year holder"),
    ),
    "licence": (
        QT_TRANSLATE_NOOP("PictureFields", "&Licence"),
        QT_TRANSLATE_NOOP(
            "PictureFields",
            "The terms the desk may use the picture under (a licence name or its web address)",
        ),
        QT_TRANSLATE_NOOP("PictureFields", "e.g. agency subscription, CC BY 4.0"),
    ),
    "alt_text": (
        QT_TRANSLATE_NOOP("PictureFields", "&Alt text"),
        QT_TRANSLATE_NOOP(
            "PictureFields",
            "What the picture shows for readers who cannot see it; screen readers read it aloud",
        ),
        QT_TRANSLATE_NOOP("PictureFields", "Describe what is in the picture"),
    ),
}
MULTI_LINE = ("caption", "alt_text")


def _load_details(
    store: Store, image_id: int, sha256: str, path: str
) -> tuple[list[tuple[int, str]], QImage]:
    """Runs on a worker: the stories that use the picture, and its larger preview."""
    from editordesk.media.thumbnails import thumbnail
    from editordesk.services.images import image_uses

    with store.read() as session:
        uses = image_uses(session, image_id)
    try:
        preview = QImage(str(thumbnail(store.media, path, sha256, PREVIEW_SIZE)))
    except Exception as exc:  # a missing or damaged file only costs the preview
        log.info("no preview for image %s: %s", image_id, exc)
        preview = QImage()
    return uses, preview


def _save(
    store: Store, image_id: int, fields: ImageFields, base_version: int | None, author: str
) -> tuple[ImageRecord, int]:
    """Runs on a worker: the picture's new fields, and how many stories show them. A save
    based on an older version than the store's is refused (ImageConflictError)."""
    from editordesk.services.images import image_uses, update_image

    with store.write() as session:
        record = update_image(session, image_id, fields, base_version=base_version, author=author)
        uses = len(image_uses(session, image_id))
    return record, uses


def _author() -> str:
    from editordesk import settings as prefs

    try:
        return prefs.load().author()
    except Exception:  # unreadable settings: the account's name still names the editor
        return prefs.account_name()


class ImageEditPanel(QWidget):
    """One picture's preview, fields and uses. Ctrl+S (while the panel has the focus) or the
    Save button writes the fields; `saved` then carries the new record."""

    saved = Signal(object)  # ImageRecord
    open_story_requested = Signal(int)
    insert_requested = Signal(int)
    dirty_changed = Signal(bool)

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._record: ImageRecord | None = None
        self._dirty = False
        self._loading_fields = False
        self._generation = 0
        self._saving = False
        self.author = ""  # who saves (the window sets it; else the settings' name)
        self.setAccessibleName(self.tr("Picture details"))
        self.setToolTip("")

        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(160)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAccessibleName(self.tr("Picture preview"))
        self.preview.setToolTip(self.tr("The selected picture, upright as it will be exported"))
        # The file's name, the panel's notes and errors: shown as written, never as markup.
        self.title = plain.plain_label(QLabel(self))
        self.title.setAccessibleName(self.tr("Picture file name"))
        self.title.setToolTip(self.tr("The name the file had when it was imported"))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.info = plain.plain_label(QLabel(self))
        self.info.setAccessibleName(self.tr("Picture size and type"))
        self.info.setToolTip(self.tr("Width × height in pixels, file type and file size"))

        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in FIELD_NAMES:
            label_text, tip, placeholder = (
                QCoreApplication.translate("PictureFields", text) for text in FIELD_TEXTS[name]
            )
            edit: QLineEdit | QPlainTextEdit
            if name in MULTI_LINE:
                edit = QPlainTextEdit(self)
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
                edit.textChanged.connect(self._edited)
            else:
                edit = QLineEdit(self)
                edit.textEdited.connect(self._edited)
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label_text.replace("&", ""))
            edit.setToolTip(tip)
            label = QLabel(label_text, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[name] = edit

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setAccessibleName(self.tr("Save picture details"))
        self.save_button.setToolTip(
            self.tr("Keep these fields in the library (Ctrl+S while the panel has the focus)")
        )
        self.revert_button = QPushButton(self.tr("Re&vert"), self)
        self.revert_button.setAccessibleName(self.tr("Revert picture details"))
        self.revert_button.setToolTip(self.tr("Go back to the fields as they were last saved"))
        self.insert_button = QPushButton(self.tr("&Insert into story"), self)
        self.insert_button.setAccessibleName(self.tr("Insert into story"))
        self.insert_button.setToolTip(
            self.tr("Put this picture into the open story at the cursor (or double-click it)")
        )
        self.history_button = QPushButton(self.tr("&History…"), self)
        self.history_button.setAccessibleName(self.tr("Picture details history"))
        self.history_button.setToolTip(
            self.tr("Every saved caption, credit, alt text and the rest, with who saved them")
        )
        # In a bar of its own, so the library can keep it in sight below a panel it scrolls.
        self.button_bar = QWidget(self)
        buttons = QHBoxLayout(self.button_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        buttons.addWidget(self.insert_button)

        self.status = plain.plain_label(QLabel(self))
        self.status.setAccessibleName(self.tr("Picture details status"))
        self.status.setToolTip(self.tr("Whether the fields are saved"))
        self.status.setWordWrap(True)
        change_note = QCoreApplication.translate("PictureFields", CHANGE_NOTE)
        self.note = QLabel(change_note, self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("About changing credits"))
        self.note.setToolTip(change_note)
        theme.make_secondary(self.note)  # quieter than the fields, still 4.5:1

        self.uses_label = QLabel(self.tr("&Used in:"), self)
        self.uses_label.setAccessibleName(self.tr("Stories using this picture"))
        self.uses_label.setToolTip(self.tr("The stories whose body shows this picture"))
        self.uses_list = QListWidget(self)
        self.uses_list.setAccessibleName(self.tr("Used in"))
        self.uses_list.setToolTip(self.tr("Click a story to open it"))
        self.uses_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.uses_label.setBuddy(self.uses_list)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self.button_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.note)
        layout.addWidget(self.uses_label)
        layout.addWidget(self.uses_list)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.insert_button.clicked.connect(self._insert)
        self.history_button.clicked.connect(self.show_history)
        self.uses_list.itemClicked.connect(self._open_use)
        self.uses_list.itemActivated.connect(self._open_use)
        for child in self.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
                child.installEventFilter(self)
        self.show_record(None)

    # ------------------------------------------------------------ public

    def take_button_bar(self) -> QWidget:
        """Save, Revert, History and Insert, taken out of the panel's layout for the caller
        to place (the library keeps them below the scrolling panel, always in sight)."""
        layout = self.layout()
        if layout is not None:
            layout.removeWidget(self.button_bar)
        return self.button_bar

    def record(self) -> ImageRecord | None:
        """The picture shown, as last loaded or saved."""
        return self._record

    def fields(self) -> ImageFields:
        """The fields as they stand in the panel (saved or not)."""
        values = {}
        for name, edit in self.edits.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            values[name] = text.strip()
        return ImageFields(**values)

    def is_dirty(self) -> bool:
        return self._dirty

    def used_in(self) -> list[tuple[int, str]]:
        """(story id, headline) of the stories listed under "Used in"."""
        out = []
        for row in range(self.uses_list.count()):
            item = self.uses_list.item(row)
            story_id = item.data(Qt.ItemDataRole.UserRole)
            if story_id is not None:
                out.append((story_id, item.text()))
        return out

    def show_record(self, record: ImageRecord | None) -> None:
        """Show a picture (None: nothing selected); unsaved edits are dropped."""
        self._record = record
        self._generation += 1
        self._loading_fields = True
        for name, edit in self.edits.items():
            value = getattr(record.fields, name) if record is not None else ""
            if isinstance(edit, QPlainTextEdit):
                plain.set_plain_text(edit, value)
            else:
                edit.setText(value)
                edit.setCursorPosition(0)
            edit.setEnabled(record is not None)
        self._loading_fields = False
        self._set_dirty(False)
        self.uses_list.clear()
        self.preview.clear()
        self.status.clear()
        self.insert_button.setEnabled(record is not None)
        self.history_button.setEnabled(record is not None)
        if record is None:
            self.title.setText(self.tr("No picture selected"))
            self.info.setText(self.tr("Choose a picture in the grid, or import some."))
            self.preview.setText("")
            self.uses_label.setText(self.tr("Used in:"))
            return
        plain.set_plain(self.title, record.original_name, 500)
        self.info.setText(describe_size(record))
        self.preview.setText(self.tr("Loading preview…"))
        self.uses_label.setText(self.tr("Used in: …"))
        self._load_details(record)

    def reload_uses(self) -> None:
        """Read the stories that use the picture again (after a story was saved)."""
        if self._record is not None:
            self._load_details(self._record)

    def save(self, base_version: int | None = None) -> None:
        """Write the fields to the library (in the background); `saved` follows. Someone
        else's newer save is shown beside these fields, to choose from."""
        record = self._record
        if record is None or self._store is None or self._saving:
            return
        base = base_version if base_version is not None else record.version
        fields = self.fields()
        self._saving = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        generation = self._generation

        def done(result: tuple[ImageRecord, int]) -> None:
            if not shiboken6.isValid(self):
                return
            self._saving = False
            saved, uses = result
            if generation == self._generation:
                self._record = saved
                self._set_dirty(self.fields() != saved.fields)
                where = (
                    self.tr("no story yet")
                    if uses == 0
                    else (self.tr("1 story") if uses == 1 else self.tr("%n stories", "", uses))
                )
                self.status.setText(
                    self.tr("Saved. Used in {0}; exports from now on show it.").format(where)
                )
            else:
                self._set_dirty(self._dirty)
            self.saved.emit(saved)

        def failed(exc: Exception) -> None:
            from editordesk.services.images import ImageConflictError

            if not shiboken6.isValid(self):
                return
            self._saving = False
            self._set_dirty(self._dirty)
            if isinstance(exc, ImageConflictError) and generation == self._generation:
                self._conflict(exc)
                return
            self.status.setText(
                self.tr("Not saved: {0}").format(
                    describe_error(exc, self.tr("the picture's details could not be saved"))
                )
            )

        run_in_background(
            _save,
            self._store,
            record.id,
            fields,
            base,
            self.author or self._window_author() or _author(),
            on_done=done,
            on_error=failed,
        )

    def _window_author(self) -> str:
        """The name of the window the library was opened from (its editor's name)."""
        widget = self.parentWidget()
        while widget is not None:
            name = getattr(widget, "author", None)
            if isinstance(name, str) and name and widget is not self:
                return name
            widget = widget.parentWidget()
        return ""

    def show_history(self) -> None:
        """The picture's saved details, newest first; one can be brought back to the card
        (unsaved, to look over and save)."""
        from editordesk.gui.dialogs.history import ImageHistoryDialog

        record = self._record
        if record is None or self._store is None:
            return
        dialog = ImageHistoryDialog(self._store, record, self)
        if dialog.exec() and dialog.chosen is not None:
            self._loading_fields = True
            for name, edit in self.edits.items():
                value = getattr(dialog.chosen, name)
                if isinstance(edit, QPlainTextEdit):
                    plain.set_plain_text(edit, value)
                else:
                    edit.setText(value)
            self._loading_fields = False
            self._set_dirty(self.fields() != record.fields)
            self.status.setText(self.tr("Older details brought back: save to keep them."))

    def _conflict(self, exc: ImageConflictError) -> None:
        """Someone saved this picture since the card showed it: both, side by side."""
        from editordesk.gui.dialogs.conflict import ConflictChoice, ImageConflictDialog

        dialog = ImageConflictDialog(self.fields(), exc.theirs, exc.author, self)
        dialog.exec()
        choice = dialog.choice()
        if choice is ConflictChoice.KEEP_MINE:
            self.save(base_version=exc.theirs.version)
        elif choice is ConflictChoice.TAKE_THEIRS:
            self.show_record(exc.theirs)
            self.status.setText(
                self.tr("Showing the details {0} saved.").format(exc.author or "someone else")
            )
        else:
            self.status.setText(
                self.tr(
                    "Not saved: {0} saved this picture meanwhile; save again to compare."
                ).format(exc.author or "someone else")
            )

    def revert(self) -> None:
        if self._record is not None:
            self.show_record(self._record)

    def is_saving(self) -> bool:
        return self._saving

    # ------------------------------------------------------------ inside

    def _load_details(self, record: ImageRecord) -> None:
        if self._store is None:
            return
        generation = self._generation

        def done(result: tuple[list[tuple[int, str]], QImage]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._show_details(*result)

        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.uses_label.setText(self.tr("Used in: (could not be read)"))
                self.status.setText(describe_error(exc))

        run_in_background(
            _load_details,
            self._store,
            record.id,
            record.sha256,
            record.path,
            on_done=done,
            on_error=failed,
        )

    def _show_details(self, uses: list[tuple[int, str]], preview: QImage) -> None:
        if preview.isNull():
            self.preview.setText(self.tr("No preview: the file is missing or damaged"))
        else:
            pixmap = QPixmap.fromImage(preview)
            ratio = self.devicePixelRatioF()
            pixmap = pixmap.scaled(
                int(PREVIEW_SHOWN * ratio),
                int(PREVIEW_SHOWN * ratio),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(ratio)
            self.preview.setPixmap(pixmap)
        self.uses_list.clear()
        if not uses:
            self.uses_label.setText(self.tr("Used in: no story yet"))
            item = QListWidgetItem(self.tr("Not used in any story yet"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.uses_list.addItem(item)
            return
        count = self.tr("1 story") if len(uses) == 1 else self.tr("%n stories", "", len(uses))
        self.uses_label.setText(self.tr("Used in {0}:").format(count))
        for story_id, headline in uses:
            shown = plain.shorten(headline, 500) or self.tr("(story {0}, no headline)").format(
                story_id
            )
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, story_id)
            item.setToolTip(self.tr("Open story {0}").format(story_id))
            self.uses_list.addItem(item)

    def _open_use(self, item: QListWidgetItem) -> None:
        story_id = item.data(Qt.ItemDataRole.UserRole)
        if story_id is not None:
            self.open_story_requested.emit(int(story_id))

    def _insert(self) -> None:
        if self._record is not None:
            self.insert_requested.emit(self._record.id)

    def _edited(self, *_: object) -> None:
        if not self._loading_fields and self._record is not None:
            self._set_dirty(self.fields() != self._record.fields)

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        has = self._record is not None
        self.save_button.setEnabled(has and dirty and not self._saving)
        self.revert_button.setEnabled(has and dirty)
        if dirty:
            self.status.setText(self.tr("Unsaved changes"))
        if changed:
            self.dirty_changed.emit(dirty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+S in a field saves the picture, even where the window's own Ctrl+S (save the
        story) would otherwise take it or make the key ambiguous."""
        if (
            event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Save)
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.save()
            return True
        return super().eventFilter(watched, event)
