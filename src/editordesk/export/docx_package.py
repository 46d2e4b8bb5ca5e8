"""The .docx package as a whole: written out with pictures stored, a reference document's
active content dropped, and the story's custom properties set."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editordesk.ooxml.names import (
    ACTIVE_RELATIONSHIP_TYPES,
    CONTENT_TYPES_NS,
    O_OLE_OBJECT,
    RELATIONSHIPS_NS,
    W_ALT_CHUNK,
    W_ATTACHED_TEMPLATE,
    W_CONTROL,
    W_MAIL_MERGE,
    W_OBJECT,
    W_SUB_DOC,
)

_CT_NS = CONTENT_TYPES_NS
# Already compressed: deflating them again costs time and saves nothing.
_STORED_TYPES = frozenset({CT.JPEG, CT.PNG, CT.GIF})
_PICTURE_EXTENSIONS = {"jpg": CT.JPEG, "jpeg": CT.JPEG, "png": CT.PNG, "gif": CT.GIF}


def package_bytes(document: Document) -> bytes:
    """The .docx as bytes, as `Document.save` writes it but with pictures stored rather than
    deflated a second time (that was most of the time spent on a photo-heavy story)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    types_nsmap: Any = {None: _CT_NS}
    types = etree.Element(f"{{{_CT_NS}}}Types", nsmap=types_nsmap)
    for extension, content_type in (("rels", CT.OPC_RELATIONSHIPS), ("xml", CT.XML)):
        etree.SubElement(
            types, f"{{{_CT_NS}}}Default", Extension=extension, ContentType=content_type
        )
    defaults = {"rels", "xml"}
    for part in sorted(parts, key=lambda p: str(p.partname)):
        extension = part.partname.ext.lower()
        if _PICTURE_EXTENSIONS.get(extension) == part.content_type:
            if extension not in defaults:  # pictures by extension, as Word writes them
                defaults.add(extension)
                etree.SubElement(
                    types,
                    f"{{{_CT_NS}}}Default",
                    Extension=extension,
                    ContentType=part.content_type,
                )
            continue
        etree.SubElement(
            types,
            f"{{{_CT_NS}}}Override",
            PartName=str(part.partname),
            ContentType=part.content_type,
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
        )
        archive.writestr("_rels/.rels", package.rels.xml)
        for part in parts:
            stored = part.content_type in _STORED_TYPES
            archive.writestr(
                part.partname.membername,
                part.blob,
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
            if len(part.rels):
                archive.writestr(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


# ---------------------------------------------------------------- a reference's active content

# Elements whose only job is to point at a relationship: they go with it.
_POINTERS = frozenset({W_ATTACHED_TEMPLATE, W_ALT_CHUNK, W_SUB_DOC})
# An embedded object or control goes whole, with the picture Word shows for it.
_OBJECT_PARTS = frozenset({O_OLE_OBJECT, W_CONTROL})


def strip_active_content(document: Document) -> None:
    """Drop from every part of a reference document what Word would fetch, run or unpack on
    opening a file built on it: every external relationship (an attached template on a web
    server, a linked picture, a mail-merge data source), macros, embedded objects, ActiveX
    controls, and the elements that pointed at them. Styles, numbering, headers, footers
    and the page are kept; parts nothing points at any more are not written out."""
    package = document.part.package
    _drop_relationships(package.rels)
    for part in list(package.iter_parts()):
        dropped = _drop_relationships(part.rels)
        element = getattr(part, "_element", None)
        if dropped and element is not None:
            _drop_pointers(element, dropped)


def _drop_relationships(rels: Any) -> set[str]:
    dropped = {
        r_id
        for r_id, rel in rels.items()
        if rel.is_external or rel.reltype in ACTIVE_RELATIONSHIP_TYPES
    }
    for r_id in dropped:
        del rels[r_id]
    return dropped


def _drop_pointers(root: Any, dropped: set[str]) -> None:
    pointing = [
        (element, attribute)
        for element in root.iter()
        for attribute, value in element.attrib.items()
        if attribute.startswith(f"{{{RELATIONSHIPS_NS}}}") and value in dropped
    ]
    for element, attribute in pointing:
        if element.tag in _OBJECT_PARTS:
            element = next(element.iterancestors(W_OBJECT), element)
        elif element.tag in _POINTERS:
            pass
        elif element.getparent() is not None and element.getparent().tag == W_MAIL_MERGE:
            element = element.getparent()
        else:
            element.attrib.pop(attribute, None)
            continue
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


# ---------------------------------------------------------------- custom properties

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def set_custom_properties(document: Document, values: dict[str, str]) -> None:
    """File > Properties > Custom: `values` as text properties, in `docProps/custom.xml`
    (replacing any the reference document had)."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rel_id]
    nsmap: Any = {None: _CUSTOM_NS, "vt": _VT_NS}
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap=nsmap)
    for pid, (name, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{_CUSTOM_NS}}}property", fmtid=_CUSTOM_FMTID, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
