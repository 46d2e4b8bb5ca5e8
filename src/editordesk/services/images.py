"""The image library: add files (once per content), edit their credits, see where they are used."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from editordesk.errors import NotFoundError
from editordesk.media.folder import MediaFolder
from editordesk.media.images import inspect_image
from editordesk.model import FIELD_NAMES, ImageFields, ImageRecord
from editordesk.services.limits import check_lengths
from editordesk.services.races import IntegrityError, racing_insert
from editordesk.store.db import NEW_MEDIA
from editordesk.store.models import Image, Story, story_images, utcnow

__all__ = ["ImageFields", "ImageRecord"]


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
    if not media.path_of(image.path).is_file():  # the file went missing: put it back
        media.put(data, info.sha256, info.extension)
    session.flush()
    return _record(image)


def update_image(session: Session, image_id: int, new: ImageFields) -> ImageRecord:
    image = session.get(Image, image_id)
    if image is None:
        raise NotFoundError(f"image {image_id} is not in the library")
    check_lengths(Image, {n: getattr(new, n).strip() for n in FIELD_NAMES}, "the picture")
    for name in FIELD_NAMES:
        setattr(image, name, getattr(new, name).strip())
    image.updated = utcnow()
    session.flush()
    return _record(image)


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
