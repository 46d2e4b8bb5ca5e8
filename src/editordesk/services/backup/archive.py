"""A backup's files: the media listing, copying, zipping, unpacking within limits, checking.

Only regular files are ever copied: a link (or a device, or a pipe) in a media folder or in
a backup folder is never followed, so a planted link cannot carry a file from elsewhere on
the disk into a backup or into a store. Work happens in hidden `.partial` folders named with
the process's id, so leftovers of a killed backup or restore are recognised and removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from editordesk.errors import StoreError
from editordesk.services.backup.manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MEDIA,
    Manifest,
)

Progress = Callable[[int, int, str], None]  # done, in all, the item's name

# A backup's zip may not unpack to more than this many times its own size (pictures are
# stored, the database deflated: a real backup is well under 10x), nor past this floor for a
# small one whose database is mostly empty pages. A 2 MB zip that unpacks to 2 GB is refused.
MAX_RATIO = 200
RATIO_FLOOR = 256 * 1024 * 1024
MAX_MEMBERS = 5_000_000
SPACE_MARGIN = 64 * 1024 * 1024  # left free on the disk after unpacking
_LEFTOVER = re.compile(r"\.(?:restore|.+)\.(\d+)\..*\.partial")
# Leftovers of EditorDesk before work folders carried the process's id: removed a day on.
_OLD_LEFTOVER = re.compile(r"\.restore-.+\.partial|\..+\.zip\.[^.]+\.tmp")
OLD_LEFTOVER_AGE_S = 24 * 3600


def media_files(root: Path) -> tuple[list[Path], list[str]]:
    """(the pictures in a media folder, the entries skipped). Hidden files and folders (the
    thumbnail cache, the shared folder's mark, temporary files) are the folder's own
    business; links, devices and pipes are skipped, never followed."""
    files: list[Path] = []
    skipped: list[str] = []
    if not root.is_dir() or root.is_symlink():
        return files, skipped
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (here / name).is_symlink():
                dirs.remove(name)
                skipped.append((here / name).relative_to(root).as_posix())
        for name in names:
            if name.startswith("."):
                continue
            path = here / name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                files.append(path)
            else:
                skipped.append(path.relative_to(root).as_posix())
    return sorted(files), sorted(skipped)


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link (media never change once written) or copy a regular file, never a link."""
    if not stat.S_ISREG(source.lstat().st_mode):
        raise StoreError(f"{source} is not a regular file; it was not copied")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # another disk, or a file system without hard links
        shutil.copyfile(source, target, follow_symlinks=False)
        shutil.copystat(source, target, follow_symlinks=False)


def safe_member(name: str) -> PurePosixPath:
    """A path inside a backup, refused if it would lead outside the folder it unpacks into."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or not pure.parts:
        raise StoreError(f"the backup holds a file named {name!r}, which is not allowed")
    return pure


def fsync_tree(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def work_folder(parent: Path, name: str) -> Path:
    """A hidden `.partial` folder in `parent` for this process's work; leftovers of killed
    processes in `parent` are removed first."""
    clean_leftovers(parent)
    return Path(tempfile.mkdtemp(prefix=f".{name}.{os.getpid()}.", suffix=".partial", dir=parent))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _old(path: Path) -> bool:
    import time

    try:
        return time.time() - path.lstat().st_mtime > OLD_LEFTOVER_AGE_S
    except OSError:
        return False


def clean_leftovers(parent: Path) -> list[Path]:
    """Remove `.partial` work folders (and the half-written archives in them) that a killed
    backup or restore left in `parent`; a running one's are kept."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for path in parent.iterdir():
            found = _LEFTOVER.fullmatch(path.name)
            if found is not None:
                if _alive(int(found.group(1))):
                    continue
            elif _OLD_LEFTOVER.fullmatch(path.name) is None or not _old(path):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(path)
    return removed


def zip_folder(folder: Path, target: Path, progress: Progress | None = None) -> None:
    """`folder` as one zip at `target`, written inside the folder first and renamed when
    whole: an interrupted archive is only ever a leftover of the work folder."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    tmp = folder / ".archive.zip.tmp"
    with zipfile.ZipFile(tmp, "w", allowZip64=True) as archive:
        for number, path in enumerate(paths, 1):
            name = path.relative_to(folder).as_posix()
            # Pictures are compressed already; the database shrinks a lot.
            method = zipfile.ZIP_STORED if name.startswith(MEDIA) else zipfile.ZIP_DEFLATED
            archive.write(path, name, compress_type=method)
            if progress is not None:
                progress(number, len(paths), name)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def read_zip_manifest(archive: zipfile.ZipFile, where: Path) -> Manifest:
    import json

    try:
        member = archive.getinfo(MANIFEST)
    except KeyError:
        raise StoreError(
            f"{where} is not an EditorDesk backup (it has no {MANIFEST}; an interrupted "
            "backup never gets one)"
        ) from None
    if member.file_size > MAX_MANIFEST_BYTES:
        raise StoreError(f"the backup {where} has a {MANIFEST} too large to be one")
    try:
        data = json.loads(archive.read(member).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise StoreError(f"the backup {where} has a damaged {MANIFEST}: {exc}") from exc
    return Manifest.from_json(data, where)


def unpack(backup: Path, scratch: Path, progress: Progress | None = None) -> Manifest:
    """Unpack a backup's zip into `scratch`, within limits; its manifest."""
    try:
        with zipfile.ZipFile(backup) as archive:
            manifest = read_zip_manifest(archive, backup)
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise StoreError(f"{backup} holds {len(members):,} files, too many for a backup")
            names = [m.filename for m in members]
            if len(set(names)) != len(names):
                raise StoreError(f"{backup} holds the same file twice; it is not a whole backup")
            total = sum(m.file_size for m in members)
            allowed = max(MAX_RATIO * backup.stat().st_size, RATIO_FLOOR)
            if total > allowed:
                raise StoreError(
                    f"{backup} would unpack to {total:,} bytes from {backup.stat().st_size:,}, "
                    f"more than {MAX_RATIO} times its size; it is refused as a zip bomb"
                )
            free = shutil.disk_usage(scratch).free
            if total + SPACE_MARGIN > free:
                raise StoreError(
                    f"{backup} unpacks to {total:,} bytes and the disk of {scratch.parent} "
                    f"has {free:,} free; free some space and try again"
                )
            for number, member in enumerate(members, 1):
                name = safe_member(member.filename)
                if member.is_dir():
                    continue
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise StoreError(
                        f"the backup holds a link named {member.filename!r}; links are refused"
                    )
                dest = scratch.joinpath(*name.parts)
                dest.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, dest.open("xb") as out:
                    written = 0
                    while chunk := src.read(1024 * 1024):
                        written += len(chunk)
                        if written > member.file_size:  # a header that lies
                            raise StoreError(f"{backup}: {member.filename} is larger than it says")
                        out.write(chunk)
                if progress is not None:
                    progress(number, len(members), name.as_posix())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, FileExistsError) as exc:
        raise StoreError(f"{backup} is not a whole EditorDesk backup: {exc}") from exc
    return manifest


def check_files(folder: Path, manifest: Manifest) -> tuple[list[Path], list[str]]:
    """Check that a backup folder holds what its manifest lists, and only regular files:
    the database at its size, every picture at its size. The pictures, and the links
    skipped (with a warning) in its media folder."""
    database = folder / manifest.database
    if manifest.database != PurePosixPath(manifest.database).name:
        raise StoreError(f"the backup names its database {manifest.database!r}; not allowed")
    try:
        mode = database.lstat().st_mode
    except FileNotFoundError:
        raise StoreError(f"the backup has no {manifest.database}") from None
    if not stat.S_ISREG(mode):
        raise StoreError(f"the backup's {manifest.database} is not a regular file (a link?)")
    size = database.stat().st_size
    if manifest.database_size is not None and size != manifest.database_size:
        raise StoreError(
            f"the backup's {manifest.database} is {size:,} bytes, not the "
            f"{manifest.database_size:,} it was written with: it is cut short or damaged"
        )
    root = folder / MEDIA
    if root.is_symlink():
        raise StoreError("the backup's media folder is a link; links are refused")
    files, skipped = media_files(root)
    found = {p.relative_to(root).as_posix(): p.stat().st_size for p in files}
    for name in found:
        safe_member(name)
    if manifest.media is not None:
        listed = dict(manifest.media)
        lost = sorted(set(listed) - set(found))
        if lost:
            raise StoreError(
                f"the backup lacks {len(lost)} of the pictures it was made with "
                f"(first: media/{lost[0]}); it is not whole"
            )
        extra = sorted(set(found) - set(listed))
        if extra:
            raise StoreError(
                f"the backup holds pictures its manifest does not list (first: media/{extra[0]}); "
                "it was changed after it was made"
            )
        wrong = sorted(n for n in listed if found[n] != listed[n])
        if wrong:
            raise StoreError(
                f"the backup's picture media/{wrong[0]} is not the size it was written with; "
                "it is damaged"
            )
    elif len(found) < manifest.media_files:
        raise StoreError(
            f"the backup holds {len(found)} pictures, not the {manifest.media_files} its "
            "manifest says; it is not whole"
        )
    return files, skipped
