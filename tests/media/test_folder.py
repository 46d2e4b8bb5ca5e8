from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from editordesk.errors import EditorDeskError, ValidationError
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageFields, ImageRecord


def test_files_are_kept_by_hash_and_written_once(tmp_path: Path) -> None:
    media = MediaFolder(tmp_path / "media")
    rel, written = media.put(b"bytes", "ab" + "0" * 62, ".jpg")
    assert written
    assert rel == "ab/ab" + "0" * 62 + ".jpg"
    assert media.path_of(rel).read_bytes() == b"bytes"
    inode = media.path_of(rel).stat().st_ino  # a rewrite (temporary file, rename) changes it
    assert media.put(b"bytes", "ab" + "0" * 62, ".jpg") == (rel, False)
    assert media.path_of(rel).stat().st_ino == inode  # not written again (only its time set)
    assert not [p for p in media.root.rglob("*.tmp")]


@pytest.mark.parametrize(
    "relative",
    ["../secret.txt", "/etc/passwd", "ab/../../x", "", "a\\..\\..\\x", "ab/../../../etc"],
)
def test_paths_that_leave_the_media_folder_are_refused(tmp_path: Path, relative: str) -> None:
    media = MediaFolder(tmp_path / "media")
    with pytest.raises(ValidationError, match="media"):
        media.path_of(relative)


def test_a_symlink_out_of_the_media_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "media" / "ab").mkdir(parents=True)
    (tmp_path / "outside.jpg").write_bytes(b"not yours")
    os.symlink(tmp_path / "outside.jpg", tmp_path / "media" / "ab" / "link.jpg")
    with pytest.raises(ValidationError, match="outside the media folder"):
        MediaFolder(tmp_path / "media").path_of("ab/link.jpg")


def _record(relative: str) -> ImageRecord:
    moment = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    return ImageRecord(
        id=7, sha256="ab" * 32, path=relative, original_name="quay.jpg", mime_type="image/jpeg",
        byte_size=3, width=1, height=1, fields=ImageFields(), imported=moment, updated=moment,
    )  # fmt: skip


def test_every_writer_reads_a_picture_one_way(tmp_path: Path) -> None:
    media = MediaFolder(tmp_path / "media")
    relative, _ = media.put(b"abc", "ab" * 32, ".jpg")
    assert media.read_image(_record(relative)) == b"abc"
    with pytest.raises(EditorDeskError, match=r"^image 7 \(quay.jpg\) is missing from the media"):
        media.read_image(_record("cd/" + "cd" * 32 + ".jpg"))
    with pytest.raises(ValidationError, match="not inside the media folder"):
        media.read_image(_record("../outside.jpg"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_in_place_of_a_picture_is_refused_not_waited_on(tmp_path: Path) -> None:
    media = MediaFolder(tmp_path / "media")
    relative = media.relative_path("ef" * 32, ".jpg")
    (media.root / relative).parent.mkdir(parents=True)
    os.mkfifo(media.root / relative)
    with pytest.raises(EditorDeskError, match=r"image 7 \(quay.jpg\) .* is not a regular file"):
        media.read_image(_record(relative))
