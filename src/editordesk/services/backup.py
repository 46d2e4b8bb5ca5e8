"""Backups of a whole store, its media included, and restoring one.

A backup is a folder (or the same contents in one .zip file) holding `manifest.json`, the
database and a `media/` folder:

- a SQLite store is copied with SQLite's online backup API, so a backup taken while a window
  is saving is still one consistent moment of the store;
- a PostgreSQL store is dumped with `pg_dump` (and restored with `pg_restore`), which must be
  installed;
- media files are kept by content hash and never change once written, so a folder backup
  hard-links them where the disk allows: a daily backup of a large library costs little more
  than its database.

Everything is written under a temporary name and renamed into place last, so a backup that
was interrupted is never mistaken for a whole one. Restoring refuses to overwrite a store
that holds anything unless asked to, and then keeps the old store aside first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from editordesk.errors import EditorDeskError, StoreError
from editordesk.files import replacing
from editordesk.store.location import StoreLocation

Progress = Callable[[int, int, str], None]  # done, in all, the item's name

FORMAT = "editordesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "store.sqlite"
PG_NAME = "store.pgdump"
MEDIA = "media"
DAILY_PREFIX = "daily-"
_DAILY = re.compile(r"daily-(\d{4}-\d{2}-\d{2})")
_CONTENT_TABLES = ("stories", "images", "tweets", "autosaves")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, as its manifest says."""

    path: Path
    engine: str
    schema: str | None
    created: str
    stories: int
    media_files: int
    missing_media: tuple[str, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    """What a restore put in place, and where the store it replaced was kept."""

    backup: BackupInfo
    kept_aside: tuple[Path, ...] = ()


# ---------------------------------------------------------------- helpers


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y%m%d-%H%M%S")


def _sqlite_counts(conn: sqlite3.Connection) -> tuple[str | None, int]:
    """(schema revision, number of stories) of an EditorDesk SQLite database."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    schema = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        schema = row[0] if row else None
    stories = 0
    if "stories" in tables:
        stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    return schema, stories


def _image_paths(conn: sqlite3.Connection) -> list[str]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "images" not in tables:
        return []
    return [r[0] for r in conn.execute("SELECT path FROM images")]


def _media_files(root: Path) -> list[Path]:
    """The pictures in a media folder; hidden files and folders (the thumbnail cache, the
    shared folder's mark, temporary files) are the folder's own business, not the store's."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another disk, or a file system without hard links
        shutil.copy2(source, target)


def _safe_member(name: str) -> PurePosixPath:
    """A path inside a backup, refused if it would lead outside the folder it unpacks into."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or not pure.parts:
        raise StoreError(f"the backup holds a file named {name!r}, which is not allowed")
    return pure


def _snapshot_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite store (its WAL included) through the backup API."""
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=15)
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
        raise StoreError(f"cannot back up the store {source}: {exc}") from exc
    finally:
        src.close()


def _write_manifest(folder: Path, info: dict[str, object]) -> None:
    with (folder / MANIFEST).open("w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _libpq_url(location: StoreLocation) -> tuple[str, dict[str, str]]:
    """The address pg_dump understands, and an environment carrying the password (never on
    the command line, where other users could read it)."""
    url = location.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
        url = url.set(password=None)
    return url.render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            f"{name} was not found: backing up or restoring a PostgreSQL store needs the "
            f"PostgreSQL client tools (on Debian: apt-get install postgresql-client)"
        )
    return found


# ---------------------------------------------------------------- backing up


def _fill_folder(
    location: StoreLocation, folder: Path, progress: Progress | None = None
) -> dict[str, object]:
    """Write the database and the media into `folder`; the manifest's contents."""
    moment = _now()
    media_root = location.media_dir
    missing: list[str] = []
    if location.is_sqlite:
        source = location.sqlite_path
        if source is None or not source.is_file():
            raise StoreError(f"there is no store at {location.describe()} to back up")
        _snapshot_sqlite(source, folder / SQLITE_NAME)
        conn = sqlite3.connect(folder / SQLITE_NAME)
        try:
            schema, stories = _sqlite_counts(conn)
            referenced = _image_paths(conn)
        finally:
            conn.close()
        engine, database = "sqlite", SQLITE_NAME
    else:
        pg_dump = _pg_tool("pg_dump")
        url, env = _libpq_url(location)
        done = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", "--file", str(folder / PG_NAME), url],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise StoreError(f"pg_dump failed: {done.stderr.strip() or done.returncode}")
        from editordesk.store.db import Store

        with Store.open(location) as store, store.engine.connect() as db:
            schema = db.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            stories = db.exec_driver_sql("SELECT count(*) FROM stories").scalar() or 0
            referenced = list(db.exec_driver_sql("SELECT path FROM images").scalars())
        engine, database = "postgresql", PG_NAME
    # After the database: every picture the copied database names was written before it.
    files = _media_files(media_root)
    for number, path in enumerate(files, 1):
        _link_or_copy(path, folder / MEDIA / path.relative_to(media_root))
        if progress is not None:
            progress(number, len(files), path.name)
    present = {p.relative_to(media_root).as_posix() for p in files}
    missing = sorted(set(referenced) - present)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created": moment.isoformat(),
        "engine": engine,
        "database": database,
        "schema": schema,
        "stories": stories,
        "media_files": len(files),
        "missing_media": missing,
        "source": location.describe(),
    }


def _info(path: Path, manifest: dict[str, object]) -> BackupInfo:
    missing = manifest.get("missing_media") or []
    return BackupInfo(
        path=path,
        engine=str(manifest.get("engine", "")),
        schema=None if manifest.get("schema") is None else str(manifest["schema"]),
        created=str(manifest.get("created", "")),
        stories=int(manifest.get("stories", 0) or 0),  # type: ignore[call-overload]
        media_files=int(manifest.get("media_files", 0) or 0),  # type: ignore[call-overload]
        missing_media=tuple(str(m) for m in missing) if isinstance(missing, list) else (),
    )


def default_backup_name(location: StoreLocation, moment: dt.datetime | None = None) -> str:
    stem = location.sqlite_path.stem if location.sqlite_path else "editordesk"
    return f"{stem}-backup-{_stamp(moment or _now())}"


def create_backup(
    location: StoreLocation, target: Path, *, progress: Progress | None = None
) -> BackupInfo:
    """Back up the store at `location` to `target`.

    `target` ending in .zip gets one archive file; any other new path becomes a folder; an
    existing folder receives a new backup named after the store and the time. `progress`
    hears (done, total, name) as the pictures are copied, then again as the archive is
    written."""
    target = target.expanduser().resolve()
    if target.is_dir() and not (target / MANIFEST).exists():
        target = target / default_backup_name(location)
    if target.exists():
        raise StoreError(f"{target} already exists; give a new name for the backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    try:
        manifest = _fill_folder(location, work, progress)
        _write_manifest(work, manifest)
        if target.suffix.lower() == ".zip":
            _zip_folder(work, target, progress)
        else:
            _fsync_tree(work)
            os.rename(work, target)
    except OSError as exc:
        raise StoreError(f"cannot write the backup {target}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _info(target, manifest)


def _zip_folder(folder: Path, target: Path, progress: Progress | None = None) -> None:
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    with replacing(target) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True) as archive:
        for number, path in enumerate(paths, 1):
            name = path.relative_to(folder).as_posix()
            # Pictures are compressed already; the database shrinks a lot.
            method = zipfile.ZIP_STORED if name.startswith(MEDIA) else zipfile.ZIP_DEFLATED
            archive.write(path, name, compress_type=method)
            if progress is not None:
                progress(number, len(paths), name)


# ---------------------------------------------------------------- daily backups


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
    return removed


# ---------------------------------------------------------------- restoring


def read_manifest(folder: Path) -> dict[str, object]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(
            f"{folder} is not an EditorDesk backup (it has no {MANIFEST}; an interrupted "
            "backup never gets one)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise StoreError(f"the backup {folder} has a damaged {MANIFEST}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{folder} is not an EditorDesk backup")
    if data.get("version") != FORMAT_VERSION:
        raise StoreError(
            f"the backup {folder} is in format {data.get('version')!r}, which this EditorDesk "
            "does not read; restore it with the EditorDesk that made it"
        )
    return data


@contextlib.contextmanager
def _opened(backup: Path, scratch: Path, progress: Progress | None = None) -> Iterator[Path]:
    """The backup as a folder: itself, or a .zip unpacked into `scratch`."""
    if backup.is_dir():
        yield backup
        return
    if not backup.is_file():
        raise StoreError(f"there is no backup at {backup}")
    try:
        with zipfile.ZipFile(backup) as archive:
            members = archive.infolist()
            for number, member in enumerate(members, 1):
                name = _safe_member(member.filename)
                if member.is_dir():
                    continue
                dest = scratch.joinpath(*name.parts)
                dest.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, dest.open("wb") as out:
                    shutil.copyfileobj(src, out, 1024 * 1024)
                if progress is not None:
                    progress(number, len(members), name.as_posix())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise StoreError(f"{backup} is not a whole EditorDesk backup: {exc}") from exc
    yield scratch


def _check_sqlite_backup(db: Path) -> tuple[str | None, int]:
    from editordesk.store.db import known_revisions

    if not db.is_file():
        raise StoreError(f"the backup has no {SQLITE_NAME}")
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            schema, stories = _sqlite_counts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"the backup's database is damaged: {exc}") from exc
    if verdict != "ok":
        raise StoreError(f"the backup's database is damaged: {verdict}")
    if schema is None:
        raise StoreError("the backup's database is not an EditorDesk store")
    if schema not in known_revisions():
        raise StoreError(
            f"the backup was made by a newer EditorDesk (schema {schema}); "
            "restore it with that version"
        )
    return schema, stories


def _store_holds_anything(location: StoreLocation) -> str | None:
    """A description of what the current store holds, or None if there is nothing to lose."""
    media = _media_files(location.media_dir)
    path = location.sqlite_path
    if path is not None:
        if not path.exists() or (path.is_file() and path.stat().st_size == 0):
            return f"its media folder holds {len(media)} files" if media else None
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=15)
            try:
                tables = {
                    r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                rows = sum(
                    conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in _CONTENT_TABLES
                    if t in tables
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return "a file that is not an EditorDesk store"
        if rows or media:
            return f"{rows} stories, pictures, tweets or autosaves and {len(media)} media files"
        return None
    from editordesk.store.db import Store

    with Store.open(location) as store, store.engine.connect() as db:
        total = 0
        for table in _CONTENT_TABLES:
            total += int(db.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)
    return f"{total} stories, pictures, tweets or autosaves" if total or media else None


def _aside_name(path: Path, stamp: str) -> Path:
    return path.with_name(f"{path.name}.before-restore-{stamp}")


def _keep_aside(location: StoreLocation, stamp: str) -> list[Path]:
    """Move the current SQLite store (with its WAL) and its media out of the way."""
    moved = []
    path = location.sqlite_path
    if path is not None:
        with contextlib.suppress(sqlite3.Error):  # fold the WAL into the file if it can be
            conn = sqlite3.connect(path, timeout=15)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        aside = _aside_name(path, stamp)
        for suffix in ("", "-wal", "-shm"):  # SQLite finds a WAL by the file's name + -wal
            source = path.with_name(path.name + suffix)
            if source.exists():
                os.rename(source, aside.with_name(aside.name + suffix))
        moved.append(aside)
    if location.media_dir.exists():
        target = _aside_name(location.media_dir, stamp)
        os.rename(location.media_dir, target)
        moved.append(target)
    return moved


def restore_backup(
    backup: Path,
    location: StoreLocation,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RestoreResult:
    """Put the store and media of `backup` at `location`.

    A store there that holds anything is refused unless `force`; then it is kept aside
    (`news.sqlite.before-restore-<time>`, its media folder likewise; a PostgreSQL database
    is first backed up beside its media folder), never deleted. `progress` hears (done,
    total, name) as an archive is unpacked and as pictures are copied."""
    backup = backup.expanduser().resolve()
    stamp = _stamp(_now())
    holding = _store_holds_anything(location)
    if holding and not force:
        raise StoreError(
            f"the store {location.describe()} is not empty ({holding}); restore will not "
            "overwrite it. Use --force to keep it aside (renamed …before-restore-<time>) and "
            "restore in its place, or choose another store with --db"
        )
    location.media_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(
        tempfile.mkdtemp(prefix=".restore-", suffix=".partial", dir=location.media_dir.parent)
    )
    try:
        with _opened(backup, scratch, progress) as folder:
            manifest = read_manifest(folder)
            info = _info(backup, manifest)
            engine = manifest.get("engine")
            if location.is_sqlite and engine != "sqlite":
                raise StoreError(
                    f"the backup is of a {engine} store; restore it into a store of that kind"
                )
            if not location.is_sqlite and engine != "postgresql":
                raise StoreError("the backup is of a SQLite store; restore it into a SQLite file")
            if location.is_sqlite:
                _check_sqlite_backup(folder / SQLITE_NAME)
            media_src = folder / MEDIA
            for path in _media_files(media_src):
                _safe_member(path.relative_to(media_src).as_posix())
            # Everything checked: now the store in place is replaced.
            kept = []
            if holding and not location.is_sqlite:
                # A server database cannot be renamed aside: it is dumped aside first.
                aside = location.media_dir.with_name(
                    f"{location.media_dir.name}-database.before-restore-{stamp}.zip"
                )
                kept.append(create_backup(location, aside).path)
            if holding:
                kept += _keep_aside(location, stamp)
            if location.is_sqlite:
                _place_sqlite(folder / SQLITE_NAME, location)
            else:
                _place_postgres(folder / PG_NAME, location)
            _place_media(
                media_src, location.media_dir, same_disk=folder == scratch, progress=progress
            )
    except OSError as exc:
        raise StoreError(f"cannot restore from {backup}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    from editordesk.store.db import Store

    Store.open(location).close()  # upgrades a backup of an older schema, as any open does
    return RestoreResult(info, tuple(kept))


def _place_sqlite(source: Path, location: StoreLocation) -> None:
    path = location.sqlite_path
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):  # left by an empty store; they belong to the old file
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
    with replacing(path) as tmp:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
        finally:
            dest.close()
            src.close()


def _place_postgres(dump: Path, location: StoreLocation) -> None:
    if not dump.is_file():
        raise StoreError(f"the backup has no {PG_NAME}")
    pg_restore = _pg_tool("pg_restore")
    url, env = _libpq_url(location)
    done = subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "--dbname", url, str(dump)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise StoreError(f"pg_restore failed: {done.stderr.strip() or done.returncode}")


def _place_media(
    source: Path, target: Path, *, same_disk: bool, progress: Progress | None = None
) -> None:
    if target.exists():  # an empty store's (empty) media folder
        shutil.rmtree(target)
    if not source.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    if same_disk:
        os.rename(source, target)
        return
    files = _media_files(source)
    for number, path in enumerate(files, 1):
        _link_or_copy(path, target / path.relative_to(source))
        if progress is not None:
            progress(number, len(files), path.name)
    target.mkdir(parents=True, exist_ok=True)


def looks_like_backup(path: Path) -> bool:
    """Whether `path` is (probably) a backup: a folder with a manifest, or a .zip file."""
    path = path.expanduser()
    return (path.is_dir() and (path / MANIFEST).is_file()) or (
        path.is_file() and zipfile.is_zipfile(path)
    )
