"""The hostile-text catalogue: a value that Qt would read as markup, in every field the window
shows, shown and hovered in the real widgets offscreen.

Qt reads a string that looks like markup as HTML in tooltips, labels and message boxes, and an
`<img src=…>` there makes it read that file: `/dev/zero` grows the window until it dies, a
named pipe hangs it for good. Each test stores a hostile value through the real services,
shows it where an editor would meet it, hovers what can be hovered, and checks that the text
shown is the literal characters, that the pipe was never opened (a writer process counts
every opening and feeds it, so a reader never hangs the test), and that the process stayed
small. docs/bad-input.md lists these rows under "untrusted text in the window"."""

from __future__ import annotations

import html
import json
import os
import re
import resource
import select
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTabBar,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.assets import resource as packaged
from editordesk.gui import plain
from editordesk.gui.dialogs.conflict import ConflictDialog
from editordesk.gui.dialogs.tweet import TweetDialog
from editordesk.gui.editor.related_panel import WebLinkDialog
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.library.credits import CreditsReportDialog
from editordesk.gui.library.view import LibraryView
from editordesk.gui.story_list.model import BYLINE, HEADLINE, SECTION
from editordesk.gui.story_list.widget import StoryListWidget
from editordesk.interchange.markdown import figure_code, tweet_code
from editordesk.media.tweets import parse_tweet_url
from editordesk.model import ImageFields, RelatedRecord, StoryDraft, StoryRecord
from editordesk.services.images import add_image
from editordesk.services.locks import take_lock
from editordesk.services.stories import create_story, get_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # also when the catalogue imports it
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

WAIT_MS = 20_000  # a bound on waiting for a background read, not a timing assertion
KINDS = ("dev-zero", "pipe", "bold", "file-link", "entity", "megabyte")
MEMORY_GROWTH_KB = 400 * 1024  # a window that read /dev/zero would grow by gigabytes


class PipeWatch:
    """A named pipe, and a writer process that notes each time anything opens it to read
    (before feeding it a few bytes, so a reader never waits for ever)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "pipe.jpg"
        os.mkfifo(self.path)
        self._opened = folder / "pipe-opened"
        self._opened.write_bytes(b"")
        self._writer = subprocess.Popen(
            [
                "sh",
                "-c",
                'trap "" PIPE; while :; do { printf x >> "$2"; printf GIF89a; } > "$1"; done',
                "sh",
                str(self.path),
                str(self._opened),
            ],
            stderr=subprocess.DEVNULL,  # a write cut short by a closing reader is expected
        )
        self._baseline = 0
        self._baseline = self._prove_it_counts()

    def _prove_it_counts(self) -> int:
        """Open the pipe once ourselves: the count must see it (else the tests prove nothing)."""
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            for _ in range(1000):  # the writer notes the opening first, then writes
                if self._opened.stat().st_size:
                    break
                select.select([], [], [], 0.01)
            while True:  # drain to the end, so the writer never writes into a closed pipe
                ready, _, _ = select.select([fd], [], [], 10)
                assert ready, "the pipe's writer never answered"
                try:
                    if not os.read(fd, 64):
                        break
                except BlockingIOError:
                    continue
        finally:
            os.close(fd)
        assert self.opened() >= 1  # (it opens again and again while a reader holds it)
        size = -1
        for _ in range(500):  # let the writer settle into waiting for the next reader
            if self._opened.stat().st_size == size:
                break
            size = self._opened.stat().st_size
            select.select([], [], [], 0.05)
        return size

    def opened(self) -> int:
        """How often something opened the pipe since the watch began."""
        return self._opened.stat().st_size - self._baseline

    def close(self) -> None:
        self._writer.kill()
        self._writer.wait()


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[PipeWatch]:
    watch = PipeWatch(tmp_path)
    try:
        yield watch
    finally:
        watch.close()


@pytest.fixture(autouse=True)
def bounded_memory() -> Iterator[None]:
    """Cap the address space while the test runs, so a regression that reads /dev/zero
    fails this test instead of taking gigabytes from everyone on the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    status = Path("/proc/self/status")
    if status.exists():  # Linux: the size of the address space now, and a gigabyte more
        lines = status.read_text(encoding="ascii").splitlines()
        size_kb = next(int(line.split()[1]) for line in lines if line.startswith("VmSize:"))
        cap = size_kb * 1024 + 1024**3
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < MEMORY_GROWTH_KB, f"the process grew by {grown} kB"


def hostile(kind: str, pipe: PipeWatch) -> str:
    return {
        "dev-zero": '<img src="/dev/zero"> Council budget',
        "pipe": f'<img src="{pipe.path}"> Council budget',
        "bold": "<b>bold</b> Council budget",
        "file-link": '<a href="file:///etc/passwd">x</a> Council budget',
        "entity": "Council &lt;img src=/dev/zero&gt; budget",
        "megabyte": f'<img src="{pipe.path}">' + "A" * 1_000_000,
    }[kind]


def fit(text: str, limit: int) -> str:
    """As much of `text` as a field of `limit` characters holds."""
    return text[:limit]


def shown(tip: str) -> str:
    """What a reader sees of a tooltip, which must be one Qt may show as it is."""
    assert plain.is_safe_tooltip(tip), tip[:300]
    if not plain.looks_rich(tip):
        return tip
    opening, closing = '<qt><p style="white-space:pre-wrap">', "</p></qt>"
    if tip.startswith(opening) and tip.endswith(closing):
        return html.unescape(tip[len(opening) : -len(closing)])
    document = QTextDocument()  # markup we wrote (plain.rich_tooltip): safe to render
    document.setHtml(tip)
    return document.toPlainText()


def hover(widget: QWidget, pos: QPoint) -> str:
    """Hover `widget` at `pos` as the mouse would and return the tooltip shown ('' if none)."""
    QToolTip.hideText()
    QApplication.processEvents()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()
    return QToolTip.text() if QToolTip.isVisible() or QToolTip.text() else ""


def hover_cell(view: QAbstractItemView, row: int, column: int = 0) -> str:
    index = view.model().index(row, column)
    view.scrollTo(index)
    return hover(view.viewport(), view.visualRect(index).center())


def sweep(root: QWidget, pipe: PipeWatch) -> None:
    """Paint everything, hover every widget and every visible cell: each tooltip must be one
    Qt may show as it is, no label may read a stored value as markup, and the pipe stays
    unopened."""
    plain.guard_tooltips()
    root.grab()
    for label in root.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.PlainText and plain.looks_rich(label.text()):
            assert not re.search(r"<(img|a|b)\b", label.text()), label.text()[:300]
    for widget in [root, *root.findChildren(QWidget)]:
        # (a tooltip's own label comes and goes as tooltips are shown and hidden)
        if not shiboken6.isValid(widget) or widget.objectName() == "qtooltip_label":
            continue
        if widget.isVisible():
            tip = hover(widget, widget.rect().center())
            assert not tip or plain.is_safe_tooltip(tip), tip[:300]
    for view in root.findChildren(QAbstractItemView):
        if view.isVisible() and view.model() is not None and not isinstance(view, QHeaderView):
            for row in range(min(view.model().rowCount(), 5)):
                tip = hover_cell(view, row)
                assert not tip or plain.is_safe_tooltip(tip), tip[:300]
    QToolTip.hideText()
    assert pipe.opened() == 0, "Qt opened the named pipe a stored value names"


def show(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def new_story(store: Store, **fields: object) -> StoryRecord:
    with store.write() as session:
        return create_story(session, StoryDraft(**fields), author="Test Editor")  # type: ignore[arg-type]


def wait_preview(qtbot: QtBot, editor: StoryEditor) -> None:
    with qtbot.waitSignal(editor.preview_updated, timeout=WAIT_MS):
        editor.schedule_preview()


# ---------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("kind", KINDS)
def test_story_list_cells_tooltips_and_filters(
    qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str
) -> None:
    value = hostile(kind, pipe)
    story = new_story(
        store,
        headline=value,
        byline=fit(value, 300),
        section=fit(value, 200),
        tags=(fit(value, 100),),
    )
    widget = StoryListWidget(store)
    show(qtbot, widget)
    model = widget.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
    assert model.data(model.index(0, HEADLINE)) == plain.shorten(story.headline)
    assert model.data(model.index(0, BYLINE)) == plain.shorten(story.byline, 200)
    assert model.data(model.index(0, SECTION)) == plain.shorten(story.section, 200)
    for column in (HEADLINE, SECTION, BYLINE):
        lines = shown(hover_cell(widget.table_view, 0, column)).splitlines()
        assert lines[0] == plain.shorten(story.headline, 500)
        assert lines[-1] == plain.shorten("Tags: " + ", ".join(story.tags), 500)
    qtbot.waitUntil(lambda: widget.section_combo.count() == 2, timeout=WAIT_MS)
    assert widget.section_combo.itemText(1) == plain.shorten(story.section, 200)
    assert widget.tag_combo.itemText(1) == plain.shorten(story.tags[0], 200)
    sweep(widget, pipe)

    query = fit(value, 300) + " nothing matches this"
    widget.search_edit.setText(query)
    widget.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: widget.status_label.text().startswith("No stories"), timeout=WAIT_MS)
    assert widget.status_label.textFormat() == Qt.TextFormat.PlainText
    assert widget.status_label.text() == f"No stories match “{query.strip()}”"
    sweep(widget, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_another_editors_name_in_the_lock(
    qtbot: QtBot, store: Store, store_location: StoreLocation, pipe: PipeWatch, kind: str
) -> None:
    from editordesk.gui.main_window import MainWindow

    name = fit(hostile(kind, pipe), 300)
    story = new_story(store, headline="Harbour wall")
    with Store.open(store_location) as theirs, theirs.write() as session:
        take_lock(session, story.id, holder=name, window="their-window")
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.story_list.model
    qtbot.waitUntil(lambda: model.lock_text(story.id) != "", timeout=WAIT_MS)
    tip = shown(hover_cell(window.story_list.table_view, model.row_of(story.id)))
    assert f"Being edited by {plain.shorten(model.lock_text(story.id), 200)}" in tip
    assert model.lock_text(story.id).startswith(f"{name} since ")

    editor = window.open_story(story.id)
    assert editor is not None and editor.read_only
    label = editor.notice.label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == plain.shorten(
        f"Being edited by {name} since {label.text().split(' since ')[-1]}"
    )
    assert label.text().startswith(f"Being edited by {name[:100]}")
    sweep(window, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_a_pictures_name_caption_and_credit(
    qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str
) -> None:
    value = hostile(kind, pipe)
    with store.write() as session:
        image = add_image(
            session,
            store.media,
            png(),
            fit(value, 300),
            ImageFields(caption=value, credit=fit(value, 500), alt_text=value),
        )
    story = new_story(store, headline="Pier", body=f"Words.\n\n{figure_code(image.id)}\n")

    view = LibraryView(store)
    show(qtbot, view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    lines = shown(hover_cell(view.grid, 0)).splitlines()
    assert lines[0] == plain.shorten(image.original_name, 300)
    assert lines[2] == f"Credit: {plain.shorten(image.fields.credit, 300)}"
    view.select_image(image.id)
    assert view.panel.title.textFormat() == Qt.TextFormat.PlainText
    assert view.panel.title.text() == plain.shorten(image.original_name, 500)
    sweep(view, pipe)

    report = CreditsReportDialog(store, story_ids=[story.id])
    show(qtbot, report)
    qtbot.waitUntil(lambda: report.table_model.rowCount() == 1, timeout=WAIT_MS)
    assert shown(hover_cell(report.table, 0, 3)) == plain.shorten(image.fields.credit)
    sweep(report, pipe)

    with store.read() as session:
        record = get_story(session, story.id)
    editor = StoryEditor(store, record)
    show(qtbot, editor)
    wait_preview(qtbot, editor)
    item = editor.assets.list.item(0).text()
    assert item.startswith(f"Picture: {plain.shorten(image.original_name, 300)[:200]}")
    assert editor.preview.refused == []  # the story's own picture is shown
    token = figure_code(image.id)
    tip = editor.body.token_tooltip[token]
    assert plain.is_safe_tooltip(tip) and '<img src="/dev' not in tip
    assert shown(tip).startswith(f"Figure: {plain.shorten(image.original_name, 300)}")
    cursor = editor.body.document().find(token)
    rect = editor.body.cursorRect(cursor)
    hovered = hover(editor.body.viewport(), rect.center() - QPoint(rect.width() // 2 + 4, 0))
    assert not hovered or plain.is_safe_tooltip(hovered)
    sweep(editor, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_a_tweets_words_and_author(qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str) -> None:
    value = hostile(kind, pipe)
    ref = parse_tweet_url("https://x.com/harbourmaster/status/1790000000000000001")
    with store.write() as session:
        tweet = put_tweet(session, ref, display_name=fit(value, 300), text=value)
    story = new_story(store, headline="Storm", body=f"Words.\n\n{tweet_code(ref)}\n")
    with store.read() as session:
        record = get_story(session, story.id)
    editor = StoryEditor(store, record)
    show(qtbot, editor)
    wait_preview(qtbot, editor)
    assert editor.assets.list.item(0).text() == plain.shorten(
        f"Tweet: @{tweet.handle} — {tweet.text}", 500
    )
    sweep(editor, pipe)

    dialog = TweetDialog(store, tweet)
    show(qtbot, dialog)
    dialog._show_preview()
    assert dialog.name.text() == tweet.display_name
    assert dialog.text.toPlainText() == tweet.text
    assert dialog.preview.refused == []  # the tweet's page names no file at all
    sweep(dialog, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_a_related_links_title_and_address(
    qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str
) -> None:
    value = hostile(kind, pipe)
    link = RelatedRecord(title=value, url="https://example.org/a", section=fit(value, 200))
    editor = StoryEditor(store, draft=StoryDraft(headline="Pier", related=(link,)))
    show(qtbot, editor)
    editor.side.setCurrentWidget(editor.related_panel)
    wait_preview(qtbot, editor)
    text = editor.related_panel.list.item(0).text()
    assert text.startswith(f"Next post: {value[:100]}")
    sweep(editor, pipe)

    dialog = WebLinkDialog(RelatedRecord(title="t", url=fit(value, 2000)))
    show(qtbot, dialog)
    dialog.accept()  # the address is refused, and the reason quotes it
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText and dialog.problem.text()
    sweep(dialog, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_a_colleagues_save_in_the_conflict_and_its_diff(
    qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str
) -> None:
    value = hostile(kind, pipe)
    theirs = new_story(store, headline=value, standfirst=value)
    mine = replace(theirs.draft(), standfirst="A calm standfirst.")
    dialog = ConflictDialog(mine, theirs, theirs_author=fit(value, 300))
    show(qtbot, dialog)
    assert dialog.message_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.message_label.text().startswith(plain.shorten(fit(value, 300), 200))
    titles = dialog.diff_view.left_title
    assert titles.textFormat() == Qt.TextFormat.PlainText
    assert titles.text().startswith("Theirs — saved at") and value[:50] in titles.text()
    fields = dialog.diff_view.field_list
    row = next(
        i
        for i in range(fields.topLevelItemCount())
        if fields.topLevelItem(i).text(0) == "Standfirst"
    )
    item = fields.topLevelItem(row)
    assert item.text(1) == plain.shorten(theirs.standfirst, 500)
    rect = fields.visualItemRect(item)
    left = QPoint(fields.header().sectionPosition(1) + 10, rect.center().y())
    assert shown(hover(fields.viewport(), left)) == plain.shorten(theirs.standfirst)
    sweep(dialog, pipe)


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_naming_a_file(
    qtbot: QtBot, store: Store, pipe: PipeWatch, tmp_path: Path, kind: str
) -> None:
    value = hostile(kind, pipe)
    name = fit(value.replace("/", "∕"), 200) + ".jpg"  # a file name cannot hold a slash
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    bad.write_text("not a picture")
    view = LibraryView(store)
    show(qtbot, view)
    view.import_files([bad])
    qtbot.waitUntil(lambda: view.message_box is not None, timeout=WAIT_MS)
    box = view.message_box
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert name[:100] in box.text()
    box.grab()
    sweep(view, pipe)
    box.close()


@pytest.mark.parametrize("kind", KINDS)
def test_the_window_title_tab_and_status_bar(
    qtbot: QtBot, store: Store, pipe: PipeWatch, kind: str
) -> None:
    from editordesk.gui.main_window import MainWindow

    value = hostile(kind, pipe)
    story = new_story(store, headline=value, byline=fit(value, 300))
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    editor = window.open_story(story.id)
    assert editor is not None
    window.statusBar().showMessage(value)
    window.grab()
    tabs = [bar for bar in window.findChildren(QTabBar) if bar.count() and bar.isVisible()]
    for bar in tabs:
        for index in range(bar.count()):
            tip = hover(bar, bar.tabRect(index).center())
            assert not tip or plain.is_safe_tooltip(tip)
            if bar.tabToolTip(index) and value[:40] in bar.tabToolTip(index):
                assert value[:40] in shown(tip)
    sweep(window, pipe)


def test_a_desk_template_that_names_files_opens_none(
    qtbot: QtBot, store: Store, pipe: PipeWatch, tmp_path: Path
) -> None:
    with store.write() as session:
        image = add_image(session, store.media, png(), "pier.png", ImageFields(credit="Desk"))
    story = new_story(store, headline="Pier", body=f"Words.\n\n{figure_code(image.id)}\n")
    desk = tmp_path / "desk"
    desk.mkdir()
    page = packaged("templates", "html", "article.html").read_text(encoding="utf-8")
    names = (
        f'<img src="file://{pipe.path}"><img src="{pipe.path}"><img src="/dev/zero">'
        '<img src="file:///dev/zero"><img src="file:///etc/passwd">'
        f'<p style="background-image:url(file://{pipe.path})">x</p>'
        f'<link rel="stylesheet" href="file://{pipe.path}">'
    )
    (desk / "article.html").write_text(page.replace("<body", names + "<body", 1))
    with store.read() as session:
        record = get_story(session, story.id)
    editor = StoryEditor(store, record, template_dir=str(desk))
    show(qtbot, editor)
    wait_preview(qtbot, editor)
    editor.preview.grab()
    refused = editor.preview.refused
    assert f"file://{pipe.path}" in refused and "file:///dev/zero" in refused
    assert not any(str(store.media.root) in address for address in refused)  # its picture
    sweep(editor, pipe)


# ---------------------------------------------------------------------------- catalogue rows
# docs/bad-input.md, "untrusted text in the window": each row runs through
# tests/robustness/test_bad_input.py, which checks the message and that nothing in the store
# was lost. A row brings the value in as an editor would (a file imported, a colleague's
# lock), shows it in the real widget offscreen and says what the window showed.


@dataclass(frozen=True)
class WindowRow:
    """One catalogue row: its id, what it runs on the desk, the message it must give."""

    id: str
    run: Callable[[Any], str]
    says: str


def _app() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def _wait(done: Callable[[], bool]) -> None:
    for _ in range(WAIT_MS // 10):
        QApplication.processEvents()
        if done():
            return
        select.select([], [], [], 0.01)
    raise AssertionError("the window did not get there")


def _imported(desk: Any, store: Store, title: str, body: str = "Text.") -> StoryRecord:
    from editordesk.services.importing import import_files

    path = desk.tmp / "in" / "hostile.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {json.dumps(title)}\nauthor: M\n---\n\n{body}\n")
    [result] = import_files(store, [path], author="Test Editor")
    assert result.story is not None, result.error
    return result.story


def _hovered_in_list(desk: Any, title: str) -> str:
    _app()
    with Store.open(desk.location) as store:
        story = _imported(desk, store, title)
        widget = StoryListWidget(store)
        widget.resize(900, 500)
        widget.show()
        try:
            _wait(lambda: widget.model.row_of(story.id) >= 0)
            tip = hover_cell(widget.table_view, widget.model.row_of(story.id))
            cell = widget.model.data(widget.model.index(widget.model.row_of(story.id), HEADLINE))
            QToolTip.hideText()
            return f"shown as written: {shown(tip).splitlines()[0]} ({len(cell):,} characters)"
        finally:
            widget.close()
            widget.deleteLater()


def row_headline_markup(desk: Any) -> str:
    return _hovered_in_list(desk, '<img src="/dev/zero"> Council budget')


def row_headline_pipe(desk: Any) -> str:
    watch = PipeWatch(desk.tmp)
    try:
        said = _hovered_in_list(desk, f'<img src="{watch.path}"> Council budget')
        assert watch.opened() == 0
        return said + "; the pipe was never opened"
    finally:
        watch.close()


def row_headline_megabyte(desk: Any) -> str:
    return _hovered_in_list(desk, '<img src="/dev/zero">' + "A" * 1_000_000)


def row_lock_holder(desk: Any) -> str:
    from editordesk.gui.main_window import MainWindow

    _app()
    with Store.open(desk.location) as store:
        story = _imported(desk, store, "Harbour wall")
        with store.write() as session:
            take_lock(session, story.id, holder='<b>Ann</b> <img src="/dev/zero">', window="w2")
        window = MainWindow(store, prefs.Settings(editor_name="Ben", autosave_seconds=60))
        window.show()
        try:
            editor = window.open_story(story.id)
            assert editor is not None and editor.notice.isVisible()
            label = editor.notice.label
            assert label.textFormat() == Qt.TextFormat.PlainText
            label.grab()
            return f"the notice says, as written: {label.text()}"
        finally:
            for opened in window.editors():
                opened.dirty = False
            window.close()
            window.deleteLater()


def row_picture_caption(desk: Any) -> str:
    from editordesk.services.library import import_image_file

    _app()
    name = "<b>pier <img src=zero>.png"  # (a file name holds no slash)
    path = desk.tmp / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png())
    with Store.open(desk.location) as store:
        with store.write() as session:
            image = import_image_file(session, store.media, path)
        view = LibraryView(store)
        view.resize(900, 600)
        view.show()
        try:
            _wait(lambda: view.model.row_of(image.id) >= 0)
            tip = shown(hover_cell(view.grid, view.model.row_of(image.id)))
            view.select_image(image.id)
            assert view.panel.title.textFormat() == Qt.TextFormat.PlainText
            QToolTip.hideText()
            return f"shown as written: {tip.splitlines()[0]} / {view.panel.title.text()}"
        finally:
            view.close()
            view.deleteLater()


def row_unbreakable_caption(desk: Any) -> str:
    _app()
    caption = "A" * 1_000_000
    with Store.open(desk.location) as store:
        with store.write() as session:
            image = add_image(session, store.media, png(), "pier.png", ImageFields(caption=caption))
        view = LibraryView(store)
        view.resize(900, 600)
        view.show()
        try:
            _wait(lambda: view.model.row_of(image.id) >= 0)
            view.select_image(image.id)
            box = view.panel.edits["caption"]
            box.grab()
            held = len(box.toPlainText())  # type: ignore[union-attr]
            mode = box.wordWrapMode().name  # type: ignore[union-attr]
            return f"the caption box holds all {held:,} characters, wrapped {mode}"
        finally:
            view.close()
            view.deleteLater()


def row_template_file_image(desk: Any) -> str:
    _app()
    watch = PipeWatch(desk.tmp)
    folder = desk.tmp / "desk"
    folder.mkdir(exist_ok=True)
    page = packaged("templates", "html", "article.html").read_text(encoding="utf-8")
    names = f'<img src="file:///dev/zero"><img src="file://{watch.path}">'
    (folder / "article.html").write_text(page.replace("<body", names + "<body", 1))
    try:
        with Store.open(desk.location) as store:
            with store.write() as session:
                image = add_image(session, store.media, png(), "pier.png", ImageFields())
            story = new_story(store, headline="Pier", body=f"Text.\n\n{figure_code(image.id)}")
            editor = StoryEditor(store, story, template_dir=str(folder))
            editor.resize(1000, 700)
            editor.show()
            try:
                shown_once: list[bool] = []
                editor.preview_updated.connect(lambda: shown_once.append(True))
                editor.schedule_preview()
                _wait(lambda: bool(shown_once))
                editor.preview.grab()
                refused = editor.preview.refused
                assert not any(str(store.media.root) in r for r in refused)
                assert watch.opened() == 0
                return f"the preview refused {', '.join(refused)}, and showed the story's picture"
            finally:
                editor.close()
                editor.deleteLater()
    finally:
        watch.close()


WINDOW_ROWS = (
    WindowRow(
        "window-headline-markup",
        row_headline_markup,
        r'^shown as written: <img src="/dev/zero"> Council budget \(',
    ),
    WindowRow(
        "window-headline-pipe",
        row_headline_pipe,
        r'^shown as written: <img src=".*pipe\.jpg"> Council budget .*never opened$',
    ),
    WindowRow(
        "window-headline-megabyte",
        row_headline_megabyte,
        r'^shown as written: <img src="/dev/zero">A+… \(2,000 characters\)$',
    ),
    WindowRow(
        "window-lock-holder",
        row_lock_holder,
        r'^the notice says, as written: Being edited by <b>Ann</b> <img src="/dev/zero"> since',
    ),
    WindowRow(
        "window-picture-file-name",
        row_picture_caption,
        r"^shown as written: <b>pier <img src=zero>\.png / <b>pier <img src=zero>\.png$",
    ),
    WindowRow(
        "window-caption-unbreakable",
        row_unbreakable_caption,
        r"^the caption box holds all 1,000,000 characters, wrapped WrapAnywhere$",
    ),
    WindowRow(
        "window-template-file-image",
        row_template_file_image,
        r"^the preview refused file:///dev/zero, file://.*pipe\.jpg, and showed",
    ),
)
