"""HTML pages and CMS fragments through Jinja templates.

The body is written node by node with every text escaped; raw HTML an editor pasted goes
through the allow-list in `export.safe`. Figures, tweets and related links are rendered by
partial templates, so a desk can restyle any of them by dropping a file of the same name in
its own template folder, which is then rendered in Jinja's sandbox (`export.templating`), in
a worker process (`export.desk_worker`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup, escape

from editordesk.document import nodes as n
from editordesk.document.typography import smarten
from editordesk.export.credit import credit_line
from editordesk.export.desk_worker import run_desk
from editordesk.export.safe import clean_html, clean_rendered, safe_href
from editordesk.export.templating import (
    builtin_environment,
    desk_environment,
    render,
    template_errors,
)
from editordesk.files import write_atomic
from editordesk.media.folder import MediaFolder
from editordesk.media.tweets import status_url
from editordesk.model import ImageRecord, TweetRecord
from editordesk.text import language_tag, long_date, text_direction

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
    # Curly quotes, dashes and ellipses in the words (never in code or addresses); a desk
    # that sets its own type turns it off.
    typography: bool = True


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


# Characters HTML forbids (NUL, other controls, U+FFFE/U+FFFF) never reach a page, whatever an
# older store or a desk template holds.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def _environment(template_dir: Path | None) -> jinja2.Environment:
    """Ours, or (inside the desk-template worker) the sandbox for a desk's folder."""
    return builtin_environment() if template_dir is None else desk_environment(template_dir)


class _BodyWriter:
    """One method per node type; everything it returns is already safe HTML."""

    def __init__(
        self,
        env: jinja2.Environment,
        image_src: Callable[[ImageRecord], str],
        lang: str = "en",
        typography: bool = True,
    ) -> None:
        self.env = env
        self.image_src = image_src
        self.lang = lang
        self.typography = typography
        self.last = ""  # the last character of words written, for which way a quote faces
        self.raw = False  # inside a run sanitised whole: raw HTML passes, cleaned after
        self.refs: dict[int, int] = {}  # footnote number -> references written so far
        self.held: list[str] = []  # our own pictures inside a raw run (see `cleaned`)
        self.blocks: dict[type, Callable[[Any], str]] = {
            n.Paragraph: lambda b: f"<p>{self.inlines(b.children)}</p>",
            n.Heading: self.heading,
            n.BulletList: lambda b: self.list_("ul", b),
            n.OrderedList: lambda b: self.list_("ol", b),
            n.BlockQuote: lambda b: f"<blockquote>\n{self.block_seq(b.children)}\n</blockquote>",
            n.CodeBlock: self.code_block,
            n.Rule: lambda b: "<hr>",
            n.RawBlock: lambda b: b.html.strip() if self.raw else clean_html(b.html).strip(),
            n.Figure: self.figure,
            n.Tweet: self.tweet,
            n.Shortcode: lambda b: "",
            n.Table: self.table,
        }
        self.inline: dict[type, Callable[[Any], str]] = {
            n.Text: self.text,
            n.Emphasis: lambda i: f"<em>{self.inlines(i.children)}</em>",
            n.Strong: lambda i: f"<strong>{self.inlines(i.children)}</strong>",
            n.Strikethrough: lambda i: f"<del>{self.inlines(i.children)}</del>",
            n.Code: lambda i: f"<code>{escape(i.text)}</code>",
            n.Link: self.link,
            n.SoftBreak: lambda i: "\n",
            n.LineBreak: lambda i: "<br>\n",
            n.RawInline: lambda i: i.html if self.raw else clean_html(i.html),
            n.FootnoteRef: self.footnote_ref,
            n.Image: self.image,
        }

    # blocks

    def block_seq(self, blocks: tuple[n.Block, ...], tight: bool = False) -> str:
        if not self.raw and n.RawBlock in map(type, blocks):
            return self._sanitised_whole(blocks, tight)
        out = []
        for block in blocks:
            self.last = ""  # a quote opening a block opens
            if tight and isinstance(block, n.Paragraph):
                out.append(self.inlines(block.children))
            else:
                html = self.blocks[type(block)](block)
                if html:
                    out.append(html)
        return "\n".join(out)

    def _sanitised_whole(self, blocks: tuple[n.Block, ...], tight: bool) -> str:
        """Blocks among raw HTML written as one piece and cleaned as one, so `<div>` …
        Markdown … `</div>` keeps its effect; figures and tweets (ours) stand apart."""
        out: list[str] = []
        run: list[n.Block] = []

        def flush() -> None:
            if run:
                self.raw = True
                try:
                    html = self.block_seq(tuple(run), tight)
                finally:
                    self.raw = False
                out.append(self.cleaned(html).strip())
                run.clear()

        for block in blocks:
            if isinstance(block, n.Figure | n.Tweet):
                flush()
                out.append(self.blocks[type(block)](block))
            else:
                run.append(block)
        flush()
        return "\n".join(x for x in out if x)

    def heading(self, block: n.Heading) -> str:
        level = max(block.level, 2)  # the headline is the page's only h1
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        return f"<h{level}{anchor}>{self.inlines(block.children)}</h{level}>"

    def table(self, block: n.Table) -> str:
        def row(cells: tuple[n.TableCell, ...], tag: str) -> str:
            out = []
            for i, cell in enumerate(cells):
                self.last = ""
                align = block.align[i] if i < len(block.align) else ""
                style = f' style="text-align: {align}"' if align else ""
                out.append(f"<{tag}{style}>{self.inlines(cell.children)}</{tag}>")
            return "<tr>\n" + "\n".join(out) + "\n</tr>"

        body = "\n".join(row(r.cells, "td") for r in block.rows)
        tbody = f"\n<tbody>\n{body}\n</tbody>" if block.rows else ""
        return f"<table>\n<thead>\n{row(block.header.cells, 'th')}\n</thead>{tbody}\n</table>"

    def footnotes(self, notes: tuple[n.Footnote, ...]) -> str:
        """The endnote list: each note's text and a link back to each place it is cited."""
        if not notes:
            return ""
        items = []
        for note in notes:
            backs = " ".join(
                f'<a href="#fnref:{note.number}{_suffix(k)}" class="footnote-backref" '
                f'aria-label="Back to reference {note.number}">\u21a9</a>'
                for k in range(1, max(self.refs.get(note.number, 0), 1) + 1)
            )
            text = self.block_seq(note.children)
            if text.endswith("</p>"):
                text = f"{text[:-4]} {backs}</p>"
            else:
                text = f"{text}\n<p>{backs}</p>"
            items.append(f'<li id="fn:{note.number}">\n{text}\n</li>')
        joined = "\n".join(items)
        return f'<section class="footnotes">\n<hr>\n<ol>\n{joined}\n</ol>\n</section>'

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
        if block.language:  # the fence's first word, as written (escaped)
            lang = f' class="language-{escape(block.language.split()[0])}"'
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
            "credit": Markup(clean_html(credit))
            if (credit := credit_line(f.credit, f.creator))
            else "",
            "creator": f.creator,
            "licence": f.licence,
            "copyright": f.copyright,
        }
        return render(self.env, "partials/figure.html", figure=context).strip()

    def tweet(self, block: n.Tweet) -> str:
        return tweet_html(
            self.env, block.tweet, block.handle, block.status_id, block.url, self.lang
        )

    # inlines

    def inlines(self, inlines: tuple[n.Inline, ...]) -> str:
        if not self.raw and n.RawInline in map(type, inlines):
            # Raw HTML around Markdown (`<del>*foo*</del>`): written whole, cleaned whole.
            self.raw = True
            try:
                html = "".join(self.inline[type(node)](node) for node in inlines)
            finally:
                self.raw = False
            return self.cleaned(html)
        return "".join(self.inline[type(node)](node) for node in inlines)

    def cleaned(self, html: str) -> str:
        """A run with raw HTML through the allow-list as one piece; the pictures our own
        Markdown placed come back afterwards, so pasted HTML never brings an <img> in."""
        html = clean_rendered(html)
        if self.held:
            html = _HELD.sub(lambda m: self.held[int(m.group(1))], html)
            self.held.clear()
        return html

    def text(self, node: n.Text) -> str:
        words = node.text
        if self.raw:
            words = _HELD_MARKS.sub("", words)
        if self.typography and words:
            words = smarten(words, self.lang, self.last)
        if words:
            self.last = words[-1]
        return str(escape(words))

    def link(self, node: n.Link) -> str:
        only = node.children[0] if len(node.children) == 1 else None
        if isinstance(only, n.Text) and only.text in (
            node.href,
            node.href.removeprefix("http://"),
            node.href.removeprefix("mailto:"),
        ):
            inner = str(escape(only.text))  # an address shown: never curled
        else:
            inner = self.inlines(node.children)
        if not node.href.strip():
            return f'<a href="">{inner}</a>'  # `[link]()`: a link to this page, as written
        href = safe_href(node.href)
        if href is None:
            return inner  # an unsafe link keeps its words, never its target
        title = f' title="{escape(node.title)}"' if node.title else ""
        return f'<a href="{escape(href)}"{title}>{inner}</a>'

    def image(self, node: n.Image) -> str:
        src = safe_href(node.src)
        if src is None:
            return str(escape(node.alt))  # an unsafe address keeps the picture's words
        title = f' title="{escape(node.title)}"' if node.title else ""
        html = f'<img src="{escape(src)}" alt="{escape(node.alt)}"{title}>'
        if self.raw:  # held back from the allow-list, put back after it (see `cleaned`)
            self.held.append(html)
            return f"\ue010{len(self.held) - 1}\ue011"
        return html

    def footnote_ref(self, node: n.FootnoteRef) -> str:
        count = self.refs.get(node.number, 0) + 1
        self.refs[node.number] = count
        return (
            f'<sup class="footnote-ref"><a href="#fn:{node.number}" '
            f'id="fnref:{node.number}{_suffix(count)}">{node.number}</a></sup>'
        )


_HELD = re.compile("\ue010(\\d+)\ue011")
_HELD_MARKS = re.compile("[\ue010\ue011]")


def _suffix(count: int) -> str:
    """The second and later references to one note get ids of their own."""
    return "" if count == 1 else f":{count}"


def tweet_html(
    env: jinja2.Environment,
    record: TweetRecord | None,
    handle: str,
    status_id: str,
    url: str = "",
    page_lang: str = "en",
) -> str:
    """A tweet as Twitter's own embed markup, through the tweet partial; `url` is the one the
    document tree resolved (a lone record links to its own). Its words run in their own
    language's direction (the browser finds it when the language is not known); its date is
    written in the page's language."""
    handle = record.handle if record else handle
    url = url or (record.url if record else status_url(handle, status_id))
    context = {
        "text": Markup(clean_html(record.text)) if record and record.text else "",
        "name": (record.display_name if record else "") or handle,
        "handle": handle,
        "url": url,
        "date": record.posted.isoformat() if record and record.posted else "",
        "date_text": long_date(record.posted, page_lang) if record and record.posted else "",
        "lang": record.language if record else "",
        "dir": text_direction(record.language) if record and record.language else "auto",
    }
    return render(env, "partials/tweet.html", tweet=context).strip()


def render_tweet(record: TweetRecord, template_dir: Path | None = None) -> str:
    """One tweet's embed, exactly as a page will hold it (for the tweet dialog's preview)."""
    if template_dir is None:
        with template_errors():
            return _tweet(None, record)
    return run_desk(template_dir, _tweet, template_dir, record)


def _tweet(template_dir: Path | None, record: TweetRecord) -> str:
    return tweet_html(_environment(template_dir), record, record.handle, record.status_id)


def _related(links: tuple[n.RelatedLink, ...], lang: str) -> list[dict[str, Any]]:
    out = []
    for resolved in links:
        link = resolved.link
        out.append(
            {
                "title": link.title,
                "href": resolved.href,
                "date": link.date.isoformat() if link.date else "",
                "date_text": long_date(link.date, lang) if link.date else "",
                "section": link.section,
                "excerpt": link.excerpt,
            }
        )
    return out


def _data_uri(media: MediaFolder, image: ImageRecord) -> str:
    data = media.read_image(image)
    return f"data:{image.mime_type};base64,{base64.b64encode(data).decode('ascii')}"


def render_html(article: n.Article, media: MediaFolder, options: HtmlOptions) -> RenderedHtml:
    """The page (or fragment) for an article, and the image files it refers to; a desk's
    own templates run in their worker process (`export.templating`)."""
    if options.template_dir is None:
        with template_errors():
            return _page(article, media, options)
    return run_desk(options.template_dir, _page, article, media, options)


def _page(article: n.Article, media: MediaFolder, options: HtmlOptions) -> RenderedHtml:
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
            media.read_image(image)  # raises the clear "missing" error
        files[name] = source
        return name

    story = article.story
    # The story's own language, else the one asked for (the desk's, English by default).
    lang = language_tag(story.language, options.lang)
    writer = _BodyWriter(env, image_src, lang, options.typography)
    text = writer.block_seq(article.body.children)
    notes = writer.footnotes(article.footnotes)
    body = Markup(f"{text}\n{notes}" if notes else text)
    figures = [b for b in n.walk(article.body.children) if isinstance(b, n.Figure) and b.image]
    lead = figures[0].image if figures else None
    context = {
        "lang": lang,
        "dir": text_direction(lang),
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
            "publish_date_text": (
                long_date(story.publish_time.date(), lang) if story.publish_time else ""
            ),
        },
        "body": body,
        "related": _related(article.links, lang),
        "has_tweets": any(isinstance(b, n.Tweet) for b in n.walk(article.body.children)),
        "canonical": f"{story.slug}.html",
        "lead_image": {"src": image_src(lead), "alt": lead.fields.alt_text} if lead else None,
    }
    name = "fragment.html" if options.fragment else "article.html"
    return RenderedHtml(_NOT_HTML.sub("", render(env, name, **context)), files)


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
