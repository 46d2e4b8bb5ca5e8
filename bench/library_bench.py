"""Picture library benchmark: import camera-sized JPEGs (metadata read on the way in), make
their grid thumbnails, then run the photo credits report over many stories.

    python bench/library_bench.py [--pictures 120] [--stories 3000]

Prints pictures imported per second, thumbnails made per second (first time, and from the
cache), and the credits report's time for every story in the store and for a one-month range.
The grid stays responsive whatever these numbers are: thumbnails are made on worker threads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from editordesk.interchange.markdown import figure_code
from editordesk.media.thumbnails import thumbnail
from editordesk.services.credits import credits_report
from editordesk.services.library import import_image_file
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from editordesk.store.location import resolve

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Bench Agency {n}"/>'
    "</rdf:RDF></x:xmpmeta>"
)


def camera_jpeg(n: int, rng: random.Random) -> bytes:
    """A 4000×3000 JPEG (12 MP, like a press camera's) with noise-like detail and XMP."""
    picture = Image.new("RGB", (4000, 3000), (rng.randrange(256), 90, 140))
    draw = ImageDraw.Draw(picture)
    for _ in range(400):
        x, y = rng.randrange(4000), rng.randrange(3000)
        draw.ellipse(
            [x, y, x + rng.randrange(20, 400), y + rng.randrange(20, 300)],
            fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)),
        )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88, xmp=XMP.format(n=n).encode())
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=120)
    parser.add_argument("--stories", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(7)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in range(args.pictures):
            path = Path(tmp) / f"photo-{n:04d}.jpg"
            path.write_bytes(camera_jpeg(n, rng))
            files.append(path)
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"{args.pictures} pictures of 4000×3000, {size_mb:.0f} MB in all")
        with Store.open(resolve(f"{tmp}/store.sqlite")) as store:
            start = time.perf_counter()
            records = []
            for path in files:
                with store.write() as session:
                    records.append(import_image_file(session, store.media, path))
            took = time.perf_counter() - start
            assert all(r.fields.credit.startswith("Bench Agency") for r in records)
            print(f"import (hash, copy, metadata): {args.pictures / took:,.1f} pictures/s")

            start = time.perf_counter()
            for r in records:
                thumbnail(store.media, r.path, r.sha256)
            took = time.perf_counter() - start
            print(
                f"thumbnails, first time: {args.pictures / took:,.1f}/s "
                f"({1000 * took / args.pictures:.0f} ms each, on one worker thread)"
            )
            start = time.perf_counter()
            for r in records:
                thumbnail(store.media, r.path, r.sha256)
            took = time.perf_counter() - start
            print(f"thumbnails, from the cache: {args.pictures / took:,.0f}/s")

            with store.write() as session:
                for n in range(args.stories):
                    chosen = rng.sample(records, 3)
                    create_story(
                        session,
                        StoryDraft(
                            headline=f"Story {n}",
                            byline="Bench",
                            body="\n\n".join(figure_code(r.id) for r in chosen),
                        ),
                        author="bench",
                    )
            with store.read() as session:
                start = time.perf_counter()
                rows = credits_report(session)
                every = time.perf_counter() - start
                today = dt.date.today()
                start = time.perf_counter()
                month = credits_report(session, start=today - dt.timedelta(days=30), end=today)
                ranged = time.perf_counter() - start
            print(
                f"credits report: {len(rows):,} rows over {args.stories:,} stories in "
                f"{1000 * every:.0f} ms; one month ({len(month):,} rows) in {1000 * ranged:.0f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
