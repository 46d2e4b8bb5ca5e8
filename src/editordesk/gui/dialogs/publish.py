"""File ▸ Publish…: choose the site, the status and the featured picture, publish in the
background, and see where each story went; a post edited on the site is overwritten only after
asking."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.errors import EditorDeskError
from editordesk.gui import i18n, plain
from editordesk.gui.dialogs.sites import SitesDialog, forget_session_password, password_for
from editordesk.gui.workers import describe_error, run_in_background
from editordesk.publish.base import AuthError, RemoteEditedError
from editordesk.services import publishing as pub
from editordesk.services.exporting import load_bundle
from editordesk.store.db import Store

STATUSES = (
    ("draft", "Draft (not on the site yet)"),
    ("pending", "Pending review"),
    ("publish", "Published"),
    ("future", "Scheduled for the story's publish time"),
)


@dataclass
class Round:
    """What one click of Publish did: results, errors, and the stories edited on the site."""

    results: list[pub.PublishResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    edited: list[tuple[int, str]] = field(default_factory=list)
    auth_failed: bool = False


def publish_round(
    store: Store,
    story_ids: list[int],
    site: pub.SiteRecord,
    password: str,
    status: str,
    overwrite: bool,
    featured: int | None,
    template_dir: Path | None,
) -> Round:
    """Runs off the UI thread: publish each story, keeping what each one says."""
    out = Round()
    target = pub.make_target(site, password)
    for story_id in story_ids:
        try:
            out.results.append(
                pub.publish_story(
                    store,
                    story_id,
                    site,
                    target,
                    status=status,
                    overwrite=overwrite,
                    featured_image_id=featured,
                    template_dir=template_dir,
                )
            )
        except RemoteEditedError as exc:
            out.edited.append((story_id, str(exc)))
        except AuthError as exc:
            out.auth_failed = True
            out.errors.append(f"story {story_id}: {exc}")
            break
        except EditorDeskError as exc:
            out.errors.append(f"story {story_id}: {exc}")
    return out


class PublishDialog(QDialog):
    """Publish the chosen stories to one site."""

    published = Signal()  # a round has finished: where stories are published may have changed

    def __init__(
        self,
        store: Store,
        story_ids: list[int],
        *,
        template_dir: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.story_ids = list(story_ids)
        self.template_dir = Path(template_dir) if template_dir else None
        count = len(self.story_ids)
        self.setWindowTitle(self.tr("Publish %n story(s)", "", count))
        self.site = QComboBox(self)
        self.site.setAccessibleName(self.tr("Site"))
        self.manage = QPushButton(self.tr("&Sites…"), self)
        self.manage.clicked.connect(self.manage_sites)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for key, text in STATUSES:
            self.status.addItem(text, key)
        self.featured = QComboBox(self)
        self.featured.setAccessibleName(self.tr("Featured picture"))
        self.featured.addItem(self.tr("The first picture"), None)
        self.where = plain.plain_label(QLabel(self))
        self.where.setWordWrap(True)
        self.where.setAccessibleName(self.tr("Where it is published"))
        self.result = plain.plain_label(QLabel(self))
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Result"))
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyring_note = plain.plain_label(QLabel(self))
        self.keyring_note.setWordWrap(True)
        if pub.keyring_available():
            self.keyring_note.hide()
        else:
            plain.set_plain(
                self.keyring_note,
                self.tr("No system keyring here: the site's password is asked once this session."),
            )
        form = QFormLayout()
        form.addRow(self.tr("S&ite:"), self.site)
        form.addRow("", self.manage)
        form.addRow(self.tr("S&tatus:"), self.status)
        form.addRow(self.tr("&Featured picture:"), self.featured)
        form.addRow(self.tr("Published:"), self.where)
        form.addRow(self.tr("Last time:"), self.result)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.publish_button = self.buttons.addButton(
            self.tr("&Publish"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(lambda: self.publish())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.resize(660, 300)
        self.busy = False
        self._load()

    def _load(self) -> None:
        with self.store.read() as session:
            sites = pub.list_sites(session)
            places = [pub.publications(session, i) for i in self.story_ids]
            bundle = load_bundle(session, self.story_ids[0]) if len(self.story_ids) == 1 else None
        current = self.site.currentData()
        self.site.clear()
        for site in sites:  # a combo box item shows plain text
            self.site.addItem(plain.one_line(f"{site.name} — {site.url}"), site.name)
        if current is not None and self.site.findData(current) >= 0:
            self.site.setCurrentIndex(self.site.findData(current))
        if bundle is not None and self.featured.count() == 1:
            for image in bundle.images_in_order():
                label = image.fields.caption or image.original_name or f"picture {image.id}"
                self.featured.addItem(plain.one_line(label, 80), image.id)
        self.featured.setEnabled(bundle is not None and self.featured.count() > 1)
        lines = []
        for story_id, found in zip(self.story_ids, places, strict=True):
            for p in found:
                when = i18n.local_time(p.published)
                line = (
                    self.tr("Story {0}: {1} on {2} ({3}, changed since publishing) {4}")
                    if p.changed_since
                    else self.tr("Story {0}: {1} on {2} ({3}) {4}")
                )
                lines.append(line.format(story_id, p.status, p.site, when, p.url))
        plain.set_plain(self.where, "\n".join(lines) or self.tr("Not published anywhere yet."))
        self.publish_button.setEnabled(bool(sites) and not self.busy)
        if not sites:
            plain.set_plain(self.result, self.tr("No sites yet: add one with Sites…."))

    def manage_sites(self) -> None:
        SitesDialog(self.store, self).exec()
        self._load()

    def chosen_site(self) -> pub.SiteRecord | None:
        name = self.site.currentData()
        if name is None:
            return None
        with self.store.read() as session:
            return pub.get_site(session, str(name))

    def publish(self, overwrite_ids: list[int] | None = None) -> None:
        site = self.chosen_site()
        if site is None or self.busy:
            return
        password = password_for(site, self)
        if password is None:
            plain.set_plain(self.result, self.tr("Not published: no password given."))
            return
        ids = overwrite_ids or self.story_ids
        self.busy = True
        self.publish_button.setEnabled(False)
        plain.set_plain(self.result, self.tr("Publishing to {0}…").format(site.name))
        run_in_background(
            publish_round,
            self.store,
            ids,
            site,
            password,
            str(self.status.currentData()),
            bool(overwrite_ids),
            self.featured.currentData(),
            self.template_dir,
            on_done=lambda r: self._done(site, r),
            on_error=self._failed,
            owner=self,
        )

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.publish_button.setEnabled(True)
        plain.set_plain(self.result, describe_error(exc, "publishing"))

    def _done(self, site: pub.SiteRecord, done: Round) -> None:
        self.busy = False
        if done.auth_failed:
            forget_session_password(site)
        lines = [
            f"Story {r.story_id}: {r.status} on {r.site}, {r.url} "
            f"({r.pictures_uploaded} picture{'s' if r.pictures_uploaded != 1 else ''} uploaded)"
            for r in done.results
        ]
        lines += done.errors
        lines += [f"story {i}: not published: edited on the site" for i, _ in done.edited]
        plain.set_plain(self.result, "\n".join(lines))
        self._load()
        self.published.emit()
        if done.edited:
            reasons = "\n\n".join(text for _, text in done.edited)
            answer = plain.question(
                self,
                self.tr("Overwrite the edits made on the site?"),
                self.tr("{0}\n\nOverwrite them with EditorDesk's story?").format(reasons),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.publish([i for i, _ in done.edited])


def publish_from_window(window: Any) -> PublishDialog | None:
    """File ▸ Publish…: the stories selected in the window's list, else the open one."""
    ids = list(window.story_list.selected_story_ids())
    editor = window.current_editor()
    if not ids and editor is not None and editor.story_id is not None:
        ids = [editor.story_id]
    if not ids:
        window.say("Select stories in the list, or open one, to publish", 5000)
        return None
    if editor is not None and editor.dirty and editor.story_id in ids:
        window.say("Publishing the story as last saved: save to publish your changes", 8000)
    dialog = PublishDialog(
        window.store, ids, template_dir=window.settings.template_dir, parent=window
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.published.connect(lambda: _show_where(window))
    dialog.open()
    return dialog


def _show_where(window: Any) -> None:
    """After publishing: open stories say where they now are; the list's filter follows."""
    for editor in window.editors():
        editor.published.show_story(editor.story_id)
    window.story_list.refresh()


def sites_from_window(window: Any) -> SitesDialog:
    """File ▸ Sites…"""
    dialog = SitesDialog(window.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
