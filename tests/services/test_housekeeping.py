"""Picture files left by a killed import are swept once they are old; nothing else is."""

from __future__ import annotations

import hashlib
import io
import os
import time

import pytest
from PIL import Image as PILImage

from editordesk.services.housekeeping import (
    SWEEP_AGE,
    SWEEP_EVERY,
    SWEPT_MARK,
    sweep_unrecorded_media,
    sweep_when_due,
)
from editordesk.services.images import add_image
from editordesk.store.db import Store


def _png(shade: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (shade, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def _age(path: os.PathLike[str], seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_only_old_unrecorded_files_of_our_own_naming_are_swept(store: Store) -> None:
    if not store.location.is_sqlite:
        pytest.skip("a server store's shared media folder is never swept")
    with store.write() as session:
        kept = add_image(session, store.media, _png(10), "kept.png")
    orphan_data = _png(20)
    orphan, _ = store.media.put(orphan_data, hashlib.sha256(orphan_data).hexdigest(), ".png")
    young_data = _png(30)
    young, _ = store.media.put(young_data, hashlib.sha256(young_data).hexdigest(), ".png")
    stranger = store.media.root / "ab" / "notes.txt"
    stranger.parent.mkdir(exist_ok=True)
    stranger.write_text("someone else's")
    old = SWEEP_AGE.total_seconds() + 60
    for relative in (kept.path, orphan):
        _age(store.media.path_of(relative), old)
    _age(stranger, old)

    assert sweep_unrecorded_media(store) == [orphan]
    assert not store.media.path_of(orphan).exists()
    assert store.media.path_of(kept.path).is_file()  # recorded, however old
    assert store.media.path_of(young).is_file()  # an import may be about to record it
    assert stranger.is_file()  # not named as EditorDesk names its files


def test_a_file_imported_again_is_fresh_and_kept(store: Store) -> None:
    """The same bytes imported again reuse the file on disk; its time is refreshed so the
    sweep cannot take it between the reuse and the record's commit."""
    if not store.location.is_sqlite:
        pytest.skip("a server store's shared media folder is never swept")
    data = _png(40)
    relative, _ = store.media.put(data, hashlib.sha256(data).hexdigest(), ".png")
    _age(store.media.path_of(relative), SWEEP_AGE.total_seconds() + 60)
    with store.write() as session:
        again = add_image(session, store.media, data, "again.png")
    assert again.path == relative
    assert sweep_unrecorded_media(store) == []
    assert store.media.path_of(relative).is_file()


def test_a_server_store_is_never_swept(store: Store) -> None:
    if store.location.is_sqlite:
        pytest.skip("about server stores")
    data = _png(50)
    relative, _ = store.media.put(data, hashlib.sha256(data).hexdigest(), ".png")
    _age(store.media.path_of(relative), SWEEP_AGE.total_seconds() + 60)
    assert sweep_unrecorded_media(store) == []
    assert sweep_when_due(store) is None
    assert store.media.path_of(relative).is_file()
    assert not (store.media.root / SWEPT_MARK).exists()


def test_the_window_sweeps_once_a_day_not_at_every_start(store: Store) -> None:
    if not store.location.is_sqlite:
        pytest.skip("a server store's shared media folder is never swept")
    now = time.time()
    orphans = []
    for shade in (60, 70):
        data = _png(shade)
        relative, _ = store.media.put(data, hashlib.sha256(data).hexdigest(), ".png")
        _age(store.media.path_of(relative), SWEEP_AGE.total_seconds() + 60)
        orphans.append(relative)
    assert sorted(sweep_when_due(store, now=now) or []) == sorted(orphans)
    mark = store.media.root / SWEPT_MARK
    assert mark.is_file()

    third = _png(80)
    orphan, _ = store.media.put(third, hashlib.sha256(third).hexdigest(), ".png")
    _age(store.media.path_of(orphan), SWEEP_AGE.total_seconds() + 60)
    later_today = now + SWEEP_EVERY.total_seconds() / 2
    assert sweep_when_due(store, now=later_today) is None  # started again the same day
    assert store.media.path_of(orphan).is_file()
    tomorrow = now + SWEEP_EVERY.total_seconds() + 60
    assert sweep_when_due(store, now=tomorrow) == [orphan]
