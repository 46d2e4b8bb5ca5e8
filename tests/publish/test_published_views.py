"""Where a story is published, as the window shows it: a line in the story, the story list's
filter, and Preferences ▸ Sites…; publications recorded through the service against the real
WordPress."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a window test beside the site fixture
from PySide6.QtWidgets import QApplication  # noqa: TID251
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.dialogs.preferences import PreferencesDialog
from editordesk.gui.dialogs.sites import SitesDialog
from editordesk.gui.main_window import MainWindow
from editordesk.gui.story_list.model import HEADLINE
from editordesk.gui.story_list.widget import StoryListWidget
from editordesk.services import publishing as pub
from editordesk.services import stories as svc
from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests.publish.conftest import make_story
from tests.wordpress import WordPress

WAIT_MS = 60_000


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))

    def forget(w: MainWindow) -> None:
        for editor in w.editors():
            editor.dirty = False

    qtbot.addWidget(window, before_close_func=forget)
    window.show()
    qtbot.waitExposed(window)
    return window


def _publish(store: Store, wp: WordPress, *ids: int) -> None:
    outcomes = pub.publish_stories(store, list(ids), "<i>Herald</i>", wp.password())
    assert all(o.result is not None for o in outcomes), [o.error for o in outcomes]


def _save_again(store: Store, story_id: int) -> None:
    with store.write() as session:
        record = svc.get_story(session, story_id)
        svc.save_story(
            session,
            story_id,
            replace(record.draft(), body="Edited after."),
            base_version=record.version,
            author="Ben",
        )


def test_the_story_says_where_it_is_published_and_when_it_changed_since(
    qtbot: QtBot, tmp_path: Path, wp: WordPress
) -> None:
    with Store.open(resolve(str(tmp_path / "desk.sqlite"))) as store:
        pub.add_site(store, "<i>Herald</i>", wp.url, "admin", wp.password())
        story_id = make_story(store, "Shown in the story", pictures=0, seed=61)
        never = make_story(store, "Never published", pictures=0, seed=62)
        _publish(store, wp, story_id)
        with store.read() as session:
            (where,) = pub.publications(session, story_id)
        window = _window(qtbot, store)

        other = window.open_story(never)
        assert other is not None
        qtbot.waitUntil(lambda: other.preview.toPlainText() != "", timeout=WAIT_MS)
        assert not other.published.isVisible()  # published nowhere: no line

        editor = window.open_story(story_id)
        assert editor is not None
        line = editor.published
        qtbot.waitUntil(line.isVisible, timeout=WAIT_MS)
        assert line.textFormat() == Qt.TextFormat.PlainText  # the site's name as written
        assert line.text().startswith("Published on <i>Herald</i>: draft, ")
        assert where.url in line.text()
        assert "changed since publishing" not in line.text()

        editor.body.setPlainText("Edited in the window.")
        assert window.tabs.save_and_wait(editor)
        qtbot.waitUntil(lambda: "changed since publishing" in line.text(), timeout=WAIT_MS)
        window.close()


@pytest.mark.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)
def test_the_story_list_filters_on_publishing(
    qtbot: QtBot, store: Store, store_location: StoreLocation, wp: WordPress
) -> None:
    pub.add_site(store, "<i>Herald</i>", wp.url, "admin", wp.password())
    unchanged = make_story(store, "Published as it is", pictures=0, seed=71)
    changed = make_story(store, "Published then edited", pictures=0, seed=72)
    make_story(store, "Still a draft here", pictures=0, seed=73)
    _publish(store, wp, unchanged, changed)
    _save_again(store, changed)
    with store.read() as session:  # the store's own query, on this engine
        site = svc.list_stories(session, published="site")
        since = svc.list_stories(session, published="changed")
    assert sorted(s.id for s in site) == sorted([unchanged, changed])
    assert [s.id for s in since] == [changed]

    widget = StoryListWidget(store)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3, timeout=WAIT_MS)
    combo = widget.status_combo

    def headlines() -> list[str]:
        model = widget.model
        return sorted(model.data(model.index(r, HEADLINE)) for r in range(model.rowCount()))

    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findText("Published on a site"))
    assert headlines() == ["Published as it is", "Published then edited"]
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(combo.findText("Changed since publishing"))
    assert headlines() == ["Published then edited"]
    with qtbot.waitSignal(widget.model.loaded, timeout=WAIT_MS):
        combo.setCurrentIndex(0)
    assert len(headlines()) == 3


def test_preferences_open_the_sites_dialog(qtbot: QtBot, tmp_path: Path, wp: WordPress) -> None:
    with Store.open(resolve(str(tmp_path / "desk.sqlite"))) as store:
        pub.add_site(store, "<i>Herald</i>", wp.url, "admin", wp.password())
        window = _window(qtbot, store)
        prefs_dialog = PreferencesDialog(window.settings, window)
        qtbot.addWidget(prefs_dialog)
        prefs_dialog.show()
        assert prefs_dialog.sites.isEnabled()
        qtbot.mouseClick(prefs_dialog.sites, Qt.MouseButton.LeftButton)
        (sites,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SitesDialog) and w.isVisible()
        ]
        assert sites.sites.item(0).text().startswith("<i>Herald</i> — ")
        sites.close()
        prefs_dialog.close()
        assert not PreferencesDialog(prefs.Settings()).sites.isEnabled()  # no store yet
        window.close()
