"""What an editor does to the stories selected in the list: open, set a status, duplicate,
spike, delete to the trash (and restore or empty it), export, history, copy the slug. The same
actions fill the list's right-click menu and the window's Story menu."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from editordesk.gui import plain
from editordesk.gui.story_list.model import status_word
from editordesk.gui.workers import describe_error, run_in_background
from editordesk.model import StoryStatus

if TYPE_CHECKING:
    from editordesk.store.db import Store

_Button = QMessageBox.StandardButton
# Ctrl+Alt and a digit: the desk's statuses in the order a story goes through them.
STATUS_KEYS = {
    StoryStatus.DRAFT: "Ctrl+Alt+1",
    StoryStatus.EDITING: "Ctrl+Alt+2",
    StoryStatus.READY: "Ctrl+Alt+3",
    StoryStatus.PUBLISHED: "Ctrl+Alt+4",
}


def _set_status(store: Store, ids: list[int], status: StoryStatus, author: str) -> int:
    from editordesk.services.stories import set_status

    with store.write() as session:
        return len(set_status(session, ids, status, author=author))


def _duplicate(store: Store, ids: list[int], author: str) -> int:
    from editordesk.services.stories import duplicate_story

    with store.write() as session:
        return duplicate_story(session, ids[0], author=author).id


def _trash(store: Store, ids: list[int]) -> int:
    from editordesk.services.stories import trash_stories

    with store.write() as session:
        return trash_stories(session, ids)


def _restore(store: Store, ids: list[int]) -> int:
    from editordesk.services.stories import restore_stories

    with store.write() as session:
        return restore_stories(session, ids)


def _empty(store: Store) -> int:
    from editordesk.services.stories import empty_trash

    with store.write() as session:
        return empty_trash(session)


def _slugs(store: Store, ids: list[int]) -> list[str]:
    from editordesk.services.stories import get_story

    with store.read() as session:
        return [get_story(session, story_id).slug for story_id in ids]


class StoryListCommands(QObject):
    """The actions, enabled for what is selected; store work runs on a worker."""

    open_requested = Signal(int)
    export_requested = Signal(list)  # story ids
    history_requested = Signal(int)
    changed = Signal()  # stories were changed: the list reads again
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        keys_on: QWidget,
        store: Callable[[], Store | None],
        selected: Callable[[], list[int]],
        in_trash: Callable[[], bool],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._keys_on = keys_on  # the keys work while this (the table) has the focus
        self._store = store
        self._selected = selected
        self._in_trash = in_trash
        self.author: Callable[[], str] = lambda: ""
        self.last_copied = ""
        self.actions: dict[str, QAction] = {}
        add = self._add
        tr = self.tr
        add("open_selected", tr("&Open"), self._open, tr("Open the selected stories (Enter)"))
        marks = {
            StoryStatus.DRAFT: (
                tr("Mark as draft"),
                tr("Set the selected stories' status to draft"),
            ),
            StoryStatus.EDITING: (
                tr("Mark as editing"),
                tr("Set the selected stories' status to editing"),
            ),
            StoryStatus.READY: (
                tr("Mark as ready"),
                tr("Set the selected stories' status to ready"),
            ),
            StoryStatus.PUBLISHED: (
                tr("Mark as published"),
                tr("Set the selected stories' status to published"),
            ),
        }
        for status, key in STATUS_KEYS.items():
            text, tip = marks[status]
            add(f"status_{status.value}", text, lambda s=status: self._status(s), tip, key)
        add("duplicate", tr("D&uplicate"), self._duplicate, tr("A new draft copied from the story"))
        # Mnemonics unique in the right-click menu and in the Story menu (with History…,
        # Preview, Preview in dark colours and List columns).
        add(
            "spike",
            tr("Sp&ike"),
            lambda: self._status(StoryStatus.SPIKED),
            tr("Spike: hide it"),
            "",
        )
        add(
            "unspike",
            tr("U&nspike"),
            lambda: self._status(StoryStatus.DRAFT),
            tr("Bring a spiked story back as a draft"),
        )
        add(
            "trash",
            tr("Dele&te…"),
            self._trash,
            tr("Move the selected stories to the trash"),
            "Del",
        )
        add(
            "restore",
            tr("&Restore from the trash"),
            self._restore,
            tr("Put them back on the desk"),
        )
        add("empty_trash", tr("&Empty the trash…"), self._empty, tr("Delete the trash for good"))
        add("export_selected", tr("E&xport…"), self._export, tr("Export the selected stories"))
        add(
            "history_selected",
            tr("History of the selected stor&y…"),
            self._history,
            tr("Revisions of the story selected in the list"),
        )
        add("copy_slug", tr("Copy the s&lug"), self._copy_slug, tr("Copy the story's slug"), "")
        self.update()

    def _add(self, name: str, text: str, slot: Callable[[], Any], tip: str, key: str = "") -> None:
        action = QAction(text, self._keys_on)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            tip = f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._keys_on.addAction(action)
        self.actions[name] = action

    # ------------------------------------------------------------ menus

    def update(self) -> None:
        """Enable what makes sense for the selection (and whether the trash is shown)."""
        ids, trash = self._selected(), self._in_trash()
        has_store = self._store() is not None
        some, one = bool(ids) and has_store, len(ids) == 1 and has_store
        for name, action in self.actions.items():
            if name in ("restore",):
                action.setEnabled(some and trash)
            elif name == "empty_trash":
                action.setEnabled(has_store and trash)
            elif name in ("duplicate", "history_selected", "copy_slug"):
                action.setEnabled(one and not trash)
            else:
                action.setEnabled(some and not trash)

    def fill_menu(self, menu: QMenu) -> None:
        """The right-click menu, and the Story menu's part for the list."""
        self.update()
        a = self.actions
        trash = self._in_trash()
        if trash:
            menu.addAction(a["restore"])
            menu.addAction(a["empty_trash"])
            return
        menu.addAction(a["open_selected"])
        status = menu.addMenu(self.tr("Set &status"))
        for name in STATUS_KEYS:
            status.addAction(a[f"status_{name.value}"])
        status.setEnabled(bool(self._selected()))
        for name in ("spike", "unspike", "duplicate"):
            menu.addAction(a[name])
        menu.addSeparator()
        for name in ("export_selected", "history_selected", "copy_slug"):
            menu.addAction(a[name])
        menu.addSeparator()
        menu.addAction(a["trash"])

    # ------------------------------------------------------------ the commands

    def _run(self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None]) -> None:
        def failed(exc: Exception) -> None:
            if shiboken6.isValid(self._parent):
                plain.warning(
                    self._parent, self.tr("The stories were not changed"), describe_error(exc)
                )

        run_in_background(fn, *args, on_done=done, on_error=failed, owner=self._parent)

    def _ids(self) -> tuple[Store, list[int]] | None:
        store, ids = self._store(), self._selected()
        if store is None or not ids:
            return None
        return store, ids

    def _open(self) -> None:
        for story_id in self._selected():
            self.open_requested.emit(story_id)

    def _status(self, status: StoryStatus) -> None:
        chosen = self._ids()
        if chosen is None:
            return
        store, ids = chosen

        def done(n: int) -> None:
            word = status_word(status)
            self.message.emit(
                self.tr("1 story marked: {0}").format(word)
                if n == 1
                else self.tr("%Ln stories marked: {0}", "", n).format(word)
            )
            self.changed.emit()

        self._run(_set_status, store, ids, status, self.author(), done=done)

    def _duplicate(self) -> None:
        chosen = self._ids()
        if chosen is None:
            return

        def done(new_id: int) -> None:
            self.changed.emit()
            self.message.emit(self.tr("Copied as a new draft"))
            self.open_requested.emit(new_id)

        self._run(_duplicate, chosen[0], chosen[1], self.author(), done=done)

    def _trash(self) -> None:
        self._ask_then_run(
            self.tr("Delete stories"),
            lambda n: (
                self.tr(
                    "Move 1 story to the trash? You can restore it from the trash "
                    "(Status filter ▸ Trash) until it is emptied."
                )
                if n == 1
                else self.tr(
                    "Move %Ln stories to the trash? You can restore them from the trash "
                    "(Status filter ▸ Trash) until it is emptied.",
                    "",
                    n,
                )
            ),
            _trash,
            lambda n: (
                self.tr("1 story moved to the trash")
                if n == 1
                else self.tr("%Ln stories moved to the trash", "", n)
            ),
        )

    def _restore(self) -> None:
        self._ask_then_run(
            self.tr("Restore stories"),
            lambda n: (
                self.tr("Put 1 story back on the desk?")
                if n == 1
                else self.tr("Put %Ln stories back on the desk?", "", n)
            ),
            _restore,
            lambda n: (
                self.tr("1 story restored from the trash")
                if n == 1
                else self.tr("%Ln stories restored from the trash", "", n)
            ),
        )

    def _ask_then_run(
        self,
        title: str,
        question: Callable[[int], str],
        action: Callable[..., int],
        said: Callable[[int], str],
    ) -> None:
        """Ask about the selected stories; on Yes run `action` on them in the background
        and say what it did."""
        chosen = self._ids()
        if chosen is None:
            return
        store, ids = chosen
        answer = plain.question(
            self._parent, title, question(len(ids)), _Button.Yes | _Button.Cancel, _Button.Yes
        )
        if answer != _Button.Yes:
            return

        def done(n: int) -> None:
            self.message.emit(said(n))
            self.changed.emit()

        self._run(action, store, ids, done=done)

    def _empty(self) -> None:
        store = self._store()
        if store is None:
            return
        answer = plain.question(
            self._parent,
            self.tr("Empty the trash"),
            self.tr(
                "Delete every story in the trash for good, with its revisions? This cannot be "
                "undone."
            ),
            _Button.Yes | _Button.Cancel,
            _Button.Cancel,
        )
        if answer != _Button.Yes:
            return

        def done(n: int) -> None:
            self.message.emit(
                self.tr("1 story deleted for good")
                if n == 1
                else self.tr("%Ln stories deleted for good", "", n)
            )
            self.changed.emit()

        self._run(_empty, store, done=done)

    def _export(self) -> None:
        ids = self._selected()
        if ids:
            self.export_requested.emit(ids)

    def _history(self) -> None:
        ids = self._selected()
        if len(ids) == 1:
            self.history_requested.emit(ids[0])

    def _copy_slug(self) -> None:
        chosen = self._ids()
        if chosen is None:
            return

        def done(slugs: Sequence[str]) -> None:
            self.last_copied = "\n".join(slugs)
            QGuiApplication.clipboard().setText(self.last_copied)
            self.message.emit(self.tr("Copied {0}").format(self.last_copied))

        self._run(_slugs, chosen[0], chosen[1], done=done)
