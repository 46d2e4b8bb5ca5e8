"""File ▸ Publish… and Preferences ▸ Sites… in the window, against the real WordPress."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt  # noqa: TID251 - a window test beside the site fixture
from PySide6.QtWidgets import QApplication  # noqa: TID251
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui.dialogs.publish import PublishDialog
from editordesk.gui.dialogs.sites import SitesDialog
from editordesk.gui.main_window import MainWindow
from editordesk.services import publishing as pub
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.publish.conftest import make_story
from tests.wordpress import WordPress


def _shown(kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_file_publish_publishes_the_open_story(
    qtbot: QtBot, tmp_path: Path, wp: WordPress, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pub.PASSWORD_ENV, wp.password())
    with Store.open(resolve(str(tmp_path / "desk.sqlite"))) as store:
        pub.add_site(store, "Herald", wp.url, "admin", wp.password())
        story_id = make_story(store, "From the menu", pictures=1, seed=41)
        window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", autosave_seconds=60))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)

        window.actions_by_name["publish"].trigger()  # nothing chosen: the window says so
        assert not _shown(PublishDialog)

        window.open_story(story_id)
        window.actions_by_name["publish"].trigger()
        (dialog,) = _shown(PublishDialog)
        assert dialog.story_ids == [story_id]
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "draft on Herald" in dialog.result.text(), timeout=60_000)
        dialog.close()

        window.actions_by_name["sites"].trigger()
        (sites,) = _shown(SitesDialog)
        assert sites.sites.item(0).text().startswith("Herald — ")
        sites.close()
        with store.read() as session:
            assert pub.publications(session, story_id)[0].site == "Herald"
        window.close()
