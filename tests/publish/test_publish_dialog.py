"""The Publish dialog driven as an editor drives it, against the real WordPress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer  # noqa: TID251 - a GUI test beside the site fixture
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox  # noqa: TID251
from pytestqt.qtbot import QtBot

from editordesk.gui.dialogs.publish import PublishDialog
from editordesk.gui.dialogs.sites import SitesDialog
from editordesk.services import publishing as pub
from editordesk.store.db import Store
from tests.publish.conftest import api, make_story
from tests.wordpress import WordPress


@pytest.fixture
def dialog_store(tmp_path, monkeypatch: pytest.MonkeyPatch, wp: WordPress):  # type: ignore[no-untyped-def]
    from editordesk.store.location import resolve

    monkeypatch.setenv(pub.PASSWORD_ENV, wp.password())
    with Store.open(resolve(str(tmp_path / "desk.sqlite"))) as store:
        yield store


def _answer_yes_when_asked(qtbot: QtBot) -> None:
    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                assert widget.textFormat() == Qt.TextFormat.PlainText
                widget.button(QMessageBox.StandardButton.Yes).click()
                return
        QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


def test_publish_from_the_dialog_then_overwrite_after_asking(
    qtbot: QtBot, dialog_store: Store, wp: WordPress
) -> None:
    store = dialog_store
    pub.add_site(store, "<b>Daily</b> News", wp.url, "admin", wp.password())
    story_id = make_story(store, "From the window", pictures=2, seed=21)
    dialog = PublishDialog(store, [story_id])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.site.currentText().startswith("<b>Daily</b> News")  # shown as written
    assert dialog.where.text() == "Not published anywhere yet."
    dialog.status.setCurrentIndex(dialog.status.findData("pending"))
    dialog.featured.setCurrentIndex(2)  # the second picture
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pending on" in dialog.result.text(), timeout=60_000)
    assert "2 pictures uploaded" in dialog.result.text()
    assert dialog.result.textFormat() == Qt.TextFormat.PlainText
    assert "pending on <b>Daily</b> News" in dialog.where.text()
    with store.read() as session:
        (where,) = pub.publications(session, story_id)
    post = api(wp, f"/posts/{where.post_id}?context=edit")
    assert post["status"] == "pending"
    featured = api(wp, f"/media/{post['featured_media']}?context=edit")
    assert featured["alt_text"] == "Boats in the harbour 1"

    api(wp, f"/posts/{where.post_id}", data={"title": "Changed on the site"})
    _answer_yes_when_asked(qtbot)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            api(wp, f"/posts/{where.post_id}?context=edit")["title"]["raw"] == "From the window"
        ),
        timeout=60_000,
    )
    qtbot.waitUntil(lambda: "pending on" in dialog.result.text(), timeout=60_000)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_sites_dialog_adds_checks_and_removes(
    qtbot: QtBot, dialog_store: Store, wp: WordPress
) -> None:
    dialog = SitesDialog(dialog_store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Night desk")
    qtbot.keyClicks(dialog.url, wp.url)
    qtbot.keyClicks(dialog.user, "admin")
    qtbot.keyClicks(dialog.password, "not the password")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "401" in dialog.message.text(), timeout=30_000)
    assert dialog.sites.count() == 0
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, wp.password())
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.sites.count() == 1, timeout=30_000)
    assert "signed in as admin" in dialog.message.text()
    dialog.sites.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.sites.count() == 0


def test_without_a_keyring_the_window_asks_once_per_session(
    qtbot: QtBot, dialog_store: Store, wp: WordPress, monkeypatch: pytest.MonkeyPatch
) -> None:
    if pub.keyring_available():
        pytest.skip("a system keyring is here: the window asks nothing")
    from PySide6.QtWidgets import QInputDialog  # noqa: TID251

    from editordesk.gui.dialogs import sites

    store = dialog_store
    pub.add_site(store, "Asked", wp.url, "admin", wp.password())
    monkeypatch.delenv(pub.PASSWORD_ENV)
    monkeypatch.setattr(sites, "SESSION_PASSWORDS", {})
    asked: list[str] = []
    running = [True]  # the poller stops with the test, so it never answers the next one's

    def type_password(tries: int = 40) -> None:
        """Answer the password question if one comes within two seconds."""
        if not running[0]:
            return
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                asked.append(widget.labelText())
                widget.setTextValue(wp.password())
                widget.accept()
                return
        if tries:
            QTimer.singleShot(50, lambda: type_password(tries - 1))

    one, two = (make_story(store, f"Asked {n}", pictures=0) for n in (1, 2))
    for story_id in (one, two):
        dialog = PublishDialog(store, [story_id])
        qtbot.addWidget(dialog)
        dialog.show()
        QTimer.singleShot(50, type_password)
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda d=dialog: "draft on Asked" in d.result.text(), timeout=60_000)
        dialog.close()
    running[0] = False
    assert len(asked) == 1 and "admin on Asked" in asked[0]


def test_a_refused_password_is_asked_for_again(
    qtbot: QtBot, dialog_store: Store, wp: WordPress, monkeypatch: pytest.MonkeyPatch
) -> None:
    if pub.keyring_available():
        pytest.skip("a system keyring is here: the window asks nothing")
    from PySide6.QtWidgets import QInputDialog  # noqa: TID251

    from editordesk.gui.dialogs import sites

    store = dialog_store
    wrong = "aaaa bbbb cccc dddd eeee ffff"
    pub.add_site(store, "Strict", wp.url, "admin", wp.password())
    monkeypatch.delenv(pub.PASSWORD_ENV)
    monkeypatch.setattr(sites, "SESSION_PASSWORDS", {})
    answers = [wrong, wp.password()]
    asked: list[str] = []

    def type_password(tries: int = 40) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                asked.append(widget.labelText())
                widget.setTextValue(answers[len(asked) - 1])
                widget.accept()
                return
        if tries:
            QTimer.singleShot(50, lambda: type_password(tries - 1))

    dialog = PublishDialog(store, [make_story(store, "Strict one", pictures=0)])
    qtbot.addWidget(dialog)
    dialog.show()
    QTimer.singleShot(50, type_password)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "(401)" in dialog.result.text(), timeout=60_000)
    QTimer.singleShot(50, type_password)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "draft on Strict" in dialog.result.text(), timeout=60_000)
    assert len(asked) == 2
