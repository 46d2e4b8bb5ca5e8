"""The image library: add files (once per content), edit their credits, see where they are used.

A picture's details are edited like a story: each save is based on the version the editor
opened (`base_version`), a save over someone else's newer one is refused with both sets of
details (`ImageConflictError`), and every saved set is kept (`image_history`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from editordesk.errors import EditorDeskError, NotFoundError
from editordesk.media.folder import MediaFolder
from editordesk.media.images import inspect_image
from editordesk.model import FIELD_NAMES, ImageFields, ImageRecord
from editordesk.services.limits import check_lengths
from editordesk.services.races import IntegrityError, racing_insert
from editordesk.store.db import NEW_MEDIA
from editordesk.store.models import Image, ImageRevision, Story, story_images, utcnow

__all__ = ["ImageConflictError", "ImageFields", "ImageRecord", "ImageRevisionRecord"]


@dataclass(frozen=True)
class ImageRevisionRecord:
    """A picture's details as one save left them."""

    number: int
    author: str
    saved: dt.datetime
    fields: ImageFields


class ImageConflictError(EditorDeskError):
    """Someone saved the picture's details after the version this save was based on."""

    def __init__(self, theirs: ImageRecord, author: str) -> None:
        self.theirs = theirs
        self.author = author
        super().__init__(
            f"picture {theirs.original_name or theirs.id} was saved by {author or 'someone else'} "
            "since you opened it; nothing was overwritten"
        )


def _keep_revision(session: Session, image: Image, author: str) -> None:
    fields = ImageFields(**{name: getattr(image, name) for name in FIELD_NAMES})
    session.add(
        ImageRevision(
            image_id=image.id,
            number=image.version,
            author=author[:300],
            saved=image.updated,
            fields=asdict(fields),
        )
    )


def _record(image: Image) -> ImageRecord:
    return ImageRecord(
        id=image.id,
        sha256=image.sha256,
        path=image.path,
        original_name=image.original_name,
        mime_type=image.mime_type,
        byte_size=image.byte_size,
        width=image.width,
        height=image.height,
        fields=ImageFields(**{name: getattr(image, name) for name in FIELD_NAMES}),
        imported=image.imported,
        updated=image.updated,
        version=image.version or 1,
    )


def add_image(
    session: Session,
    media: MediaFolder,
    data: bytes,
    original_name: str,
    given: ImageFields = ImageFields(),  # noqa: B008 - frozen, so one shared default is safe
) -> ImageRecord:
    """Keep an image file; the same bytes again give the same record.

    For an image already in the library, a field is filled from `given` only where the
    library has nothing yet: the library's own credit is never overwritten by an import.
    """
    info = inspect_image(data, original_name)
    check_lengths(Image, {n: getattr(given, n).strip() for n in FIELD_NAMES}, "the picture")
    original_name = original_name[-300:]  # the end of a long name keeps its extension
    image = session.scalars(select(Image).where(Image.sha256 == info.sha256)).first()
    if image is None:
        path, written = media.put(data, info.sha256, info.extension)
        if written:  # if this action rolls back, the store removes the file again
            session.info.setdefault(NEW_MEDIA, []).append((path, info.sha256))
        image = Image(
            sha256=info.sha256,
            path=path,
            original_name=original_name,
            mime_type=info.mime_type,
            byte_size=info.byte_size,
            width=info.width,
            height=info.height,
            **{name: getattr(given, name).strip() for name in FIELD_NAMES},
        )
        try:
            with racing_insert(session):
                session.add(image)
                session.flush()
            return _record(image)
        except IntegrityError:  # another editor stored the same picture a moment ago
            image = session.scalars(select(Image).where(Image.sha256 == info.sha256)).one()
    current = _record(image).fields
    merged = ImageFields(
        **{n: getattr(current, n) or getattr(given, n).strip() for n in FIELD_NAMES}
    )
    if merged != current:
        for name in FIELD_NAMES:
            setattr(image, name, getattr(merged, name))
        image.updated = utcnow()
        image.version = (image.version or 1) + 1  # an open card is now behind
    if not media.path_of(image.path).is_file():  # the file went missing: put it back
        media.put(data, info.sha256, info.extension)
    session.flush()
    return _record(image)


def update_image(
    session: Session,
    image_id: int,
    new: ImageFields,
    *,
    base_version: int | None = None,
    author: str = "",
) -> ImageRecord:
    """Save a picture's details as a new version, kept in its history. With `base_version`
    (the version the editor's card showed) a save over a newer one is refused with
    ImageConflictError, which carries theirs; details that change nothing save nothing."""
    image = session.get(Image, image_id, populate_existing=True)
    if image is None:
        raise NotFoundError(f"image {image_id} is not in the library")
    check_lengths(Image, {n: getattr(new, n).strip() for n in FIELD_NAMES}, "the picture")
    current = image.version or 1
    if base_version is not None and base_version != current:
        raise ImageConflictError(_record(image), _last_author(session, image_id))
    values = {name: getattr(new, name).strip() for name in FIELD_NAMES}
    if all(getattr(image, name) == value for name, value in values.items()):
        return _record(image)
    if not _has_history(session, image_id):
        _keep_revision(session, image, "")  # the details as imported, before the first edit
        session.flush()
    now = utcnow()
    # Compare and set in one statement: of two saves based on one version, one wins.
    changed = session.execute(
        update(Image)
        .where(Image.id == image_id, Image.version == current)
        .values(**values, updated=now, version=current + 1)
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]
    session.refresh(image)
    if changed != 1:
        raise ImageConflictError(_record(image), _last_author(session, image_id))
    _keep_revision(session, image, author)
    session.flush()
    return _record(image)


def _has_history(session: Session, image_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count(ImageRevision.id)).where(ImageRevision.image_id == image_id)
        )
    )


def _last_author(session: Session, image_id: int) -> str:
    return (
        session.scalar(
            select(ImageRevision.author)
            .where(ImageRevision.image_id == image_id)
            .order_by(ImageRevision.number.desc())
            .limit(1)
        )
        or ""
    )


def image_history(session: Session, image_id: int) -> list[ImageRevisionRecord]:
    """Every saved set of a picture's details, newest first."""
    rows = session.scalars(
        select(ImageRevision)
        .where(ImageRevision.image_id == image_id)
        .order_by(ImageRevision.number.desc())
    )
    out = []
    for row in rows:
        data = row.fields if isinstance(row.fields, dict) else {}
        fields = ImageFields(**{n: str(data.get(n, "")) for n in FIELD_NAMES})
        out.append(ImageRevisionRecord(row.number, row.author, row.saved, fields))
    return out


def get_image(session: Session, image_id: int) -> ImageRecord:
    image = session.get(Image, image_id)
    if image is None:
        raise NotFoundError(f"image {image_id} is not in the library")
    return _record(image)


def get_images(session: Session, ids: set[int]) -> dict[int, ImageRecord]:
    if not ids:
        return {}
    return {i.id: _record(i) for i in session.scalars(select(Image).where(Image.id.in_(ids)))}


def image_uses(session: Session, image_id: int) -> list[tuple[int, str]]:
    """(story id, headline) of every story whose body shows the image."""
    rows = session.execute(
        select(Story.id, Story.headline)
        .join(story_images, story_images.c.story_id == Story.id)
        .where(story_images.c.image_id == image_id)
        .order_by(Story.id)
    )
    return [(r.id, r.headline) for r in rows]
