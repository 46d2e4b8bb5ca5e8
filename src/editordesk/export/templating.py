"""Jinja environments for the HTML writer: ours trusted, a desk's own folder hardened.

A desk's templates are data from outside: they run in Jinja's sandbox, read only files whose
real path lies inside their folder, may not build anything larger than a page needs (every
intermediate string or collection, and the page as it is written), and fail with a sentence
naming their file and line. They run in a worker process (`export.desk_worker`) that is
stopped when it runs over the time (or, on Linux, the memory) set here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import threading
from collections.abc import Callable, Collection, Iterator, Sized
from pathlib import Path
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat, Expr, Impossible, TemplateData
from jinja2.sandbox import ImmutableSandboxedEnvironment

from editordesk.assets import resource
from editordesk.errors import EditorDeskError, ValidationError

# What a desk's templates may do. A loop inside a loop (each bounded by the sandbox) can still
# ask for 10**10 turns, and a filter on a bounded string can still multiply it; these stop both.
DESK_TEMPLATE_SECONDS = 10.0
DESK_PAGE_MAX_CHARS = 50_000_000
DESK_MAX_ITEMS = 10_000_000  # characters or items of any one value a template builds
DESK_TEMPLATE_MAX_BYTES = 1_000_000  # one template file
DESK_WORKER_MEMORY = 1 << 30  # bytes a worker may take beyond what it started with (Linux)

_HUGE_WIDTH = re.compile(r"[:%][^}%]*?\d{8,}")  # "{:>1000000000}", "%1000000000s"


class _ResourceLoader(jinja2.BaseLoader):
    """The shipped templates, read through importlib.resources (works from a wheel or bundle)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = jinja2.loaders.split_template_path(template)  # refuses ".." and the like
        try:
            text = resource("templates", "html", *parts).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        return text, None, lambda: True


class _DeskLoader(jinja2.BaseLoader):
    """A desk's folder: a name is read only if its real path (links followed) stays inside
    the folder and is a regular file of a template's size."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = Path(os.path.realpath(folder))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = jinja2.loaders.split_template_path(template)
        path = self.folder.joinpath(*parts)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = Path(os.path.realpath(path))
        if real != self.root and self.root not in real.parents:
            raise ValidationError(
                f"template {template!r} in {self.folder} leads outside the folder (to {real}); "
                "a desk template may use only files inside its own folder: copy the file in "
                "instead of linking to it"
            )
        try:
            info = real.stat()
        except OSError:
            raise jinja2.TemplateNotFound(template) from None
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise jinja2.TemplateNotFound(template)
            raise ValidationError(
                f"template {path} is not a regular file (a device, a pipe or a socket)"
            )
        if info.st_size > DESK_TEMPLATE_MAX_BYTES:
            raise ValidationError(
                f"template {path} is {info.st_size:,} bytes; a template may be at most "
                f"{DESK_TEMPLATE_MAX_BYTES:,}"
            )
        with open(real, "rb") as f:  # no more than the cap, whatever it grew to
            text = f.read(DESK_TEMPLATE_MAX_BYTES + 1).decode("utf-8")
        mtime = info.st_mtime_ns
        return text, str(path), lambda: real.stat().st_mtime_ns == mtime


def _too_big(size: int, what: str = "it") -> jinja2.exceptions.SecurityError:
    return jinja2.exceptions.SecurityError(
        f"{what} makes {size:,} characters or items, more than a template may build "
        f"({DESK_MAX_ITEMS:,})"
    )


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict | set) else 0


def _bounded_value(value: Any) -> Any:
    """`value`, unless it is a string or collection larger than a template may build."""
    size = _size(value)
    if size > DESK_MAX_ITEMS:
        raise _too_big(size)
    return value


def _check_sizes(args: tuple[Any, ...] | list[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > DESK_MAX_ITEMS:
            raise jinja2.exceptions.SecurityError(
                f"{value:,} is larger than a template may ask for ({DESK_MAX_ITEMS:,})"
            )


def _check_format(text: Any, args: Any) -> None:
    """`'{0}{0}{0}'.format(big)` or `'%s%s' % (big, big)`: each field may hold the largest
    argument, and a width no page needs is refused outright."""
    if not isinstance(text, str):
        return
    if _HUGE_WIDTH.search(text):
        raise jinja2.exceptions.SecurityError("a format width is larger than a page needs")
    values = args if isinstance(args, tuple | list) else [args]
    if isinstance(args, dict):
        values = list(args.values())
    widest = max((len(str(v)) for v in values if isinstance(v, str | bytes)), default=0)
    fields = text.count("{") + text.count("%")
    widths = sum(int(w) for w in re.findall(r"\d{4,}", text))  # '{0:9999999}' many times
    size = len(text) + fields * widest + widths
    if size > DESK_MAX_ITEMS:
        raise _too_big(size)


def _replaced_size(s: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(len(new) - len(old), 0)


def _joined_size(sep: Any, items: Any) -> int:
    if not isinstance(items, Collection):
        return 0
    pieces: int = sum(len(x) if isinstance(x, str) else max(_size(x) * 4, 8) for x in items)
    return pieces + len(str(sep)) * max(len(items) - 1, 0)


def _check_method(obj: Any, args: list[Any], kwargs: dict[str, Any]) -> None:
    """Refuse, before it runs, a method call whose result would multiply its inputs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name == "replace" and args:
            size = _replaced_size(owner, *args[:3])
        elif name == "join" and args:
            if not isinstance(args[0], Sized):
                args[0] = list(args[0])
            size = _joined_size(owner, args[0])
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            size = len(owner) + owner.count("\t") * (tab if isinstance(tab, int) else 8)
        elif name in ("format", "format_map"):
            given = args[0] if name == "format_map" and args else [*args, *kwargs.values()]
            _check_format(owner, given)
            return
        else:
            return
        if size > DESK_MAX_ITEMS:
            raise _too_big(size, f"{name}()")
    elif name == "generate_lorem_ipsum" or name == "lipsum":
        paragraphs = args[0] if args else kwargs.get("n", 5)
        if isinstance(paragraphs, int) and paragraphs * 1000 > DESK_MAX_ITEMS:
            raise _too_big(paragraphs * 1000, "lipsum()")


def _check_filter(name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    """Refuse, before it runs, a filter whose result would multiply its inputs."""
    value = args[0] if args else None
    if name == "replace" and args:
        old = args[1] if len(args) > 1 else kwargs.get("old", "")
        new = args[2] if len(args) > 2 else kwargs.get("new", "")
        count = args[3] if len(args) > 3 else kwargs.get("count")
        size = _replaced_size(str(value), str(old), str(new), -1 if count is None else count)
    elif name == "join" and args:
        sep = args[1] if len(args) > 1 else kwargs.get("d", "")
        size = _joined_size(sep, value)
    elif name == "indent" and isinstance(value, str):
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        per_line = width if isinstance(width, int) else len(str(width))
        size = len(value) + (value.count("\n") + 1) * per_line
    elif name == "wordwrap" and isinstance(value, str):
        width = args[1] if len(args) > 1 else kwargs.get("width", 79)
        wrap = args[3] if len(args) > 3 else kwargs.get("wrapstring") or "\n"
        lines = len(value) // max(width, 1) if isinstance(width, int) else len(value)
        size = len(value) + (lines + value.count("\n") + 1) * len(str(wrap))
    elif name == "format":
        _check_format(value, args[1:] or kwargs)
        return
    else:
        return
    if size > DESK_MAX_ITEMS:
        raise _too_big(size, f"the {name} filter")


def _bounded_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses sizes no page needs, before and after it runs, keeping Jinja's
    marks (pass_context and the like) on the wrapper."""

    @functools.wraps(fn)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[1:], kwargs)
        given = list(args)
        at = 1 if getattr(fn, "jinja_pass_arg", None) else 0  # after a context, if passed one
        if name == "join" and len(given) > at and not isinstance(given[at], Sized):
            given[at] = list(given[at])
        _check_filter(name, given[at:], kwargs)
        return _bounded_value(fn(*given, **kwargs))

    return bounded


class _BoundedCode(CodeGenerator):
    """Compiles a desk's template so that everything it builds is built when it runs, where
    the sandbox's checks see it: `a ~ b` is checked like every other value, and nothing but
    the template's own text is worked out while compiling (Jinja would otherwise fold
    `'x'|center(9000000) ~ 'x'|center(9000000)` into the compiled code, unchecked)."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")

    def _output_child_to_const(self, node: Expr, frame: Frame, finalize: Any) -> str:
        if not isinstance(node, TemplateData):
            raise Impossible
        return super()._output_child_to_const(node, frame, finalize)


class DeskSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, also refusing anything that would fill the memory: `'a' * 10**10`,
    `9 ** 9 ** 9`, a `~` or `+` doubling a string in a loop, `join`, `replace`, `format`,
    `indent`, `wordwrap` and friends multiplying one. Each is stopped with a clear error."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCode

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.filters = {name: _bounded_filter(name, fn) for name, fn in self.filters.items()}

    def bounded(self, value: Any) -> Any:
        return _bounded_value(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise jinja2.exceptions.SecurityError(f"a power of {right} is too large")
        if operator == "%":
            _check_format(left, right)
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | bytes | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > DESK_MAX_ITEMS
                ):
                    raise jinja2.exceptions.SecurityError(
                        f"repeating something {times:,} times makes more than "
                        f"{DESK_MAX_ITEMS:,} characters or items"
                    )
        if operator == "+" and _size(left) + _size(right) > DESK_MAX_ITEMS:
            raise _too_big(_size(left) + _size(right))
        return _bounded_value(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`s.format` as the sandbox hands it out (when it is looked up, so before `call`
        sees it), checked for what it would make before it runs."""
        owner = getattr(value, "__self__", None)
        wrapped = super().wrap_str_format(value)
        if wrapped is None or not isinstance(owner, str):
            return wrapped
        by_name = value.__name__ == "format_map"

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(owner, args[0] if by_name and args else [*args, *kwargs.values()])
            return wrapped(*args, **kwargs)

        return checked

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)  # "x".ljust(10**9), "x".zfill(10**9)…
        given = list(args)
        _check_method(__obj, given, kwargs)
        return _bounded_value(super().call(__context, __obj, *given, **kwargs))


_ENV_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "undefined": jinja2.StrictUndefined,
    "trim_blocks": False,
    "keep_trailing_newline": True,
}


@functools.cache
def builtin_environment() -> jinja2.Environment:
    """Our own templates, trusted."""
    return jinja2.Environment(loader=_ResourceLoader(), **_ENV_OPTIONS)


def folder_state(template_dir: Path) -> tuple[tuple[str, int], ...]:
    """The folder's templates and their times: a desk may add or edit a template while
    EditorDesk runs, and the next export must use it."""
    if not template_dir.is_dir():
        raise ValidationError(f"template folder {template_dir} does not exist")
    return tuple(
        sorted(
            (str(p.relative_to(template_dir)), p.lstat().st_mtime_ns)
            for p in template_dir.rglob("*.html")
        )
    )


State = tuple[tuple[str, int], ...]
# In the worker: the folder's state as the parent read it for the job under way, so the
# folder is listed once per page, not twice.
_job_state: dict[Path, State] = {}


def desk_environment(template_dir: Path) -> DeskSandbox:
    """The sandbox for a desk's folder as it is now, falling back to ours by name."""
    state = _job_state.get(template_dir)
    return _cached_desk_environment(template_dir, state or folder_state(template_dir))


@functools.lru_cache(maxsize=8)
def _cached_desk_environment(
    template_dir: Path, _state: tuple[tuple[str, int], ...]
) -> DeskSandbox:
    loader = jinja2.ChoiceLoader([_DeskLoader(template_dir), _ResourceLoader()])
    return DeskSandbox(loader=loader, optimized=False, **_ENV_OPTIONS)


# ------------------------------------------------------------------ the page as it is written


class _Budget(threading.local):
    """Characters a desk's templates may still write in the job under way (the page and all
    its partials together)."""

    left: int | None = None


_budget = _Budget()


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """A template's text; a desk's template is stopped as soon as it has written more than
    DESK_PAGE_MAX_CHARS (counted over the page and every partial it includes)."""
    template = env.get_template(name)
    if not isinstance(env, DeskSandbox):
        return template.render(**context)
    shared = _budget.left is not None  # inside a worker's job: one budget for the page
    left = _budget.left if _budget.left is not None else DESK_PAGE_MAX_CHARS
    parts = []
    for part in template.generate(**context):
        left -= len(part)
        if left < 0:
            raise jinja2.exceptions.SecurityError(
                f"it wrote more than {DESK_PAGE_MAX_CHARS:,} characters"
            )
        parts.append(part)
    if shared:
        _budget.left = left
    return "".join(parts)


# ------------------------------------------------------------------ errors as sentences


def _where(exc: BaseException, folder: Path | None) -> str | None:
    """`article.html:3` for the last line of a desk's template the error passed through."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if folder is not None and filename.startswith(os.path.join(folder, "")):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


@contextlib.contextmanager
def template_errors(folder: Path | None = None) -> Iterator[None]:
    """A template's failure as a sentence naming what to fix, never a traceback."""
    try:
        yield
    except EditorDeskError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationError(
            f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise ValidationError(f"template {exc.name!r} was not found") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise ValidationError(f"a template tried something unsafe and was stopped: {exc}") from exc
    except jinja2.UndefinedError as exc:
        raise ValidationError(
            f"a template used something EditorDesk does not provide: {exc}"
        ) from exc
    except RecursionError as exc:
        raise ValidationError(
            "a template includes or extends itself without end; check its {% include %} "
            "and {% extends %}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"a template file is not UTF-8 text ({exc.reason}); save it as UTF-8"
        ) from exc
    except (OverflowError, MemoryError) as exc:  # the sandbox's range limit, the worker's memory
        why = f": {exc}" if str(exc) else " (more memory than a page needs)"
        raise ValidationError(f"a template asked for too much and was stopped{why}") from exc
    except Exception as exc:  # 1/0, '{'.format(), range(1, 2, 0), wordwrap(0) in a desk's own
        where = _where(exc, folder)
        if where is None:
            raise  # not a template's doing: our own bug, shown as one
        raise ValidationError(
            f"template {where}: {type(exc).__name__}: {exc} (an error in the template's own "
            "code; the story was not exported)"
        ) from exc
