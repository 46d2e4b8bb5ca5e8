from __future__ import annotations

import io

import pytest
from PIL import Image

from editordesk.errors import InputError
from editordesk.services.images import ImageFields, add_image, get_image, update_image
from editordesk.store.db import Store
from tests.helpers import image_bytes, snapshot


def test_the_same_bytes_twice_give_one_image(store: Store) -> None:
    data = image_bytes(size=(300, 200))
    with store.write() as session:
        a = add_image(session, store.media, data, "quay.jpg", ImageFields(caption="The quay"))
        b = add_image(session, store.media, data, "copy-of-quay.jpg")
    assert a.id == b.id and a.sha256 == b.sha256
    assert (a.width, a.height, a.mime_type) == (300, 200, "image/jpeg")
    assert b.original_name == "quay.jpg" and b.fields.caption == "The quay"
    assert store.media.path_of(a.path).read_bytes() == data
    pictures = [p for p in store.media.root.rglob("*") if p.is_file()]
    assert len([p for p in pictures if not p.name.startswith(".")]) == 1  # .editordesk-store


def test_a_second_import_fills_empty_fields_but_never_overwrites_a_credit(store: Store) -> None:
    data = image_bytes(color=(1, 2, 3))
    with store.write() as session:
        add_image(session, store.media, data, "a.jpg", ImageFields(credit="Photo: Ann / Desk"))
        again = add_image(
            session,
            store.media,
            data,
            "a.jpg",
            ImageFields(credit="Someone else", alt_text="Boats at the quay"),
        )
    assert again.fields.credit == "Photo: Ann / Desk"
    assert again.fields.alt_text == "Boats at the quay"


def test_fields_are_edited_in_one_place(store: Store) -> None:
    with store.write() as session:
        image = add_image(session, store.media, image_bytes(), "a.jpg")
        update_image(
            session, image.id, ImageFields(caption="New", credit="Photo: B", licence="CC BY 4.0")
        )
    with store.read() as session:
        assert get_image(session, image.id).fields.licence == "CC BY 4.0"


def _truncated_jpeg() -> bytes:
    return image_bytes(size=(400, 300))[:600]


def _bomb() -> bytes:
    buf = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<html><script>alert(1)</script></html>", "not an image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "not an image"),
        (_truncated_jpeg(), "damaged or truncated"),
        (_bomb(), "more than EditorDesk accepts|too large"),
    ],
    ids=["zero-bytes", "html-named-jpg", "svg-named-jpg", "truncated", "decompression-bomb"],
)
def test_bad_image_files_are_refused_and_leave_the_store_as_it_was(
    store: Store, data: bytes, reason: str
) -> None:
    before = snapshot(store)
    with pytest.raises(InputError, match=reason), store.write() as session:
        add_image(session, store.media, data, "photo.jpg")
    assert snapshot(store) == before


def test_an_image_format_a_page_cannot_show_is_refused(store: Store) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "BMP")
    with (
        pytest.raises(InputError, match="BMP image; use JPEG, PNG, WebP or GIF"),
        store.write() as s,
    ):
        add_image(s, store.media, buf.getvalue(), "scan.bmp")
