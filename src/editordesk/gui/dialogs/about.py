"""About EditorDesk: the version, what it is, and the licences of every part an installer
bundles, read from the installed metadata so the dialog tells what is really there."""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui.safe_browser import SafeBrowser

DESCRIPTION = (
    "A desktop editorial workstation: drafts, image credits, tweet embeds and related links "
    "in one store, exported to HTML, Word and Markdown."
)
QT_SOURCE = "https://download.qt.io"
PYSIDE_SOURCE = "https://code.qt.io/pyside/pyside-setup.git"
LGPL_TEXT = "https://www.gnu.org/licenses/lgpl-3.0.html"
GPL_TEXT = "https://www.gnu.org/licenses/gpl-3.0.html"
NOTICES = ("licenses", "THIRD-PARTY-NOTICES.txt")


@dataclass(frozen=True)
class Part:
    """One bundled component: its distribution name, how to show it, and a fallback licence."""

    dist: str
    label: str
    licence: str
    optional: bool = False


# The fallback is shown when a library's metadata names no licence or only a family
# ("BSD License"); the metadata wins otherwise, so an upgrade that changes licence shows.
PARTS = (
    Part("PySide6-Essentials", "Qt for Python (PySide6)", "LGPL-3.0-only"),
    Part("shiboken6", "shiboken6", "LGPL-3.0-only"),
    Part("SQLAlchemy", "SQLAlchemy", "MIT"),
    Part("alembic", "Alembic", "MIT"),
    Part("Mako", "Mako", "MIT"),
    Part("Jinja2", "Jinja2", "BSD-3-Clause"),
    Part("MarkupSafe", "MarkupSafe", "BSD-3-Clause"),
    Part("python-docx", "python-docx", "MIT"),
    Part("lxml", "lxml", "BSD-3-Clause"),
    Part("markdown-it-py", "markdown-it-py", "MIT"),
    Part("mdurl", "mdurl", "MIT"),
    Part("nh3", "nh3", "MIT"),
    Part("Pillow", "Pillow", "MIT-CMU"),
    Part("PyYAML", "PyYAML", "MIT"),
    Part("platformdirs", "platformdirs", "MIT"),
    Part("typing_extensions", "typing_extensions", "PSF-2.0"),
    Part("psycopg", "psycopg", "LGPL-3.0-only", optional=True),
    Part("psycopg-binary", "psycopg-binary (libpq)", "LGPL-3.0-only", optional=True),
)
# Trove classifiers that name only a family of licences, too vague to show over the table.
VAGUE = {"BSD License", "BSD", "OSI Approved", "Other/Proprietary License", "UNKNOWN"}
CLASSIFIER_SPDX = {
    "MIT License": "MIT",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
}


@dataclass(frozen=True)
class Installed:
    """A part as found in this installation."""

    label: str
    version: str
    licence: str


def licence_from_metadata(meta: metadata.PackageMetadata) -> str | None:
    """The SPDX expression, else a one-line License field, else a licence classifier."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 60 and field not in VAGUE:
        return field
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            name = classifier.rsplit(" :: ", 1)[-1]
            if name not in VAGUE:
                return CLASSIFIER_SPDX.get(name, name)
    return None


def installed_parts() -> list[Installed]:
    """Each bundled library that is present, with its version and licence."""
    found = []
    for part in PARTS:
        try:
            meta = metadata.metadata(part.dist)
        except metadata.PackageNotFoundError:
            if not part.optional:
                found.append(Installed(part.label, "not found", part.licence))
            continue
        licence = licence_from_metadata(meta) or part.licence
        found.append(Installed(part.label, meta.get("Version") or "?", licence))
    return found


def qt_notice() -> str:
    """The LGPL notice for Qt and PySide6, as rich text."""
    return (
        f"<p>EditorDesk uses the Qt libraries (Qt {html.escape(qVersion())}) and Qt for "
        f"Python (PySide6 {html.escape(pyside_version)}), © The Qt Company Ltd. and other "
        "contributors, under the terms of the GNU Lesser General Public License version 3 "
        f'(<a href="{LGPL_TEXT}">LGPL v3</a>). They are unmodified and dynamically linked: '
        "you may replace the Qt libraries in this installation with your own builds of the "
        "same release.</p>"
        f'<p>The source code of Qt is available from <a href="{QT_SOURCE}">{QT_SOURCE}</a>, '
        f'and that of PySide6 from <a href="{PYSIDE_SOURCE}">{PYSIDE_SOURCE}</a>.</p>'
    )


def _notices_text() -> str:
    from editordesk.assets import resource

    try:
        return resource(*NOTICES).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return QCoreApplication.translate(
            "AboutDialog", "The notices file is missing from this installation; see {0}."
        ).format(GPL_TEXT)


class AboutDialog(QDialog):
    """The version and the licences of EditorDesk and everything bundled with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from editordesk import __version__

        self.setWindowTitle(self.tr("About EditorDesk"))
        self.resize(620, 520)
        self.version = __version__

        heading = QLabel(self.tr("<h2>EditorDesk {0}</h2>").format(html.escape(__version__)), self)
        heading.setAccessibleName(self.tr("EditorDesk version"))
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        icon = QLabel(self)
        window_icon = parent.windowIcon() if parent is not None else self.windowIcon()
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        description = QLabel(DESCRIPTION, self)
        description.setWordWrap(True)

        self.about_view = self._browser(
            "About",
            f"<p>{html.escape(DESCRIPTION)}</p>"
            "<p>EditorDesk is free software under the GNU General Public License, version 3 "
            f'or (at your option) any later version (<a href="{GPL_TEXT}">GPL-3.0-or-later'
            "</a>). It comes with no warranty.</p>"
            f"<p>Python {html.escape(sys.version.split()[0])}</p>" + qt_notice(),
        )
        self.licences_view = self._browser("Licences", self._licence_table())
        self.notices_view = SafeBrowser(self)
        self.notices_view.setAccessibleName(self.tr("Third-party notices"))
        self.notices_view.setPlainText(_notices_text())

        self.tabs = QTabWidget(self)
        self.tabs.tabBar().setAccessibleName(self.tr("About EditorDesk's pages"))
        self.tabs.addTab(self.about_view, self.tr("&About"))
        self.tabs.addTab(self.licences_view, self.tr("&Licences"))
        self.tabs.addTab(self.notices_view, self.tr("&Notices"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(description)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _browser(self, name: str, rich_text: str) -> SafeBrowser:
        view = SafeBrowser(self)  # our own page; it opens web links, and no file
        view.setAccessibleName(name)
        view.setOpenLinks(True)
        view.setOpenExternalLinks(True)
        view.setHtml(rich_text)
        return view

    def _licence_table(self) -> str:
        from editordesk import __version__

        rows = [Installed("EditorDesk", __version__, "GPL-3.0-or-later")]
        rows.append(Installed("Qt", qVersion(), "LGPL-3.0-only"))
        rows += installed_parts()
        rows.append(Installed("Python", sys.version.split()[0], "PSF-2.0"))
        cells = "".join(
            f"<tr><td>{html.escape(r.label)}</td><td>{html.escape(r.version)}</td>"
            f"<td>{html.escape(r.licence)}</td></tr>"
            for r in rows
        )
        return (
            "<table cellpadding='3'><tr><th align='left'>Part</th><th align='left'>Version"
            f"</th><th align='left'>Licence</th></tr>{cells}</table>"
            "<p>Qt and PySide6 are offered under the LGPL v3, GPL v2 and GPL v3; EditorDesk "
            "uses them under the LGPL v3. The full texts and each library's notice are under "
            "the Notices tab.</p>"
        )
