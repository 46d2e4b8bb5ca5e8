"""Export: stories out of the store as files other tools read.

One `StoryBundle` is read per story in one session (the story, the images and tweets its body
shows); the format's writer, asked of `export.registry` by name, works from that bundle, with
no session open while files are written.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from editordesk.document.preflight import Finding, has_errors, preflight
from editordesk.document.shortcodes import references
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.export.registry import (
    FORMATS,
    ExportOptions,
    Format,
    StoryBundle,
    get_format,
    target_for,
)
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord
from editordesk.services.images import get_images
from editordesk.services.stories import fix_slugs, get_story
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store

__all__ = [
    "FORMATS",
    "ExportOptions",
    "ExportResult",
    "Format",
    "Outcome",
    "StoryBundle",
    "check_story",
    "export_stories",
    "load_bundle",
    "target_for",
]

Progress = Callable[[int, int, str], None]
_DEFAULT_OPTIONS = ExportOptions()


def load_bundle(session: Session, story_id: int) -> StoryBundle:
    story = get_story(session, story_id)
    refs = references(story.body)
    return StoryBundle(
        story, get_images(session, set(refs.image_ids)), get_tweets(session, set(refs.tweet_ids))
    )


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
    options: ExportOptions = _DEFAULT_OPTIONS,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[ExportResult]:
    """Export each story; one that fails or is stopped by preflight does not stop the rest."""
    fmt = get_format(format_name)
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
        if not bundle.story.slug_fixed:  # out under this slug: it stops following the headline
            with store.write() as session:
                fix_slugs(session, [story_id])
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
