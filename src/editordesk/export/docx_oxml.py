"""The raw OOXML python-docx has no API for (hyperlinks, borders, list restarts, alt text),
kept in one small module so the writer above it reads as plain python-docx."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# ---------------------------------------------------------------- hyperlinks


def add_hyperlink(paragraph: Paragraph, url: str, tooltip: str = "") -> object:
    """A `w:hyperlink` at the end of `paragraph`, pointing at `url` through an external
    relationship; the caller fills it with `hyperlink_run`. `url` must already be safe."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id})
    if tooltip:
        link.set(qn("w:tooltip"), tooltip)
    paragraph._p.append(link)
    return link


def hyperlink_run(link: object, paragraph: Paragraph) -> Run:
    """A new run inside a hyperlink made by `add_hyperlink`."""
    return Run(link.add_r(), paragraph)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- borders

# What may follow w:pBdr inside w:pPr (the schema fixes the order of its children).
_AFTER_PBDR = (
    "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct "
    "w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind "
    "w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc w:textDirection "
    "w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr "
    "w:pPrChange"
).split()


def add_bottom_border(paragraph: Paragraph, *, size: int = 6, space: int = 1) -> None:
    """A thin rule under the paragraph: how a thematic break reads on paper.
    `size` is in eighths of a point, `space` in points."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        p_pr.insert_element_before(borders, *_AFTER_PBDR)
    bottom = OxmlElement(
        "w:bottom",
        {
            qn("w:val"): "single",
            qn("w:sz"): str(size),
            qn("w:space"): str(space),
            qn("w:color"): "auto",
        },
    )
    borders.append(bottom)


# ---------------------------------------------------------------- numbering


def style_numbering(document: Document, style: BaseStyle) -> tuple[int, int] | None:
    """(abstract numbering id, level) behind a list style, following its `w:numPr` to the
    numbering part; None when the style is not numbered."""
    p_pr = style.element.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    try:
        numbering = document.part.numbering_part.element
        num = numbering.num_having_numId(num_pr.numId.val)
    except (KeyError, NotImplementedError):
        return None
    return num.abstractNumId.val, level


def new_list(document: Document, abstract_id: int, level: int, start: int) -> int:
    """A fresh numbering instance that counts from `start` at `level`: every list gets its
    own, so a second list restarts instead of carrying on from the first."""
    num = document.part.numbering_part.element.add_num(abstract_id)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return num.numId


def set_list(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Put `paragraph` in the numbering instance `num_id` at `level`."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def drop_style_numbering(style: BaseStyle) -> None:
    """Remove a stray `w:numPr` from a style (the default template's Subtitle has one with
    no list behind it)."""
    p_pr = style.element.pPr
    if p_pr is not None:
        p_pr._remove_numPr()


# ---------------------------------------------------------------- pictures and body


def set_alt_text(shape: InlineShape, text: str) -> None:
    """The picture's description, which screen readers and Word's Alt Text pane show."""
    shape._inline.docPr.set("descr", text)


def clear_body(document: Document) -> None:
    """Everything in the body but its section properties, so a reference document with
    sample text still yields only the story."""
    document.element.body.clear_content()
