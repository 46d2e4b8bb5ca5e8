"""Tidying the media folder after crashes.

An import writes a picture's file before it commits the record that names it, so a reader who
hears of the record always finds the file. A process killed between the two leaves a file no
record names: nothing is lost, it only takes space. The sweep removes such files once they are
old enough that no import can still be about to record them (a day; imports take seconds,
and a file being recorded again has its time refreshed by MediaFolder.put).
"""

from __future__ import annotations

import datetime as dt
import os
import time

from sqlalchemy import select

from editordesk.store.db import Store
from editordesk.store.models import Image

SWEEP_AGE = dt.timedelta(days=1)
SWEEP_EVERY = dt.timedelta(days=1)
SWEPT_MARK = ".editordesk-swept"  # in the media folder: its time is the last sweep's


def sweep_unrecorded_media(
    store: Store, *, older_than: dt.timedelta = SWEEP_AGE, now: float | None = None
) -> list[str]:
    """Remove picture files that no image record names and that are older than `older_than`;
    returns their relative paths.

    Only a SQLite store's own media folder is swept. A server store's folder is shared, and a
    database restored to an older dump would make newer pictures look unrecorded: there the
    files are left for the desk's administrator."""
    if not store.location.is_sqlite:
        return []
    cutoff = (time.time() if now is None else now) - older_than.total_seconds()
    candidates = [
        relative for relative, path in store.media.stored_files() if path.stat().st_mtime < cutoff
    ]
    if not candidates:
        return []
    recorded: set[str] = set()
    with store.read() as session:  # read after listing: a record made meanwhile is seen
        for start in range(0, len(candidates), 500):
            chunk = candidates[start : start + 500]
            recorded.update(session.scalars(select(Image.path).where(Image.path.in_(chunk))))
    removed = []
    for relative in candidates:
        if relative in recorded:
            continue
        path = store.media.path_of(relative)
        try:
            if path.stat().st_mtime >= cutoff:  # used again since it was listed
                continue
        except FileNotFoundError:
            continue
        store.media.discard(relative)
        removed.append(relative)
    return removed


def sweep_when_due(
    store: Store, *, every: dt.timedelta = SWEEP_EVERY, now: float | None = None
) -> list[str] | None:
    """The sweep, at most once per `every` for a media folder (the window calls this at each
    start: a library of thousands need not be listed every time). None when not yet due."""
    if not store.location.is_sqlite:
        return None
    mark = store.media.root / SWEPT_MARK
    clock = time.time() if now is None else now
    try:
        if clock - mark.stat().st_mtime < every.total_seconds():
            return None
    except FileNotFoundError:
        pass
    removed = sweep_unrecorded_media(store, now=clock)
    if store.media.root.is_dir():
        mark.touch()
        os.utime(mark, (clock, clock))
    return removed
