"""A backup's files: regular files only, unpacking within limits, leftovers cleaned up."""

from __future__ import annotations

import os
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.services.backup import MANIFEST, SQLITE_NAME, create_backup, restore_backup
from editordesk.services.backup.archive import clean_leftovers, media_files
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests.helpers import write_harbour


def _filled(tmp_path: Path, name: str = "news") -> StoreLocation:
    location = resolve(str(tmp_path / name / f"{name}.sqlite"))
    with Store.open(location) as store:
        [result] = import_files(store, [write_harbour(tmp_path / "in")], author="Mara")
        assert result.story is not None
    return location


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_link_in_the_media_folder_is_skipped_never_followed(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2")
    (location.media_dir / "ab").mkdir(exist_ok=True)
    (location.media_dir / "ab" / "planted.jpg").symlink_to(secret)
    (location.media_dir / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    info = create_backup(location, tmp_path / "b.zip")
    assert info.skipped == ("ab/planted.jpg", "linked-folder")
    assert info.media_files == 1
    with zipfile.ZipFile(info.path) as archive:
        assert not any(b"hunter2" in archive.read(name) for name in archive.namelist())
        assert not any("planted" in name or "linked" in name for name in archive.namelist())


def test_a_link_in_a_backup_folder_is_refused_or_left_out(tmp_path: Path) -> None:
    backup = create_backup(_filled(tmp_path), tmp_path / "b").path
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2")
    (backup / "media" / "planted.jpg").symlink_to(secret)
    target = resolve(str(tmp_path / "r" / "r.sqlite"))
    result = restore_backup(backup, target)
    assert result.skipped == ("planted.jpg",)
    assert not (target.media_dir / "planted.jpg").exists()
    # The database itself a link: refused.
    (backup / SQLITE_NAME).rename(tmp_path / "real.sqlite")
    (backup / SQLITE_NAME).symlink_to(tmp_path / "real.sqlite")
    with pytest.raises(StoreError, match="is not a regular file"):
        restore_backup(backup, resolve(str(tmp_path / "s" / "s.sqlite")))


def test_a_link_inside_a_backup_zip_is_refused(tmp_path: Path) -> None:
    folder = create_backup(_filled(tmp_path), tmp_path / "b").path
    archive = tmp_path / "linked.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(folder).as_posix())
        link = zipfile.ZipInfo("media/zz/link.jpg")
        link.external_attr = (0o120777 << 16) | 0
        z.writestr(link, "/etc/shadow")
    with pytest.raises(StoreError, match="links are refused"):
        restore_backup(archive, resolve(str(tmp_path / "r" / "r.sqlite")))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    folder = create_backup(_filled(tmp_path), tmp_path / "b").path
    bomb = tmp_path / "bomb.zip"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.write(folder / MANIFEST, MANIFEST)
        z.write(folder / SQLITE_NAME, SQLITE_NAME)
        with z.open("media/zz/huge.jpg", "w", force_zip64=True) as out:
            for _ in range(300):  # 300 MB of zeros: a few hundred KB packed
                out.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    target = resolve(str(tmp_path / "r" / "r.sqlite"))
    with pytest.raises(StoreError, match=r"would unpack to .* refused as a zip bomb"):
        restore_backup(bomb, target)
    assert not target.sqlite_path.exists()  # type: ignore[union-attr]
    assert not list((tmp_path / "r").glob(".restore*"))


def test_leftovers_of_killed_backups_and_restores_are_removed(tmp_path: Path) -> None:
    location = _filled(tmp_path)
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    dead, alive = _dead_pid(), os.getpid()
    stale = shelf / f".b.zip.{dead}.x1.partial"
    running = shelf / f".c.zip.{alive}.x2.partial"
    for folder in (stale, running):
        folder.mkdir()
        (folder / ".archive.zip.tmp").write_bytes(b"PK half")
    create_backup(location, shelf / "b.zip")
    assert not stale.exists() and running.exists()
    stale_restore = location.media_dir.parent / f".restore.{dead}.x3.partial"
    stale_restore.mkdir()
    # An older EditorDesk's leftovers carry no process id: removed once a day old.
    old_style = location.media_dir.parent / ".restore-abc123.partial"
    old_style.mkdir()
    recent = location.media_dir.parent / ".restore-def456.partial"
    recent.mkdir()
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_style, (day_ago, day_ago))
    removed = clean_leftovers(location.media_dir.parent)
    assert sorted(removed) == sorted([stale_restore, old_style]) and recent.exists()


def test_the_media_listing_takes_regular_files_only(tmp_path: Path) -> None:
    root = tmp_path / "media"
    (root / "ab").mkdir(parents=True)
    (root / "ab" / "pic.jpg").write_bytes(b"jpg")
    (root / ".thumbs").mkdir()
    (root / ".thumbs" / "t.jpg").write_bytes(b"t")
    os.mkfifo(root / "ab" / "pipe.jpg")
    (root / "ab" / "link.jpg").symlink_to(root / "ab" / "pic.jpg")
    files, skipped = media_files(root)
    assert [p.name for p in files] == ["pic.jpg"]
    assert skipped == ["ab/link.jpg", "ab/pipe.jpg"]


@pytest.mark.parametrize(
    "target",
    ["/proc/x.zip", "/proc/self/x", "/dev/null/x.zip", "/dev/null"],
    ids=["proc", "proc-folder", "under-a-device", "a-device"],
)
def test_a_backup_to_a_place_it_cannot_go_is_one_sentence(tmp_path: Path, target: str) -> None:
    location = _filled(tmp_path)
    with pytest.raises(StoreError, match=r"cannot write the backup|already exists") as caught:
        create_backup(location, Path(target))
    assert "\n" not in str(caught.value)
