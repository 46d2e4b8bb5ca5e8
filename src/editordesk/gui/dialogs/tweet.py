"""Embedding a tweet: paste its link in any form, check or type its details, see it exactly
as the export will show it. Fetching from Twitter fills the details when online; it is never
needed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTimer
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import i18n, plain, theme
from editordesk.gui.safe_browser import SafeBrowser
from editordesk.gui.workers import run_in_background
from editordesk.media.tweets import TweetDetails, TweetRef, fetch_oembed, parse_tweet_url
from editordesk.model import TweetRecord
from editordesk.store.db import Store

# The ways a day is typed ("26 Nov 2021", "26 November 2021", "2021-11-26", "26/11/2021",
# "Nov 26, 2021"); month names in English, as the window shows them.
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
)


def typed_date(text: str) -> dt.date | None:
    """The day `text` names as an editor types it, or None."""
    words = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(words, form).date()
        except ValueError:
            continue
    return None


class TypedDateEdit(QDateEdit):
    """A date box that takes a whole date typed as written ("26 Nov 2021"), not only one
    section at a time (typing over the sections turned that into 3 Nov)."""

    def validate(self, text: str, pos: int) -> object:
        state = QValidator.State.Acceptable if typed_date(text) else QValidator.State.Intermediate
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = typed_date(text)
        if day is None:
            return super().dateTimeFromText(text)
        return QDateTime(QDate(day.year, day.month, day.day), self.time())

    def focusNextPrevChild(self, next: bool) -> bool:
        """One Tab crosses it (Left and Right move between day, month and year)."""
        return QWidget.focusNextPrevChild(self, next)


class TweetDialog(QDialog):
    """Edits one tweet's record; after accept(), `saved` holds what the store keeps."""

    def __init__(
        self, store: Store, record: TweetRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit tweet" if record else "Embed a tweet")
        self.store = store
        self.saved: TweetRecord | None = None
        self.ref: TweetRef | None = None
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("Paste the tweet's link (twitter.com or x.com)"))
        # Both quote what was pasted or what Twitter answered: shown as written.
        self.parsed = plain.plain_label(QLabel(self))
        self.name = QLineEdit(self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 5 + 12)
        self.dated = QCheckBox(self.tr("&Posted on"), self)
        self.date = TypedDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        i18n.left_to_right(self.date)  # a date reads the same in a mirrored window
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        self.dated.toggled.connect(self.date.setEnabled)
        self.language = QLineEdit(self)
        self.language.setPlaceholderText(self.tr("e.g. en"))
        self.language.setMaxLength(20)
        theme.fit_line_edit(self.language, "en-GB")  # whole at any font size, never "e…"
        self.fetch_button = QPushButton(self.tr("&Fetch from Twitter"), self)
        self.fetch_status = plain.plain_label(QLabel(self))
        self.fetch_status.setWordWrap(True)
        self.preview = SafeBrowser(self)  # the tweet as exported; it may open no file
        self.preview.setOpenLinks(False)
        for widget, name, tip in (
            (
                self.url,
                self.tr("Tweet link"),
                self.tr("The tweet's address, in any form people paste"),
            ),
            (self.name, self.tr("Display name"), self.tr("The account's display name")),
            (
                self.text,
                self.tr("Tweet text"),
                self.tr("The tweet's words, as the page will show them"),
            ),
            (
                self.dated,
                self.tr("Has a date"),
                self.tr("Tick to show the day the tweet was posted"),
            ),
            (self.date, self.tr("Posted on"), self.tr("The day the tweet was posted")),
            (self.language, self.tr("Language"), self.tr("The tweet's language code, e.g. en")),
            (
                self.fetch_button,
                self.tr("Fetch from Twitter"),
                self.tr("Fill the details from Twitter when online (optional)"),
            ),
            (
                self.preview,
                self.tr("Tweet preview"),
                self.tr("The tweet exactly as the export will show it"),
            ),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        form = QFormLayout()
        # Every label linked to its field, each with a letter of its own (O and C are OK's
        # and Cancel's).
        form.addRow(self.tr("&Link"), self.url)
        form.addRow("", self.parsed)
        form.addRow(self.tr("Display &name"), self.name)
        form.addRow(self.tr("&Text"), self.text)
        row = QHBoxLayout()
        row.addWidget(self.dated)
        row.addWidget(self.date)
        row.addStretch(1)
        language = QLabel(self.tr("Lan&guage"), self)
        language.setBuddy(self.language)
        row.addWidget(language)
        row.addWidget(self.language)
        form.addRow("", row)
        fetch_row = QHBoxLayout()
        fetch_row.addWidget(self.fetch_button)
        fetch_row.addWidget(self.fetch_status, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Save" if record else "Embed"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(fetch_row)
        appear = QLabel(self.tr("As it will &appear:"), self)
        appear.setBuddy(self.preview)
        layout.addWidget(appear)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 560)

        self._preview_timer = QTimer(self, singleShot=True, interval=150)
        self._preview_timer.timeout.connect(self._show_preview)
        self.url.textChanged.connect(self._url_changed)
        for signal in (
            self.name.textChanged,
            self.text.textChanged,
            self.date.dateChanged,
            self.dated.toggled,
            self.language.textChanged,
        ):
            signal.connect(lambda *_: self._preview_timer.start())
        self.fetch_button.clicked.connect(self.fetch)
        if record is not None:
            self.url.setText(record.url)
            self._fill(record)
        self._url_changed(self.url.text())

    # ------------------------------------------------------------ fields

    def _fill(self, record: TweetRecord | TweetDetails) -> None:
        self.name.setText(record.display_name)
        plain.set_plain_text(self.text, record.text)
        self.dated.setChecked(record.posted is not None)
        if record.posted:
            self.date.setDate(QDate(record.posted.year, record.posted.month, record.posted.day))
        self.language.setText(record.language)

    def _url_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            self.ref = parse_tweet_url(text) if text.strip() else None
        except EditorDeskError as exc:
            self.ref = None
            plain.set_plain(self.parsed, str(exc))
        else:
            if self.ref is None:
                self.parsed.setText("")
            else:
                known = self._known(self.ref)
                plain.set_plain(
                    self.parsed,
                    f"Tweet {self.ref.status_id} by @{self.ref.handle}"
                    + (" — already in the store" if known else ""),
                )
        ok.setEnabled(self.ref is not None)
        self.fetch_button.setEnabled(self.ref is not None)
        self._preview_timer.start()

    def _known(self, ref: TweetRef) -> bool:
        """Whether the store has this tweet (pasted again, perhaps in another form); its
        details fill the fields if they are still empty."""
        from editordesk.services.tweets import get_tweet

        try:
            with self.store.read() as session:
                record = get_tweet(session, ref.status_id)
        except EditorDeskError:
            return False
        if not (self.name.text() or self.text.toPlainText()):
            self._fill(record)
        return True

    def record(self) -> TweetRecord | None:
        """The tweet as the fields now describe it (not saved)."""
        if self.ref is None:
            return None
        posted = self.date.date().toPython() if self.dated.isChecked() else None
        return TweetRecord(
            status_id=self.ref.status_id,
            handle=self.ref.handle,
            url=self.ref.url,
            display_name=self.name.text().strip(),
            text=self.text.toPlainText().strip(),
            posted=posted if isinstance(posted, dt.date) else None,
            language=self.language.text().strip(),
        )

    def _show_preview(self) -> None:
        from editordesk.export.html import render_tweet

        record = self.record()
        if record is None:
            self.preview.setHtml("<p><i>Paste a tweet's link to see it here.</i></p>")
            return
        self.preview.setHtml(render_tweet(record))

    # ------------------------------------------------------------ fetch and save

    def fetch(self) -> None:
        if self.ref is None:
            return
        self.fetch_button.setEnabled(False)
        self.fetch_status.setText(self.tr("Asking Twitter…"))

        def done(details: TweetDetails) -> None:
            self.fetch_button.setEnabled(True)
            self._fill(details)
            self.fetch_status.setText(
                self.tr("Filled from Twitter — check the words before saving.")
            )

        def failed(exc: Exception) -> None:
            self.fetch_button.setEnabled(True)
            plain.set_plain(self.fetch_status, str(exc))

        run_in_background(fetch_oembed, self.ref, on_done=done, on_error=failed, owner=self)

    def accept(self) -> None:
        from editordesk.services.tweets import put_tweet

        record = self.record()
        if record is None or self.ref is None:
            return
        try:
            with self.store.write() as session:
                self.saved = put_tweet(
                    session,
                    self.ref,
                    display_name=record.display_name,
                    text=record.text,
                    posted=record.posted,
                    language=record.language,
                    overwrite=True,
                )
        except EditorDeskError as exc:
            plain.set_plain(self.fetch_status, self.tr("Not saved: {0}").format(exc))
            return
        super().accept()
