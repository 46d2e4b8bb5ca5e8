"""Full-text search on PostgreSQL beside SQLite, in the same run, over the same stories.

    python bench/search_pg_bench.py --stories 100000 [--pg URL] [--keep]

Fills a new SQLite file and a new PostgreSQL database with the same generated stories
(bench/newsgen.py, same seed), through the import's own service, then times store_bench's
20 queries (ranked, best 20; each run 5 times, its median counts) on both, and the newest
100 listed. `--pg` is a server URL of a role that may create databases (or set
EDITORDESK_BENCH_PG); without one, the server comes up as the tests start it (tests/pg.py:
a throwaway cluster of its own). The database is dropped at the
end unless --keep.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from newsgen import NewsGenerator
from store_bench import QUERIES, create, timed

from editordesk.services.stories import count_stories, list_stories
from editordesk.store.db import Store
from editordesk.store.location import resolve


def _server_url(given: str | None) -> tuple[str, object]:
    """A URL that may create databases, and what to stop at the end (or None)."""
    given = given or os.environ.get("EDITORDESK_BENCH_PG")
    if given:
        url = make_url(given)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False), None
    from tests import pg

    server = pg.start_server()
    return server.url.render_as_string(hide_password=False), server


def _admin(url: str, sql: str) -> None:
    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def _fill(store: Store, stories: int, batch: int) -> float:
    with store.read() as session:
        have = count_stories(session)
    if have >= stories:
        return 0.0
    return create(store, NewsGenerator(), stories - have, batch)


def _search(store: Store) -> tuple[float, list[tuple[float, str, int]]]:
    with store.read() as session:
        listing = timed(lambda: list_stories(session, limit=100))
        results = []
        for q in QUERIES:
            ms = timed(lambda q=q: list_stories(session, query=q, limit=20))
            results.append((ms, q, len(list_stories(session, query=q, limit=20))))
    return listing, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--pg", help="PostgreSQL URL of a role that may create databases")
    parser.add_argument("--sqlite", help="SQLite file to use (default: a new one in a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="editordesk-pgbench-")
    server_url, server = _server_url(args.pg)
    name = "edbench_" + uuid.uuid4().hex[:8]
    _admin(server_url, f'CREATE DATABASE "{name}"')
    pg_url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        stores = {
            "SQLite": Store.open(
                resolve(args.sqlite or os.path.join(tmp, "bench.sqlite"), os.path.join(tmp, "m1"))
            ),
            "PostgreSQL": Store.open(resolve(pg_url, os.path.join(tmp, "m2"))),
        }
        with stores["PostgreSQL"].engine.connect() as conn:
            pg_version = conn.execute(text("SHOW server_version")).scalar()
        import sqlite3

        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"PostgreSQL {pg_version}; {args.stories:,} stories of ~800 words on each"
        )
        figures = {}
        for label, store in stores.items():
            start = time.perf_counter()
            rate = _fill(store, args.stories, args.batch)
            if label == "PostgreSQL":
                with store.engine.connect() as conn:  # fresh tables: give the planner figures
                    conn.execute(text("ANALYZE"))
                    conn.commit()
            fill_s = time.perf_counter() - start
            print(f"{label}: filled in {fill_s:,.0f} s ({rate:,.0f} stories/s)", file=sys.stderr)
            figures[label] = (rate, *_search(store))

        print(f"\n{'query (ranked, best 20)':<40}{'SQLite ms':>12}{'PostgreSQL ms':>16}")
        sqlite_results, pg_results = figures["SQLite"][2], figures["PostgreSQL"][2]
        for (s_ms, q, s_n), (p_ms, _q, p_n) in zip(sqlite_results, pg_results, strict=True):
            print(f"{q!r:<40}{s_ms:>12.1f}{p_ms:>16.1f}   ({s_n}/{p_n} shown)")
        print()
        for label, (rate, listing, results) in figures.items():
            times = [r[0] for r in results]
            slowest = max(results)
            made = f"create {rate:,.0f} stories/s, " if rate else ""
            print(
                f"{label:<11} {made}list newest 100 {listing:.1f} ms, search median "
                f"{statistics.median(times):.1f} ms, 95th pct "
                f"{sorted(times)[int(0.95 * (len(times) - 1))]:.1f} ms, slowest "
                f"{slowest[0]:.1f} ms ({slowest[1]!r})"
            )
        for store in stores.values():
            store.close()
    finally:
        if not args.keep:
            _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"kept the PostgreSQL database {name}")
        if server is not None:
            server.shut_down()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
