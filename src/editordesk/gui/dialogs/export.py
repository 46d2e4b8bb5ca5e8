"""Exporting from the window: choose the format and where, then watch the stories go out
with a progress bar that can be cancelled, and read the summary at the end."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import plain
from editordesk.gui.workers import run_in_background
from editordesk.services.exporting import ExportOptions, ExportResult, Outcome, export_stories
from editordesk.store.db import Store

FORMATS = (
    ("html", "Web page (HTML)", "A whole page with its pictures beside it"),
    ("fragment", "HTML fragment for a CMS", "The story's HTML without <html> and <head>"),
    ("docx", "Word document (.docx)", "Styled by the reference document"),
    ("md", "Markdown for Hugo", "A page bundle: <slug>/index.md with its pictures"),
)


class ExportDialog(QDialog):
    """Where and how; `options()`, `format_name()` and `folder()` after accept()."""

    def __init__(
        self,
        count: int,
        *,
        folder: str = "",
        template_dir: str = "",
        reference: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export %n story(s)", "", count))
        self.group = QButtonGroup(self)
        kinds = QVBoxLayout()
        self.radios: dict[str, QRadioButton] = {}
        for key, text, tip in FORMATS:
            radio = QRadioButton(text, self)
            radio.setAccessibleName(text)
            radio.setToolTip(tip)
            self.group.addButton(radio)
            self.radios[key] = radio
            kinds.addWidget(radio)
        self.radios["html"].setChecked(True)
        # The formats in a box of their own, so the Format label has a field to go to: the
        # chosen format (Up and Down choose another).
        self.kinds = QWidget(self)
        self.kinds.setLayout(kinds)
        kinds.setContentsMargins(0, 0, 0, 0)
        self.destination = self._path_row(
            folder, "Export folder", "Where the files go", self._pick_folder
        )
        self.template = self._path_row(
            template_dir,
            "Template folder",
            "HTML templates that override the built-in ones (empty: the built-in ones)",
            self._pick_template,
        )
        self.reference = self._path_row(
            reference,
            "Reference document",
            "A .docx whose styles the Word export uses (empty: EditorDesk's)",
            self._pick_reference,
        )
        self.embed = QCheckBox(self.tr("Put pictures inside the page (data: URIs)"), self)
        self.force = QCheckBox(self.tr("Export even if preflight finds errors"), self)
        self.open_after = QCheckBox(self.tr("Open the folder afterwards"), self)
        self.open_after.setChecked(True)
        for box, tip in (
            (self.embed, self.tr("One self-contained HTML file per story")),
            (self.force, self.tr("Normally a story a desk would reject is skipped")),
            (self.open_after, self.tr("Show the exported files when done")),
        ):
            box.setAccessibleName(box.text())
            box.setToolTip(tip)
        self.problem = plain.plain_label(QLabel(self))
        form = QFormLayout()
        form.addRow(self.tr("&Format"), self.kinds)
        form.addRow(self.tr("Fol&der"), self.destination[0])
        form.addRow(self.tr("&HTML templates"), self.template[0])
        form.addRow(self.tr("&Word reference"), self.reference[0])
        form.addRow("", self.embed)
        form.addRow("", self.force)
        form.addRow("", self.open_after)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self._update()
        self.resize(600, self.sizeHint().height())

    def _path_row(self, text: str, name: str, tip: str, pick) -> tuple[QWidget, QLineEdit]:
        box = QWidget(self)
        edit = QLineEdit(text, box)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        button = QPushButton(self.tr("Browse…"), box)
        button.setAccessibleName(self.tr("Browse for the {0}").format(name.lower()))
        button.setToolTip(self.tr("Choose the {0}").format(name.lower()))
        button.clicked.connect(pick)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        box.setFocusProxy(edit)  # its label's letter goes to the path
        return box, edit

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Export into"), self.destination[1].text()
        )
        if path:
            self.destination[1].setText(path)

    def _pick_template(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("HTML templates"), self.template[1].text()
        )
        if path:
            self.template[1].setText(path)

    def _pick_reference(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Reference document"), self.reference[1].text(), self.tr("Word (*.docx)")
        )
        if path:
            self.reference[1].setText(path)

    def _update(self) -> None:
        name = self.selected()
        self.kinds.setFocusProxy(self.radios[name])
        self.template[0].setEnabled(name in ("html", "fragment"))
        self.embed.setEnabled(name in ("html", "fragment"))
        self.reference[0].setEnabled(name == "docx")

    def selected(self) -> str:
        return next(key for key, radio in self.radios.items() if radio.isChecked())

    def format_name(self) -> str:
        return "html" if self.selected() == "fragment" else self.selected()

    def folder(self) -> Path:
        return Path(self.destination[1].text().strip()).expanduser()

    def options(self) -> ExportOptions:
        html = self.selected() in ("html", "fragment")
        template = self.template[1].text().strip()
        reference = self.reference[1].text().strip()
        return ExportOptions(
            fragment=self.selected() == "fragment",
            template_dir=Path(template) if html and template else None,
            embed_images=html and self.embed.isChecked(),
            reference=Path(reference) if self.selected() == "docx" and reference else None,
            force=self.force.isChecked(),
        )

    def accept(self) -> None:
        if not self.destination[1].text().strip():
            plain.set_plain(self.problem, self.tr("Choose the folder to export into."))
            return
        super().accept()


@dataclass
class BatchReport:
    """What a batch did, for the summary."""

    results: list[ExportResult] = field(default_factory=list)
    cancelled: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def summary(self) -> str:
        parts = [
            f"Exported {self.count(Outcome.EXPORTED)}",
            f"skipped by preflight {self.count(Outcome.SKIPPED)}",
            f"failed {self.count(Outcome.FAILED)}",
        ]
        if self.cancelled:
            parts.append(f"not exported (cancelled) {self.cancelled}")
        return ", ".join(parts) + "."

    def details(self) -> str:
        lines = []
        for r in self.results:
            if r.outcome is Outcome.EXPORTED:
                lines.append(f"✓ story {r.story_id}: {r.path}")
            elif r.outcome is Outcome.SKIPPED:
                lines.append(
                    f"✗ story {r.story_id}: skipped — "
                    + "; ".join(str(f) for f in r.findings if f.severity.value == "error")
                )
            else:
                lines.append(f"✗ story {r.story_id}: {r.error}")
        return "\n".join(lines)


class _Relay(QObject):
    """Carries progress from the worker to the UI thread, waiting until the window has seen
    it, so a Cancel pressed on story 2 stops story 3 from starting."""

    progress = Signal(int, int, str)


class BatchExport(QObject):
    """Runs one export of many stories off the UI thread, with a cancellable progress dialog;
    `finished` carries the BatchReport."""

    finished = Signal(object)
    advanced = Signal(int)  # stories done so far, after the progress dialog shows it

    def __init__(
        self,
        store: Store,
        ids: list[int],
        format_name: str,
        folder: Path,
        options: ExportOptions,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ids = ids
        self.stop = threading.Event()
        self.dialog = QProgressDialog("Exporting…", "Cancel", 0, len(ids), parent)
        # The label names each story as it goes: plain text, whatever the story is called.
        self.dialog.setLabel(plain.plain_label(QLabel(), self.tr("Exporting…")))
        self.dialog.setWindowTitle(self.tr("Exporting"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setAccessibleName(self.tr("Export progress"))
        self.dialog.canceled.connect(self.stop.set)
        self.relay = _Relay()
        self.relay.progress.connect(self._progress, Qt.ConnectionType.BlockingQueuedConnection)

        def work() -> list[ExportResult]:
            return export_stories(
                store,
                ids,
                format_name,
                folder,
                options,
                progress=lambda done, total, what: self.relay.progress.emit(done, total, what),
                cancelled=self.stop.is_set,
            )

        run_in_background(work, on_done=self._done, on_error=self._failed, owner=self)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, what: str) -> None:
        self.dialog.setValue(done)
        self.advanced.emit(done)
        what = plain.shorten(what, 200)
        self.dialog.setLabelText(
            f"Exporting {min(done + 1, total)} of {total}: {what}" if done < total else "Finishing…"
        )

    def _done(self, results: list[ExportResult]) -> None:
        self.dialog.close()
        self.finished.emit(BatchReport(results, cancelled=len(self.ids) - len(results)))

    def _failed(self, exc: Exception) -> None:
        self.dialog.close()
        report = BatchReport()
        report.results.append(
            ExportResult(self.ids[0] if self.ids else 0, Outcome.FAILED, error=str(exc))
        )
        self.finished.emit(report)


def show_report(parent: QWidget, report: BatchReport, folder: Path, open_folder: bool) -> None:
    """The summary at the end of a batch, with the details a click away."""
    failed = report.count(Outcome.FAILED)
    icon = QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information
    # The details quote stories' errors and paths: message_box shows them as written.
    box = plain.message_box(
        parent,
        icon,
        QCoreApplication.translate("gui.dialogs.export", "Export finished"),
        report.summary(),
        details=report.details(),
    )
    box.exec()
    if open_folder and report.count(Outcome.EXPORTED):
        open_export_folder(parent, folder)


def open_export_folder(parent: QWidget, folder: Path) -> bool:
    """Show the folder in the desktop's file manager; where the desktop has none to open it
    with, say where the files are (the path can be selected and copied)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    box = plain.message_box(
        parent,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("gui.dialogs.export", "The exported files"),
        QCoreApplication.translate("gui.dialogs.export", "The files are in {0}").format(folder),
        QCoreApplication.translate(
            "gui.dialogs.export",
            "This desktop has no program set to open folders, so it could not be shown.",
        ),
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return False
