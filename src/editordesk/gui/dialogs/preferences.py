"""Preferences: the store, the editor's name, autosave, and the export defaults. They are kept
in the same settings file the command line reads, so both agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import i18n, plain, theme
from editordesk.settings import Settings, account_name

Picker = Callable[[QWidget, str], str]


def _store_in_use(window: QWidget | None) -> str:
    """What the window works on now, whether it came from here, --db or EDITORDESK_DB."""
    if window is None or not getattr(window, "has_store", False):
        return QCoreApplication.translate(
            "PreferencesDialog", "In use now: none yet (the store is opening)"
        )
    where = window.store.location.describe()  # type: ignore[attr-defined]
    return QCoreApplication.translate("PreferencesDialog", "In use now: {0}").format(where)


class _PathField(QWidget):
    """A path with a Browse… button."""

    def __init__(self, text: str, pick: Picker, name: str, tip: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(text, self)
        self.edit.setAccessibleName(name)
        self.edit.setToolTip(tip)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.setAccessibleName(self.tr("Browse for {0}").format(name.lower()))
        browse.setToolTip(self.tr("Choose the {0}").format(name.lower()))
        browse.clicked.connect(lambda: self._pick(pick))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)
        self.setFocusProxy(self.edit)  # its label's letter goes to the path

    def _pick(self, pick: Picker) -> None:
        chosen = pick(self, self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def text(self) -> str:
        return self.edit.text().strip()


def _pick_store(parent: QWidget, current: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("gui.dialogs.preferences", "Choose or create a store"),
        current,
        QCoreApplication.translate(
            "gui.dialogs.preferences", "EditorDesk stores (*.sqlite);;All files (*)"
        ),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return path


def _pick_folder(parent: QWidget, current: str) -> str:
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("gui.dialogs.preferences", "Choose a folder"), current
    )


def _pick_docx(parent: QWidget, current: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("gui.dialogs.preferences", "Choose a reference .docx"),
        current,
        QCoreApplication.translate("gui.dialogs.preferences", "Word documents (*.docx)"),
    )
    return path


class PreferencesDialog(QDialog):
    """Edits a copy of the settings; `settings()` gives the result after accept()."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._original = settings
        self.editor_name = QLineEdit(settings.editor_name, self)
        self.editor_name.setAccessibleName(self.tr("Your name"))
        self.editor_name.setToolTip(
            self.tr(
                "Shown to other editors on your edit locks and saved with each revision; also "
                "the default byline. Empty: your account's full name."
            )
        )
        self.editor_name.setPlaceholderText(account_name())
        self.store = _PathField(
            settings.store,
            _pick_store,
            "Store",
            "A SQLite file, or a database URL such as "
            "postgresql://desk@server/news (empty: the default store)",
            self,
        )
        self.media = _PathField(
            settings.media,
            _pick_folder,
            "Media folder",
            "Where pictures are kept (empty: beside the SQLite file)",
            self,
        )
        self.autosave = QSpinBox(self)
        self.autosave.setRange(1, 600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave.setAccessibleName(self.tr("Autosave interval"))
        self.autosave.setToolTip(self.tr("How often unsaved text is kept safe in the store"))
        self.backups = QSpinBox(self)
        self.backups.setRange(0, 365)
        self.backups.setSpecialValueText(self.tr("none (no daily backups)"))
        self.backups.setSuffix(self.tr(" days"))
        self.backups.setValue(settings.backups_keep)
        self.backups.setAccessibleName(self.tr("Daily backups kept"))
        self.backups.setToolTip(
            self.tr(
                "A SQLite store is backed up, pictures included, the first time it is opened each "
                "day, beside the store file; this many days are kept"
            )
        )
        self.edit_in = QComboBox(self)
        self.edit_in.addItem(self.tr("the visual editor"), "visual")
        self.edit_in.addItem(self.tr("Markdown source"), "source")
        self.edit_in.setCurrentIndex(1 if settings.edits_source() else 0)
        self.edit_in.setAccessibleName(self.tr("Edit stories in"))
        self.edit_in.setToolTip(
            self.tr(
                "How a story's body opens: as it will read, or as Markdown with shortcodes "
                "(View ▸ Markdown source switches any time)"
            )
        )
        self.ui_language = QComboBox(self)
        self.ui_language.addItem(self.tr("As the system"), "")
        for code, name in i18n.LANGUAGES:  # each in its own language, so it can be found
            self.ui_language.addItem(name, code)
        self.ui_language.setCurrentIndex(max(0, self.ui_language.findData(settings.ui_language)))
        self.ui_language.setAccessibleName(self.tr("Language"))
        self.ui_language.setToolTip(
            self.tr(
                "The language of menus, dialogs and dates in the window: the system's, or "
                "one chosen here; a change takes effect at the next start"
            )
        )
        # Applied as it is chosen, so the editor sees it at once; Cancel puts it back.
        self.theme = QComboBox(self)
        for choice in theme.CHOICES:
            words = {
                "system": self.tr("Follow the system"),
                "light": self.tr("Light"),
                "dark": self.tr("Dark"),
            }
            self.theme.addItem(words.get(choice, theme.CHOICE_TEXTS[choice]), choice)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.setToolTip(
            self.tr(
                "The window's colours: as the system's light or dark setting (and following it "
                "when it changes), or always light, or always dark"
            )
        )
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        self.template_dir = _PathField(
            settings.template_dir,
            _pick_folder,
            "Template folder",
            "HTML templates that override the built-in ones",
            self,
        )
        self.reference = _PathField(
            settings.reference_docx,
            _pick_docx,
            "Reference document",
            "A .docx whose styles Word exports use",
            self,
        )
        form = QFormLayout()
        # Each label is linked to its field (QFormLayout does it) and has a letter of its own;
        # O and C are left to OK and Cancel.
        form.addRow(self.tr("Your &name"), self.editor_name)
        form.addRow(self.tr("&Store"), self.store)
        self.store_in_use = plain.plain_label(QLabel(self), _store_in_use(parent))
        self.store_in_use.setAccessibleName(self.tr("Store in use"))
        self.store_in_use.setToolTip(
            self.tr(
                "The store this window works on now (--db or EDITORDESK_DB choose one for a run); "
                "a change above takes effect at the next start"
            )
        )
        self.store_in_use.setWordWrap(True)
        self.store_in_use.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.store_in_use)
        form.addRow(self.tr("&Media folder"), self.media)
        form.addRow(self.tr("&Autosave every"), self.autosave)
        form.addRow(self.tr("Daily &backups kept"), self.backups)
        form.addRow(self.tr("&Edit stories in"), self.edit_in)
        form.addRow(self.tr("&Language"), self.ui_language)
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.tr("&HTML templates"), self.template_dir)
        form.addRow(self.tr("&Word reference"), self.reference)
        # The desk's language and house style live in the store, for every editor.
        self.desk_style = QPushButton(self.tr("Desk spelling and house style…"), self)
        self.desk_style.setAccessibleName(self.tr("Desk spelling and house style"))
        self.desk_style.setToolTip(
            self.tr("The desk's language, acronyms and style file (in the store)")
        )
        self.desk_style.clicked.connect(self.edit_desk_style)
        self.desk_style.setEnabled(getattr(parent, "store", None) is not None)
        form.addRow(self.tr("S&pelling and style"), self.desk_style)
        # The sites stories are published to live in the store too, for every editor.
        self.sites = QPushButton(self.tr("Sites…"), self)
        self.sites.setAccessibleName(self.tr("Sites"))
        self.sites.setToolTip(
            self.tr("The WordPress sites stories are published to (in the store)")
        )
        self.sites.clicked.connect(self.edit_sites)
        self.sites.setEnabled(bool(getattr(parent, "has_store", False)))
        form.addRow(self.tr("P&ublishing"), self.sites)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def _theme_chosen(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, str(self.theme.currentData()))

    def done(self, result: int) -> None:
        """On Cancel (or Escape) the theme goes back to the one the dialog opened with."""
        accepted = result == QDialog.DialogCode.Accepted.value
        app = QApplication.instance()
        if not accepted and self.theme.currentData() != self._original.theme and app is not None:
            theme.apply_theme(app, self._original.theme)
        super().done(result)

    def edit_desk_style(self) -> None:
        from editordesk.gui.dialogs.desk_style import DeskStyleDialog

        store = getattr(self.parent(), "store", None)
        if store is not None:
            DeskStyleDialog(store, self).exec()

    def edit_sites(self) -> QDialog | None:
        """Preferences ▸ Sites…: the same dialog as File ▸ Sites…"""
        from editordesk.gui.dialogs.sites import SitesDialog

        window = self.parent()
        if not getattr(window, "has_store", False):
            return None
        dialog = SitesDialog(window.store, self)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def settings(self) -> Settings:
        return replace(
            self._original,
            editor_name=self.editor_name.text().strip(),
            store=self.store.text(),
            media=self.media.text(),
            autosave_seconds=self.autosave.value(),
            backups_keep=self.backups.value(),
            edit_in=str(self.edit_in.currentData()),
            ui_language=str(self.ui_language.currentData()),
            theme=str(self.theme.currentData()),
            template_dir=self.template_dir.text(),
            reference_docx=self.reference.text(),
        )
