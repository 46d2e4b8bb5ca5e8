"""The window's start: Qt application, settings, the store (or a clear reason it cannot be
opened and the choice of another), then the main window. The one place the GUI meets the
rest, and kept lean: everything not needed to show the window is imported later."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from editordesk.gui.main_window import MainWindow
    from editordesk.store.db import Store


def run(args: argparse.Namespace, files: Sequence[str] = ()) -> int:
    """The window; `files` (.md, .docx) are imported as new drafts once the store is open."""
    app, window = _start(
        getattr(args, "db", None),
        getattr(args, "media", None),
        getattr(args, "author", None),
        files=files,
        qt_options=getattr(args, "qt_options", ()),
    )
    code = app.exec()
    if window.has_store:
        window.store.close()
    return int(code)


def _start(
    db: str | None = None,
    media: str | None = None,
    author: str | None = None,
    *,
    greet: bool = True,
    files: Sequence[str] = (),
    qt_options: Sequence[str] = (),
) -> tuple[QApplication, MainWindow]:
    """The application and its window, shown at once; the store opens on the thread pool and
    is attached when ready (or the editor is told why it cannot be, and may choose another)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    _skip_source_scans()
    from editordesk import settings as prefs
    from editordesk.errors import EditorDeskError
    from editordesk.gui import plain
    from editordesk.gui.main_window import APP_NAME, MainWindow
    from editordesk.gui.workers import run_in_background

    # Qt's own options (-reverse, -style…), which the command line set aside for it.
    app = QApplication.instance() or _application_class()([*sys.argv[:1], *qt_options])
    assert isinstance(app, QApplication)
    plain.guard_tooltips(app)  # a tooltip holding a story's words never loads what it names
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("editordesk")

    problem = None
    try:
        settings = prefs.load()
    except EditorDeskError as exc:
        problem = f"{exc}\n\nEditorDesk starts with default settings."
        settings = prefs.Settings()
    if author:
        os.environ["EDITORDESK_AUTHOR"] = author
    from editordesk.gui import i18n

    i18n.install(app, settings.ui_language)  # before the first widget is made

    from editordesk.gui.theme import apply_theme

    apply_theme(app, settings.theme)  # light, dark or the system's, before anything is drawn

    window = MainWindow(None, settings)
    window.restore_window_state()
    trace = _startup_trace(window) if os.environ.get("EDITORDESK_STARTUP_TRACE") else None
    window.show()
    if problem:
        plain.warning(window, APP_NAME, problem)

    reopening = window.has_tabs_to_reopen
    upgrading = _messenger(window)  # from the worker to the status bar, on the UI thread
    upgrading.said.connect(lambda text: window.statusBar().showMessage(text))

    def open_store(db: str | None, media: str | None) -> object:
        from editordesk.store.db import Store
        from editordesk.store.location import resolve

        store = Store.open(resolve(db, media), on_upgrade=upgrading.said.emit)
        # What attaching the store needs (the watcher, locks, the list's reads, the database
        # models under them), and with last session's tabs what they need too: imported
        # here, not on the UI thread, where it would stall the window just shown.
        _load_services(tabs=reopening)
        return store

    def daily_backup(store: Store) -> str | None:
        """The day's backup, then the sweep of picture files a killed import left behind."""
        from editordesk.services.backup import daily_backup_or_warning
        from editordesk.services.housekeeping import sweep_when_due

        warning = daily_backup_or_warning(store.location, settings.backups_keep)
        try:
            sweep_when_due(store)
        except (EditorDeskError, OSError) as exc:  # tidying must never stop the work
            print(f"editordesk: the media folder was not tidied: {exc}", file=sys.stderr)
        return warning

    def backed_up(warning: str | None) -> None:
        if trace is not None:
            trace.note("chores")
        if warning:  # a failed backup must not keep the editor from working: say so, go on
            print(f"editordesk: {warning}", file=sys.stderr)
            window.statusBar().showMessage(warning[:1].upper() + warning[1:], 30_000)
        if quit_after_start:
            QTimer.singleShot(0, lambda: (window.close(), app.quit()))

    # Set by the packaging test (tests/packaging): start, attach the store, close, exit 0.
    quit_after_start = os.environ.get("EDITORDESK_QUIT_AFTER_START") == "1"

    opened = [Path(f) for f in files]  # files to import once the store is attached

    def attached(store: Store) -> None:
        window.statusBar().clearMessage()  # "Upgrading the store…", if it was
        if trace is not None:
            trace.note("attached")
            window.story_list.model.loaded.connect(trace.listed)
        window.attach_store(store, greet=greet and not quit_after_start and not opened)
        if opened:
            window.import_paths(list(opened))
            opened.clear()
        # The day's first backup runs once the list is filling, on a worker thread.
        run_in_background(
            daily_backup,
            store,
            on_done=backed_up,
            on_error=lambda exc: backed_up(f"today's automatic backup failed: {exc}"),
            owner=window,
        )

    def file_opened(path: str) -> None:
        """macOS hands "Open with" files to a running app as events, not arguments."""
        if window.has_store:
            window.import_paths([Path(path)])
        else:
            opened.append(Path(path))

    if isinstance(app, _application_class()):
        app.file_opened = file_opened  # type: ignore[attr-defined]
    else:  # an application made by someone else (a test run): watch its events instead,
        # through a filter that goes when the window goes
        app.installEventFilter(_file_open_filter(file_opened, window))

    def attempt(db: str | None, media: str | None) -> None:
        run_in_background(open_store, db, media, on_done=attached, on_error=failed)

    def failed(exc: Exception) -> None:
        box = plain.message_box(  # the reason quotes the store's path: shown as written
            window, QMessageBox.Icon.Critical, APP_NAME, f"The store cannot be opened.\n\n{exc}"
        )
        choose = box.addButton("Choose another store…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is choose:
            path, _ = QFileDialog.getSaveFileName(
                window,
                "Choose or create a store",
                str(Path.home()),
                "EditorDesk stores (*.sqlite);;All files (*)",
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if path:
                attempt(path, None)
                return
        window.close()
        app.exit(1)

    # Open the store once the window has painted. Importing the database layer holds the
    # interpreter for a quarter of a second, and a thread doing it competes for the GIL with
    # the window being drawn: the first sight of the window does not wait for it.
    def after_paint() -> None:
        app.setWindowIcon(app_icon())  # seven PNGs decoded: not before the window shows
        attempt(db or settings.store or None, media or settings.media or None)

    _after_first_paint(window, after_paint)
    return app, window


def _skip_source_scans() -> None:
    """PySide6 replaces `__import__` and, after every module imported from then on, reads the
    module's whole source text to see whether it names PySide6 (for its opt-in
    `from __feature__ import ...`, which EditorDesk does not use). Every module of the
    database layer, the document tree and the templates loaded after the window is up paid
    that read, which is a sixth of their import time. Here only the window's own modules
    count as using Qt, by name, without reading anything."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = _uses_qt


def _uses_qt(module: object) -> bool:
    return str(getattr(module, "__name__", "")).startswith(("editordesk.gui", "editordesk.app"))


def _after_first_paint(window: QWidget, then: Callable[[], None], latest_ms: int = 2000) -> None:
    """Call `then` once `window` has painted for the first time (or after `latest_ms`, should
    it not paint: started minimised, say), from the event loop, after the paint is done."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.fire()
            return False

        def fire(self) -> None:
            if not self.done:
                self.done = True
                window.removeEventFilter(self)
                QTimer.singleShot(0, then)
                self.deleteLater()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(latest_ms, watcher, watcher.fire)


def _load_services(*, tabs: bool) -> None:
    """Import what attaching the store needs beyond Qt, and with `tabs` what an open tab
    needs too (the document tree, the preview's templates): on a worker."""
    import editordesk.services.live
    import editordesk.services.locks
    import editordesk.services.stories

    if tabs:
        import editordesk.services.autosave
        import editordesk.services.preview
        import editordesk.services.saving  # noqa: F401


# What the window must not wait for: the database layer, the templates and the document
# tree's parsers, pictures, Word files (checked by tests/gui/test_main_window.py).
LAYERS_AFTER_PAINT = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "jinja2",
    "markdown_it",
    "yaml",
    "PIL",
    "docx",
    "lxml",
)


def _startup_trace(window: QObject) -> Any:
    """With EDITORDESK_STARTUP_TRACE set (bench/startup_bench.py): print the moment of the
    window's first paint, then of each start-up step named to `note`, and when the day's
    chores are done, the longest the UI thread went without turning its event loop since the
    first paint (a stall the editor would feel)."""
    import time

    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer

    class Trace(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.clock = QElapsedTimer()
            self.longest = 0
            self.seen_list = False
            self.ticker = QTimer(self, interval=5)
            self.ticker.timeout.connect(self._tick)
            window.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                self.note("painted")
                self.clock.start()
                self.ticker.start()
            return False

        def _tick(self) -> None:
            self.longest = max(self.longest, self.clock.restart())

        def listed(self) -> None:
            if not self.seen_list:
                self.seen_list = True
                self.note("listed")

        def note(self, name: str) -> None:
            print(name, f"{time.time():.6f}", flush=True)
            if name == "painted":  # the processor time spent so far: steadier when busy
                print("cpu", f"{time.process_time():.6f}", flush=True)
                loaded = sorted(set(LAYERS_AFTER_PAINT) & {m.split(".")[0] for m in sys.modules})
                print("loaded", ",".join(loaded) or "-", flush=True)
            if name == "attached":  # the longest stall while the store opened
                self._tick()
                print("stall_opening", self.longest, flush=True)
                self.longest = 0
            if name == "chores":  # and since, while the list filled and the chores ran
                self._tick()
                self.ticker.stop()
                print("stall", self.longest, flush=True)

    return Trace()


def app_icon() -> QIcon:
    """The window icon, from the PNGs in resources/icons (every size the platforms use)."""
    from PySide6.QtGui import QIcon, QPixmap

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


def _messenger(parent: QObject) -> Any:
    """A QObject with a `said(str)` signal: a worker thread emits, the UI thread hears (made
    here so Qt is imported only when the window starts)."""
    from PySide6.QtCore import QObject, Signal

    class Messenger(QObject):
        said = Signal(str)

    return Messenger(parent)


def _file_open_filter(on_file: Callable[[str], None], parent: QObject) -> QObject:
    """An application event filter passing QFileOpenEvent paths to `on_file` (made here so
    Qt is imported only when the window starts)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFileOpenEvent  # the event's type is QEvent.Type.FileOpen

    class Filter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if isinstance(event, QFileOpenEvent) and event.file():
                on_file(event.file())
                return True
            return super().eventFilter(watched, event)

    return Filter(parent)


def _application_class() -> type[QApplication]:
    """EditorDesk's QApplication: it takes the files the desktop hands over while running
    (macOS "Open with"), which arrive as events to the application object itself."""
    global _APP_CLASS
    if _APP_CLASS is None:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QFileOpenEvent
        from PySide6.QtWidgets import QApplication

        class EditorDeskApplication(QApplication):
            file_opened: Callable[[str], None] | None = None

            def event(self, event: QEvent) -> bool:
                if isinstance(event, QFileOpenEvent) and event.file() and self.file_opened:
                    self.file_opened(event.file())
                    return True
                return super().event(event)

        _APP_CLASS = EditorDeskApplication
    return _APP_CLASS


_APP_CLASS: type[QApplication] | None = None
