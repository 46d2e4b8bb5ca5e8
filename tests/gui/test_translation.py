"""The window speaks German when German is chosen: our translation (menus, dialogs, plural
forms) and Qt's own (standard buttons); the shipped .ts has nothing left untranslated."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.gui import actions, i18n
from editordesk.gui.dialogs.export import ExportDialog
from editordesk.gui.main_window import MainWindow
from editordesk.gui.story_list.widget import StoryListWidget
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "resources" / "translations" / "editordesk_de.ts"


def _translations_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def german(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[QApplication]:
    """German chosen in Preferences; the .qm is built from the .ts into a cache of the test's."""
    monkeypatch.setenv("EDITORDESK_CACHE", str(tmp_path / "cache"))
    before = QLocale()
    assert i18n.install(qapp, "de") == "de"
    try:
        yield qapp
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(before)


def test_the_window_speaks_german(qtbot: QtBot, store: Store, german: QApplication) -> None:
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", ui_language="de"))
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&Datei", "&Bearbeiten", "&Ansicht"]
    save = window.actions_by_name["save"]
    assert save.text() == "&Speichern"
    assert save.statusTip() == "Den Beitrag als neue Version speichern"


def test_german_menus_have_one_key_per_entry(
    qtbot: QtBot, store: Store, german: QApplication
) -> None:
    """Alt+letter in German finds one entry: no two in a menu (or in the menu bar) share a
    mnemonic."""
    window = MainWindow(store, prefs.Settings(editor_name="Ana Ruiz", ui_language="de"))
    qtbot.addWidget(window)

    def letters(texts: list[str]) -> list[str]:
        found = [re.search(r"&([^&])", t.replace("&&", "")) for t in texts]
        return [m.group(1).lower() for m in found if m]

    bar = [a.text() for a in window.menuBar().actions()]
    assert len(set(letters(bar))) == len(letters(bar)) == len(bar), bar
    for action in window.menuBar().actions():
        menu = action.menu()
        assert menu is not None
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        keys = letters(texts)
        assert len(keys) == len(set(keys)), texts


def test_plural_forms_follow_the_count(qtbot: QtBot, german: QApplication) -> None:
    def export_title(count: int) -> str:
        dialog = ExportDialog(count)
        qtbot.addWidget(dialog)
        return dialog.windowTitle()

    assert export_title(1) == "1 Beitrag exportieren"
    assert export_title(2) == "2 Beiträge exportieren"
    assert (
        QCoreApplication.translate("PublishDialog", "Publish %n story(s)", "", 5)
        == "5 Beiträge veröffentlichen"
    )


def test_the_story_list_counts_in_german(qtbot: QtBot, store: Store, german: QApplication) -> None:
    def shown() -> str:
        widget = StoryListWidget(store)
        qtbot.addWidget(widget)
        widget.show()
        # "Beiträge werden geladen…" shows first: wait for the count.
        counted = re.compile(r"\d+ Beitr")
        qtbot.waitUntil(lambda: bool(counted.match(widget.status_label.text())), timeout=10_000)
        return widget.status_label.text()

    with store.write() as session:
        create_story(session, StoryDraft(headline="Das Hafenmuseum öffnet"), author="A")
    assert shown() == "1 Beitrag"
    with store.write() as session:
        create_story(session, StoryDraft(headline="Die Fähre fährt wieder"), author="A")
    assert shown() == "2 Beiträge"


def test_qt_standard_buttons_speak_german_too(qtbot: QtBot, german: QApplication) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"


def test_the_system_locale_picks_the_language_unless_one_is_chosen() -> None:
    assert i18n.chosen_language("", QLocale("de_AT")) == "de"
    assert i18n.chosen_language("", QLocale("fr_FR")) == "en"  # no French yet: English
    assert i18n.chosen_language("en", QLocale("de_DE")) == "en"
    assert i18n.chosen_language("de", QLocale("en_GB")) == "de"


def test_english_has_its_plural_forms_and_nothing_else(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITORDESK_CACHE", str(tmp_path / "cache"))
    assert i18n.install(qapp, "en") == "en"
    assert QCoreApplication.translate("Menus", "&File") == "&File"
    assert QCoreApplication.translate("ExportDialog", "Export %n story(s)", "", 1) == (
        "Export 1 story"
    )
    assert QCoreApplication.translate("ExportDialog", "Export %n story(s)", "", 2) == (
        "Export 2 stories"
    )


def test_nothing_in_the_german_translation_is_unfinished() -> None:
    tool = _translations_tool()
    assert tool.unfinished(GERMAN) == []


def test_every_menu_text_is_in_the_translation() -> None:
    """The menus are data (gui/actions.py): a new entry must reach the .ts too (run
    `python packaging/translations.py update`, then translate)."""
    root = ET.parse(GERMAN).getroot()
    menus = {
        message.findtext("source")
        for context in root.iter("context")
        if context.findtext("name") == "Menus"
        for message in context.iter("message")
    }
    texts = {title for title, _ in actions.MENUS}
    for _, entries in actions.MENUS:
        for entry in entries:
            if isinstance(entry, actions.Command):
                texts |= {entry.text, entry.tip} - {""}
    assert texts - menus == set()


def test_translations_keep_their_placeholders_and_one_mnemonic() -> None:
    root = ET.parse(GERMAN).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        for form in forms:
            holders = sorted(re.findall(r"\{[^{}]*\}|%n", form))
            assert holders == sorted(re.findall(r"\{[^{}]*\}|%n", source)), source
            assert form.replace("&&", "").count("&") == source.replace("&&", "").count("&"), source
