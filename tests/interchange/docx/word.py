"""Word files built the way Word writes them, for the importer's tests: hyperlinks, fields,
pictures, list levels, and the realistic copy a reporter files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from markdown_it import MarkdownIt

from editordesk.services.importing import import_files
from editordesk.store.db import Store
from tests.helpers import image_bytes

MD = MarkdownIt("commonmark")


def add_hyperlink(paragraph: Any, text: str, url: str, *, bold: bool = False) -> None:
    """python-docx has no hyperlink API: the w:hyperlink element, as Word writes it."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_field(paragraph: Any, instr: str, result: str) -> None:
    """A complex field (begin, code, separate, result, end), as Word writes HYPERLINK and SEQ."""

    def run_with(child: Any) -> Any:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)
        return child

    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "begin")
    code = run_with(OxmlElement("w:instrText"))
    code.text = instr
    code.set(qn("xml:space"), "preserve")
    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "separate")
    shown = run_with(OxmlElement("w:t"))
    shown.text = result
    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "end")


def add_picture(document: Any, data: bytes, alt: str = "") -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(data), width=Inches(1))
    if alt:
        run._r.xpath(".//wp:docPr")[0].set("descr", alt)
    return paragraph


def set_level(paragraph: Any, level: int) -> None:
    """Indent a list paragraph as Word's Tab key does: a w:numPr with the style's list."""
    numpr = paragraph.style.element.pPr.numPr
    ppr = paragraph._p.get_or_add_pPr()
    own = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), numpr.numId.get(qn("w:val")))
    own.append(ilvl)
    own.append(num)
    ppr.append(own)


def paragraph_style(document: Any, name: str) -> None:
    document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


SPECIAL = "1. Not a list * _ [x] <b> {{< x >}} # & &amp; 3 > 2 \\ `code` ~~~ +"
PICTURE = image_bytes("JPEG", size=(120, 80), color=(40, 90, 160))


def reporter_copy(path: Path) -> Path:
    """The realistic copy a reporter files: every structure the importer reads."""
    document = docx.Document()
    paragraph_style(document, "Credit")
    document.core_properties.keywords = "weather; harbour, storms"
    document.core_properties.author = "Someone Else"
    document.add_paragraph("Harbour wall gives way after week of storms", style="Title")
    document.add_paragraph(
        "Engineers say the sea wall could not take a fourth surge.", style="Subtitle"
    )
    document.add_paragraph("By Mara Quinn")
    p = document.add_paragraph("The harbour wall at Port Ellan ")
    p.add_run("collapsed").bold = True
    p.add_run(" on Thursday night, leaving a ")
    p.add_run("twelve-metre").italic = True
    p.add_run(" gap.")
    add_picture(document, PICTURE, alt="A gap in the harbour wall")
    document.add_paragraph("The breach at low tide.", style="Caption")
    document.add_paragraph("Photo: J. Doyle / Ellan Courier", style="Credit")
    document.add_heading("What the engineers found", level=1)
    p = document.add_paragraph("See ")
    add_hyperlink(p, "the council notice", "https://example.org/notice")
    p.add_run(".")
    document.add_heading("Who pays", level=2)
    document.add_paragraph("Fishing boats moved to Kilmore", style="List Bullet")
    document.add_paragraph("The ferry runs from the south slip", style="List Bullet")
    document.add_paragraph("Passengers wait at the hotel", style="List Bullet 2")
    document.add_paragraph("Close the pier", style="List Number")
    document.add_paragraph("Survey the wall", style="List Number")
    document.add_paragraph(SPECIAL)
    document.save(path)
    return path


def import_one(store: Store, path: Path) -> int:
    [result] = import_files(store, [path], author="Importer")
    assert result.error is None, result.error
    assert result.story is not None
    return result.story.id


def block_texts(markdown: str) -> list[str]:
    """The text of each paragraph, heading and list item as CommonMark reads it."""
    texts = []
    for token in MD.parse(markdown):
        if token.type != "inline":
            continue
        text = "".join(
            child.content if child.type == "text" else "\n" if "break" in child.type else ""
            for child in token.children or []
        )
        if not text.startswith("{{<"):
            texts.append(text)
    return texts
