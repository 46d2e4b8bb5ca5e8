"""Export: stories out of the store as files other tools read.

One `StoryBundle` is read per story in one session (the story, the images and tweets its body
shows); every format's writer works from that bundle, with no session open while files are
written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from editordesk.document.shortcodes import scan
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.files import write_atomic
from editordesk.interchange.markdown import TWEET_NAMES, image_file_names, write_markdown
from editordesk.media.folder import MediaFolder
from editordesk.services.images import get_images
from editordesk.services.stories import get_story
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store
from editordesk.store.records import ImageRecord, StoryRecord, TweetRecord

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class StoryBundle:
    """A story with every library record its body refers to."""

    story: StoryRecord
    images: dict[int, ImageRecord]
    tweets: dict[str, TweetRecord]

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


@dataclass(frozen=True)
class ExportResult:
    story_id: int
    path: Path | None = None
    error: str | None = None


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


def export_markdown(bundle: StoryBundle, media: MediaFolder, target: Path) -> Path:
    """Write `target` (a .md file) and copy the story's images beside it."""
    images = bundle.images_in_order()
    names = image_file_names(images)
    text = write_markdown(bundle.story, bundle.images, bundle.tweets, names)
    target.parent.mkdir(parents=True, exist_ok=True)
    for image in images:
        _copy_image(media, image, target.parent / names[image.id])
    write_atomic(target, text.encode("utf-8"))
    return target


@dataclass(frozen=True)
class Format:
    """A way out of the store: its name, the file suffix and its writer."""

    name: str
    suffix: str
    write: Callable[[StoryBundle, MediaFolder, Path], Path]


FORMATS: dict[str, Format] = {"md": Format("md", ".md", export_markdown)}


def target_for(fmt: Format, story: StoryRecord, out: Path, single: bool) -> Path:
    """Where one story goes: `out` itself when it names one file for one story, else a
    folder per story named by its slug (a Hugo page bundle for Markdown)."""
    if single and out.suffix.lower() == fmt.suffix:
        return out
    if fmt.name == "md":
        return out / story.slug / "index.md"
    return out / f"{story.slug}{fmt.suffix}"


def export_stories(
    store: Store,
    story_ids: Sequence[int],
    format_name: str,
    out: Path,
    *,
    progress: Progress | None = None,
) -> list[ExportResult]:
    """Export each story; a failure is reported and the others still go out."""
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
        try:
            with store.read() as session:
                bundle = load_bundle(session, story_id)
            target = target_for(fmt, bundle.story, out, len(story_ids) == 1)
            results.append(ExportResult(story_id, path=fmt.write(bundle, store.media, target)))
        except EditorDeskError as exc:
            results.append(ExportResult(story_id, error=str(exc)))
        except OSError as exc:
            results.append(ExportResult(story_id, error=f"cannot write: {exc}"))
    if progress:
        progress(len(story_ids), len(story_ids), "done")
    return results
