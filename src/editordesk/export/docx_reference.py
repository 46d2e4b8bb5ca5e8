"""The reference .docx a Word export is built on: checked like an imported Word file, stripped
of anything that runs or is fetched when Word opens it, and its styles looked up once."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.styles.style import BaseStyle
from lxml import etree

from editordesk.assets import resource
from editordesk.errors import EditorDeskError, ValidationError
from editordesk.export import docx_oxml as ox
from editordesk.ooxml.package import MAX_FILE_BYTES, PackageProblem, check_package

# Every style the writer names; a reference document must define them all.
PARAGRAPH_STYLES = (
    "Title",
    "Subtitle",
    "Byline",
    "Dateline",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Body Text",
    "Quote",
    "Figure",
    "Caption",
    "Credit",
    "Source Code",
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
    "List Continue",
    "List Continue 2",
    "List Continue 3",
)
CHARACTER_STYLES = ("Hyperlink", "Verbatim Char")
# Styles added for tweets, related links, tables and footnotes: a reference made before them
# still works, each taking the older style named beside it.
OPTIONAL_PARAGRAPH_STYLES = {
    "Tweet": "Quote",
    "Related Heading": "Heading 2",
    "Related Link": "List Bullet",
    "Footnote Text": "Body Text",
    "Table Text": "Body Text",
}
OPTIONAL_CHARACTER_STYLES = {"Footnote Reference": "Hyperlink", "Web Picture": "Hyperlink"}
TABLE_STYLES = ("Story Table", "Table Grid")  # the first the reference has
NUMBERED_STYLES = ("List Number", "List Number 2", "List Number 3")


@dataclass
class Template:
    """A freshly opened reference with its styles looked up once, by name."""

    document: Document
    paragraph: dict[str, str]  # style name -> style id
    character: dict[str, str]
    numbering: dict[str, tuple[int, int]]  # numbered style -> (abstract numbering, level)
    table: str = ""  # the table style's id ("" when the reference has none)


@functools.lru_cache(maxsize=1)
def _shipped_reference() -> bytes:
    """The shipped reference's bytes, read from the install once per process."""
    try:
        return resource("templates", "docx", "reference.docx").read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise EditorDeskError(f"cannot read the shipped Word reference document: {exc}") from exc


def _reference_bytes(reference: Path) -> bytes:
    """A reference document's bytes, refused in one sentence if it is not a Word package
    safe to unpack (a device, a zip bomb, a password, a damaged part)."""
    name = str(reference)
    if reference.exists() and not reference.is_file():  # a folder, a device, a pipe
        raise ValidationError(f"reference document {name} is not a Word file")
    try:
        if reference.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(
                f"reference document {name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        data = reference.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"reference document {name} does not exist") from exc
    except OSError as exc:
        raise ValidationError(
            f"cannot read reference document {name}: {exc.strerror or exc}"
        ) from exc
    try:
        check_package(data)
    except PackageProblem as problem:
        raise ValidationError(f"reference document {name} {problem}") from None
    return data


def open_reference(reference: Path | None) -> Template:
    """The reference (EditorDesk's own when None), opened afresh for one export, with its
    body emptied and whatever could run or fetch on opening removed."""
    if reference is None:
        data, name = _shipped_reference(), "the shipped reference.docx"
    else:
        data, name = _reference_bytes(reference), str(reference)
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as exc:
        raise ValidationError(
            f"reference document {name} is not a Word .docx file ({exc})"
        ) from exc
    ox.strip_active_content(document)

    paragraph: dict[str, BaseStyle] = {}
    character: dict[str, BaseStyle] = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            paragraph[style.name] = style
        elif style.type == WD_STYLE_TYPE.CHARACTER:
            character[style.name] = style
    missing = [s for s in PARAGRAPH_STYLES if s not in paragraph]
    missing += [s for s in CHARACTER_STYLES if s not in character]
    if missing:
        raise ValidationError(
            f"reference document {name} lacks the style(s) {', '.join(missing)}; "
            "start from EditorDesk's reference.docx and restyle it"
        )
    numbering: dict[str, tuple[int, int]] = {}
    for style_name in NUMBERED_STYLES:
        found = ox.style_numbering(document, paragraph[style_name])
        if found is None:
            raise ValidationError(
                f"reference document {name}: style {style_name} is not a numbered list style"
            )
        numbering[style_name] = found
    ox.clear_body(document)
    paragraph_ids = {name: paragraph[name].style_id for name in PARAGRAPH_STYLES}
    for style_name, fallback in OPTIONAL_PARAGRAPH_STYLES.items():
        optional = paragraph.get(style_name)
        paragraph_ids[style_name] = optional.style_id if optional else paragraph_ids[fallback]
    character_ids = {name: character[name].style_id for name in CHARACTER_STYLES}
    for style_name, fallback in OPTIONAL_CHARACTER_STYLES.items():
        optional = character.get(style_name)
        character_ids[style_name] = optional.style_id if optional else character_ids[fallback]
    tables = {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.TABLE}
    table = next((tables[name] for name in TABLE_STYLES if name in tables), "")
    return Template(document, paragraph_ids, character_ids, numbering, table)
