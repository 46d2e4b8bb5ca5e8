"""Pictures into the library, as the window's import and drop call it: one store action per
file, a folder's pictures by name, and a sentence naming each file that could not be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editordesk.services.library import list_images
from editordesk.services.picture_import import expand_paths, import_pictures
from editordesk.store.db import Store
from tests.helpers import snapshot, write_image


def test_a_batch_goes_on_past_a_bad_file_and_names_it(store: Store, tmp_path: Path) -> None:
    good = write_image(tmp_path / "quay.jpg")
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"not a picture at all")
    missing = tmp_path / "gone.jpg"
    heard: list[tuple[int, int, str]] = []
    outcome = import_pictures(store, [bad, good, missing], lambda *p: heard.append(p))
    assert [r.original_name for r in outcome.records] == ["quay.jpg"]
    assert [name for name, _ in outcome.problems] == ["notes.png", "gone.jpg"]
    assert all(reason.startswith(name) for name, reason in outcome.problems)
    assert outcome.asked == 3
    assert outcome.summary() == "1 picture in the library; 2 not imported"
    assert heard == [(0, 3, "notes.png"), (1, 3, "quay.jpg"), (2, 3, "gone.jpg"), (3, 3, "")]
    with store.read() as session:
        assert len(list_images(session)) == 1


def test_a_folder_gives_its_pictures_by_name_and_the_same_picture_counts_once(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "shoot"
    write_image(folder / "b.png", color=(1, 2, 3))
    write_image(folder / "sub" / "a.jpg", color=(4, 5, 6))
    write_image(folder / ".hidden.jpg")
    (folder / "caption.txt").write_text("not a picture", encoding="utf-8")
    assert expand_paths([folder, folder / "b.png"]) == [folder / "b.png", folder / "sub" / "a.jpg"]
    copy = tmp_path / "copy.png"
    copy.write_bytes((folder / "b.png").read_bytes())
    outcome = import_pictures(store, [folder, copy])
    assert outcome.asked == 3 and not outcome.problems
    assert sorted(r.original_name for r in outcome.records) == ["a.jpg", "b.png"]
    assert outcome.summary() == "2 pictures in the library"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_refused_without_reading_it_and_nothing_is_stored(
    store: Store, tmp_path: Path
) -> None:
    pipe = tmp_path / "feed.jpg"
    os.mkfifo(pipe)
    before = snapshot(store)
    outcome = import_pictures(store, [pipe])
    assert outcome.records == () and outcome.problems[0][0] == "feed.jpg"
    assert "not a regular file" in outcome.problems[0][1]
    assert snapshot(store) == before
