"""The image library as the desk browses it: import picture files with the credits they carry,
list and filter what is there, and see which stories use each picture."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from editordesk.errors import InputError
from editordesk.media.folder import MediaFolder
from editordesk.media.metadata import read_metadata
from editordesk.model import ImageFields, ImageRecord
from editordesk.services.images import _record, add_image
from editordesk.store.models import Image, Story, story_images

__all__ = [
    "IMPORTABLE_SUFFIXES",
    "MAX_FILE_BYTES",
    "count_images",
    "image_usage",
    "import_image_file",
    "list_images",
    "metadata_fields",
]

MAX_FILE_BYTES = 200 * 1024 * 1024  # far above any press photo; stops a mis-dropped video
IMPORTABLE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
_CHUNK = 500  # ids per IN (…): well inside every database's limit on bound parameters


def metadata_fields(data: bytes) -> ImageFields:
    """The fields a picture file fills in by itself (XMP, then IPTC, then EXIF)."""
    return read_metadata(data)


def import_image_file(session: Session, media: MediaFolder, path: Path) -> ImageRecord:
    """Put a picture file into the library, its fields pre-filled from its own metadata.

    A picture already in the library (the same bytes) keeps its record; only its empty fields
    are filled from the file. Raises InputError naming the file if it cannot be used."""
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{name} is a folder, not a picture")
        if not path.is_file():  # a device or a pipe: reading it would never end
            raise InputError(f"{name} is not a regular file (a device, a pipe or a socket)")
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{name} is {size / 1_000_000:,.0f} MB; EditorDesk takes pictures up to "
                f"{MAX_FILE_BYTES // 1_000_000} MB"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{name} was not found (was it moved or deleted?)") from exc
    except PermissionError as exc:
        raise InputError(f"{name} could not be read: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name} could not be read: {exc.strerror or exc}") from exc
    return add_image(session, media, data, name, metadata_fields(data))


def _filters(*, missing_credit: bool, missing_alt: bool, query: str) -> list[ColumnElement[Any]]:
    conditions: list[ColumnElement[Any]] = []
    if missing_credit:
        conditions.append(func.trim(Image.credit) == "")
    if missing_alt:
        conditions.append(func.trim(Image.alt_text) == "")
    for word in query.split():
        # SQLite's ILIKE folds only ASCII letters: try the word's common casings as well, so
        # "ärger" finds "Ärger" there too (PostgreSQL folds them all anyway).
        variants = dict.fromkeys((word, word.lower(), word.upper(), word.capitalize()))
        patterns = [
            "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for w in variants
        ]
        conditions.append(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for pattern in patterns
                    for column in (
                        Image.original_name,
                        Image.caption,
                        Image.credit,
                        Image.creator,
                        Image.source,
                    )
                )
            )
        )
    return conditions


def list_images(
    session: Session,
    *,
    missing_credit: bool = False,
    missing_alt: bool = False,
    query: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> list[ImageRecord]:
    """Library pictures, newest import first.

    `query` words must each appear in the file name, caption, credit, creator or source
    (any case); the two flags keep only pictures without a credit or without alt text."""
    statement = (
        select(Image)
        .where(*_filters(missing_credit=missing_credit, missing_alt=missing_alt, query=query))
        .order_by(Image.imported.desc(), Image.id.desc())
        .offset(offset)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return [_record(image) for image in session.scalars(statement)]


def count_images(
    session: Session, *, missing_credit: bool = False, missing_alt: bool = False, query: str = ""
) -> int:
    """How many pictures `list_images` would give with the same filters and no limit."""
    conditions = _filters(missing_credit=missing_credit, missing_alt=missing_alt, query=query)
    return session.scalar(select(func.count(Image.id)).where(*conditions)) or 0


def image_usage(session: Session, image_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    """For each image id: (story id, headline) of every story that shows it, by story id.

    Every id asked about is a key, with an empty list when no story uses it."""
    ids = sorted(set(image_ids))
    usage: dict[int, list[tuple[int, str]]] = {image_id: [] for image_id in ids}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(story_images.c.image_id, Story.id, Story.headline)
            .join(Story, Story.id == story_images.c.story_id)
            .where(story_images.c.image_id.in_(ids[start : start + _CHUNK]))
            .order_by(story_images.c.image_id, Story.id)
        )
        for image_id, story_id, headline in rows:
            usage[image_id].append((story_id, headline))
    return usage
