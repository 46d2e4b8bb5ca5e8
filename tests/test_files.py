"""Whole files or none (files.py): the atomic replace every writer uses."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editordesk.files import replacing, write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_is_written_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_atomic(target, b"<p>new</p>")
    assert target.read_bytes() == b"<p>new</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk gone")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="no file modes on this system")
def test_a_replaced_file_keeps_its_mode_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomic(kept, b"new")
    assert _mode(kept) == 0o640
    mask = os.umask(0o022)
    os.umask(mask)
    fresh = tmp_path / "fresh.txt"
    write_atomic(fresh, b"new")
    assert _mode(fresh) == 0o666 & ~mask
    private = tmp_path / "settings.yaml"
    write_atomic(private, b"store: postgresql://desk:secret@db/news", mode=0o600)
    assert _mode(private) == 0o600
