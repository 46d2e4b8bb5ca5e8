"""The store's media folder: image files kept by content hash.

Every path handed out or taken back is checked to stay inside the folder, so a crafted
record or shortcode can never read or write elsewhere on the disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from editordesk.errors import EditorDeskError, ValidationError
from editordesk.files import write_atomic
from editordesk.model import ImageRecord

_FAN_OUT = re.compile(r"[0-9a-f]{2}")
_STORED = re.compile(r"(?P<sha>[0-9a-f]{64})\.[a-z0-9]{1,5}")


def _picture_name(image: ImageRecord) -> str:
    return f"image {image.id} ({image.original_name or image.path})"


class MediaFolder:
    """Files named by their SHA-256, fanned out by its first two hex digits."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved_root: Path | None = None

    def relative_path(self, sha256: str, extension: str) -> str:
        return f"{sha256[:2]}/{sha256}{extension}"

    def stored_files(self) -> Iterator[tuple[str, Path]]:
        """Every file named as `relative_path` names them (relative path, path); anything
        else someone put in the folder is not EditorDesk's and is never listed."""
        if not self.root.is_dir():
            return
        for fan in self.root.iterdir():
            if not (fan.is_dir() and _FAN_OUT.fullmatch(fan.name)):
                continue
            for path in fan.iterdir():
                match = _STORED.fullmatch(path.name)
                if match and match["sha"].startswith(fan.name) and path.is_file():
                    yield f"{fan.name}/{path.name}", path

    def path_of(self, relative: str) -> Path:
        """The file for a stored relative path; refuses anything that would leave the folder."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative:
            raise ValidationError(f"media path {relative!r} is not inside the media folder")
        path = self.root.joinpath(*pure.parts)
        if self._resolved_root is None:
            self._resolved_root = self.root.resolve()
        root = self._resolved_root
        resolved = Path(os.path.realpath(path))
        if resolved != root and root not in resolved.parents:
            raise ValidationError(f"media path {relative!r} leads outside the media folder")
        return path

    def read_image(self, image: ImageRecord) -> bytes:
        """A library picture's bytes; EditorDeskError naming the picture when its file is
        missing, unreadable or not a regular file (a pipe there would hang the reader). Every
        writer reads pictures through here, so each says the same."""
        path = self.path_of(image.path)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise EditorDeskError(
                f"{_picture_name(image)} is missing from the media folder: {exc.strerror or exc}"
            ) from exc
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise EditorDeskError(
                    f"{_picture_name(image)} in the media folder is not a regular file"
                )
            try:
                return file.read()
            except OSError as exc:
                raise EditorDeskError(
                    f"{_picture_name(image)} cannot be read from the media folder: "
                    f"{exc.strerror or exc}"
                ) from exc

    def put(self, data: bytes, sha256: str, extension: str) -> tuple[str, bool]:
        """Keep `data` (whose hash is `sha256`); writing the same bytes twice is a no-op.

        Returns the relative path and whether a new file was written."""
        relative = self.relative_path(sha256, extension)
        path = self.path_of(relative)
        if path.is_file() and path.stat().st_size == len(data):
            # Freshly used: the sweep of unrecorded files (services/housekeeping.py) leaves
            # young files alone, and this one is about to be recorded again.
            with contextlib.suppress(FileNotFoundError):
                os.utime(path)
                return relative, False
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        return relative, True

    def discard(self, relative: str) -> None:
        """Remove a file that no record refers to (after a rolled-back import)."""
        with contextlib.suppress(FileNotFoundError):
            self.path_of(relative).unlink()
