"""The story list driven as an editor drives it: typing a search, picking filters, clicking
headers, scrolling, opening stories; with the real store underneath."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from editordesk.gui.state import window_settings
from editordesk.gui.story_list.model import (
    BYLINE,
    HEADLINE,
    SECTION,
    STATUS,
    UPDATED,
    WORDS,
    StoryFilters,
    StoryListModel,
    describe_error,
    format_updated,
)
from editordesk.gui.story_list.widget import SEARCH_PLACEHOLDER, StoryListWidget
from editordesk.gui.workers import wait_for_background
from editordesk.services import stories as svc
from editordesk.services.stories import StoryDraft
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import StoryStatus

WAIT_MS = 5000


def _create(store: Store, headline: str, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(
            session,
            StoryDraft(headline=headline, **fields),  # type: ignore[arg-type]
            author="Ann",
        )


def _save(store: Store, record: svc.StoryRecord, **changes: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.save_story(
            session,
            record.id,
            replace(record.draft(), **changes),  # type: ignore[arg-type]
            base_version=record.version,
            author="Ann",
        )


def _headlines(widget: StoryListWidget) -> list[str]:
    model = widget.model
    return [model.data(model.index(row, HEADLINE)) for row in range(model.rowCount())]


def _column(widget: StoryListWidget, column: int) -> list[str]:
    model = widget.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


@pytest.fixture
def open_list(qtbot: QtBot, store: Store) -> Callable[..., StoryListWidget]:
    """A shown story list whose first page (and filter choices) have arrived."""

    def make(on: Store = store) -> StoryListWidget:
        widget = StoryListWidget(on)
        qtbot.addWidget(widget)
        widget.resize(900, 500)
        widget.show()
        qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS).wait()
        qtbot.waitUntil(lambda: widget.section_combo.count() > 1 or not _sections(on))
        return widget

    return make


def _sections(store: Store) -> list[str]:
    with store.read() as session:
        return svc.list_sections(session)


@pytest.fixture
def newsroom(store: Store) -> dict[str, svc.StoryRecord]:
    """Five stories saved one after another, so the last is the newest."""
    return {
        "ferry": _create(
            store,
            "Ferry cuts leave island cut off",
            body="The ferry runs twice a week now. " * 5,
            section="Transport",
            tags=("ferry", "islands"),
            status=StoryStatus.READY,
            byline="Tom Byrne",
        ),
        "storm": _create(
            store,
            "Storm closes the harbour",
            body="Boats stayed in. The ferry was cancelled.",
            section="Weather",
            tags=("storm", "harbour"),
            status=StoryStatus.EDITING,
            byline="Mara Quinn",
        ),
        "budget": _create(
            store,
            "Council budget passes",
            body="The vote was close. " * 20,
            section="Politics",
            tags=("council",),
            status=StoryStatus.DRAFT,
            byline="Ruth Calloway",
        ),
        "timetable": _create(
            store,
            "New ferry timetable from Monday",
            body="Timetable changes.",
            section="Transport",
            tags=("ferry",),
            status=StoryStatus.READY,
            byline="Tom Byrne",
        ),
        "museum": _create(
            store,
            "Museum reopens after repairs",
            body="Doors open at ten.",
            section="Culture",
            tags=("heritage",),
            status=StoryStatus.PUBLISHED,
            byline="Ana Ruiz",
        ),
    }


NEWEST_FIRST = [
    "Museum reopens after repairs",
    "New ferry timetable from Monday",
    "Council budget passes",
    "Storm closes the harbour",
    "Ferry cuts leave island cut off",
]


# ------------------------------------------------------------ opening and showing


def test_the_list_opens_newest_first_with_status_as_colour_and_word(
    open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    assert _headlines(widget) == NEWEST_FIRST
    assert widget.status_label.text() == "5 stories"
    model = widget.model
    assert _column(widget, STATUS) == ["Published", "Ready", "Draft", "Editing", "Ready"]
    dot = model.data(model.index(0, STATUS), Qt.ItemDataRole.DecorationRole)
    assert isinstance(dot, QIcon) and not dot.isNull()
    assert model.data(model.index(0, HEADLINE), StoryListModel.StoryIdRole) == (
        newsroom["museum"].id
    )
    assert model.story_id(4) == newsroom["ferry"].id
    assert model.data(model.index(2, WORDS)) == "80"
    updated = newsroom["museum"].updated
    assert model.data(model.index(0, UPDATED)) == format_updated(updated)
    tip = model.data(model.index(4, HEADLINE), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == [
        "Ferry cuts leave island cut off",
        "Transport · Tom Byrne",
        "Tags: ferry, islands",
    ]


def test_an_empty_store_says_so(open_list: Callable[..., StoryListWidget]) -> None:
    widget = open_list()
    assert widget.model.rowCount() == 0
    assert widget.status_label.text() == "No stories yet"


def test_every_control_has_an_accessible_name_and_a_tooltip(
    open_list: Callable[..., StoryListWidget],
) -> None:
    widget = open_list()
    assert widget.search_edit.placeholderText() == SEARCH_PLACEHOLDER
    assert widget.search_edit.isClearButtonEnabled()
    controls = [
        widget.search_edit,
        widget.status_combo,
        widget.section_combo,
        widget.tag_combo,
        widget.table_view,
        widget.status_label,
    ]
    for control in controls:
        assert control.accessibleName(), control
        assert control.toolTip(), control


@pytest.fixture
def local_zone_plus_two(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "XYZ-2")  # POSIX spelling of UTC+2
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("local_zone_plus_two")
def test_updated_is_shown_in_local_time_with_the_year_only_when_not_this_year() -> None:
    saved = dt.datetime(2026, 11, 27, 19, 14, tzinfo=dt.UTC)
    assert format_updated(saved, this_year=2026) == "27 Nov 21:14"
    assert format_updated(saved, this_year=2027) == "27 Nov 2026 21:14"
    new_year = dt.datetime(2026, 12, 31, 23, 5, tzinfo=dt.UTC)  # already 2027 locally
    assert format_updated(new_year, this_year=2027) == "1 Jan 01:05"


# ------------------------------------------------------------ searching


def test_typing_a_search_shows_the_best_matches_after_a_pause(
    qtbot: QtBot,
    open_list: Callable[..., StoryListWidget],
    newsroom: dict[str, svc.StoryRecord],
) -> None:
    widget = open_list()
    loads: list[int] = []
    widget.model.loaded.connect(lambda: loads.append(widget.model.rowCount()))
    widget.focus_search()
    qtbot.keyClicks(widget.search_edit, "ferry")
    assert _headlines(widget) == NEWEST_FIRST  # nothing is searched while typing goes on
    qtbot.waitUntil(lambda: loads != [], timeout=WAIT_MS)
    # Best match first: "ferry" in the headline counts most; the storm story only says it
    # in its body.
    assert _headlines(widget)[-1] == "Storm closes the harbour"
    assert set(_headlines(widget)) == {
        "Ferry cuts leave island cut off",
        "New ferry timetable from Monday",
        "Storm closes the harbour",
    }
    assert loads == [3]  # one search for the whole word, not one per key
    assert widget.status_label.text() == "3 stories"

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.search_edit, " headline:timetable")
    assert _headlines(widget) == ["New ferry timetable from Monday"]
    assert widget.status_label.text() == "1 story"

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.search_edit.clear()  # what the clear button does
    assert _headlines(widget) == NEWEST_FIRST


def test_a_search_that_finds_nothing_says_what_was_searched(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.search_edit, "zebra")
    assert _headlines(widget) == []
    assert widget.status_label.text() == "No stories match “zebra”"


def test_a_bad_query_shows_its_message_in_the_status_line_not_a_traceback(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    with qtbot.waitSignal(widget.model.error, timeout=WAIT_MS) as reported:
        qtbot.keyClicks(widget.search_edit, '-"')
        qtbot.keyClick(widget.search_edit, Qt.Key.Key_Return)  # Enter searches at once
    assert reported.args == ["the search '-\"' has no words to look for"]
    assert widget.status_label.text() == "The search '-\"' has no words to look for"
    assert _label_colour(widget) != widget.palette().color(QPalette.ColorRole.WindowText)
    assert widget.model.rowCount() == 0
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.search_edit.setText("-harbour ferry")
    assert sorted(_headlines(widget)) == [
        "Ferry cuts leave island cut off",
        "New ferry timetable from Monday",
    ]
    assert widget.model.error_message == ""
    assert widget.status_label.text() == "2 stories"
    assert _label_colour(widget) == widget.palette().color(QPalette.ColorRole.WindowText)


def _label_colour(widget: StoryListWidget) -> QColor:
    return widget.status_label.palette().color(QPalette.ColorRole.WindowText)


class _SlowRead:
    """A store read held back until the test lets it go."""

    def __init__(self) -> None:
        self.started = threading.Event()  # the read has begun, and waits
        self.release = threading.Event()  # set by the test: carry on
        self.returned = threading.Event()  # the read has given its rows back


def _slow_search(monkeypatch: pytest.MonkeyPatch, query: str) -> _SlowRead:
    """Make the store hold a search for `query` until the test releases it."""
    slow = _SlowRead()
    real = svc.list_stories

    def list_stories(session: object, **kwargs: object) -> list[svc.StorySummary]:
        if kwargs.get("query") != query:
            return real(session, **kwargs)  # type: ignore[arg-type]
        slow.started.set()
        slow.release.wait(WAIT_MS / 1000)
        try:
            return real(session, **kwargs)  # type: ignore[arg-type]
        finally:
            slow.returned.set()

    monkeypatch.setattr(svc, "list_stories", list_stories)  # the model reads it per page
    return slow


def _settle(qtbot: QtBot) -> None:
    """Until no background read is running and what each gave back has been handled."""
    qtbot.waitUntil(lambda: wait_for_background(0), timeout=WAIT_MS)
    QApplication.processEvents()


def test_a_slow_search_says_it_is_searching_while_typing_goes_on(
    qtbot: QtBot,
    open_list: Callable[..., StoryListWidget],
    newsroom: dict[str, svc.StoryRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widget = open_list()
    slow = _slow_search(monkeypatch, "ferry")
    qtbot.keyClicks(widget.search_edit, "ferry")
    qtbot.waitUntil(lambda: widget.status_label.text() == "Searching for “ferry”…", timeout=WAIT_MS)
    assert slow.started.is_set() and widget.search_edit.isEnabled()
    qtbot.keyClicks(widget.search_edit, " cuts")  # the window still takes keys
    assert widget.search_edit.text() == "ferry cuts"
    slow.release.set()
    qtbot.waitUntil(lambda: _headlines(widget) == ["Ferry cuts leave island cut off"])
    assert widget.status_label.text() == "1 story"


def test_a_search_overtaken_by_a_newer_one_never_shows(
    qtbot: QtBot,
    store: Store,
    newsroom: dict[str, svc.StoryRecord],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first search is slow and its rows arrive last; they are dropped, so the list
    shows the newer search and `loaded` fires once."""
    slow = _slow_search(monkeypatch, "ferry")
    model = StoryListModel(store)
    loads: list[list[str]] = []
    model.loaded.connect(
        lambda: loads.append([model.summary(r).headline for r in range(model.rowCount())])
    )
    model.set_filters(replace(model.filters, query="ferry"))
    assert slow.started.wait(WAIT_MS / 1000)
    model.set_filters(replace(model.filters, query="museum"))
    qtbot.waitUntil(lambda: loads != [], timeout=WAIT_MS)
    slow.release.set()  # the first search comes back last…
    qtbot.waitUntil(slow.returned.is_set, timeout=WAIT_MS)
    _settle(qtbot)  # …and its rows are handled: dropped
    assert loads == [["Museum reopens after repairs"]]


# ------------------------------------------------------------ filtering


def test_picking_a_status_section_or_tag_narrows_the_list(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    statuses = [widget.status_combo.itemText(i) for i in range(widget.status_combo.count())]
    assert statuses == [
        "All statuses",
        "Draft",
        "Editing",
        "Ready",
        "Published",
        "Spiked",
        "Published on a site",
        "Changed since publishing",
        "Trash",
    ]
    sections = [widget.section_combo.itemText(i) for i in range(widget.section_combo.count())]
    assert sections == ["All sections", "Culture", "Politics", "Transport", "Weather"]
    tags = [widget.tag_combo.itemText(i) for i in range(widget.tag_combo.count())]
    assert tags == ["All tags", "council", "ferry", "harbour", "heritage", "islands", "storm"]

    widget.status_combo.setFocus()
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.status_combo, "Rea")  # type-ahead, as in any drop-down
    assert widget.status_combo.currentText() == "Ready"
    assert _headlines(widget) == [
        "New ferry timetable from Monday",
        "Ferry cuts leave island cut off",
    ]

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.tag_combo.setCurrentIndex(widget.tag_combo.findText("islands"))
    assert _headlines(widget) == ["Ferry cuts leave island cut off"]

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.section_combo.setCurrentIndex(widget.section_combo.findText("Weather"))
    assert _headlines(widget) == []
    assert widget.status_label.text() == "No stories match these filters"

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.search_edit, "ferry")
    assert widget.status_label.text() == "No stories match “ferry” with these filters"

    for combo in (widget.status_combo, widget.section_combo, widget.tag_combo):
        with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
            combo.setCurrentIndex(0)
    assert len(_headlines(widget)) == 3


# ------------------------------------------------------------ sorting


def _click_header(qtbot: QtBot, widget: StoryListWidget, column: int) -> None:
    header = widget.table_view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )


def test_clicking_a_header_sorts_and_a_third_click_returns_to_newest_first(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    _click_header(qtbot, widget, HEADLINE)
    assert _headlines(widget) == sorted(NEWEST_FIRST)
    _click_header(qtbot, widget, HEADLINE)
    assert _headlines(widget) == sorted(NEWEST_FIRST, reverse=True)
    _click_header(qtbot, widget, HEADLINE)
    assert _headlines(widget) == NEWEST_FIRST
    assert widget.model.sort_column is None

    _click_header(qtbot, widget, WORDS)  # most words first on the first click
    words = [int(w.replace(",", "")) for w in _column(widget, WORDS)]
    assert words == sorted(words, reverse=True) and words[0] == 80

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.search_edit, "ferry")
    words = [int(w.replace(",", "")) for w in _column(widget, WORDS)]
    assert len(words) == 3 and words == sorted(words, reverse=True)  # the sort still holds


# ------------------------------------------------------------ many stories


def test_scrolling_fetches_more_stories_a_page_at_a_time(
    qtbot: QtBot, store: Store, open_list: Callable[..., StoryListWidget]
) -> None:
    with store.write() as session:
        for n in range(650):
            svc.create_story(
                session, StoryDraft(headline=f"Story {n:03d}", body="Short."), author="Ann"
            )
    widget = open_list()
    model, view = widget.model, widget.table_view
    qtbot.waitUntil(lambda: view.indexAt(QPoint(1, 1)).row() == 0)  # the first page is shown
    _settle(qtbot)  # anything the view asked for meanwhile has come in
    assert model.rowCount() == 200 and model.canFetchMore()
    assert widget.status_label.text() == "Showing 200 of many — scroll for more"
    assert _headlines(widget)[0] == "Story 649"

    for expected in (400, 600, 650):
        with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
            view.scrollToBottom()
        assert model.rowCount() == expected
    assert not model.canFetchMore()
    assert widget.status_label.text() == "650 stories"
    assert _headlines(widget)[-1] == "Story 000"
    assert len(set(_headlines(widget))) == 650

    # A new search starts again from one page.
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS):
        qtbot.keyClicks(widget.search_edit, "story")
    assert model.rowCount() == 200 and model.canFetchMore()


# ------------------------------------------------------------ opening and selection


def test_enter_or_a_double_click_asks_to_open_the_story(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    view = widget.table_view
    with qtbot.waitSignal(widget.current_changed, timeout=WAIT_MS) as changed:
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.visualRect(widget.model.index(1, HEADLINE)).center(),
        )
    assert changed.args == [newsroom["timetable"].id]
    with qtbot.waitSignal(widget.open_requested, timeout=WAIT_MS) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [newsroom["timetable"].id]

    storm_row = view.visualRect(widget.model.index(3, HEADLINE)).center()
    with qtbot.waitSignal(widget.open_requested, timeout=WAIT_MS) as opened:
        # A double-click's first press lands as a click; QTest sends only the second.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=storm_row)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=storm_row)
    assert opened.args == [newsroom["storm"].id]
    assert widget.current_story_id() == newsroom["storm"].id


def test_down_from_the_search_box_moves_into_the_list(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    widget.focus_search()
    qtbot.keyClick(widget.search_edit, Qt.Key.Key_Down)
    assert widget.table_view.hasFocus()
    assert widget.current_story_id() == newsroom["museum"].id
    with qtbot.waitSignal(widget.current_changed, timeout=WAIT_MS) as changed:
        qtbot.keyClick(widget.table_view, Qt.Key.Key_Down)
    assert changed.args == [newsroom["timetable"].id]


def test_refresh_after_a_save_shows_the_new_story_and_keeps_the_selection(
    qtbot: QtBot,
    store: Store,
    open_list: Callable[..., StoryListWidget],
    newsroom: dict[str, svc.StoryRecord],
) -> None:
    widget = open_list()
    storm = newsroom["storm"]
    widget.select_story(storm.id)
    assert widget.current_story_id() == storm.id
    assert widget.table_view.currentIndex().row() == 3
    changes: list[int] = []
    widget.current_changed.connect(changes.append)

    fresh = _create(store, "Lifeboat crew honoured", section="Local", tags=("lifeboat",))
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.refresh()
    assert _headlines(widget) == ["Lifeboat crew honoured", *NEWEST_FIRST]
    assert widget.status_label.text() == "6 stories"
    assert widget.table_view.currentIndex().row() == 4  # moved down one, still selected
    assert [i.row() for i in widget.table_view.selectionModel().selectedRows()] == [4]
    assert widget.current_story_id() == storm.id
    assert changes == []  # the selection never flickered through "none"
    qtbot.waitUntil(lambda: widget.section_combo.findText("Local") > 0, timeout=WAIT_MS)
    assert widget.tag_combo.findText("lifeboat") > 0

    # The main window's path after creating a story: refresh, then select it.
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.refresh()
        widget.select_story(fresh.id)
    assert widget.current_story_id() == fresh.id
    assert changes == [fresh.id]


def test_refresh_lets_go_of_a_story_that_no_longer_matches(
    qtbot: QtBot,
    store: Store,
    open_list: Callable[..., StoryListWidget],
    newsroom: dict[str, svc.StoryRecord],
) -> None:
    widget = open_list()
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.status_combo.setCurrentIndex(widget.status_combo.findData(StoryStatus.READY))
    ferry = newsroom["ferry"]
    widget.select_story(ferry.id)
    _save(store, ferry, status=StoryStatus.PUBLISHED)
    with (
        qtbot.waitSignal(widget.current_changed, timeout=WAIT_MS) as changed,
        qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS),
    ):
        widget.refresh()
    assert changed.args == [-1]
    assert _headlines(widget) == ["New ferry timetable from Monday"]
    assert not widget.table_view.selectionModel().hasSelection()


def test_refresh_keeps_every_page_that_was_scrolled_in(
    qtbot: QtBot, store: Store, open_list: Callable[..., StoryListWidget]
) -> None:
    with store.write() as session:
        for n in range(450):
            svc.create_story(session, StoryDraft(headline=f"Story {n:03d}"), author="Ann")
    widget = open_list()
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.table_view.scrollToBottom()
    widget.select_story(widget.model.story_id(350))
    chosen = widget.current_story_id()
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        widget.refresh()
    assert widget.model.rowCount() == 400
    assert widget.current_story_id() == chosen
    assert widget.table_view.currentIndex().row() == 350


def test_another_store_shows_its_own_stories(
    qtbot: QtBot,
    tmp_path: Path,
    open_list: Callable[..., StoryListWidget],
    newsroom: dict[str, svc.StoryRecord],
) -> None:
    widget = open_list()
    widget.select_story(newsroom["museum"].id)
    with Store.open(resolve(str(tmp_path / "other" / "other.sqlite"))) as other:
        _create(other, "Elsewhere entirely", section="World")
        with (
            qtbot.waitSignal(widget.current_changed, timeout=WAIT_MS) as changed,
            qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS),
        ):
            widget.set_store(other)
        assert _headlines(widget) == ["Elsewhere entirely"]
        assert changed.args == [-1]
        qtbot.waitUntil(lambda: widget.section_combo.findText("World") > 0, timeout=WAIT_MS)
        assert widget.section_combo.findText("Transport") == -1
        with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
            widget.set_store(None)
        assert widget.status_label.text() == "No store is open"


# ------------------------------------------------------------ window state


def test_column_widths_and_sort_are_saved_and_restored(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    header = widget.table_view.horizontalHeader()
    header.resizeSection(STATUS, 140)
    _click_header(qtbot, widget, WORDS)
    settings = window_settings()
    widget.save_state(settings)
    settings.sync()

    again = open_list()
    assert again.table_view.horizontalHeader().sectionSize(STATUS) != 140
    with qtbot.waitSignal(again.model.loaded, timeout=WAIT_MS):
        again.restore_state(window_settings())
    assert again.table_view.horizontalHeader().sectionSize(STATUS) == 140
    assert again.model.sort_column == WORDS
    assert _column(again, WORDS)[0] == "80"


def _shown(widget: StoryListWidget) -> list[int]:
    header = widget.table_view.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def _right_click_header_and_choose(qtbot: QtBot, widget: StoryListWidget, text: str) -> None:
    header = widget.table_view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(HEADLINE) + 10, header.height() // 2)
    QApplication.sendEvent(
        header.viewport(),
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, header.mapToGlobal(where)),
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert action.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_a_narrow_list_gives_the_headline_room_and_the_editor_may_choose_columns(
    qtbot: QtBot, open_list: Callable[..., StoryListWidget], newsroom: dict[str, svc.StoryRecord]
) -> None:
    widget = open_list()
    assert _shown(widget) == [HEADLINE, STATUS, SECTION, BYLINE, UPDATED, WORDS]
    widget.resize(420, 500)  # the first-start list beside the editor
    qtbot.waitUntil(lambda: WORDS not in _shown(widget))
    assert _shown(widget)[:2] == [HEADLINE, STATUS] and BYLINE not in _shown(widget)
    header = widget.table_view.horizontalHeader()
    assert header.sectionSize(HEADLINE) >= 180
    widget.resize(900, 500)
    qtbot.waitUntil(lambda: len(_shown(widget)) == 6)

    # The editor's choice stands, whatever the width, and is kept with the window's state.
    _right_click_header_and_choose(qtbot, widget, "Words")
    assert WORDS not in _shown(widget)
    _right_click_header_and_choose(qtbot, widget, "Section")
    widget.resize(1200, 500)
    qtbot.waitUntil(lambda: widget.table_view.viewport().width() > 900)  # refitted on resize
    assert _shown(widget) == [HEADLINE, STATUS, BYLINE, UPDATED]
    settings = window_settings()
    widget.save_state(settings)
    settings.sync()
    again = open_list()
    again.resize(1200, 500)
    again.restore_state(window_settings())
    assert _shown(again) == [HEADLINE, STATUS, BYLINE, UPDATED]
    again.resize(420, 500)
    qtbot.waitUntil(lambda: again.table_view.viewport().width() < 420)  # refitted on resize
    assert _shown(again) == [HEADLINE, STATUS, BYLINE, UPDATED]  # chosen: nothing gives way

    # "Fit columns" hands the choice back to the width.
    _right_click_header_and_choose(qtbot, again, "Fit columns to the list's width")
    assert (
        WORDS not in _shown(again)
        and again.table_view.horizontalHeader().sectionSize(HEADLINE) >= 180
    )
    again.resize(1200, 500)
    qtbot.waitUntil(lambda: len(_shown(again)) == 6)


def test_restoring_with_nothing_saved_changes_nothing(
    open_list: Callable[..., StoryListWidget],
) -> None:
    widget = open_list()
    before = widget.table_view.horizontalHeader().saveState()
    widget.restore_state(window_settings())
    assert widget.table_view.horizontalHeader().saveState() == before


# ------------------------------------------------------------ the model on its own


def test_the_model_can_read_on_the_calling_thread_a_page_at_a_time(store: Store) -> None:
    for n in range(5):
        _create(store, f"Story {n}")
    model = StoryListModel(store, page_size=2, background=False)
    loads: list[int] = []
    model.loaded.connect(lambda: loads.append(model.rowCount()))
    errors: list[str] = []
    model.error.connect(errors.append)
    assert model.rowCount() == 0 and not model.canFetchMore()  # nothing read until asked
    model.reload()
    assert loads == [2] and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert loads == [2, 4, 5] and not model.canFetchMore()
    model.sort(HEADLINE, Qt.SortOrder.AscendingOrder)
    assert [model.summary(r).headline for r in range(model.rowCount())] == ["Story 0", "Story 1"]
    model.set_filters(StoryFilters(query="NOT"))
    assert errors == ["the search 'NOT' has no words to look for"]
    assert model.rowCount() == 0 and model.error_message == errors[0]


def test_store_failures_become_sentences() -> None:
    locked = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert describe_error(locked) == ("the story list could not be read: database is locked")
    assert describe_error(RuntimeError("disk on fire")) == (
        "the story list could not be read: disk on fire"
    )


def test_a_failed_refresh_keeps_the_rows_a_failed_new_listing_clears_them(
    store: Store, tmp_path: Path
) -> None:
    """A refresh reads the same listing again: if the store cannot be read just then (a
    network share gone for a moment), the rows stay, older, beside the error. A new search
    or filter that fails has nothing of its own to show."""
    for n in range(3):
        _create(store, f"Story {n}")
    model = StoryListModel(store, background=False)
    errors: list[str] = []
    model.error.connect(errors.append)
    model.reload()
    assert model.rowCount() == 3
    path = store.location.sqlite_path
    assert path is not None
    store.close()
    aside = tmp_path / "aside"
    aside.mkdir()
    moved = [p for p in path.parent.glob(path.name + "*") if p.is_file()]
    for p in moved:
        p.rename(aside / p.name)  # the file gone: a new connection finds no stories table
    try:
        model.refresh()
        assert len(errors) == 1 and "cannot be reached" in errors[0], errors
        assert model.rowCount() == 3 and model.error_message == errors[0]
        model.set_filters(StoryFilters(query="Story"))
        assert len(errors) == 2 and model.rowCount() == 0
    finally:
        store.close()
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        for p in moved:
            (aside / p.name).rename(p)
    model.refresh()
    assert model.rowCount() == 3 and model.error_message == ""
