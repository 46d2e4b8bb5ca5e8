"""The window's side of a shared desk: edit locks for the open tabs, other editors' changes
shown as they happen, and the store's reachability in the status bar.

The watcher (services/live.py) runs on its own thread and knows nothing of Qt; its callbacks
emit signals here, which Qt delivers on the UI thread. Reads that follow a change run on the
thread pool. Nothing here decides what a save does: saving stays the window's, and the
version check stays the safety net under the locks.

LiveDesk knows the open tabs (a callable gives them) and the editor's name, not the window:
what the window should show it says through signals (a status line, a warning, the list or
the library to read again, others' locks), so the window can be read and changed apart."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox

from editordesk.errors import EditorDeskError
from editordesk.gui import plain
from editordesk.gui.plain import plain_label, tooltip
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.model import StoryDraft
    from editordesk.services.live import Change, DeskState, StoreWatcher
    from editordesk.services.locks import LockInfo
    from editordesk.store.db import Store

REFRESH_DELAY_MS = 150  # changes arriving together make one refresh


class LiveDesk(QObject):
    """Locks, live refresh and connection state for one window's tabs."""

    changes_arrived = Signal(object)  # list[Change], from the watcher's thread
    connection_changed = Signal(bool, str)  # reachable, why not
    refreshed = Signal()  # the list and the open tabs show the latest (tests wait on it)
    # What the window shows:
    message = Signal(str, int)  # a status-bar line, and for how many ms (0: until replaced)
    problem = Signal(str, str)  # a warning to show: its title and its sentence
    stories_changed = Signal()  # stories changed elsewhere: the list reads again
    images_changed = Signal()  # pictures changed elsewhere: an open library reads again
    locks_changed = Signal(object)  # {story id: "Ann since 10:14"}, other windows' locks
    reloaded = Signal(object)  # a StoryEditor now shows the stored story

    def __init__(
        self,
        editors: Callable[[], list[StoryEditor]],
        author: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._all_editors = editors
        self._author = author
        self.window_id = os.urandom(16).hex()  # names this window's locks
        self.store: Store | None = None
        self.watcher: StoreWatcher | None = None
        self.reachable = True
        self.locks: dict[int, LockInfo] = {}  # live locks of other windows, by story
        self._pending: list[Change] = []
        # The tabs set this: open unsaved text in a tab of its own (a copy kept rather than
        # dropped), with a title saying what it is.
        self.keep_copy: Callable[[StoryDraft, str], None] | None = None
        # the window places it in its status bar
        self.connection_label = plain_label(QLabel())
        self.connection_label.setAccessibleName(self.tr("Connection to the store"))
        self.connection_label.setWordWrap(True)  # the whole sentence, never "Not saved — th"
        self.connection_label.hide()
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        self._heartbeat = QTimer(self)  # its interval is set on attaching: the services
        # (and the database layer with them) are not imported before the window shows
        self._heartbeat.timeout.connect(self.heartbeat)
        self.changes_arrived.connect(self._on_changes)
        self.connection_changed.connect(self._on_connection)

    # ------------------------------------------------------------ life

    def attach(self, store: Store, *, poll_seconds: float = 1.0) -> None:
        """Follow the store: start the watcher and the lock heartbeat."""
        from editordesk.services.live import StoreWatcher
        from editordesk.services.locks import HEARTBEAT_SECONDS

        if self.watcher is not None:  # another store (or the same one again)
            self.watcher.stop()
        self.store = store
        self._reclaim_gone()

        def changes(batch: list[Change]) -> None:
            if shiboken6.isValid(self):
                self.changes_arrived.emit(batch)

        def connection(reachable: bool, message: str) -> None:
            if shiboken6.isValid(self):
                self.connection_changed.emit(reachable, message)

        self.watcher = StoreWatcher(store, changes, connection, poll_seconds=poll_seconds)
        self.watcher.start()
        self._heartbeat.start(HEARTBEAT_SECONDS * 1000)
        self._refresh_timer.start()  # the locks held now

    def _reclaim_gone(self) -> None:
        """This computer's crashed windows' locks go at once (their processes are gone)."""
        if self.store is None:
            return
        from editordesk.services.locks import reclaim_gone

        try:
            with self.store.write() as session:
                reclaim_gone(session)
        except EditorDeskError:
            pass  # unreachable: they expire by themselves

    def shut_down(self) -> None:
        """The window closes: stop following, give back every lock this window holds."""
        self._heartbeat.stop()
        self._refresh_timer.stop()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.store is not None:
            from editordesk.services.locks import release_all

            try:
                with self.store.write() as session:
                    release_all(session, self.window_id)
            except EditorDeskError:
                pass  # unreachable: the locks expire by themselves

    # ------------------------------------------------------------ tabs

    def editor_added(self, editor: StoryEditor) -> None:
        """A tab opened: lock its story, or show it read-only with who is editing it."""
        if self.store is None or editor.story_id is None:
            return
        from editordesk.services.locks import LockedError, take_lock

        try:
            with self.store.write() as session:
                take_lock(session, editor.story_id, holder=self._author(), window=self.window_id)
        except LockedError as exc:
            self._show_locked(editor, exc.lock)
        except EditorDeskError as exc:  # unreachable: edit on, the version check guards
            self.message.emit(f"The story could not be locked: {exc}", 8000)
        else:
            editor.holds_lock = True
            editor.locked_by = ""

    def editor_saved(self, editor: StoryEditor) -> None:
        """A new story was saved for the first time: it is now this window's to lock."""
        if not editor.holds_lock and not editor.read_only:
            self.editor_added(editor)

    def editor_closed(self, editor: StoryEditor) -> None:
        if self.store is None or editor.story_id is None or not editor.holds_lock:
            return
        from editordesk.services.locks import release_lock

        story_id, store, window_id = editor.story_id, self.store, self.window_id
        editor.holds_lock = False
        for other in self._editors():  # another tab here on the same story keeps it
            if other is not editor and other.story_id == story_id and other.holds_lock:
                return

        def release() -> None:
            with store.write() as session:
                release_lock(session, story_id, window_id)

        run_in_background(release, on_error=lambda _exc: None)

    def ask_take_over(self, editor: StoryEditor) -> None:
        """ "Take over…": ask first, saying what it does to the other editor."""
        who = editor.locked_by or "another editor"
        answer = plain.question(
            editor,
            self.tr("Take over the story?"),
            self.tr(
                "{0} is editing “{1}”. If you take it over, {2}'s window becomes read-only and is "
                "told so; any text {3} has not saved stays in their window. Take it over?"
            ).format(who, editor.headline.text() or "this story", who, who),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.take_over(editor)

    def take_over(self, editor: StoryEditor) -> None:
        """The editor chose (and confirmed) to edit a story someone else holds."""
        if self.store is None or editor.story_id is None:
            return
        from editordesk.services.locks import LockedError, take_over

        try:
            with self.store.write() as session:
                before = take_over(
                    session, editor.story_id, holder=self._author(), window=self.window_id
                )
        except LockedError as exc:
            self._show_locked(editor, exc.lock)
            return
        except EditorDeskError as exc:
            self.problem.emit("The story was not taken over", str(exc))
            return
        editor.holds_lock = True
        editor.locked_by = ""
        editor.setProperty("takenOver", None)
        editor.set_read_only(False)
        editor.notice.clear()
        if before is not None:
            self.message.emit(
                f"You took over “{editor.headline.text()}” from {before.holder}", 6000
            )
        self._reload_if_behind(editor)

    def _show_locked(self, editor: StoryEditor, lock: LockInfo) -> None:
        editor.holds_lock = False
        editor.locked_by = lock.holder or "someone"
        if not editor.read_only:
            editor.set_read_only(True)
        if editor.property("takenOver"):
            return  # the takeover notice stays until its editor has read it
        kept = " Your unsaved text stays here." if editor.dirty else ""
        # "Take over…" sits in the second place, "Edit it" in the first: one never turns
        # into the other under the cursor, and taking over asks first anyway.
        editor.notice.show_text(
            f"Being edited by {lock.describe()} — open here read-only.{kept}",
            None,
            ("&Take over…", lambda e=editor: self.ask_take_over(e)),
        )

    def _taken_over(self, editor: StoryEditor, lock: LockInfo) -> None:
        """Someone took over a story this tab was editing: say so until it is read."""
        editor.setProperty("takenOver", None)
        self._show_locked(editor, lock)
        editor.setProperty("takenOver", True)
        editor.changed.emit()  # the tab's title marks it until read
        when = dt.datetime.now().strftime("%H:%M")
        who = lock.holder or "Another editor"
        if editor.dirty:
            text = (
                f"{who} took over this story at {when}. Your changes were NOT saved to it: "
                "they are still here, kept safe on this computer and in the store. Keep "
                "them as a new story, or copy what you need, then take the story back if "
                "you must."
            )
            first: tuple[str, Callable[[], None]] | None = (
                "&Keep mine as a new story",
                lambda e=editor: self._keep_as_copy(e),
            )
        else:
            text = f"{who} took over this story at {when}. You had no unsaved changes."
            first = None
        editor.notice.show_text(
            text, first, ("&OK, I have read this", lambda e=editor: self._read(e))
        )
        self.message.emit(f"{who} took over “{editor.headline.text()}”", 0)

    def lost_lock(self, editor: StoryEditor, lock: LockInfo) -> None:
        """A save was refused because someone else holds the lock now."""
        self._taken_over(editor, lock)

    def _read(self, editor: StoryEditor) -> None:
        editor.setProperty("takenOver", None)
        editor.changed.emit()
        lock = self.locks.get(editor.story_id or -1)
        if lock is not None:
            self._show_locked(editor, lock)
        else:
            editor.notice.clear()
            self._refresh_timer.start()

    def _keep_as_copy(self, editor: StoryEditor) -> None:
        if self.keep_copy is not None:
            self.keep_copy(editor.draft(), "Kept: ")
        editor.setProperty("takenOver", None)
        self._read(editor)

    # ------------------------------------------------------------ heartbeat

    def heartbeat(self) -> None:
        """Keep this window's locks alive; a tab whose lock was taken goes read-only."""
        if self.store is None:
            return
        from editordesk.services.locks import refresh_locks

        self._refresh_timer.start()  # others' locks that ran out meanwhile leave the view
        held = {e.story_id: e for e in self._editors() if e.holds_lock and e.story_id}
        if not held:
            return
        store, window_id = self.store, self.window_id

        def beat() -> set[int]:
            with store.write() as session:
                return refresh_locks(session, window_id, held)

        def done(lost: set[int]) -> None:
            if lost:
                self._refresh_timer.start()  # read who holds them now, then show it

        run_in_background(beat, on_done=done, on_error=lambda _exc: None, owner=self)

    # ------------------------------------------------------------ changes

    def _editors(self) -> list[StoryEditor]:
        return [e for e in self._all_editors() if shiboken6.isValid(e)]

    def _on_changes(self, changes: list[Change]) -> None:
        self._pending.extend(changes)
        self._refresh_timer.start()

    def _refresh(self) -> None:
        """After changes: the list again, who holds which lock, and what open tabs missed."""
        if self.store is None:
            return
        changes, self._pending = self._pending, []
        if any(c.kind in ("story", "all") for c in changes):
            self.stories_changed.emit()
        if any(c.kind in ("image", "all") for c in changes):
            for editor in self._editors():  # a credit or caption corrected elsewhere
                editor.schedule_preview()
            self.images_changed.emit()  # new pictures, new credits
        if any(c.kind in ("word", "all") for c in changes):
            for editor in self._editors():  # a word added to the desk's dictionary elsewhere
                editor.checking.refresh(words_only=True)
        open_ids = {e.story_id for e in self._editors() if e.story_id is not None}
        store = self.store

        def read() -> DeskState:
            from editordesk.services.live import desk_state

            with store.read() as session:
                return desk_state(session, open_ids)

        run_in_background(read, on_done=self._show, on_error=lambda _exc: None, owner=self)

    def _show(self, state: DeskState) -> None:
        locks, latest = state.locks, state.latest
        others = state.others_locks(self.window_id)
        self.locks = others
        self.locks_changed.emit({i: lock.describe() for i, lock in others.items()})
        for editor in self._editors():
            if editor.story_id is None:
                continue
            lock = others.get(editor.story_id)
            mine = locks.get(editor.story_id)
            if editor.holds_lock and lock is not None:
                # taken over: keep the text, stop typing into a story someone else edits
                self._taken_over(editor, lock)
            elif (
                editor.read_only
                and lock is None
                and mine is None
                and not editor.property("takenOver")
            ):
                editor.locked_by = ""
                editor.notice.show_text(
                    "Nobody is editing this story now.",
                    ("&Edit it", lambda e=editor: self._edit_now(e)),
                    None,
                )
            elif editor.read_only and lock is not None:
                self._show_locked(editor, lock)
            if editor.story_id not in latest:
                continue  # opened while the state was read
            saved = latest[editor.story_id]
            if saved is None:
                editor.notice.show_text(
                    "This story was deleted from the store. Its text stays in this tab "
                    "until you close it."
                )
                continue
            behind = editor.base_version is not None and saved.version > editor.base_version
            if behind and editor.property("notifiedVersion") != saved.version:
                editor.setProperty("notifiedVersion", saved.version)
                self._changed_elsewhere(editor, saved.author)
        self.refreshed.emit()

    def _edit_now(self, editor: StoryEditor) -> None:
        """ "Edit it": take the free lock. If someone took it meanwhile, the tab stays
        read-only and says who; it never takes over without asking."""
        self.editor_added(editor)
        if editor.holds_lock:
            editor.notice.clear()
            editor.set_read_only(False)
            self._reload_if_behind(editor)

    def _changed_elsewhere(self, editor: StoryEditor, author: str) -> None:
        if editor.property("takenOver"):
            return  # the takeover notice stays until read; saving shows both versions
        if not editor.dirty:
            if editor.read_only:  # nothing of ours to lose: follow along
                self._reload(editor)
                lock = self.locks.get(editor.story_id or -1)
                if lock is not None:
                    self._show_locked(editor, lock)
                else:
                    editor.notice.show_text(f"Updated: saved by {author}.")
                return
            editor.notice.show_text(
                f"Changed by {author} — reload?",
                ("&Reload", lambda e=editor: self._reload(e)),
                ("&Not now", editor.notice.clear),
            )
            return
        editor.notice.show_text(
            f"Changed by {author} since you opened it. Your unsaved text stays here; saving "
            "will show both versions so nothing is lost.",
            ("&Reload theirs…", lambda e=editor: self._reload_asking(e)),
            ("&Keep mine", editor.notice.clear),  # answered: the banner goes
        )

    def _reload_asking(self, editor: StoryEditor) -> None:
        """Reloading over unsaved text asks, and keeps that text in a tab of its own."""
        if editor.dirty:
            answer = plain.question(
                editor,
                self.tr("Replace your unsaved changes?"),
                self.tr(
                    "Show the stored story in this tab? Your unsaved changes will not be lost: "
                    "they move to a new tab of their own (“Kept: …”), unsaved, to copy from or "
                    "save as a new story."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            if self.keep_copy is not None:
                self.keep_copy(editor.draft(), "Kept: ")
        self._reload(editor)

    def _reload_if_behind(self, editor: StoryEditor) -> None:
        if self.store is None or editor.story_id is None or editor.dirty:
            return
        from editordesk.services.stories import get_story

        try:
            with self.store.read() as session:
                record = get_story(session, editor.story_id)
        except EditorDeskError:
            return
        if editor.base_version is None or record.version > editor.base_version:
            editor.load(record)

    def _reload(self, editor: StoryEditor) -> None:
        """Show the stored story in the tab (their text replaces any unsaved text: the
        editor chose it, and the autosave of that text is dropped with it)."""
        if self.store is None or editor.story_id is None:
            return
        from editordesk.services.autosave import discard_autosave
        from editordesk.services.stories import get_story

        try:
            with self.store.write() as session:
                record = get_story(session, editor.story_id)
                if editor.dirty:
                    discard_autosave(session, editor.key)
        except EditorDeskError as exc:
            self.problem.emit("The story could not be reloaded", str(exc))
            return
        editor.notice.clear()
        editor.load(record)
        editor.autosaved_text = None
        self.reloaded.emit(editor)

    # ------------------------------------------------------------ connection

    def _on_connection(self, reachable: bool, message: str) -> None:
        was = self.reachable
        self.reachable = reachable
        if not reachable:
            self.connection_label.setText(self.tr("⚠ Store unreachable — edits kept here"))
            self.connection_label.setToolTip(
                tooltip(
                    f"The store cannot be reached ({message}). Your edits stay in their tabs "
                    "and are kept on this computer; saving resumes when the store is back."
                )
            )
            self.connection_label.show()
            self.message.emit(f"Lost the connection to the store: {message}", 0)
            return
        self.connection_label.hide()
        self.connection_label.setToolTip("")
        if not was:
            self.message.emit("The store is reachable again", 6000)
            self.renew_now()
            for editor in self._editors():
                editor.autosaved_text = None  # the next autosave goes to the store again
                if editor.property("notSaved"):
                    editor.setProperty("notSaved", None)
                    editor.notice.clear()
                editor.schedule_preview()  # a preview showing the outage's error redraws
                if editor.story_id is not None and not editor.holds_lock and not editor.read_only:
                    self.editor_added(editor)
            self.stories_changed.emit()
            self._refresh_timer.start()

    def renew_now(self) -> None:
        """Renew every lock this window holds at once (the store is back after an outage
        that may have outlasted them), taking back any nobody else took meanwhile."""
        if self.store is None:
            return
        from editordesk.services.locks import renew_locks

        held = [e.story_id for e in self._editors() if e.holds_lock and e.story_id]
        if not held:
            return
        try:
            with self.store.write() as session:
                renew_locks(session, self.window_id, held, holder=self._author())
        except EditorDeskError:
            return  # still unreachable: the next heartbeat tries again
        self._refresh_timer.start()  # shows any taken by someone else meanwhile

    def save_failed(self, exc: Exception, editor: StoryEditor | None = None) -> None:
        """A save that could not reach the store: say so calmly, in words that wrap in the
        tab until the store is back, and keep everything."""
        self.message.emit("Not saved: the store cannot be reached", 15000)
        if editor is not None and shiboken6.isValid(editor):
            editor.setProperty("notSaved", True)
            editor.notice.show_text(
                f"Not saved — the store cannot be reached ({exc}). Your text stays in this "
                "tab and on this computer; save again when the store is back."
            )
