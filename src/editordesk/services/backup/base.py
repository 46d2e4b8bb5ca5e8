"""What every database engine's backup and restore share: the interface, schema checks, the
tables a store must have, and the journal of a restore swapping files in place."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from editordesk.errors import StoreError
from editordesk.services.backup.manifest import Manifest
from editordesk.store.db import restore_paths
from editordesk.store.location import StoreLocation

CONTENT_TABLES = ("stories", "images", "tweets", "autosaves")


@dataclass(frozen=True)
class Dumped:
    """What an engine wrote into a backup folder."""

    schema: str | None
    stories: int
    referenced_media: tuple[str, ...]


def check_schema(schema: str | None) -> None:
    """A backup's schema must be one this EditorDesk knows: a newer one is refused whatever
    the caller asked (no --force makes an older program understand a newer store)."""
    from editordesk.store.db import known_revisions

    if schema is None:
        raise StoreError("the backup's database is not an EditorDesk store (no schema version)")
    if schema not in known_revisions():
        raise StoreError(
            f"the backup was made by a newer EditorDesk (schema {schema}); "
            "restore it with that version. Nothing was changed"
        )


@functools.cache
def expected_tables(schema: str) -> frozenset[str]:
    """The tables a store at `schema` has on either engine (SQLite's own search tables
    aside), found by building an empty store at that revision."""
    from alembic import command
    from sqlalchemy import create_engine, inspect

    from editordesk.store.db import _alembic_config

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'probe.sqlite'}")
        try:
            with engine.begin() as conn:
                command.upgrade(_alembic_config(conn), schema)
            with engine.connect() as conn:
                names = set(inspect(conn).get_table_names())
        finally:
            engine.dispose()
    return frozenset(n for n in names if not n.startswith(("stories_fts", "sqlite_")))


def check_tables(found: set[str], schema: str) -> None:
    missing = sorted(expected_tables(schema) - found)
    if missing:
        raise StoreError(
            f"the backup's database lacks the table{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} that a store of schema {schema} has; it is damaged and "
            "was not restored. Nothing was changed"
        )


class Journal:
    """A note beside the store while a restore swaps files in place: a restore killed
    half-way is noticed (the store refuses to open and says so) and finished by the next."""

    def __init__(self, location: StoreLocation) -> None:
        self.path = restore_paths(location)[1]

    def write(self, **facts: object) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(facts, fh, default=str)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def read(self) -> dict[str, object] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def done(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def swap_media(staged: Path, media: Path, aside: Path | None) -> None:
    """Put the restored pictures in place: the old folder aside (or, for a store that held
    nothing, away), the staged one renamed in. On a failure the old folder is put back."""
    moved = False
    if media.exists():
        if aside is not None:
            os.rename(media, aside)
            moved = True
        else:
            shutil.rmtree(media)
    try:
        if staged.is_dir():
            os.rename(staged, media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    except OSError:
        if moved and aside is not None and not media.exists():
            os.rename(aside, media)
        raise


def finish_media(journal: dict[str, object], media: Path, *, database_placed: bool) -> None:
    """Finish the pictures of a restore killed after its database was placed; before that,
    only put back an old media folder found moved aside."""
    staged = Path(str(journal.get("staged_media", "")))
    aside = journal.get("media_aside")
    if database_placed and staged.is_dir() and str(journal.get("staged_media", "")):
        if media.exists() and aside:
            os.rename(media, Path(str(aside)))
        elif media.exists():
            shutil.rmtree(media)
        os.rename(staged, media)
    elif not media.exists() and aside and Path(str(aside)).is_dir():
        os.rename(Path(str(aside)), media)


class StoreEngine(ABC):
    """Backing up and restoring one kind of database."""

    name: str  # as the manifest says: "sqlite" or "postgresql"
    database_name: str  # the database's file name inside a backup
    backs_up_aside = False  # True: a store that held anything is backed up before a restore

    def __init__(self, location: StoreLocation) -> None:
        self.location = location

    @abstractmethod
    def dump(self, folder: Path) -> Dumped:
        """Write a consistent copy of the database into `folder`."""

    @abstractmethod
    def holds_anything(self) -> str | None:
        """What the store holds, in words, or None if there is nothing to lose."""

    @abstractmethod
    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the store for a whole restore: others opening or saving are told it is
        being restored; a second restore is refused."""

    @abstractmethod
    def verify(self, database: Path, manifest: Manifest, scratch: Path) -> None:
        """Check the backup's database completely before anything live is touched."""

    @abstractmethod
    def settle(self, database: Path, scratch: Path) -> None:
        """Get ready to swap, under the lock: whatever can be done without touching the
        live store, and waiting out saves that began before the lock."""

    @abstractmethod
    def replace(
        self,
        database: Path,
        staged_media: Path,
        *,
        holding: str | None,
        safety: Path | None,
        stamp: str,
        backup: Path,
        scratch: Path,
    ) -> list[Path]:
        """Put the database, then the pictures, in place of the store; what was kept aside.
        `holding` says what the store held (it is kept aside), `safety` is the database of
        the checked backup made of it first, where the engine needs one. Everything is put
        back if any step fails."""

    @abstractmethod
    def finish_interrupted(self) -> str | None:
        """Finish a restore that was killed while swapping files in place; what was done."""

    def refuse_if_busy(self, force: bool) -> str | None:
        holding = self.holds_anything()
        if holding and not force:
            raise StoreError(
                f"the store {self.location.describe()} is not empty ({holding}); restore will "
                "not overwrite it. Use --force to keep it aside (renamed …before-restore-<time>) "
                "and restore in its place, or choose another store with --db"
            )
        return holding

    def safety_backup(self, stamp: str) -> Path:
        """Where the database that was there is backed up before a restore replaces it."""
        media = self.location.media_dir
        return media.with_name(f"{media.name}-database.before-restore-{stamp}.zip")

    def media_aside(self, stamp: str) -> Path:
        media = self.location.media_dir
        return media.with_name(f"{media.name}.before-restore-{stamp}")
