"""Backups of whole stores and restoring them, on real SQLite files and media folders."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.services.backup import (
    MANIFEST,
    SQLITE_NAME,
    create_backup,
    daily_backup,
    daily_backup_or_warning,
    daily_folder,
    looks_like_backup,
    restore_backup,
)
from editordesk.services.importing import import_files
from editordesk.services.stories import StoryDraft, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from editordesk.store.migrations import HEAD
from tests.helpers import snapshot, write_harbour

FIXTURES = Path(__file__).resolve().parents[1] / "_fixtures"


def _filled(tmp_path: Path, name: str = "news") -> StoreLocation:
    """A store with the harbour story (a picture, a tweet, related links) saved twice."""
    location = resolve(str(tmp_path / name / f"{name}.sqlite"))
    with Store.open(location) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
        assert result.story is not None
        with store.write() as session:
            story = get_story(session, result.story.id)
            save_story(
                session,
                story.id,
                StoryDraft(headline="Harbour wall: repairs begin", body=story.body + "\n\nMore."),
                base_version=story.version,
                author="Mara",
            )
    return location


def _state(location: StoreLocation) -> dict[str, object]:
    with Store.open(location) as store:
        state = snapshot(store)
    return state


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_a_backup_restored_into_a_new_place_is_the_same_store(tmp_path: Path, kind: str) -> None:
    source = _filled(tmp_path)
    target = tmp_path / "backups" / ("b.zip" if kind == "zip" else "b")
    info = create_backup(source, target)
    assert info.path == target and info.stories == 1 and info.media_files == 1
    assert looks_like_backup(target)
    assert not [p for p in target.parent.iterdir() if p != target]  # no temporary leftovers

    restored = resolve(str(tmp_path / "elsewhere" / "copy.sqlite"))
    result = restore_backup(target, restored)
    assert result.kept_aside == ()
    assert _state(restored) == _state(source)
    with Store.open(restored) as store, store.read() as session:
        assert get_story(session, 1).headline == "Harbour wall: repairs begin"
    assert restored.media_dir.is_dir() and not list(restored.media_dir.parent.glob(".restore-*"))


def test_a_backup_reports_its_progress_picture_by_picture_then_file_by_file(
    tmp_path: Path,
) -> None:
    source = _filled(tmp_path)
    heard: list[tuple[int, int, str]] = []
    create_backup(source, tmp_path / "b.zip", progress=lambda *step: heard.append(step))
    copying = [step for step in heard if step[1] == 1]  # the one picture
    archiving = [step for step in heard if step[1] != 1]
    assert len(copying) == 1 and copying[0][0] == 1 and copying[0][2].endswith(".jpg")
    total = archiving[0][1]
    assert [done for done, _, _ in archiving] == list(range(1, total + 1))
    names = {name for _, _, name in archiving}
    assert {SQLITE_NAME, MANIFEST} <= names and any(n.startswith("media/") for n in names)


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_a_restore_reports_its_progress(tmp_path: Path, kind: str) -> None:
    backup = create_backup(_filled(tmp_path), tmp_path / ("b.zip" if kind == "zip" else "b"))
    heard: list[tuple[int, int, str]] = []
    restore_backup(
        backup.path,
        resolve(str(tmp_path / "copy" / "copy.sqlite")),
        progress=lambda *step: heard.append(step),
    )
    assert heard and heard[-1][0] == heard[-1][1]  # it ends with all done
    names = [name for _, _, name in heard]
    if kind == "zip":  # unpacked member by member (the pictures then move as one folder)
        assert SQLITE_NAME in names and MANIFEST in names
    else:  # the pictures copied one by one
        assert len(heard) == 1 and names[0].endswith(".jpg")


def test_a_backup_into_an_existing_folder_gets_a_name_of_its_own(tmp_path: Path) -> None:
    source = _filled(tmp_path)
    (tmp_path / "shelf").mkdir()
    info = create_backup(source, tmp_path / "shelf")
    assert info.path.parent == tmp_path / "shelf"
    assert info.path.name.startswith("news-backup-")
    assert (info.path / SQLITE_NAME).is_file()
    with pytest.raises(StoreError, match="already exists"):
        create_backup(source, info.path)


def test_the_backup_holds_what_was_committed_in_the_wal_and_nothing_uncommitted(
    tmp_path: Path,
) -> None:
    location = _filled(tmp_path)
    with Store.open(location) as store:
        # The store stays open: the committed save is still in the WAL, not the main file.
        with store.write() as session:
            story = get_story(session, 1)
            save_story(
                session,
                1,
                StoryDraft(headline="Committed", body="Committed text."),
                base_version=story.version,
                author="Mara",
            )
        assert location.sqlite_path is not None
        assert Path(f"{location.sqlite_path}-wal").stat().st_size > 0
        other = sqlite3.connect(location.sqlite_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE stories SET headline = 'Not committed'")
        try:
            info = create_backup(location, tmp_path / "live")
        finally:
            other.execute("ROLLBACK")
            other.close()
    conn = sqlite3.connect(info.path / SQLITE_NAME)
    assert conn.execute("SELECT headline FROM stories").fetchall() == [("Committed",)]
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_restore_refuses_a_store_with_stories_and_leaves_it_untouched(tmp_path: Path) -> None:
    backup = create_backup(_filled(tmp_path, "a"), tmp_path / "a.zip").path
    busy = _filled(tmp_path, "b")
    before = _state(busy)
    with pytest.raises(StoreError, match=r"is not empty .*--force"):
        restore_backup(backup, busy)
    assert _state(busy) == before


def test_force_keeps_the_old_store_aside_whole(tmp_path: Path) -> None:
    source = _filled(tmp_path, "a")
    with Store.open(source) as store, store.write() as session:
        save_story(
            session,
            1,
            StoryDraft(headline="Only in A", body="A."),
            base_version=get_story(session, 1).version,
            author="Mara",
        )
    backup = create_backup(source, tmp_path / "a-backup").path
    busy = _filled(tmp_path, "b")
    before = _state(busy)

    result = restore_backup(backup, busy, force=True)
    assert len(result.kept_aside) == 2
    old_db, old_media = result.kept_aside
    assert ".before-restore-" in old_db.name and ".before-restore-" in old_media.name
    assert _state(busy) == _state(source)
    # The store that was there opens from its new name with everything it held.
    assert _state(StoreLocation(resolve(str(old_db)).url, old_media)) == before


def test_an_empty_store_is_simply_replaced(tmp_path: Path) -> None:
    source = _filled(tmp_path, "a")
    backup = create_backup(source, tmp_path / "a.zip").path
    empty = resolve(str(tmp_path / "empty" / "e.sqlite"))
    Store.open(empty).close()
    assert restore_backup(backup, empty).kept_aside == ()
    assert _state(empty) == _state(source)
    assert not list(empty.media_dir.parent.glob("*.before-restore-*"))


def _backup_folder(tmp_path: Path) -> Path:
    return create_backup(_filled(tmp_path, "a"), tmp_path / "good").path


def _no_manifest(folder: Path) -> Path:
    (folder / MANIFEST).unlink()
    return folder


def _bad_database(folder: Path) -> Path:
    (folder / SQLITE_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    return folder


def _newer_schema(folder: Path) -> Path:
    conn = sqlite3.connect(folder / SQLITE_NAME)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return folder


def _zip_slip(folder: Path) -> Path:
    target = folder.parent / "slip.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in folder.rglob("*"):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
        archive.writestr("../escaped.txt", "out")
    return target


def _truncated_zip(folder: Path) -> Path:
    whole = create_backup(resolve(str(folder.parent / "a" / "a.sqlite")), folder.parent / "w.zip")
    data = whole.path.read_bytes()
    cut = folder.parent / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    return cut


def _other_manifest(folder: Path) -> Path:
    (folder / MANIFEST).write_text(json.dumps({"format": "something-else"}))
    return folder


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_no_manifest, "no manifest.json"),
        (_bad_database, "damaged"),
        (_newer_schema, "newer EditorDesk"),
        (_zip_slip, "not allowed"),
        (_truncated_zip, "not a whole EditorDesk backup"),
        (_other_manifest, "not an EditorDesk backup"),
    ],
    ids=["interrupted", "damaged-db", "newer", "zip-slip", "truncated-zip", "foreign"],
)
def test_a_bad_backup_is_refused_and_the_store_left_as_it_was(
    tmp_path: Path, spoil: object, message: str
) -> None:
    backup = spoil(_backup_folder(tmp_path))  # type: ignore[operator]
    target = _filled(tmp_path, "b")
    before = _state(target)
    with pytest.raises(StoreError, match=message):
        restore_backup(backup, target, force=True)
    assert _state(target) == before
    assert not (tmp_path / "escaped.txt").exists()
    assert not list(target.media_dir.parent.glob("*.before-restore-*"))


def test_an_old_schema_backup_is_upgraded_when_restored(tmp_path: Path) -> None:
    old = tmp_path / "old" / "old.sqlite"
    old.parent.mkdir()
    shutil.copy(FIXTURES / "store-0001.sqlite", old)
    location = resolve(str(old))
    backup = tmp_path / "old-backup"
    # A backup of the file as it is (the CLI upgrades first; the service copies what is there).
    create_backup(location, backup)
    assert json.loads((backup / MANIFEST).read_text())["schema"] == "0001"
    restored = resolve(str(tmp_path / "new" / "new.sqlite"))
    restore_backup(backup, restored)
    conn = sqlite3.connect(restored.sqlite_path)  # type: ignore[arg-type]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    conn.close()


def test_daily_backups_are_made_once_a_day_and_the_newest_n_kept(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    folder = daily_folder(location)
    assert folder == tmp_path / "news" / "news-backups"
    start = dt.date(2026, 11, 1)
    for day in range(10):
        made = daily_backup(location, 3, today=start + dt.timedelta(days=day))
        assert made is not None and looks_like_backup(made)
        again = daily_backup(location, 3, today=start + dt.timedelta(days=day))
        assert again is None  # today's exists: nothing done
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == ["daily-2026-11-08", "daily-2026-11-09", "daily-2026-11-10"]
    # Media files are hard links to the store's own where the disk allows: cheap every day.
    media = next((folder / "daily-2026-11-10" / "media").rglob("*.jpg"))
    original = location.media_dir / media.relative_to(folder / "daily-2026-11-10" / "media")
    assert media.stat().st_ino == original.stat().st_ino
    # Each one restores.
    restored = resolve(str(tmp_path / "r" / "r.sqlite"))
    restore_backup(folder / "daily-2026-11-09", restored)
    assert _state(restored) == _state(location)


def test_daily_backups_clean_up_after_an_interrupted_one(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    folder = daily_folder(location)
    assert folder is not None
    leftover = folder / ".daily-2026-11-01.abc.partial"
    leftover.mkdir(parents=True)
    (leftover / SQLITE_NAME).write_bytes(b"half")
    assert daily_backup(location, 7, today=dt.date(2026, 11, 2)) is not None
    assert sorted(p.name for p in folder.iterdir()) == ["daily-2026-11-02"]


def test_daily_backups_can_be_turned_off_and_skip_stores_they_cannot_copy(
    tmp_path: Path,
) -> None:
    location = _filled(tmp_path)
    assert daily_backup(location, 0) is None
    assert not (tmp_path / "news" / "news-backups").exists()
    pg = resolve("postgresql://desk@localhost/news", str(tmp_path / "media"))
    assert daily_backup(pg, 7) is None


def test_a_daily_backup_that_fails_is_a_warning_not_an_error(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    (tmp_path / "news" / "news-backups").write_text("a file where the folder should be")
    warning = daily_backup_or_warning(location, 7)
    assert warning is not None and "could not be made" in warning


def test_postgres_backup_without_pg_dump_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    pg = resolve("postgresql://desk@localhost/news", str(tmp_path / "media"))
    with pytest.raises(StoreError, match=r"pg_dump was not found.*postgresql-client"):
        create_backup(pg, tmp_path / "pg-backup")
    assert not list(tmp_path.glob(".pg-backup*"))


def test_the_window_makes_the_daily_backup_when_it_opens_the_store(tmp_path: Path) -> None:
    spec = importlib.util.find_spec("editordesk.app")
    assert spec is not None and spec.origin is not None
    if "EDITORDESK_QUIT_AFTER_START" not in Path(spec.origin).read_text(encoding="utf-8"):
        pytest.skip("this app.py cannot be told to quit once the store is open")
    location = _filled(tmp_path)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EDITORDESK_QUIT_AFTER_START": "1",
        "EDITORDESK_CONFIG": str(tmp_path / "settings.yaml"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "editordesk", "--db", str(location.sqlite_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    folder = daily_folder(location)
    assert folder is not None
    [made] = list(folder.iterdir())
    assert made.name.startswith("daily-") and looks_like_backup(made)


@pytest.mark.slow
def test_a_postgresql_store_is_dumped_and_restored_with_its_media(tmp_path: Path) -> None:
    from tests import pg

    try:
        server = pg.server()
    except pg.NoServer as exc:
        pytest.skip(str(exc))
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("the PostgreSQL client tools (pg_dump, pg_restore) are not installed")
    with server.database() as first_url, server.database() as second_url:
        source = resolve(first_url.render_as_string(hide_password=False), str(tmp_path / "m1"))
        with Store.open(source) as store:
            [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
            assert result.story is not None
        info = create_backup(source, tmp_path / "pg.zip")
        assert info.engine == "postgresql" and info.stories == 1 and info.media_files == 1
        with zipfile.ZipFile(info.path) as archive:
            assert "store.pgdump" in archive.namelist()
            assert f":{first_url.password}@" not in archive.read(MANIFEST).decode()

        target = resolve(second_url.render_as_string(hide_password=False), str(tmp_path / "m2"))
        Store.open(target).close()  # an empty store is there already
        restore_backup(info.path, target)
        with Store.open(target) as store, store.read() as session:
            story = get_story(session, 1)
        assert story.headline == "Harbour wall gives way after week of storms"
        assert sorted(p.name for p in (tmp_path / "m2").rglob("*.jpg")) == sorted(
            p.name for p in (tmp_path / "m1").rglob("*.jpg")
        )
        # A store with stories in it is refused, as on SQLite; with force, it is dumped aside.
        with pytest.raises(StoreError, match="is not empty"):
            restore_backup(info.path, target)
        result = restore_backup(info.path, target, force=True)
        dump, media = result.kept_aside
        assert dump.name.startswith("m2-database.before-restore-") and looks_like_backup(dump)
        assert media.name.startswith("m2.before-restore-") and media.is_dir()
        with Store.open(target) as store, store.read() as session:
            assert get_story(session, 1).headline.startswith("Harbour wall")


def test_the_thumbnail_cache_and_hidden_files_stay_out_of_a_backup(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    (location.media_dir / ".thumbs" / "ab").mkdir(parents=True)
    (location.media_dir / ".thumbs" / "ab" / "thumb.jpg").write_bytes(b"cache")
    (location.media_dir / ".editordesk-store").write_text("mark")
    info = create_backup(location, tmp_path / "b")
    assert info.media_files == 1
    assert [p.name for p in (info.path / "media").rglob("*") if p.is_file()] == [
        next(p.name for p in location.media_dir.rglob("*.jpg") if ".thumbs" not in p.parts)
    ]


def test_a_damaged_store_is_replaced_by_its_backup_and_kept_aside(tmp_path: Path) -> None:
    """What the "it is damaged" message tells an editor to do, done."""
    location = _filled(tmp_path)
    backup = create_backup(location, tmp_path / "b.zip").path
    path = location.sqlite_path
    assert path is not None
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(StoreError, match=r"damaged.*editordesk restore BACKUP --force"):
        Store.open(location)
    with pytest.raises(StoreError, match="is not empty"):
        restore_backup(backup, location)
    result = restore_backup(backup, location, force=True)
    assert result.kept_aside[0].read_bytes() == data[: len(data) // 3]
    with Store.open(location) as store, store.read() as session:
        assert get_story(session, 1).headline == "Harbour wall: repairs begin"
