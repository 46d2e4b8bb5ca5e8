"""Story list benchmark: how quickly the workstation's list opens, searches and sorts a store of
100,000 stories, and what memory it holds afterwards.

    python bench/list_bench.py [--stories 100000] [--db PATH_OR_URL] [--media DIR]

Fills the store up to `--stories` (a new SQLite file in a temp dir unless `--db` names one;
stories already in it count) with the copy `store_bench.py` makes, then drives the real
StoryListWidget offscreen and prints: constructing the widget and showing its first page,
each search from the moment the typing pause ends until its rows are shown (and with the
250 ms pause), sorting by headline and by words, fetching a further page, and the process's
resident memory (RSS).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from newsgen import NewsGenerator
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication
from store_bench import create

from editordesk.gui.story_list.model import HEADLINE, WORDS, StoryListModel
from editordesk.gui.story_list.widget import SEARCH_DELAY_MS, StoryListWidget
from editordesk.services.stories import count_stories, list_sections, list_tags
from editordesk.store.db import Store
from editordesk.store.location import resolve

SEARCHES = [
    "council",
    "ferry harbour",
    '"Port Ellan"',
    "headline:storm",
    "ferry OR lifeboat",
    "election -council",
    "fish*",
]
TIMEOUT_MS = 120_000


def rss_mb() -> float:
    """Resident memory now, from /proc (Linux), else the peak from getrusage."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def settle(
    model: StoryListModel, start: Callable[[], object] = lambda: None, *, later: bool = False
) -> float:
    """Milliseconds from calling `start` until the list's read settles and is painted; 0 if
    `start` asked for no read (unless `later`: it starts one after a pause)."""
    loop = QEventLoop()
    model.loaded.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    began = time.perf_counter()
    start()
    if model.is_loading or later:
        loop.exec()
    QApplication.processEvents()  # paint what arrived
    spent = (time.perf_counter() - began) * 1000
    model.loaded.disconnect(loop.quit)
    return spent if spent > 0 and model.error_message == "" else 0.0


def wait_until(ready: Callable[[], bool]) -> None:
    """Run events until `ready()` (or the timeout)."""
    deadline = time.perf_counter() + TIMEOUT_MS / 1000
    while not ready() and time.perf_counter() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.001)


def fill(store: Store, wanted: int) -> None:
    with store.read() as session:
        have = count_stories(session)
    if have >= wanted:
        print(f"store holds {have:,} stories; none added")
        return
    rate = create(store, NewsGenerator(), wanted - have, 1000)
    print(f"created {wanted - have:,} stories of ~800 words at {rate:,.0f} stories/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--db", help="store to use (default: a new SQLite file in a temp dir)")
    parser.add_argument("--media")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (median)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="editordesk-list-bench-")
    db = args.db or os.path.join(tmp, "bench.sqlite")
    store = Store.open(resolve(db, args.media or os.path.join(tmp, "media")))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, {store.engine.dialect.name}"
    )
    fill(store, args.stories)
    with store.read() as session:
        total = count_stories(session)
        sections, tags = list_sections(session), list_tags(session)
    print(f"store: {total:,} stories, {len(sections)} sections, {len(tags):,} tags")

    app = QApplication.instance() or QApplication([])
    rss_before = rss_mb()

    opened: list[float] = []
    choices: list[float] = []
    previous: StoryListWidget | None = None
    for _ in range(args.repeat):
        if previous is not None:  # each run starts from nothing
            previous.close()
            previous.deleteLater()
            app.processEvents()
        began = time.perf_counter()
        widget = previous = StoryListWidget(store)
        widget.resize(1200, 800)
        widget.show()
        settle(widget.model)
        opened.append((time.perf_counter() - began) * 1000)
        wait_until(lambda w=widget: w.tag_combo.count() > 1)  # read after the first page
        choices.append((time.perf_counter() - began) * 1000)
    model, search = widget.model, widget.search_edit
    print(
        f"open: construct the widget and show its first {model.rowCount()} rows: "
        f"first {opened[0]:.0f} ms, then median {statistics.median(opened[1:] or opened):.0f} ms"
    )
    print(
        f"filter choices (sections and tags, read in the background after the first page) "
        f"shown: median {statistics.median(choices):.0f} ms after construction"
    )

    def search_for(query: str) -> float:
        """Type the whole query at once, then press Enter: no pause, just the search."""
        search.setText(query)
        return settle(model, search.returnPressed.emit)

    def clear_search() -> None:
        search.clear()
        settle(model, search.returnPressed.emit)

    print(f"search, from the end of the {SEARCH_DELAY_MS} ms typing pause to rows shown:")
    searched = []
    for query in SEARCHES:
        runs = []
        for _ in range(args.repeat):
            clear_search()
            runs.append(search_for(query))
        ms = statistics.median(runs)
        searched.append(ms)
        shown = widget.status_label.text()
        print(f"  {query!r:<22} {ms:7.1f} ms   {shown}")
    print(
        f"search: median {statistics.median(searched):.1f} ms, slowest {max(searched):.1f} ms; "
        f"as typed, add the {SEARCH_DELAY_MS} ms pause"
    )
    clear_search()
    typed = settle(model, lambda: search.setText("harbour"), later=True)
    print(f"typed 'harbour' to rows shown, pause included: {typed:.0f} ms")
    clear_search()

    header = widget.table_view.horizontalHeader()
    for label, column, order in (
        ("headline A-Z", HEADLINE, Qt.SortOrder.AscendingOrder),
        ("headline Z-A", HEADLINE, Qt.SortOrder.DescendingOrder),
        ("words, most first", WORDS, Qt.SortOrder.DescendingOrder),
    ):
        runs = []
        for _ in range(args.repeat):
            settle(model, lambda: header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder))
            runs.append(settle(model, lambda c=column, o=order: header.setSortIndicator(c, o)))
        print(
            f"sort by {label} over {total:,}: median {statistics.median(runs):.0f} ms "
            f"(runs: {', '.join(f'{ms:.0f}' for ms in runs)})"
        )
    settle(model, lambda: header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder))

    pages = [settle(model, widget.table_view.scrollToBottom) for _ in range(5)]
    print(
        f"scroll to the end: next page median {statistics.median(pages):.0f} ms "
        f"({model.rowCount():,} rows loaded)"
    )
    print(
        f"memory: RSS {rss_mb():,.0f} MB after loading "
        f"({rss_mb() - rss_before:+,.0f} MB for the window and its list; "
        f"{rss_before:,.0f} MB before the first widget)"
    )
    widget.close()
    store.close()


if __name__ == "__main__":
    main()
