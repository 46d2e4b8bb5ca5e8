"""The picture library window parts: grid, editing panel, import, and the credits report."""

from __future__ import annotations

from editordesk.gui.library.credits import CreditsReportDialog
from editordesk.gui.library.view import LibraryDialog, LibraryView

__all__ = ["CreditsReportDialog", "LibraryDialog", "LibraryView"]
