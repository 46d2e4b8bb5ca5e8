"""Desk-template benchmark: what a desk's own template folder costs per story.

    python bench/template_bench.py [--batch 200] [--words 5000] [--figures 20] [--rounds 3]

The story of `export_bench.py` (about 5,000 words, 20 figures, a tweet, related links) is
exported to HTML as `editordesk export --all` runs it, in a batch of N, three ways side by
side in each round (their order rotated from round to round, so a busy moment on a shared
machine falls on each in turn):

- the built-in templates (trusted, in this process);
- a copy of the built-in templates as the desk's folder (sandboxed, bounded, in the worker
  process that stops it when it runs over; one worker serves the whole batch);
- the page alone (no store read, preflight or files): built-in, the desk's sandbox in this
  process with no worker (what the sandbox costs), and through the worker (what it adds).

Also the first story of a fresh process's first desk export, which pays for starting the
worker. Prints ms per story (the median round) and the ratios.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from export_bench import draw_pictures, write_story
from newsgen import NewsGenerator

from editordesk.assets import resource
from editordesk.export import desk_worker, html
from editordesk.export.html import HtmlOptions
from editordesk.services.exporting import ExportOptions, export_stories, load_bundle
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--figures", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-template-bench-"))
    src = tmp / "src"
    src.mkdir()
    story_md = write_story(
        src, NewsGenerator(seed=11), args.words, draw_pictures(src, args.figures)
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}; story: ~{args.words} words, {args.figures} figures"
    )
    store = Store.open(resolve(str(tmp / "bench.sqlite")))
    ids = []
    for _ in range(args.batch):
        [r] = import_files(store, [story_md], author="bench")
        assert r.story is not None, r.error
        ids.append(r.story.id)
    desk = tmp / "desk-templates"
    shutil.copytree(Path(str(resource("templates", "html"))), desk)

    start = time.perf_counter()
    [first] = export_stories(
        store, ids[:1], "html", tmp / "first", ExportOptions(template_dir=desk)
    )
    first_story = time.perf_counter() - start
    assert first.path is not None, first.error
    start = time.perf_counter()
    export_stories(store, ids[:1], "html", tmp / "first", ExportOptions(template_dir=desk))
    second_story = time.perf_counter() - start

    with store.read() as session:
        article = load_bundle(session, ids[0]).article

    def batch(template_dir: Path | None) -> Callable[[], None]:
        def run() -> None:
            out = tmp / "out"
            results = export_stories(
                store, ids, "html", out, ExportOptions(template_dir=template_dir)
            )
            assert all(r.path for r in results), results[0].error
            shutil.rmtree(out)

        return run

    def builtin_page() -> None:
        for _ in ids:
            html._page(article, store.media, HtmlOptions())

    def in_process() -> None:
        # The desk's sandbox in this process, no worker: the body writer and page only (no
        # store read, no preflight, no files written), against the same through the worker.
        options = HtmlOptions(template_dir=desk)
        for _ in ids:
            html._page(article, store.media, options)

    def through_worker() -> None:
        options = HtmlOptions(template_dir=desk)
        for _ in ids:
            html.render_html(article, store.media, options)

    ways: dict[str, Callable[[], None]] = {
        "built-in": batch(None),
        "desk": batch(desk),
        "render built-in": builtin_page,
        "render in-process": in_process,
        "render in worker": through_worker,
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    names = list(ways)
    for round_ in range(args.rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            start = time.perf_counter()
            ways[name]()
            times[name].append((time.perf_counter() - start) / len(ids))
    ms = {name: statistics.median(t) * 1000 for name, t in times.items()}
    print(
        f"export --all, {len(ids)} stories: built-in templates {ms['built-in']:.1f} ms/story, "
        f"a desk's folder (sandboxed, in its worker) {ms['desk']:.1f} ms/story "
        f"({ms['desk'] / ms['built-in']:.2f}x)"
    )
    print(
        f"the page alone: built-in {ms['render built-in']:.1f} ms; the desk's sandbox "
        f"{ms['render in-process']:.1f} ms in this process "
        f"({ms['render in-process'] / ms['render built-in']:.2f}x), "
        f"{ms['render in worker']:.1f} ms through the worker "
        f"(+{ms['render in worker'] - ms['render in-process']:.1f} ms, "
        f"{ms['render in worker'] / ms['render in-process']:.2f}x)"
    )
    print(
        f"first desk export of a process: {first_story * 1000:.0f} ms for one story "
        f"(worker started), then {second_story * 1000:.0f} ms for the next"
    )
    print(f"worker processes started: {len(desk_worker._idle)} kept for reuse")
    store.close()
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
