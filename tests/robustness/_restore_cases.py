"""Bad-input cases of restoring (docs/bad-input.md: restore on a shared desk; restore races,
kills and bombs), run by test_bad_input.py like every other row."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine

from editordesk.cli import main
from editordesk.services.backup import MANIFEST, PG_NAME, SQLITE_NAME, create_backup
from editordesk.services.backup.sqlite import SqliteEngine
from editordesk.services.importing import import_files
from editordesk.store.db import Store, restore_paths
from editordesk.store.location import StoreLocation, resolve
from tests import pg
from tests.helpers import write_harbour

if TYPE_CHECKING:
    from tests.robustness.test_bad_input import Desk


def _desk_backup(d: Desk, name: str = "good") -> Path:
    """A whole folder backup of another store, made as `editordesk backup` makes one."""
    other = resolve(str(d.tmp / f"{name}-src" / "src.sqlite"))
    with Store.open(other) as store:
        import_files(store, [write_harbour(d.tmp / f"{name}-in")], author="M")
    return create_backup(other, d.tmp / name).path


def _agree(folder: Path) -> None:
    """Make the manifest agree with a changed database, as a careful forger would."""
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["database_size"] = (folder / manifest["database"]).stat().st_size
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _restore_error(d: Desk, backup: Path, *argv: str) -> str:
    return d.cli_error("restore", str(backup), "--force", *argv)


# ---------------------------------------------------------------- restore on a shared desk


@contextmanager
def _pg_desk(d: Desk) -> Iterator[tuple[StoreLocation, StoreLocation]]:
    """Two PostgreSQL stores with a story each: a source to back up, a live desk."""
    if shutil.which("pg_dump") is None or shutil.which("psql") is None:
        pytest.skip("the PostgreSQL client tools are not installed")
    server = pg.server()
    with server.database() as a, server.database() as b:
        stores = []
        for url, name in ((a, "pg-a"), (b, "pg-b")):
            location = resolve(url.render_as_string(hide_password=False), str(d.tmp / name))
            with Store.open(location) as store:
                import_files(store, [write_harbour(d.tmp / f"{name}-in")], author="M")
            stores.append(location)
        yield stores[0], stores[1]


def _pg_state(location: StoreLocation) -> tuple[object, ...]:
    engine = create_engine(location.url)
    try:
        with engine.connect() as db:
            return tuple(db.exec_driver_sql("SELECT id, version FROM stories ORDER BY id").all())
    finally:
        engine.dispose()


def _pg_restore_error(d: Desk, backup: Path, live: StoreLocation) -> str:
    before = _pg_state(live)
    media = sorted(p.name for p in live.media_dir.rglob("*"))
    argv = ["--db", live.url.render_as_string(hide_password=False), "--media"]
    d.capsys.readouterr()
    assert main([*argv, str(live.media_dir), "restore", str(backup), "--force"]) == 1
    err = d.capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert _pg_state(live) == before  # the shared database, untouched
    assert sorted(p.name for p in live.media_dir.rglob("*")) == media
    assert not list(live.media_dir.parent.glob("*before-restore*"))
    return err


def restore_pg_newer_schema(d: Desk) -> str:
    with _pg_desk(d) as (source, live):
        engine = create_engine(source.url)
        with engine.begin() as db:
            db.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        engine.dispose()
        backup = create_backup(source, d.tmp / "newer.zip").path
        return _pg_restore_error(d, backup, live)


def restore_pg_dump_cut_short(d: Desk) -> str:
    with _pg_desk(d) as (source, live):
        folder = create_backup(source, d.tmp / "cut").path
        data = (folder / PG_NAME).read_bytes()
        (folder / PG_NAME).write_bytes(data[: len(data) * 2 // 3])
        _agree(folder)
        return _pg_restore_error(d, folder, live)


def restore_pg_missing_table(d: Desk) -> str:
    with _pg_desk(d) as (source, live):
        engine = create_engine(source.url)
        with engine.begin() as db:
            db.exec_driver_sql("DROP TABLE autosaves")
        engine.dispose()
        backup = create_backup(source, d.tmp / "lacking.zip").path
        return _pg_restore_error(d, backup, live)


# ---------------------------------------------------------------- races, kills and bombs


def restore_zip_bomb(d: Desk) -> str:
    folder = _desk_backup(d)
    bomb = d.tmp / "bomb.zip"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.write(folder / MANIFEST, MANIFEST)
        z.write(folder / SQLITE_NAME, SQLITE_NAME)
        with z.open("media/zz/huge.jpg", "w", force_zip64=True) as out:
            for _ in range(300):
                out.write(chunk)
    return _restore_error(d, bomb)


def restore_database_is_a_link(d: Desk) -> str:
    folder = _desk_backup(d)
    (folder / SQLITE_NAME).rename(d.tmp / "elsewhere.sqlite")
    (folder / SQLITE_NAME).symlink_to(d.tmp / "elsewhere.sqlite")
    return _restore_error(d, folder)


def restore_link_in_zip(d: Desk) -> str:
    folder = _desk_backup(d)
    archive = d.tmp / "linked.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(folder).as_posix())
        link = zipfile.ZipInfo("media/zz/shadow.jpg")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/shadow")
    return _restore_error(d, archive)


def restore_backup_missing_table(d: Desk) -> str:
    import sqlite3

    folder = _desk_backup(d)
    conn = sqlite3.connect(folder / SQLITE_NAME)
    conn.execute("DROP TABLE autosaves")
    conn.commit()
    conn.close()
    _agree(folder)
    return _restore_error(d, folder)


def open_during_restore(d: Desk) -> str:
    with SqliteEngine(d.location).exclusive():
        return d.cli_error("list")


def restore_during_restore(d: Desk) -> str:
    folder = _desk_backup(d)
    with SqliteEngine(d.location).exclusive():
        return _restore_error(d, folder)


def open_after_killed_restore(d: Desk) -> str:
    journal = restore_paths(d.location)[1]
    journal.write_text(
        json.dumps({"backup": str(d.tmp / "desk.zip"), "kept_aside": ["…before-restore-1"]})
    )
    try:
        return d.cli_error("list")
    finally:
        journal.unlink()


def plant_media_link(d: Desk) -> None:
    secret = d.tmp / "secret.txt"
    secret.write_text("password=hunter2")
    (d.location.media_dir / "planted.jpg").symlink_to(secret)


def backup_media_link(d: Desk) -> str:
    d.capsys.readouterr()
    assert main([*d.db, "backup", str(d.tmp / "b.zip")]) == 0
    with zipfile.ZipFile(d.tmp / "b.zip") as archive:
        assert not any(b"hunter2" in archive.read(n) for n in archive.namelist())
    return d.capsys.readouterr().err


def backup_into_proc(d: Desk) -> str:
    message = d.cli_error("backup", "/proc/x.zip")
    assert os.path.exists("/proc") and not os.path.exists("/proc/x.zip")
    return message
