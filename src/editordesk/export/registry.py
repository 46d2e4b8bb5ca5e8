"""The export formats by name: {"html": ..., "docx": ..., "md": ...}, each a writer, its file
suffix, and whether preflight guards it.

A writer takes one `StoryBundle` (the story and every library record its body shows), the
media folder, a target path and the `ExportOptions`, and returns the path it wrote. To add a
format, write its writer beside the others and `register` it; the command line, the export
dialog and `services.exporting` find it here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editordesk.document.nodes import Article
from editordesk.document.parse import build_article
from editordesk.document.shortcodes import references
from editordesk.errors import ValidationError
from editordesk.files import write_atomic
from editordesk.interchange.markdown import image_file_names, write_markdown
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord, StoryRecord, TweetRecord


@dataclass(frozen=True)
class StoryBundle:
    """A story with every library record its body refers to."""

    story: StoryRecord
    images: dict[int, ImageRecord]
    tweets: dict[str, TweetRecord]

    @functools.cached_property
    def article(self) -> Article:
        """The story parsed into the document tree every writer walks (parsed once, for
        preflight and the writer alike)."""
        return build_article(self.story, self.images, self.tweets)

    def images_in_order(self) -> list[ImageRecord]:
        """The images as the body first shows them."""
        ids = references(self.story.body).image_ids
        return [self.images[i] for i in ids if i in self.images]


@dataclass(frozen=True)
class ExportOptions:
    """Everything the formats may be asked for; each takes what applies to it."""

    fragment: bool = False
    template_dir: Path | None = None
    embed_images: bool = False
    reference: Path | None = None
    force: bool = False
    typography: bool = True  # curly quotes, dashes and ellipses in the page
    lang: str = "en"  # the stories' language: the page's lang and its quotation marks


Writer = Callable[[StoryBundle, MediaFolder, Path, ExportOptions], Path]


@dataclass(frozen=True)
class Format:
    """A way out of the store: its name, file suffix, writer, and whether preflight guards it
    (the publishing formats; Markdown moves drafts between desks, finished or not)."""

    name: str
    suffix: str
    write: Writer
    checked: bool


def _copy_image(media: MediaFolder, image: ImageRecord, target: Path) -> None:
    data = media.read_image(image)
    if target.is_file() and target.read_bytes() == data:
        return
    write_atomic(target, data)


def write_md(bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions) -> Path:
    """Write `target` (a .md file) and copy the story's images beside it."""
    images = bundle.images_in_order()
    names = image_file_names(images)
    text = write_markdown(bundle.story, bundle.images, bundle.tweets, names)
    target.parent.mkdir(parents=True, exist_ok=True)
    for image in images:
        _copy_image(media, image, target.parent / names[image.id])
    write_atomic(target, text.encode("utf-8"))
    return target


def write_page(
    bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
) -> Path:
    """The HTML page (or fragment) and its pictures beside it."""
    from editordesk.export.html import HtmlOptions, write_html  # Jinja only when asked for

    html_options = HtmlOptions(
        fragment=options.fragment,
        template_dir=options.template_dir,
        embed_images=options.embed_images,
        typography=options.typography,
        lang=options.lang,
    )
    return write_html(bundle.article, media, target, html_options)


def write_word(
    bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
) -> Path:
    """The Word document, styled by the reference document."""
    from editordesk.export.docx import write_docx  # python-docx only when asked for

    return write_docx(bundle.article, media, target, reference=options.reference, lang=options.lang)


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Make `fmt` available by its name (a later one of the same name replaces it)."""
    FORMATS[fmt.name] = fmt
    return fmt


register(Format("html", ".html", write_page, checked=True))
register(Format("docx", ".docx", write_word, checked=True))
register(Format("md", ".md", write_md, checked=False))


def get_format(name: str) -> Format:
    """The format called `name`, or a sentence naming the ones there are."""
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ValidationError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return fmt


def target_for(fmt: Format, story: StoryRecord, out: Path, single: bool) -> Path:
    """Where one story goes: `out` itself when it names one file for one story, else a
    file named by its slug in the folder `out` (a Hugo page bundle for Markdown)."""
    if single and out.suffix.lower() == fmt.suffix:
        return out
    if fmt.name == "md":
        return out / story.slug / "index.md"
    return out / f"{story.slug}{fmt.suffix}"
