"""Identifying image files (media/images.py): what they are and how big, and a refusal in
words for anything else."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from editordesk.errors import InputError
from editordesk.media.images import inspect_image
from tests.helpers import image_bytes


@pytest.mark.parametrize(
    ("fmt", "extension", "mime"),
    [
        ("JPEG", ".jpg", "image/jpeg"),
        ("PNG", ".png", "image/png"),
        ("WEBP", ".webp", "image/webp"),
        ("GIF", ".gif", "image/gif"),
    ],
)
def test_the_four_web_formats_are_read(fmt: str, extension: str, mime: str) -> None:
    data = image_bytes(fmt, size=(64, 48))
    info = inspect_image(data, "pier")
    assert (info.extension, info.mime_type, info.width, info.height) == (extension, mime, 64, 48)
    assert (info.byte_size, info.sha256) == (len(data), hashlib.sha256(data).hexdigest())


def _bmp() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "BMP")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "pier.jpg is empty (0 bytes)"),
        (b"<html><script>alert(1)</script></html>", "pier.jpg is not an image EditorDesk can read"),
        (image_bytes("PNG")[:60], "pier.jpg is damaged or truncated"),
        (_bmp(), "pier.jpg is a BMP image; use JPEG, PNG, WebP or GIF"),
    ],
    ids=["empty", "html", "truncated", "bmp"],
)
def test_anything_else_is_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as refused:
        inspect_image(data, "pier.jpg")
    assert str(refused.value).startswith(message)
