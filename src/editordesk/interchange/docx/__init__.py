"""Reporters file copy as Word documents; this turns one into a draft so nobody retypes it.

The file is checked as a package before any of it is parsed (not a zip, a password, a zip bomb,
a damaged part: `package`), so a bad file is refused with one sentence and nothing is stored.
`reader` walks the body once into paragraphs; `composer` turns what Word means by styles into
the story: Title is the headline, Subtitle the standfirst, Heading N a subhead, bold and italic
runs emphasis, hyperlinks links, numbered and bulleted paragraphs lists; pictures go to the
image library with the caption and credit typed under them. `emitter` writes each block's
Markdown and parses it back before it is kept, so the words an editor sees are the words the
reporter typed, whatever characters they hold.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from editordesk.errors import InputError
from editordesk.interchange.docx.composer import Composer, _Chunk, byline_of
from editordesk.interchange.docx.emitter import escape_markdown, inline_markdown
from editordesk.interchange.docx.package import open_document, package_bytes
from editordesk.interchange.docx.reader import DocumentReader
from editordesk.interchange.docx.salvage import converter, custom_properties, drawings_to_png
from editordesk.interchange.markdown import MarkdownStory
from editordesk.model import RelatedRecord, StoryDraft, StoryStatus
from editordesk.ooxml import names as w
from editordesk.ooxml.names import STORY_PROPERTIES as PROP

__all__ = ["DocxStory", "byline_of", "escape_markdown", "inline_markdown", "read_docx"]

# Names Word and document generators put in the author field when nobody typed one.
PLACEHOLDER_AUTHORS = frozenset(
    {
        "",
        "python-docx",
        "windows user",
        "microsoft office user",
        "user",
        "admin",
        "administrator",
        "owner",
        "author",
        "unknown",
    }
)


def _core_properties(document: Any) -> tuple[str, str, tuple[str, ...]]:
    """(title, author, keywords) from the file's properties, if it has any."""
    try:
        part = document.part.package.part_related_by(RT.CORE_PROPERTIES)
        props = part.core_properties
        title, author, keywords = props.title or "", props.author or "", props.keywords or ""
    except (KeyError, AttributeError, ValueError):
        return "", "", ()
    if author.strip().lower() in PLACEHOLDER_AUTHORS:
        author = ""
    tags = tuple(t.strip() for t in re.split(r"[,;]", keywords) if t.strip())
    return " ".join(title.split()), author.strip(), tags


@dataclass(frozen=True)
class DocxStory(MarkdownStory):
    """A Word file read as a story, and `report`: what could not come through as it was,
    all of it in one line ("" when nothing was changed or left out)."""

    report: str = ""


def _convert_drawings(reader: DocumentReader) -> None:
    """WMF and EMF drawings to PNG in one LibreOffice run; those it cannot convert (or with
    no LibreOffice here) stay as named placeholders."""
    if not reader.drawings:
        return
    converted = drawings_to_png({p.member: p.data for p in reader.drawings})
    for picture in reader.drawings:
        png = converted.get(picture.member)
        kind = picture.placeholder.split(" ", 1)[1]
        if png is not None:
            picture.data, picture.placeholder = png, ""
            picture.member = picture.member.rsplit(".", 1)[0] + ".png"
            reader.count(f"{kind}s converted to PNG")
        else:
            why = "not converted" if converter() else "not converted (LibreOffice is not installed)"
            picture.placeholder, picture.data = f"{picture.placeholder}, {why}", b""
            reader.count(f"{kind}s kept as placeholders")


def _header_footer_words(document: Any) -> int:
    words = 0
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
            continue
        element = getattr(rel.target_part, "element", None)
        if element is not None:
            words += len("".join(t.text or "" for t in element.iter(w.W_T)).split())
    return words


def _report(reader: DocumentReader, document: Any) -> str:
    """Every change and loss, in one line."""
    counts = dict(reader.counts)
    body = reader.body
    if body is not None:
        changes = sum(
            1 for tag in (w.W_INS, w.W_DEL, w.W_MOVE_TO, w.W_MOVE_FROM) for _ in body.iter(tag)
        )
        if changes:
            counts = {"tracked changes accepted": changes, **counts}
    words = _header_footer_words(document)
    if words:
        counts["words in headers and footers left out"] = words
    return "; ".join(f"{what}: {number}" for what, number in counts.items())


def _exact(kept: str, shown: str) -> str:
    """A field as the export kept it, if the paragraph that shows it was not edited."""
    return kept if " ".join(kept.split()) == " ".join(shown.split()) else shown


def _related(kept: str, shown: list[tuple[str, str | None]]) -> tuple[RelatedRecord, ...]:
    """The Related section's links: as the export kept them (dates, sections, excerpts,
    stories in the store) while their titles are as shown, else as shown."""
    try:
        records = tuple(RelatedRecord.from_dict(d) for d in json.loads(kept or "[]"))
    except (ValueError, TypeError, AttributeError):
        records = ()
    titles = [" ".join((r.title or r.url or "").split()) for r in records]
    if titles == [title for title, _ in shown]:
        return records
    return tuple(RelatedRecord(title=title, url=href) for title, href in shown if title)


def _story_fields(props: dict[str, str], composer: Composer, draft: StoryDraft) -> StoryDraft:
    """An EditorDesk export's fields, read back from its custom properties."""
    try:
        status = StoryStatus(props.get(PROP.STATUS, ""))
    except ValueError:
        status = StoryStatus.DRAFT
    try:
        publish = (
            dt.datetime.fromisoformat(props[PROP.PUBLISH_TIME])
            if props.get(PROP.PUBLISH_TIME)
            else None
        )
    except ValueError:
        publish = None
    try:
        tags = tuple(str(t) for t in json.loads(props.get(PROP.TAGS) or "[]"))
    except (ValueError, TypeError):
        tags = draft.tags
    return replace(
        draft,
        headline=_exact(props.get(PROP.HEADLINE, ""), draft.headline),
        standfirst=_exact(props.get(PROP.STANDFIRST, ""), draft.standfirst),
        byline=_exact(props.get(PROP.BYLINE, ""), draft.byline),
        dateline=props.get(PROP.DATELINE, ""),
        section=props.get(PROP.SECTION, ""),
        slug=props.get(PROP.SLUG) or None,
        status=status,
        publish_time=publish,
        tags=tags,
        related=_related(props.get(PROP.RELATED, ""), composer.related),
    )


def read_docx(path: Path) -> DocxStory:
    """Read and check one .docx file; every problem is an InputError naming the file.

    Figures get a path inside the file (`path / "word/media/image1.png"`), so each picture has
    its own key, and their `line` is the number of the paragraph the picture stands in. A
    file EditorDesk wrote comes back with the fields its properties carry.
    """
    try:
        document = open_document(package_bytes(path))
        reader = DocumentReader(document)
        paragraphs = reader.read()
        _convert_drawings(reader)
        props = custom_properties(document)
        ours = props.get(PROP.GENERATOR) == "EditorDesk"
        composer = Composer(
            paragraphs, exact_headings=ours, web_pictures=reader.web_pictures, code=reader.code
        )
        composer.compose()
        notes = []
        for note in reader.notes:
            note_composer = Composer(
                note,
                exact_headings=True,
                fields=False,
                web_pictures=reader.web_pictures,
                code=reader.code,
            )
            note_composer.compose()
            dropped = sum(1 for c in note_composer.chunks if not isinstance(c, _Chunk))
            if dropped:
                reader.count("pictures and tweets in footnotes left out", dropped)
            notes.append(note_composer.blocks())
        parts = composer.parts(path, notes)
        core_title, core_author, tags = _core_properties(document)
    except InputError as exc:
        raise exc.at(path) from None
    headline = (
        " ".join(composer.headline)
        or core_title
        or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    )
    draft = StoryDraft(
        headline=headline,
        standfirst=" ".join(composer.standfirst),
        byline=composer.byline or core_author,
        tags=tags,
        status=StoryStatus.DRAFT,
    )
    if ours:
        draft = _story_fields(props, composer, draft)
    elif composer.datelines:
        draft = replace(draft, dateline=composer.datelines[0].split(" · ")[0].strip())
    return DocxStory(path, draft, parts, report=_report(reader, document))
