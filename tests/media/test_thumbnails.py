"""media.thumbnails: previews no larger than asked, upright, transparent where the picture
is, made once and then read from `.thumbs/`, and never a path outside the media folder."""

from __future__ import annotations

import hashlib
import io
import os
import struct
from pathlib import Path

import pytest
from PIL import Image

from editordesk.errors import InputError, NotFoundError, ValidationError
from editordesk.media.folder import MediaFolder
from editordesk.media.thumbnails import (
    DEFAULT_SIZE,
    THUMBS_DIR,
    cached_thumbnail,
    thumbnail,
    thumbnail_relative_path,
)

RED, BLUE = (230, 20, 20), (20, 20, 230)


@pytest.fixture
def media(tmp_path: Path) -> MediaFolder:
    return MediaFolder(tmp_path / "media")


def keep(media: MediaFolder, data: bytes, extension: str) -> tuple[str, str]:
    """Put a picture in the media folder as an import does: (relative path, sha256)."""
    sha256 = hashlib.sha256(data).hexdigest()
    relative, _ = media.put(data, sha256, extension)
    return relative, sha256


def encode(picture: Image.Image, fmt: str, **save: object) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, fmt, **save)
    return buf.getvalue()


def left_red_right_blue(size: tuple[int, int]) -> Image.Image:
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0] // 2, size[1]))
    return picture


def close_to(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_a_large_jpeg_is_shrunk_to_fit_the_size_keeping_its_shape(media: MediaFolder) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((1200, 800)), "JPEG"), ".jpg")
    path = thumbnail(media, relative, sha)
    assert path == media.path_of(thumbnail_relative_path(sha, DEFAULT_SIZE, ".jpg"))
    assert path.is_relative_to(media.root / THUMBS_DIR)
    with Image.open(path) as made:
        assert made.format == "JPEG"
        assert made.size == (256, 171)
        assert close_to(made.getpixel((10, 85)), RED)
        assert close_to(made.getpixel((245, 85)), BLUE)


@pytest.mark.parametrize("size", [16, 64, 300, 2048])
def test_every_allowed_size_bounds_both_sides(media: MediaFolder, size: int) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((2400, 600)), "JPEG"), ".jpg")
    with Image.open(thumbnail(media, relative, sha, size)) as made:
        assert max(made.size) == min(size, 2400)
        assert made.size[0] == min(size, 2400)
        assert abs(made.size[0] / made.size[1] - 4) < 0.2


def test_a_small_picture_is_not_enlarged(media: MediaFolder) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((100, 50)), "PNG"), ".png")
    with Image.open(thumbnail(media, relative, sha, 256)) as made:
        assert made.size == (100, 50)
        assert made.format == "JPEG"  # no transparency: a JPEG, even from a PNG


@pytest.mark.parametrize(
    ("orientation", "size", "top_colour"),
    [
        (1, (200, 100), None),  # upright already
        (3, (200, 100), None),  # turned half round: left and right swap
        (6, (100, 200), RED),  # turned a quarter clockwise: the stored left edge is the top
        (8, (100, 200), BLUE),  # a quarter anticlockwise: the stored right edge is the top
    ],
)
def test_exif_orientation_is_applied(
    media: MediaFolder,
    orientation: int,
    size: tuple[int, int],
    top_colour: tuple[int, int, int] | None,
) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = encode(left_red_right_blue((200, 100)), "JPEG", exif=exif, quality=95)
    relative, sha = keep(media, data, ".jpg")
    with Image.open(thumbnail(media, relative, sha, 256)) as made:
        assert made.size == size
        width, height = made.size
        if top_colour is not None:
            assert close_to(made.getpixel((width // 2, 10)), top_colour)
            other = BLUE if top_colour == RED else RED
            assert close_to(made.getpixel((width // 2, height - 10)), other)
        else:
            left = RED if orientation == 1 else BLUE
            assert close_to(made.getpixel((10, height // 2)), left)
            assert close_to(made.getpixel((width - 10, height // 2)), BLUE if left == RED else RED)
        assert made.getexif().get(0x0112, 1) == 1  # nothing left for a viewer to turn again


def test_a_transparent_png_gives_a_transparent_png(media: MediaFolder) -> None:
    picture = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    picture.paste((20, 200, 20, 255), (200, 0, 400, 200))
    relative, sha = keep(media, encode(picture, "PNG"), ".png")
    path = thumbnail(media, relative, sha, 100)
    assert path.suffix == ".png"
    with Image.open(path) as made:
        assert made.format == "PNG" and made.mode == "RGBA"
        assert made.size == (100, 50)
        assert made.getpixel((5, 25))[3] == 0  # still see-through
        assert made.getpixel((95, 25)) == (20, 200, 20, 255)


def test_a_palette_gif_with_a_transparent_colour_keeps_it(media: MediaFolder) -> None:
    picture = Image.new("P", (60, 60), 0)
    picture.putpalette([255, 255, 255, 200, 0, 0] + [0, 0, 0] * 254)
    picture.paste(1, (30, 0, 60, 60))
    relative, sha = keep(media, encode(picture, "GIF", transparency=0), ".gif")
    path = thumbnail(media, relative, sha, 32)
    assert path.suffix == ".png"
    with Image.open(path) as made:
        made = made.convert("RGBA")
        assert made.getpixel((2, 16))[3] == 0
        assert close_to(made.getpixel((29, 16)), (200, 0, 0))


def test_webp_is_previewed(media: MediaFolder) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((300, 300)), "WEBP"), ".webp")
    with Image.open(thumbnail(media, relative, sha, 64)) as made:
        assert made.size == (64, 64)


def test_a_thumbnail_is_made_once_and_then_reused(media: MediaFolder) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((800, 600)), "JPEG"), ".jpg")
    assert cached_thumbnail(media, sha) is None
    first = thumbnail(media, relative, sha)
    assert cached_thumbnail(media, sha) == first
    stamp = first.stat().st_mtime_ns
    os.utime(first, ns=(stamp - 10**9, stamp - 10**9))  # so a rewrite would show
    media.path_of(relative).unlink()  # the original is not needed any more
    again = thumbnail(media, relative, sha)
    assert again == first
    assert again.stat().st_mtime_ns == stamp - 10**9
    assert cached_thumbnail(media, sha, 128) is None  # each size is its own file
    thumbs = [p for p in (media.root / THUMBS_DIR).rglob("*") if p.is_file()]
    assert thumbs == [first]


def test_a_cached_png_thumbnail_is_found(media: MediaFolder) -> None:
    picture = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    relative, sha = keep(media, encode(picture, "PNG"), ".png")
    made = thumbnail(media, relative, sha, 32)
    assert cached_thumbnail(media, sha, 32) == made
    assert made.name == f"{sha}.png"


@pytest.mark.parametrize(
    "sha256",
    [
        "../../../../etc/passwd",
        "../" + "a" * 61,
        "A" * 64,  # upper case: not how the store writes digests
        "a" * 63,
        "a" * 65,
        "g" * 64,
        "a" * 63 + "/",
        "",
        "/" + "a" * 63,
        "a" * 64 + "\n",
    ],
)
def test_a_sha256_that_is_not_hex_is_refused(
    media: MediaFolder, tmp_path: Path, sha256: str
) -> None:
    relative, _ = keep(media, encode(left_red_right_blue((40, 40)), "JPEG"), ".jpg")
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ValidationError, match="SHA-256"):
        cached_thumbnail(media, sha256)
    with pytest.raises(ValidationError, match="SHA-256"):
        thumbnail(media, relative, sha256)
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere


@pytest.mark.parametrize("size", [0, 15, 2049, -256])
def test_a_size_out_of_range_is_refused(media: MediaFolder, size: int) -> None:
    relative, sha = keep(media, encode(left_red_right_blue((40, 40)), "JPEG"), ".jpg")
    with pytest.raises(ValidationError, match="pixels"):
        thumbnail(media, relative, sha, size)


def test_an_image_path_outside_the_media_folder_is_refused(
    media: MediaFolder, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(encode(left_red_right_blue((40, 40)), "JPEG"))
    sha = hashlib.sha256(outside.read_bytes()).hexdigest()
    with pytest.raises(ValidationError, match="media"):
        thumbnail(media, "../secret.jpg", sha)
    assert not (media.root / THUMBS_DIR).exists()


def test_a_missing_original_is_not_found(media: MediaFolder) -> None:
    with pytest.raises(NotFoundError, match="missing"):
        thumbnail(media, "ab/gone.jpg", "ab" * 32)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a picture at all", "not a picture"),
        (encode(left_red_right_blue((400, 300)), "JPEG")[:300], "damaged"),
        (encode(Image.new("1", (20000, 20000)), "PNG"), "too large"),
    ],
    ids=["not-a-picture", "truncated", "decompression-bomb"],
)
def test_a_file_that_cannot_be_previewed_is_an_input_error(
    media: MediaFolder, data: bytes, reason: str
) -> None:
    relative, sha = keep(media, data, ".jpg")
    with pytest.raises(InputError, match=reason):
        thumbnail(media, relative, sha)
    assert cached_thumbnail(media, sha) is None


@pytest.mark.parametrize(
    ("mode", "fmt", "extension"),
    [
        ("CMYK", "JPEG", ".jpg"),
        ("L", "JPEG", ".jpg"),
        ("LA", "PNG", ".png"),
        ("I;16", "PNG", ".jpg"),
        ("1", "PNG", ".jpg"),
        ("P", "PNG", ".jpg"),
    ],
)
def test_pictures_in_other_modes_are_previewed(
    media: MediaFolder, mode: str, fmt: str, extension: str
) -> None:
    relative, sha = keep(media, encode(Image.new(mode, (90, 30)), fmt), "." + fmt.lower())
    path = thumbnail(media, relative, sha, 45)
    assert path.suffix == extension
    with Image.open(path) as made:
        assert made.size == (45, 15)
        assert made.mode == ("RGBA" if extension == ".png" else "RGB")


def test_a_16_bit_grey_png_keeps_its_tones(media: MediaFolder) -> None:
    # Scans and charts come as 16-bit grey PNGs; a straight convert() clips them to white.
    width = 256
    ramp = b"".join(struct.pack("<H", x * 256) for _ in range(32) for x in range(width))
    picture = Image.frombytes("I;16", (width, 32), ramp)
    relative, sha = keep(media, encode(picture, "PNG"), ".png")
    with Image.open(thumbnail(media, relative, sha, 128)) as made:
        assert made.size == (128, 16)
        dark, middle, light = (made.getpixel((x, 8)) for x in (2, 64, 125))
        assert dark[0] < 20
        assert 100 < middle[0] < 156
        assert light[0] > 235
