"""The automatic daily backups of a SQLite store, kept beside it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from editordesk.errors import EditorDeskError
from editordesk.services.backup.archive import clean_leftovers
from editordesk.services.backup.operations import create_backup
from editordesk.store.location import StoreLocation

DAILY_PREFIX = "daily-"
_DAILY = re.compile(r"daily-(\d{4}-\d{2}-\d{2})")


def daily_folder(location: StoreLocation) -> Path | None:
    """Where the automatic backups of a SQLite store go: `news.sqlite` -> `news-backups/`."""
    path = location.sqlite_path
    return path.with_name(f"{path.stem}-backups") if path else None


def daily_backup(
    location: StoreLocation, keep: int, *, today: dt.date | None = None
) -> Path | None:
    """Today's automatic backup of a SQLite store, if there is none yet; keeps the newest
    `keep` (0 turns them off). Cheap when today's exists: one look at a folder."""
    folder = daily_folder(location)
    path = location.sqlite_path
    if keep <= 0 or folder is None or path is None or not path.is_file():
        return None
    day = today or dt.datetime.now().astimezone().date()
    target = folder / f"{DAILY_PREFIX}{day.isoformat()}"
    if target.exists():
        return None
    create_backup(location, target)
    prune_daily(folder, keep)
    return target


def daily_backup_or_warning(location: StoreLocation, keep: int) -> str | None:
    """`daily_backup` for the window's start: a failure is returned as a sentence to show or
    log, never raised, because it must not keep the store from opening."""
    try:
        daily_backup(location, keep)
    except (EditorDeskError, OSError) as exc:
        return f"today's automatic backup of the store could not be made: {exc}"
    return None


def prune_daily(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` daily backups, and leftovers of interrupted ones."""
    removed = []
    backups = sorted(
        (p for p in folder.iterdir() if _DAILY.fullmatch(p.name) and p.is_dir()),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in backups[max(keep, 1) :]:
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    for leftover in folder.glob(f".{DAILY_PREFIX}*.partial"):
        shutil.rmtree(leftover, ignore_errors=True)
    removed += clean_leftovers(folder)
    return removed
