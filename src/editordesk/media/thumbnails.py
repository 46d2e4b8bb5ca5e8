"""Small previews of library pictures, made once and kept beside the originals.

The library grid shows hundreds of pictures; decoding each camera original every time would
make it crawl. A thumbnail is named by the original's SHA-256, so it never goes stale, and is
kept under the media folder's `.thumbs/` (which a backup of the folder may skip: every one can
be made again).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from editordesk.errors import InputError, NotFoundError, ValidationError
from editordesk.files import write_atomic
from editordesk.media.folder import MediaFolder

THUMBS_DIR = ".thumbs"
DEFAULT_SIZE = 256
MIN_SIZE, MAX_SIZE = 16, 2048
JPEG_QUALITY = 85
_SHA256 = re.compile(r"[0-9a-f]{64}")


SCREEN_SIZES = (256, 512, 1024)  # the sizes a screen asks for, so the cache stays small


def size_for_screen(shown: int, ratio: float = 1.0) -> int:
    """The thumbnail to make for a picture shown `shown` pixels wide (logical pixels) on a
    screen of device pixel ratio `ratio`: the smallest of SCREEN_SIZES holding every device
    pixel (a 128-pixel cell on a 2× screen needs 256), so it is never blown up and blurred."""
    needed = shown * max(ratio, 1.0)
    for size in SCREEN_SIZES:
        if size >= needed:
            return size
    return min(MAX_SIZE, int(needed + 0.999))


def thumbnail_relative_path(sha256: str, size: int, extension: str) -> str:
    """Where a thumbnail lives inside the media folder."""
    return f"{THUMBS_DIR}/{size}/{sha256[:2]}/{sha256}{extension}"


def cached_thumbnail(media: MediaFolder, sha256: str, size: int = DEFAULT_SIZE) -> Path | None:
    """The thumbnail if it was made before, without making it."""
    _check(sha256, size)
    for extension in (".jpg", ".png"):
        path = media.path_of(thumbnail_relative_path(sha256, size, extension))
        if path.is_file():
            return path
    return None


def thumbnail(media: MediaFolder, image_path: str, sha256: str, size: int = DEFAULT_SIZE) -> Path:
    """A picture no larger than `size`×`size`, upright as the camera meant it: a JPEG, or a
    PNG when the picture has transparency. Made on first call (slow: run it off the UI
    thread), read from `.thumbs/` after that."""
    cached = cached_thumbnail(media, sha256, size)
    if cached is not None:
        return cached
    source = media.path_of(image_path)
    try:
        with warnings.catch_warnings():
            # The library takes pictures up to images.MAX_PIXELS (a 100-megapixel camera's
            # frame is more than Pillow's warning allows); its error still stops a bomb.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(source) as original:
                original.draft("RGB", (size, size))  # JPEG: decode at 1/2…1/8 scale, far faster
                picture = ImageOps.exif_transpose(original)
                if picture.mode == "I" or picture.mode.startswith("I;16"):
                    # 16-bit grey: convert() would clip every value above 255 to white
                    picture = picture.convert("I").point(lambda v: v / 256).convert("L")
                transparent = _has_alpha(picture)
                picture = picture.convert("RGBA" if transparent else "RGB")
                picture.thumbnail((size, size), PILImage.Resampling.LANCZOS, reducing_gap=2.0)
    except FileNotFoundError as exc:
        raise NotFoundError(
            f"the picture file {image_path} is missing from the media folder"
        ) from exc
    except UnidentifiedImageError as exc:
        raise InputError(f"{image_path} is not a picture EditorDesk can read") from exc
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError) as exc:
        raise InputError(f"{image_path} is too large to preview safely") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{image_path} is damaged and has no preview: {exc}") from exc
    buffer = io.BytesIO()
    if transparent:
        picture.save(buffer, "PNG")
        extension = ".png"
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        extension = ".jpg"
    target = media.path_of(thumbnail_relative_path(sha256, size, extension))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, buffer.getvalue())
    return target


def _check(sha256: str, size: int) -> None:
    if not _SHA256.fullmatch(sha256):
        raise ValidationError(f"{sha256!r} is not a SHA-256 hex digest")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValidationError(f"a thumbnail is {MIN_SIZE} to {MAX_SIZE} pixels, not {size}")


def _has_alpha(picture: PILImage.Image) -> bool:
    if picture.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        return True
    return "transparency" in picture.info
