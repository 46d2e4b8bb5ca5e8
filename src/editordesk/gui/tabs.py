"""The open stories, one tab each: opening, saving, closing and conflicts, so nothing typed
is ever lost.

Saving is a service call (services/saving.py) run on the thread pool like every other store
action: the tab keeps taking keys while the revision is written. Text typed during a save
stays marked unsaved; a second save asked for meanwhile runs when the first is done. Where
the answer is needed before going on (closing an unsaved tab, quitting), the save is waited
for with the event loop turning, as a dialog would.

The story editor and the services load the document and database layers, and the conflict
dialog the diff, so they are imported when first needed, never while the window is first
shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QEventLoop, Signal
from PySide6.QtWidgets import QMessageBox, QTabBar, QTabWidget, QWidget

from editordesk import settings as prefs
from editordesk.errors import EditorDeskError, NotFoundError
from editordesk.gui import plain
from editordesk.gui.live_desk import LiveDesk
from editordesk.gui.plain import message_box, tooltip
from editordesk.gui.workers import describe_error, run_in_background

if TYPE_CHECKING:
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.model import StoryDraft, StoryRecord
    from editordesk.services.saving import SaveOutcome
    from editordesk.store.db import Store

UNTITLED = "Untitled story"
Then = Callable[[bool], None]  # told whether the tab's text is now safe in the store


def _editor_class() -> type[StoryEditor]:
    from editordesk.gui.editor.story_editor import StoryEditor

    return StoryEditor


class StoryTabs(QTabWidget):
    """The tabs of open stories over one store, for one editor."""

    message = Signal(str, int)  # a status-bar line, and for how many ms
    problem = Signal(str, str)  # a warning to show: title, sentence
    stories_saved = Signal()  # the list should read again
    editor_added = Signal(object)  # a StoryEditor joined the tabs (the window wires it up)
    editor_changed = Signal(object)  # a StoryEditor's headline or unsaved state changed
    kept_safe = Signal(str)  # where the autosave just kept the current text

    def __init__(self, settings: prefs.Settings, live: LiveDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: Store | None = None
        self.settings = settings
        self.author = settings.author()
        self.live = live
        self.preview_shown = True
        self._saving: dict[StoryEditor, list[Then]] = {}  # in flight, and who waits on it
        self._again: dict[StoryEditor, list[Then]] = {}  # asked for while one was in flight
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.setAccessibleName(self.tr("Open stories"))
        self.tabBar().setAccessibleName(self.tr("Story tabs"))
        self.tabBar().setAccessibleDescription(
            self.tr("Ctrl+PgDown and Ctrl+PgUp move between them")
        )
        self.tabCloseRequested.connect(self.close_tab)
        live.keep_copy = self.keep_copy

    # ------------------------------------------------------------------ the tabs

    def editors(self) -> list[StoryEditor]:
        return [self.widget(i) for i in range(self.count())]  # type: ignore[misc]

    def current_editor(self) -> StoryEditor | None:
        return self.currentWidget()  # type: ignore[return-value]  # every tab is a StoryEditor

    def find_tab(self, story_id: int) -> StoryEditor | None:
        return next((e for e in self.editors() if e.story_id == story_id), None)

    def tab_title(self, editor: StoryEditor) -> str:
        headline = editor.headline.text().strip() or UNTITLED
        short = headline if len(headline) <= 32 else headline[:30] + "…"
        mark = "⚠ " if editor.property("takenOver") else ""
        return (
            mark + ("● " if editor.dirty else "") + (editor.property("titlePrefix") or "") + short
        )

    def refresh_tab(self, editor: StoryEditor) -> None:
        index = self.indexOf(editor)
        if index < 0:
            return
        self.setTabText(index, self.tab_title(editor))
        self.setTabToolTip(
            index,
            tooltip(
                (editor.headline.text() or UNTITLED)
                + (" — unsaved changes" if editor.dirty else "")
            ),
        )
        self._name_close_button(index, editor)
        self.editor_changed.emit(editor)

    def _name_close_button(self, index: int, editor: StoryEditor) -> None:
        """The tab's close button says which story it closes (a screen reader announced an
        empty name); its tooltip shows the headline as written."""
        headline = plain.one_line(editor.headline.text().strip() or UNTITLED, 200)
        bar = self.tabBar()
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            button = bar.tabButton(index, side)
            if button is not None:
                button.setAccessibleName(self.tr("Close {0}").format(headline))
                button.setToolTip(tooltip(f"Close “{headline}”"))

    def add_editor(self, editor: StoryEditor) -> StoryEditor:
        editor.changed.connect(lambda e=editor: self.refresh_tab(e))
        editor.headline_changed.connect(lambda _h, e=editor: self.refresh_tab(e))
        editor.side.setVisible(self.preview_shown)
        self.editor_added.emit(editor)
        self.setCurrentIndex(self.addTab(editor, ""))
        self.live.editor_added(editor)
        self.refresh_tab(editor)
        return editor

    def _editor(
        self,
        record: StoryRecord | None = None,
        draft: StoryDraft | None = None,
        key: str | None = None,
    ) -> StoryEditor:
        assert self.store is not None
        return _editor_class()(
            self.store,
            record,
            draft=draft,
            key=key,
            template_dir=self.settings.template_dir or None,
            source=self.settings.edits_source(),  # the body opens as the editor prefers
            parent=self,
        )

    def keep_copy(self, draft: StoryDraft, prefix: str) -> StoryEditor:
        """Unsaved text that must not be dropped, in a new tab of its own: an unsaved new
        story (kept by the autosave) to copy from or save as a story."""
        from dataclasses import replace

        editor = self._editor(draft=replace(draft, slug=None, related=draft.related))
        editor.setProperty("titlePrefix", prefix)
        editor.dirty = True
        current = self.currentWidget()
        self.add_editor(editor)
        if current is not None:
            self.setCurrentWidget(current)
        return editor

    # ------------------------------------------------------------------ opening

    def new_story(self) -> StoryEditor:
        """A new draft, not in the store until saved, with the cursor in its headline."""
        from editordesk.model import StoryDraft

        editor = self.add_editor(self._editor(draft=StoryDraft(byline=self.settings.editor_name)))
        self._load_sections(editor)
        editor.focus_headline()
        return editor

    def open_story(
        self,
        story_id: int,
        draft: StoryDraft | None = None,
        key: str | None = None,
        *,
        quiet: bool = False,
    ) -> StoryEditor | None:
        """Open (or switch to) a story's tab; `quiet` reports a missing story in the status
        bar instead of a dialog (reopening last session's tabs)."""
        existing = self.find_tab(story_id)
        if existing is not None and draft is None:
            self.setCurrentWidget(existing)
            return existing
        from editordesk.services.stories import get_story

        assert self.store is not None
        try:
            with self.store.read() as session:
                record = get_story(session, story_id)
        except NotFoundError as exc:
            if quiet:
                self.message.emit(f"Not reopened: {exc}", 8000)
            else:
                self.problem.emit("Cannot open the story", str(exc))
            return None
        editor = self.add_editor(self._editor(record, draft, key))
        self._load_sections(editor)
        return editor

    def _load_sections(self, editor: StoryEditor) -> None:
        from editordesk.services.stories import list_sections

        store = self.store
        assert store is not None

        def fetch() -> list[str]:
            with store.read() as session:
                return list_sections(session)

        run_in_background(fetch, on_done=editor.set_sections, owner=editor)

    def reopen(self, ids: list[int], current: int, editor_state: QByteArray | None) -> None:
        """Last session's tabs, in their order, the one that was in front in front again."""
        for story_id in ids:
            editor = self.open_story(story_id, quiet=True)
            if editor is not None and editor_state is not None:
                editor.splitter.restoreState(editor_state)
        if current > 0 and (editor := self.find_tab(current)) is not None:
            self.setCurrentWidget(editor)

    # ------------------------------------------------------------------ saving

    def is_saving(self, editor: StoryEditor | None = None) -> bool:
        return bool(self._saving) if editor is None else editor in self._saving

    def save_editor(
        self, editor: StoryEditor, *, base_version: int | None = None, then: Then | None = None
    ) -> None:
        """Save one tab as a new revision in the background; `then(safe)` hears the end. A
        refused save goes to the conflict dialog; an unreachable store keeps the text."""
        waiting = [then] if then is not None else []
        if editor.read_only:  # someone else holds the story: Save is refused, saying why
            self.message.emit(
                f"Not saved: {editor.locked_by or 'someone else'} is editing this story "
                "(read-only here). Use “Edit it” or “Take over” first.",
                8000,
            )
            for then_ in waiting:
                then_(False)
            return
        if editor.story_id is not None and not editor.dirty and editor not in self._saving:
            # nothing changed: no new revision, and the editor is told so
            self.message.emit(
                f"Nothing to save: “{editor.headline.text() or UNTITLED}” has no changes", 4000
            )
            for then_ in waiting:
                then_(True)
            return
        if editor in self._saving:  # one at a time per tab: this one runs next
            self._again.setdefault(editor, []).extend(waiting)
            return
        assert self.store is not None
        self._saving[editor] = waiting
        draft = editor.draft()
        store, author, key = self.store, self.author, editor.key
        story_id = editor.story_id
        base = base_version if base_version is not None else editor.base_version
        window = self.live.window_id

        def save() -> SaveOutcome:
            from editordesk.services.saving import save_draft

            return save_draft(
                store,
                draft,
                story_id=story_id,
                base_version=base,
                autosave_key=key,
                author=author,
                window=window,
            )

        run_in_background(
            save,
            on_done=lambda outcome: self._saved(editor, draft, outcome),
            on_error=lambda exc: self._not_saved(editor, exc),
            owner=self,
        )

    def save_and_wait(self, editor: StoryEditor) -> bool:
        """Save and wait for the answer (the event loop turns meanwhile): True once the text
        is in the store, False if it is not (refused, cancelled, unreachable)."""
        answer: list[bool] = []
        loop = QEventLoop(self)
        self.save_editor(editor, then=lambda safe: (answer.append(safe), loop.quit()))
        if not answer:
            loop.exec()
        return answer[0]

    def wait_for_saves(self) -> None:
        """Until every save in flight has landed (quitting waits for them)."""
        while self._saving:
            self.save_and_wait(next(iter(self._saving)))

    def _finish(self, editor: StoryEditor, safe: bool) -> None:
        waiting = self._saving.pop(editor, [])
        again = self._again.pop(editor, None)
        if again is not None and shiboken6.isValid(editor):
            # asked again while saving: save what the tab holds now
            if editor.dirty:
                self.save_editor(editor, then=None)
                self._saving[editor].extend(waiting + again)
                return
            waiting += again
        for then in waiting:
            then(safe)

    def _saved(self, editor: StoryEditor, draft: StoryDraft, outcome: SaveOutcome) -> None:
        from editordesk.services.saving import Saved

        if not shiboken6.isValid(editor):  # closed meanwhile (only when the window went)
            self._finish(editor, isinstance(outcome, Saved))
            return
        if not isinstance(outcome, Saved):
            self._saving_conflict(editor, outcome.theirs, outcome.author)
            return
        record = outcome.record
        edited_since = editor.draft() != draft
        editor.mark_saved(record, edited_since=edited_since)
        self.live.editor_saved(editor)
        self.refresh_tab(editor)
        when = dt.datetime.now().strftime("%H:%M")
        self.message.emit(f"Saved “{record.headline or UNTITLED}” at {when}", 4000)
        self.stories_saved.emit()
        self._finish(editor, True)

    def _not_saved(self, editor: StoryEditor, exc: Exception) -> None:
        from editordesk.services.locks import LockedError
        from editordesk.store.db import StoreUnavailableError

        if isinstance(exc, StoreUnavailableError):  # the text stays in the tab and autosave
            self.live.save_failed(exc, editor)
        elif isinstance(exc, LockedError) and shiboken6.isValid(editor):
            # taken over before the save landed: the text stays, the tab says what happened
            if editor.holds_lock:
                self.live.lost_lock(editor, exc.lock)
            else:
                self.problem.emit("The story was not saved", str(exc))
        elif isinstance(exc, EditorDeskError):
            self.problem.emit("The story was not saved", str(exc))
        else:
            self.problem.emit(
                "The story was not saved", describe_error(exc, "the story was not saved")
            )
        self._finish(editor, False)

    def _saving_conflict(self, editor: StoryEditor, theirs: StoryRecord, author: str) -> None:
        """Someone saved first: show both, let the editor choose, lose nothing."""
        from editordesk.gui.dialogs.conflict import ConflictChoice, ConflictDialog

        dialog = ConflictDialog(editor.draft(), theirs, author, self)
        dialog.exec()
        choice = dialog.choice()
        if choice is ConflictChoice.KEEP_MINE:
            waiting = self._saving.pop(editor, [])
            self.save_editor(editor, base_version=theirs.version)
            self._saving[editor].extend(waiting)
            return
        if choice is ConflictChoice.TAKE_THEIRS:
            self.keep_copy(editor.draft(), "Kept: ")  # what is dropped here stays recoverable
            self.discard_autosave(editor)
            editor.load(theirs)
            self.refresh_tab(editor)
            self._finish(editor, True)
            return
        if choice is ConflictChoice.OPEN_BOTH:
            # Yours stays unsaved in its tab, now based on theirs (which is in the history);
            # theirs opens beside it to compare.
            editor.base_version = theirs.version
            other = self.add_editor(self._editor(theirs))
            self.setTabText(self.indexOf(other), "Theirs: " + self.tab_title(other))
        self._finish(editor, False)

    def autosave(self) -> None:
        """Keep every changed tab's text in the store, off the UI thread."""
        if self.store is None:
            return
        store, author = self.store, self.author
        for editor in self.editors():
            if not editor.dirty:
                continue
            draft = editor.draft()
            if draft == editor.autosaved_text:
                continue
            editor.autosaved_text = draft

            def write(
                draft: StoryDraft = draft,
                key: str = editor.key,
                story_id: int | None = editor.story_id,
                base: int | None = editor.base_version,
                window: str = self.live.window_id,
            ) -> str:
                from editordesk.services.autosave import keep_unsaved

                # in the store, or on this computer while the store cannot be reached
                return keep_unsaved(
                    store,
                    key,
                    draft,
                    story_id=story_id,
                    base_version=base,
                    editor=author,
                    window=window,
                )

            def failed(exc: Exception, editor: StoryEditor = editor) -> None:
                if shiboken6.isValid(editor):
                    editor.autosaved_text = None
                self.message.emit(f"Autosave failed: {exc}", 8000)

            def done(where: object) -> None:
                place = " on this computer" if where == "computer" else ""
                self.kept_safe.emit(
                    f"Unsaved changes (kept safe{place} {dt.datetime.now():%H:%M:%S})"
                )

            run_in_background(write, on_done=done, on_error=failed)

    def discard_autosave(self, editor: StoryEditor) -> None:
        """Forget the tab's kept text (in the background: quitting waits for it)."""
        if self.store is None:
            return
        store, key = self.store, editor.key

        def drop() -> None:
            from editordesk.services.saving import drop_autosave

            drop_autosave(store, key)

        run_in_background(
            drop,
            on_error=lambda exc: self.message.emit(f"Unsaved text not discarded: {exc}", 8000),
        )

    # ------------------------------------------------------------------ closing

    def close_tab(self, index: int) -> bool:
        editor: StoryEditor | None = self.widget(index)  # type: ignore[assignment]
        if editor is None:
            return True
        if editor in self._saving:
            self.save_and_wait(editor)  # its save lands first, then the question if needed
            index = self.indexOf(editor)
        if editor.dirty and not self.confirm_close(editor):
            return False
        self.removeTab(index)
        self.live.editor_closed(editor)
        editor.deleteLater()
        return True

    def confirm_close(self, editor: StoryEditor) -> bool:
        """Ask before an unsaved tab goes: save (and wait for it), discard, or cancel. A
        read-only tab (taken over) cannot save: its text is kept as a new story or dropped."""
        self.setCurrentWidget(editor)
        headline = editor.headline.text().strip() or UNTITLED
        if editor.read_only:
            answer = plain.question(
                self,
                self.tr("Unsaved changes"),
                self.tr(
                    "“{0}” is being edited by {1}, so your changes cannot be saved to it. Keep "
                    "them as a new story before closing?"
                ).format(headline, editor.locked_by or "someone else"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                copy = self.keep_copy(editor.draft(), "Kept: ")
                if not self.save_and_wait(copy):
                    return False
                self.discard_autosave(editor)
                return True
            if answer == QMessageBox.StandardButton.Discard:
                self.discard_autosave(editor)
                return True
            return False
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("“{0}” has changes that are not saved. Save them before closing?").format(
                headline
            ),
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        for button, text in (  # Alt+S, Alt+D, Alt+C answer it from the keyboard
            (QMessageBox.StandardButton.Save, self.tr("&Save")),
            (QMessageBox.StandardButton.Discard, self.tr("&Discard")),
            (QMessageBox.StandardButton.Cancel, self.tr("&Cancel")),
        ):
            box.button(button).setText(text)
        box.exec()
        answer = box.standardButton(box.clickedButton())
        if answer == QMessageBox.StandardButton.Save:
            if not self.save_and_wait(editor):
                return False
            # typed while it saved: ask again about the newer text
            return not editor.dirty or self.confirm_close(editor)
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_autosave(editor)
            return True
        return False

    def confirm_all(self) -> bool:
        """Before the window closes: every save in flight lands, every unsaved tab is asked
        about; False if the editor cancelled."""
        self.wait_for_saves()
        return all(not e.dirty or self.confirm_close(e) for e in self.editors())

    # ------------------------------------------------------------------ after a crash

    def offer_recovery(self) -> bool:
        """Offer back unsaved text a crash left in the store; True if there was any."""
        from editordesk.gui.dialogs.recovery import RecoveryDialog
        from editordesk.services.autosave import discard_autosave, recoverable

        assert self.store is not None
        open_keys = {e.key for e in self.editors()}
        with self.store.read() as session:
            found = [
                r
                for r in recoverable(session, self.author, self.live.window_id)
                if r.key not in open_keys
            ]
        if not found:
            return False
        dialog = RecoveryDialog(found, self)
        if not dialog.exec():
            return True  # closed without choosing: keep them for next time
        keep, drop = dialog.chosen()
        with self.store.write() as session:
            for item in drop:
                discard_autosave(session, item.key)
        for item in keep:
            editor: StoryEditor | None
            if item.story_id is None:
                editor = self._editor(draft=item.draft, key=item.key)
                editor.dirty = True
                self.add_editor(editor)
            else:
                existing = self.find_tab(item.story_id)
                if existing is not None:
                    self.removeTab(self.indexOf(existing))
                editor = self.open_story(item.story_id, draft=item.draft, key=item.key)
                if editor is not None:
                    editor.base_version = item.base_version
            if editor is not None:
                self.refresh_tab(editor)
        return True
