"""The body as Word holds it: links and fields, hidden, deleted and inserted text, tables, text
boxes, and emphasis as the runs carry it."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from editordesk.interchange.docx import read_docx
from tests.interchange.docx.word import (
    MD,
    add_field,
    add_hyperlink,
    block_texts,
)


def test_links_web_only_fields_and_anchors(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    p = document.add_paragraph("Read ")
    add_field(p, ' HYPERLINK "https://example.org/a b(c)" \\o "tip" ', "the report")
    p.add_run(", see ")
    add_hyperlink(p, "my notes", "file:///C:/Users/mq/notes.docx")
    p.add_run(" and ")
    add_hyperlink(p, "the pier", "https://example.org/pier", bold=True)
    p.add_run(" or ")
    anchor = OxmlElement("w:hyperlink")
    anchor.set(qn("w:anchor"), "_Toc1")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "section two"
    run.append(t)
    anchor.append(run)
    p._p.append(anchor)
    document.save(tmp_path / "links.docx")
    [body] = read_docx(tmp_path / "links.docx").parts
    assert body == (
        "Read [the report](https://example.org/a%20b%28c%29), see my notes and "
        "[**the pier**](https://example.org/pier) or section two\n"
    )
    html = MD.render(body)
    assert 'href="https://example.org/a%20b%28c%29"' in html


def test_emphasis_across_spaces_and_neighbours_reads_back(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    p = document.add_paragraph("a ")
    p.add_run("bold ").bold = True
    p.add_run("both").italic = True
    p.runs[-1].bold = True
    p.add_run(" italic").italic = True
    p.add_run(" plain")
    q = document.add_paragraph("word")
    q.add_run('"quoted"').bold = True
    q.add_run("word")
    document.save(tmp_path / "emph.docx")
    [body] = read_docx(tmp_path / "emph.docx").parts
    first, second = body.rstrip("\n").split("\n\n")
    assert first == "a **bold *both*** *italic* plain"
    # CommonMark cannot bold a quotation that touches letters on both sides: the words stay.
    assert block_texts(second) == ['word"quoted"word']


def test_hidden_text_deleted_text_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    p = document.add_paragraph("Kept")
    p.add_run(" (note to desk)").font.hidden = True
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = " struck"
    run.append(gone)
    deleted.append(run)
    p._p.append(deleted)
    inserted = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = " added"
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    inserted.append(run)
    p._p.append(inserted)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Sailings"
    table.cell(0, 1).text = "Two a day"
    document.save(tmp_path / "t.docx")
    story = read_docx(tmp_path / "t.docx")
    [body] = story.parts
    assert body == "Kept added\n\n| Sailings | Two a day |\n| --- | --- |\n"  # a real table
    assert story.report == "tracked changes accepted: 2"


def test_quotes_text_boxes_and_a_second_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("We plan our week around that boat.", style="Quote")
    anchor = document.add_paragraph("Anchor paragraph.")
    anchor._p.append(parse_xml(TEXT_BOX))
    document.add_paragraph("Part two", style="Title")
    document.save(tmp_path / "q.docx")
    story = read_docx(tmp_path / "q.docx")
    assert story.draft.headline == "Headline"
    assert story.parts == (
        "> We plan our week around that boat.\n\n"
        "Anchor paragraph.\n\n"
        "Fact box: three sailings go.\n\n"
        "## Part two\n",
    )


# A floating text box as Word writes it: the shape, then a VML copy for old readers.
TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">
<w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 1"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>
<w:txbxContent><w:p><w:r><w:t>Fact box: three sailings go.</w:t></w:r></w:p></w:txbxContent>
</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Fact box: three
 sailings go.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def test_a_list_of_thousands_of_level_overrides_keeps_every_item(tmp_path: Path) -> None:
    """Each item at a level of its own, each level restarted by an override in one list:
    every item and its words arrive (each used to look through every override: 4,000
    items took 20 s)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    count = 3000
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract_id = numbering.find(f"{{{w}}}abstractNum").get(f"{{{w}}}abstractNumId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="5"/></w:lvlOverride>'
        for i in range(count)
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{w}" w:numId="999"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )
    for i in range(count):
        paragraph = document.add_paragraph(f"item {i}")
        paragraph._p.insert(
            0,
            parse_xml(
                f'<w:pPr xmlns:w="{w}"><w:numPr><w:ilvl w:val="{i}"/>'
                '<w:numId w:val="999"/></w:numPr></w:pPr>'
            ),
        )
    document.save(tmp_path / "levels.docx")
    [body] = read_docx(tmp_path / "levels.docx").parts
    assert [t.split(" ", 1)[1] for t in block_texts(body)] == [str(i) for i in range(count)]
    assert body.startswith("5. item 0\n")
