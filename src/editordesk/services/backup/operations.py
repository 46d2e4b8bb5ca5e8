"""Making a backup, checking one, and restoring one, for either engine."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

from editordesk.errors import StoreError
from editordesk.services.backup.archive import (
    Progress,
    check_files,
    fsync_tree,
    link_or_copy,
    media_files,
    unpack,
    work_folder,
    zip_folder,
)
from editordesk.services.backup.base import StoreEngine
from editordesk.services.backup.manifest import (
    MANIFEST,
    MEDIA,
    BackupInfo,
    Manifest,
    RestoreResult,
    read_manifest,
    write_manifest,
)
from editordesk.services.backup.postgres import PostgresEngine
from editordesk.services.backup.sqlite import SqliteEngine
from editordesk.store.location import StoreLocation


def engine_for(location: StoreLocation) -> StoreEngine:
    """The backup and restore of the kind of database at `location`."""
    return SqliteEngine(location) if location.is_sqlite else PostgresEngine(location)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y%m%d-%H%M%S")


def _unused_stamp(location: StoreLocation, moment: dt.datetime) -> str:
    """A time stamp for the copies a restore keeps aside that names none already there: a
    restore run again within the same second (after one was killed) must not collide."""
    base = stamp = _stamp(moment)
    parent = location.media_dir.parent
    taken = {p.name for p in parent.iterdir()} if parent.is_dir() else set()
    n = 1
    while any(f"before-restore-{stamp}" in name for name in taken):
        n += 1
        stamp = f"{base}-{n}"
    return stamp


def default_backup_name(location: StoreLocation, moment: dt.datetime | None = None) -> str:
    stem = location.sqlite_path.stem if location.sqlite_path else "editordesk"
    return f"{stem}-backup-{_stamp(moment or _now())}"


def _cannot_write(target: Path, exc: OSError) -> StoreError:
    return StoreError(f"cannot write the backup {target}: {exc.strerror or exc}")


# ---------------------------------------------------------------- backing up


def _fill(location: StoreLocation, folder: Path, progress: Progress | None) -> Manifest:
    """Write the database and the media into `folder`; its manifest."""
    moment = _now()
    engine = engine_for(location)
    dumped = engine.dump(folder)
    # After the database: every picture the copied database names was written before it.
    root = location.media_dir
    files, skipped = media_files(root)
    listing = []
    for number, path in enumerate(files, 1):
        name = path.relative_to(root).as_posix()
        link_or_copy(path, folder / MEDIA / name)
        listing.append((name, path.stat().st_size))
        if progress is not None:
            progress(number, len(files), path.name)
    present = {name for name, _ in listing}
    return Manifest(
        engine=engine.name,
        database=engine.database_name,
        schema=dumped.schema,
        created=moment.isoformat(),
        stories=dumped.stories,
        media_files=len(files),
        missing_media=tuple(sorted(set(dumped.referenced_media) - present)),
        source=location.describe(),
        database_size=(folder / engine.database_name).stat().st_size,
        media=tuple(listing),
        skipped=tuple(skipped),
    )


def create_backup(
    location: StoreLocation, target: Path, *, progress: Progress | None = None
) -> BackupInfo:
    """Back up the store at `location` to `target`.

    `target` ending in .zip gets one archive file; any other new path becomes a folder; an
    existing folder receives a new backup named after the store and the time. `progress`
    hears (done, total, name) as the pictures are copied, then again as the archive is
    written. Links in the media folder are skipped (`BackupInfo.skipped`), never followed."""
    target = target.expanduser().absolute()
    try:
        if target.is_dir() and not (target / MANIFEST).exists():
            target = target / default_backup_name(location)
        if target.exists() or target.is_symlink():
            raise StoreError(f"{target} already exists; give a new name for the backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        work = work_folder(target.parent, target.name)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        manifest = _fill(location, work, progress)
        write_manifest(work, manifest)
        if target.suffix.lower() == ".zip":
            zip_folder(work, target, progress)
        else:
            fsync_tree(work)
            work.rename(target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BackupInfo.of(target, manifest)


# ---------------------------------------------------------------- restoring


def _open(backup: Path, scratch: Path, progress: Progress | None) -> tuple[Path, Manifest]:
    """The backup as a folder (itself, or its .zip unpacked into `scratch`) and its manifest."""
    if backup.is_dir():
        return backup, read_manifest(backup)
    if not backup.is_file():
        raise StoreError(f"there is no backup at {backup}")
    scratch.mkdir(parents=True, exist_ok=True)
    return scratch, unpack(backup, scratch, progress)


def check_backup(backup: Path, engine: StoreEngine, scratch: Path) -> Path:
    """Check a backup completely for restoring with `engine`; its database file."""
    folder, manifest = _open(backup, scratch, None)
    _check_kind(manifest, engine)
    check_files(folder, manifest)
    database = folder / manifest.database
    engine.verify(database, manifest, scratch)
    return database


def _check_kind(manifest: Manifest, engine: StoreEngine) -> None:
    if manifest.engine != engine.name:
        if engine.name == "sqlite":
            raise StoreError(
                f"the backup is of a {manifest.engine} store; restore it into a store of that kind"
            )
        raise StoreError("the backup is of a SQLite store; restore it into a SQLite file")


def restore_backup(
    backup: Path,
    location: StoreLocation,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RestoreResult:
    """Put the store and media of `backup` at `location`.

    The whole backup is checked first. A store there that holds anything is refused unless
    `force`; then it is kept aside (`news.sqlite.before-restore-<time>`, its media folder
    likewise; a PostgreSQL database is first backed up beside its media folder), never
    deleted. `progress` hears (done, total, name) as an archive is unpacked and as pictures
    are copied."""
    backup = backup.expanduser().absolute()
    engine = engine_for(location)
    stamp = _unused_stamp(location, _now())
    parent = location.media_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot restore into {parent}: {exc.strerror or exc}") from exc
    with engine.exclusive():
        engine.finish_interrupted()
        try:
            scratch = work_folder(parent, "restore")
        except OSError as exc:
            raise StoreError(f"cannot restore into {parent}: {exc.strerror or exc}") from exc
        try:
            folder, manifest = _open(backup, scratch / "backup", progress)
            _check_kind(manifest, engine)
            files, skipped = check_files(folder, manifest)
            database = folder / manifest.database
            engine.verify(database, manifest, scratch)
            staged = scratch / "backup" / MEDIA
            if folder != scratch / "backup":  # a folder backup: its pictures linked or copied
                for number, path in enumerate(files, 1):
                    link_or_copy(path, staged / path.relative_to(folder / MEDIA))
                    if progress is not None:
                        progress(number, len(files), path.name)
            for name in skipped:  # links in an unpacked zip cannot be; in a folder, left out
                (staged / name).unlink(missing_ok=True)
            engine.settle(database, scratch)
            holding = engine.refuse_if_busy(force)  # decided under the lock
            safety = None
            if holding and engine.backs_up_aside:
                # The database that is there is backed up first, and that backup checked
                # as thoroughly as the one being restored: it can always be restored.
                aside = create_backup(location, engine.safety_backup(stamp))
                safety = check_backup(aside.path, engine, scratch / "safety")
            try:
                kept = engine.replace(
                    database,
                    staged,
                    holding=holding,
                    safety=safety,
                    stamp=stamp,
                    backup=backup,
                    scratch=scratch,
                )
            except StoreError as exc:
                if safety is None:
                    raise
                made = engine.safety_backup(stamp)
                raise StoreError(f"{exc} (a backup of it was made first: {made})") from exc
        except OSError as exc:
            raise StoreError(
                f"cannot restore from {backup}: {exc.strerror or exc}; nothing was changed"
            ) from exc
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    from editordesk.store.db import Store

    Store.open(location).close()  # upgrades a backup of an older schema, as any open does
    return RestoreResult(BackupInfo.of(backup, manifest), tuple(kept), tuple(skipped))


def looks_like_backup(path: Path) -> bool:
    """Whether `path` is (probably) a backup: a folder with a manifest, or a .zip file."""
    path = path.expanduser()
    try:
        return (path.is_dir() and (path / MANIFEST).is_file()) or (
            path.is_file() and zipfile.is_zipfile(path)
        )
    except OSError:
        return False
