"""File ▸ Sites… (beside Preferences): the sites stories are published to, added with a check
at once, and the passwords the window holds for this session where there is no keyring."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editordesk.gui import plain
from editordesk.gui.workers import describe_error, run_in_background
from editordesk.services import publishing as pub
from editordesk.store.db import Store

# Passwords typed in this session, for systems with no keyring (asked once, kept in memory).
SESSION_PASSWORDS: dict[tuple[str, str], str] = {}

NO_KEYRING = (
    "There is no system keyring here: passwords are not kept. The window asks once per "
    "session; the command line reads EDITORDESK_SITE_PASSWORD."
)


def password_for(site: pub.SiteRecord, parent: QWidget | None) -> str | None:
    """The site's password: the keyring's (or the environment's), this session's, or asked."""
    key = (site.url, site.user)
    found = SESSION_PASSWORDS.get(key) or pub.stored_password(site.url, site.user)
    if found:
        return found
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("gui.dialogs.sites", "Application password"),
        plain.one_line(f"Application password of {site.user} on {site.name} ({site.url}):"),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not text.strip():
        return None
    SESSION_PASSWORDS[key] = text.strip()
    pub.save_password(site.url, site.user, text.strip())  # kept, where there is a keyring
    return text.strip()


def forget_session_password(site: pub.SiteRecord) -> None:
    """The site refused the password (401): forget it, here and in the keyring, so the
    next try asks again."""
    SESSION_PASSWORDS.pop((site.url, site.user), None)
    pub.forget_password(site.url, site.user)


class SitesDialog(QDialog):
    """The list of sites, a form to add one (checked at once), and Remove."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Sites"))
        self.sites = QListWidget(self)
        self.sites.setAccessibleName(self.tr("Sites"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Daily News"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("https://news.example"))
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip(
            self.tr("An application password (the user's profile page, WordPress 5.6+)")
        )
        for field, name in (
            (self.name, self.tr("Site name")),
            (self.url, self.tr("Site address")),
            (self.user, self.tr("User name")),
            (self.password, self.tr("Application password")),
        ):
            field.setAccessibleName(name)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Application &password:"), self.password)
        self.add_button = QPushButton(self.tr("&Add and check"), self)
        self.add_button.clicked.connect(self.add_site)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.clicked.connect(self.remove_site)
        self.message = plain.plain_label(QLabel(self))
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.keyring_note = plain.plain_label(QLabel(self))
        self.keyring_note.setWordWrap(True)
        if not pub.keyring_available():
            plain.set_plain(self.keyring_note, NO_KEYRING)
        else:
            self.keyring_note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sites)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.keyring_note)
        layout.addWidget(buttons)
        self.resize(520, 440)
        self.refresh()

    def refresh(self) -> None:
        with self.store.read() as session:
            found = pub.list_sites(session)
        self.sites.clear()
        for site in found:  # a list item shows plain text
            item = QListWidgetItem(plain.one_line(f"{site.name} — {site.url} ({site.user})"))
            item.setData(Qt.ItemDataRole.UserRole, site.name)
            self.sites.addItem(item)

    def add_site(self) -> None:
        name, url, user = self.name.text(), self.url.text(), self.user.text()
        password = self.password.text().strip()
        self.add_button.setEnabled(False)
        plain.set_plain(self.message, self.tr("Checking {0}…").format(url))

        def done(result: tuple[pub.SiteRecord, str, bool]) -> None:
            site, who, kept = result
            if not kept:
                SESSION_PASSWORDS[(site.url, site.user)] = password
            self.add_button.setEnabled(True)
            self.password.clear()
            plain.set_plain(
                self.message, self.tr("Added {0}: signed in as {1}.").format(site.name, who)
            )
            self.refresh()

        def failed(exc: Exception) -> None:
            self.add_button.setEnabled(True)
            plain.set_plain(self.message, describe_error(exc, "adding the site"))

        run_in_background(
            pub.add_site,
            self.store,
            name,
            url,
            user,
            password,
            on_done=done,
            on_error=failed,
            owner=self,
        )

    def remove_site(self) -> None:
        item = self.sites.currentItem()
        if item is None:
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        try:
            site = pub.remove_site(self.store, name)
        except Exception as exc:  # the store's own error, told as one sentence
            plain.set_plain(self.message, describe_error(exc, "removing the site"))
            return
        forget_session_password(site)
        plain.set_plain(self.message, self.tr("Removed {0}.").format(site.name))
        self.refresh()
