"""Export benchmark: EditorDesk beside pandoc on the same long story.

    python bench/export_bench.py [--batch 1000] [--words 5000] [--figures 20]

One story of about 5,000 words with 20 figures (and a tweet and related links) is exported
to HTML and to .docx: once alone, then as a batch of N such stories (EditorDesk's batch export,
one process, as `editordesk export --all` runs it). Pandoc (Debian's package) converts the
same text, with the figures as Markdown images, one process per story as a user's script
would. The story carries three results tables, ten footnotes and a strikethrough in both
texts. Prints seconds per story and the throughput ratios. Targets: no lower than the figures
before tables and footnotes (HTML 9.2x pandoc's throughput in a batch, .docx 16.8x).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from newsgen import NewsGenerator
from PIL import Image, ImageDraw

from editordesk.assets import resource
from editordesk.services.exporting import ExportOptions, export_stories
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import resolve


def draw_pictures(folder: Path, count: int) -> list[Path]:
    """Distinct photographs-to-be: 800x533 JPEGs of about 60 KB, like a desk's web copies."""
    paths = []
    for i in range(count):
        img = Image.new("RGB", (800, 533), (20 + 9 * i, 60, 200 - 7 * i))
        draw = ImageDraw.Draw(img)
        for k in range(0, 800, 6):
            draw.line([(k, 0), (800 - k, 533)], fill=((k * 7 + i * 13) % 255, 90, 140), width=2)
        path = folder / f"photo-{i + 1:02d}.jpg"
        img.save(path, "JPEG", quality=80)
        paths.append(path)
    return paths


def write_story(folder: Path, gen: NewsGenerator, words: int, pictures: list[Path]) -> Path:
    """The story twice: as EditorDesk imports it (shortcodes) and as pandoc reads it."""
    story = gen.story(words)
    paragraphs = str(story["body"]).split("\n\n")
    step = max(1, len(paragraphs) // (len(pictures) + 1))
    ours, theirs = [], []
    for i, para in enumerate(paragraphs):
        if i and i % (step * 3) == 0:
            ours.append(f"## {para.split('.')[0][:60]}")
            theirs.append(f"## {para.split('.')[0][:60]}")
        ours.append(para)
        theirs.append(para)
        n = i // step
        if i % step == step - 1 and n < len(pictures):
            pic = pictures[n]
            caption = f"Picture {n + 1}: {para.split('.')[0][:80]}."
            ours.append(
                f'{{{{< figure src="{pic.name}" alt="Photograph {n + 1}" '
                f'caption="{caption}" attr="Photo: Desk {n + 1}" >}}}}'
            )
            theirs.append(f"![{caption} Credit: Photo: Desk {n + 1}]({pic.name})")
    # Three results tables (a header and eight rows of four columns), ten footnotes and a
    # struck-out word: what a desk publishes every day, in both texts alike.
    for t in range(3):
        rows = [
            "| Ward | Candidate | Votes | Share |",
            "|:-----|:----------|------:|:-----:|",
            *(
                f"| Ward {t * 8 + r + 1} | Candidate {r + 1} | {1000 + 37 * r:,} | {12 + r}% |"
                for r in range(8)
            ),
        ]
        at = (t + 1) * len(ours) // 4
        ours.insert(at, "\n".join(rows))
        theirs.insert(at, "\n".join(rows))
    for k in range(10):
        at = (k + 1) * len(ours) // 11
        while ours[at].startswith(("|", "{{<", "##", "!", ">")):
            at += 1
        ours[at] = f"{ours[at]}[^n{k}]"
        theirs[at] = f"{theirs[at]}[^n{k}]"
    notes = [f"[^n{k}]: Figures from the returning officer, count {k + 1}." for k in range(10)]
    ours.append("The count was ~~Friday~~ Saturday.")
    theirs.append("The count was ~~Friday~~ Saturday.")
    ours.extend(notes)
    theirs.extend(notes)
    tweet = (
        '{{< x user="EllanCoast" id="1860000000000000042" name="Coastguard" '
        'date="2026-11-20" text="Keep away from the north pier." >}}'
    )
    ours.insert(len(ours) // 2, tweet)
    theirs.insert(
        len(theirs) // 2,
        "> Keep away from the north pier.\n>\n> --- Coastguard "
        "(@EllanCoast) [20 November 2026](https://twitter.com/EllanCoast/status/1)",
    )
    front = (
        f"---\ntitle: {story['headline']}\ndescription: {story['standfirst']}\n"
        f"author: {story['byline']}\ndateline: {story['dateline']}\n"
        "date: 2026-11-20T08:00:00Z\nstatus: ready\nrelated:\n"
        "  - title: Earlier report\n    url: https://example.org/earlier\n---\n\n"
    )
    (folder / "story.md").write_text(front + "\n\n".join(ours) + "\n", encoding="utf-8")
    (folder / "pandoc.md").write_text(front + "\n\n".join(theirs) + "\n", encoding="utf-8")
    return folder / "story.md"


def pandoc(args: list[str], cwd: Path, times: int) -> float:
    """Seconds per conversion, one pandoc process per story."""
    start = time.perf_counter()
    for i in range(times):
        target = f"pandoc-out-{i % 4}.{args[-1]}"
        subprocess.run(
            ["pandoc", "pandoc.md", *args[:-1], "-o", target],
            cwd=cwd,
            check=True,
            capture_output=True,
        )
    return (time.perf_counter() - start) / times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--figures", type=int, default=20)
    parser.add_argument(
        "--pandoc-runs",
        type=int,
        default=0,
        help="pandoc processes for the batch figure (default: same as --batch)",
    )
    args = parser.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
    tmp = Path(tempfile.mkdtemp(prefix="editordesk-export-bench-"))
    src = tmp / "src"
    src.mkdir()
    pictures = draw_pictures(src, args.figures)
    story_md = write_story(src, NewsGenerator(seed=11), args.words, pictures)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
        f"{platform.python_version()}, {version.splitlines()[0]}"
    )
    print(
        f"story: ~{args.words} words, {args.figures} figures "
        f"({sum(p.stat().st_size for p in pictures) / 1e6:.1f} MB of JPEG), a tweet, "
        "three tables, ten footnotes"
    )

    store = Store.open(resolve(str(tmp / "bench.sqlite")))
    [first] = import_files(store, [story_md], author="bench")
    assert first.story is not None, first.error
    ids = [first.story.id]
    for _ in range(args.batch - 1):
        [r] = import_files(store, [story_md], author="bench")
        assert r.story is not None
        ids.append(r.story.id)

    runs = args.pandoc_runs or args.batch
    results = {}
    for fmt, pandoc_args in (
        ("html", ["-s", "--metadata", "pagetitle=x", "-t", "html"]),
        ("docx", ["-t", "docx"]),
    ):
        out = tmp / f"out-{fmt}"
        start = time.perf_counter()
        [one] = export_stories(store, ids[:1], fmt, out)
        single = time.perf_counter() - start
        assert one.path is not None, one.error or one.findings
        start = time.perf_counter()
        done = export_stories(store, ids, fmt, out)
        batch = (time.perf_counter() - start) / len(ids)
        assert all(r.path for r in done)
        size = one.path.stat().st_size
        shutil.rmtree(out)
        theirs = pandoc([*pandoc_args, fmt], src, min(runs, 5))
        theirs_batch = pandoc([*pandoc_args, fmt], src, runs)
        results[fmt] = (single, batch, theirs, theirs_batch)
        print(
            f"{fmt}: EditorDesk {single * 1000:.0f} ms for one story "
            f"({size / 1e6:.1f} MB), {batch * 1000:.1f} ms/story over {len(ids)}; "
            f"pandoc {theirs * 1000:.0f} ms for one, {theirs_batch * 1000:.0f} ms/story "
            f"over {runs} processes"
        )
    # A desk's own templates run sandboxed in a worker process: what does that cost?
    desk = tmp / "desk-templates"
    shutil.copytree(Path(str(resource("templates", "html"))), desk)
    timed = {}
    for name, template_dir in (("built-in", None), ("desk", desk)):
        options = ExportOptions(template_dir=template_dir)
        out = tmp / f"out-{name}"
        start = time.perf_counter()
        assert all(r.path for r in export_stories(store, ids, "html", out, options))
        timed[name] = (time.perf_counter() - start) / len(ids)
        shutil.rmtree(out)
    print(
        f"html with a desk's template folder (sandboxed, in its worker): "
        f"{timed['desk'] * 1000:.1f} ms/story against {timed['built-in'] * 1000:.1f} "
        "with the built-in templates "
        f"({timed['desk'] / timed['built-in']:.2f}x)"
    )
    for fmt, target in (("html", 9.2), ("docx", 16.8)):
        single, batch, theirs, theirs_batch = results[fmt]
        print(
            f"{fmt} throughput vs pandoc: {theirs_batch / batch:.1f}x in a batch, "
            f"{theirs / single:.1f}x for one story (target {target}x)"
        )
    store.close()
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
