"""The manifest a backup carries: written and read back typed, anything else refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.services.backup.manifest import (
    MANIFEST,
    Manifest,
    read_manifest,
    write_manifest,
)


def _manifest() -> Manifest:
    return Manifest(
        engine="sqlite",
        database="store.sqlite",
        schema="0005",
        created="2026-12-01T09:00:00+00:00",
        stories=3,
        media_files=1,
        missing_media=("ab/gone.jpg",),
        source="/home/m/news.sqlite",
        database_size=4096,
        media=(("cd/pic.jpg", 789),),
    )


def test_a_manifest_reads_back_as_written(tmp_path: Path) -> None:
    write_manifest(tmp_path, _manifest())
    assert read_manifest(tmp_path) == _manifest()


def test_a_manifest_of_an_older_backup_without_sizes_still_reads(tmp_path: Path) -> None:
    data = _manifest().to_json()
    del data["database_size"], data["media"]
    (tmp_path / MANIFEST).write_text(json.dumps(data))
    read = read_manifest(tmp_path)
    assert read.database_size is None and read.media is None and read.stories == 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stories", "lots", "'stories' is wrong"),
        ("stories", -1, "'stories' is wrong"),
        ("engine", "mysql", "'engine' is wrong"),
        ("media", ["a"], "'media' is wrong"),
        ("schema", 5, "'schema' is wrong"),
        ("format", "zip", "is not an EditorDesk backup"),
        ("version", 2, "in format 2"),
    ],
)
def test_a_wrong_field_is_refused_in_words(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    data = _manifest().to_json()
    data[field] = value
    (tmp_path / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(StoreError, match=message):
        read_manifest(tmp_path)


def test_a_manifest_that_is_a_link_is_refused(tmp_path: Path) -> None:
    write_manifest(tmp_path, _manifest())
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / MANIFEST).symlink_to(tmp_path / MANIFEST)
    with pytest.raises(StoreError, match="not a regular file"):
        read_manifest(tmp_path / "b")
