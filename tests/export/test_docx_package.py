"""The .docx package as a whole: pictures stored, custom properties replaced, and what it writes
opens again in python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from PIL import Image

from editordesk.export.docx_package import package_bytes, set_custom_properties


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG")
    out.seek(0)
    return out


def test_pictures_are_stored_and_the_rest_deflated() -> None:
    document = docx.Document()
    document.add_paragraph("Pier")
    document.add_picture(_png())
    with zipfile.ZipFile(io.BytesIO(package_bytes(document))) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        types = archive.read("[Content_Types].xml").decode()
    [picture] = [name for name in kinds if name.startswith("word/media/")]
    assert kinds[picture] == zipfile.ZIP_STORED
    assert kinds["word/document.xml"] == zipfile.ZIP_DEFLATED
    assert 'Extension="png"' in types


def test_custom_properties_replace_the_ones_there_were() -> None:
    document = docx.Document()
    set_custom_properties(document, {"old": "1"})
    set_custom_properties(document, {"slug": "pier", "status": "ready"})
    with zipfile.ZipFile(io.BytesIO(package_bytes(document))) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        rels = archive.read("_rels/.rels").decode()
    assert 'name="slug"' in custom and ">ready<" in custom and 'name="old"' not in custom
    assert rels.count("custom-properties") == 1
    assert docx.Document(io.BytesIO(package_bytes(document))).paragraphs == []
