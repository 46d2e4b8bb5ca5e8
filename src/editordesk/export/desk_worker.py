"""The worker process a desk's templates run in: stopped when it runs over its time (or, on
Linux, its memory), reused from story to story so a batch pays for it once.

Timing the templates inside this process (a tracer on every line) fought debuggers and
coverage, and could not stop a slow built-in; a process can be killed whatever it is doing.
On Linux it is forked, so it starts in milliseconds with the code already loaded; on macOS and
Windows, where fork is unsafe or missing, it is spawned.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from editordesk.errors import EditorDeskError, ValidationError
from editordesk.export import templating
from editordesk.export.templating import State

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")


class _Stopped(Exception):
    """The worker had to be stopped (its time ran out, or it died)."""


def _limit_memory() -> None:
    """On Linux, a worker may grow DESK_WORKER_MEMORY beyond its size at the start; past it,
    an allocation fails with MemoryError in the worker, never in the window."""
    if not sys.platform.startswith("linux"):
        return
    import resource as rlimit

    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
        limit = pages * os.sysconf("SC_PAGE_SIZE") + templating.DESK_WORKER_MEMORY
        rlimit.setrlimit(rlimit.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass


def _serve(conn: Connection, page_max: int) -> None:
    """The worker's loop: run each job, send back its result or its error as a sentence."""
    templating.DESK_PAGE_MAX_CHARS = page_max  # as the parent had it (spawn starts afresh)
    # A forked worker holds a copy of whatever the parent had printed but not yet flushed;
    # it must never write that out a second time.
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    _limit_memory()
    while True:
        try:
            job, folder, state, args = conn.recv()
        except (EOFError, OSError):
            os._exit(0)  # no clean-up of the parent's objects: they are the parent's
        templating._budget.left = templating.DESK_PAGE_MAX_CHARS
        templating._job_state.clear()
        templating._job_state[folder] = state
        try:
            with templating.template_errors(folder):
                reply: tuple[str, Any] = ("ok", job(*args))
        except EditorDeskError as exc:
            reply = ("error", (type(exc), str(exc)))
        except BaseException:  # sent back, to be raised where it was asked for
            reply = ("crash", traceback.format_exc())
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("error", (ValidationError, "a template asked for too much and was stopped")))


class _Worker:
    """One process running desk templates, and the pipe to it."""

    def __init__(self) -> None:
        import multiprocessing  # only once a desk's folder is used: not at start-up

        # Forked on Linux: cheap, and the worker starts with the templates' code loaded. Where
        # fork is unsafe or missing (macOS, Windows), a fresh interpreter instead.
        if sys.platform.startswith("linux"):
            context: Any = multiprocessing.get_context("fork")
        else:
            context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.page_max = templating.DESK_PAGE_MAX_CHARS
        self.process = context.Process(
            target=_serve,
            args=(theirs, self.page_max),
            daemon=True,
            name="desk-templates",
        )
        self.process.start()
        theirs.close()

    def run(
        self, job: Callable[..., T], key: tuple[Path, State], args: tuple[Any, ...], seconds: float
    ) -> T:
        try:
            self.conn.send((job, *key, args))
            if not self.conn.poll(seconds):
                raise _Stopped("time")
            kind, value = self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _Stopped("died") from exc
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "error":
            cls, message = value
            raise cls(message)
        raise RuntimeError(f"the desk-template worker failed:\n{value}")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def alive(self) -> bool:
        return self.process.is_alive() and self.page_max == templating.DESK_PAGE_MAX_CHARS


_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_MAX_IDLE = 2
# A folder (as its files stood) whose templates ran out of time: not run again until one of
# its files changes, so a preview refreshed at every pause in typing, or a batch of a hundred
# stories, does not spend ten seconds a time on the same loop.
_out_of_time: set[tuple[Path, State]] = set()


def _out_of_time_error() -> ValidationError:
    return ValidationError(
        f"a template ran for more than {templating.DESK_TEMPLATE_SECONDS:g} seconds and was "
        "stopped; look for a {% for %} loop inside another (the templates run again once one of "
        "their files is saved)"
    )


def run_desk(template_dir: Path, job: Callable[..., T], *args: Any) -> T:
    """`job(*args)` in a worker process, for a desk's template folder: stopped after
    DESK_TEMPLATE_SECONDS. `job` must be a module-level function (it is sent by name)."""
    key = (template_dir, templating.folder_state(template_dir))
    if key in _out_of_time:
        raise _out_of_time_error()
    with _idle_lock:
        worker = _idle.pop() if _idle else None
    if worker is None or not worker.alive():
        if worker is not None:
            worker.stop()
        worker = _Worker()
    keep = False
    try:
        result = worker.run(job, key, args, templating.DESK_TEMPLATE_SECONDS)
        keep = True
        return result
    except _Stopped as exc:
        if str(exc) == "time":
            _out_of_time.add(key)
            raise _out_of_time_error() from None
        worker.process.join(5)
        code = worker.process.exitcode
        how = f"was killed by signal {-code}" if code and code < 0 else f"ended (exit code {code})"
        raise ValidationError(
            f"the process running the desk's templates {how} before the page was done; "
            "a template may have asked for more memory than the computer could give"
        ) from None
    except EditorDeskError:
        keep = True
        raise
    finally:
        if keep:
            with _idle_lock:
                if len(_idle) < _MAX_IDLE:
                    _idle.append(worker)
                    worker = None
        if worker is not None:
            worker.stop()
