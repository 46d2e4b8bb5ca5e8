"""Export: stories out of the store as files other tools read.

One `StoryBundle` is read per story in one session (the story, the images and tweets its body
shows); every format's writer works from that bundle, with no session open while files are
written.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from editordesk.document.nodes import Article
from editordesk.document.parse import build_article
from editordesk.document.preflight import Finding, has_errors, preflight
from editordesk.document.shortcodes import scan
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.files import write_atomic
from editordesk.interchange.markdown import TWEET_NAMES, image_file_names, write_markdown
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord, StoryRecord, TweetRecord
from editordesk.services.images import get_images
from editordesk.services.stories import get_story
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store

Progress = Callable[[int, int, str], None]


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
        seen: dict[int, ImageRecord] = {}
        for sc in scan(self.story.body).shortcodes:
            ref = sc.get("image")
            if sc.name == "figure" and ref.isdigit() and int(ref) in self.images:
                seen.setdefault(int(ref), self.images[int(ref)])
        return list(seen.values())


def load_bundle(session: Session, story_id: int) -> StoryBundle:
    story = get_story(session, story_id)
    image_ids: set[int] = set()
    tweet_ids: set[str] = set()
    for sc in scan(story.body).shortcodes:
        if sc.name == "figure" and sc.get("image").isdigit():
            image_ids.add(int(sc.get("image")))
        elif sc.name in TWEET_NAMES and sc.get("id"):
            tweet_ids.add(sc.get("id"))
    return StoryBundle(story, get_images(session, image_ids), get_tweets(session, tweet_ids))


class Outcome(enum.StrEnum):
    EXPORTED = "exported"
    SKIPPED = "skipped"  # preflight found errors and the export was not forced
    FAILED = "failed"


@dataclass(frozen=True)
class ExportResult:
    story_id: int
    outcome: Outcome
    path: Path | None = None
    error: str | None = None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ExportOptions:
    """Everything the formats may be asked for; each takes what applies to it."""

    fragment: bool = False
    template_dir: Path | None = None
    embed_images: bool = False
    reference: Path | None = None
    force: bool = False


def _copy_image(media: MediaFolder, image: ImageRecord, target: Path) -> None:
    source = media.path_of(image.path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise EditorDeskError(
            f"image {image.id} ({image.original_name or image.path}) is missing from the "
            f"media folder: {exc.strerror}"
        ) from exc
    if target.is_file() and target.read_bytes() == data:
        return
    write_atomic(target, data)


def export_markdown(
    bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
) -> Path:
    """Write `target` (a .md file) and copy the story's images beside it."""
    images = bundle.images_in_order()
    names = image_file_names(images)
    text = write_markdown(bundle.story, bundle.images, bundle.tweets, names)
    target.parent.mkdir(parents=True, exist_ok=True)
    for image in images:
        _copy_image(media, image, target.parent / names[image.id])
    write_atomic(target, text.encode("utf-8"))
    return target


def export_html(
    bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
) -> Path:
    from editordesk.export.html import HtmlOptions, write_html

    html_options = HtmlOptions(
        fragment=options.fragment,
        template_dir=options.template_dir,
        embed_images=options.embed_images,
    )
    return write_html(bundle.article, media, target, html_options)


def export_docx(
    bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
) -> Path:
    from editordesk.export.docx import write_docx

    return write_docx(bundle.article, media, target, reference=options.reference)


@dataclass(frozen=True)
class Format:
    """A way out of the store: its name, file suffix, writer, and whether preflight guards it
    (the publishing formats; Markdown moves drafts between desks, finished or not)."""

    name: str
    suffix: str
    write: Callable[[StoryBundle, MediaFolder, Path, ExportOptions], Path]
    checked: bool


FORMATS: dict[str, Format] = {
    "html": Format("html", ".html", export_html, checked=True),
    "docx": Format("docx", ".docx", export_docx, checked=True),
    "md": Format("md", ".md", export_markdown, checked=False),
}


def target_for(fmt: Format, story: StoryRecord, out: Path, single: bool) -> Path:
    """Where one story goes: `out` itself when it names one file for one story, else a
    file named by its slug in the folder `out` (a Hugo page bundle for Markdown)."""
    if single and out.suffix.lower() == fmt.suffix:
        return out
    if fmt.name == "md":
        return out / story.slug / "index.md"
    return out / f"{story.slug}{fmt.suffix}"


def check_story(bundle: StoryBundle, media: MediaFolder) -> list[Finding]:
    """Preflight findings for one story, as every exporter and the window see them."""

    def exists(image: ImageRecord) -> bool:
        try:
            return media.path_of(image.path).is_file()
        except EditorDeskError:
            return False

    return preflight(bundle.article, exists)


def export_stories(
    store: Store,
    story_ids: Sequence[int],
    format_name: str,
    out: Path,
    options: ExportOptions = ExportOptions(),
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[ExportResult]:
    """Export each story; one that fails or is stopped by preflight does not stop the rest."""
    fmt = FORMATS.get(format_name)
    if fmt is None:
        raise ValidationError(
            f"unknown export format {format_name!r}; use one of {', '.join(FORMATS)}"
        )
    if (
        out.exists()
        and not out.is_dir()
        and not (len(story_ids) == 1 and out.suffix.lower() == fmt.suffix)
    ):
        raise ValidationError(f"{out} is a file; give a folder to export into")
    results = []
    for done, story_id in enumerate(story_ids):
        if progress:
            progress(done, len(story_ids), f"story {story_id}")
        if cancelled():  # asked after reporting, so a Cancel seen at "2 done" stops story 3
            break
        results.append(_export_one(store, story_id, fmt, out, options, len(story_ids) == 1))
    if progress:
        progress(len(story_ids), len(story_ids), "done")
    return results


def _export_one(
    store: Store, story_id: int, fmt: Format, out: Path, options: ExportOptions, single: bool
) -> ExportResult:
    try:
        with store.read() as session:
            bundle = load_bundle(session, story_id)
        findings = tuple(check_story(bundle, store.media)) if fmt.checked else ()
        if has_errors(list(findings)) and not options.force:
            return ExportResult(story_id, Outcome.SKIPPED, findings=findings)
        target = target_for(fmt, bundle.story, out, single)
        path = fmt.write(bundle, store.media, target, options)
        return ExportResult(story_id, Outcome.EXPORTED, path=path, findings=findings)
    except EditorDeskError as exc:
        return ExportResult(story_id, Outcome.FAILED, error=str(exc))
    except OSError as exc:  # a full disk, a folder we may not write to…
        where = f" {exc.filename}" if exc.filename and ".tmp" not in str(exc.filename) else ""
        return ExportResult(
            story_id,
            Outcome.FAILED,
            error=f"cannot write{where}: {exc.strerror or exc} (no half-written file was left)",
        )
