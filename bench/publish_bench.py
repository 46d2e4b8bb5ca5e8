"""Publish benchmark: a long story to a real WordPress on loopback, beside plain HTTP requests.

    python bench/publish_bench.py [--words 5000] [--figures 20] [--rounds 3]

Starts the tests' WordPress (tests/wordpress.py: Debian's wordpress, mariadb-server, php-cli;
run as root). The export bench's story of about 5,000 words with 20 figures is imported into a
fresh store and published as `editordesk publish` does it (services.publishing: 20 pictures
uploaded with their captions, then the post). In the same run, side by side in alternating
rounds, the same 20 picture files and the same post are sent with plain urllib requests and
nothing else: the least any client must do. Then the story is published again, unchanged.
Targets: publishing within 1.5x of the plain requests; re-publishing unchanged under one
second with no uploads.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/wordpress.py

from export_bench import draw_pictures, write_story
from newsgen import NewsGenerator
from tests.wordpress import WordPress, missing

from editordesk.services import publishing as pub
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import resolve


def plain_requests(wp: WordPress, pictures: list[Path], content: str) -> float:
    """Seconds to upload the picture files and create one post with bare urllib calls."""
    auth = "Basic " + base64.b64encode(f"admin:{wp.password()}".encode()).decode()
    start = time.perf_counter()
    for path in pictures:
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{path.name}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            f"{wp.url}/wp-json/wp/v2/media",
            data=body,
            method="POST",
            headers={
                "Authorization": auth,
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            reply.read()
    post = json.dumps({"title": "Plain", "content": content, "status": "draft"}).encode()
    request = urllib.request.Request(
        f"{wp.url}/wp-json/wp/v2/posts",
        data=post,
        method="POST",
        headers={"Authorization": auth, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        reply.read()
    return time.perf_counter() - start


def post_content(wp: WordPress, post_id: int) -> str:
    """The post's HTML as EditorDesk sent it, for the plain requests to send again."""
    auth = "Basic " + base64.b64encode(f"admin:{wp.password()}".encode()).decode()
    request = urllib.request.Request(
        f"{wp.url}/wp-json/wp/v2/posts/{post_id}?context=edit", headers={"Authorization": auth}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return str(json.loads(reply.read())["content"]["raw"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--figures", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    reason = missing()
    if reason:
        sys.exit(reason)
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-publish-bench-"))
    src = tmp / "src"
    src.mkdir()
    pictures = draw_pictures(src, args.figures)
    story_md = write_story(src, NewsGenerator(seed=11), args.words, pictures)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}"
    )
    print(
        f"story: ~{args.words} words, {args.figures} figures "
        f"({sum(p.stat().st_size for p in pictures) / 1e6:.1f} MB of JPEG)"
    )
    started = time.perf_counter()
    wp = WordPress.start()
    print(f"WordPress on loopback up in {time.perf_counter() - started:.1f} s")
    os.environ[pub.PASSWORD_ENV] = wp.password()
    ours, plain, again, uploads_again = [], [], [], []
    try:
        for n in range(args.rounds):
            store = Store.open(resolve(str(tmp / f"bench-{n}.sqlite")))
            with store:
                [imported] = import_files(store, [story_md], author="bench")
                assert imported.story is not None, imported.error
                story_id = imported.story.id
                pub.add_site(store, "Bench", wp.url, "admin", wp.password())
                start = time.perf_counter()
                [first] = pub.publish_stories(store, [story_id], "Bench", wp.password())
                ours.append(time.perf_counter() - start)
                assert first.result is not None, first.error
                assert first.result.pictures_uploaded == args.figures
                content = post_content(wp, first.result.post_id)
                plain.append(plain_requests(wp, pictures, content))
                start = time.perf_counter()
                [second] = pub.publish_stories(store, [story_id], "Bench", wp.password())
                again.append(time.perf_counter() - start)
                assert second.result is not None, second.error
                uploads_again.append(second.result.pictures_uploaded)
    finally:
        wp.stop()
    a, b, c = statistics.median(ours), statistics.median(plain), statistics.median(again)
    print(f"publish with EditorDesk:        {a:6.2f} s  (median of {args.rounds})")
    print(f"the same bytes, plain requests: {b:6.2f} s")
    print(f"ratio: {a / b:.2f}x  (goal: at most 1.5x)  {'OK' if a / b <= 1.5 else 'MISSED'}")
    print(
        f"publish again, unchanged:       {c:6.2f} s, {max(uploads_again)} uploads  "
        f"(goal: under 1 s, none)  {'OK' if c < 1 and not max(uploads_again) else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
