"""One story open for editing: its fields, its Markdown body and a live preview.

The editor only collects and shows; saving, autosaving and conflicts are the main window's.
Everything that may be slow (counting words in a long story, rendering the preview) is
debounced, and the preview is built on the thread pool, so a keystroke never waits."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import uuid
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editordesk.document.preflight import Finding
from editordesk.document.words import body_words
from editordesk.gui import i18n, plain, theme
from editordesk.gui.dialogs.find_replace import FindReplaceBar
from editordesk.gui.editor.assets_panel import AssetsPanel
from editordesk.gui.editor.body_edit import BodyEdit
from editordesk.gui.editor.checking import LanguageChecking
from editordesk.gui.editor.preflight_panel import PreflightPanel
from editordesk.gui.editor.published_line import PublishedLine
from editordesk.gui.editor.related_panel import RelatedPanel
from editordesk.gui.editor.slug_field import SlugField
from editordesk.gui.editor.visual.assets import StoreAssets
from editordesk.gui.editor.visual.edit import VisualEdit
from editordesk.gui.editor.visual.mirror import BodyMirror
from editordesk.gui.editor.visual.paste import HtmlPaster, store_importer
from editordesk.gui.focus import OneStopDateTimeEdit
from editordesk.gui.safe_browser import SafeBrowser
from editordesk.gui.story_list.model import status_word
from editordesk.gui.workers import run_in_background
from editordesk.model import RelatedRecord, StoryDraft, StoryRecord, StoryStatus
from editordesk.text import slugify

# A picture's height attribute: Qt shrinks a wide picture to the pane's width (the page's
# max-width) but keeps the height it is given, so an 800×500 photo was drawn 378×500.
_IMG_HEIGHT = re.compile(r'(<img\b[^>]*?)\s+height="[^"]*"', re.IGNORECASE)


def keep_aspect_ratio(html: str) -> str:
    """The page for the preview pane: pictures without their height, so Qt works it out
    from the width it draws them at, as a browser does with `height: auto`."""
    return _IMG_HEIGHT.sub(r"\1", html)


if TYPE_CHECKING:  # the store's and the preview's modules load on first use
    from editordesk.services.preview import TokenInfo
    from editordesk.store.db import Store

WORDS_PER_MINUTE = 230
PREVIEW_DELAY_MS = 350
STATS_DELAY_MS = 150


def _tooltip(info: TokenInfo, pictures: Path) -> str:
    """A token's tooltip: what the reader will see there, picture included (only a regular
    file in the media folder: the tooltip's label would read whatever file it names)."""
    parts = [f"<b>{plain.as_html(info.kind.capitalize())}: {plain.as_html(info.title, 300)}</b>"]
    if info.detail:
        parts.append(plain.as_html(info.detail, 1000))
    if info.credit:
        parts.append(f"<i>{plain.as_html(info.credit, 300)}</i>")
    picture = plain.picture_file(info.image_file, pictures) if info.image_file else ""
    if picture:
        parts.append(f'<img src="{escape(Path(picture).as_uri())}" width="220">')
    return plain.rich_tooltip("<br>".join(parts))


class NoticeBar(QFrame):
    """A line above the story for what others do to it: "being edited by …", "changed by …
    — reload?". Up to two buttons; nothing here acts on the store itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Story notice"))
        theme.follow(self._palette_changed)
        self._palette_changed()
        self.label = plain.plain_label(QLabel(self))  # it names other editors, as they wrote
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Story notice text"))
        self.buttons = [QPushButton(self), QPushButton(self)]
        self._actions: list[Callable[[], None] | None] = [None, None]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        for index, button in enumerate(self.buttons):
            button.clicked.connect(lambda _c=False, i=index: self._clicked(i))
            # each button keeps its place when the other hides: one never slides under the
            # cursor into the other's
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            layout.addWidget(button)
        # The bar keeps its room when empty, so the form below never moves under the cursor
        # as a notice comes and goes.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        probe = QPushButton(self.tr("Take over…"), self)  # a button with words, as a notice has
        self._button_height = probe.sizeHint().height()
        probe.deleteLater()
        self._fit()
        self.hide()

    def _palette_changed(self) -> None:
        """The amber edge in a shade of the palette's warning colour (this widget's own
        style sheet: the application's is left to others)."""
        edge = theme.warning_text(QApplication.palette()).name()
        self.setStyleSheet(
            "#storyNotice { background: palette(alternate-base); "
            f"border-left: 4px solid {edge}; }}"
        )

    def show_text(self, text: str, *actions: tuple[str, Callable[[], None]] | None) -> None:
        """Show `text` (as written: it may name an editor or a headline) with buttons
        (label, what a click does); None leaves that button's place empty."""
        plain.set_plain(self.label, text)
        for index, button in enumerate(self.buttons):
            action = actions[index] if index < len(actions) else None
            if action is not None:
                button.setText(action[0])
                button.setAccessibleName(action[0].replace("&", ""))
                self._actions[index] = action[1]
                button.show()
            else:
                self._actions[index] = None
                button.hide()
        self._fit()
        self.show()

    def _fit(self) -> None:
        """One line's height (the room the bar keeps when empty), or what longer words need
        at the bar's width: a notice that fits one line never moves the form below."""
        one_line = max(self._button_height, self.label.fontMetrics().lineSpacing())
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        height = one_line + margins.top() + margins.bottom() + 2 * self.frameWidth()
        layout = self.layout()
        if self.label.text() and self.width() > 0 and layout is not None:
            height = max(height, layout.heightForWidth(self.width()) + 2 * self.frameWidth())
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def clear(self) -> None:
        self.label.clear()
        self._actions = [None, None]
        self._fit()
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def _clicked(self, index: int) -> None:
        action = self._actions[index]
        if action is not None:
            action()


class StoryEditor(QWidget):
    """The fields, body and preview of one story (saved or not yet)."""

    changed = Signal()  # something was edited
    headline_changed = Signal(str)
    stats_changed = Signal(int, int, int)  # words, characters, minutes to read
    preview_updated = Signal()  # a new preview is showing (tests and the benchmark wait on it)
    image_fix_requested = Signal(int)  # a finding about a picture: open its library card

    def __init__(
        self,
        store: Store,
        record: StoryRecord | None = None,
        *,
        draft: StoryDraft | None = None,
        key: str | None = None,
        template_dir: str | None = None,
        source: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`source`: the body shows as Markdown source first, not in the visual editor."""
        super().__init__(parent)
        self._opens_in_source = source
        self.store = store
        self.key = key or uuid.uuid4().hex  # names this tab's autosave
        self.template_dir = template_dir
        self.story_id: int | None = None
        self.base_version: int | None = None
        self.slug: str | None = None
        self._slug_follows = True  # a new story's slug follows its headline
        self.related = ()
        self.dirty = False
        self.autosaved_text: StoryDraft | None = None
        self.read_only = False  # another window holds the story's edit lock
        self.locked_by = ""  # who holds it then, as the lock names them
        self.holds_lock = False  # this window holds it
        self._loading = False
        self._preview_generation = 0
        plain.guard_tooltips()  # the story's own words show in tooltips around it
        self._build()
        if record is not None:
            self.load(record, draft)
        elif draft is not None:
            self._fill(draft)
        self._stats_timer.start()
        self.schedule_preview()
        theme.follow(self._palette_changed)

    def _palette_changed(self) -> None:
        """The theme changed: the highlighter's colours chosen again for the new palette
        (a redraw Qt reports as an edit, which it is not)."""
        with self.formatting_only():
            self.body.highlighter.refresh_palette(QApplication.palette())

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.headline = QLineEdit(self)
        self.headline.setPlaceholderText(self.tr("Headline"))
        big = QFont(self.headline.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.headline.setFont(big)
        self.slug_field = SlugField(self.store, self)
        self.standfirst = QPlainTextEdit(self)
        self.standfirst.setPlaceholderText(self.tr("Standfirst: the paragraph under the headline"))
        self.standfirst.setTabChangesFocus(True)
        self.standfirst.setFixedHeight(self.standfirst.fontMetrics().lineSpacing() * 3 + 12)
        self.byline = QLineEdit(self)
        self.dateline = QLineEdit(self)
        self.section = QComboBox(self)
        self.section.setEditable(True)
        self.status = QComboBox(self)
        for status in StoryStatus:
            self.status.addItem(status_word(status), status)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.publish_on = QCheckBox(self.tr("&Publish at"), self)
        # One Tab crosses it: Left and Right move between its day, month, year and time.
        self.publish_time = OneStopDateTimeEdit(self)
        self.publish_time.setCalendarPopup(True)
        self.publish_time.setDisplayFormat("d MMM yyyy HH:mm")
        self.publish_time.setDateTime(QDateTime.currentDateTime())
        self.publish_time.setEnabled(False)
        i18n.left_to_right(self.publish_time)  # "3 Dec 2026 02:15" in a mirrored window too
        self.publish_on.toggled.connect(self.publish_time.setEnabled)

        for widget, name, tip in (
            (self.headline, self.tr("Headline"), self.tr("The story's headline")),
            (self.standfirst, self.tr("Standfirst"), self.tr("The paragraph under the headline")),
            (self.byline, self.tr("Byline"), self.tr("Who wrote it")),
            (self.dateline, self.tr("Dateline"), self.tr("Where it was filed from")),
            (self.section, self.tr("Section"), self.tr("The section the story runs in")),
            (self.status, self.tr("Status"), self.tr("Draft, editing, ready, published or spiked")),
            (self.tags, self.tr("Tags"), self.tr("Tags, separated by commas")),
            (
                self.publish_on,
                self.tr("Has a publish time"),
                self.tr("Tick to set when the story goes out"),
            ),
            (
                self.publish_time,
                self.tr("Publish time"),
                self.tr("When the story goes out (local time)"),
            ),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)

        meta = QFormLayout()
        meta.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row1 = QHBoxLayout()
        # Each label names its field to a screen reader (a combo box is announced by its
        # value unless a label is linked to it) and gives Alt+letter to reach it; the letters
        # are free of the menu bar's (F E V O I S L H) and the side panel's (B).
        for label, widget in (
            (self.tr("B&yline"), self.byline),
            (self.tr("&Dateline"), self.dateline),
            (self.tr("Se&ction"), self.section),
            (self.tr("St&atus"), self.status),
        ):
            row1.addWidget(self._field_label(label, widget))
            row1.addWidget(widget, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self._field_label(self.tr("Ta&gs"), self.tags))
        row2.addWidget(self.tags, 2)
        row2.addWidget(self.publish_on)
        row2.addWidget(self.publish_time, 1)

        self.body = BodyEdit(self)  # the Markdown source: the stored body
        # The visual editor shows by default; the mirror keeps it and the source in step.
        self.visual_assets = StoreAssets(self.store)
        self.mirror = BodyMirror(
            self.body,
            self.visual_assets,
            self,
            source=self._opens_in_source,
            quiet=lambda: self._loading,
        )
        self.visual: VisualEdit = self.mirror.visual
        self.side = QTabWidget(self)
        self.side.setAccessibleName(self.tr("Story side panel"))
        self.side.tabBar().setAccessibleName(self.tr("Side panel tabs"))
        self.side.tabBar().setAccessibleDescription(self.tr("Alt+1 to Alt+4 show each tab"))
        # The page a desk template writes opens only the story's own pictures.
        self.preview = SafeBrowser(self, pictures=self.store.media.root)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setToolTip(self.tr("The story as the HTML export will write it"))
        self.preview.follow_dark_preview()  # Story menu: "Preview in dark colours"
        self.preview.setOpenExternalLinks(False)
        self.preview.setOpenLinks(False)
        self.find_bar = FindReplaceBar(self, self)
        self.find_bar.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        body_side = QWidget(self.splitter)
        body_layout = QVBoxLayout(body_side)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.mirror.stack, 1)
        body_layout.addWidget(self.find_bar)
        self.preflight = PreflightPanel(self)
        self.preflight.finding_activated.connect(self.go_to)
        self.related_panel = RelatedPanel(self.store, self)
        self.related_panel.changed.connect(self._related_changed)
        self.related_panel.suggest_source = lambda: (
            self.headline.text(),
            self.body_text(),
            self.draft().tags,
        )
        self.assets = AssetsPanel(self)
        self.assets.remove_token.connect(self.remove_token)
        # A card double-clicked in the visual editor opens what it shows.
        self.mirror.figure_activated.connect(self.image_fix_requested)
        self.mirror.tweet_activated.connect(self.assets.edit_tweet)
        self.mirror.message.connect(lambda text: plain.show_status(self, text, 8000))
        # HTML pasted into the visual editor: its pictures join the library; what could not
        # come through is listed in Checks.
        self.paster = HtmlPaster(self.visual, store_importer(self.store))
        self.paster.notes_ready.connect(self._paste_notes)
        self.side.addTab(self.preview, self.tr("Preview"))
        self.browser_button = QPushButton(self.tr("Open in &browser"), self.side)
        self.browser_button.setToolTip(self.tr("The real exported page, in your web browser"))
        self.browser_button.clicked.connect(self.open_in_browser)
        self.side.setCornerWidget(self.browser_button)
        self.side.addTab(self.preflight, self.tr("Checks"))
        self.side.addTab(self.related_panel, self.tr("Related"))
        self.side.addTab(self.assets, self.tr("Pictures && tweets"))
        # Every tab in sight at any font size, never behind scroll arrows: in full while the
        # panel has room, shortened ("Pictures & t…") only when the body is given more.
        self.side.tabBar().setUsesScrollButtons(False)
        self.side.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        for index in range(self.side.count()):  # a shortened tab still says what it is
            self.side.setTabToolTip(index, self.side.tabText(index).replace("&&", "&"))
        self.side.currentChanged.connect(lambda _: self.schedule_preview())
        self.splitter.addWidget(body_side)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.notice = NoticeBar(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        headline_row = QHBoxLayout()
        headline_row.addWidget(self._field_label(self.tr("Headli&ne"), self.headline))
        headline_row.addWidget(self.headline, 3)
        headline_row.addWidget(self.slug_field, 2)
        layout.addLayout(headline_row)
        self.published = PublishedLine(self.store, self)  # where it is published, if anywhere
        layout.addWidget(self.published)
        standfirst_row = QHBoxLayout()
        standfirst_row.addWidget(
            self._field_label(self.tr("S&tandfirst"), self.standfirst),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        standfirst_row.addWidget(self.standfirst, 1)
        layout.addLayout(standfirst_row)
        layout.addLayout(meta)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.splitter, 1)

        self._stats_timer = QTimer(self, singleShot=True, interval=STATS_DELAY_MS)
        self._stats_timer.timeout.connect(self._update_stats)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)

        for signal in (
            self.headline.textEdited,
            self.byline.textEdited,
            self.dateline.textEdited,
            self.tags.textEdited,
            self.section.editTextChanged,
            self.status.currentIndexChanged,
            self.publish_on.toggled,
            self.publish_time.dateTimeChanged,
        ):
            signal.connect(self._edited)
        self.standfirst.textChanged.connect(self._edited)
        self.body.textChanged.connect(self._edited)
        self.mirror.edited.connect(self._edited)
        self.headline.textEdited.connect(self.slug_field.follow)
        self.slug_field.edited.connect(self._edited)
        self.headline.textChanged.connect(self.headline_changed)
        self.checking = LanguageChecking(self)  # spelling and house style as you type
        # Beside the headline and slug, so the rows below keep the window's least width.
        headline_row.addWidget(self._field_label(self.tr("Lang&uage"), self.checking.language_box))
        headline_row.addWidget(self.checking.language_box)

    def _field_label(self, text: str, field: QWidget) -> QLabel:
        """A field's label, linked to it: Alt and its letter go to the field."""
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    # ------------------------------------------------------------ state

    @contextlib.contextmanager
    def formatting_only(self) -> Iterator[None]:
        """What happens inside changes only how the text looks (spelling underlines): Qt
        reports it as a change of text, but it is no edit and leaves the story saved."""
        was, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        if not self.dirty:
            self.dirty = True
        self.changed.emit()
        self._stats_timer.start()
        self.schedule_preview()

    def _fill(self, draft: StoryDraft) -> None:
        self._loading = True
        try:
            self.headline.setText(draft.headline)
            plain.set_plain_text(self.standfirst, draft.standfirst)
            self.byline.setText(draft.byline)
            self.dateline.setText(draft.dateline)
            self.section.setEditText(draft.section)
            self.status.setCurrentIndex(list(StoryStatus).index(StoryStatus(draft.status)))
            self.tags.setText(", ".join(draft.tags))
            for field in (self.headline, self.byline, self.dateline, self.tags):
                field.setCursorPosition(0)  # a long line shows its start, as it is read
            self.publish_on.setChecked(draft.publish_time is not None)
            if draft.publish_time is not None:
                self.publish_time.setDateTime(QDateTime(draft.publish_time.astimezone()))
            if self.body.toPlainText() != draft.body:
                plain.set_plain_text(self.body, draft.body)
            self.mirror.sync_shown()  # the visual shows the story as loaded, unchanged
            self.related = draft.related
            self.related_panel.set_links(draft.related)
            if draft.slug:
                self.slug = draft.slug
            self.slug_field.show_story(
                self.slug or (slugify(draft.headline) if draft.headline.strip() else ""),
                self._slug_follows if draft.slug is None or draft.slug == self.slug else False,
                self.story_id,
                draft.headline,
            )
        finally:
            self._loading = False
        self.headline_changed.emit(draft.headline)

    def load(self, record: StoryRecord, draft: StoryDraft | None = None) -> None:
        """Show a saved story; with `draft`, show that unsaved text over it (recovery)."""
        self.story_id = record.id
        self.related_panel.story_id = record.id
        self.base_version = record.version
        self.slug = record.slug
        self._slug_follows = not record.slug_fixed
        self._fill(draft or record.draft())
        self.follow_language(record.language)
        self.published.show_story(record.id)
        self.dirty = draft is not None
        self.changed.emit()
        self._stats_timer.start()
        self.schedule_preview()

    def follow_language(self, language: str) -> None:
        """The fields and body run in the story's language's direction (an Arabic story's
        from the right); its preview follows the page's own `dir`."""
        with self.formatting_only():
            i18n.set_direction(
                language,
                self.headline,
                self.standfirst,
                self.byline,
                self.dateline,
                self.tags,
                self.body,
                *(w for w in self.findChildren(QTextEdit) if not w.isReadOnly()),  # visual
            )

    def mark_saved(self, record: StoryRecord, *, edited_since: bool = False) -> None:
        """The store took the save: this is now the base of further edits. With
        `edited_since` (typed while the save ran) the tab keeps its text, still unsaved."""
        self.story_id = record.id
        self.related_panel.story_id = record.id
        if edited_since:
            self.base_version = record.version
            self.slug = record.slug
            self.autosaved_text = None  # the next autosave keeps the newer text
            self.changed.emit()
            return
        self.related_panel.set_links(record.related)
        self.base_version = record.version
        self.slug = record.slug
        self._slug_follows = not record.slug_fixed
        self.slug_field.show_story(record.slug, self._slug_follows, record.id, self.headline.text())
        self.related = record.related
        self.dirty = False
        self.autosaved_text = None
        self.published.show_story(record.id)  # "changed since publishing" once saved again
        self.changed.emit()

    def draft(self) -> StoryDraft:
        """The story as it stands in the window."""
        publish = None
        if self.publish_on.isChecked():
            publish = self.publish_time.dateTime().toPython().astimezone(dt.UTC)
        return StoryDraft(
            headline=self.headline.text(),
            standfirst=self.standfirst.toPlainText(),
            byline=self.byline.text(),
            dateline=self.dateline.text(),
            section=self.section.currentText(),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            status=self.status.currentData(),
            body=self.body_text(),
            publish_time=publish,
            slug=self.slug_field.value()[0],
            related=self.related,
            slug_from_headline=self.slug_field.value()[1],
        )

    def set_sections(self, sections: list[str]) -> None:
        current = self.section.currentText()
        self._loading = True
        try:
            self.section.clear()
            self.section.addItems(sections)
            self.section.setEditText(current)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        """Read-only while someone else edits the story: everything shows, nothing types.
        Text already typed stays in the window."""
        self.read_only = read_only
        for widget in (self.headline, self.byline, self.dateline, self.tags):
            widget.setReadOnly(read_only)
        self.standfirst.setReadOnly(read_only)
        self.slug_field.set_read_only(read_only)
        self.mirror.set_read_only(read_only)
        for widget in (self.section, self.status, self.publish_on, self.publish_time):
            widget.setEnabled(not read_only)
        if not read_only:
            self.publish_time.setEnabled(self.publish_on.isChecked())
        self.related_panel.setEnabled(not read_only)
        self.assets.set_read_only(read_only)
        self.changed.emit()  # the window's commands follow (Save and the rest disabled)

    def body_widget(self) -> QWidget:
        """Where the body is typed: the Markdown body, or the visual editor's page when that
        is the one showing (a writable QTextEdit in the editor)."""
        active = getattr(self, "active_body", None)  # the visual editor's choice, if built
        if isinstance(active, QWidget):
            return active
        if self.body.isVisible():
            return self.body
        for widget in self.findChildren(QTextEdit):
            if widget.isVisible() and not widget.isReadOnly():
                return widget
        return self.body

    def focus_body(self) -> None:
        """The cursor into the body (opening a story from the list, Ctrl+Tab to the story)."""
        self.body_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_headline(self) -> None:
        self.headline.setFocus()
        self.headline.selectAll()

    def _related_changed(self, links: tuple[RelatedRecord, ...]) -> None:
        self.related = links
        self._edited()

    def go_to(self, finding: Finding) -> None:
        """Take the editor to what a preflight finding is about."""
        fields = {
            "headline": self.headline,
            "byline": self.byline,
            "standfirst": self.standfirst,
            "dateline": self.dateline,
            "section": self.section,
        }
        if finding.index is not None:
            self.side.setCurrentWidget(self.related_panel)
            self.related_panel.list.setCurrentRow(finding.index)
            self.related_panel.list.setFocus()
        elif finding.line:
            self.go_to_line(finding.line)
        elif finding.field in fields:
            fields[finding.field].setFocus()
        if finding.image_id is not None:
            self.image_fix_requested.emit(finding.image_id)

    def go_to_line(self, line: int) -> None:
        """The cursor to a line of the body: in the visual editor, the block made from
        that line is selected."""
        self.mirror.flush()
        self.mirror.go_to_line(line, select=True)
        self.active_body.setFocus()

    # ------------------------------------------------------------ the body's two views

    def _paste_notes(self, notes: list[str]) -> None:
        self.preflight.show_paste_notes(notes)
        if notes:
            said = self.tr("Pasted; %n note(s) in Checks", "", len(notes))
            plain.show_status(self, said, 8000)

    @property
    def active_body(self) -> BodyEdit | VisualEdit:
        """The body editor showing (visual or Markdown source): commands go to it."""
        return self.mirror.active

    @property
    def source_showing(self) -> bool:
        return self.mirror.source_showing

    def show_source(self, source: bool) -> None:
        """View ▸ Markdown source: the source (or the visual editor), losing nothing."""
        self.mirror.show_source(source)

    def body_text(self) -> str:
        """The body as stored: the visual editor's edits written into the source first."""
        return self.mirror.text()

    def _find_token(self, token: str) -> QTextCursor | None:
        self.mirror.flush()  # the visual's edits are in the source before it changes
        found = self.body.document().find(token)
        return None if found.isNull() else found

    def remove_token(self, token: str) -> None:
        """Take a figure or tweet out of the body (undoable; the library keeps it)."""
        if self.read_only:
            return
        cursor = self._find_token(token)
        if cursor is None:
            return
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        if not cursor.block().text().strip():  # the token's own line goes too
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            cursor.removeSelectedText()
        cursor.endEditBlock()

    def replace_token(self, token: str, new: str) -> None:
        if self.read_only:
            return
        cursor = self._find_token(token)
        if cursor is not None:
            cursor.insertText(new)

    # ------------------------------------------------------------ counts and preview

    def stats(self) -> tuple[int, int, int]:
        text = self.body_text()
        words = body_words(text)  # as `list` and the export count them
        return words, len(text), max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0

    def _update_stats(self) -> None:
        self.stats_changed.emit(*self.stats())

    def open_in_browser(self) -> None:
        """The story as it stands, as the real page, in the desktop's browser."""
        from editordesk.gui.editor.browser_preview import open_in_browser

        open_in_browser(
            self, self.store, self.draft(), self.story_id, self.slug or "preview", self.template_dir
        )

    def schedule_preview(self) -> None:
        if self.side.isVisible() or not self.isVisible():
            self._preview_timer.start()

    def _render_preview(self) -> None:
        from editordesk.services.preview import Preview, preview_story

        self._preview_generation += 1
        generation = self._preview_generation
        draft = self.draft()

        def show(result: Preview) -> None:
            if generation != self._preview_generation:
                return  # a newer preview is on its way
            pictures = self.store.media.root
            self.body.token_tooltip = {
                t: _tooltip(info, pictures) for t, info in result.tokens.items()
            }
            self.assets.show_tokens(result.tokens)
            self.preflight.show_findings(result.findings)
            errors = sum(1 for f in result.findings if f.severity.value == "error")
            checks = self.tr("Checks ({0})").format(errors) if errors else self.tr("Checks")
            self.side.setTabText(1, checks)
            bar = self.preview.verticalScrollBar()
            position = bar.value()
            self.preview.setHtml(keep_aspect_ratio(result.html))
            bar.setValue(position)
            self.preview_updated.emit()

        def failed(exc: Exception) -> None:
            if generation == self._preview_generation:
                self.preview.setPlainText(self.tr("The preview cannot be shown: {0}").format(exc))
                self.preview_updated.emit()

        run_in_background(
            preview_story,
            self.store,
            draft,
            story_id=self.story_id,
            slug=self.slug or "preview",
            template_dir=self.template_dir,
            on_done=show,
            on_error=failed,
            owner=self,
        )
