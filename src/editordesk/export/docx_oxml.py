"""The raw OOXML python-docx has no API for (hyperlinks, borders, list restarts, pictures with
alt text, notes, tables), kept in one small module so the writer reads as python-docx; the
package as a whole is docx_package.py's."""

from __future__ import annotations

import copy
import weakref
from typing import Any, cast

from docx.document import Document
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.text.hyperlink import CT_Hyperlink
from docx.oxml.text.paragraph import CT_P
from docx.parts.image import ImagePart
from docx.shared import Emu
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Re-exported: the writer and its tests reach the whole package's jobs as `ox.` too.
from editordesk.export.docx_package import package_bytes as package_bytes
from editordesk.export.docx_package import set_custom_properties as set_custom_properties
from editordesk.export.docx_package import strip_active_content as strip_active_content

# ---------------------------------------------------------------- hyperlinks


class _HyperlinkIds:
    """The external hyperlink relationships of one part, by URL. python-docx's `relate_to`
    looks through every relationship for a match and for a free rId, each time: a story of
    thousands of tweets or links took time in the square of their number. The same rIds come
    out: one per URL, each the lowest free number."""

    def __init__(self, rels: Any) -> None:
        self.rels = rels
        self.by_url = {
            rel.target_ref: rel_id
            for rel_id, rel in rels.items()
            if rel.is_external and rel.reltype == RT.HYPERLINK
        }
        self.next = 1  # every rId below this is taken (relationships are only ever added)

    def rel_id(self, url: str) -> str:
        found = self.by_url.get(url)
        if found is None:
            while f"rId{self.next}" in self.rels:
                self.next += 1
            found = self.by_url[url] = f"rId{self.next}"
            self.rels.add_relationship(RT.HYPERLINK, url, found, is_external=True)
        return found


_HYPERLINK_IDS: weakref.WeakKeyDictionary[Any, _HyperlinkIds] = weakref.WeakKeyDictionary()


def add_hyperlink(paragraph: Paragraph, url: str, tooltip: str = "") -> CT_Hyperlink:
    """A `w:hyperlink` at the end of `paragraph`, pointing at `url` through an external
    relationship; the caller fills it with `hyperlink_run`. `url` must already be safe."""
    part = paragraph.part
    ids = _HYPERLINK_IDS.get(part)
    if ids is None:
        ids = _HYPERLINK_IDS[part] = _HyperlinkIds(part.rels)
    r_id = ids.rel_id(url)
    link = cast(CT_Hyperlink, OxmlElement("w:hyperlink", {qn("r:id"): r_id}))
    if tooltip:
        link.set(qn("w:tooltip"), tooltip)
    paragraph._p.append(link)
    return link


def hyperlink_run(link: CT_Hyperlink, paragraph: Paragraph) -> Run:
    """A new run inside a hyperlink made by `add_hyperlink`."""
    return Run(link.add_r(), paragraph)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- styles
# python-docx's style setters look the document's default style up on every assignment (a scan
# of every style), which dominated export time; the writer resolves names once and sets ids.


def set_paragraph_style(paragraph: Paragraph, style_id: str) -> None:
    paragraph._p.get_or_add_pPr().style = style_id


# Elements the writer makes thousands of times, built once and copied: python-docx's
# OxmlElement parses its tag's prefix on every call, which was a fifth of a Word export.
_TEMPLATES: dict[tuple[str, str], Any] = {}


def _copy_of(key: tuple[str, str], build: Any) -> Any:
    template = _TEMPLATES.get(key)
    if template is None:
        template = _TEMPLATES[key] = build()
    return copy.deepcopy(template)


def _run_template() -> Any:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:t"))
    return r


def text_run(text: str) -> Any:
    """A plain `w:r` holding `text` (no breaks or tabs in it), as python-docx's add_run and
    add_text would make it, without their look-ups."""
    r = _copy_of(("r", ""), _run_template)
    t = r[0]
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def styled_p(style_id: str, align: str = "") -> Any:
    """A new `w:p` with its style (and alignment) already set: built directly, as setting
    them through python-docx looks through the schema's order for every paragraph."""

    def build() -> Any:
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
        if align:
            p_pr.append(OxmlElement("w:jc", {qn("w:val"): align}))
        p.append(p_pr)
        return p

    return _copy_of((style_id, align), build)


def set_run_style(run: Run, style_id: str) -> None:
    run._r.get_or_add_rPr().style = style_id


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
    borders: Any = p_pr.find(qn("w:pBdr"))
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
    return int(num.numId)


def set_list(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Put `paragraph` in the numbering instance `num_id` at `level`."""
    p_pr: Any = paragraph._p.get_or_add_pPr()  # CT_PPr's numPr methods are generated
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def drop_style_numbering(style: BaseStyle) -> None:
    """Remove a stray `w:numPr` from a style (the default template's Subtitle has one with
    no list behind it)."""
    p_pr = style.element.pPr
    if p_pr is not None:
        p_pr._remove_numPr()


# ---------------------------------------------------------------- pictures


class Pictures:
    """Inline pictures, each image stored once however often it is shown.

    python-docx's `add_picture` looks for a duplicate by hashing every picture already in the
    document, for each new one; with a story's worth of photographs that was most of the
    export. The writer knows which pictures are the same (one library image, one id), so it
    adds each once here and reuses its relationship."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._taken = {str(part.partname) for part in self._part.package.iter_parts()}
        self._shape_id = self._part.next_id
        self._added: dict[object, tuple[str, str]] = {}

    def add(self, run: Run, key: object, data: bytes, cx: int, cy: int, description: str) -> None:
        """Show `data` (JPEG, PNG or GIF) in `run` at `cx` × `cy` EMU, with `description`
        as its alt text. Raises python-docx's UnrecognizedImageError for other bytes."""
        added = self._added.get(key)
        if added is None:
            image = Image.from_blob(data)
            part = ImagePart.from_image(image, self._partname(image.ext))
            added = self._added[key] = (self._part.relate_to(part, RT.IMAGE), image.filename)
        r_id, filename = added
        inline = CT_Inline.new_pic_inline(self._shape_id, r_id, filename, Emu(cx), Emu(cy))
        self._shape_id += 1
        if description:
            inline.docPr.set("descr", description)
        run._r.add_drawing(inline)

    def _partname(self, ext: str) -> PackURI:
        number = len(self._added)
        while True:  # numbered across extensions, as Word and python-docx number them
            number += 1
            name = f"/word/media/image{number}.{ext}"
            if not any(taken.startswith(f"/word/media/image{number}.") for taken in self._taken):
                break
        self._taken.add(name)
        return PackURI(name)


class BodyEnd:
    """Adds paragraphs at the end of the body, before its section properties. python-docx
    finds that place by scanning the whole body for every new paragraph, which made a long
    story quadratic (a 20 MB body took minutes); here it is found once."""

    def __init__(self, document: Document) -> None:
        self._container = document._body
        self._body = document.element.body
        self._sect_pr = self._body.find(qn("w:sectPr"))

    def add_paragraph(self, style_id: str = "") -> Paragraph:
        p = styled_p(style_id) if style_id else OxmlElement("w:p")
        self.append_block(p)
        return Paragraph(cast(CT_P, p), self._container)

    def append_block(self, element: Any) -> None:
        if self._sect_pr is None:
            self._body.append(element)
        else:
            self._sect_pr.addprevious(element)

    @property
    def parent(self) -> Any:
        return self._container


class Container:
    """Adds paragraphs at the end of an element other than the body (a footnote)."""

    def __init__(self, element: Any, parent: Any) -> None:
        self._element = element
        self.parent = parent

    def add_paragraph(self, style_id: str = "") -> Paragraph:
        p = styled_p(style_id) if style_id else OxmlElement("w:p")
        self._element.append(p)
        return Paragraph(cast(CT_P, p), self.parent)

    def append_block(self, element: Any) -> None:
        self._element.append(element)


def clear_body(document: Document) -> None:
    """Everything in the body but its section properties, so a reference document with
    sample text still yields only the story."""
    document.element.body.clear_content()


# ---------------------------------------------------------------- runs: strike, notes, links


def set_strike(run: Run) -> None:
    """Struck-out text (`w:strike`), as Word's Strikethrough button sets it."""
    run._r.get_or_add_rPr().append(OxmlElement("w:strike"))


def add_internal_hyperlink(paragraph: Paragraph, anchor: str, tooltip: str = "") -> CT_Hyperlink:
    """A `w:hyperlink` to the bookmark `anchor` in this document (no relationship)."""
    link = cast(CT_Hyperlink, OxmlElement("w:hyperlink", {qn("w:anchor"): anchor}))
    if tooltip:
        link.set(qn("w:tooltip"), tooltip)
    paragraph._p.append(link)
    return link


def bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """A bookmark named `name` around everything in `paragraph` (call once it is filled)."""
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    p_pr = p.pPr
    if p_pr is None:
        p.insert(0, start)
    else:
        p_pr.addnext(start)
    p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)}))


def footnote_reference(run: Run, style_id: str, note_id: int) -> None:
    """Make `run` the mark in the text that points at footnote `note_id`."""
    run._r.get_or_add_rPr().style = style_id
    run._r.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(note_id)}))


def footnote_mark(paragraph: Paragraph, style_id: str) -> None:
    """The note's own number at the start of its first paragraph, then a space."""
    mark = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
    mark.append(r_pr)
    mark.append(OxmlElement("w:footnoteRef"))
    space = OxmlElement("w:r")
    text = OxmlElement("w:t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    text.text = " "
    space.append(text)
    p_pr = paragraph._p.pPr
    if p_pr is None:
        paragraph._p.insert(0, mark)
    else:
        p_pr.addnext(mark)
    mark.addnext(space)


class _PartParent:
    """What python-docx's Paragraph asks its parent for: the part it lives in."""

    def __init__(self, part: Any) -> None:
        self.part = part


class Footnotes:
    """The document's footnotes part (`word/footnotes.xml`), made when the first note is
    added, with the two separators Word expects before the notes."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._part: XmlPart | None = None

    def _root(self) -> Any:
        if self._part is None:
            root = OxmlElement("w:footnotes", nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
            for note_id, kind, mark in (
                (-1, "separator", "w:separator"),
                (0, "continuationSeparator", "w:continuationSeparator"),
            ):
                note = OxmlElement("w:footnote", {qn("w:type"): kind, qn("w:id"): str(note_id)})
                p = OxmlElement("w:p")
                r = OxmlElement("w:r")
                r.append(OxmlElement(mark))
                p.append(r)
                note.append(p)
                root.append(note)
            package = self._document.part.package
            self._part = XmlPart(
                PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, cast(Any, root), package
            )
            self._document.part.relate_to(self._part, RT.FOOTNOTES)
        return self._part.element

    def add(self, note_id: int) -> Container:
        """An empty footnote numbered `note_id`, as a place to add its paragraphs."""
        note = OxmlElement("w:footnote", {qn("w:id"): str(note_id)})
        self._root().append(note)
        assert self._part is not None
        return Container(note, _PartParent(self._part))


# ---------------------------------------------------------------- tables


def add_table(
    end: Container | BodyEnd,
    style_id: str,
    columns: int,
    width: int,
) -> Any:
    """An empty `w:tbl` in table style `style_id`, full text width (`width` in EMU) split
    evenly into `columns`; the caller adds rows with `add_row`."""
    tbl = OxmlElement("w:tbl")
    tbl_pr = OxmlElement("w:tblPr")
    tbl_pr.append(OxmlElement("w:tblStyle", {qn("w:val"): style_id}))
    tbl_pr.append(OxmlElement("w:tblW", {qn("w:w"): "5000", qn("w:type"): "pct"}))
    tbl_pr.append(
        OxmlElement(
            "w:tblLook",
            {
                qn("w:val"): "04A0",
                qn("w:firstRow"): "1",
                qn("w:lastRow"): "0",
                qn("w:firstColumn"): "0",
                qn("w:lastColumn"): "0",
                qn("w:noHBand"): "0",
                qn("w:noVBand"): "1",
            },
        )
    )
    tbl.append(tbl_pr)
    grid = OxmlElement("w:tblGrid")
    twips = max(width // 635 // max(columns, 1), 1)  # 635 EMU to the twentieth of a point
    for _ in range(columns):
        grid.append(OxmlElement("w:gridCol", {qn("w:w"): str(twips)}))
    tbl.append(grid)
    end.append_block(tbl)
    return tbl


def add_row(
    tbl: Any, parent: Any, style_id: str, aligns: list[str], *, header: bool = False
) -> list[Paragraph]:
    """A row of a cell per entry of `aligns`, each with one empty paragraph (returned) in
    style `style_id`, aligned so; a header row repeats at the top of every page."""
    tr = OxmlElement("w:tr")
    if header:
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
    paragraphs = []
    for align in aligns:
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        tc_pr.append(OxmlElement("w:tcW", {qn("w:w"): "0", qn("w:type"): "auto"}))
        tc.append(tc_pr)
        p = styled_p(style_id, align)
        tc.append(p)
        tr.append(tc)
        paragraphs.append(Paragraph(cast(CT_P, p), parent))
    tbl.append(tr)
    return paragraphs


# ---------------------------------------------------------------- language and direction

# What may follow each element we add, in the schema's order (CT_PPr, CT_RPr, CT_TblPr).
_AFTER_P_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_AFTER_R_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_TBL_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
_AFTER_RPR_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_language(document: Document, tag: str, *, rtl: bool) -> None:
    """The document's language, in its default run properties: a left-to-right language as
    the language of its text (w:val), a right-to-left one as that of its complex-script text
    (w:bidi), which is where Word keeps Arabic and Hebrew."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        _insert_before(r_pr, lang, _AFTER_RPR_LANG)
    lang.set(qn("w:bidi" if rtl else "w:val"), tag)


def right_to_left(root: Any, is_rtl_text: Any) -> None:
    """Every paragraph under `root` read right to left (w:bidi: it starts at the right and
    its lines align there), every run whose text `is_rtl_text` marked as right-to-left
    (w:rtl), every table laid out from the right (w:bidiVisual)."""
    for p in root.iter(qn("w:p")):
        p_pr = p.get_or_add_pPr()
        if p_pr.find(qn("w:bidi")) is None:
            _insert_before(p_pr, OxmlElement("w:bidi"), _AFTER_P_BIDI)
    for r in root.iter(qn("w:r")):
        words = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if words and is_rtl_text(words):
            r_pr = r.get_or_add_rPr()
            if r_pr.find(qn("w:rtl")) is None:
                _insert_before(r_pr, OxmlElement("w:rtl"), _AFTER_R_RTL)
    for tbl_pr in root.iter(qn("w:tblPr")):
        if tbl_pr.find(qn("w:bidiVisual")) is None:
            _insert_before(tbl_pr, OxmlElement("w:bidiVisual"), _AFTER_TBL_BIDI)


def _insert_before(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    """`child` into `parent` before the first of `successors` there, else at the end."""
    names = {qn(name) for name in successors}
    for index, existing in enumerate(parent):
        if existing.tag in names:
            parent.insert(index, child)
            return
    parent.append(child)


def footnotes_root(document: Document) -> Any | None:
    """The footnotes part's root element, None when the document has no notes."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return cast(XmlPart, rel.target_part).element
    return None
