"""Stories out as Word documents: the document tree written through python-docx onto the named
styles of a reference .docx, so an office restyles its exports in Word, never in code."""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from PIL import Image as PILImage

from editordesk.document import nodes as n
from editordesk.errors import EditorDeskError
from editordesk.export import docx_oxml as ox
from editordesk.export.credit import credit_line
from editordesk.export.docx_format import (
    PLAIN,
    Context,
    Format,
    Segment,
    link_target,
    merge,
    xml_text,
)
from editordesk.export.docx_properties import set_story_properties
from editordesk.export.docx_properties import story_properties as story_properties  # public
from editordesk.export.docx_reference import Template, open_reference
from editordesk.export.safe import html_to_text
from editordesk.files import write_atomic
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord
from editordesk.text import language_tag, long_date, text_direction

LIST_LEVELS = 3  # deeper lists take the level-3 styles
RELATED_HEADING = "Related"

WORD_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif"})
EMU_PER_PIXEL = 9525  # at 96 dpi, Word's idea of a pixel
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)\s*>\Z", re.DOTALL)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BREAKS_OR_TABS = re.compile(r"[\t\r\n]")
_HIDDEN_TAGS = frozenset({"script", "style"})  # their content is code, never words


# ---------------------------------------------------------------- public API


def render_docx(
    article: n.Article, media: MediaFolder, *, reference: Path | None = None, lang: str = "en"
) -> bytes:
    """The story as .docx bytes, built in memory so a failure leaves nothing on disk; in the
    story's own language, else `lang` (the desk's)."""
    template = open_reference(reference)
    _DocxWriter(template, media, language_tag(article.story.language, lang)).article(article)
    return ox.package_bytes(template.document)


def write_docx(
    article: n.Article,
    media: MediaFolder,
    target: Path,
    *,
    reference: Path | None = None,
    lang: str = "en",
) -> Path:
    """Write the story to `target` atomically: readers see the old file or the new one."""
    data = render_docx(article, media, reference=reference, lang=lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target


def _has_rtl_letters(text: str) -> bool:
    """Whether `text` holds a letter written right to left (Arabic, Hebrew, Thaana…)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _level_style(base: str, depth: int) -> str:
    level = min(max(depth, 1), LIST_LEVELS)
    return base if level == 1 else f"{base} {level}"


def _to_word_image(data: bytes, name: str) -> bytes:
    """Bytes Word can show (WebP and odd encodings become PNG or JPEG)."""
    try:
        with PILImage.open(io.BytesIO(data)) as img:
            out = io.BytesIO()
            if img.mode in ("RGBA", "LA", "P") or "transparency" in img.info:
                img.save(out, "PNG")
            else:
                img.convert("RGB").save(out, "JPEG", quality=92)
    except (OSError, ValueError) as exc:
        raise EditorDeskError(f"{name} cannot be read as an image: {exc}") from exc
    return out.getvalue()


# ---------------------------------------------------------------- the writer


class _DocxWriter:
    """Walks the tree once, one method per node type, appending to the reference's body."""

    def __init__(self, template: Template, media: MediaFolder, lang: str = "en") -> None:
        self.doc = template.document
        self.lang = lang
        self.table_style = template.table
        self.styles = template.paragraph
        self.char_styles = template.character
        self.numbering = template.numbering
        self.media = media
        self._hiding: str | None = None  # inside a raw <script> or <style> in a paragraph
        self._dropped_at = -1  # where raw HTML with no words was left out of the segments
        self._pictures: dict[int, tuple[bytes, int, int]] = {}
        self._shapes = ox.Pictures(self.doc)
        self._end: ox.BodyEnd | ox.Container = ox.BodyEnd(self.doc)
        self._notes = ox.Footnotes(self.doc)
        self._footnotes: dict[int, n.Footnote] = {}
        self._pending_notes: list[tuple[int, n.Footnote]] = []
        self._in_note = False
        self._bookmarks = 0
        self._anchors: set[str] = set()
        section = self.doc.sections[-1]
        width, height = section.page_width or Cm(21), section.page_height or Cm(29.7)
        left, right = section.left_margin or Cm(2.54), section.right_margin or Cm(2.54)
        top, bottom = section.top_margin or Cm(2.54), section.bottom_margin or Cm(2.54)
        self.text_width = max(int(width - left - right), int(Cm(2)))
        self.text_height = max(int(height - top - bottom), int(Cm(2)))
        self._blocks: dict[type, Callable[[Any, Context], None]] = {
            n.Paragraph: self.paragraph,
            n.Heading: self.heading,
            n.BulletList: self.bullet_list,
            n.OrderedList: self.ordered_list,
            n.BlockQuote: self.block_quote,
            n.CodeBlock: self.code_block,
            n.Rule: self.rule,
            n.RawBlock: self.raw_block,
            n.Figure: self.figure,
            n.Tweet: self.tweet,
            n.Shortcode: self.shortcode,
            n.Table: self.table,
        }
        self._inlines: dict[type, Callable[[Any, Format, list[Segment]], None]] = {
            n.Text: self.text,
            n.Emphasis: self.emphasis,
            n.Strong: self.strong,
            n.Link: self.link,
            n.Code: self.code,
            n.LineBreak: self.line_break,
            n.SoftBreak: self.soft_break,
            n.RawInline: self.raw_inline,
            n.Strikethrough: self.strikethrough,
            n.FootnoteRef: self.footnote_ref,
            n.Image: self.image,
        }

    # -------------------------------------------------- the story

    def article(self, article: n.Article) -> None:
        story = article.story
        self.line("Title", story.headline)
        self.line("Subtitle", story.standfirst)
        byline = story.byline.strip()
        if byline:
            self.line("Byline", byline if re.match(r"(?i)by\s", byline) else f"By {byline}")
        when = long_date(story.publish_time.date(), self.lang) if story.publish_time else ""
        self.line("Dateline", " · ".join(part for part in (story.dateline.strip(), when) if part))
        self._footnotes = {note.number: note for note in article.footnotes}
        self._anchors = {
            block.anchor
            for block in n.walk(article.body.children)
            if isinstance(block, n.Heading) and block.anchor
        }
        self.blocks(article.body.children, Context())
        self.footnotes()
        self.related(article.links)
        self.language()
        set_story_properties(self.doc, story)

    def language(self) -> None:
        """The document's language; a right-to-left story's paragraphs, runs and tables run
        from the right, the body's and the notes' alike."""
        rtl = text_direction(self.lang) == "rtl"
        ox.set_language(self.doc, self.lang, rtl=rtl)
        if rtl:
            ox.right_to_left(self.doc.element.body, _has_rtl_letters)
            notes = ox.footnotes_root(self.doc)
            if notes is not None:
                ox.right_to_left(notes, _has_rtl_letters)

    def footnotes(self) -> None:
        """Each referenced note's text in the footnotes part, under the id its mark uses.
        A mark inside a note is written as its label (Word does not nest notes)."""
        body_end = self._end
        self._in_note = True
        for note_id, note in self._pending_notes:
            self._end = self._notes.add(note_id)
            first = len(self._end._element) if isinstance(self._end, ox.Container) else 0
            self.blocks(note.children, Context(body_style="Footnote Text"))
            container = self._end
            assert isinstance(container, ox.Container)
            paragraphs = container._element[first:]
            if not len(paragraphs) or paragraphs[0].tag != qn("w:p"):
                paragraph = self.new_paragraph("Footnote Text")
                container._element.remove(paragraph._p)
                container._element.insert(first, paragraph._p)
            ox.footnote_mark(
                WordParagraph(container._element[first], container.parent),
                self.char_styles["Footnote Reference"],
            )
        self._in_note = False
        self._end = body_end

    def related(self, related: tuple[n.RelatedLink, ...]) -> None:
        """A Related heading and one bulleted entry per link: title, then when and where."""
        if not related:
            return
        self.line("Related Heading", RELATED_HEADING)
        for resolved in related:
            item, href = resolved.link, resolved.href  # resolved once, in the tree
            target = link_target(href) if href else None
            title = item.title.strip() or (href or item.url or "").strip()
            details = ", ".join(
                part
                for part in (long_date(item.date, self.lang) if item.date else "", item.section)
                if part
            )
            tail = f" — {details}" if details else ""
            if item.excerpt.strip():
                tail += f". {item.excerpt.strip()}" if details else f" — {item.excerpt.strip()}"
            segments: list[Segment] = [(title, Format(href=target) if target else PLAIN)]
            if tail:
                segments.append((tail, PLAIN))
            self.emit(self.new_paragraph("Related Link"), segments)

    # -------------------------------------------------- paragraphs and runs

    def new_paragraph(self, style: str) -> WordParagraph:
        return self._end.add_paragraph(self.styles[style])

    def line(self, style: str, text: str) -> None:
        """A paragraph of plain text (a field of the story), skipped when empty."""
        if text.strip():
            self.emit(self.new_paragraph(style), [(text.strip(), PLAIN)])

    def inline_paragraph(
        self, style: str, inlines: tuple[n.Inline, ...], *, keep_empty: bool = False
    ) -> WordParagraph | None:
        segments = self.flatten(inlines)
        if not keep_empty and not any(text and text.strip() for text, _ in segments):
            return None
        paragraph = self.new_paragraph(style)
        self.emit(paragraph, segments)
        return paragraph

    def emit(self, paragraph: WordParagraph, segments: Iterable[Segment]) -> None:
        """Runs for the segments; consecutive ones with the same link share one hyperlink."""
        for (href, title), group in itertools.groupby(
            merge(segments), key=lambda segment: (segment[1].href, segment[1].title)
        ):
            if href is None:
                for text, fmt in group:
                    if fmt == PLAIN and text and not _BREAKS_OR_TABS.search(text):
                        paragraph._p.append(ox.text_run(xml_text(text)))  # the common case
                    else:
                        self.run(paragraph.add_run(), text, fmt)
                continue
            if href.startswith("#"):
                link = ox.add_internal_hyperlink(paragraph, href[1:], xml_text(title))
            else:
                link = ox.add_hyperlink(paragraph, href, xml_text(title))
            for text, fmt in group:
                self.run(ox.hyperlink_run(link, paragraph), text, fmt)

    def run(self, run: Run, text: str | None, fmt: Format) -> None:
        if fmt.note:
            ox.footnote_reference(run, self.char_styles["Footnote Reference"], fmt.note)
            return
        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if fmt.strike:
            ox.set_strike(run)
        if fmt.picture:
            ox.set_run_style(run, self.char_styles["Web Picture"])
        elif fmt.href is not None:
            ox.set_run_style(run, self.char_styles["Hyperlink"])
        elif fmt.code:
            ox.set_run_style(run, self.char_styles["Verbatim Char"])
        if text is None:
            run.add_break()
        else:
            self.put_text(run, text)

    @staticmethod
    def put_text(run: Run, text: str) -> None:
        """Text into a run, with newlines as line breaks and tabs as tabs."""
        for i, line in enumerate(xml_text(text).split("\n")):
            if i:
                run.add_break()
            for j, piece in enumerate(line.split("\t")):
                if j:
                    run.add_tab()
                if piece:
                    run.add_text(piece)

    # -------------------------------------------------- blocks

    def blocks(self, blocks: tuple[n.Block, ...], ctx: Context) -> None:
        for block in blocks:
            self._blocks[type(block)](block, ctx)

    def paragraph(self, node: n.Paragraph, ctx: Context) -> None:
        self.inline_paragraph(ctx.body_style, node.children)

    def heading(self, node: n.Heading, ctx: Context) -> None:
        """A heading, with a bookmark named by its anchor for in-story links to land on."""
        style = f"Heading {min(max(node.level, 1), 3)}"
        paragraph = self.inline_paragraph(style, node.children)
        if paragraph is not None and node.anchor and not self._in_note:
            self._bookmarks += 1
            ox.bookmark(paragraph, node.anchor, self._bookmarks)

    def table(self, node: n.Table, ctx: Context) -> None:
        """A Word table in the reference's table style, its header row repeated on every
        page it runs onto, each column aligned as the Markdown asked."""
        columns = max(len(node.header.cells), *(len(row.cells) for row in node.rows), 1)
        tbl = ox.add_table(self._end, self.table_style, columns, self.text_width)
        aligns = [
            align if align in ("left", "center", "right") else ""
            for align in (*node.align[:columns], *[""] * (columns - len(node.align)))
        ]
        style = self.styles["Table Text"]
        for index, row in enumerate((node.header, *node.rows)):
            cells = ox.add_row(tbl, self._end.parent, style, aligns, header=index == 0)
            for column, paragraph in enumerate(cells):
                if column < len(row.cells):
                    self.emit(paragraph, self.flatten(row.cells[column].children))

    def bullet_list(self, node: n.BulletList, ctx: Context) -> None:
        self.list_items(node.items, ctx, "List Bullet", None)

    def ordered_list(self, node: n.OrderedList, ctx: Context) -> None:
        """A numbering instance of its own, so each list counts from its own start."""
        style = _level_style("List Number", ctx.list_depth + 1)
        abstract_id, level = self.numbering[style]
        num_id = ox.new_list(self.doc, abstract_id, level, max(node.start, 0))
        self.list_items(node.items, ctx, "List Number", (num_id, level))

    def list_items(
        self,
        items: tuple[n.ListItem, ...],
        ctx: Context,
        base_style: str,
        numbering: tuple[int, int] | None,
    ) -> None:
        """Each item's first paragraph carries the bullet or number; the rest of the item
        continues under it, and lists inside it go one level deeper."""
        depth = ctx.list_depth + 1
        style = _level_style(base_style, depth)
        inner = Context(_level_style("List Continue", depth), depth)
        for item in items:
            children = item.children
            first = children[0] if children else None
            if isinstance(first, n.Paragraph):
                paragraph = self.inline_paragraph(style, first.children, keep_empty=True)
                children = children[1:]
            else:
                paragraph = self.new_paragraph(style)
            if numbering is not None and paragraph is not None:
                ox.set_list(paragraph, *numbering)
            self.blocks(children, inner)

    def block_quote(self, node: n.BlockQuote, ctx: Context) -> None:
        self.blocks(node.children, replace(ctx, body_style="Quote"))

    def code_block(self, node: n.CodeBlock, ctx: Context) -> None:
        text = node.text.rstrip("\n")
        if text.strip():
            self.put_text(self.new_paragraph("Source Code").add_run(), text)

    def rule(self, node: n.Rule, ctx: Context) -> None:
        ox.add_bottom_border(self.new_paragraph(ctx.body_style))

    def raw_block(self, node: n.RawBlock, ctx: Context) -> None:
        """Raw HTML keeps its words only (script and style contents dropped), one paragraph
        per blank-line-separated stretch."""
        for chunk in re.split(r"\n\s*\n", html_to_text(node.html)):
            self.line(ctx.body_style, " ".join(chunk.split()))

    def figure(self, node: n.Figure, ctx: Context) -> None:
        """The picture at text width (never above its own size) with its alt text (the
        caption when it has none) on the drawing, then its caption and credit."""
        image = node.image
        if image is None:
            return
        data, cx, cy = self.picture(image)
        fields = image.fields
        alt = xml_text(" ".join((fields.alt_text or fields.caption).split()))
        run = self.new_paragraph("Figure").add_run()
        try:
            self._shapes.add(run, image.id, data, cx, cy, alt)
        except UnrecognizedImageError:  # an encoding python-docx cannot parse: re-encode
            data = _to_word_image(data, self._image_name(image))
            self._pictures[image.id] = (data, cx, cy)
            self._shapes.add(run, image.id, data, cx, cy, alt)
        self.line("Caption", fields.caption)
        credit = credit_line(fields.credit, fields.creator)
        if credit:  # the desk's credit line, as the web page prints it
            self.line("Credit", f"Credit: {credit}")

    def picture(self, image: ImageRecord) -> tuple[bytes, int, int]:
        """The image's bytes and its size in EMU, read and worked out once per image."""
        cached = self._pictures.get(image.id)
        if cached is not None:
            return cached
        data = self.media.read_image(image)
        width, height = image.width, image.height
        if image.mime_type not in WORD_IMAGE_TYPES:
            data = _to_word_image(data, self._image_name(image))
        if width <= 0 or height <= 0:
            with PILImage.open(io.BytesIO(data)) as probe:
                width, height = probe.size
        cx = min(self.text_width, width * EMU_PER_PIXEL)
        cy = round(cx * height / width)
        if cy > self.text_height:  # a tall picture fits the page instead
            cy = self.text_height
            cx = round(cy * width / height)
        self._pictures[image.id] = (data, cx, cy)
        return self._pictures[image.id]

    @staticmethod
    def _image_name(image: ImageRecord) -> str:
        return f"image {image.id} ({image.original_name or image.path})"

    def tweet(self, node: n.Tweet, ctx: Context) -> None:
        """The tweet's words in the Tweet style, then who said it and when, linked to it."""
        record = node.tweet
        handle = (record.handle if record else node.handle).strip().removeprefix("@")
        url = node.url  # resolved once, in the tree
        if record is not None:
            for chunk in re.split(r"\n\s*\n", record.text):
                self.line("Tweet", chunk)
        name = record.display_name.strip() if record else ""
        at = f"@{handle}" if handle else ""
        who = f"{name} ({at})" if name and at else name or at
        when = (
            long_date(record.posted, self.lang) if record and record.posted else "View on Twitter"
        )
        segments: list[Segment] = [(f"— {who}, " if who else "— ", PLAIN)]
        target = link_target(url)
        segments.append((when, Format(href=target) if target else PLAIN))
        self.emit(self.new_paragraph("Tweet"), segments)

    def shortcode(self, node: n.Shortcode, ctx: Context) -> None:
        """An unknown shortcode is never output (preflight names it)."""

    # -------------------------------------------------- inlines

    def flatten(self, inlines: tuple[n.Inline, ...]) -> list[Segment]:
        """A paragraph's inlines as formatted stretches of text, in reading order."""
        out: list[Segment] = []
        self._hiding = None
        self._dropped_at = -1
        self.inlines(inlines, PLAIN, out)
        return out

    def inlines(self, inlines: tuple[n.Inline, ...], fmt: Format, out: list[Segment]) -> None:
        for node in inlines:
            self._inlines[type(node)](node, fmt, out)

    def text(self, node: n.Text, fmt: Format, out: list[Segment]) -> None:
        if self._hiding is not None or not node.text:
            return
        text = node.text.lstrip(" ") if self._after_dropped_space(out) else node.text
        if text:
            out.append((text, fmt))

    def _after_dropped_space(self, out: list[Segment]) -> bool:
        """Whether raw HTML with no words was just left out after a space: "and <script>…
        </script> end" reads with one space, as a browser shows it."""
        return self._dropped_at == len(out) > 0 and (out[-1][0] or "\n")[-1] == " "

    def emphasis(self, node: n.Emphasis, fmt: Format, out: list[Segment]) -> None:
        self.inlines(node.children, replace(fmt, italic=True), out)

    def strong(self, node: n.Strong, fmt: Format, out: list[Segment]) -> None:
        self.inlines(node.children, replace(fmt, bold=True), out)

    def strikethrough(self, node: n.Strikethrough, fmt: Format, out: list[Segment]) -> None:
        self.inlines(node.children, replace(fmt, strike=True), out)

    def footnote_ref(self, node: n.FootnoteRef, fmt: Format, out: list[Segment]) -> None:
        """A real Word footnote; inside a note, or with no text to it, its label in brackets."""
        if self._hiding is not None:
            return
        note = self._footnotes.get(node.number)
        if note is None or self._in_note:
            out.append((f"[{node.label}]", fmt))
            return
        note_id = len(self._pending_notes) + 1
        self._pending_notes.append((note_id, note))
        out.append((str(note_id), Format(note=note_id)))

    def image(self, node: n.Image, fmt: Format, out: list[Segment]) -> None:
        """A web picture is not fetched: a placeholder with its alt text, linked to it."""
        if self._hiding is not None:
            return
        words = " ".join(node.alt.split()) or node.src.strip()
        web = node.src.strip().lower().startswith(("https://", "http://"))
        target = link_target(node.src) if web else None  # a file name leads nowhere in Word
        label = f"[Picture: {words}]"
        out.append((label, replace(fmt, href=target, picture=True, title=node.title)))

    def link(self, node: n.Link, fmt: Format, out: list[Segment]) -> None:
        """A hyperlink when the address is safe to follow; otherwise just its words. A link
        to a heading of this story (`#anchor`) jumps to the heading's bookmark."""
        anchor = node.href.strip()
        if anchor.startswith("#") and anchor[1:] in self._anchors:
            target: str | None = anchor
        else:
            target = link_target(node.href)
        if target is None:
            self.inlines(node.children, fmt, out)
            return
        before = len(out)
        self.inlines(node.children, replace(fmt, href=target, title=node.title), out)
        if len(out) == before and self._hiding is None:  # [](url): show the address
            out.append((node.href.strip(), replace(fmt, href=target, title=node.title)))

    def code(self, node: n.Code, fmt: Format, out: list[Segment]) -> None:
        if self._hiding is None:
            out.append((node.text, replace(fmt, code=True)))

    def line_break(self, node: n.LineBreak, fmt: Format, out: list[Segment]) -> None:
        if self._hiding is None:
            out.append((None, fmt))

    def soft_break(self, node: n.SoftBreak, fmt: Format, out: list[Segment]) -> None:
        """A space, except at the start of a paragraph or right after a line break."""
        last_is_text = bool(out) and out[-1][0] is not None
        if self._hiding is None and last_is_text and not self._after_dropped_space(out):
            out.append((" ", fmt))

    def raw_inline(self, node: n.RawInline, fmt: Format, out: list[Segment]) -> None:
        """Inline HTML: <br> is a line break; the words between <script> or <style> and
        their end tag are dropped; any other tag leaves only its text."""
        tag = _TAG.match(node.html.strip())
        if tag is not None:
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name == "br":
                self.line_break(n.LineBreak(), fmt, out)
                return
            if name in _HIDDEN_TAGS and not self_closing:
                if not closing and self._hiding is None:
                    self._hiding = name
                elif closing and self._hiding == name:
                    self._hiding = None
                    self._dropped_at = len(out)
                return
        if self._hiding is None:
            words = _HTML_SPACE.sub(" ", html_to_text(node.html))  # HTML line ends are spaces
            if words:
                out.append((words, fmt))
            else:
                self._dropped_at = len(out)
