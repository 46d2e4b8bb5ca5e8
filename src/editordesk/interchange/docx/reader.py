"""The document body read once, in reading order, into paragraphs: what each is (from its
style) and what it holds (formatted text, line breaks and checked pictures)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from editordesk.errors import InputError
from editordesk.interchange.docx.fields import Field, ParagraphContext
from editordesk.interchange.docx.inline import Segment, safe_href
from editordesk.interchange.docx.numbering import ListKind, Numbering, int_or
from editordesk.interchange.docx.paragraph import (
    CODE_CLOSE,
    CODE_OPEN,
    NOTE_CLOSE,
    NOTE_OPEN,
    PICTURE_CLOSE,
    PICTURE_OPEN,
    Paragraph,
    ParagraphKind,
    literal,
)
from editordesk.interchange.docx.pictures import Picture, alt_text, unsupported_kind
from editordesk.interchange.docx.salvage import linear_math, symbol_char, symbol_text, to_png
from editordesk.media.images import inspect_image
from editordesk.ooxml import names as w

# Inline containers whose runs are part of the text as it reads now.
_INLINE_CONTAINERS = frozenset(
    {w.W_INS, w.W_MOVE_TO, w.W_SMART_TAG, w.W_CUSTOM_XML, w.W_DIR, w.W_BDO}
)
_BLOCK_CONTAINERS = frozenset({w.W_TBL, w.W_TR, w.W_TC, w.W_CUSTOM_XML, w.W_INS, w.W_MOVE_TO})
_PICTURE_STOPS = frozenset({w.W_TXBX_CONTENT, w.MC_FALLBACK})
_TOGGLES = (w.W_BOLD, w.W_ITALIC, w.W_VANISH, w.W_STRIKE)  # bold, italic, hidden, struck
_HEADING_NAME = re.compile(r"heading ([1-9])")
_LIST_LEVEL_NAME = re.compile(r"list(?: bullet| number)? ([2-9])")
Toggles = tuple[bool | None, ...]
Flags = tuple[bool, bool, bool, bool]  # bold, italic, hidden, struck out


def _toggle(element: Any) -> bool | None:
    """A toggle property (bold, italic, hidden): None when not set here."""
    if element is None:
        return None
    return element.get(w.W_VAL, "true").lower() not in ("0", "false", "off", "none")


def _iter_outside(root: Any, tag: str, stops: frozenset[str]) -> Iterator[Any]:
    """Descendants named `tag`, not looking inside `stops` (text boxes, fallback copies)."""
    pending = list(reversed(list(root)))
    while pending:
        element = pending.pop()
        if element.tag == tag:
            yield element
        if element.tag in stops or element.tag == tag:
            continue
        pending.extend(reversed(list(element)))


# The styles of an EditorDesk export that are fields of the story, not its body.
_STORY_STYLES = {
    "dateline": ParagraphKind.DATELINE,
    "tweet": ParagraphKind.TWEET,
    "related heading": ParagraphKind.RELATED_HEADING,
    "related link": ParagraphKind.RELATED,
    "source code": ParagraphKind.CODE,
}


def _notes_of(part: Any, rel_type: str, tag: str) -> tuple[dict[str, Any], Any]:
    """The footnotes (or endnotes) part's notes by id, and the part (for its links)."""
    for rel in part.rels.values():
        if rel.reltype != rel_type or rel.is_external:
            continue
        target = rel.target_part
        element = getattr(target, "element", None)
        if element is None:
            try:
                element = etree.fromstring(bytes(target.blob), w.xml_parser())
            except (etree.XMLSyntaxError, ValueError):
                return {}, None
        return {note.get(w.W_ID, ""): note for note in element.iterchildren(tag)}, target
    return {}, None


# ------------------------------------------------------------------ the reader


class DocumentReader:
    """Walks the document body once, in reading order, into `Paragraph`s."""

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.body = document.element.find(w.W_BODY)
        styles_element = document.styles.element
        self.styles: dict[str, Any] = {
            s.get(w.W_STYLE_ID, ""): s for s in styles_element.iterchildren(w.W_STYLE)
        }
        self.default_style = next(
            (
                s.get(w.W_STYLE_ID, "")
                for s in styles_element.iterchildren(w.W_STYLE)
                if s.get(w.W_TYPE) == "paragraph" and s.get(w.W_DEFAULT) in ("1", "true", "on")
            ),
            "",
        )
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.numbering = Numbering(numbering, self.styles)
        self.paragraphs: list[Paragraph] = []
        self.pictures = 0
        self._run_style_cache: dict[str, Toggles] = {}
        # Footnotes and endnotes: their parts' notes by id, and the notes met, in order.
        self._note_parts = {
            kind: _notes_of(self.part, rel_type, tag)
            for kind, rel_type, tag in (
                ("footnote", w.REL_FOOTNOTES, w.W_FOOTNOTE),
                ("endnote", w.REL_ENDNOTES, w.W_ENDNOTE),
            )
        }
        self.notes: list[list[Paragraph]] = []
        self._pending_notes: list[tuple[Any, Any]] = []  # (note element, its part)
        self.web_pictures: list[tuple[str, str]] = []  # (alt, address)
        self.code: list[str] = []  # inline code, by the number its token carries
        self.placeholders: list[Picture] = []  # pictures kept as a named placeholder
        self.drawings: list[Picture] = []  # WMF and EMF drawings waiting for conversion
        self.bookmarks: set[str] = {
            name
            for b in (self.body.iter(w.W_BOOKMARK_START) if self.body is not None else ())
            if (name := b.get(w.qualified("w:name")))
        }
        self.counts: dict[str, int] = {}  # what was changed or left out, for the report

    def read(self) -> list[Paragraph]:
        if self.body is not None:
            self._blocks(self.body)
        body, body_part = self.paragraphs, self.part
        while len(self.notes) < len(self._pending_notes):  # notes may mark notes of their own
            element, part = self._pending_notes[len(self.notes)]
            self.paragraphs, self.part = [], part
            self._blocks(element)
            self.notes.append(self.paragraphs)
        self.paragraphs, self.part = body, body_part
        return self.paragraphs

    def count(self, what: str, by: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + by

    # -------------------------------------------------- styles

    def _chain(self, style_id: str) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            based = style.find(w.W_BASED_ON)
            style_id = based.get(w.W_VAL, "") if based is not None else ""

    def _style_name(self, style_id: str) -> str:
        style = self.styles.get(style_id)
        name = style.find(w.W_NAME) if style is not None else None
        return (name.get(w.W_VAL, "") if name is not None else style_id).strip().lower()

    def _run_style_toggles(self, style_id: str) -> Toggles:
        if style_id not in self._run_style_cache:
            toggles: list[bool | None] = [None] * len(_TOGGLES)
            for style in self._chain(style_id):
                rpr = style.find(w.W_RPR)
                if rpr is None:
                    continue
                for i, tag in enumerate(_TOGGLES):
                    if toggles[i] is None:
                        toggles[i] = _toggle(rpr.find(tag))
            self._run_style_cache[style_id] = tuple(toggles)
        return self._run_style_cache[style_id]

    def _run_toggles(self, rpr: Any) -> Flags:
        """(bold, italic, hidden, struck) of a run: direct formatting, else its style."""
        if rpr is None:
            return False, False, False, False
        direct = [_toggle(rpr.find(tag)) for tag in _TOGGLES]
        if direct[3] is None:
            direct[3] = _toggle(rpr.find(w.W_DSTRIKE))
        style = rpr.find(w.W_RSTYLE)
        styled = (
            self._run_style_toggles(style.get(w.W_VAL, ""))
            if style is not None
            else (None,) * len(_TOGGLES)
        )
        bold, italic, hidden, strike = (
            bool(d if d is not None else s) for d, s in zip(direct, styled, strict=True)
        )
        return bold, italic, hidden, strike

    # -------------------------------------------------- blocks

    def _blocks(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == w.W_P:
                self._paragraph(child)
            elif tag == w.W_TBL:
                self._table(child)
            elif tag in _BLOCK_CONTAINERS:
                self._blocks(child)
            elif tag == w.W_SDT:
                content = child.find(w.W_SDT_CONTENT)
                if content is not None:
                    self._blocks(content)
            elif tag == w.MC_ALTERNATE:
                choice = child.find(w.MC_CHOICE)
                if choice is not None:
                    self._blocks(choice)

    def _paragraph(self, p: Any) -> None:
        ppr = p.find(w.W_PPR)
        style_el = ppr.find(w.W_PSTYLE) if ppr is not None else None
        style_id = style_el.get(w.W_VAL, "") if style_el is not None else self.default_style
        name = self._style_name(style_id) if style_id else ""
        paragraph = Paragraph(kind=ParagraphKind.BODY, number=len(self.paragraphs) + 1)
        heading = self._heading_level(ppr, style_id, name)
        jc = ppr.find(w.W_JC) if ppr is not None else None
        paragraph.align = jc.get(w.W_VAL, "") if jc is not None else ""
        paragraph.rule = ppr is not None and ppr.find(f"{w.W_PBDR}/{w.W_BOTTOM}") is not None
        if name in _STORY_STYLES:
            paragraph.kind = _STORY_STYLES[name]
        elif name == "title":
            paragraph.kind = ParagraphKind.TITLE
        elif name == "subtitle":
            paragraph.kind = ParagraphKind.SUBTITLE
        elif heading:
            paragraph.kind, paragraph.level = ParagraphKind.HEADING, heading
            if self._numbered(ppr, style_id):
                self.count("heading numbers (Word's numbering) left out")
        elif "caption" in name:
            paragraph.kind = ParagraphKind.CAPTION
        elif "credit" in name:
            paragraph.kind = ParagraphKind.CREDIT
        elif "byline" in name:
            paragraph.kind = ParagraphKind.BYLINE
        elif self._list(paragraph, ppr, style_id, name):
            pass
        elif "quote" in name or name == "block text":
            paragraph.kind = ParagraphKind.QUOTE
        context = ParagraphContext()
        self._inline(p, context)
        paragraph.items = context.items
        paragraph.seq_end = context.seq_end
        self.paragraphs.append(paragraph)
        for box in context.text_boxes:  # a text box reads after the paragraph it is anchored to
            self.count("text boxes placed after their paragraph")
            self._blocks(box)

    def _numbered(self, ppr: Any, style_id: str) -> bool:
        """Whether Word numbers this paragraph (directly or through its style)."""
        num = ppr.find(f"{w.W_NUMPR}/{w.W_NUMID}") if ppr is not None else None
        if num is None:
            num = next(
                (
                    found
                    for style in self._chain(style_id)
                    if (found := style.find(f"{w.W_PPR}/{w.W_NUMPR}/{w.W_NUMID}")) is not None
                ),
                None,
            )
        return num is not None and num.get(w.W_VAL) not in (None, "0")

    def _table(self, tbl: Any) -> None:
        """A table as rows of cells, each cell the paragraphs in it; a cell spanning columns
        is followed by empty ones, so every row has the table's columns."""
        table = Paragraph(kind=ParagraphKind.TABLE, number=len(self.paragraphs) + 1)
        outer = self.paragraphs
        for tr in tbl.iterchildren(w.W_TR):
            row: list[list[Paragraph]] = []
            for tc in tr.iterchildren(w.W_TC):
                self.paragraphs = []
                self._blocks(tc)
                row.append(self.paragraphs)
                span = tc.find(f"{w.W_TC_PR}/{w.W_GRID_SPAN}")
                extra = int_or(span.get(w.W_VAL), 1) - 1 if span is not None else 0
                if extra > 0:
                    self.count("merged table cells split")
                    row.extend([] for _ in range(min(extra, 63)))
            table.rows.append(row)
        self.paragraphs = outer
        self.paragraphs.append(table)

    def _heading_level(self, ppr: Any, style_id: str, name: str) -> int:
        match = _HEADING_NAME.fullmatch(name)
        if match:
            return int(match.group(1))
        outline = ppr.find(w.W_OUTLINE) if ppr is not None else None
        if outline is None:
            outline = next(
                (
                    found
                    for style in self._chain(style_id)
                    if (found := style.find(f"{w.W_PPR}/{w.W_OUTLINE}")) is not None
                ),
                None,
            )
        level = int_or(outline.get(w.W_VAL), 9) if outline is not None else 9
        return level + 1 if 0 <= level < 9 else 0

    def _list(self, paragraph: Paragraph, ppr: Any, style_id: str, name: str) -> bool:
        """Make `paragraph` a list item if Word numbers or bullets it."""
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(w.W_NUMPR) if ppr is not None else None
        if numpr is not None:
            num_el, ilvl_el = numpr.find(w.W_NUMID), numpr.find(w.W_ILVL)
            num_id = num_el.get(w.W_VAL) if num_el is not None else None
            ilvl = int_or(ilvl_el.get(w.W_VAL)) if ilvl_el is not None else None
        if num_id is None:
            for style in self._chain(style_id):
                style_numpr = style.find(f"{w.W_PPR}/{w.W_NUMPR}")
                if style_numpr is None:
                    continue
                num_el, ilvl_el = style_numpr.find(w.W_NUMID), style_numpr.find(w.W_ILVL)
                if ilvl is None and ilvl_el is not None:
                    ilvl = int_or(ilvl_el.get(w.W_VAL))
                if num_el is not None:
                    num_id = num_el.get(w.W_VAL)
                    break
        by_name = (
            ListKind.NUMBER
            if "list number" in name
            else ListKind.BULLET
            if "list bullet" in name
            else None
        )
        if num_id == "0" or (num_id is None and by_name is None):
            return False
        level = ilvl or 0
        named_level = _LIST_LEVEL_NAME.fullmatch(name)
        if named_level:  # "List Bullet 2" is indented by its style, not by its level
            level = max(level, int(named_level.group(1)) - 1)
        kind, start = (None, 1) if num_id is None else self.numbering.describe(num_id, ilvl or 0)
        if kind is ListKind.NONE:
            return False
        paragraph.kind = ParagraphKind.ITEM
        paragraph.level = min(level, 8)
        paragraph.list_kind = kind or by_name or ListKind.BULLET
        paragraph.list_key = f"num:{num_id}" if num_id is not None else f"style:{name}"
        paragraph.list_start = start
        return True

    # -------------------------------------------------- inline content

    def _inline(self, element: Any, context: ParagraphContext) -> None:
        for child in element:
            tag = child.tag
            if tag == w.W_R:
                self._run(child, context)
            elif tag == w.W_HYPERLINK:
                target = self._hyperlink_target(child)
                if self._web_picture(child, target, context):
                    continue
                context.open_link(target)
                self._inline(child, context)
                context.close_link()
            elif tag in (w.M_OMATH, w.M_OMATH_PARA):
                self.count("equations kept as linear text")
                context.add(linear_math(child), False, False)
            elif tag == w.W_FLDSIMPLE:
                context.open_field(Field(instr=[child.get(w.W_INSTR, "")]))
                context.start_result()
                self._inline(child, context)
                context.end_field()
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, context)
            elif tag == w.W_SDT:
                content = child.find(w.W_SDT_CONTENT)
                if content is not None:
                    self._inline(content, context)
            elif tag == w.MC_ALTERNATE:
                choice = child.find(w.MC_CHOICE)
                if choice is not None:
                    self._inline(choice, context)

    def _web_picture(self, link: Any, target: str | None, context: ParagraphContext) -> bool:
        """An export's placeholder for a web picture ("[Picture: alt]" in the Web Picture
        style, linked to it) as the picture again."""
        style = link.find(f"{w.W_R}/{w.W_RPR}/{w.W_RSTYLE}")
        if target is None or style is None:
            return False
        if self._style_name(style.get(w.W_VAL, "")) != "web picture":
            return False
        words = "".join(t.text or "" for t in link.iter(w.W_T))
        alt = words.removeprefix("[Picture: ").removesuffix("]")
        self.web_pictures.append(("" if alt == target else alt, target))
        context.add_token(f"{PICTURE_OPEN}{len(self.web_pictures)}{PICTURE_CLOSE}")
        return True

    def _hyperlink_target(self, link: Any) -> str | None:
        rel_id = link.get(w.R_ID)
        if not rel_id:
            anchor = link.get(w.W_ANCHOR) or ""
            if anchor in self.bookmarks and not anchor.startswith("_"):
                return f"#{anchor}"  # a heading of this story
            return None  # another jump inside the document: its words stay, as text
        rel = self.part.rels.get(rel_id)
        if rel is None or not rel.is_external:
            return None
        target = str(rel.target_ref)
        anchor = link.get(w.W_ANCHOR)
        if anchor and "#" not in target:
            target = f"{target}#{anchor}"
        return safe_href(target)

    def _run(
        self,
        run: Any,
        context: ParagraphContext,
        toggles: Flags | None = None,
    ) -> None:
        rpr = run.find(w.W_RPR)
        bold, italic, hidden, strike = toggles or self._run_toggles(rpr)
        fonts = rpr.find(w.W_RFONTS) if rpr is not None else None
        symbol = fonts is not None and (fonts.get(w.W_ASCII) or "").lower() == "symbol"
        for child in run:
            tag = child.tag
            if tag == w.W_FLDCHAR:
                kind = child.get(w.W_FLDCHAR_TYPE)
                if kind == "begin":
                    context.open_field(Field())
                elif kind == "separate":
                    context.start_result()
                elif kind == "end":
                    context.end_field()
            elif tag == w.W_INSTR_TEXT:
                if context.fields and not context.fields[-1].in_result:
                    context.fields[-1].instr.append(child.text or "")
            elif hidden:
                continue
            elif tag == w.W_T:
                text = literal(child.text or "")
                if symbol:
                    text = symbol_text(text)
                if self._is_code(rpr) and text and not context.in_field_code:
                    self._code(text, context, bold, italic, strike)
                else:
                    context.add(text, bold, italic, strike)
            elif tag in (w.W_TAB, w.W_PTAB):
                context.add(" ", bold, italic, strike)
            elif tag == w.W_NO_BREAK_HYPHEN:
                context.add("-", bold, italic, strike)
            elif tag == w.W_SYM:
                self._symbol(child, context, (bold, italic, strike))
            elif tag in (w.W_FOOTNOTE_REFERENCE, w.W_ENDNOTE_REFERENCE):
                self._note(child, context)
            elif tag == w.W_COMMENT_REFERENCE:
                self.count("comments dropped")
            elif tag in (w.W_BR, w.W_CR):
                if child.get(w.W_TYPE) in ("page", "column"):
                    context.add(" ", bold, italic)
                else:
                    context.add_break()
            elif tag == w.W_DRAWING:
                self._drawing(child, context)
            elif tag == w.W_PICT:
                self._vml(child, context)
            elif tag == w.MC_ALTERNATE:
                choice = child.find(w.MC_CHOICE)
                if choice is not None:
                    self._run(choice, context, (bold, italic, hidden, strike))

    def _is_code(self, rpr: Any) -> bool:
        style = rpr.find(w.W_RSTYLE) if rpr is not None else None
        return style is not None and self._style_name(style.get(w.W_VAL, "")) == "verbatim char"

    def _code(
        self, text: str, context: ParagraphContext, bold: bool, italic: bool, strike: bool
    ) -> None:
        """Inline code; a run straight after another code run carries on the same code."""
        last = context.items[-1] if context.items else None
        if (
            isinstance(last, Segment)
            and last.text.startswith(CODE_OPEN)
            and last.text.endswith(CODE_CLOSE)
        ):
            number = int(last.text[1:-1])
            self.code[number - 1] += text
            return
        self.code.append(text)
        context.add(f"{CODE_OPEN}{len(self.code)}{CODE_CLOSE}", bold, italic, strike)

    def _symbol(self, sym: Any, context: ParagraphContext, flags: tuple[bool, bool, bool]) -> None:
        """Insert > Symbol: a Symbol-font character as its Unicode one; other fonts' pictures
        of characters (Wingdings) are named in the report."""
        font = (sym.get(w.W_FONT) or "").lower()
        try:
            code = int(sym.get(w.W_CHAR) or "", 16)
        except ValueError:
            code = 0
        char = symbol_char(code) if font == "symbol" else ""
        if char:
            context.add(char, *flags[:2], flags[2])
        else:
            self.count(f"{sym.get(w.W_FONT) or 'symbol-font'} characters dropped")

    def _note(self, reference: Any, context: ParagraphContext) -> None:
        """A footnote or endnote mark: the note is read after the body and written as a
        Markdown footnote, numbered in the order the marks stand."""
        kind = "footnote" if reference.tag == w.W_FOOTNOTE_REFERENCE else "endnote"
        notes, part = self._note_parts[kind]
        note = notes.get(reference.get(w.W_ID, ""))
        if note is None:
            self.count(f"{kind} marks with no note dropped")
            return
        self._pending_notes.append((note, part))
        if kind == "endnote":
            self.count("endnotes kept as footnotes")
        context.add_token(f"{NOTE_OPEN}{len(self._pending_notes)}{NOTE_CLOSE}")

    # -------------------------------------------------- pictures

    def _drawing(self, drawing: Any, context: ParagraphContext) -> None:
        docpr = next(drawing.iter(w.WP_DOCPR), None)
        for blip in _iter_outside(drawing, w.A_BLIP, _PICTURE_STOPS):
            grandparent = blip.getparent().getparent()
            own = (  # the picture's own properties, where Word puts them: not a search
                grandparent.find(f"{w.PIC_NV_PIC_PR}/{w.PIC_CNVPR}")
                if grandparent is not None
                else None
            )
            alt = alt_text(
                docpr.get("descr") if docpr is not None else None,
                own.get("descr") if own is not None else None,
                docpr.get("title") if docpr is not None else None,
            )
            self._picture(context, blip.get(w.R_EMBED), blip.get(w.R_LINK), alt)
        context.text_boxes.extend(_iter_outside(drawing, w.W_TXBX_CONTENT, _PICTURE_STOPS))

    def _vml(self, pict: Any, context: ParagraphContext) -> None:
        for image in _iter_outside(pict, w.V_IMAGEDATA, _PICTURE_STOPS):
            shape = image.getparent()
            alt = alt_text(
                shape.get("alt") if shape is not None and shape.tag == w.V_SHAPE else None,
                image.get(w.O_TITLE),
            )
            self._picture(context, image.get(w.R_ID), None, alt)
        context.text_boxes.extend(_iter_outside(pict, w.W_TXBX_CONTENT, _PICTURE_STOPS))

    def _picture(
        self, context: ParagraphContext, embed: str | None, link: str | None, alt: str
    ) -> None:
        """A picture where it stands. One a page cannot show is converted (TIFF and BMP to
        PNG here, WMF and EMF after the body is read, all in one LibreOffice run) or kept
        as a named placeholder; a linked one becomes a web picture. Never a refusal."""
        self.pictures += 1
        number = self.pictures
        rel = self.part.rels.get(embed) if embed else None
        if rel is None or rel.is_external:
            linked = rel or (self.part.rels.get(link) if link else None)
            if linked is not None and linked.is_external:
                target = safe_href(str(linked.target_ref))
                self.count("linked pictures kept as links")
                if target is not None:
                    self.web_pictures.append((alt, target))
                    context.add_token(f"{PICTURE_OPEN}{len(self.web_pictures)}{PICTURE_CLOSE}")
                    return
                self._placeholder(context, number, f"linked to {linked.target_ref}", alt)
                return
            self.count("missing pictures kept as placeholders")
            self._placeholder(context, number, "missing from the file", alt)
            return
        part = rel.target_part
        member = str(part.partname).lstrip("/")
        data = bytes(part.blob)
        kind = unsupported_kind(data, member)
        if kind in ("a WMF drawing", "an EMF drawing"):
            picture = Picture(number, member, data, alt, placeholder=kind)
            self.drawings.append(picture)
            context.items.append(picture)
            return
        if kind is not None:
            converted = to_png(data)
            if converted is None:
                self.count(f"{kind.split(' ', 1)[1]}s kept as placeholders")
                self._placeholder(context, number, kind, alt, member)
                return
            self.count(f"{kind.split(' ', 1)[1]}s converted to PNG")
            data, member = converted, member.rsplit(".", 1)[0] + ".png"
        try:
            inspect_image(data, f"picture {number} ({member})")
        except InputError:
            self.count("unreadable pictures kept as placeholders")
            self._placeholder(context, number, "not a picture that can be read", alt, member)
            return
        context.items.append(Picture(number, member, data, alt))

    def _placeholder(
        self, context: ParagraphContext, number: int, why: str, alt: str, member: str = ""
    ) -> None:
        """A picture that could not be kept, named where it stood."""
        picture = Picture(number, member, b"", alt, placeholder=why)
        self.placeholders.append(picture)
        context.items.append(picture)
