"""Small file helpers every layer may use."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` to write whole. Leaving the block without an error puts
    it on the disk and renames it over `path`; an error (or a kill) leaves only a hidden
    `.tmp`, so `path` is never half-written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write through a temporary file and a rename, so a crash never leaves half a file.

    The file gets `mode`, else the mode of the file it replaces, else what the user's umask
    gives a new file (an exported page must be readable by the web server, not only by us)."""
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        if hasattr(os, "fchmod"):  # not on Windows, whose files have no such modes
            if mode is None:
                try:
                    mode = path.stat().st_mode & 0o777
                except OSError:
                    mode = 0o666 & ~_umask()
            os.fchmod(fh.fileno(), mode)
        fh.write(data)
