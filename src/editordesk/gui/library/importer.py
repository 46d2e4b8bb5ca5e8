"""Bringing picture files into the library from the window: one store action per file, so
one bad file never keeps the good ones out, and every problem comes back as a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editordesk.errors import EditorDeskError

if TYPE_CHECKING:
    from editordesk.model import ImageRecord
    from editordesk.store.db import Store

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
MAX_FOLDER_FILES = 5000  # a dropped folder: enough for any assignment, not a whole disk
FILE_FILTER = "Pictures (*.jpg *.jpeg *.png *.webp *.gif);;All files (*)"


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the pictures now in the library (new or already there), and for
    each file that could not be used, its name and the reason."""

    records: tuple[ImageRecord, ...]
    problems: tuple[tuple[str, str], ...]
    asked: int

    def summary(self) -> str:
        done = len(self.records)
        noun = "picture" if done == 1 else "pictures"
        if not self.problems:
            return f"{done} {noun} in the library"
        return f"{done} {noun} in the library; {len(self.problems)} not imported"


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives the pictures inside it (and its subfolders), by name."""
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in PICTURE_SUFFIXES and not p.name.startswith(".")
            )[:MAX_FOLDER_FILES]
            candidates = [p for p in found if p.is_file()]
        else:
            candidates = [path]
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                out.append(candidate)
    return out


def import_paths(
    store: Store,
    paths: Sequence[Path],
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportOutcome:
    """Runs on a worker: import each file in its own store action."""
    from sqlalchemy.exc import SQLAlchemyError

    from editordesk.gui.library.model import describe_error
    from editordesk.services.library import import_image_file

    files = expand_paths(paths)
    records: list[ImageRecord] = []
    problems: list[tuple[str, str]] = []
    for number, path in enumerate(files, 1):
        if progress is not None:
            progress(number - 1, len(files), path.name)
        try:
            with store.write() as session:
                records.append(import_image_file(session, store.media, path))
        except EditorDeskError as exc:
            problems.append((path.name, str(exc)))
        except (SQLAlchemyError, OSError) as exc:
            problems.append((path.name, describe_error(exc, f"{path.name} was not stored")))
    if progress is not None and files:
        progress(len(files), len(files), "")
    unique = {record.id: record for record in records}  # the same picture dropped twice
    return ImportOutcome(tuple(unique.values()), tuple(problems), len(files))


def problems_text(outcome: ImportOutcome, shown: int = 15) -> tuple[str, str]:
    """(the message, the full list for "Show details") naming each file and its problem."""
    bad = len(outcome.problems)
    good = len(outcome.records)
    if good:
        head = (
            f"{bad} of {outcome.asked} files could not be imported. "
            f"The other {good} {'is' if good == 1 else 'are'} in the library."
        )
    else:
        head = (
            "The file could not be imported."
            if bad == 1
            else f"None of the {bad} files could be imported."
        )
    lines = [f"• {_naming(name, reason)}" for name, reason in outcome.problems]
    body = lines[:shown]
    if len(lines) > shown:
        body.append(f"…and {len(lines) - shown} more (see the details).")
    return head + "\n\n" + "\n".join(body), "\n".join(lines)


def _naming(name: str, reason: str) -> str:
    """The reason, starting with the file's name (most core messages already do)."""
    return reason if reason.startswith(name) else f"{name}: {reason}"
