"""Backups of a whole store, its media included, and restoring one.

A backup is a folder (or the same contents in one .zip file) holding `manifest.json`, the
database and a `media/` folder:

- a SQLite store is copied with SQLite's online backup API, so a backup taken while a window
  is saving is still one consistent moment of the store (`sqlite.py`);
- a PostgreSQL store is dumped with `pg_dump` and restored through `pg_restore` and `psql`,
  which must be installed (`postgres.py`);
- media files are kept by content hash and never change once written, so a folder backup
  hard-links them where the disk allows: a daily backup of a large library costs little more
  than its database. Only regular files are copied; links are skipped, never followed.

Everything is written under a temporary name and renamed into place last, so a backup that
was interrupted is never mistaken for a whole one. A restore holds the store for its whole
run (others are told it is being restored), checks the backup completely before touching
anything, refuses to overwrite a store that holds anything unless asked to, and then keeps
the old store aside first; it swaps the database, then the pictures, and puts everything
back if a step fails.
"""

from __future__ import annotations

from editordesk.services.backup.archive import Progress
from editordesk.services.backup.daily import (
    DAILY_PREFIX,
    daily_backup,
    daily_backup_or_warning,
    daily_folder,
    prune_daily,
)
from editordesk.services.backup.manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA,
    PG_NAME,
    SQLITE_NAME,
    BackupInfo,
    Manifest,
    RestoreResult,
    read_manifest,
)
from editordesk.services.backup.operations import (
    check_backup,
    create_backup,
    default_backup_name,
    engine_for,
    looks_like_backup,
    restore_backup,
)

__all__ = [
    "DAILY_PREFIX",
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "MEDIA",
    "PG_NAME",
    "SQLITE_NAME",
    "BackupInfo",
    "Manifest",
    "Progress",
    "RestoreResult",
    "check_backup",
    "create_backup",
    "daily_backup",
    "daily_backup_or_warning",
    "daily_folder",
    "default_backup_name",
    "engine_for",
    "looks_like_backup",
    "prune_daily",
    "read_manifest",
    "restore_backup",
]
