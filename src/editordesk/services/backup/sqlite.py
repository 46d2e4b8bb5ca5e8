"""Backing up and restoring a SQLite store: SQLite's online backup API both ways.

A restore prepares the whole new file beside the store (copied, checked, upgraded), then
swaps it in with one rename, so a kill leaves either the old store or the new one, never
none; the old one is copied aside first under the restore's lock."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from editordesk.errors import StoreError
from editordesk.services.backup.base import (
    CONTENT_TABLES,
    Dumped,
    Journal,
    StoreEngine,
    check_schema,
    check_tables,
    finish_media,
    swap_media,
)
from editordesk.services.backup.manifest import SQLITE_NAME, Manifest
from editordesk.store.db import restore_paths
from editordesk.store.location import StoreLocation

if sys.platform != "win32":
    import fcntl


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _counts(conn: sqlite3.Connection) -> tuple[str | None, int]:
    """(schema revision, number of stories) of an EditorDesk SQLite database."""
    tables = _tables(conn)
    schema = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        schema = row[0] if row else None
    stories = 0
    if "stories" in tables:
        stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    return schema, stories


def _copy(source: Path, target: Path, *, read_only: bool = True) -> None:
    """A consistent copy of a (possibly live) SQLite database, its WAL included."""
    uri = f"{source.as_uri()}?mode=ro" if read_only else source.as_uri()
    try:
        src = sqlite3.connect(uri, uri=True, timeout=15)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the store {source}: {exc}") from exc
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot copy the store {source}: {exc}") from exc
    finally:
        src.close()


class SqliteEngine(StoreEngine):
    name = "sqlite"
    database_name = SQLITE_NAME

    def __init__(self, location: StoreLocation) -> None:
        super().__init__(location)
        path = location.sqlite_path
        if path is None:
            raise StoreError(f"{location.describe()} is not a SQLite file")
        self.path = path
        self._work: Path | None = None  # beside the store: the new file made ready
        self._prepared = Path()

    # ------------------------------------------------------------ backing up

    def dump(self, folder: Path) -> Dumped:
        if not self.path.is_file():
            raise StoreError(f"there is no store at {self.location.describe()} to back up")
        target = folder / SQLITE_NAME
        _copy(self.path, target)
        conn = sqlite3.connect(target)
        try:
            schema, stories = _counts(conn)
            paths = (
                [r[0] for r in conn.execute("SELECT path FROM images")]
                if ("images" in _tables(conn))
                else []
            )
        finally:
            conn.close()
        return Dumped(schema, stories, tuple(paths))

    # ------------------------------------------------------------ restoring

    def holds_anything(self) -> str | None:
        from editordesk.services.backup.archive import media_files

        media = media_files(self.location.media_dir)[0]
        path = self.path
        if not path.exists() or (path.is_file() and path.stat().st_size == 0):
            return f"its media folder holds {len(media)} files" if media else None
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=15)
            try:
                tables = _tables(conn)
                rows = sum(
                    conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in CONTENT_TABLES
                    if t in tables
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return "a file that is not an EditorDesk store"
        if rows or media:
            return f"{rows} stories, pictures, tweets or autosaves and {len(media)} media files"
        return None

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        lock = restore_paths(self.location)[0]
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = self._lock(lock)
        try:
            os.write(fd, f"{os.getpid()}\n".encode())
            yield
        finally:
            if self._work is not None:
                shutil.rmtree(self._work, ignore_errors=True)
                self._work = None
            with contextlib.suppress(OSError):
                lock.unlink()
            os.close(fd)

    def _lock(self, lock: Path) -> int:
        """The lock file, open and locked by this process."""
        for _ in range(5):
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
            if sys.platform == "win32":  # pragma: no cover - the file's presence is the lock
                return fd
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise StoreError(
                    f"the store {self.location.describe()} is being restored already; "
                    "wait for that restore to finish"
                ) from None
            try:  # an opener may have removed the file as stale just before the lock
                if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                    return fd
            except FileNotFoundError:
                pass
            os.close(fd)
        raise StoreError(f"cannot lock the store {self.location.describe()} for the restore")

    def verify(self, database: Path, manifest: Manifest, scratch: Path) -> None:
        try:
            conn = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
            try:
                verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
                schema, _ = _counts(conn)
                tables = _tables(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the backup's database is damaged: {exc}") from exc
        if verdict != "ok":
            raise StoreError(f"the backup's database is damaged: {verdict}")
        check_schema(schema)
        assert schema is not None
        check_tables(tables, schema)

    def _prepare(self, database: Path, work: Path) -> Path:
        """The new store, whole, beside the old one: copied, upgraded, checked."""
        from editordesk.services.backup.base import expected_tables
        from editordesk.store.db import Store, head_revision

        prepared = work / "prepared.sqlite"
        _copy(database, prepared)
        url = self.location.url.set(database=str(prepared))
        Store.open(StoreLocation(url, work / "media"), backup_before_upgrade=False).close()
        conn = sqlite3.connect(prepared)
        try:
            # edit locks belong to the windows of the moment the backup was taken: none holds
            conn.execute("DELETE FROM edit_locks")
            conn.commit()
            conn.execute("PRAGMA journal_mode = DELETE")
            tables = _tables(conn)
        finally:
            conn.close()
        missing = sorted(expected_tables(head_revision()) - tables)
        if missing:
            raise StoreError(f"the restored store lacks the tables {', '.join(missing)}")
        return prepared

    def _quiesce(self) -> None:
        """Fold the live store's WAL into its file. Saves that began before the restore's
        lock are waited for; later ones see the lock and are refused."""
        if not self.path.is_file() or not _is_sqlite(self.path):
            return
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.DatabaseError:
            busy = 0  # a damaged file: it is kept aside byte for byte
        finally:
            conn.close()
        if busy:
            raise StoreError(
                f"the store {self.location.describe()} is busy (a window is saving or reading "
                "a long list); close the windows on it and try again. Nothing was changed"
            )

    def settle(self, database: Path, scratch: Path) -> None:
        from editordesk.services.backup.archive import work_folder

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._work = work_folder(self.path.parent, f"{self.path.name}-restore")
        self._prepared = self._prepare(database, self._work)
        self._quiesce()

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
        assert self._work is not None, "settle() comes first"
        return self._replace(self._prepared, staged_media, holding, stamp, backup, self._work)

    def _replace(
        self,
        prepared: Path,
        staged_media: Path,
        holding: str | None,
        stamp: str,
        backup: Path,
        work: Path,
    ) -> list[Path]:
        kept: list[Path] = []
        path = self.path
        aside = path.with_name(f"{path.name}.before-restore-{stamp}")
        if holding and path.exists():
            _keep(path, aside)  # the old file itself, its WAL folded in above
            kept.append(aside)
        media_aside = self.media_aside(stamp) if holding else None
        journal = Journal(self.location)
        journal.write(
            backup=str(backup),
            kept_aside=[str(p) for p in kept],
            staged_media=str(staged_media),
            media_aside=str(media_aside) if media_aside else "",
            placed_inode=prepared.stat().st_ino,  # a rename keeps it: tells if the swap was made
        )
        for suffix in ("-wal", "-shm"):  # the old file's, emptied above
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
        os.replace(prepared, path)  # the swap: the old store or the new one, never neither
        try:
            swap_media(staged_media, self.location.media_dir, media_aside)
        except OSError as exc:
            if kept:
                _keep(aside, work / "back.sqlite")
                os.replace(work / "back.sqlite", path)
                problem = "the store that was there is back in place; nothing was changed"
            else:
                problem = "the restored database is in place without its pictures"
            journal.done()
            raise StoreError(
                f"cannot put the backup's pictures in place ({exc.strerror or exc}); {problem}"
            ) from exc
        if media_aside is not None and media_aside.exists():
            kept.append(media_aside)
        journal.done()
        return kept

    def finish_interrupted(self) -> str | None:
        journal = Journal(self.location)
        facts = journal.read()
        if facts is None:
            return None
        try:
            placed = self.path.stat().st_ino == facts.get("placed_inode")
        except OSError:
            placed = False
        finish_media(facts, self.location.media_dir, database_placed=placed)
        journal.done()
        done = "finished" if placed else "undone (it had not replaced the store yet)"
        return f"a restore of this store from {facts.get('backup', '?')} was interrupted; {done}"


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _keep(source: Path, target: Path) -> None:
    """`target` becomes the file `source` is (a hard link where the disk allows, else a
    copy), and a WAL that could not be folded in (a damaged file) goes with it."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
