"""Restoring a PostgreSQL store: everything checked first, one transaction, an honest report."""

from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.services.backup import MANIFEST, PG_NAME, create_backup, restore_backup
from editordesk.services.backup.postgres import PostgresEngine
from editordesk.services.importing import import_files
from editordesk.services.stories import StoryDraft, create_story, get_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests import pg
from tests.helpers import snapshot, write_harbour

pytestmark = pytest.mark.slow

NewStore = Callable[[str], StoreLocation]


@pytest.fixture
def new_store(tmp_path: Path) -> Iterator[NewStore]:
    """Makes empty PostgreSQL stores, each with a media folder of its own."""
    if shutil.which("pg_dump") is None or shutil.which("psql") is None:
        pytest.skip("the PostgreSQL client tools (pg_dump, pg_restore, psql) are not installed")
    server = pg.server()
    made = []

    def make(name: str) -> StoreLocation:
        url = server.create_database()
        made.append(url)
        location = resolve(url.render_as_string(hide_password=False), str(tmp_path / name))
        Store.open(location).close()
        return location

    yield make
    for url in made:
        server.drop_database(url)


def _fill(location: StoreLocation, tmp_path: Path, headline: str | None = None) -> None:
    with Store.open(location) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
        assert result.story is not None
        if headline:
            with store.write() as session:
                create_story(session, StoryDraft(headline=headline, body="x"), author="Mara")


def _state(location: StoreLocation) -> dict[str, object]:
    """The store's rows, but for where its media folder is (a restore records its own)."""
    with Store.open(location) as store:
        state = snapshot(store)
    settings = state.get("store_settings")
    if isinstance(settings, list):
        state["store_settings"] = [r for r in settings if "'media_dir'" not in str(r)]
    return state


def _media(location: StoreLocation) -> list[str]:
    root = location.media_dir
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _unzip(archive: Path, folder: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder


def test_a_newer_schema_is_refused_even_with_force_and_nothing_moves(
    tmp_path: Path, new_store: NewStore
) -> None:
    source, live = new_store("a"), new_store("b")
    _fill(source, tmp_path)
    _fill(live, tmp_path, headline="Only in the live store")
    engine = source.url
    from sqlalchemy import create_engine

    db = create_engine(engine)
    with db.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.dispose()
    backup = create_backup(source, tmp_path / "newer.zip").path
    before, media = _state(live), _media(live)
    with pytest.raises(StoreError, match=r"newer EditorDesk \(schema 9999\).*Nothing was changed"):
        restore_backup(backup, live, force=True)
    assert _state(live) == before and _media(live) == media
    assert not list(tmp_path.glob("*before-restore*")) and not list(tmp_path.glob(".restore*"))


def test_a_dump_cut_short_is_refused_before_anything_live_is_touched(
    tmp_path: Path, new_store: NewStore
) -> None:
    source, live = new_store("a"), new_store("b")
    _fill(source, tmp_path)
    _fill(live, tmp_path, headline="Only in the live store")
    folder = create_backup(source, tmp_path / "cut").path
    dump = folder / PG_NAME
    data = dump.read_bytes()
    dump.write_bytes(data[: len(data) * 2 // 3])
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["database_size"] = (
        dump.stat().st_size
    )  # a manifest that agrees: pg_restore must see it
    (folder / MANIFEST).write_text(json.dumps(manifest))
    before, media = _state(live), _media(live)
    with pytest.raises(StoreError, match=r"cut short or damaged.*Nothing was changed"):
        restore_backup(folder, live, force=True)
    assert _state(live) == before and _media(live) == media
    assert not list(tmp_path.glob("*before-restore*"))


def test_a_dump_whose_size_differs_from_its_manifest_is_refused(
    tmp_path: Path, new_store: NewStore
) -> None:
    source, live = new_store("a"), new_store("b")
    _fill(source, tmp_path)
    folder = create_backup(source, tmp_path / "cut").path
    with (folder / PG_NAME).open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(StoreError, match=r"not the .* it was written with"):
        restore_backup(folder, live)


def test_a_dump_missing_a_table_is_refused_at_restore_time(
    tmp_path: Path, new_store: NewStore
) -> None:
    source, live = new_store("a"), new_store("b")
    _fill(source, tmp_path)
    from sqlalchemy import create_engine

    db = create_engine(source.url)
    with db.begin() as conn:
        conn.exec_driver_sql("DROP TABLE autosaves")
    db.dispose()
    backup = create_backup(source, tmp_path / "lacking.zip").path
    before = _state(live)
    with pytest.raises(StoreError, match=r"lacks the table autosaves"):
        restore_backup(backup, live, force=True)
    assert _state(live) == before


def test_force_keeps_a_checked_safety_backup_that_restores_the_old_store(
    tmp_path: Path, new_store: NewStore
) -> None:
    source, live, elsewhere = new_store("a"), new_store("b"), new_store("c")
    _fill(source, tmp_path)
    _fill(live, tmp_path, headline="Only in the live store")
    before, media = _state(live), _media(live)
    backup = create_backup(source, tmp_path / "a.zip").path
    result = restore_backup(backup, live, force=True)
    safety, media_aside = result.kept_aside
    assert safety.name.startswith("b-database.before-restore-") and safety.suffix == ".zip"
    assert _state(live) == _state(source)
    # The old store, whole, from the safety backup, into another database.
    restore_backup(safety, StoreLocation(elsewhere.url, tmp_path / "c2"))
    assert _state(StoreLocation(elsewhere.url, tmp_path / "c2")) == before
    assert sorted(
        p.relative_to(media_aside).as_posix()
        for p in media_aside.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    ) == [m for m in media if not m.startswith(".")]


def test_an_older_backup_over_a_store_replaces_every_table(
    tmp_path: Path, new_store: NewStore
) -> None:
    """The load drops the store's tables first, so none of the old store's rows survive
    next to the backup's and nothing of a later schema gets in the way of the upgrade."""
    source, live = new_store("a"), new_store("b")
    _fill(live, tmp_path, headline="Only in the live store")
    backup = create_backup(source, tmp_path / "empty.zip").path  # an empty store's backup
    restore_backup(backup, live, force=True)
    with Store.open(live) as store, store.read() as session:
        from sqlalchemy import func, select

        from editordesk.store.models import Story

        assert session.scalar(select(func.count()).select_from(Story)) == 0


def test_while_a_restore_holds_the_store_others_are_told(
    tmp_path: Path, new_store: NewStore
) -> None:
    live = new_store("b")
    _fill(live, tmp_path)
    window = Store.open(live)
    try:
        with PostgresEngine(live).exclusive():
            with pytest.raises(StoreError, match="is being restored"):
                Store.open(live)
            with pytest.raises(StoreError, match="is being restored"), window.write() as session:
                create_story(session, StoryDraft(headline="During", body="x"), author="M")
            with (
                pytest.raises(StoreError, match="being restored already"),
                PostgresEngine(live).exclusive(),
            ):
                pass
        with window.write() as session:  # afterwards, saving works again
            create_story(session, StoryDraft(headline="After", body="x"), author="M")
        with window.read() as session:
            assert get_story(session, 2).headline == "After"
    finally:
        window.close()


def _refuse_moving(monkeypatch: pytest.MonkeyPatch, media: Path) -> None:
    """The disk refuses to move the old pictures aside, as a read-only mount would."""
    from editordesk.services.backup import base

    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(src)) == media:
            raise OSError(errno.EACCES, "Permission denied")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(base.os, "rename", rename)


def test_pictures_that_cannot_be_moved_put_the_old_database_back(
    tmp_path: Path, new_store: NewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, live = new_store("a"), new_store("b")
    _fill(source, tmp_path)
    _fill(live, tmp_path, headline="Only in the live store")
    before, media = _state(live), _media(live)
    backup = create_backup(source, tmp_path / "a.zip").path
    _refuse_moving(monkeypatch, live.media_dir)
    with pytest.raises(
        StoreError,
        match=r"cannot put the backup's pictures in place .*the database that was there is back "
        r"in place; nothing was changed \(a backup of it was made first: .*\.zip\)",
    ):
        restore_backup(backup, live, force=True)
    assert _state(live) == before and _media(live) == media
