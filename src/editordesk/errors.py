"""Typed errors the core raises and the CLI and GUI turn into messages.

Every error carries a sentence an editor can act on; callers never need to parse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class EditorDeskError(Exception):
    """Base of every error the core raises on purpose."""


class StoreError(EditorDeskError):
    """The store cannot be opened or used."""


class NewerStoreError(StoreError):
    """The store was written by a newer EditorDesk; it is left untouched."""


class NotFoundError(EditorDeskError):
    """A story, revision or image that was asked for does not exist."""


class ValidationError(EditorDeskError):
    """A value an editor gave is not acceptable (status, slug, URL...)."""


class ConflictError(EditorDeskError):
    """A save was made from a stale copy: someone else saved first."""

    def __init__(self, story_id: int, base_version: int, current_version: int) -> None:
        self.story_id = story_id
        self.base_version = base_version
        self.current_version = current_version
        super().__init__(
            f"story {story_id} was changed by someone else since you opened it "
            f"(your copy is version {base_version}, the store has version {current_version}); "
            "nothing was overwritten"
        )


@dataclass
class InputProblem:
    """Where a problem in an input file is."""

    path: Path | None = None
    line: int | None = None

    def prefix(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


class InputError(EditorDeskError):
    """A file being imported cannot be used; nothing of it is stored."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(InputProblem(path, line).prefix() + message)

    def at(self, path: Path, line_offset: int = 0) -> InputError:
        """The same problem, placed in a file (line numbers shifted by `line_offset`)."""
        line = self.line + line_offset if self.line is not None else None
        return InputError(self.message, path, line)
