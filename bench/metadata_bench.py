"""Picture metadata benchmark: how long reading the credits a file carries takes, per format,
and how fast whole pictures import (inspect, hash, copy, metadata) as `import_image_file` does.

    python bench/metadata_bench.py [--rounds 200] [--pictures 20]

Prints, for a 12-megapixel JPEG (XMP, IPTC and EXIF), a PNG with its XMP after the pixels
(where ExifTool writes it), a WebP and a GIF, the time one `read_metadata` takes, then the
import rate for camera-sized JPEGs. To compare two versions, run it for each side by side
(for example with PYTHONPATH pointing at an unpacked older `src/`).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

from editordesk.media.metadata import read_metadata
from editordesk.services.library import import_image_file
from editordesk.store.db import Store
from editordesk.store.location import resolve

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Bench Agency"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def _picture(size: tuple[int, int]) -> Image.Image:
    picture = Image.new("RGB", size, (40, 90, 140))
    draw = ImageDraw.Draw(picture)
    for n in range(200):
        x, y = (n * 7919) % size[0], (n * 104729) % size[1]
        draw.ellipse([x, y, x + 150, y + 90], fill=(n % 256, (n * 3) % 256, (n * 7) % 256))
    return picture


def _iptc() -> bytes:
    data = b"\x1c\x01\x5a\x00\x03\x1b%G" + b"\x1c\x02\x6e\x00\x0cBench credit"
    irb = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(data)) + data + b"\x00" * (len(data) & 1)
    payload = b"Photoshop 3.0\x00" + irb
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def samples(size: tuple[int, int]) -> dict[str, bytes]:
    picture = _picture(size)
    exif = Image.Exif()
    exif[0x013B] = "Bench Artist"
    out: dict[str, bytes] = {}
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=88, xmp=XMP, exif=exif)
    out["JPEG (XMP, IPTC, EXIF)"] = buf.getvalue()[:2] + _iptc() + buf.getvalue()[2:]
    buf = io.BytesIO()
    picture.save(buf, "PNG")
    png = buf.getvalue()
    end = png.rindex(b"IEND") - 4
    text = _png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP)
    out["PNG (XMP after the pixels)"] = png[:end] + text + png[end:]
    buf = io.BytesIO()
    picture.save(buf, "WEBP", quality=80, xmp=XMP, exif=exif)
    out["WebP (XMP, EXIF)"] = buf.getvalue()
    buf = io.BytesIO()
    picture.convert("P").save(buf, "GIF")
    gif = buf.getvalue()
    trailer = b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    out["GIF (XMP)"] = gif[:-1] + b"\x21\xff\x0bXMP DataXMP" + XMP + trailer + b";"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--pictures", type=int, default=20)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    for name, data in samples((4000, 3000)).items():
        assert read_metadata(data).credit in ("Bench Agency", ""), name
        start = time.perf_counter()
        for _ in range(args.rounds):
            read_metadata(data)
        took = (time.perf_counter() - start) / args.rounds
        print(f"read_metadata, {name}, {len(data) / 1e6:.1f} MB: {1e6 * took:,.0f} µs")
    jpeg = samples((4000, 3000))["JPEG (XMP, IPTC, EXIF)"]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in range(args.pictures):
            path = Path(tmp) / f"photo-{n:04d}.jpg"
            path.write_bytes(jpeg + n.to_bytes(4, "big"))  # distinct bytes, distinct records
            files.append(path)
        with Store.open(resolve(f"{tmp}/store.sqlite")) as store:
            start = time.perf_counter()
            for path in files:
                with store.write() as session:
                    import_image_file(session, store.media, path)
            took = time.perf_counter() - start
    print(f"import of 12 MP JPEGs (inspect, hash, copy, metadata): {args.pictures / took:.1f}/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
