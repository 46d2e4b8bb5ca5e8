"""The workstation: the story list beside tabs of open stories, with menus, toolbar and status
bar. It lays the parts out and passes between them; the menus are gui/actions.py, the tabs
(open, save, close, conflicts) gui/tabs.py, the Insert and Library commands
gui/inserting.py, the shared desk gui/live_desk.py, the layout kept between sessions
gui/window_state.py, and every rule comes from the services.

Nothing imported here loads the database or document layers: the window shows before they
are needed, and the dialogs that need them are imported when opened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from editordesk import settings as prefs
from editordesk.errors import EditorDeskError
from editordesk.gui import actions, focus, window_state
from editordesk.gui.inserting import InsertCommands
from editordesk.gui.live_desk import LiveDesk
from editordesk.gui.plain import message_box, plain_label
from editordesk.gui.story_list.desk_hint import DeskHint
from editordesk.gui.story_list.widget import StoryListWidget
from editordesk.gui.tabs import StoryTabs
from editordesk.gui.transfer import StoryTransfer, story_files
from editordesk.gui.workers import wait_for_background

if TYPE_CHECKING:
    from editordesk.gui.dialogs.export import BatchExport
    from editordesk.gui.editor.story_editor import StoryEditor
    from editordesk.gui.library.view import LibraryDialog
    from editordesk.model import StoryDraft, StoryRecord
    from editordesk.store.db import Store

APP_NAME = "EditorDesk"
PUBLISH_DIALOGS = "editordesk.gui.dialogs.publish"  # File ▸ Publish… and Sites…


class MainWindow(QMainWindow):
    """One window over one store."""

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
        self.setWindowTitle(APP_NAME)  # the icon is the application's (app.py sets it)
        self.setAccessibleName(self.tr("EditorDesk main window"))

        self.live = LiveDesk(self.editors, lambda: self.author, self)
        self.tabs = StoryTabs(settings, self.live, self)
        self.story_list = StoryListWidget(store, self)
        self.story_list.open_requested.connect(self._open_from_list)
        self.inserts = InsertCommands(self, lambda: self.store, self.current_editor, self.editors)
        self.transfer = StoryTransfer(self, lambda: self.store, lambda: self.author, self._prefs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.story_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.setCentralWidget(self.splitter)
        self.desk_hint = DeskHint(self.tabs)  # what to do while no story is open

        self.counts = QLabel(self)
        self.counts.setAccessibleName(self.tr("Word count"))
        self.save_state = QLabel(self)
        self.save_state.setAccessibleName(self.tr("Save state"))
        self.store_label = plain_label(
            QLabel(self), store.location.describe() if store else "Opening the store…"
        )
        self.store_label.setAccessibleName(self.tr("Store"))
        self.store_label.setToolTip(self.tr("The store this window works on"))
        bar = self.statusBar()
        for label in (self.counts, self.save_state, self.store_label, self.live.connection_label):
            bar.addPermanentWidget(label)

        self.setAcceptDrops(True)  # .md and .docx files dropped on the window are imported
        self.actions_by_name = actions.build_menus(
            self,
            self._slots(),
            self.story_list.fill_column_menu,
            list(self.story_list.commands.actions.values()),
            fill_sort=self.story_list.fill_sort_menu,
            in_table=self._cursor_in_table,
        )
        focus.install()  # the focus ring, in this window and every dialog
        self.panes = focus.PaneCycle(self._panes, self)
        self.actions_by_name["source"].setChecked(settings.edits_source())
        self._connect_parts()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(max(1, settings.autosave_seconds) * 1000)
        self._update_actions()
        if store is not None:
            self.tabs.store = store
            self.live.attach(store)

    def _slots(self) -> dict[str, Callable[[], object]]:
        body = self._body_call
        return {
            "new": self.new_story,
            "open": self.story_list.focus_search,
            "save": self.save_current,
            "close": lambda: self.close_tab(self.tabs.currentIndex()),
            "import": self.transfer.import_files_dialog,
            "export": self.export_dialog,
            # Loaded when first asked for: publishing is not part of the window's start-up.
            "publish": lambda: import_module(PUBLISH_DIALOGS).publish_from_window(self),
            "sites": lambda: import_module(PUBLISH_DIALOGS).sites_from_window(self),
            "sample": self.transfer.add_sample,
            "preferences": self.edit_preferences,
            "quit": self.close,
            "undo": lambda: body("undo"),
            "redo": lambda: body("redo"),
            "find": self.find,
            "replace": lambda: self.find(replace=True),
            "search": self.story_list.focus_search,
            "bold": lambda: body("bold"),
            "italic": lambda: body("italic"),
            "link": self.inserts.insert_link,
            "heading1": lambda: body("heading", 1),
            "heading2": lambda: body("heading", 2),
            "heading3": lambda: body("heading", 3),
            "bullets": lambda: body("bullet_list"),
            "numbers": lambda: body("numbered_list"),
            "quote": lambda: body("quote"),
            "strikethrough": lambda: body("strikethrough"),
            "code_block": lambda: body("code_block"),
            "table": self.inserts.insert_table,
            "footnote": lambda: body("insert_footnote"),
            "rule": lambda: body("insert_rule"),
            "table_row_above": lambda: body("add_row_above"),
            "table_row_below": lambda: body("add_row_below"),
            "table_column_left": lambda: body("add_column_left"),
            "table_column_right": lambda: body("add_column_right"),
            "table_remove_row": lambda: body("remove_row"),
            "table_remove_column": lambda: body("remove_column"),
            "table_align_left": lambda: body("align_column", "left"),
            "table_align_center": lambda: body("align_column", "center"),
            "table_align_right": lambda: body("align_column", "right"),
            "table_delete": lambda: body("delete_table"),
            "figure": self.inserts.insert_figure,
            "figure_file": self.inserts.insert_figure_from_file,
            "tweet": self.inserts.insert_tweet,
            "history": self.show_history,
            "preview": self.toggle_preview,
            "source": self.toggle_source,
            "library": self.open_library,
            "credits": self.credits_report,
            "shortcuts": self.show_shortcuts,
            "about": self.about,
            "next_pane": lambda: self.panes.move(forward=True),
            "previous_pane": lambda: self.panes.move(forward=False),
            "next_story": lambda: self._next_story(1),
            "previous_story": lambda: self._next_story(-1),
            "side_preview": lambda: self.show_side_tab(0),
            "side_checks": lambda: self.show_side_tab(1),
            "side_related": lambda: self.show_side_tab(2),
            "side_assets": lambda: self.show_side_tab(3),
            "widen_list": lambda: self._move_divider(self.splitter, 0, +1),
            "narrow_list": lambda: self._move_divider(self.splitter, 0, -1),
            "widen_side": lambda: self._move_side_divider(+1),
            "narrow_side": lambda: self._move_side_divider(-1),
        }

    def _connect_parts(self) -> None:
        """What the parts report, shown where it belongs."""
        for part in (self.live, self.tabs, self.inserts, self.transfer):
            part.message.connect(self.say)
            part.problem.connect(self.warn)
        self.live.stories_changed.connect(self.story_list.refresh)
        self.live.images_changed.connect(self.inserts.refresh_library)
        self.live.locks_changed.connect(self.story_list.model.set_locks)
        self.live.reloaded.connect(self.tabs.refresh_tab)
        self.tabs.stories_saved.connect(self.story_list.refresh)
        self.tabs.editor_added.connect(self._editor_added)
        self.tabs.editor_changed.connect(self._editor_changed)
        self.tabs.kept_safe.connect(self.save_state.setText)
        self.tabs.currentChanged.connect(self._current_tab_changed)
        self.inserts.open_requested.connect(self.open_story)
        self.transfer.open_requested.connect(self.open_story)
        self.transfer.stories_added.connect(self.story_list.refresh)
        commands = self.story_list.commands
        commands.author = lambda: self.author
        commands.message.connect(lambda text: self.say(text, 5000))
        commands.export_requested.connect(self.export_dialog)
        commands.history_requested.connect(self._history_of)

    def _prefs(self) -> prefs.Settings:
        return self.settings

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

    @property
    def has_tabs_to_reopen(self) -> bool:
        """Last session's tabs wait for the store to open."""
        return bool(self._pending_tabs and self._pending_tabs[0])

    @property
    def author(self) -> str:
        """Whose name goes on revisions, autosaves and locks."""
        return self.tabs.author

    @author.setter
    def author(self, name: str) -> None:
        self.tabs.author = name

    @property
    def library_dialog(self) -> LibraryDialog | None:
        return self.inserts.library_dialog

    @property
    def credits_dialog(self) -> QWidget | None:
        return self.inserts.credits_dialog

    def attach_store(self, store: Store, *, greet: bool = True) -> None:
        """The store has opened: fill the list, reopen last session's tabs, and (with
        `greet`) offer back unsaved work or a sample story."""
        self._store = store
        self.tabs.store = store
        self.store_label.setText(store.location.describe())
        self.story_list.set_store(store)
        self.live.attach(store)
        self._update_actions()
        if self._pending_tabs is not None:
            ids, current, editor_state = self._pending_tabs
            self._pending_tabs = None
            self.tabs.reopen(ids, current, editor_state)
        if greet:
            QTimer.singleShot(0, self.after_start)

    # ------------------------------------------------------------------ the tabs

    def editors(self) -> list[StoryEditor]:
        return self.tabs.editors()

    def current_editor(self) -> StoryEditor | None:
        return self.tabs.current_editor()

    def find_tab(self, story_id: int) -> StoryEditor | None:
        return self.tabs.find_tab(story_id)

    def new_story(self) -> StoryEditor:
        return self.tabs.new_story()

    def open_story(
        self, story_id: int, draft: StoryDraft | None = None, key: str | None = None
    ) -> StoryEditor | None:
        return self.tabs.open_story(story_id, draft, key)

    def _open_from_list(self, story_id: int) -> None:
        """Enter (or a double-click) in the list: the story opens and the cursor goes into it,
        its body (its headline while it has none)."""
        editor = self.open_story(story_id)
        if editor is not None:
            if editor.headline.text().strip():
                editor.focus_body()
            else:
                editor.focus_headline()

    # ------------------------------------------------------------------ keyboard

    def _panes(self) -> list[tuple[QWidget, QWidget | None]]:
        """Ctrl+Tab's stops: the story list, the story in front, its side panel."""
        panes: list[tuple[QWidget, QWidget | None]] = [
            (self.story_list, self.story_list.table_view)
        ]
        editor = self.current_editor()
        if editor is not None:
            start = editor.body_widget() if editor.headline.text().strip() else editor.headline
            panes.append((editor, start))
            panes.append((editor.side, editor.side.currentWidget()))
        return panes

    def _next_story(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next or previous story tab, round the end."""
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_side_tab(self, index: int) -> None:
        """Alt+1 to Alt+4: the side panel (shown if hidden) at Preview, Checks, Related or
        Pictures & tweets, with the focus in it."""
        editor = self.current_editor()
        if editor is None:
            return
        preview = self.actions_by_name["preview"]
        if not preview.isChecked():
            preview.setChecked(True)
            self.toggle_preview()
        editor.side.setCurrentIndex(index)
        page = editor.side.currentWidget()
        target = focus.first_focusable(page) if page is not None else None
        (target or editor.side.tabBar()).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _move_side_divider(self, step: int) -> None:
        editor = self.current_editor()
        if editor is not None and editor.side.isVisible():
            self._move_divider(editor.splitter, 1, step)

    @staticmethod
    def _move_divider(splitter: QSplitter, pane: int, step: int) -> None:
        """Give `pane` of `splitter` a step (a twentieth of the splitter) more room, or less;
        the splitter keeps each side's least width."""
        sizes = splitter.sizes()
        mine, theirs = splitter.widget(pane), splitter.widget(1 - pane)
        if len(sizes) < 2 or not all(sizes[:2]) or mine is None or theirs is None:
            return
        other = 1 - pane
        move = max(16, splitter.width() // 20) * step
        move = min(move, sizes[other] - theirs.minimumSizeHint().width())
        move = max(move, -(sizes[pane] - mine.minimumSizeHint().width()))
        if move:
            sizes[pane] += move
            sizes[other] -= move
            splitter.setSizes(sizes)

    def save_current(self) -> None:
        """Save the story in front (in the background; the status bar says when it landed)."""
        editor = self.current_editor()
        if editor is not None:
            self.tabs.save_editor(editor)

    def autosave(self) -> None:
        self.tabs.autosave()

    def close_tab(self, index: int) -> bool:
        closed = self.tabs.close_tab(index)
        self._update_actions()
        return closed

    def _editor_added(self, editor: StoryEditor) -> None:
        editor.show_source(self.actions_by_name["source"].isChecked())
        editor.stats_changed.connect(lambda w, c, m, e=editor: self._show_stats(e, w, c, m))
        self.inserts.connect_editor(editor)

    def _editor_changed(self, editor: StoryEditor) -> None:
        if editor is self.current_editor():
            self._update_title()
            self._update_actions()  # read-only now, or writable again

    def _update_title(self) -> None:
        editor = self.current_editor()
        if editor is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            self.save_state.clear()
            return
        headline = editor.headline.text().strip() or self.tr("Untitled story")
        self.setWindowTitle(f"{headline}[*] — {APP_NAME}")
        self.setWindowModified(editor.dirty)
        self.save_state.setText(self.tr("Unsaved changes") if editor.dirty else self.tr("Saved"))

    def _current_tab_changed(self, _index: int) -> None:
        self._update_title()
        self._update_actions()
        editor = self.current_editor()
        if editor is not None:
            self._show_stats(editor, *editor.stats())

    def _update_actions(self) -> None:
        editor = self.current_editor()
        actions.enable(
            self.actions_by_name,
            has_store=self.has_store,
            has_story=editor is not None,
            read_only_by=editor.locked_by if editor is not None and editor.read_only else None,
        )

    def _show_stats(self, editor: StoryEditor, words: int, chars: int, minutes: int) -> None:
        if editor is self.current_editor():
            read = self.tr("%n min read", "", minutes) if minutes else self.tr("no reading time")
            self.counts.setText(
                self.tr("{0} words · {1} characters · {2}").format(
                    QLocale().toString(words), QLocale().toString(chars), read
                )
            )

    # ------------------------------------------------------------------ greeting

    def after_start(self) -> None:
        """Once the window shows: offer back unsaved work, and a sample story to a new desk."""
        if not self.tabs.offer_recovery():  # one question at a time
            self.transfer.offer_sample()

    # ------------------------------------------------------------------ commands

    def _body_call(self, name: str, *args: object) -> None:
        editor = self.current_editor()
        if editor is None or editor.read_only:  # someone else edits it: no command changes it
            return
        focus = self.focusWidget()
        body = editor.active_body  # the visual editor or the Markdown source, as showing
        target = focus if name in ("undo", "redo") and hasattr(focus, name) else body
        if not hasattr(target, name):  # a table command in the source view: no cells there
            return
        getattr(target, name)(*args)
        if target is body:
            body.setFocus()
        editor.mirror.flush()  # a command's change is in the stored body at once

    def _cursor_in_table(self) -> bool:
        """Whether the table commands apply: a writable story's visual editor, its cursor in
        a table."""
        editor = self.current_editor()
        if editor is None or editor.read_only or editor.source_showing:
            return False
        return editor.visual.textCursor().currentTable() is not None

    def find(self, *, replace: bool = False) -> None:
        editor = self.current_editor()
        if editor is not None:
            (editor.find_bar.open_replace if replace else editor.find_bar.open)()

    def open_library(self) -> None:
        self.inserts.show_library()

    def credits_report(self) -> None:
        self.inserts.credits_report(self.story_list.selected_story_ids() or None)

    def toggle_preview(self) -> None:
        shown = self.actions_by_name["preview"].isChecked()
        self.tabs.preview_shown = shown
        for editor in self.editors():
            editor.side.setVisible(shown)
            if shown:
                editor.schedule_preview()

    def toggle_source(self) -> None:
        """View ▸ Markdown source: every open story shows its source (or the visual
        editor), and new ones open so, this session and the next."""
        source = self.actions_by_name["source"].isChecked()
        for editor in self.editors():
            editor.show_source(source)
        if source == self.settings.edits_source():
            return
        new = replace(self.settings, edit_in="source" if source else "visual")
        self.settings = new
        self.tabs.settings = new
        try:
            prefs.save(new)
        except (OSError, EditorDeskError) as exc:
            self.say(f"The choice of editor was not saved: {exc}", 8000)

    def show_history(self) -> None:
        from editordesk.gui.dialogs.history import HistoryDialog

        editor = self.current_editor()
        if editor is None:
            return
        if editor.story_id is None:
            self.say("A new story has no history until it is saved", 5000)
            return
        if editor.dirty and not editor.read_only:
            box = message_box(
                self,
                QMessageBox.Icon.Question,
                self.tr("Unsaved changes"),
                self.tr(
                    "Save your changes first? A restored revision replaces the text in the window."
                ),
            )
            box.setStandardButtons(
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel
            )
            box.exec()
            if box.standardButton(box.clickedButton()) != QMessageBox.StandardButton.Save:
                return
            if not self.tabs.save_and_wait(editor):
                return
        dialog = HistoryDialog(
            self.store,
            editor.story_id,
            self.author,
            self,
            base_version=editor.base_version,
            read_only_by=editor.locked_by if editor.read_only else None,
            window=self.live.window_id,
        )
        dialog.restored.connect(lambda record, e=editor: self._restored(e, record))
        dialog.exec()

    def _history_of(self, story_id: int) -> None:
        """History from the list: the story opens, then its revisions show."""
        if self.open_story(story_id) is not None:
            self.show_history()

    def _restored(self, editor: StoryEditor, record: StoryRecord) -> None:
        editor.load(record)
        self.tabs.refresh_tab(editor)
        self.story_list.refresh()
        self.say("Revision restored as a new revision", 4000)

    # ------------------------------------------------------------------ import and export

    def import_paths(self, paths: list[Path]) -> None:
        self.transfer.import_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.has_store and story_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = story_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def export_dialog(self, story_ids: list[int] | None = None) -> None:
        """Export the given stories, else those selected in the list, else the open one."""
        ids = story_ids or self.story_list.selected_story_ids()
        editor = self.current_editor()
        if not ids and editor is not None and editor.story_id is not None:
            ids = [editor.story_id]
        if not ids:
            self.say("Select stories in the list, or open one, to export", 5000)
            return
        self.transfer.export(
            ids, unsaved_open=editor is not None and editor.dirty and editor.story_id in ids
        )

    @property
    def last_batch(self) -> BatchExport | None:
        return self.transfer.last_batch

    # ------------------------------------------------------------------ settings and help

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
        self.tabs.settings = new
        self.author = new.author()
        self.autosave_timer.setInterval(max(1, new.autosave_seconds) * 1000)
        for editor in self.editors():
            editor.template_dir = new.template_dir or None
            editor.schedule_preview()
        if new.edits_source() != self.actions_by_name["source"].isChecked():
            self.actions_by_name["source"].setChecked(new.edits_source())
            for editor in self.editors():
                editor.show_source(new.edits_source())
        if (old.store, old.media) != (new.store, new.media):
            message_box(
                self,
                QMessageBox.Icon.Information,
                self.tr("Store changed"),
                self.tr("EditorDesk will use the new store the next time it starts."),
            ).exec()

    def show_shortcuts(self) -> None:
        from editordesk.gui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.menuBar(), self).exec()

    def about(self) -> None:
        from editordesk.gui.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    def warn(self, title: str, message: str) -> None:
        """A warning whose words (often a story's, a file's or the store's) show as written."""
        message_box(self, QMessageBox.Icon.Warning, title, message).exec()

    def say(self, text: str, timeout_ms: int = 0) -> None:
        """A line in the status bar (drawn as plain text), for `timeout_ms` or until the next;
        an empty line clears it."""
        if text:
            self.statusBar().showMessage(text, timeout_ms)
        else:
            self.statusBar().clearMessage()

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.tabs.confirm_all():
            event.ignore()
            return
        self.save_window_state()
        self.autosave_timer.stop()
        self.live.shut_down()
        wait_for_background()
        event.accept()

    # ------------------------------------------------------------------ window state

    def save_window_state(self) -> None:
        window_state.save_window_state(self, self._pending_tabs)

    def restore_window_state(self) -> None:
        self._pending_tabs = window_state.restore_window_state(self)
