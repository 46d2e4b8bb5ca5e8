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

import re
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from editordesk.errors import InputError
from editordesk.interchange.docx.composer import Composer, byline_of
from editordesk.interchange.docx.emitter import escape_markdown, inline_markdown
from editordesk.interchange.docx.package import open_document, package_bytes
from editordesk.interchange.docx.reader import DocumentReader
from editordesk.interchange.markdown import MarkdownStory
from editordesk.model import StoryDraft, StoryStatus

__all__ = ["byline_of", "escape_markdown", "inline_markdown", "read_docx"]

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


def read_docx(path: Path) -> MarkdownStory:
    """Read and check one .docx file; every problem is an InputError naming the file.

    Figures get a path inside the file (`path / "word/media/image1.png"`), so each picture has
    its own key, and their `line` is the number of the paragraph the picture stands in.
    """
    try:
        document = open_document(package_bytes(path))
        paragraphs = DocumentReader(document).read()
        composer = Composer(paragraphs)
        composer.compose()
        parts = composer.parts(path)
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
    return MarkdownStory(path, draft, parts)
