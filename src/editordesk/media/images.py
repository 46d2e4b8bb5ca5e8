"""Reading image files: what they are, how big, and their hash.

Pillow decides whether bytes are an image at all; a file named .jpg that holds HTML or SVG
is refused here, before anything reaches the store.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from editordesk.errors import InputError

# The formats a newsroom page can show, with the file extension the store gives each.
FORMATS = {
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "WEBP": (".webp", "image/webp"),
    "GIF": (".gif", "image/gif"),
}
MAX_PIXELS = 120_000_000  # well above any camera's frame, well below a decompression bomb


@dataclass(frozen=True)
class ImageInfo:
    """What the store needs to know about an image file."""

    sha256: str
    extension: str
    mime_type: str
    width: int
    height: int
    byte_size: int


def inspect_image(data: bytes, name: str = "image") -> ImageInfo:
    """Identify and check image bytes; raise InputError naming `name` if they are not usable."""
    if not data:
        raise InputError(f"{name} is empty (0 bytes)")
    try:
        with warnings.catch_warnings():
            # Our own limit below decides; Pillow's warning (at 89 million pixels) would
            # refuse a 100-megapixel camera's frame. Its error (at twice that) still stops
            # a bomb before anything is decoded.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise InputError(
                        f"{name} is {width}×{height} pixels, more than EditorDesk accepts "
                        f"({MAX_PIXELS:,} pixels)"
                    )
                probe.verify()
            with PILImage.open(io.BytesIO(data)) as full:
                full.load()  # verify() misses truncated pixel data; decoding finds it
    except InputError:
        raise
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError) as exc:
        raise InputError(f"{name} is too large to decode safely: {exc}") from exc
    except UnidentifiedImageError as exc:
        raise InputError(f"{name} is not an image EditorDesk can read") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{name} is damaged or truncated: {exc}") from exc
    if fmt not in FORMATS:
        raise InputError(f"{name} is a {fmt or 'unknown'} image; use JPEG, PNG, WebP or GIF")
    extension, mime = FORMATS[fmt]
    return ImageInfo(
        sha256=hashlib.sha256(data).hexdigest(),
        extension=extension,
        mime_type=mime,
        width=width,
        height=height,
        byte_size=len(data),
    )
