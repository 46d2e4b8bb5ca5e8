"""The story's preflight findings beside it, kept current as it changes; activating one goes
to the field or body line it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from editordesk.document.preflight import Finding, Severity
from editordesk.gui import plain, theme

MAX_LISTED = 500  # findings listed; a story of unknown words would otherwise list thousands


class PreflightPanel(QWidget):
    """Lists what a desk would reject; errors first, then warnings, each in reading order."""

    finding_activated = Signal(object)  # the Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = plain.plain_label(QLabel(self), self.tr("Checking…"))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Preflight summary"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Preflight findings"))
        self.list.setToolTip(self.tr("Double-click or press Enter on a finding to go to it"))
        self.list.itemActivated.connect(self._activated)
        hint = QLabel(
            self.tr(
                "Double-click a finding to go to it; a picture's credit or alt text "
                "opens its library card."
            ),
            self,
        )
        hint.setWordWrap(True)
        theme.make_secondary(hint)  # quieter than the findings, still 4.5:1
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        self.findings: tuple[Finding, ...] = ()
        self._preflight: tuple[Finding, ...] = ()
        self._language: tuple[Finding, ...] = ()  # spelling and house style: warnings
        self._pasted: tuple[Finding, ...] = ()  # what a paste could not bring in

    def show_findings(self, findings: tuple[Finding, ...]) -> None:
        """The preflight findings (the spelling and style ones stay as they are)."""
        self._preflight = tuple(findings)
        self._render()

    def show_language(self, findings: tuple[Finding, ...]) -> None:
        """The spelling and house-style findings (the preflight ones stay as they are)."""
        self._language = tuple(findings)
        self._render()

    def show_paste_notes(self, notes: list[str]) -> None:
        """What the last paste into the visual editor could not bring in (a remote
        picture, a dropped element), one warning each until the next paste."""
        self._pasted = tuple(
            Finding(Severity.WARNING, note, "body", kind="paste") for note in notes
        )
        self._render()

    def _render(self) -> None:
        findings = self._preflight + self._language + self._pasted
        self.findings = findings
        self.list.setUpdatesEnabled(False)  # one repaint, however many findings
        self.list.clear()
        style = self.style()
        icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        ordered = sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
        hidden = max(0, len(ordered) - MAX_LISTED)
        for finding in ordered[:MAX_LISTED]:
            place = f"line {finding.line}" if finding.line else finding.field
            if finding.word and finding.kind != "preflight":
                place = f"{place}: {finding.word}"
            if finding.index is not None:
                place = f"related link {finding.index + 1}"
            # A finding quotes the story (a link, a file name): shown as written.
            item = QListWidgetItem(
                icons[finding.severity], plain.shorten(f"{finding.message}  ({place})", 500)
            )
            item.setData(Qt.ItemDataRole.UserRole, finding)
            item.setToolTip(
                plain.safe_tooltip(f"{finding.severity.value.capitalize()}: {finding.message}")
            )
            self.list.addItem(item)
        if hidden:
            more = QListWidgetItem(
                self.tr("… and %n more (fix these, or add words to a dictionary)", "", hidden)
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)
        self.list.setUpdatesEnabled(True)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        if not findings:
            self.summary.setText(self.tr("Ready for export: nothing a desk would reject."))
        else:
            parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
            if warnings:
                parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
            tail = (
                " — exports stop until the errors are fixed."
                if errors
                else " Warnings never stop an export."
            )
            self.summary.setText(", ".join(parts) + ("" if errors else ".") + tail)

    def _activated(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(Qt.ItemDataRole.UserRole))
