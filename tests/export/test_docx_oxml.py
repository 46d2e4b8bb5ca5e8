"""The raw OOXML the Word writer keeps in one module: here, stripping what a reference
document could run, fetch or unpack, element by element, read back with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from editordesk.export import docx_oxml as ox

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'


def test_strip_active_content_removes_each_kind_and_what_pointed_at_it() -> None:
    document = docx.Document()
    document.add_paragraph("Kept words")
    package = document.part.package
    body = document.element.body
    chunk = Part(PackURI("/word/afchunk.htm"), "text/html", b"<script>1</script>", package)
    chunk_id = document.part.relate_to(chunk, f"{R}/aFChunk")
    body.insert(0, parse_xml(f'<w:altChunk {NS} r:id="{chunk_id}"/>'))
    control = Part(
        PackURI("/word/activeX/activeX1.xml"),
        "application/vnd.ms-office.activeX+xml",
        b"<ax/>",
        package,
    )
    control_id = document.part.relate_to(control, f"{R}/control")
    paragraph = document.add_paragraph("Beside a control")
    paragraph._p.append(
        parse_xml(f'<w:r {NS}><w:object><w:control r:id="{control_id}"/></w:object></w:r>')
    )
    link_id = document.part.relate_to("https://example.org/", f"{R}/hyperlink", True)
    paragraph._p.append(
        parse_xml(f'<w:hyperlink {NS} r:id="{link_id}"><w:r><w:t>a link</w:t></w:r></w:hyperlink>')
    )
    settings = document.part._settings_part
    source_id = settings.relate_to("file:///C:/merge.mdb", f"{R}/mailMergeSource", True)
    settings.element.append(
        parse_xml(
            f'<w:mailMerge {NS}><w:mainDocumentType w:val="formLetters"/>'
            f'<w:dataSource r:id="{source_id}"/></w:mailMerge>'
        )
    )

    ox.strip_active_content(document)
    data = ox.package_bytes(document)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        xml = b"".join(archive.read(name) for name in names)
    assert "word/afchunk.htm" not in names and "word/activeX/activeX1.xml" not in names
    for gone in (b"altChunk", b"w:control", b"w:object", b"mailMerge", b"merge.mdb"):
        assert gone not in xml, gone
    assert b"example.org" not in xml  # a reference's own links go too: the story adds its own
    reopened = docx.Document(io.BytesIO(data))
    assert [p.text for p in reopened.paragraphs] == ["Kept words", "Beside a controla link"]


def test_hyperlinks_share_one_relationship_per_address_numbered_as_python_docx_would() -> None:
    ours, theirs = docx.Document(), docx.Document()
    urls = ["https://a.example/1", "https://b.example/2", "https://a.example/1"]
    for url in urls:
        ox.add_hyperlink(ours.add_paragraph(), url)
        if url == urls[1]:  # a picture's relationship in between takes the next number
            ours.part.rels.add_relationship("t", "pic.png", "rId99")
            theirs.part.rels.add_relationship("t", "pic.png", "rId99")
        theirs.part.relate_to(url, ox.RT.HYPERLINK, is_external=True)
    rels = {k: v.target_ref for k, v in ours.part.rels.items() if v.is_external}
    assert rels == {k: v.target_ref for k, v in theirs.part.rels.items() if v.is_external}
    assert sorted(rels.values()) == sorted(set(urls))
    ids = [p._p.find(ox.qn("w:hyperlink")).get(ox.qn("r:id")) for p in ours.paragraphs]
    assert ids[0] == ids[2] != ids[1]
