"""Picture import as the library window shows it: the file dialog's filter and the message
naming each file that could not be imported. The import itself is a service
(services/picture_import.py); its names are passed on here for the library's views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from editordesk.services.picture_import import (
    ImportOutcome,
    expand_paths,
    import_pictures,
)

import_paths = import_pictures  # the library view's name for it

__all__ = ["FILE_FILTER", "ImportOutcome", "expand_paths", "import_paths", "problems_text"]

FILE_FILTER = "Pictures (*.jpg *.jpeg *.png *.webp *.gif);;All files (*)"


def problems_text(outcome: ImportOutcome, shown: int = 15) -> tuple[str, str]:
    """(the message, the full list for "Show details") naming each file and its problem."""
    bad = len(outcome.problems)
    good = len(outcome.records)
    if good:
        head = QCoreApplication.translate(
            "PictureImport", "{0} of {1} files could not be imported."
        ).format(bad, outcome.asked)
        head += " " + (
            QCoreApplication.translate("PictureImport", "The other one is in the library.")
            if good == 1
            else QCoreApplication.translate(
                "PictureImport", "The other %n are in the library.", "", good
            )
        )
    else:
        head = (
            QCoreApplication.translate("PictureImport", "The file could not be imported.")
            if bad == 1
            else QCoreApplication.translate(
                "PictureImport", "None of the %n files could be imported.", "", bad
            )
        )
    lines = [f"• {_naming(name, reason)}" for name, reason in outcome.problems]
    body = lines[:shown]
    if len(lines) > shown:
        more = len(lines) - shown
        body.append(
            QCoreApplication.translate("PictureImport", "…and %n more (see the details).", "", more)
        )
    return head + "\n\n" + "\n".join(body), "\n".join(lines)


def _naming(name: str, reason: str) -> str:
    """The reason, starting with the file's name (most core messages already do)."""
    return reason if reason.startswith(name) else f"{name}: {reason}"
