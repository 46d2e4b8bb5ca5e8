"""The desk's spelling settings and house style, kept in the store for every editor: the
desk's language, whether acronyms are checked, and the style file (YAML) with import,
export and the shipped sample."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import plain

if TYPE_CHECKING:
    from editordesk.store.db import Store


class DeskStyleDialog(QDialog):
    """Edits the desk's language, acronyms and style; Save writes them to the store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from editordesk.services import spelling, style

        self.store = store
        self.setWindowTitle(self.tr("Desk spelling and house style"))
        with store.read() as session:
            language = spelling.desk_language(session)
            acronyms = spelling.checks_acronyms(session)
            text = style.desk_style_text(session)
        self.language = QComboBox(self)
        self.language.setEditable(True)
        self.language.setAccessibleName(self.tr("Desk's language"))
        self.language.setToolTip(self.tr("The language of stories that do not choose their own"))
        self.language.addItems(spelling.installed_languages())
        self.language.setEditText(language)
        self.acronyms = QCheckBox(self.tr("Check all-capital words (&acronyms) too"), self)
        self.acronyms.setAccessibleName(self.tr("Check acronyms"))
        self.acronyms.setToolTip(self.tr("Off: words in capitals such as NATO are never flagged"))
        self.acronyms.setChecked(acronyms)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("House style (YAML)"))
        self.text.setToolTip(
            self.tr(
                "preferred, avoid, numbers, names, headline_max, standfirst_max: "
                "see the sample for each"
            )
        )
        plain.set_plain_text(self.text, text)
        self.problem = plain.plain_label(QLabel(self))
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Style problem"))
        row = QHBoxLayout()
        for label, slot, tip in (
            (self.tr("&Import…"), self.import_file, self.tr("Replace the text with a style file")),
            (self.tr("&Export…"), self.export_file, self.tr("Save the text as a style file")),
            (
                self.tr("Sa&mple"),
                self.load_sample,
                self.tr("Start again from the shipped sample style"),
            ),
        ):
            button = QPushButton(label, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Desk's &language"), self.language)
        form.addRow("", self.acronyms)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        house = QLabel(self.tr("House st&yle:"), self)
        house.setBuddy(self.text)
        layout.addWidget(house)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def save(self) -> bool:
        """Check and store everything; a problem is shown and nothing is stored."""
        from editordesk.services import spelling, style

        try:
            with self.store.write() as session:
                spelling.set_desk_language(session, self.language.currentText())
                spelling.set_checks_acronyms(session, self.acronyms.isChecked())
                style.set_desk_style(session, self.text.toPlainText())
        except EditorDeskError as exc:
            plain.set_plain(self.problem, str(exc))
            return False
        self.accept()
        return True

    def load_sample(self) -> None:
        from editordesk.services.style import sample_style_text

        plain.set_plain_text(self.text, sample_style_text())

    def import_file(self, path: str | None = None) -> None:
        from editordesk.document.style import parse_style

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import a house style"),
                "",
                self.tr("Style files (*.yaml *.yml);;All files (*)"),
            )
        if not path:
            return
        try:
            data = Path(path).read_bytes()[: 256 * 1024 + 1]
            text = data.decode("utf-8")
            parse_style(text)
        except (OSError, UnicodeDecodeError) as exc:
            plain.set_plain(
                self.problem, self.tr("{0}: cannot be read ({1})").format(Path(path).name, exc)
            )
            return
        except EditorDeskError as exc:
            plain.set_plain(self.problem, f"{Path(path).name}: {exc}")
            return
        self.problem.clear()
        plain.set_plain_text(self.text, text)

    def export_file(self, path: str | None = None) -> None:
        from editordesk.files import write_atomic

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export the house style"),
                "house-style.yaml",
                self.tr("Style files (*.yaml)"),
            )
        if not path:
            return
        try:
            write_atomic(Path(path), self.text.toPlainText().encode("utf-8"))
        except OSError as exc:
            plain.set_plain(
                self.problem, self.tr("{0}: cannot be written ({1})").format(Path(path).name, exc)
            )
