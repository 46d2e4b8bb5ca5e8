"""Opening a store: engine, sessions, and migrating the schema forward on open.

A store written by a newer EditorDesk is refused before anything is written to it. An older
one is copied aside, then upgraded. Sessions come in two kinds: `read()` and `write()`; on
SQLite a write takes the database's write lock when it begins (BEGIN IMMEDIATE), so two
windows saving at once queue instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from editordesk.errors import NewerStoreError, StoreError
from editordesk.media.folder import MediaFolder
from editordesk.store.location import StoreLocation

if sys.platform != "win32":
    import fcntl

SQLITE_MAGIC = b"SQLite format 3\x00"
NEW_MEDIA = "editordesk.new_media"  # session.info key: files written by this action
RECOVERY_DIR = "editordesk.recovery_dir"  # session.info key: this computer's crash recovery
BUSY_TIMEOUT_S = 15.0
# A server that is gone (a pulled cable, a sleeping laptop's network) must fail a save in
# seconds, not hang the window until TCP gives up: a connect timeout, keepalives, and a
# limit on how long sent data may stay unacknowledged.
PG_CONNECT_ARGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
    "tcp_user_timeout": 15_000,
}
DISK_FULL = "the disk is full"
# A restore (services/backup) holds these while it runs; every other opener or writer is told.
RESTORE_LOCK_KEY = 0x45444B52  # PostgreSQL advisory lock, per database: "EDKR"
RESTORE_LOCK_SUFFIX = ".restore-lock"  # beside a SQLite file, flock-ed by the restoring process
RESTORE_JOURNAL_SUFFIX = ".restore-journal"  # written while a restore swaps files in place


def restore_paths(location: StoreLocation) -> tuple[Path, Path]:
    """(the restore's lock file, its journal): beside a SQLite file, else beside the shared
    media folder, which every editor of a server store reaches."""
    base = location.sqlite_path or location.media_dir
    return (
        base.with_name(base.name + RESTORE_LOCK_SUFFIX),
        base.with_name(base.name + RESTORE_JOURNAL_SUFFIX),
    )


def file_is_locked(path: Path) -> bool:
    """Whether another open file holds an exclusive lock on `path` (a running restore)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if sys.platform == "win32":  # pragma: no cover - a lock file that exists is held
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        return False
    finally:
        os.close(fd)


def _being_restored(location: StoreLocation) -> str:
    return (
        f"the store {location.describe()} is being restored from a backup; "
        "try again when the restore has finished"
    )


def check_restore(location: StoreLocation) -> None:
    """Refuse a store a restore is replacing now, or one a killed restore left half-swapped
    (its journal says what was kept where); a lock file left by a restore killed before it
    touched anything is removed."""
    lock, journal = restore_paths(location)
    if lock.exists() and file_is_locked(lock):
        raise StoreError(_being_restored(location))
    if journal.exists():
        try:
            noted = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            noted = {}
        backup = noted.get("backup", "?") if isinstance(noted, dict) else "?"
        aside = ", ".join(noted.get("kept_aside", [])) if isinstance(noted, dict) else ""
        raise StoreError(
            f"a restore of the store {location.describe()} from {backup} was interrupted "
            "while it swapped the files in place"
            + (f" (the store that was there is kept as {aside})" if aside else "")
            + f"; run `editordesk restore {backup} --force` again to finish it"
        )
    with contextlib.suppress(OSError):
        lock.unlink(missing_ok=True)


def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    config = Config()
    with resources.as_file(resources.files("editordesk.store") / "migrations") as path:
        config.set_main_option("script_location", str(path))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror}") from exc
    if header and header != SQLITE_MAGIC:
        raise StoreError(f"{path} is not an EditorDesk store: it is not a SQLite database")


def _make_engine(location: StoreLocation) -> Engine:
    if location.is_sqlite:
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA cache_size = -65536")  # 64 MB: big indexes stay in memory
            cursor.close()

        path = location.sqlite_path
        lock = restore_paths(location)[0]
        opened_as: list[int] = []  # the file's inode when first written: a restore replaces it

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            write = connection.get_execution_options().get("editordesk_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
            if not write or path is None:
                return
            # Under the write lock: a restore that began meanwhile, or finished, wins.
            problem = None
            if lock.exists() and file_is_locked(lock):
                problem = _being_restored(location)
            else:
                with contextlib.suppress(OSError):
                    inode = os.stat(path).st_ino
                    if not opened_as:
                        opened_as.append(inode)
                    elif opened_as[0] != inode:
                        problem = (
                            f"the store {location.describe()} was replaced by a restore since "
                            "it was opened here; open it again"
                        )
            if problem is not None:
                connection.exec_driver_sql("ROLLBACK")
                raise StoreError(problem)

        return engine
    if location.url.get_backend_name() == "postgresql":
        engine = create_engine(location.url, pool_pre_ping=True, connect_args=PG_CONNECT_ARGS)

        @event.listens_for(engine, "begin")
        def _on_pg_begin(connection: Any) -> None:
            if not connection.get_execution_options().get("editordesk_write", False):
                return
            free = connection.exec_driver_sql(
                f"SELECT pg_try_advisory_xact_lock_shared({RESTORE_LOCK_KEY})"
            ).scalar()
            if not free:
                raise StoreError(_being_restored(location))

        return engine
    raise StoreError(
        f"EditorDesk stores live in SQLite or PostgreSQL, not {location.url.get_backend_name()}"
    )


def recovery_dir_for(location: StoreLocation) -> Path:
    """Where this computer keeps unsaved text for the store when the store cannot take it
    (a server down): one folder per store under the user's data directory."""
    import hashlib

    from editordesk.store.location import default_data_dir

    name = hashlib.sha256(location.describe().encode("utf-8")).hexdigest()[:16]
    return default_data_dir() / "recovery" / name


class StoreUnavailableError(StoreError):
    """The store cannot be reached just now (a server down, a connection cut, a file locked
    for too long); what the action would have written was not stored."""


class Store:
    """An open store: its engine, its sessions and its media folder."""

    def __init__(self, location: StoreLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self.media = MediaFolder(location.media_dir)
        self.recovery_dir = recovery_dir_for(location)
        info = {RECOVERY_DIR: self.recovery_dir}
        self._reader = sessionmaker(engine, expire_on_commit=False, info=info)
        self._writer = sessionmaker(
            engine.execution_options(editordesk_write=True), expire_on_commit=False, info=info
        )

    @classmethod
    def open(
        cls,
        location: StoreLocation,
        *,
        backup_before_upgrade: bool = True,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating or upgrading as needed) the store at `location`; `on_upgrade` hears
        a sentence first when an existing store is upgraded (a large one takes a while)."""
        path = location.sqlite_path
        if path is not None:
            _check_sqlite_file(path)
        check_restore(location)
        engine = _make_engine(location)
        try:
            if not location.is_sqlite:
                _check_not_being_restored(engine, location)
            _migrate(engine, location, backup_before_upgrade, on_upgrade)
            if location.is_sqlite:
                _use_wal(engine)
            else:
                _check_shared_media(engine, location)
        except DatabaseError as exc:
            engine.dispose()
            reason = _reason(exc)
            raise StoreError(f"cannot open the store {location.describe()}: {reason}") from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(location, engine)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking; it is rolled back at the end.

        A store that cannot be reached (a server down, a connection cut) raises
        StoreUnavailableError, which says so in words."""
        try:
            with self._reader() as session, session.begin():
                yield session
                session.rollback()
        except (OperationalError, InterfaceError) as exc:
            raise self._unavailable(exc) from exc

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session for one user action; committed if the block ends normally.

        If it fails, media files the action wrote are removed again, so a failed import
        leaves the media folder as it found it. A store that cannot be reached raises
        StoreUnavailableError: nothing of the action was stored."""
        with self._writer() as session:
            try:
                with session.begin():
                    yield session
            except BaseException as exc:
                with contextlib.suppress(Exception):  # the store may be gone: best effort
                    self._discard_new_media(session.info.pop(NEW_MEDIA, []))
                if isinstance(exc, OperationalError | InterfaceError):
                    raise self._unavailable(exc) from exc
                raise

    def _unavailable(self, exc: DBAPIError) -> StoreUnavailableError:
        reason = _reason(exc)
        if reason == DISK_FULL:
            return StoreUnavailableError(
                f"the store {self.location.describe()} cannot take the change: {reason}; "
                "nothing was saved (free some space and try again)"
            )
        return StoreUnavailableError(
            f"the store {self.location.describe()} cannot be reached: {reason}"
        )

    def _discard_new_media(self, written: list[tuple[str, str]]) -> None:
        if not written:
            return
        from editordesk.store.models import Image

        with self.read() as session:
            kept = set(
                session.scalars(
                    select(Image.sha256).where(Image.sha256.in_([sha for _, sha in written]))
                )
            )
        for relative, sha256 in written:
            if sha256 not in kept:  # another editor may have committed the same image
                self.media.discard(relative)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


MEDIA_MARK = ".editordesk-store"  # in a server store's media folder: the store it belongs to
SETTING_STORE_ID = "store_id"
SETTING_MEDIA = "media_dir"


def _check_shared_media(engine: Engine, location: StoreLocation) -> None:
    """A server store's pictures live in one shared folder every editor reaches.

    The first window to open the store records the folder in the store's settings and marks
    the folder with the store's id. Every later window must be given a folder holding that
    mark (the same share may be mounted at another path on another computer); a folder
    without it — a share that is not mounted, a local folder by mistake — is refused, so no
    editor imports pictures the rest of the desk cannot see."""
    import uuid

    from sqlalchemy.exc import IntegrityError

    from editordesk.store.models import StoreSetting

    mark = location.media_dir / MEDIA_MARK
    with Session(engine) as session, session.begin():
        settings = {
            s.key: s.value
            for s in session.scalars(
                select(StoreSetting).where(StoreSetting.key.in_([SETTING_STORE_ID, SETTING_MEDIA]))
            )
        }
    store_id = settings.get(SETTING_STORE_ID)
    if store_id is None:
        store_id = uuid.uuid4().hex
        try:
            with Session(engine) as session, session.begin():
                session.add(StoreSetting(key=SETTING_STORE_ID, value=store_id))
                session.add(StoreSetting(key=SETTING_MEDIA, value=str(location.media_dir)))
        except IntegrityError:  # another window recorded it a moment before
            _check_shared_media(engine, location)
            return
        try:
            location.media_dir.mkdir(parents=True, exist_ok=True)
            if not mark.exists():
                mark.write_text(store_id + "\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(
                f"cannot use {location.media_dir} as the store's media folder: {exc.strerror}"
            ) from exc
        return
    try:
        found: str | None = mark.read_text(encoding="utf-8").strip()
    except OSError:
        found = None
    recorded = settings.get(SETTING_MEDIA, "?")
    if found is None and _holds_the_stores_pictures(engine, location, recorded):
        # A folder restored from a backup (which leaves the mark out): it is the store's.
        with contextlib.suppress(OSError):
            mark.write_text(store_id + "\n", encoding="utf-8")
        return
    if found != store_id:
        raise StoreError(
            f"{location.media_dir} is not the shared media folder of the store "
            f"{location.describe()} (the desk's folder was first given as {recorded}); "
            "give --media the shared folder every editor uses, so the whole desk sees the "
            "same pictures"
        )


def _holds_the_stores_pictures(engine: Engine, location: StoreLocation, recorded: str) -> bool:
    """Whether an unmarked folder is the store's own: it holds the newest pictures the store
    knows, or, for a store with none yet, it is the folder first recorded."""
    from editordesk.store.models import Image

    with Session(engine) as session:
        paths = list(session.scalars(select(Image.path).order_by(Image.id.desc()).limit(20)))
    if not paths:
        return str(location.media_dir) == recorded and location.media_dir.is_dir()
    media = MediaFolder(location.media_dir)
    try:
        return all(media.path_of(path).is_file() for path in paths)
    except Exception:
        return False


def _check_not_being_restored(engine: Engine, location: StoreLocation) -> None:
    with engine.connect() as conn:
        free = conn.exec_driver_sql(
            f"SELECT pg_try_advisory_lock_shared({RESTORE_LOCK_KEY})"
        ).scalar()
        if free:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock_shared({RESTORE_LOCK_KEY})")
        conn.rollback()
    if not free:
        raise StoreError(_being_restored(location))


def shared_media_folder(store: Store) -> str | None:
    """The media folder as the first editor of a server store gave it, if recorded."""
    from editordesk.store.models import StoreSetting

    with store.read() as session:
        setting = session.get(StoreSetting, SETTING_MEDIA)
        return setting.value if setting else None


def _use_wal(engine: Engine) -> None:
    """WAL lets the window read while a save is being written; the mode stays in the file."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode = WAL")  # type: ignore[union-attr]
    finally:
        raw.close()


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if isinstance(exc, OperationalError) and "locked" in text:
        return "it is locked by another program; try again in a moment"
    if "file is not a database" in text:
        return "it is not a SQLite database"
    if "readonly" in text or "read-only" in text:
        return "it is read-only"
    if "disk is full" in text or "No space left" in text:
        return DISK_FULL
    if "malformed" in text:
        return (
            "it is damaged (SQLite says: database disk image is malformed); restore a backup "
            "with `editordesk restore BACKUP --force`, which keeps the damaged file aside"
        )
    return " ".join(text.split())


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(the store's schema revision, whether it has any tables), read with plain SQL."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return None, bool(tables)
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return (rows[0][0] if rows else None), True


def _migrate(
    engine: Engine,
    location: StoreLocation,
    backup: bool,
    on_upgrade: Callable[[str], None] | None = None,
) -> None:
    from editordesk.store.migrations import HEAD

    current, has_tables = _current_revision(engine)
    if current == HEAD:
        return  # the everyday case: no Alembic needed
    head = head_revision()
    tables = {"other"} if has_tables and current is None else set()
    if current is None and tables:
        raise StoreError(
            f"{location.describe()} is a database, but not an EditorDesk store "
            "(it has tables of its own and no EditorDesk schema version)"
        )
    if current is not None and current not in known_revisions():
        raise NewerStoreError(
            f"the store {location.describe()} was written by a newer EditorDesk "
            f"(schema {current}; this version knows up to {head}); it was left untouched — "
            "install the newer EditorDesk to open it"
        )
    if current == head:
        return
    if current is not None and on_upgrade is not None:
        kept = " after keeping a copy of it" if backup and location.sqlite_path else ""
        on_upgrade(f"Upgrading the store {location.describe()} for this EditorDesk{kept}…")
    if current is not None and backup and location.sqlite_path is not None:
        _backup_sqlite(engine, location.sqlite_path, current)
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def _backup_sqlite(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the store aside before an upgrade touches it."""
    target = path.with_name(f"{path.name}.before-schema-{revision}.bak")
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    return target
