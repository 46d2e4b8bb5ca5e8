"""Build resources/templates/docx/reference.docx, the styles every Word export takes.

python-docx's own template lacks a Hyperlink character style and the desk's styles (Byline,
Dateline, Credit...), so the reference is made here from that template, by code, and shipped.
An office restyles the result in Word and passes it as the reference; the style names are
what the writer relies on. Run again after changing this script:

    python packaging/make_reference_docx.py [OUT.docx]

The output is reproducible (fixed dates inside and in the zip), so a test checks that the
shipped file is what this script makes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle

from editordesk.export.docx_oxml import clear_body, drop_style_numbering

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates" / "docx" / "reference.docx"
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)
MONO = "Courier New"  # on every Windows and Mac; LibreOffice maps it to Liberation Mono
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x40, 0x40, 0x40)
LIGHT = RGBColor(0x59, 0x59, 0x59)
LINK = RGBColor(0x05, 0x63, 0xC1)
KEEP_TABLE_STYLES = {"Normal Table", "Table Grid"}
# Parts of python-docx's template no export needs: Word 2010's duplicate style sheet, a
# thumbnail of someone else's page, and an empty bibliography.
DROP_PART_RELS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.THUMBNAIL,
}


def _paragraph_style(
    document: docx.document.Document, name: str, base: str = "Normal"
) -> ParagraphStyle:
    styles = document.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    style.priority = 20
    return style


def _character_style(document: docx.document.Document, name: str) -> CharacterStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.base_style = document.styles["Default Paragraph Font"]
    style.priority = 99
    style.unhide_when_used = True
    return style


def _table_style(document: docx.document.Document) -> None:
    """ "Story Table": Table Grid's lines with a bold, shaded header row, the style every
    exported table names (restyle it in Word to restyle every table)."""
    style = document.styles.add_style("Story Table", WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Table Grid"]
    style.quick_style = True
    style.priority = 20
    first_row = OxmlElement("w:tblStylePr", {qn("w:type"): "firstRow"})
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:b"))
    first_row.append(r_pr)
    tc_pr = OxmlElement("w:tcPr")
    tc_pr.append(
        OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "E7E6E6"})
    )
    first_row.append(tc_pr)
    style.element.append(first_row)


def build() -> docx.document.Document:
    document = docx.Document()
    clear_body(document)
    styles = document.styles

    section = document.sections[0]  # A4 portrait, Word's "Normal" margins
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.54))
    section.header_distance = section.footer_distance = Cm(1.25)

    # Some hundred table styles nobody exports with: without them the style sheet every
    # export parses and writes is a tenth of the size.
    for style in list(styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEEP_TABLE_STYLES:
            style.delete()

    # Body type stays on the theme fonts (Cambria for text, Calibri for headings).
    normal = styles["Normal"]
    normal.font.size = Pt(11)

    title = styles["Title"]
    title.font.size, title.font.bold, title.font.color.rgb = Pt(26), True, INK
    title.paragraph_format.space_after = Pt(6)

    subtitle = styles["Subtitle"]
    drop_style_numbering(subtitle)
    subtitle.font.size, subtitle.font.italic, subtitle.font.color.rgb = Pt(14), True, GREY
    subtitle.paragraph_format.space_after = Pt(12)

    byline = _paragraph_style(document, "Byline")
    byline.font.bold, byline.font.size = True, Pt(11)
    byline.paragraph_format.space_after = Pt(0)
    byline.paragraph_format.keep_with_next = True

    dateline = _paragraph_style(document, "Dateline")
    dateline.font.size, dateline.font.color.rgb = Pt(10), LIGHT
    dateline.paragraph_format.space_after = Pt(18)

    body = styles["Body Text"]
    for level in (1, 2, 3):
        heading = styles[f"Heading {level}"]
        heading.font.color.rgb = INK
        heading.next_paragraph_style = body

    body.paragraph_format.space_after = Pt(8)
    body.paragraph_format.line_spacing = 1.15

    quote = styles["Quote"]
    quote.font.italic, quote.font.color.rgb = True, GREY
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    quote.paragraph_format.space_after = Pt(8)

    figure = _paragraph_style(document, "Figure")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.space_before = Pt(6)
    figure.paragraph_format.space_after = Pt(4)

    caption = styles["Caption"]
    caption.font.bold, caption.font.italic = False, True
    caption.font.size, caption.font.color.rgb = Pt(9), GREY
    caption.paragraph_format.space_after = Pt(0)
    caption.paragraph_format.keep_with_next = True

    credit = _paragraph_style(document, "Credit")
    credit.font.size, credit.font.color.rgb = Pt(8), LIGHT
    credit.paragraph_format.space_after = Pt(12)

    code = _paragraph_style(document, "Source Code")
    code.font.name, code.font.size = MONO, Pt(10)
    code.paragraph_format.space_after = Pt(8)
    code.paragraph_format.line_spacing = 1.0

    verbatim = _character_style(document, "Verbatim Char")
    verbatim.font.name, verbatim.font.size = MONO, Pt(10)

    hyperlink = _character_style(document, "Hyperlink")
    hyperlink.font.color.rgb = LINK
    hyperlink.font.underline = WD_UNDERLINE.SINGLE

    tweet = _paragraph_style(document, "Tweet", "Quote")
    tweet.paragraph_format.keep_with_next = True

    related_heading = _paragraph_style(document, "Related Heading", "Heading 2")
    related_heading.next_paragraph_style = _paragraph_style(document, "Related Link", "List Bullet")

    note = _paragraph_style(document, "Footnote Text")
    note.font.size = Pt(9)
    note.paragraph_format.space_after = Pt(0)
    note_mark = _character_style(document, "Footnote Reference")
    note_mark.font.superscript = True

    web_picture = _character_style(document, "Web Picture")
    web_picture.font.color.rgb = LINK
    web_picture.font.italic = True

    cell = _paragraph_style(document, "Table Text")
    cell.font.size = Pt(10)
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Pt(2)
    _table_style(document)

    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in DROP_PART_RELS:
            del document.part.rels[rel_id]
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype in DROP_PART_RELS:
            del package_rels[rel_id]

    props = document.core_properties
    props.title = "EditorDesk reference document"
    props.subject = ""
    props.author = props.last_modified_by = "EditorDesk"
    props.comments = "Styles for Word exports: restyle freely, keep the style names."
    props.keywords = props.category = ""
    props.created = props.modified = FIXED
    props.revision = 1
    return document


def reproducible(data: bytes) -> bytes:
    """The same .docx with every zip entry dated `FIXED`, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    buffer = io.BytesIO()
    build().save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(reproducible(buffer.getvalue()))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
