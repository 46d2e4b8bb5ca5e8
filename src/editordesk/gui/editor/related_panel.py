"""A story's related links: another story found by search, or a web page; dragged into order,
the first is the next post. Suggestions rank the store's stories by shared tags and words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import i18n, plain
from editordesk.gui.workers import run_in_background
from editordesk.model import RelatedRecord
from editordesk.store.db import Store
from editordesk.text import check_url, long_date


def describe(link: RelatedRecord, position: int) -> str:
    """One line for the list: the next post marked, the title, where it points."""
    lead = (
        QCoreApplication.translate("RelatedPanel", "Next post: ")
        if position == 0
        else f"{position + 1}. "
    )
    where = (
        QCoreApplication.translate("RelatedPanel", "story “{0}”").format(link.story_slug)
        if link.story_slug
        else (link.url or "")
    )
    if link.story_id is None and link.story_slug:
        where += QCoreApplication.translate("RelatedPanel", " — no longer in the store")
    details = [d for d in (long_date(link.date) if link.date else "", link.section) if d]
    tail = f"  ({' · '.join(details)})" if details else ""
    title = link.title or QCoreApplication.translate("RelatedPanel", "(title from the story)")
    return plain.shorten(f"{lead}{title} — {where}{tail}", 500)


class WebLinkDialog(QDialog):
    """A related link to a web page: address, title, date, section, excerpt."""

    def __init__(
        self,
        link: RelatedRecord | None = None,
        parent: QWidget | None = None,
        *,
        internal: bool = False,
    ) -> None:
        super().__init__(parent)
        self.internal = internal
        self.setWindowTitle(self.tr("Related story") if internal else self.tr("Related web page"))
        link = link or RelatedRecord()
        self.url = QLineEdit(link.url or "", self)
        self.title = QLineEdit(link.title, self)
        self.dated = QCheckBox(self.tr("&Dated"), self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        i18n.left_to_right(self.date)  # a date reads the same in a mirrored window
        self.date.setDate(QDate(link.date) if link.date else QDate.currentDate())
        self.dated.setChecked(link.date is not None)
        self.date.setEnabled(link.date is not None)
        self.dated.toggled.connect(self.date.setEnabled)
        self.section = QLineEdit(link.section, self)
        self.excerpt = QPlainTextEdit(self)
        plain.set_plain_text(self.excerpt, link.excerpt)
        self.excerpt.setTabChangesFocus(True)
        self.problem = plain.plain_label(QLabel(self))  # it quotes the address typed
        for widget, name in (
            (self.url, self.tr("Address")),
            (self.title, self.tr("Title")),
            (self.dated, self.tr("Has a date")),
            (self.date, self.tr("Date")),
            (self.section, self.tr("Section")),
            (self.excerpt, self.tr("Excerpt")),
        ):
            widget.setAccessibleName(name)
            widget.setToolTip(self.tr("The linked page's {0}").format(name.lower()))
        form = QFormLayout(self)
        if not internal:
            form.addRow(self.tr("&Address"), self.url)  # letters: not O and C (OK, Cancel)
        else:
            self.url.hide()
        form.addRow(self.tr("&Title"), self.title)
        date_row = QHBoxLayout()
        date_row.addWidget(self.dated)
        date_row.addWidget(self.date, 1)
        form.addRow("", date_row)
        form.addRow(self.tr("&Section"), self.section)
        form.addRow(self.tr("E&xcerpt"), self.excerpt)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def link(self) -> RelatedRecord:
        date = self.date.date().toPython() if self.dated.isChecked() else None
        return RelatedRecord(
            title=self.title.text().strip(),
            url=self.url.text().strip(),
            date=date if isinstance(date, dt.date) else None,
            section=self.section.text().strip(),
            excerpt=self.excerpt.toPlainText().strip(),
        )

    def accept(self) -> None:
        try:
            if not self.internal:
                check_url(self.url.text())
        except EditorDeskError as exc:
            plain.set_plain(self.problem, str(exc))
            return
        if not self.title.text().strip():
            plain.set_plain(self.problem, self.tr("Give the link a title."))
            return
        super().accept()


class StoryPickerDialog(QDialog):
    """Find a story in the store by search and pick it."""

    def __init__(self, store: Store, exclude: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link a story"))
        self.store = store
        self.exclude = exclude
        self.chosen: int | None = None
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search stories"))
        self.search.setAccessibleName(self.tr("Search stories to link"))
        self.search.setToolTip(self.tr("Words from the story's headline or text"))
        self.results = QListWidget(self)
        self.results.setAccessibleName(self.tr("Stories found"))
        self.results.setToolTip(self.tr("Double-click, or press Enter or OK, to link the story"))
        self.results.itemActivated.connect(self._picked)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Link"))
        self.ok_button.setAutoDefault(False)  # Enter in the search box is handled below
        buttons.accepted.connect(self._link_highlighted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.results.currentRowChanged.connect(lambda _row: self._update_ok())
        self.resize(520, 420)
        self._find()  # recent stories, before anything is typed

    def _update_ok(self) -> None:
        item = self.results.currentItem()
        self.ok_button.setEnabled(
            item is not None and item.data(Qt.ItemDataRole.UserRole) is not None
        )

    def _enter(self) -> None:
        """Enter links the highlighted story (the first, when none is highlighted yet)."""
        if self._timer.isActive():  # typed faster than the search: search now
            self._timer.stop()
            self._find()
        if self.results.currentRow() < 0 and self.results.count():
            self.results.setCurrentRow(0)
        self._link_highlighted()

    def _link_highlighted(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._picked(item)

    def _find(self) -> None:
        from editordesk.services.stories import list_stories

        query = self.search.text().strip()
        try:
            with self.store.read() as session:
                # Nothing typed: the latest stories, most recently saved first.
                rows = list_stories(session, query=query or None, limit=30)
        except EditorDeskError as exc:
            self.results.clear()
            self.results.addItem(plain.shorten(str(exc), 500))
            return
        self.results.clear()
        for row in rows:
            if row.id in self.exclude:
                continue
            item = QListWidgetItem(
                plain.shorten(f"{row.headline}  ({row.section or 'no section'})", 500)
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _picked(self, item: QListWidgetItem) -> None:
        story_id = item.data(Qt.ItemDataRole.UserRole)
        if story_id is not None:
            self.chosen = int(story_id)
            self.accept()


class RelatedPanel(QWidget):
    """The story's related links, in order; `changed` carries the new tuple of links."""

    changed = Signal(object)  # tuple[RelatedRecord, ...]

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.story_id: int | None = None
        self.links: tuple[RelatedRecord, ...] = ()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Related links"))
        self.list.setToolTip(self.tr("Drag to reorder; the first is the next post"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._reordered)
        self.list.itemActivated.connect(lambda _: self.edit_selected())
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            (
                "story",
                self.tr("Link a story…"),
                self.tr("Link another story from the store"),
                self.add_story,
            ),
            (
                "web",
                self.tr("Add a web page…"),
                self.tr("Link a page elsewhere on the web"),
                self.add_web,
            ),
            ("edit", self.tr("Edit…"), self.tr("Change the selected link"), self.edit_selected),
            ("up", self.tr("Up"), self.tr("Move the selected link up"), lambda: self.move(-1)),
            ("down", self.tr("Down"), self.tr("Move the selected link down"), lambda: self.move(1)),
            (
                "remove",
                self.tr("Remove"),
                self.tr("Remove the selected link"),
                self.remove_selected,
            ),
        ):
            button = QPushButton(text, self)
            button.setAccessibleName(text.rstrip("…"))
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button, len(self.buttons) // 3, len(self.buttons) % 3)
            self.buttons[key] = button
        self.suggestions = QListWidget(self)
        self.suggestions.setAccessibleName(self.tr("Suggested stories"))
        self.suggestions.setToolTip(
            self.tr("Stories sharing tags or words; double-click to link one")
        )
        self.suggestions.itemActivated.connect(self._add_suggestion)
        refresh = QPushButton(self.tr("Suggest"), self)
        refresh.setAccessibleName(self.tr("Suggest related stories"))
        refresh.setToolTip(self.tr("Find stories that share tags or words with this one"))
        refresh.clicked.connect(self.request_suggestions)
        self.suggest_source = lambda: ("", "", ())  # (headline, body, tags), set by the editor
        suggest_row = QHBoxLayout()
        suggest_row.addWidget(QLabel(self.tr("Suggestions"), self))
        suggest_row.addStretch(1)
        suggest_row.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 2)
        layout.addLayout(buttons)
        layout.addLayout(suggest_row)
        layout.addWidget(self.suggestions, 1)

    # ------------------------------------------------------------ the list

    def set_links(self, links: tuple[RelatedRecord, ...]) -> None:
        self.links = tuple(links)
        self._refill()

    def _refill(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        for position, link in enumerate(self.links):
            item = QListWidgetItem(describe(link, position))
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.list.addItem(item)
        if self.links:
            self.list.setCurrentRow(min(max(current, 0), len(self.links) - 1))

    def _set(self, links: tuple[RelatedRecord, ...], select: int | None = None) -> None:
        self.links = links
        self._refill()
        if select is not None and links:
            self.list.setCurrentRow(select)
        self.changed.emit(self.links)

    def _reordered(self, *_: object) -> None:
        order = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        QTimer.singleShot(0, lambda: self._set(tuple(self.links[i] for i in order)))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.links):
            return
        links = list(self.links)
        links[row], links[target] = links[target], links[row]
        self._set(tuple(links), target)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self._set(self.links[:row] + self.links[row + 1 :])

    def _linked_ids(self) -> set[int]:
        return {link.story_id for link in self.links if link.story_id is not None} | (
            {self.story_id} if self.story_id else set()
        )

    def add_story_id(self, story_id: int) -> None:
        from editordesk.services.related import related_from_story

        try:
            with self.store.read() as session:
                link = related_from_story(session, story_id)
        except EditorDeskError as exc:
            plain.show_status(self, str(exc), 5000)
            return
        self._set((*self.links, link), len(self.links))
        for row in reversed(range(self.suggestions.count())):  # linked: no more a suggestion
            if self.suggestions.item(row).data(Qt.ItemDataRole.UserRole) == story_id:
                self.suggestions.takeItem(row)

    def add_story(self) -> None:
        own = {self.story_id} if self.story_id is not None else set()
        picker = StoryPickerDialog(self.store, self._linked_ids() | own, self)
        if picker.exec() and picker.chosen is not None:
            self.add_story_id(picker.chosen)

    def add_web(self) -> None:
        dialog = WebLinkDialog(parent=self)
        if dialog.exec():
            self._set((*self.links, dialog.link()), len(self.links))

    def edit_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        link = self.links[row]
        internal = link.story_slug is not None
        dialog = WebLinkDialog(link, self, internal=internal)
        if not dialog.exec():
            return
        edited = dialog.link()
        if internal:  # a story's link keeps its target; only its words change
            edited = replace(
                link,
                title=edited.title,
                date=edited.date,
                section=edited.section,
                excerpt=edited.excerpt,
            )
        self._set((*self.links[:row], edited, *self.links[row + 1 :]), row)

    # ------------------------------------------------------------ suggestions

    def request_suggestions(self) -> None:
        from editordesk.services.related import suggest_related

        headline, body, tags = self.suggest_source()
        exclude = list(self._linked_ids())

        def find() -> list:
            with self.store.read() as session:
                return suggest_related(
                    session, headline=headline, body=body, tags=tags, exclude=exclude
                )

        def show(found: list) -> None:
            self.suggestions.clear()
            linked = self._linked_ids() | {self.story_id}  # as it is now: links added meanwhile
            found = [s for s in found if s.story_id not in linked]
            for s in found:
                why = f"shares {', '.join(s.shared_tags)}" if s.shared_tags else "shares words"
                item = QListWidgetItem(plain.shorten(f"{s.headline}  ({why})", 500))
                item.setData(Qt.ItemDataRole.UserRole, s.story_id)
                self.suggestions.addItem(item)
            if not found:
                self.suggestions.addItem(self.tr("No suggestions yet: add tags or words first."))

        run_in_background(find, on_done=show, on_error=lambda exc: show([]), owner=self)

    def _add_suggestion(self, item: QListWidgetItem) -> None:
        story_id = item.data(Qt.ItemDataRole.UserRole)
        if story_id is not None:
            self.add_story_id(int(story_id))
            self.suggestions.takeItem(self.suggestions.row(item))
