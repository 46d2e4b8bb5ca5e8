"""What a backup says about itself: the typed manifest, and what backups and restores return."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editordesk.errors import StoreError

FORMAT = "editordesk-backup"
FORMAT_VERSION = 1  # fields added since (sizes, media) are optional: old backups still restore
MANIFEST = "manifest.json"
SQLITE_NAME = "store.sqlite"
PG_NAME = "store.pgdump"
MEDIA = "media"
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # a listing of millions of pictures, not more


@dataclass(frozen=True)
class Manifest:
    """The contents of `manifest.json`.

    `database_size` and `media` (each picture's path inside `media/` and its size) let a
    restore check that every byte the backup was made with is there before touching
    anything; backups made before they existed carry None and are checked by count."""

    engine: str  # "sqlite" or "postgresql"
    database: str  # the database file's name in the backup
    schema: str | None  # the store's schema revision when it was backed up
    created: str  # ISO 8601
    stories: int
    media_files: int
    missing_media: tuple[str, ...] = ()
    source: str = ""
    database_size: int | None = None
    media: tuple[tuple[str, int], ...] | None = None
    skipped: tuple[str, ...] = field(default=(), compare=False)  # not written, only reported

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": self.created,
            "engine": self.engine,
            "database": self.database,
            "schema": self.schema,
            "stories": self.stories,
            "media_files": self.media_files,
            "missing_media": list(self.missing_media),
            "source": self.source,
        }
        if self.database_size is not None:
            data["database_size"] = self.database_size
        if self.media is not None:
            data["media"] = {name: size for name, size in self.media}
        return data

    @classmethod
    def from_json(cls, data: object, where: Path) -> Manifest:
        """A manifest read from `where`, each field checked for its type."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreError(f"{where} is not an EditorDesk backup")
        if data.get("version") != FORMAT_VERSION:
            raise StoreError(
                f"the backup {where} is in format {data.get('version')!r}, which this "
                "EditorDesk does not read; restore it with the EditorDesk that made it"
            )

        def bad(name: str) -> StoreError:
            return StoreError(f"the backup {where} has a damaged {MANIFEST}: {name!r} is wrong")

        def count(name: str, value: object) -> int:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise bad(name)
            return value

        engine = data.get("engine")
        if engine not in ("sqlite", "postgresql"):
            raise bad("engine")
        schema = data.get("schema")
        if schema is not None and not isinstance(schema, str):
            raise bad("schema")
        missing = data.get("missing_media") or []
        if not isinstance(missing, list) or not all(isinstance(m, str) for m in missing):
            raise bad("missing_media")
        media_json = data.get("media")
        media = None
        if media_json is not None:
            if not isinstance(media_json, dict):
                raise bad("media")
            media = tuple(
                (str(name), count("media", size)) for name, size in sorted(media_json.items())
            )
        size = data.get("database_size")
        default_db = SQLITE_NAME if engine == "sqlite" else PG_NAME
        return cls(
            engine=engine,
            database=str(data.get("database") or default_db),
            schema=schema,
            created=str(data.get("created", "")),
            stories=count("stories", data.get("stories", 0) or 0),
            media_files=count("media_files", data.get("media_files", 0) or 0),
            missing_media=tuple(missing),
            source=str(data.get("source", "")),
            database_size=None if size is None else count("database_size", size),
            media=media,
        )


def write_manifest(folder: Path, manifest: Manifest) -> None:
    with (folder / MANIFEST).open("w", encoding="utf-8") as fh:
        json.dump(manifest.to_json(), fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a backup folder; a folder without one was never a whole backup."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise StoreError(f"the backup {folder} has a {MANIFEST} that is not a regular file")
        if path.exists() and path.stat().st_size > MAX_MANIFEST_BYTES:
            raise StoreError(f"the backup {folder} has a {MANIFEST} too large to be one")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(
            f"{folder} is not an EditorDesk backup (it has no {MANIFEST}; an interrupted "
            "backup never gets one)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise StoreError(f"the backup {folder} has a damaged {MANIFEST}: {exc}") from exc
    return Manifest.from_json(data, folder)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as its manifest says, and what was left out of it."""

    path: Path
    engine: str
    schema: str | None
    created: str
    stories: int
    media_files: int
    missing_media: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # links and other non-files in the media folder, not followed

    @classmethod
    def of(cls, path: Path, manifest: Manifest) -> BackupInfo:
        return cls(
            path=path,
            engine=manifest.engine,
            schema=manifest.schema,
            created=manifest.created,
            stories=manifest.stories,
            media_files=manifest.media_files,
            missing_media=manifest.missing_media,
            skipped=manifest.skipped,
        )


@dataclass(frozen=True)
class RestoreResult:
    """What a restore put in place, and where the store it replaced was kept."""

    backup: BackupInfo
    kept_aside: tuple[Path, ...] = ()
    skipped: tuple[str, ...] = ()  # links in the backup's media folder, not followed
