"""High DPI and large fonts: pictures and status dots made at the screen's device pixel ratio,
a first window that fits the screen, and layouts that grow with the font."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFontMetrics, QGuiApplication, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from editordesk.gui import window_state
from editordesk.gui.dialogs.tweet import TweetDialog
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.library.model import (
    ICON_SIZE,
    ThumbnailSignals,
    make_thumbnails,
    placeholder_icon,
)
from editordesk.gui.library.view import (
    LABEL_CHARS,
    LINE,
    CardLabels,
    LibraryDialog,
    LibraryView,
)
from editordesk.gui.story_list.model import DOT_SIZE, _dot
from editordesk.gui.story_list.widget import SEARCH_PLACEHOLDER, StoryListWidget
from editordesk.media.folder import MediaFolder
from editordesk.media.thumbnails import size_for_screen
from editordesk.model import StoryDraft
from editordesk.services import stories as svc
from editordesk.store.db import Store


def test_a_2x_screen_asks_for_thumbnails_twice_the_cell() -> None:
    assert size_for_screen(ICON_SIZE, 1.0) == 256
    assert size_for_screen(ICON_SIZE, 2.0) == 256  # 128 logical pixels, 256 device pixels
    assert size_for_screen(ICON_SIZE, 3.0) == 512
    assert size_for_screen(512, 2.0) == 1024


def _picture(media: MediaFolder, width: int = 1200, height: int = 800) -> tuple[str, str]:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, "JPEG")
    data = buffer.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()
    relative = media.relative_path(sha256, ".jpg")
    path = media.path_of(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha256, relative


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_library_thumbnails_hold_a_device_pixel_for_every_screen_pixel(
    tmp_path: Path, ratio: float
) -> None:
    media = MediaFolder(tmp_path / "media")
    sha256, relative = _picture(media)
    signals = ThumbnailSignals()
    made: list[QImage] = []
    signals.made.connect(lambda _sha, image: made.append(image))
    make_thumbnails(
        media, [(sha256, relative, "harbour.jpg")], signals, threading.Event(), ratio=ratio
    )
    [image] = made
    assert image.devicePixelRatio() == ratio
    assert image.width() == ICON_SIZE * ratio  # a wide picture fills the cell's width
    assert image.deviceIndependentSize().width() == ICON_SIZE  # shown 128 logical pixels wide


def test_the_placeholder_and_the_status_dots_are_drawn_at_2x() -> None:
    frame = placeholder_icon(ratio=2.0).pixmap(QSize(ICON_SIZE, ICON_SIZE), 2.0)
    assert frame.devicePixelRatio() == 2.0
    assert frame.width() == ICON_SIZE * 2
    from PySide6.QtGui import QColor

    dot = _dot(QColor("#2e9e4f")).pixmap(QSize(DOT_SIZE, DOT_SIZE), 2.0)
    assert dot.devicePixelRatio() == 2.0
    assert dot.size() == QSize(DOT_SIZE * 2, DOT_SIZE * 2)  # not 12 pixels blown up
    # antialiased: the edge has partly covered pixels, not only full and empty ones
    image = dot.toImage()
    alphas = {image.pixelColor(x, DOT_SIZE).alpha() for x in range(image.width())}
    assert any(0 < a < 255 for a in alphas)


def test_under_qt_scale_factor_2_the_library_asks_for_2x_pictures(tmp_path: Path) -> None:
    """A real 2× screen (QT_SCALE_FACTOR=2), in a process of its own."""
    script = textwrap.dedent(
        """
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from editordesk.gui.library.model import screen_ratio
        from editordesk.gui.story_list.model import _dot
        dot = _dot(QColor("#2e9e4f")).pixmap(QSize(12, 12), app.devicePixelRatio())
        print(app.devicePixelRatio(), screen_ratio(), dot.width(), dot.devicePixelRatio())
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2.0", "2.0", "24", "2.0"]


# ------------------------------------------------------------------ large fonts


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[float]:
    """The application's font half as large again (as QT_FONT_DPI=144 makes it)."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(font)
    yield font.pointSizeF()
    qapp.setFont(before)


def test_search_boxes_show_their_whole_placeholder(
    qtbot: QtBot, store: Store, large_font: float
) -> None:
    stories = StoryListWidget(store)
    qtbot.addWidget(stories)
    library = LibraryView(None)
    qtbot.addWidget(library)
    library.resize(700, 500)  # narrower than it would like: the search box keeps its room
    library.show()
    qtbot.waitExposed(library)
    for edit in (stories.search_edit, library.search_edit):
        assert edit.font().pointSizeF() == large_font
        text = edit.placeholderText()
        assert edit.minimumWidth() >= QFontMetrics(edit.font()).horizontalAdvance(text)
    shown = library.search_edit
    assert shown.width() >= shown.fontMetrics().horizontalAdvance(shown.placeholderText())
    assert stories.search_edit.placeholderText() == SEARCH_PLACEHOLDER


def test_the_tweet_language_field_shows_its_whole_value(
    qtbot: QtBot, store: Store, large_font: float
) -> None:
    dialog = TweetDialog(store)
    qtbot.addWidget(dialog)
    dialog.language.setText("en-GB")
    dialog.show()
    qtbot.waitExposed(dialog)
    field = dialog.language
    needed = field.fontMetrics().horizontalAdvance("en-GB")
    assert field.contentsRect().width() >= needed  # not "e…"


def test_library_cells_and_the_save_button_grow_with_the_font(
    qtbot: QtBot, large_font: float
) -> None:
    library = LibraryView(None)
    qtbot.addWidget(library)
    library.resize(900, 420)  # short: the picture panel has to scroll
    library.show()
    qtbot.waitExposed(library)
    cell = library.grid.gridSize()
    assert cell.width() >= library.fontMetrics().averageCharWidth() * LABEL_CHARS
    assert cell.height() >= ICON_SIZE + 2 * library.fontMetrics().lineSpacing()
    save = library.panel.save_button
    assert not library.panel_scroll.isAncestorOf(save)  # outside what scrolls
    assert save.isVisible()
    where = QRect(save.mapTo(library, QPoint(0, 0)), save.size())
    assert library.rect().contains(where), (where, library.rect())


def test_a_grid_label_keeps_its_credit_line_when_the_credit_is_the_wider(qtbot: QtBot) -> None:
    """Qt shortened the two lines as one and dropped the credit: "museum-quay.jpg…"."""
    view = QListView()
    qtbot.addWidget(view)
    view.setGridSize(QSize(160, 172))
    model = QStandardItemModel(view)
    model.appendRow(QStandardItem("museum-quay.jpg\nIllustration: EditorDesk sample photograph"))
    view.setModel(model)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 160, 116)
    CardLabels(view).initStyleOption(option, model.index(0, 0))
    name, credit = option.text.split(LINE)
    assert name == "museum-quay.jpg"
    assert credit.startswith("Illus") and "…" in credit
    assert option.fontMetrics.horizontalAdvance(credit) <= 160


def test_every_side_panel_tab_is_in_sight_at_a_large_font(
    qtbot: QtBot, store: Store, large_font: float
) -> None:
    with store.write() as session:
        record = svc.create_story(session, StoryDraft(headline="Tide", byline="A"), author="A")
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1400, 800)
    editor.show()
    qtbot.waitExposed(editor)
    bar = editor.side.tabBar()
    assert not bar.usesScrollButtons()
    last = bar.tabRect(bar.count() - 1)
    assert last.right() <= bar.width(), (last, bar.width())
    assert bar.tabText(bar.count() - 1).replace("&&", "&") == "Pictures & tweets"
    # with the room the panel takes at this width, each name shows in full
    for index in range(bar.count()):
        text = bar.tabText(index).replace("&&", "&").replace("&", "")
        assert bar.tabRect(index).width() >= bar.fontMetrics().horizontalAdvance(text)
    # and squeezed, every tab stays in sight (shortened), none behind scroll arrows
    editor.splitter.setSizes([1300, 100])
    qtbot.waitUntil(lambda: bar.width() < bar.sizeHint().width())
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()


def test_the_first_window_fits_the_screen(qtbot: QtBot, qapp: QApplication) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    screen = QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size()
    size = window_state.default_size(window)
    assert size.width() <= room.width() and size.height() <= room.height()
    assert size.width() <= window_state.DEFAULT_SIZE.width()
    library = LibraryDialog(None)
    qtbot.addWidget(library)
    assert library.width() <= room.width() and library.height() <= room.height()
