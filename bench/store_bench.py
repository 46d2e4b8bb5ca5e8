"""Store benchmark: create stories through the import's own service, list the newest, and
time full-text search.

    python bench/store_bench.py --stories 100000 [--db PATH_OR_URL] [--media DIR]

Prints the creation rate, the time to list the newest 100, and search latency over a mix of
20 queries (each run 5 times; its median counts). Targets on SQLite: at least 1,000 stories/s,
search median under 20 ms, slowest query under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from newsgen import SECTIONS, NewsGenerator

from editordesk.services.stories import StoryDraft, create_story, list_stories
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import StoryStatus

QUERIES = [
    # single words: common, middle and rare
    "council",
    "harbour",
    "lifeboat",
    "museum",
    "turbine",
    # AND of several words
    "council budget",
    "ferry harbour",
    "school teachers wages",
    "police court",
    # phrases
    '"the council"',
    '"harbour wall"',
    '"Port Ellan"',
    '"Mara Quinn"',
    # headline only
    "headline:council",
    "headline:ferry",
    "headline:storm headline:harbour",
    # OR, NOT, prefix
    "ferry OR lifeboat",
    "election -council",
    "fish*",
    "tour* museum",
]


def create(store: Store, gen: NewsGenerator, total: int, batch: int) -> tuple[float, float]:
    """Stories created per second of wall-clock time, and per second of this process's CPU
    (which others' work on a shared machine does not stretch)."""
    statuses = list(StoryStatus)
    made, spent, cpu = 0, 0.0, 0.0
    while made < total:
        n = min(batch, total - made)
        drafts = []
        for _ in range(n):
            fields = gen.story(800)
            drafts.append(
                StoryDraft(
                    **fields,  # type: ignore[arg-type]
                    section=gen.rng.choice(SECTIONS),
                    status=gen.rng.choice(statuses),
                )
            )
        start, start_cpu = time.perf_counter(), time.process_time()
        with store.write() as session:
            for draft in drafts:
                create_story(session, draft, author="bench")
        spent += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        made += n
        if made % (batch * 10) == 0 or made == total:
            print(f"  created {made:,} ({made / spent:,.0f}/s so far)", file=sys.stderr)
    return total / spent, total / cpu


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--db", help="store to fill (default: a new SQLite file in a temp dir)")
    parser.add_argument("--media")
    parser.add_argument(
        "--reuse", action="store_true", help="skip creation; time an existing store"
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="editordesk-bench-")
    db = args.db or os.path.join(tmp, "bench.sqlite")
    store = Store.open(resolve(db, args.media or os.path.join(tmp, "media")))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, {store.engine.dialect.name}"
    )
    gen = NewsGenerator()
    if not args.reuse:
        rate, cpu_rate = create(store, gen, args.stories, args.batch)
        print(
            f"create: {args.stories:,} stories of ~800 words at {rate:,.0f} stories/s "
            f"({cpu_rate:,.0f} per CPU second; load average {os.getloadavg()[0]:.1f})"
        )
    with store.read() as session:
        listing = timed(lambda: list_stories(session, limit=100))
    print(f"list newest 100: {listing:.1f} ms")
    results = []
    with store.read() as session:
        for q in QUERIES:
            ms = timed(lambda q=q: list_stories(session, query=q, limit=20))
            shown = len(list_stories(session, query=q, limit=20))
            results.append((ms, q, shown))
    for ms, q, n in results:
        print(f"  search {q!r:<36} {ms:7.1f} ms  ({n} shown)")
    times = [r[0] for r in results]
    print(
        f"search over {len(QUERIES)} queries (ranked top 20): "
        f"median {statistics.median(times):.1f} ms, "
        f"slowest {max(times):.1f} ms ({max(results)[1]!r})"
    )
    if store.location.sqlite_path:
        size = store.location.sqlite_path.stat().st_size / 1e6
        print(f"store file: {size:,.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
