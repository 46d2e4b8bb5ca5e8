"""The workstation: the story list beside tabs of open stories, with menus, toolbar and status
bar. It shows and collects; every rule it applies comes from the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QMimeData, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from editordesk import settings as prefs
from editordesk.errors import ConflictError, EditorDeskError, NotFoundError
from editordesk.gui.live_desk import LiveDesk  # locks, live refresh, connection state
from editordesk.gui.workers import run_in_background

if TYPE_CHECKING:  # the store opens after the window shows; the editor loads with a tab
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.model import StoryDraft, StoryRecord
    from editordesk.store.db import Store

APP_NAME = "EditorDesk"


def qsettings() -> QSettings:
    from editordesk.gui.state import window_settings

    return window_settings()


class MainWindow(QMainWindow):
    """One window over one store."""

    store_changed = Signal(object)

    def __init__(
        self, store: Store | None, settings: prefs.Settings, parent: QWidget | None = None
    ) -> None:
        """With `store` None the window shows at once and the store is attached when it has
        opened (app.py opens it off the UI thread: loading the database layer is most of
        start-up)."""
        super().__init__(parent)
        self._store = store
        self._pending_tabs: tuple[list[int], int, QByteArray | None] | None = None
        self.settings = settings
        self.author = settings.author()
        self.setWindowTitle(APP_NAME)  # the icon is the application's (app.py sets it)
        self.setAccessibleName("EditorDesk main window")

        from editordesk.gui.story_list.widget import StoryListWidget

        self.story_list = StoryListWidget(store, self)
        self.story_list.open_requested.connect(self.open_story)
        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Open stories")
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._current_tab_changed)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.story_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.setCentralWidget(self.splitter)

        self.counts = QLabel(self)
        self.counts.setAccessibleName("Word count")
        self.save_state = QLabel(self)
        self.save_state.setAccessibleName("Save state")
        self.store_label = QLabel(
            store.location.describe() if store else "Opening the store…", self
        )
        self.store_label.setAccessibleName("Store")
        self.store_label.setToolTip("The store this window works on")
        bar = self.statusBar()
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.save_state)
        bar.addPermanentWidget(self.store_label)

        self.setAcceptDrops(True)  # .md and .docx files dropped on the window are imported
        self.actions_by_name: dict[str, QAction] = {}
        self.library_dialog: QWidget | None = None  # the open library (tests look in it)
        self.credits_dialog: QWidget | None = None
        self._build_actions()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(max(1, settings.autosave_seconds) * 1000)
        self._update_actions()
        self.live = LiveDesk(self.editors, lambda: self.author, self)
        self.statusBar().addPermanentWidget(self.live.connection_label)
        self.live.message.connect(self.say)
        self.live.problem.connect(self.warn)
        self.live.stories_changed.connect(self.story_list.refresh)
        self.live.images_changed.connect(self._refresh_library)
        self.live.locks_changed.connect(self.story_list.model.set_locks)
        self.live.reloaded.connect(self._editor_changed)
        if store is not None:
            self.live.attach(store)

    # ------------------------------------------------------------------ the store

    @property
    def store(self) -> Store:
        """The open store; commands that need it are disabled until it is attached."""
        if self._store is None:
            raise RuntimeError("the store is not open yet")
        return self._store

    @property
    def has_store(self) -> bool:
        return self._store is not None

    def attach_store(self, store: Store, *, greet: bool = True) -> None:
        """The store has opened: fill the list, reopen last session's tabs, and (with
        `greet`) offer back unsaved work or a sample story."""
        self._store = store
        self.store_label.setText(store.location.describe())
        self.story_list.set_store(store)
        self.live.attach(store)
        self._update_actions()
        if self._pending_tabs is not None:
            ids, current, editor_state = self._pending_tabs
            self._pending_tabs = None
            self._reopen_tabs(ids, current, editor_state)
        if greet:
            QTimer.singleShot(0, self.after_start)

    # ------------------------------------------------------------------ actions

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
        tip: str = "",
        icon: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(
            f"{tip or plain} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            if shortcut is not None
            else tip or plain
        )
        action.setStatusTip(tip or plain)
        action.setObjectName(name)
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        SK = QKeySequence.StandardKey
        file_menu = self.menuBar().addMenu("&File")
        for act in (
            a("new", "&New story", self.new_story, SK.New, "Start a new draft", "document-new"),
            a(
                "open",
                "&Open story…",
                self.story_list.focus_search,
                SK.Open,
                "Find a story to open in the list",
                "document-open",
            ),
            a(
                "save",
                "&Save",
                self.save_current,
                SK.Save,
                "Save the story as a new revision",
                "document-save",
            ),
            a(
                "close",
                "&Close story",
                lambda: self.close_tab(self.tabs.currentIndex()),
                "Ctrl+W",
                "Close the current story",
                "window-close",
            ),
        ):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(
            a(
                "import",
                "&Import…",
                self.import_files_dialog,
                "Ctrl+Shift+I",
                "Import Markdown (.md) or Word (.docx) files as new drafts",
                "document-import",
            )
        )
        file_menu.addAction(
            a(
                "export",
                "&Export…",
                self.export_dialog,
                "Ctrl+E",
                "Export the stories selected in the list (or the open one)",
                "document-export",
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            a(
                "sample",
                "Add the sample &story",
                self.add_sample,
                tip="Add the sample story that shows every feature",
            )
        )
        file_menu.addAction(
            a(
                "preferences",
                "&Preferences…",
                self.edit_preferences,
                SK.Preferences if QKeySequence(SK.Preferences).count() else "Ctrl+,",
                "Store, your name, autosave and export settings",
                "preferences-system",
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            a("quit", "&Quit", self.close, SK.Quit, "Quit EditorDesk", "application-exit")
        )

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(
            a(
                "undo",
                "&Undo",
                lambda: self._body_call("undo"),
                SK.Undo,
                "Undo the last change",
                "edit-undo",
            )
        )
        edit_menu.addAction(
            a(
                "redo",
                "&Redo",
                lambda: self._body_call("redo"),
                SK.Redo,
                "Redo what was undone",
                "edit-redo",
            )
        )
        edit_menu.addSeparator()
        edit_menu.addAction(
            a("find", "&Find…", self.find, SK.Find, "Find text in the story", "edit-find")
        )
        edit_menu.addAction(
            a(
                "search",
                "Search &stories…",
                self.story_list.focus_search,
                "Ctrl+Shift+F",
                "Search every story in the store",
                "system-search",
            )
        )

        fmt = self.menuBar().addMenu("F&ormat")
        for name, text, call, key, tip in (
            ("bold", "&Bold", "bold", "Ctrl+B", "Make the selection bold"),
            ("italic", "&Italic", "italic", "Ctrl+I", "Make the selection italic"),
            ("link", "&Link…", None, "Ctrl+K", "Link the selection to a web address"),
            ("heading1", "Heading &1", ("heading", 1), "Ctrl+1", "Make the line a heading"),
            ("heading2", "Heading &2", ("heading", 2), "Ctrl+2", "Make the line a subheading"),
            ("heading3", "Heading &3", ("heading", 3), "Ctrl+3", "Make the line a minor heading"),
            ("bullets", "&Bulleted list", "bullet_list", "Ctrl+Shift+8", "Bulleted list"),
            ("numbers", "&Numbered list", "numbered_list", "Ctrl+Shift+7", "Numbered list"),
            ("quote", "&Quote", "quote", "Ctrl+Shift+.", "Block quote"),
        ):
            slot = (
                self.insert_link
                if call is None
                else (
                    (lambda c=call: self._body_call(*c))
                    if isinstance(call, tuple)
                    else (lambda c=call: self._body_call(c))
                )
            )
            fmt.addAction(a(name, text, slot, key, tip))

        insert = self.menuBar().addMenu("&Insert")
        insert.addAction(
            a(
                "figure",
                "&Figure…",
                self.insert_figure,
                "Ctrl+Shift+G",
                "Insert a picture from the library (import new ones there)",
            )
        )
        insert.addAction(
            a(
                "figure_file",
                "Figure from a &file…",
                self.insert_figure_from_file,
                "",
                "Insert a picture straight from a file; it joins the library",
            )
        )
        insert.addAction(
            a(
                "tweet",
                "&Tweet…",
                self.insert_tweet,
                "Ctrl+Shift+T",
                "Embed a tweet by pasting its link",
            )
        )

        story = self.menuBar().addMenu("&Story")
        story.addAction(
            a(
                "history",
                "&History…",
                self.show_history,
                "Ctrl+H",
                "Every saved revision: compare and restore",
                "document-open-recent",
            )
        )
        toggle = a(
            "preview", "&Preview", self.toggle_preview, "F8", "Show or hide the live preview"
        )
        toggle.setCheckable(True)
        toggle.setChecked(True)
        story.addAction(toggle)
        columns = story.addMenu("List &columns")
        columns.setToolTip("Choose the story list's columns (or right-click its header)")
        columns.aboutToShow.connect(lambda: self.story_list.fill_column_menu(columns))

        library = self.menuBar().addMenu("&Library")
        library.addAction(
            a(
                "library",
                "&Picture library…",
                self.open_library,
                "Ctrl+Shift+L",
                "Every picture with its caption, credit and alt text; import new ones",
            )
        )
        library.addAction(
            a(
                "credits",
                "Photo &credits report…",
                self.credits_report,
                "Ctrl+Shift+R",
                "The pictures used in the selected stories or a date range, with credits",
            )
        )

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(
            a(
                "shortcuts",
                "&Keyboard shortcuts",
                self.show_shortcuts,
                "F1",
                "Every command and its keys",
            )
        )
        help_menu.addAction(a("about", "&About EditorDesk", self.about, tip="Version and licences"))

        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        for name in (
            "new",
            "save",
            None,
            "bold",
            "italic",
            "link",
            "heading2",
            "bullets",
            "numbers",
            "quote",
            None,
            "figure",
            "tweet",
            None,
            "history",
            "preview",
        ):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions_by_name[name])
        self.addToolBar(toolbar)

    # ------------------------------------------------------------------ tabs

    def editors(self) -> list[StoryEditor]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def current_editor(self) -> StoryEditor | None:
        widget = self.tabs.currentWidget()
        return widget  # type: ignore[return-value]  # every tab is a StoryEditor

    def _add_editor(self, editor: StoryEditor) -> StoryEditor:
        editor.changed.connect(lambda e=editor: self._editor_changed(e))
        editor.headline_changed.connect(lambda _h, e=editor: self._editor_changed(e))
        editor.stats_changed.connect(lambda w, c, m, e=editor: self._show_stats(e, w, c, m))
        editor.side.setVisible(self.actions_by_name["preview"].isChecked())
        editor.assets.edit_tweet.connect(lambda status_id, e=editor: self.edit_tweet(e, status_id))
        editor.assets.edit_image.connect(self.edit_image)
        editor.assets.replace_figure.connect(lambda token, e=editor: self.replace_figure(e, token))
        editor.image_fix_requested.connect(self.edit_image)
        index = self.tabs.addTab(editor, "")
        self.tabs.setCurrentIndex(index)
        self.live.editor_added(editor)
        self._editor_changed(editor)
        return editor

    def _tab_title(self, editor: StoryEditor) -> str:
        headline = editor.headline.text().strip() or "Untitled story"
        short = headline if len(headline) <= 32 else headline[:30] + "…"
        return ("● " if editor.dirty else "") + short

    def _editor_changed(self, editor: StoryEditor) -> None:
        index = self.tabs.indexOf(editor)
        if index < 0:
            return
        self.tabs.setTabText(index, self._tab_title(editor))
        self.tabs.setTabToolTip(
            index,
            (editor.headline.text() or "Untitled story")
            + (" — unsaved changes" if editor.dirty else ""),
        )
        if editor is self.current_editor():
            self._update_title()

    def _update_title(self) -> None:
        editor = self.current_editor()
        if editor is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            self.save_state.clear()
            return
        headline = editor.headline.text().strip() or "Untitled story"
        self.setWindowTitle(f"{headline}[*] — {APP_NAME}")
        self.setWindowModified(editor.dirty)
        self.save_state.setText("Unsaved changes" if editor.dirty else "Saved")

    def _current_tab_changed(self, _index: int) -> None:
        self._update_title()
        self._update_actions()
        editor = self.current_editor()
        if editor is not None:
            self._show_stats(editor, *editor.stats())

    def _update_actions(self) -> None:
        for name in ("new", "open", "sample", "search", "import", "export", "library", "credits"):
            self.actions_by_name[name].setEnabled(self.has_store)
        has = self.current_editor() is not None and self.has_store
        for name in (
            "save",
            "close",
            "bold",
            "italic",
            "link",
            "heading1",
            "heading2",
            "heading3",
            "bullets",
            "numbers",
            "quote",
            "figure",
            "figure_file",
            "tweet",
            "history",
            "find",
            "undo",
            "redo",
        ):
            self.actions_by_name[name].setEnabled(has)

    def _show_stats(self, editor: StoryEditor, words: int, chars: int, minutes: int) -> None:
        if editor is self.current_editor():
            read = f"{minutes} min read" if minutes else "no reading time"
            self.counts.setText(f"{words:,} words · {chars:,} characters · {read}")

    def find_tab(self, story_id: int) -> StoryEditor | None:
        return next((e for e in self.editors() if e.story_id == story_id), None)

    # ------------------------------------------------------------------ opening

    def new_story(self) -> StoryEditor:
        """A new draft, not in the store until saved, with the cursor in its headline."""
        from editordesk.gui.editor.story_editor import StoryEditor
        from editordesk.model import StoryDraft

        editor = StoryEditor(
            self.store,
            draft=StoryDraft(byline=self.settings.editor_name),
            template_dir=self.settings.template_dir or None,
            parent=self,
        )
        self._add_editor(editor)
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
        from editordesk.gui.editor.story_editor import StoryEditor

        existing = self.find_tab(story_id)
        if existing is not None and draft is None:
            self.tabs.setCurrentWidget(existing)
            return existing
        from editordesk.services.stories import get_story

        try:
            with self.store.read() as session:
                record = get_story(session, story_id)
        except NotFoundError as exc:
            if quiet:
                self.statusBar().showMessage(f"Not reopened: {exc}", 8000)
            else:
                self.warn("Cannot open the story", str(exc))
            return None
        editor = StoryEditor(
            self.store,
            record,
            draft=draft,
            key=key,
            template_dir=self.settings.template_dir or None,
            parent=self,
        )
        self._add_editor(editor)
        self._load_sections(editor)
        return editor

    def _load_sections(self, editor: StoryEditor) -> None:
        from editordesk.services.stories import list_sections

        def fetch() -> list[str]:
            with self.store.read() as session:
                return list_sections(session)

        run_in_background(fetch, on_done=editor.set_sections, owner=editor)

    # ------------------------------------------------------------------ saving

    def save_current(self) -> bool:
        editor = self.current_editor()
        return self.save_editor(editor) if editor is not None else False

    def save_editor(self, editor: StoryEditor, *, base_version: int | None = None) -> bool:
        """Save one tab as a new revision; a refused save goes to the conflict dialog."""
        from editordesk.services.autosave import discard_autosave
        from editordesk.services.stories import create_story, save_story
        from editordesk.store.db import StoreUnavailableError

        draft = editor.draft()
        try:
            with self.store.write() as session:
                if editor.story_id is None:
                    record = create_story(session, draft, author=self.author)
                else:
                    record = save_story(
                        session,
                        editor.story_id,
                        replace(draft, slug=None),
                        base_version=base_version
                        if base_version is not None
                        else editor.base_version or 0,
                        author=self.author,
                    )
                discard_autosave(session, editor.key)
        except ConflictError:
            return self.resolve_conflict(editor)
        except StoreUnavailableError as exc:  # the text stays in the tab and the autosave
            self.live.save_failed(exc)
            return False
        except EditorDeskError as exc:
            self.warn("The story was not saved", str(exc))
            return False
        editor.mark_saved(record)
        self.live.editor_saved(editor)
        self._editor_changed(editor)
        when = dt.datetime.now().strftime("%H:%M")
        self.statusBar().showMessage(
            f"Saved “{record.headline or 'Untitled story'}” at {when}", 4000
        )
        self.story_list.refresh()
        return True

    def resolve_conflict(self, editor: StoryEditor) -> bool:
        """Someone saved first: show both, let the editor choose, lose nothing."""
        from editordesk.gui.dialogs.conflict import ConflictChoice, ConflictDialog
        from editordesk.gui.editor.story_editor import StoryEditor
        from editordesk.services.stories import get_story, revisions

        assert editor.story_id is not None
        with self.store.read() as session:
            theirs = get_story(session, editor.story_id)
            latest = revisions(session, editor.story_id)
        author = latest[0].author if latest else ""
        dialog = ConflictDialog(editor.draft(), theirs, author, self)
        dialog.exec()
        choice = dialog.choice()
        if choice is ConflictChoice.KEEP_MINE:
            return self.save_editor(editor, base_version=theirs.version)
        if choice is ConflictChoice.TAKE_THEIRS:
            self._discard_autosave(editor)
            editor.load(theirs)
            self._editor_changed(editor)
            return True
        if choice is ConflictChoice.OPEN_BOTH:
            # Yours stays unsaved in its tab, now based on theirs (which is in the history);
            # theirs opens beside it to compare.
            editor.base_version = theirs.version
            other = StoryEditor(
                self.store, theirs, template_dir=self.settings.template_dir or None, parent=self
            )
            self._add_editor(other)
            self.tabs.setTabText(self.tabs.indexOf(other), "Theirs: " + self._tab_title(other))
            return False
        return False

    def autosave(self) -> None:
        """Keep every changed tab's text in the store, off the UI thread."""
        from editordesk.services.autosave import keep_unsaved

        if not self.has_store:
            return
        for editor in self.editors():
            if not editor.dirty:
                continue
            draft = editor.draft()
            if draft == editor.autosaved_text:
                continue
            editor.autosaved_text = draft
            key, story_id, base = editor.key, editor.story_id, editor.base_version

            def write(
                draft: StoryDraft = draft,
                key: str = key,
                story_id: int | None = story_id,
                base: int | None = base,
            ) -> str:
                # in the store, or on this computer while the store cannot be reached
                return keep_unsaved(
                    self.store, key, draft, story_id=story_id, base_version=base, editor=self.author
                )

            def failed(exc: Exception, editor: StoryEditor = editor) -> None:
                editor.autosaved_text = None
                self.statusBar().showMessage(f"Autosave failed: {exc}", 8000)

            def done(where: object) -> None:
                place = " on this computer" if where == "computer" else ""
                self.save_state.setText(
                    f"Unsaved changes (kept safe{place} {dt.datetime.now():%H:%M:%S})"
                )

            run_in_background(write, on_done=done, on_error=failed)

    def _discard_autosave(self, editor: StoryEditor) -> None:
        from editordesk.services.autosave import discard_autosave

        with self.store.write() as session:
            discard_autosave(session, editor.key)

    # ------------------------------------------------------------------ closing

    def close_tab(self, index: int) -> bool:
        editor = self.tabs.widget(index)
        if editor is None:
            return True
        if editor.dirty and not self._confirm_close(editor):
            return False
        self.tabs.removeTab(index)
        self.live.editor_closed(editor)
        editor.deleteLater()
        self._update_actions()
        return True

    def _confirm_close(self, editor: StoryEditor) -> bool:
        self.tabs.setCurrentWidget(editor)
        headline = editor.headline.text().strip() or "Untitled story"
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"“{headline}” has changes that are not saved. Save them before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_editor(editor)
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_autosave(editor)
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in self.editors():
            if editor.dirty and not self._confirm_close(editor):
                event.ignore()
                return
        self.save_window_state()
        self.autosave_timer.stop()
        self.live.shut_down()
        from editordesk.gui.workers import wait_for_background

        wait_for_background()
        event.accept()

    # ------------------------------------------------------------------ window state

    def save_window_state(self) -> None:
        s = qsettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        editor = self.current_editor() or (self.editors()[0] if self.editors() else None)
        if editor is not None:
            s.setValue("editor/splitter", editor.splitter.saveState())
        open_ids = [e.story_id for e in self.editors() if e.story_id is not None]
        if self._pending_tabs is not None:  # closed before the store opened: keep them
            open_ids = self._pending_tabs[0]
        s.setValue("tabs/open", open_ids)
        current = self.current_editor()
        s.setValue("tabs/current", current.story_id if current and current.story_id else -1)
        s.setValue("view/preview", self.actions_by_name["preview"].isChecked())
        self.story_list.save_state(s)
        s.sync()

    def restore_window_state(self) -> None:
        s = qsettings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([380, 900])
        preview = s.value("view/preview", True)
        self.actions_by_name["preview"].setChecked(preview not in (False, "false"))
        self.story_list.restore_state(s)
        ids = s.value("tabs/open", []) or []
        if isinstance(ids, str | int):
            ids = [ids]
        current = int(s.value("tabs/current", -1) or -1)
        editor_state = s.value("editor/splitter")
        editor_state = editor_state if isinstance(editor_state, QByteArray) else None
        numbers = []
        for story_id in ids:
            try:
                numbers.append(int(story_id))
            except (TypeError, ValueError):
                continue
        if self.has_store:
            self._reopen_tabs(numbers, current, editor_state)
        else:
            self._pending_tabs = (numbers, current, editor_state)

    def _reopen_tabs(self, ids: list[int], current: int, editor_state: QByteArray | None) -> None:
        for story_id in ids:
            editor = self.open_story(story_id, quiet=True)
            if editor is not None and editor_state is not None:
                editor.splitter.restoreState(editor_state)
        if current > 0 and (editor := self.find_tab(current)) is not None:
            self.tabs.setCurrentWidget(editor)

    def after_start(self) -> None:
        """Once the window shows: offer back unsaved work, and a sample story to a new desk."""
        if not self.offer_recovery():  # one question at a time
            self.offer_sample()

    def offer_recovery(self) -> bool:
        """Offer back unsaved text a crash left in the store; True if there was any."""
        from editordesk.gui.dialogs.recovery import RecoveryDialog
        from editordesk.gui.editor.story_editor import StoryEditor
        from editordesk.services.autosave import discard_autosave, recoverable

        open_keys = {e.key for e in self.editors()}
        with self.store.read() as session:
            found = [r for r in recoverable(session, self.author) if r.key not in open_keys]
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
            if item.story_id is None:
                editor = StoryEditor(
                    self.store,
                    draft=item.draft,
                    key=item.key,
                    template_dir=self.settings.template_dir or None,
                    parent=self,
                )
                editor.dirty = True
                self._add_editor(editor)
            else:
                existing = self.find_tab(item.story_id)
                if existing is not None:
                    self.tabs.removeTab(self.tabs.indexOf(existing))
                editor = self.open_story(item.story_id, draft=item.draft, key=item.key)
                if editor is not None:
                    editor.base_version = item.base_version
            if editor is not None:
                self._editor_changed(editor)
        return True

    def offer_sample(self) -> None:
        from editordesk.services.stories import count_stories

        with self.store.read() as session:
            empty = count_stories(session) == 0
        key = f"sampleOffered/{self.store.location.describe()}"
        s = qsettings()
        if not empty or s.value(key, False) in (True, "true"):
            return
        s.setValue(key, True)
        answer = QMessageBox.question(
            self,
            "Welcome to EditorDesk",
            "This store is empty. Add a sample story that shows what EditorDesk keeps — a "
            "standfirst, byline and dateline, a picture with its caption and credit, a tweet "
            "and related links?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.add_sample()

    def add_sample(self) -> None:
        from editordesk.services.sample import add_sample_story

        try:
            record = add_sample_story(self.store, author=self.author)
        except EditorDeskError as exc:
            self.warn("The sample story could not be added", str(exc))
            return
        self.story_list.refresh()
        self.open_story(record.id)

    # ------------------------------------------------------------------ commands

    def _body_call(self, name: str, *args: object) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        focus = self.focusWidget()
        target = focus if name in ("undo", "redo") and hasattr(focus, name) else editor.body
        getattr(target, name)(*args)
        if target is editor.body:
            editor.body.setFocus()

    def find(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.find_bar.open()

    def insert_link(self) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        url, ok = QInputDialog.getText(self, "Insert link", "Web address (https://…):")
        if ok and url.strip():
            from editordesk.text import safe_href

            if safe_href(url.strip()) is None:
                self.warn("Not a web address", f"{url!r} is not an http(s) or mailto address.")
                return
            editor.body.insert_link(url.strip())
            editor.body.setFocus()

    def insert_figure(self) -> None:
        """Choose the picture in the library (importing it there first if it is new)."""
        if self.current_editor() is None:
            return
        self._library_dialog(insert=True)

    def insert_figure_from_file(self) -> None:
        if self.current_editor() is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Insert a picture", "", "Pictures (*.jpg *.jpeg *.png *.webp *.gif)"
        )
        if path:
            self.insert_figure_file(Path(path))

    def insert_figure_file(self, path: Path) -> None:
        from editordesk.interchange.markdown import figure_code
        from editordesk.services.library import import_image_file

        editor = self.current_editor()
        if editor is None:
            return
        try:
            with self.store.write() as session:
                image = import_image_file(session, self.store.media, path)
        except EditorDeskError as exc:
            self.warn("The picture was not added", str(exc))
            return
        editor.body.insert_block_token(figure_code(image.id))
        self.statusBar().showMessage(
            f"{path.name} is in the library; give it a caption, credit and alt text before export",
            6000,
        )

    def insert_tweet(self) -> None:
        """Embed a tweet: paste its link, check its words, see it as it will appear."""
        from editordesk.gui.dialogs.tweet import TweetDialog
        from editordesk.interchange.markdown import tweet_code
        from editordesk.media.tweets import TweetRef

        editor = self.current_editor()
        if editor is None:
            return
        dialog = TweetDialog(self.store, parent=self)
        if dialog.exec() and dialog.saved is not None:
            ref = TweetRef(dialog.saved.status_id, dialog.saved.handle)
            editor.body.insert_block_token(tweet_code(ref))
            editor.body.setFocus()

    def edit_tweet(self, editor: StoryEditor, status_id: str) -> None:
        from editordesk.gui.dialogs.tweet import TweetDialog
        from editordesk.services.tweets import get_tweet

        try:
            with self.store.read() as session:
                record = get_tweet(session, status_id)
        except EditorDeskError as exc:
            self.warn("Cannot edit the tweet", str(exc))
            return
        if TweetDialog(self.store, record, self).exec():
            editor.schedule_preview()

    def open_library(self) -> None:
        self._library_dialog()

    def edit_image(self, image_id: int) -> None:
        """A picture's library card: its caption, credit and alt text, kept for every story."""
        self._library_dialog(select=image_id)

    def _library_dialog(self, select: int | None = None, insert: bool = False) -> None:
        """The picture library as a dialog over the window; what changes there shows in
        every open story's preview and checks when it closes."""
        from editordesk.gui.library.view import LibraryDialog

        dialog = LibraryDialog(self.store, self)
        if insert:
            dialog.setWindowTitle("Insert a picture — choose it, then Insert (Enter)")
        self.library_dialog = dialog
        if select is not None:
            dialog.view.select_image(select)
        dialog.view.insert_requested.connect(lambda i, d=dialog: self._insert_from_library(i, d))
        dialog.view.open_story_requested.connect(
            lambda i, d=dialog: (d.close(), self.open_story(i))
        )
        dialog.exec()
        self.library_dialog = None
        for editor in self.editors():
            editor.schedule_preview()

    def credits_report(self) -> None:
        """The photo credits report for the stories selected in the list (or a date range)."""
        from editordesk.gui.library.credits import CreditsReportDialog

        ids = self.story_list.selected_story_ids() or None
        self.credits_dialog = CreditsReportDialog.show_for(self.store, self, ids, self.open_story)

    def replace_figure(self, editor: StoryEditor, token: str) -> None:
        from editordesk.gui.library.view import LibraryDialog
        from editordesk.interchange.markdown import figure_code

        dialog = LibraryDialog(self.store, self)
        dialog.setWindowTitle("Choose the picture to show instead")
        chosen: list[int] = []
        dialog.view.insert_requested.connect(lambda i: (chosen.append(i), dialog.accept()))
        dialog.exec()
        if chosen:
            editor.replace_token(token, figure_code(chosen[0]))

    def _insert_from_library(self, image_id: int, dialog: QWidget | None = None) -> None:
        from editordesk.interchange.markdown import figure_code

        editor = self.current_editor()
        if editor is None:
            self.statusBar().showMessage("Open a story to insert the picture into", 5000)
            return
        editor.body.insert_block_token(figure_code(image_id))
        if dialog is not None:
            dialog.close()
        editor.body.setFocus()

    # ------------------------------------------------------------------ import and export

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import stories", "", "Stories (*.md *.markdown *.docx);;All files (*)"
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        """Each file becomes a new draft; a file that cannot be read is named with why."""
        from editordesk.services.importing import import_files

        author = self.author

        def work() -> list:
            return import_files(self.store, paths, author=author)

        self.statusBar().showMessage(f"Importing {len(paths)} file(s)…")

        def done(results: list) -> None:
            self.statusBar().clearMessage()
            self.story_list.refresh()
            good = [r.story for r in results if r.story is not None]
            for story in good:
                self.open_story(story.id)
            bad = [r for r in results if r.error]
            if bad:
                QMessageBox.warning(
                    self,
                    "Some files were not imported",
                    f"Imported {len(good)} of {len(results)}. These could not be read:\n\n"
                    + "\n".join(f"• {r.path.name}: {r.error.split(': ', 1)[-1]}" for r in bad),
                )
            elif good:
                self.statusBar().showMessage(f"Imported {len(good)} new draft(s)", 5000)

        run_in_background(
            work,
            on_done=done,
            on_error=lambda exc: self.warn("Import failed", str(exc)),
            owner=self,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.has_store and _story_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _story_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def export_dialog(self, story_ids: list[int] | None = None) -> None:
        from editordesk.gui.dialogs.export import BatchExport, ExportDialog, show_report

        ids = story_ids or self.story_list.selected_story_ids()
        editor = self.current_editor()
        if not ids and editor is not None and editor.story_id is not None:
            ids = [editor.story_id]
        if not ids:
            self.statusBar().showMessage("Select stories in the list, or open one, to export", 5000)
            return
        if editor is not None and editor.dirty and editor.story_id in ids:
            self.statusBar().showMessage(
                "Exporting the last saved revision (save first to include your latest changes)",
                6000,
            )
        s = qsettings()
        dialog = ExportDialog(
            len(ids),
            folder=str(s.value("export/folder", "") or ""),
            template_dir=self.settings.template_dir,
            reference=self.settings.reference_docx,
            parent=self,
        )
        self.last_export_dialog = dialog
        if not dialog.exec():
            return
        s.setValue("export/folder", str(dialog.folder()))
        folder, open_after = dialog.folder(), dialog.open_after.isChecked()
        batch = BatchExport(self.store, ids, dialog.format_name(), folder, dialog.options(), self)
        self.last_batch = batch
        batch.finished.connect(lambda report: show_report(self, report, folder, open_after))

    def show_history(self) -> None:
        from editordesk.gui.dialogs.history import HistoryDialog

        editor = self.current_editor()
        if editor is None:
            return
        if editor.story_id is None:
            self.statusBar().showMessage("A new story has no history until it is saved", 5000)
            return
        if editor.dirty:
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "Save your changes first? A restored revision replaces the text in the window.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Save or not self.save_editor(editor):
                return
        dialog = HistoryDialog(
            self.store, editor.story_id, self.author, self, base_version=editor.base_version
        )
        dialog.restored.connect(lambda record, e=editor: self._restored(e, record))
        dialog.exec()

    def _restored(self, editor: StoryEditor, record: StoryRecord) -> None:
        editor.load(record)
        self._editor_changed(editor)
        self.story_list.refresh()
        self.statusBar().showMessage("Revision restored as a new revision", 4000)

    def toggle_preview(self) -> None:
        shown = self.actions_by_name["preview"].isChecked()
        for editor in self.editors():
            editor.side.setVisible(shown)
            if shown:
                editor.schedule_preview()

    def edit_preferences(self) -> None:
        from editordesk.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        if not dialog.exec():
            return
        new = dialog.settings()
        try:
            prefs.save(new)
        except (OSError, EditorDeskError) as exc:
            self.warn("Preferences were not saved", str(exc))
            return
        old, self.settings = self.settings, new
        self.author = new.author()
        self.autosave_timer.setInterval(max(1, new.autosave_seconds) * 1000)
        for editor in self.editors():
            editor.template_dir = new.template_dir or None
            editor.schedule_preview()
        if (old.store, old.media) != (new.store, new.media):
            QMessageBox.information(
                self,
                "Store changed",
                "EditorDesk will use the new store the next time it starts.",
            )

    def show_shortcuts(self) -> None:
        from editordesk.gui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), self).exec()

    def about(self) -> None:
        from editordesk.gui.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar (shown as plain text), for `timeout_ms` or until the next."""
        self.statusBar().showMessage(text, timeout_ms)

    def _refresh_library(self) -> None:
        library = self.library_dialog
        if library is not None and shiboken6.isValid(library):
            library.view.refresh()  # type: ignore[attr-defined]


def app_icon() -> QIcon:
    """The window icon, from the PNGs in resources/icons (every size the platforms use)."""
    from PySide6.QtGui import QPixmap

    from editordesk.assets import resource

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        try:
            data = resource("icons", f"editordesk-{size}.png").read_bytes()
        except (FileNotFoundError, OSError):
            continue
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            icon.addPixmap(pixmap)
    return icon


def _story_files(mime: QMimeData) -> list[Path]:
    """The .md and .docx files among dropped URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in (".md", ".markdown", ".docx")]
