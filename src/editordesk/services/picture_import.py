"""Bringing picture files into the library: one store action per file, so one bad file never
keeps the good ones out, and every problem comes back as a sentence naming the file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from editordesk.errors import EditorDeskError
from editordesk.model import ImageRecord
from editordesk.services.library import import_image_file
from editordesk.store.db import Store

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
MAX_FOLDER_FILES = 5000  # a dropped folder: enough for any assignment, not a whole disk


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


def import_pictures(
    store: Store,
    paths: Sequence[Path],
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportOutcome:
    """Import each file (a folder: the pictures in it) in its own store action; `progress`
    hears (done, total, the file's name) before each file and once at the end."""
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
            problems.append((path.name, _reason(exc, f"{path.name} was not stored")))
    if progress is not None and files:
        progress(len(files), len(files), "")
    unique = {record.id: record for record in records}  # the same picture dropped twice
    return ImportOutcome(tuple(unique.values()), tuple(problems), len(files))


def _reason(exc: SQLAlchemyError | OSError, doing: str) -> str:
    """A sentence: the database's or the system's own reason, never a traceback."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return f"{doing}: {str(exc.orig).strip() or type(exc.orig).__name__}"
    if isinstance(exc, SQLAlchemyError):
        return f"{doing}: {type(exc).__name__}"
    return f"{doing}: {exc.strerror or exc}"
