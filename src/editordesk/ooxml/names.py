"""The namespaces, tags and relationship types of Word's XML, named once for reader and writer.

Imports nothing of ours, so `interchange/` (which reads .docx) and `export/` (which writes it)
share one spelling of every name without either importing the other.
"""

from __future__ import annotations

from lxml import etree

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
CONTENT_TYPES_NS = NAMESPACES["ct"]
RELATIONSHIPS_NS = NAMESPACES["r"]


def qualified(name: str) -> str:
    """`"w:p"` as lxml spells it: `"{http://…/main}p"`."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def xml_parser() -> etree.XMLParser:
    """A parser that never fetches or expands anything (one per use: lxml parsers are not
    shared between threads)."""
    return etree.XMLParser(resolve_entities=False, no_network=True)


# ---------------------------------------------------------------- WordprocessingML

W_P = qualified("w:p")
W_R = qualified("w:r")
W_T = qualified("w:t")
W_PPR = qualified("w:pPr")
W_RPR = qualified("w:rPr")
W_VAL = qualified("w:val")
W_STYLE = qualified("w:style")
W_STYLE_ID = qualified("w:styleId")
W_NAME = qualified("w:name")
W_TYPE = qualified("w:type")
W_DEFAULT = qualified("w:default")
W_PSTYLE = qualified("w:pStyle")
W_RSTYLE = qualified("w:rStyle")
W_BASED_ON = qualified("w:basedOn")
W_OUTLINE = qualified("w:outlineLvl")
W_NUMPR = qualified("w:numPr")
W_NUMID = qualified("w:numId")
W_ILVL = qualified("w:ilvl")
W_NUM = qualified("w:num")
W_ABSTRACT_NUM = qualified("w:abstractNum")
W_ABSTRACT_NUM_ID = qualified("w:abstractNumId")
W_LVL = qualified("w:lvl")
W_LVL_OVERRIDE = qualified("w:lvlOverride")
W_START_OVERRIDE = qualified("w:startOverride")
W_START = qualified("w:start")
W_NUM_FMT = qualified("w:numFmt")
W_NUM_STYLE_LINK = qualified("w:numStyleLink")
W_HYPERLINK = qualified("w:hyperlink")
W_ANCHOR = qualified("w:anchor")
W_FLDSIMPLE = qualified("w:fldSimple")
W_INSTR = qualified("w:instr")
W_INSTR_TEXT = qualified("w:instrText")
W_FLDCHAR = qualified("w:fldChar")
W_FLDCHAR_TYPE = qualified("w:fldCharType")
W_TAB = qualified("w:tab")
W_PTAB = qualified("w:ptab")
W_BR = qualified("w:br")
W_CR = qualified("w:cr")
W_NO_BREAK_HYPHEN = qualified("w:noBreakHyphen")
W_DRAWING = qualified("w:drawing")
W_PICT = qualified("w:pict")
W_TXBX_CONTENT = qualified("w:txbxContent")
W_BODY = qualified("w:body")
W_SDT = qualified("w:sdt")
W_SDT_CONTENT = qualified("w:sdtContent")
W_TBL = qualified("w:tbl")
W_TR = qualified("w:tr")
W_TC = qualified("w:tc")
W_CUSTOM_XML = qualified("w:customXml")
W_INS = qualified("w:ins")
W_MOVE_TO = qualified("w:moveTo")
W_SMART_TAG = qualified("w:smartTag")
W_DIR = qualified("w:dir")
W_BDO = qualified("w:bdo")
W_BOLD = qualified("w:b")
W_ITALIC = qualified("w:i")
W_VANISH = qualified("w:vanish")
W_OBJECT = qualified("w:object")
W_CONTROL = qualified("w:control")
W_ALT_CHUNK = qualified("w:altChunk")
W_ATTACHED_TEMPLATE = qualified("w:attachedTemplate")
W_MAIL_MERGE = qualified("w:mailMerge")
W_SUB_DOC = qualified("w:subDoc")
W_STRIKE = qualified("w:strike")
W_DSTRIKE = qualified("w:dstrike")
W_FOOTNOTE = qualified("w:footnote")
W_ENDNOTE = qualified("w:endnote")
W_FOOTNOTE_REFERENCE = qualified("w:footnoteReference")
W_ENDNOTE_REFERENCE = qualified("w:endnoteReference")
W_ID = qualified("w:id")
W_BOOKMARK_START = qualified("w:bookmarkStart")
W_SYM = qualified("w:sym")
W_FONT = qualified("w:font")
W_CHAR = qualified("w:char")
W_RFONTS = qualified("w:rFonts")
W_ASCII = qualified("w:ascii")
W_HANSI = qualified("w:hAnsi")
W_JC = qualified("w:jc")
W_PBDR = qualified("w:pBdr")
W_BOTTOM = qualified("w:bottom")
W_DEL = qualified("w:del")
W_MOVE_FROM = qualified("w:moveFrom")
W_COMMENT_REFERENCE = qualified("w:commentReference")
W_GRID_SPAN = qualified("w:gridSpan")
W_TC_PR = qualified("w:tcPr")
W_HDR = qualified("w:hdr")
W_FTR = qualified("w:ftr")
M_OMATH = qualified("m:oMath")
M_OMATH_PARA = qualified("m:oMathPara")
M_T = qualified("m:t")
M_F = qualified("m:f")
M_NUM = qualified("m:num")
M_DEN = qualified("m:den")
M_SSUP = qualified("m:sSup")
M_SSUB = qualified("m:sSub")
M_SUP = qualified("m:sup")
M_SUB = qualified("m:sub")
M_E = qualified("m:e")
M_RAD = qualified("m:rad")
M_DEG = qualified("m:deg")

R_ID = qualified("r:id")
R_EMBED = qualified("r:embed")
R_LINK = qualified("r:link")
WP_DOCPR = qualified("wp:docPr")
A_BLIP = qualified("a:blip")
PIC_NV_PIC_PR = qualified("pic:nvPicPr")
PIC_CNVPR = qualified("pic:cNvPr")
V_IMAGEDATA = qualified("v:imagedata")
V_SHAPE = qualified("v:shape")
O_TITLE = qualified("o:title")
O_OLE_OBJECT = qualified("o:OLEObject")
MC_ALTERNATE = qualified("mc:AlternateContent")
MC_CHOICE = qualified("mc:Choice")
MC_FALLBACK = qualified("mc:Fallback")
PR_RELATIONSHIP = qualified("pr:Relationship")

# ---------------------------------------------------------------- relationship types

_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MS_RELS = "http://schemas.microsoft.com/office/2006/relationships"
REL_OFFICE_DOCUMENT = f"{_OFFICE_RELS}/officeDocument"
REL_HYPERLINK = f"{_OFFICE_RELS}/hyperlink"
# What a document may carry that runs, or that Word fetches or unpacks on its own: a copied
# reference document keeps none of it.
ACTIVE_RELATIONSHIP_TYPES = frozenset(
    {
        f"{_OFFICE_RELS}/attachedTemplate",
        f"{_OFFICE_RELS}/oleObject",
        f"{_OFFICE_RELS}/package",
        f"{_OFFICE_RELS}/control",
        f"{_OFFICE_RELS}/aFChunk",
        f"{_OFFICE_RELS}/subDocument",
        f"{_OFFICE_RELS}/frame",
        f"{_OFFICE_RELS}/mailMergeSource",
        f"{_OFFICE_RELS}/mailMergeHeaderSource",
        f"{_OFFICE_RELS}/recipientData",
        f"{_MS_RELS}/vbaProject",
        f"{_MS_RELS}/wordVbaData",
        f"{_MS_RELS}/keyMapCustomizations",
        f"{_MS_RELS}/activeXControlBinary",
        f"{_MS_RELS}/ui/extensibility",
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
        "http://schemas.microsoft.com/office/2007/relationships/ui/userCustomization",
        "http://schemas.microsoft.com/office/2011/relationships/ui/extensibility",
    }
)


# ---------------------------------------------------------------- a story's custom properties


class STORY_PROPERTIES:
    """The names of the custom document properties an EditorDesk export carries, which an
    import of that file reads back (docProps/custom.xml)."""

    GENERATOR = "EditorDesk"
    HEADLINE = "EditorDesk headline"
    STANDFIRST = "EditorDesk standfirst"
    BYLINE = "EditorDesk byline"
    DATELINE = "Dateline"
    SECTION = "Section"
    SLUG = "Slug"
    STATUS = "Status"
    PUBLISH_TIME = "Publish time"
    TAGS = "EditorDesk tags"
    RELATED = "EditorDesk related"


CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
REL_CUSTOM_PROPERTIES = f"{_OFFICE_RELS}/custom-properties"
REL_FOOTNOTES = f"{_OFFICE_RELS}/footnotes"
REL_ENDNOTES = f"{_OFFICE_RELS}/endnotes"
