"""HTML pages and CMS fragments through Jinja templates.

The body is written node by node with every text escaped; raw HTML an editor pasted goes
through the allow-list in `export.safe`. Figures, tweets and related links are rendered by
partial templates, so a desk can restyle any of them by dropping a file of the same name in
its own template folder, which is then rendered in Jinja's sandbox.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from editordesk.assets import resource
from editordesk.document import nodes as n
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.export.safe import clean_html, safe_href
from editordesk.files import write_atomic
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord, RelatedRecord, TweetRecord
from editordesk.text import long_date

TEMPLATE_NAMES = (
    "article.html",
    "fragment.html",
    "partials/figure.html",
    "partials/tweet.html",
    "partials/related.html",
)


@dataclass(frozen=True)
class HtmlOptions:
    """How a page is written: a whole page or a fragment, whose templates, images inline?"""

    fragment: bool = False
    template_dir: Path | None = None
    embed_images: bool = False
    lang: str = "en"
    # For the window's preview: pictures straight from the media folder, nothing copied.
    media_urls: bool = False


@dataclass
class RenderedHtml:
    """The page's text and the image files to put beside it (name -> file in the media)."""

    text: str
    files: dict[str, Path] = field(default_factory=dict)


def published_name(image: ImageRecord) -> str:
    """The file name an image gets beside an exported page: its own name plus a short hash,
    so pages exported into one folder share a picture and never overwrite each other's."""
    ext = PurePosixPath(image.path).suffix
    stem = PurePosixPath(image.original_name.replace("\\", "/")).stem
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem).strip("-")[:60]
    return f"{safe or 'image'}-{image.sha256[:10]}{ext}"


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


def _environment(template_dir: Path | None) -> jinja2.Environment:
    """One environment per state of a template folder: a desk may add or edit a template
    while EditorDesk runs, and the next export must use it."""
    if template_dir is None:
        return _cached_environment(None, ())
    if not template_dir.is_dir():
        raise ValidationError(f"template folder {template_dir} does not exist")
    state = tuple(
        sorted(
            (str(p.relative_to(template_dir)), p.stat().st_mtime_ns)
            for p in template_dir.rglob("*.html")
            if p.is_file()
        )
    )
    return _cached_environment(template_dir, state)


_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_DESK_MAX_ITEMS = 10_000_000
_HUGE_WIDTH = re.compile(r"[:%][^}%]*?\d{8,}")  # "{:>1000000000}", "%1000000000s"


class _DeskSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, also refusing arithmetic that would fill the memory: `'a' * 10**10`
    or `9 ** 9 ** 9` in a desk's template is stopped with a clear error."""

    intercepted_binops = frozenset({"*", "**", "%"})
    MAX_ITEMS = _DESK_MAX_ITEMS
    # Set once the templates have run out of time: they are not run again until a file in the
    # folder changes (a new environment), so a preview refreshed at every pause in typing, or
    # a batch of a hundred stories, does not spend ten seconds a time on the same loop.
    out_of_time = False

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise jinja2.exceptions.SecurityError(f"a power of {right} is too large")
        if operator == "%" and isinstance(left, str) and _HUGE_WIDTH.search(left):
            raise jinja2.exceptions.SecurityError("a format width is larger than a page needs")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | bytes | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > self.MAX_ITEMS
                ):
                    raise jinja2.exceptions.SecurityError(
                        f"repeating something {times:,} times makes more than "
                        f"{self.MAX_ITEMS:,} characters or items"
                    )
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and _HUGE_WIDTH.search(owner):
            raise jinja2.exceptions.SecurityError("a format width is larger than a page needs")
        return super().wrap_str_format(value)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)  # "x".ljust(10**9), "x".zfill(10**9)…
        return super().call(__context, __obj, *args, **kwargs)


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > _DESK_MAX_ITEMS:
            raise jinja2.exceptions.SecurityError(
                f"{value:,} is larger than a template may ask for ({_DESK_MAX_ITEMS:,})"
            )


def _bounded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses sizes no page needs (`center(10**9)`), keeping Jinja's marks."""

    @functools.wraps(fn)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[1:], kwargs)
        return fn(*args, **kwargs)

    return bounded


# A desk's template is stopped if it runs this long or writes this much: a loop inside a
# loop (each bounded by the sandbox) can still ask for 10**14 turns.
DESK_TEMPLATE_SECONDS = 10.0
DESK_PAGE_MAX_CHARS = 50_000_000


class _OutOfTime(Exception):
    """Raised inside a desk template's own code when its time is up."""


@contextlib.contextmanager
def _desk_clock(env: jinja2.Environment) -> Iterator[None]:
    """Time a desk template's code line by line, on this thread only, and stop it when
    DESK_TEMPLATE_SECONDS have passed; our own templates and Python code are not traced."""
    if not isinstance(env, _DeskSandbox):
        yield
        return
    if env.out_of_time:
        raise _OutOfTime
    deadline = time.monotonic() + DESK_TEMPLATE_SECONDS

    def on_line(frame: Any, event: str, arg: Any) -> Any:
        if event == "line" and time.monotonic() > deadline:
            env.out_of_time = True
            raise _OutOfTime
        return on_line

    def on_call(frame: Any, event: str, arg: Any) -> Any:
        # Jinja runs a compiled template with its environment among the module's globals.
        return on_line if frame.f_globals.get("environment") is env else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous)


def _render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """A template's text; a desk's template is stopped once it writes too much (its time is
    kept by `_desk_clock`, around the whole export)."""
    template = env.get_template(name)
    if not isinstance(env, _DeskSandbox):
        return template.render(**context)
    parts, size = [], 0
    for part in template.generate(**context):
        size += len(part)
        if size > DESK_PAGE_MAX_CHARS:
            raise jinja2.exceptions.SecurityError(
                f"it wrote more than {DESK_PAGE_MAX_CHARS:,} characters"
            )
        parts.append(part)
    return "".join(parts)


@contextlib.contextmanager
def _template_errors() -> Iterator[None]:
    """A template's failure as a sentence naming what to fix, never a traceback."""
    try:
        yield
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
    except _OutOfTime as exc:
        raise ValidationError(
            f"a template ran for more than {DESK_TEMPLATE_SECONDS:g} seconds and was stopped; "
            "look for a {% for %} loop inside another (the templates run again once one of "
            "their files is saved)"
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
    except (OverflowError, MemoryError) as exc:  # the sandbox's range limit, for one
        raise ValidationError(f"a template asked for too much and was stopped: {exc}") from exc


@functools.lru_cache(maxsize=8)
def _cached_environment(
    template_dir: Path | None, _state: tuple[tuple[str, int], ...]
) -> jinja2.Environment:
    """Ours trusted; a desk's own folder sandboxed, falling back to ours by name."""
    kwargs: dict[str, Any] = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": False,
        "keep_trailing_newline": True,
    }
    if template_dir is None:
        return jinja2.Environment(loader=_ResourceLoader(), **kwargs)
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(template_dir), _ResourceLoader()])
    env = _DeskSandbox(loader=loader, **kwargs)
    env.filters = {name: _bounded(fn) for name, fn in env.filters.items()}
    return env


class _BodyWriter:
    """One method per node type; everything it returns is already safe HTML."""

    def __init__(self, env: jinja2.Environment, image_src: Callable[[ImageRecord], str]) -> None:
        self.env = env
        self.image_src = image_src
        self.blocks: dict[type, Callable[[Any], str]] = {
            n.Paragraph: lambda b: f"<p>{self.inlines(b.children)}</p>",
            n.Heading: self.heading,
            n.BulletList: lambda b: self.list_("ul", b),
            n.OrderedList: lambda b: self.list_("ol", b),
            n.BlockQuote: lambda b: f"<blockquote>\n{self.block_seq(b.children)}\n</blockquote>",
            n.CodeBlock: self.code_block,
            n.Rule: lambda b: "<hr>",
            n.RawBlock: lambda b: clean_html(b.html).strip(),
            n.Figure: self.figure,
            n.Tweet: self.tweet,
            n.Shortcode: lambda b: "",
        }

    # blocks

    def block_seq(self, blocks: tuple[n.Block, ...], tight: bool = False) -> str:
        out = []
        for block in blocks:
            if tight and isinstance(block, n.Paragraph):
                out.append(self.inlines(block.children))
            else:
                html = self.blocks[type(block)](block)
                if html:
                    out.append(html)
        return "\n".join(out)

    def heading(self, block: n.Heading) -> str:
        level = max(block.level, 2)  # the headline is the page's only h1
        return f"<h{level}>{self.inlines(block.children)}</h{level}>"

    def list_(self, tag: str, block: n.BulletList | n.OrderedList) -> str:
        start = ""
        if isinstance(block, n.OrderedList) and block.start != 1:
            start = f' start="{block.start}"'
        items = "\n".join(
            f"<li>{self.block_seq(item.children, tight=block.tight)}</li>" for item in block.items
        )
        return f"<{tag}{start}>\n{items}\n</{tag}>"

    def code_block(self, block: n.CodeBlock) -> str:
        lang = ""
        if block.language:
            word = "".join(c for c in block.language.split()[0] if c.isalnum() or c in "-_+")
            lang = f' class="language-{word}"' if word else ""
        return f"<pre><code{lang}>{escape(block.text)}</code></pre>"

    def figure(self, block: n.Figure) -> str:
        image = block.image
        if image is None:
            return ""
        f = image.fields
        context = {
            "src": self.image_src(image),
            "alt": f.alt_text,
            "width": image.width,
            "height": image.height,
            "caption": Markup(clean_html(f.caption)) if f.caption else "",
            "credit": Markup(clean_html(f.credit)) if f.credit else "",
            "creator": f.creator,
            "licence": f.licence,
            "copyright": f.copyright,
        }
        return _render(self.env, "partials/figure.html", figure=context).strip()

    def tweet(self, block: n.Tweet) -> str:
        return tweet_html(self.env, block.tweet, block.handle, block.status_id)

    # inlines

    def inlines(self, inlines: tuple[n.Inline, ...]) -> str:
        out = []
        for node in inlines:
            if isinstance(node, n.Text):
                out.append(str(escape(node.text)))
            elif isinstance(node, n.Emphasis):
                out.append(f"<em>{self.inlines(node.children)}</em>")
            elif isinstance(node, n.Strong):
                out.append(f"<strong>{self.inlines(node.children)}</strong>")
            elif isinstance(node, n.Code):
                out.append(f"<code>{escape(node.text)}</code>")
            elif isinstance(node, n.Link):
                out.append(self.link(node))
            elif isinstance(node, n.SoftBreak):
                out.append("\n")
            elif isinstance(node, n.LineBreak):
                out.append("<br>\n")
            elif isinstance(node, n.RawInline):
                out.append(clean_html(node.html))
        return "".join(out)

    def link(self, node: n.Link) -> str:
        inner = self.inlines(node.children)
        href = safe_href(node.href)
        if href is None:
            return inner  # an unsafe link keeps its words, never its target
        title = f' title="{escape(node.title)}"' if node.title else ""
        return f'<a href="{escape(href)}"{title}>{inner}</a>'


def tweet_html(
    env: jinja2.Environment, record: TweetRecord | None, handle: str, status_id: str
) -> str:
    """A tweet as Twitter's own embed markup, through the tweet partial."""
    handle = record.handle if record else handle
    url = record.url if record else f"https://twitter.com/{handle}/status/{status_id}"
    context = {
        "text": Markup(clean_html(record.text)) if record and record.text else "",
        "name": (record.display_name if record else "") or handle,
        "handle": handle,
        "url": url,
        "date": record.posted.isoformat() if record and record.posted else "",
        "date_text": long_date(record.posted) if record and record.posted else "",
        "lang": record.language if record else "",
    }
    return _render(env, "partials/tweet.html", tweet=context).strip()


def render_tweet(record: TweetRecord, template_dir: Path | None = None) -> str:
    """One tweet's embed, exactly as a page will hold it (for the tweet dialog's preview)."""
    env = _environment(template_dir)
    with _template_errors(), _desk_clock(env):
        return tweet_html(env, record, record.handle, record.status_id)


def _related(links: tuple[RelatedRecord, ...]) -> list[dict[str, Any]]:
    out = []
    for link in links:
        if link.story_slug:
            href = f"{link.story_slug}.html" if link.story_id is not None else None
        else:
            href = safe_href(link.url or "")
        out.append(
            {
                "title": link.title,
                "href": href,
                "date": link.date.isoformat() if link.date else "",
                "date_text": long_date(link.date) if link.date else "",
                "section": link.section,
                "excerpt": link.excerpt,
            }
        )
    return out


def _data_uri(media: MediaFolder, image: ImageRecord) -> str:
    data = _read_image(media, image)
    return f"data:{image.mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def _read_image(media: MediaFolder, image: ImageRecord) -> bytes:
    try:
        return media.path_of(image.path).read_bytes()
    except OSError as exc:
        raise EditorDeskError(
            f"image {image.id} ({image.original_name or image.path}) is missing from the "
            f"media folder: {exc.strerror}"
        ) from exc


def render_html(article: n.Article, media: MediaFolder, options: HtmlOptions) -> RenderedHtml:
    """The page (or fragment) for an article, and the image files it refers to."""
    env = _environment(options.template_dir)
    files: dict[str, Path] = {}

    def image_src(image: ImageRecord) -> str:
        if options.embed_images:
            return _data_uri(media, image)
        if options.media_urls:
            return media.path_of(image.path).resolve().as_uri()
        name = published_name(image)
        source = media.path_of(image.path)
        if not source.is_file():
            _read_image(media, image)  # raises the clear "missing" error
        files[name] = source
        return name

    writer = _BodyWriter(env, image_src)
    with _template_errors(), _desk_clock(env):
        body = Markup(writer.block_seq(article.body.children))
        story = article.story
        figures = [b for b in n.walk(article.body.children) if isinstance(b, n.Figure) and b.image]
        lead = figures[0].image if figures else None
        context = {
            "lang": options.lang,
            "story": {
                "headline": story.headline,
                "standfirst": story.standfirst,
                "byline": story.byline,
                "dateline": story.dateline,
                "section": story.section,
                "tags": list(story.tags),
                "slug": story.slug,
                "status": story.status.value,
                "word_count": story.word_count,
                "publish_time": story.publish_time.isoformat() if story.publish_time else "",
                "publish_date_text": long_date(story.publish_time.date())
                if story.publish_time
                else "",
            },
            "body": body,
            "related": _related(article.related),
            "has_tweets": any(isinstance(b, n.Tweet) for b in n.walk(article.body.children)),
            "canonical": f"{story.slug}.html",
            "lead_image": {"src": image_src(lead), "alt": lead.fields.alt_text} if lead else None,
        }
        name = "fragment.html" if options.fragment else "article.html"
        # Characters HTML forbids (NUL, other controls, U+FFFE/U+FFFF) never reach a page,
        # whatever an older store or a desk template holds.
        text = _NOT_HTML.sub("", _render(env, name, **context))
    return RenderedHtml(text, files)


def write_html(article: n.Article, media: MediaFolder, target: Path, options: HtmlOptions) -> Path:
    """Write the page and its images beside it; every file appears whole or not at all."""
    rendered = render_html(article, media, options)
    target.parent.mkdir(parents=True, exist_ok=True)
    for name, source in rendered.files.items():
        dest = target.parent / name
        if not dest.is_file() or dest.stat().st_size != source.stat().st_size:
            write_atomic(dest, source.read_bytes())
    write_atomic(target, rendered.text.encode("utf-8"))
    return target
