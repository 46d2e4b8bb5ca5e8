"""A backup restored into a new database brings back no edit locks: they belonged to the
windows open when it was taken, which are not there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from editordesk.services import locks
from editordesk.services.backup import create_backup, restore_backup
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests.helpers import write_harbour


def _locked_backup(source: StoreLocation, tmp_path: Path) -> Path:
    with Store.open(source) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
        assert result.story is not None
        with store.write() as session:
            locks.take_lock(session, result.story.id, holder="Mara", window="w-mara")
    return create_backup(source, tmp_path / "backup.zip").path


def _locks_in(location: StoreLocation) -> dict[int, locks.LockInfo]:
    with Store.open(location) as store, store.read() as session:
        assert session.scalar(text("SELECT count(*) FROM stories")) == 1
        return locks.live_locks(session)


def test_a_sqlite_backup_restores_without_its_locks(tmp_path: Path) -> None:
    backup = _locked_backup(resolve(str(tmp_path / "news" / "news.sqlite")), tmp_path)
    restored = resolve(str(tmp_path / "elsewhere" / "copy.sqlite"))
    restore_backup(backup, restored)
    assert _locks_in(restored) == {}


@pytest.mark.slow
def test_a_postgresql_backup_restores_without_its_locks(tmp_path: Path) -> None:
    from tests import pg

    try:
        server = pg.server()
    except pg.NoServer as exc:
        pytest.skip(str(exc))
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("the PostgreSQL client tools (pg_dump, pg_restore) are not installed")
    with server.database() as first_url, server.database() as second_url:
        source = resolve(first_url.render_as_string(hide_password=False), str(tmp_path / "m1"))
        backup = _locked_backup(source, tmp_path)
        target = resolve(second_url.render_as_string(hide_password=False), str(tmp_path / "m2"))
        Store.open(target).close()
        restore_backup(backup, target)
        assert _locks_in(target) == {}
