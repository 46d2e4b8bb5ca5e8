from __future__ import annotations

import os
from pathlib import Path

import pytest

from editordesk.errors import ValidationError
from editordesk.media.folder import MediaFolder


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
