"""Import: files from other desks become new drafts, one transaction per file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from editordesk.errors import EditorDeskError, InputError
from editordesk.interchange.docx import read_docx
from editordesk.interchange.markdown import MarkdownStory, read_markdown, store_body
from editordesk.media.folder import MediaFolder
from editordesk.model import StoryRecord
from editordesk.services.images import add_image
from editordesk.services.spelling import set_story_language
from editordesk.services.stories import create_story
from editordesk.services.story_queries import get_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store

Progress = Callable[[int, int, Path], None]
IMPORTERS = {".md": "Markdown", ".markdown": "Markdown", ".docx": "Word"}


@dataclass(frozen=True)
class ImportResult:
    """What became of one file: a story id, or the reason nothing was stored."""

    path: Path
    story: StoryRecord | None = None
    error: str | None = None
    report: str = ""  # what a Word file could not bring as it was, in one line


def _store_story(
    session: Session,
    media: MediaFolder,
    parsed: MarkdownStory,
    *,
    author: str,
    name: str,
    report: str = "",
) -> StoryRecord:
    """Every format ends the same way: its images into the library, its tweets recorded,
    then the story, so a failure at any step rolls the whole file back."""
    image_ids: dict[Path, int] = {}
    for figure in parsed.figures:
        if figure.path not in image_ids:
            image_ids[figure.path] = add_image(
                session, media, figure.data, figure.path.name, figure.fields
            ).id
    for tweet in parsed.tweets:
        put_tweet(
            session,
            tweet.ref,
            display_name=tweet.display_name,
            text=tweet.text,
            posted=tweet.posted,
            language=tweet.language,
        )
    draft = replace(parsed.draft, body=store_body(parsed, image_ids))
    note = f"imported from {name}" + (f" ({report})" if report else "")
    record = create_story(session, draft, author=author, strict_slug=False, note=note)
    if parsed.language:  # the front matter's language: the story's own, as the editor sets it
        set_story_language(session, record.id, parsed.language)
        record = replace(record, language=get_story(session, record.id).language)
    return record


def import_markdown(
    session: Session, media: MediaFolder, path: Path, *, author: str
) -> StoryRecord:
    """Read one .md file and store it as a new story, with its images and tweets."""
    return _store_story(session, media, read_markdown(path), author=author, name=path.name)


def import_docx(session: Session, media: MediaFolder, path: Path, *, author: str) -> StoryRecord:
    """Read a reporter's .docx and store it as a new draft, its pictures in the library."""
    return _import_docx(session, media, path, author=author)[0]


def _import_docx(
    session: Session, media: MediaFolder, path: Path, *, author: str
) -> tuple[StoryRecord, str]:
    """The story, and the one-line report of what could not come through as it was."""
    parsed = read_docx(path)
    story = _store_story(
        session, media, parsed, author=author, name=path.name, report=parsed.report
    )
    return story, parsed.report


def _import_markdown(
    session: Session, media: MediaFolder, path: Path, *, author: str
) -> tuple[StoryRecord, str]:
    return import_markdown(session, media, path, author=author), ""


_IMPORT = {"Markdown": _import_markdown, "Word": _import_docx}


def import_file(session: Session, media: MediaFolder, path: Path, *, author: str) -> StoryRecord:
    """Import one file of any format EditorDesk reads, chosen by its extension."""
    return _import_file(session, media, path, author=author)[0]


def _import_file(
    session: Session, media: MediaFolder, path: Path, *, author: str
) -> tuple[StoryRecord, str]:
    if path.is_dir():
        raise InputError("is a folder, not a story file", path)
    if not path.exists():
        raise InputError("does not exist", path)
    if not path.is_file():  # /dev/zero or a pipe behind a story's name would never end
        raise InputError("is not a regular file (a device, a pipe or a socket)", path)
    kind = IMPORTERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(IMPORTERS))
        raise InputError(f"is not a file EditorDesk imports (it reads {known})", path)
    try:
        return _IMPORT[kind](session, media, path, author=author)
    except InputError:
        raise
    except EditorDeskError as exc:
        raise InputError(str(exc), path) from exc


def import_files(
    store: Store, paths: Sequence[Path], *, author: str, progress: Progress | None = None
) -> list[ImportResult]:
    """Import each file in its own transaction: a bad file stores nothing, the rest go on."""
    results = []
    for done, path in enumerate(paths):
        if progress:
            progress(done, len(paths), path)
        try:
            with store.write() as session:
                story, report = _import_file(session, store.media, path, author=author)
            results.append(ImportResult(path, story=story, report=report))
        except EditorDeskError as exc:
            results.append(ImportResult(path, error=str(exc)))
    if progress:
        progress(len(paths), len(paths), paths[-1] if paths else Path())
    return results
