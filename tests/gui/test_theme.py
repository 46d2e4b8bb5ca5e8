"""Contrast and dark mode: every colour pair we set reads at 4.5:1 (WCAG 2 AA) in the light
and the dark palette, and the parts that chose colours follow a switch of theme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from editordesk import settings as prefs
from editordesk.assets import resource
from editordesk.gui import theme
from editordesk.gui.dialogs import diff_view
from editordesk.gui.dialogs.preferences import PreferencesDialog
from editordesk.gui.editor.highlighter import _formats, underline_colours
from editordesk.gui.editor.preflight_panel import PreflightPanel
from editordesk.gui.editor.story_editor import StoryEditor
from editordesk.gui.library.credits import CREDIT_COLUMN, CreditsTableModel
from editordesk.gui.safe_browser import SafeBrowser
from editordesk.gui.story_list.model import STATUS_COLOURS, status_colour
from editordesk.model import StoryDraft, StoryStatus
from editordesk.services import stories as svc
from editordesk.services.credits import CreditRow
from editordesk.store.db import Store

Role = QPalette.ColorRole
PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}


@pytest.fixture(autouse=True)
def palette_put_back(qapp: QApplication) -> Iterator[None]:
    """Each test leaves the application's style, palette and the theme's state as it found
    them."""
    before = QPalette(qapp.palette())
    style = qapp.style().name()
    watcher = theme.theme_watcher(qapp)
    yield
    watcher.choice, watcher.scheme = "system", ""
    watcher.set_dark_preview(False)
    if isinstance(qapp.style(), theme.EdgedStyle):
        qapp.setStyle(style)  # a new style resets the palette: set it first
    qapp.setPalette(before)


def _pairs(palette: QPalette) -> dict[str, tuple[QColor, QColor]]:
    """Every text colour we set, on what it is drawn on."""
    c = palette.color
    secondary = theme.secondary_text(palette)
    error = theme.error_text(palette)
    found, ink = theme.found_colours(palette)
    pairs = {
        "Text on Base": (c(Role.Text), c(Role.Base)),
        "Text on AlternateBase": (c(Role.Text), c(Role.AlternateBase)),
        "WindowText on Window": (c(Role.WindowText), c(Role.Window)),
        "ButtonText on Button": (c(Role.ButtonText), c(Role.Button)),
        "HighlightedText on Highlight": (c(Role.HighlightedText), c(Role.Highlight)),
        "PlaceholderText on Base": (c(Role.PlaceholderText), c(Role.Base)),
        "PlaceholderText on Window": (c(Role.PlaceholderText), c(Role.Window)),
        "Link on Base": (c(Role.Link), c(Role.Base)),
        "ToolTipText on ToolTipBase": (c(Role.ToolTipText), c(Role.ToolTipBase)),
        "secondary text on Window": (secondary, c(Role.Window)),
        "secondary text on Base": (secondary, c(Role.Base)),
        "No credit on Base": (error, c(Role.Base)),
        "No credit on AlternateBase": (error, c(Role.AlternateBase)),
        "slug note on Window": (error, c(Role.Window)),
        "warning on Window": (theme.warning_text(palette), c(Role.Window)),
        "found word": (ink, found),
    }
    for name, fmt in _formats(palette).items():
        if fmt.hasProperty(fmt.Property.ForegroundBrush):
            colour = fmt.foreground().color()
            pairs[f"highlighter {name} on Base"] = (colour, c(Role.Base))
            if fmt.hasProperty(fmt.Property.BackgroundBrush):
                pairs[f"highlighter {name} on its own"] = (colour, fmt.background().color())
        elif fmt.hasProperty(fmt.Property.BackgroundBrush):
            pairs[f"Text on highlighter {name}"] = (c(Role.Text), fmt.background().color())
    for change, tint in (("removed", diff_view._REMOVED), ("added", diff_view._ADDED)):
        for alpha in (diff_view._LINE_ALPHA, diff_view._WORD_ALPHA):  # laid over the base
            ground = theme.mix(c(Role.Base), tint, alpha / 255)
            pairs[f"Text on the history's {change} tint {alpha}"] = (c(Role.Text), ground)
    spelling, style = underline_colours(palette)
    pairs["spelling underline on Base"] = (spelling, c(Role.Base))
    pairs["style underline on Base"] = (style, c(Role.Base))
    return pairs


@pytest.mark.parametrize("name", PALETTES)
def test_every_text_colour_reads_at_4_5_to_1(name: str) -> None:
    palette = PALETTES[name]()
    failing = {
        pair: round(theme.contrast_ratio(fg, bg), 2)
        for pair, (fg, bg) in _pairs(palette).items()
        if theme.contrast_ratio(fg, bg) < theme.MINIMUM
    }
    assert not failing, f"below 4.5:1 in the {name} palette: {failing}"


@pytest.mark.parametrize("name", PALETTES)
def test_status_dots_stand_out_at_3_to_1(name: str) -> None:
    """The dots are symbols beside a status word: WCAG asks 3:1 of them, on both row colours."""
    palette = PALETTES[name]()
    for status in StoryStatus:
        dot = status_colour(status, palette)
        for role in (Role.Base, Role.AlternateBase):
            ratio = theme.contrast_ratio(dot, palette.color(role))
            assert ratio >= theme.NON_TEXT, (status, role, ratio)


@pytest.mark.parametrize("name", PALETTES)
def test_the_focus_ring_and_box_edges_stand_out_at_3_to_1(name: str) -> None:
    """The focus ring is drawn in Highlight; check box and radio edges in edge_colour."""
    palette = PALETTES[name]()
    for colour in (palette.color(Role.Highlight), theme.edge_colour(palette)):
        for ground in theme.text_grounds(palette):
            assert theme.contrast_ratio(colour, ground) >= theme.NON_TEXT, (colour.name(), ground)


def test_an_unticked_box_has_a_visible_edge_in_the_dark(qtbot: QtBot, qapp: QApplication) -> None:
    """Fusion drew it in a shade of the window: 1.2:1, all but invisible."""
    from PySide6.QtWidgets import QCheckBox

    theme.apply_theme(qapp, "dark")
    assert qapp.style().name() == "fusion"  # as -style and QStyleFactory name it
    box = QCheckBox("from the headline")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    window = qapp.palette().color(Role.Window)
    row = [image.pixelColor(x, image.height() // 2) for x in range(image.width() // 3)]
    assert max(theme.contrast_ratio(c, window) for c in row) >= theme.NON_TEXT


def test_contrast_ratio_is_wcags() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, 0.01)
    # what the issue measured: the disabled grey of Fusion's secondary notes, and "No credit"
    assert theme.contrast_ratio(QColor("#bebebe"), QColor("#efefef")) == pytest.approx(1.62, 0.01)
    assert theme.contrast_ratio(QColor("#b3261e"), QColor("#232323")) == pytest.approx(2.40, 0.01)
    translucent = QColor(0, 0, 0, 128)  # laid over the background first
    assert theme.contrast_ratio(translucent, QColor("#ffffff")) == pytest.approx(4.0, 0.02)


def test_readable_keeps_a_good_colour_and_shades_a_poor_one() -> None:
    white = QColor("#ffffff")
    assert theme.readable("#000000", [white]) == QColor("#000000")
    amber = QColor(STATUS_COLOURS[StoryStatus.EDITING])
    darker = theme.readable(amber, [white])
    assert theme.contrast_ratio(darker, white) >= theme.MINIMUM
    assert darker.hslHue() == pytest.approx(amber.hslHue(), abs=3)  # still an amber


def test_system_follows_the_platform_and_light_without_a_preference(qapp: QApplication) -> None:
    from PySide6.QtCore import Qt

    assert theme.resolve("system", Qt.ColorScheme.Unknown) == "light"
    assert theme.resolve("system", Qt.ColorScheme.Dark) == "dark"
    assert theme.resolve("dark", Qt.ColorScheme.Light) == "dark"
    assert theme.apply_theme(qapp, "system") == "light"  # offscreen has no preference
    assert qapp.palette().color(Role.Window) == QColor(theme.LIGHT["window"])
    assert theme.apply_theme(qapp, "dark") == "dark"
    assert qapp.palette().color(Role.Window) == QColor(theme.DARK["window"])
    assert theme.apply_theme(qapp, "nonsense") == "light"  # an unknown choice: the system's
    # following the system: the desktop turning dark turns the window dark, and back
    theme.apply_theme(qapp, "system")
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(qapp.palette())
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark(qapp.palette())
    theme.apply_theme(qapp, "light")  # a fixed choice does not follow
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark(qapp.palette())
    assert qapp.styleSheet() == ""  # the application's style sheet is left to others


def _story(store: Store, **fields: object) -> svc.StoryRecord:
    with store.write() as session:
        return svc.create_story(session, StoryDraft(**fields), author="Ann")  # type: ignore[arg-type]


def _heading_colour(editor: StoryEditor) -> QColor:
    block = editor.body.document().findBlockByNumber(0)
    for fmt in block.layout().formats():
        if fmt.start == 0 and fmt.format.hasProperty(fmt.format.Property.ForegroundBrush):
            return fmt.format.foreground().color()
    raise AssertionError("the heading line has no colour")


def _credit_row() -> CreditRow:
    return CreditRow(
        story_id=1,
        headline="Harbour",
        date=dt.date(2026, 12, 3),
        published=True,
        image_id=1,
        file_name="quay.jpg",
        credit="",
        creator="",
        source="",
        copyright="",
        licence="",
    )


def test_switching_to_dark_with_a_story_open_recolours_it(
    qtbot: QtBot, qapp: QApplication, store: Store
) -> None:
    theme.apply_theme(qapp, "light")
    record = _story(store, headline="Tide", byline="A", body="# High water\n\nAt six.")
    editor = StoryEditor(store, record)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    credits = CreditsTableModel()
    credits.set_rows([_credit_row()])
    cell = credits.index(0, CREDIT_COLUMN)
    assert credits.data(cell) == "No credit"
    seen: list[object] = []
    credits.dataChanged.connect(lambda *args: seen.append(args))
    light_heading = _heading_colour(editor)
    light_credit = credits.data(cell, 9)  # Qt.ItemDataRole.ForegroundRole
    light_base = qapp.palette().color(Role.Base)
    assert theme.contrast_ratio(light_heading, light_base) >= theme.MINIMUM

    theme.apply_theme(qapp, "dark")

    dark = qapp.palette()
    heading = _heading_colour(editor)
    assert heading != light_heading
    assert theme.contrast_ratio(heading, dark.color(Role.Base)) >= theme.MINIMUM
    credit = credits.data(cell, 9)
    assert credit != light_credit
    for role in (Role.Base, Role.AlternateBase):
        assert theme.contrast_ratio(credit, dark.color(role)) >= theme.MINIMUM
    assert seen, "the credits report was told to draw its colours again"
    assert not editor.dirty  # a recolouring is no edit
    # the notice bar's edge follows too, in a shade readable on the dark window
    assert theme.warning_text(dark).name() in editor.notice.styleSheet()


def test_secondary_notes_follow_the_palette_at_4_5_to_1(qtbot: QtBot, qapp: QApplication) -> None:
    panel = PreflightPanel()
    qtbot.addWidget(panel)
    hint = next(label for label in panel.findChildren(QLabel) if "Double-click" in label.text())
    assert hint.isEnabled()  # no longer greyed as if disabled (1.6:1)
    for choice in ("light", "dark"):
        theme.apply_theme(qapp, choice)
        palette = hint.palette()
        text = palette.color(Role.WindowText)
        assert text == theme.secondary_text(qapp.palette())
        assert theme.contrast_ratio(text, palette.color(Role.Window)) >= theme.MINIMUM


def test_the_preview_in_dark_colours_uses_the_pages_own_dark_rules(qtbot: QtBot) -> None:
    template = resource("templates", "html", "article.html").read_text(encoding="utf-8")
    assert "#161616" in theme.page_dark_rules(template)  # the template's own dark background
    page = (
        "<html><head><style>body { background: #fff; color: #1d1d1f; }"
        "@media (prefers-color-scheme: dark) { body { background: #161616; color: #e8e6e3; } }"
        "</style></head><body><p>@media (prefers-color-scheme: dark) { p { color: red } }</p>"
        "</body></html>"
    )
    assert theme.page_dark_rules(page).strip() == "body { background: #161616; color: #e8e6e3; }"
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(page)
    assert browser.document().rootFrame().frameFormat().background().color() == QColor("#ffffff")
    browser.follow_dark_preview()
    theme.theme_watcher().set_dark_preview(True)
    assert browser.document().rootFrame().frameFormat().background().color() == QColor("#161616")
    theme.theme_watcher().set_dark_preview(False)
    assert browser.document().rootFrame().frameFormat().background().color() == QColor("#ffffff")
    # a page without dark rules of its own still turns dark
    assert "#161616" in theme.dark_page("<p>plain</p>")


def test_the_theme_is_chosen_in_preferences_at_once_and_put_back_on_cancel(
    qtbot: QtBot, qapp: QApplication
) -> None:
    theme.apply_theme(qapp, "light")
    dialog = PreferencesDialog(prefs.Settings(theme="light"))
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == "light"
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert theme.is_dark(qapp.palette())  # at once
    dialog.reject()
    assert not theme.is_dark(qapp.palette())  # cancelled: as it was

    dialog = PreferencesDialog(prefs.Settings(theme="light"))
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert dialog.settings().theme == "dark"
    assert theme.is_dark(qapp.palette())


def test_the_theme_choice_is_kept_in_the_settings_file(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "settings.yaml"
    prefs.save(prefs.Settings(theme="dark"), path)
    assert prefs.load(path).theme == "dark"
    assert prefs.Settings().theme == "system"
