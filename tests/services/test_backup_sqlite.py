"""Restoring a SQLite store: held for the whole run, swapped in one rename, kills noticed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.services.backup import SQLITE_NAME, create_backup, restore_backup
from editordesk.services.backup.sqlite import SqliteEngine
from editordesk.services.importing import import_files
from editordesk.services.stories import StoryDraft, create_story, get_story
from editordesk.store.db import Store, restore_paths
from editordesk.store.location import StoreLocation, resolve
from tests.helpers import snapshot, write_harbour


def _filled(tmp_path: Path, name: str) -> StoreLocation:
    location = resolve(str(tmp_path / name / f"{name}.sqlite"))
    with Store.open(location) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
        assert result.story is not None
        with store.write() as session:
            create_story(session, StoryDraft(headline=f"Only in {name}", body="x"), author="M")
    return location


def _state(location: StoreLocation) -> dict[str, object]:
    with Store.open(location) as store:
        return snapshot(store)


def test_while_a_restore_holds_the_store_others_are_told(tmp_path: Path) -> None:
    live = _filled(tmp_path, "b")
    window = Store.open(live)
    try:
        with SqliteEngine(live).exclusive():
            with pytest.raises(StoreError, match="is being restored"):
                Store.open(live)
            with pytest.raises(StoreError, match="is being restored"), window.write() as session:
                create_story(session, StoryDraft(headline="During", body="x"), author="M")
            with (
                pytest.raises(StoreError, match="being restored already"),
                SqliteEngine(live).exclusive(),
            ):
                pass
        with window.write() as session:  # the restore gave up: saving works again
            story = create_story(session, StoryDraft(headline="After", body="x"), author="M")
        with window.read() as session:
            assert get_story(session, story.id).headline == "After"
    finally:
        window.close()
    assert not restore_paths(live)[0].exists()


def test_a_window_open_across_a_restore_cannot_save_into_the_old_file(tmp_path: Path) -> None:
    source, live = _filled(tmp_path, "a"), _filled(tmp_path, "b")
    backup = create_backup(source, tmp_path / "a.zip").path
    window = Store.open(live)
    try:
        with window.write() as session:  # the window has saved before
            create_story(session, StoryDraft(headline="Before", body="x"), author="M")
        result = restore_backup(backup, live, force=True)
        with (
            pytest.raises(StoreError, match=r"replaced by a restore.*open it again"),
            window.write() as session,
        ):
            create_story(session, StoryDraft(headline="Lost?", body="x"), author="M")
    finally:
        window.close()
    assert _state(live) == _state(source)
    # What the window saved before the restore is in the store kept aside.
    conn = sqlite3.connect(result.kept_aside[0])
    assert ("Before",) in conn.execute("SELECT headline FROM stories").fetchall()
    conn.close()


_KILLED_AT = """
import os, sys
from pathlib import Path
from editordesk.services.backup import restore_backup
from editordesk.store.location import resolve

location = resolve(sys.argv[2])
point = sys.argv[3]
real_rename, real_replace = os.rename, os.replace

def rename(src, dst, *a, **k):
    if point == "media" and Path(dst) == location.media_dir and Path(src).name == "media":
        os._exit(9)  # killed between moving the old pictures aside and placing the new
    return real_rename(src, dst, *a, **k)

def replace(src, dst, *a, **k):
    if point == "database" and Path(src).name == "prepared.sqlite":
        os._exit(9)  # killed with the journal written, just before the database swap
    return real_replace(src, dst, *a, **k)

os.rename, os.replace = rename, replace
restore_backup(Path(sys.argv[1]), location, force=True)
"""


@pytest.mark.parametrize("point", ["database", "media"])
def test_a_restore_killed_half_way_is_noticed_and_finished_by_the_next(
    tmp_path: Path, point: str
) -> None:
    source, live = _filled(tmp_path, "a"), _filled(tmp_path, "b")
    before = _state(live)
    backup = create_backup(source, tmp_path / "a.zip").path
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, str(backup), str(live.sqlite_path), point],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    assert live.sqlite_path is not None and live.sqlite_path.is_file()  # never no store
    # Killed at the media swap: the pictures were between folders.
    assert live.media_dir.exists() == (point == "database")
    with pytest.raises(StoreError, match=r"restore .* was interrupted.*restore .*a\.zip --force"):
        Store.open(live)
    engine = SqliteEngine(live)
    with engine.exclusive():
        said = engine.finish_interrupted()
    assert said is not None and ("undone" in said) == (point == "database")
    if point == "database":  # nothing had been replaced: the store is as it was
        assert _state(live) == before
    restore_backup(backup, live, force=True)
    assert _state(live) == _state(source)
    assert not restore_paths(live)[1].exists()
    # The store and pictures that were there before the first attempt are still kept aside.
    kept = sorted(p.name for p in live.media_dir.parent.glob("b*.before-restore-*"))
    assert any(name.startswith("b.sqlite.") for name in kept)
    assert any(name.startswith("b-media.") for name in kept)
    assert not list(live.media_dir.parent.glob(".*partial"))


def test_a_lock_left_by_a_restore_killed_before_it_touched_anything_is_cleared(
    tmp_path: Path,
) -> None:
    live = _filled(tmp_path, "b")
    lock = restore_paths(live)[0]
    lock.write_text("12345\n")  # no process holds it
    with Store.open(live) as store, store.write() as session:
        create_story(session, StoryDraft(headline="Fine", body="x"), author="M")
    assert not lock.exists()


def test_a_backup_missing_a_table_is_refused_at_restore_time(tmp_path: Path) -> None:
    source = _filled(tmp_path, "a")
    folder = create_backup(source, tmp_path / "lacking").path
    conn = sqlite3.connect(folder / SQLITE_NAME)
    conn.execute("DROP TABLE autosaves")
    conn.commit()
    conn.close()
    # The manifest's size is the one thing a changed file would give away; agree with it.
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["database_size"] = (folder / SQLITE_NAME).stat().st_size
    (folder / "manifest.json").write_text(json.dumps(manifest))
    target = resolve(str(tmp_path / "new" / "new.sqlite"))
    with pytest.raises(StoreError, match=r"lacks the table autosaves"):
        restore_backup(folder, target)
    assert not target.sqlite_path.exists()  # type: ignore[union-attr]


def test_a_restore_into_an_empty_store_replaces_it_in_one_rename(tmp_path: Path) -> None:
    source = _filled(tmp_path, "a")
    backup = create_backup(source, tmp_path / "a").path
    empty = resolve(str(tmp_path / "e" / "e.sqlite"))
    Store.open(empty).close()
    assert empty.sqlite_path is not None
    old_inode = empty.sqlite_path.stat().st_ino
    restore_backup(backup, empty)
    assert empty.sqlite_path.stat().st_ino != old_inode
    assert not empty.sqlite_path.with_name("e.sqlite-wal").exists() or (
        empty.sqlite_path.with_name("e.sqlite-wal").stat().st_size == 0
    )
    assert _state(empty) == _state(source)


def test_pictures_that_cannot_be_moved_put_the_old_store_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from editordesk.services.backup import base

    source, live = _filled(tmp_path, "a"), _filled(tmp_path, "b")
    backup = create_backup(source, tmp_path / "a.zip").path
    before = _state(live)
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:  # the disk refuses to move the old pictures
        if Path(str(src)) == live.media_dir:
            raise OSError(errno.EACCES, "Permission denied")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(base.os, "rename", rename)
    with pytest.raises(StoreError, match=r"pictures in place .*the store that was there is back"):
        restore_backup(backup, live, force=True)
    assert _state(live) == before
    assert not restore_paths(live)[1].exists()  # no journal: nothing half-done
