"""A reporter's own Word file (not one EditorDesk wrote): a table, footnotes, numbered headings,
tracked changes, a comment, a text box, an equation, Symbol-font characters and a header all
come in with every word kept and the losses named in one line."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from editordesk.export.docx_oxml import Footnotes
from editordesk.interchange.docx import read_docx
from editordesk.services.importing import import_files
from editordesk.store.db import Store


def _run(text: str) -> OxmlElement:
    run = OxmlElement("w:r")
    t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    t.text = text
    run.append(t)
    return run


def reporter_file(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Harbour budget passes", style="Title")
    document.sections[0].header.paragraphs[0].text = "Port Ellan Courier draft"

    # Word's "1 / 1.1" heading numbering: numbers the headings show but nobody typed.
    heading = document.add_paragraph("Money for the wall", style="Heading 1")
    num_pr = heading._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 1

    body = document.add_paragraph("Councillors voted")
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Ed" w:date="2026-12-01T10:00:00Z">'
        "<w:r><w:delText> reluctantly</w:delText></w:r></w:del>"
    )
    inserted = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Ed" w:date="2026-12-01T10:00:00Z">'
        '<w:r><w:t xml:space="preserve"> nine to two</w:t></w:r></w:ins>'
    )
    body._p.append(deleted)
    body._p.append(inserted)
    body._p.append(_run(" for the plan"))
    notes = Footnotes(document)
    note = notes.add(1)
    note_p = note.add_paragraph()
    note_p._p.append(_run("Two councillors were absent."))
    body._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    body._p.append(_run(", a rise of 5"))
    body._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Symbol" w:char="F0B1"/></w:r>'))
    body._p.append(_run("1% at 12"))
    body._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Symbol" w:char="F0B0"/></w:r>'))
    body._p.append(_run(" and "))
    body._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:commentReference w:id="0"/></w:r>'))
    body._p.append(
        parse_xml(
            f"<m:oMath {nsdecls('m')}><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num>"
            "<m:den><m:r><m:t>b</m:t></m:r></m:den></m:f></m:oMath>"
        )
    )

    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("Item", "Cost", "Year")):
        table.cell(0, column).text = text
    for column, text in enumerate(("Wall", "£2m", "2027")):
        table.cell(1, column).text = text

    boxed = document.add_paragraph("The vote came late.")
    boxed._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            "<w:pict><v:shape><v:textbox><w:txbxContent>"
            "<w:p><w:r><w:t>Box: what the wall costs</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    document.save(path)
    return path


WORDS = (
    "Money for the wall Councillors voted nine to two for the plan , a rise of 5±1% at 12° "
    "and (a)/(b) Item Cost Year Wall £2m 2027 The vote came late. Box: what the wall costs "
    "Two councillors were absent."
)


def test_every_word_comes_in_and_every_loss_is_named_in_one_line(tmp_path: Path) -> None:
    story = read_docx(reporter_file(tmp_path / "budget.docx"))
    [body] = story.parts
    assert story.draft.headline == "Harbour budget passes"
    plain = re.sub(r"\\(.)", r"\1", body)
    for word in WORDS.split():
        assert word in plain, word
    assert "reluctantly" not in body  # the deleted words stay deleted
    assert "| Item | Cost | Year |" in body and "| Wall | £2m | 2027 |" in body
    assert "plan[^1]" in body and "[^1]: Two councillors were absent." in body
    assert "# Money for the wall" in body
    assert "\n" not in story.report
    for named in (
        "tracked changes accepted: 2",
        "comments dropped: 1",
        "equations kept as linear text: 1",
        "text boxes placed after their paragraph: 1",
        "words in headers and footers left out: 4",
        "heading numbers (Word's numbering) left out: 1",
    ):
        assert named in story.report, (named, story.report)


def test_the_import_reports_the_losses_and_stores_the_story(store: Store, tmp_path: Path) -> None:
    [result] = import_files(store, [reporter_file(tmp_path / "budget.docx")], author="t")
    assert result.story is not None, result.error
    assert "tracked changes accepted: 2" in result.report
    assert "| Item | Cost | Year |" in result.story.body
