"""A reporter's Word file becomes a draft: its structure, pictures and credits arrive, a bad
file is refused whole, and every word reads back as it was typed."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editordesk.errors import InputError
from editordesk.interchange.docx import byline_of, escape_markdown, read_docx
from editordesk.interchange.markdown import FigureSource
from editordesk.services.exporting import load_bundle
from editordesk.services.images import image_uses
from editordesk.services.importing import import_files
from editordesk.services.stories import revisions
from editordesk.store.db import Store
from editordesk.store.models import StoryStatus
from tests.helpers import image_bytes, snapshot

MD = MarkdownIt("commonmark")

# ------------------------------------------------------------------ building Word files


def add_hyperlink(paragraph: Any, text: str, url: str, *, bold: bool = False) -> None:
    """python-docx has no hyperlink API: the w:hyperlink element, as Word writes it."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_field(paragraph: Any, instr: str, result: str) -> None:
    """A complex field (begin, code, separate, result, end), as Word writes HYPERLINK and SEQ."""

    def run_with(child: Any) -> Any:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)
        return child

    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "begin")
    code = run_with(OxmlElement("w:instrText"))
    code.text = instr
    code.set(qn("xml:space"), "preserve")
    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "separate")
    shown = run_with(OxmlElement("w:t"))
    shown.text = result
    run_with(OxmlElement("w:fldChar")).set(qn("w:fldCharType"), "end")


def add_picture(document: Any, data: bytes, alt: str = "") -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(data), width=Inches(1))
    if alt:
        run._r.xpath(".//wp:docPr")[0].set("descr", alt)
    return paragraph


def set_level(paragraph: Any, level: int) -> None:
    """Indent a list paragraph as Word's Tab key does: a w:numPr with the style's list."""
    numpr = paragraph.style.element.pPr.numPr
    ppr = paragraph._p.get_or_add_pPr()
    own = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), numpr.numId.get(qn("w:val")))
    own.append(ilvl)
    own.append(num)
    ppr.append(own)


def paragraph_style(document: Any, name: str) -> None:
    document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


SPECIAL = "1. Not a list * _ [x] <b> {{< x >}} # & &amp; 3 > 2 \\ `code` ~~~ +"
PICTURE = image_bytes("JPEG", size=(120, 80), color=(40, 90, 160))


def reporter_copy(path: Path) -> Path:
    """The realistic copy a reporter files: every structure the importer reads."""
    document = docx.Document()
    paragraph_style(document, "Credit")
    document.core_properties.keywords = "weather; harbour, storms"
    document.core_properties.author = "Someone Else"
    document.add_paragraph("Harbour wall gives way after week of storms", style="Title")
    document.add_paragraph(
        "Engineers say the sea wall could not take a fourth surge.", style="Subtitle"
    )
    document.add_paragraph("By Mara Quinn")
    p = document.add_paragraph("The harbour wall at Port Ellan ")
    p.add_run("collapsed").bold = True
    p.add_run(" on Thursday night, leaving a ")
    p.add_run("twelve-metre").italic = True
    p.add_run(" gap.")
    add_picture(document, PICTURE, alt="A gap in the harbour wall")
    document.add_paragraph("The breach at low tide.", style="Caption")
    document.add_paragraph("Photo: J. Doyle / Ellan Courier", style="Credit")
    document.add_heading("What the engineers found", level=1)
    p = document.add_paragraph("See ")
    add_hyperlink(p, "the council notice", "https://example.org/notice")
    p.add_run(".")
    document.add_heading("Who pays", level=2)
    document.add_paragraph("Fishing boats moved to Kilmore", style="List Bullet")
    document.add_paragraph("The ferry runs from the south slip", style="List Bullet")
    document.add_paragraph("Passengers wait at the hotel", style="List Bullet 2")
    document.add_paragraph("Close the pier", style="List Number")
    document.add_paragraph("Survey the wall", style="List Number")
    document.add_paragraph(SPECIAL)
    document.save(path)
    return path


def import_one(store: Store, path: Path) -> int:
    [result] = import_files(store, [path], author="Importer")
    assert result.error is None, result.error
    assert result.story is not None
    return result.story.id


def block_texts(markdown: str) -> list[str]:
    """The text of each paragraph, heading and list item as CommonMark reads it."""
    texts = []
    for token in MD.parse(markdown):
        if token.type != "inline":
            continue
        text = "".join(
            child.content if child.type == "text" else "\n" if "break" in child.type else ""
            for child in token.children or []
        )
        if not text.startswith("{{<"):
            texts.append(text)
    return texts


# ------------------------------------------------------------------ the whole story


def test_reporter_copy_becomes_a_draft_with_its_picture_in_the_library(
    store: Store, tmp_path: Path
) -> None:
    story_id = import_one(store, reporter_copy(tmp_path / "harbour.docx"))
    with store.read() as session:
        bundle = load_bundle(session, story_id)
        story = bundle.story
        [image] = bundle.images.values()
        uses = image_uses(session, image.id)
    assert story.headline == "Harbour wall gives way after week of storms"
    assert story.standfirst == "Engineers say the sea wall could not take a fourth surge."
    assert story.byline == "Mara Quinn"
    assert story.tags == ("weather", "harbour", "storms")
    assert story.status is StoryStatus.DRAFT
    body = story.body
    assert body.startswith(
        "The harbour wall at Port Ellan **collapsed** on Thursday night, leaving a "
        "*twelve-metre* gap.\n\n"
        f'{{{{< figure image="{image.id}" >}}}}\n\n'
        "## What the engineers found\n\n"
        "See [the council notice](https://example.org/notice).\n\n"
        "### Who pays\n\n"
        "- Fishing boats moved to Kilmore\n"
        "- The ferry runs from the south slip\n"
        "  - Passengers wait at the hotel\n\n"
        "1. Close the pier\n"
        "2. Survey the wall\n\n"
    )
    assert image.fields.caption == "The breach at low tide."
    assert image.fields.credit == "Photo: J. Doyle / Ellan Courier"
    assert image.fields.alt_text == "A gap in the harbour wall"
    assert (image.width, image.height) == (120, 80)
    assert image.original_name == "image1.jpg"
    assert uses == [(story_id, story.headline)]
    with store.read() as session:
        [revision] = revisions(session, story_id)
    assert (revision.note, revision.author) == ("imported from harbour.docx", "Importer")


def test_imported_markdown_reads_back_as_the_word_paragraphs(tmp_path: Path) -> None:
    path = reporter_copy(tmp_path / "harbour.docx")
    skipped = {"Title", "Subtitle", "Caption", "Credit"}
    word = [
        p.text
        for p in docx.Document(str(path)).paragraphs
        if p.style.name not in skipped and p.text.strip() and p.text != "By Mara Quinn"
    ]
    story = read_docx(path)
    markdown = "".join(p if isinstance(p, str) else "{{< figure >}}" for p in story.parts)
    assert block_texts(markdown) == word
    assert SPECIAL in word


def test_figures_get_distinct_paths_inside_the_file(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Two pictures", style="Title")
    add_picture(document, image_bytes("PNG", color=(1, 2, 3)))
    add_picture(document, image_bytes("JPEG", color=(4, 5, 6)))
    document.save(tmp_path / "two.docx")
    story = read_docx(tmp_path / "two.docx")
    paths = [f.path for f in story.figures]
    assert paths == [
        tmp_path / "two.docx" / "word/media/image1.png",
        tmp_path / "two.docx" / "word/media/image2.jpg",
    ]
    assert all(isinstance(p, FigureSource) for p in story.figures)


# ------------------------------------------------------------------ fields of the story


def test_first_heading_is_the_headline_and_properties_fill_the_gaps(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Stale title from the template"
    document.core_properties.author = "Ana Ruiz"
    document.core_properties.keywords = "ferry , islands;;transport"
    document.add_heading("Ferry timetable cut", level=1)
    document.add_paragraph("The ferry will sail twice a day.")
    document.add_heading("What changes", level=2)
    document.add_heading("Smaller point", level=3)
    document.save(tmp_path / "ferry.docx")
    story = read_docx(tmp_path / "ferry.docx")
    assert story.draft.headline == "Ferry timetable cut"
    assert story.draft.byline == "Ana Ruiz"
    assert story.draft.tags == ("ferry", "islands", "transport")
    body = "".join(p for p in story.parts if isinstance(p, str))
    assert body == "The ferry will sail twice a day.\n\n## What changes\n\n### Smaller point\n"


def test_without_title_or_leading_heading_the_properties_then_the_file_name_give_it(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("Copy starts here.")
    document.add_heading("A subhead is not a headline", level=2)
    document.core_properties.title = "From the properties"
    document.save(tmp_path / "a.docx")
    assert read_docx(tmp_path / "a.docx").draft.headline == "From the properties"
    document.core_properties.title = ""
    document.core_properties.author = "python-docx"  # a generator's name is nobody's byline
    document.save(tmp_path / "council_budget-vote.docx")
    story = read_docx(tmp_path / "council_budget-vote.docx")
    assert story.draft.headline == "Council budget vote"
    assert story.draft.byline == ""


def test_a_byline_style_paragraph_names_the_author(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph_style(document, "Byline")
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("Text first.")
    document.add_paragraph("by Owen Price", style="Byline")
    document.save(tmp_path / "b.docx")
    story = read_docx(tmp_path / "b.docx")
    assert story.draft.byline == "Owen Price"
    assert "".join(p for p in story.parts if isinstance(p, str)) == "Text first.\n"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("By Mara Quinn", "Mara Quinn"),
        ("BY MARA QUINN", "MARA QUINN"),
        ("By Mara Quinn, health correspondent", "Mara Quinn, health correspondent"),
        ("By Anna van der Berg and Li Wei", "Anna van der Berg and Li Wei"),
        ("By: J. Doyle", "J. Doyle"),
        ("By Thursday night the wall had gone", None),
        ("By Thursday.", None),
        ("Byelection called", None),
        ("Mara Quinn", None),
    ],
)
def test_byline_of(text: str, name: str | None) -> None:
    assert byline_of(text) == name


def test_a_sentence_starting_with_by_stays_in_the_body(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("By nightfall the pier had gone")
    document.save(tmp_path / "c.docx")
    story = read_docx(tmp_path / "c.docx")
    assert story.draft.byline == ""
    assert story.parts == ("By nightfall the pier had gone\n",)


# ------------------------------------------------------------------ captions and pictures


def _captioned(tmp_path: Path, *captions: tuple[str, str]) -> Any:
    document = docx.Document()
    paragraph_style(document, "Photo Credit")
    document.add_paragraph("Headline", style="Title")
    add_picture(document, PICTURE)
    for text, style in captions:
        document.add_paragraph(text, style=style)
    document.add_paragraph("After.")
    document.save(tmp_path / "cap.docx")
    [figure] = read_docx(tmp_path / "cap.docx").figures
    return figure.fields


def test_a_caption_line_starting_photo_or_credit_is_the_credit(tmp_path: Path) -> None:
    fields = _captioned(
        tmp_path, ("The breach at low tide.", "Caption"), ("Credit: J. Doyle", "Caption")
    )
    assert (fields.caption, fields.credit) == ("The breach at low tide.", "J. Doyle")
    fields = _captioned(tmp_path, ("Photo: Ana Ruiz", "Caption"))
    assert (fields.caption, fields.credit) == ("", "Photo: Ana Ruiz")
    fields = _captioned(tmp_path, ("Crews at work", "Caption"), ("Owen Price", "Photo Credit"))
    assert (fields.caption, fields.credit) == ("Crews at work", "Owen Price")


def test_a_line_break_in_a_caption_can_start_the_credit(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    add_picture(document, PICTURE)
    caption = document.add_paragraph("The breach at low tide.", style="Caption")
    caption.add_run().add_break()
    caption.add_run("Photo: J. Doyle")
    document.save(tmp_path / "cap.docx")
    [figure] = read_docx(tmp_path / "cap.docx").figures
    assert (figure.fields.caption, figure.fields.credit) == (
        "The breach at low tide.",
        "Photo: J. Doyle",
    )


def test_words_insert_caption_label_is_dropped(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    add_picture(document, PICTURE)
    caption = document.add_paragraph("Figure ", style="Caption")
    add_field(caption, " SEQ Figure \\* ARABIC ", "1")
    caption.add_run(": The pier at dawn")
    document.save(tmp_path / "cap.docx")
    [figure] = read_docx(tmp_path / "cap.docx").figures
    assert figure.fields.caption == "The pier at dawn"


def test_a_caption_with_no_picture_above_stays_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("Table 1: sailings", style="Caption")
    document.save(tmp_path / "cap.docx")
    assert read_docx(tmp_path / "cap.docx").parts == ("Table 1: sailings\n",)


def test_words_generated_alt_text_is_not_kept(tmp_path: Path) -> None:
    document = docx.Document()
    add_picture(
        document,
        PICTURE,
        alt="A picture containing water, outdoor\n\nDescription automatically generated",
    )
    document.save(tmp_path / "alt.docx")
    [figure] = read_docx(tmp_path / "alt.docx").figures
    assert figure.fields.alt_text == ""


def test_a_picture_inside_a_paragraph_splits_it(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    p = document.add_paragraph("Before the picture.")
    p.add_run().add_picture(io.BytesIO(PICTURE), width=Inches(1))
    p.add_run("After the picture.")
    document.save(tmp_path / "split.docx")
    parts = read_docx(tmp_path / "split.docx").parts
    assert parts[0] == "Before the picture.\n\n"
    assert isinstance(parts[1], FigureSource)
    assert parts[2:] == ("\n\nAfter the picture.\n",)


# ------------------------------------------------------------------ lists, links, text


def test_numbering_continues_across_a_paragraph_and_nests(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("one", style="List Number")
    nested = document.add_paragraph("one point one", style="List Number")
    set_level(nested, 1)
    document.add_paragraph("bullet under it", style="List Bullet 2")
    document.add_paragraph("two", style="List Number")
    document.add_paragraph("An aside.")
    document.add_paragraph("three", style="List Number")
    document.save(tmp_path / "lists.docx")
    body = "".join(p for p in read_docx(tmp_path / "lists.docx").parts if isinstance(p, str))
    assert body == (
        "1. one\n   1. one point one\n   - bullet under it\n2. two\n\nAn aside.\n\n3. three\n"
    )
    html = MD.render(body)
    assert '<ol start="3">' in html and html.count("<ol>") == 2 and "<ul>" in html


def test_a_different_list_straight_after_stays_a_different_list(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("a bullet", style="List Bullet")
    document.add_paragraph("a number", style="List Number")
    document.save(tmp_path / "lists.docx")
    body = "".join(p for p in read_docx(tmp_path / "lists.docx").parts if isinstance(p, str))
    assert MD.render(body) == "<ul>\n<li>a bullet</li>\n</ul>\n<ol>\n<li>a number</li>\n</ol>\n"


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
    [body] = read_docx(tmp_path / "t.docx").parts
    assert body == "Kept added\n\nSailings\n\nTwo a day\n"


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


# ------------------------------------------------------------------ escaping

MARKDOWN_HEAVY = st.sampled_from(list("#*_-+=>`~[]()!<>{}&;:.|\\\"' \t1234567890xyz"))
ANY_TEXT = st.lists(
    st.one_of(
        MARKDOWN_HEAVY,
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
        st.sampled_from(["&amp;", "&#35;", "&#x41;", "{{<", "{{%", "1. ", "- ", "***", "---"]),
    ),
    max_size=30,
).map("".join)


def _read_text(markdown: str) -> str:
    tokens = MD.parse(markdown)
    assert [t.type for t in tokens] in ([], ["paragraph_open", "inline", "paragraph_close"])
    return "".join(
        child.content
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "text"
    )


@given(ANY_TEXT)
@settings(max_examples=200, deadline=None)
def test_escaped_text_reads_back_as_the_same_text(text: str) -> None:
    text = text.replace("\u2028", " ").replace("\u2029", " ")
    escaped = escape_markdown(text)
    assert "{{" not in escaped
    assert _read_text(escaped) == text.strip()
    assert _read_text("x" + escape_markdown(text, at_line_start=False)) == ("x" + text).strip()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Plain words, 3.5 million & more", "Plain words, 3.5 million & more"),
        ("1. Not a list", "1\\. Not a list"),
        ("# Not a heading", "\\# Not a heading"),
        ("#hashtag", "#hashtag"),
        ("- not an item", "\\- not an item"),
        ("-5 degrees", "-5 degrees"),
        ("> not a quote", "\\> not a quote"),
        ("a *b* _c_ [d] <e>", "a \\*b\\* \\_c\\_ \\[d\\] \\<e>"),
        ("{{< x >}}", "\\{\\{\\< x >}}"),
        ("&amp; &", "\\&amp; &"),
    ],
)
def test_escaping_is_only_where_needed(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


RUN_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"
    )
    | MARKDOWN_HEAVY.filter(lambda c: c != "\t"),
    min_size=1,
    max_size=12,
)
RUNS = st.lists(st.tuples(RUN_TEXT, st.booleans(), st.booleans()), min_size=1, max_size=6)
STYLES = st.sampled_from(["Normal", "List Bullet", "List Number", "Heading 2", "Quote"])


@given(st.lists(st.tuples(STYLES, RUNS), min_size=1, max_size=5))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_word_paragraphs_read_back_as_typed(paragraphs: list[Any]) -> None:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    document.add_paragraph("Intro.")
    expected = ["Intro."]
    for style, runs in paragraphs:
        text = "".join(t for t, _, _ in runs)
        if not text.strip():
            continue
        p = document.add_paragraph(style=style)
        for t, bold, italic in runs:
            run = p.add_run(t)
            run.bold, run.italic = bold, italic
        expected.append(text.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.docx"
        document.save(path)
        story = read_docx(path)
    [body] = story.parts
    assert block_texts(body) == expected


WORDS = st.lists(
    st.tuples(
        st.text(st.sampled_from("abc"), min_size=1, max_size=4), st.booleans(), st.booleans()
    ),
    min_size=1,
    max_size=8,
)


@given(WORDS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_bold_and_italic_survive_on_every_word(words: list[tuple[str, bool, bool]]) -> None:
    """Where formatting changes between words, Markdown can say it, so all of it arrives."""
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    p = document.add_paragraph("Start ")
    for word, bold, italic in words:
        run = p.add_run(word + " ")
        run.bold, run.italic = bold, italic
    p.add_run("end")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "emph.docx"
        document.save(path)
        [body] = read_docx(path).parts
    got: list[tuple[str, bool, bool]] = []
    bold = italic = False
    [inline] = [t for t in MD.parse(body) if t.type == "inline"]
    for child in inline.children or []:
        if child.type == "text":
            got.extend((c, bold, italic) for c in child.content if c != " ")
        bold = {"strong_open": True, "strong_close": False}.get(child.type, bold)
        italic = {"em_open": True, "em_close": False}.get(child.type, italic)
    want = [(c, b, i) for word, b, i in words for c in word]
    assert got[len("Start") : len(got) - len("end")] == want


def test_bold_running_into_italic_inside_a_word_keeps_the_words_and_what_it_can() -> None:
    document = docx.Document()
    p = document.add_paragraph()
    for text, bold, italic in (("one", False, True), ("two", True, False), ("six", True, True)):
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "emph.docx"
        document.save(path)
        [body] = read_docx(path).parts
    assert block_texts(body) == ["onetwosix"]
    assert "<em>" in MD.render(body)


# ------------------------------------------------------------------ LibreOffice

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LO_MARKDOWN = """\
# Harbour wall gives way

The wall *collapsed* on **Thursday** night; see [the notice](https://example.org/notice).

## What the engineers found

- Boats moved to **Kilmore**
- The ferry runs from the south slip
    - Passengers wait at the hotel

### Next steps

1. Close the pier
2. Survey the wall
    1. North end first
3. Vote on repairs
"""


@pytest.mark.slow
@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_docx_written_by_libreoffice_keeps_headings_emphasis_links_and_lists(
    store: Store, tmp_path: Path
) -> None:
    """Import of a .docx written by LibreOffice from a Markdown file keeps headings,
    emphasis, links and lists."""
    html = MD.render(LO_MARKDOWN)
    source = tmp_path / "story.html"
    source.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour</title></head>'
        f"<body>{html}</body></html>",
        encoding="utf-8",
    )
    assert LIBREOFFICE is not None
    done = subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    converted = tmp_path / "out" / "story.docx"
    assert converted.is_file(), done.stdout + done.stderr
    story_id = import_one(store, converted)
    with store.read() as session:
        story = load_bundle(session, story_id).story
    assert story.headline == "Harbour wall gives way"
    assert story.body == (
        "The wall *collapsed* on **Thursday** night; see "
        "[the notice](https://example.org/notice).\n\n"
        "## What the engineers found\n\n"
        "- Boats moved to **Kilmore**\n"
        "- The ferry runs from the south slip\n"
        "  - Passengers wait at the hotel\n\n"
        "### Next steps\n\n"
        "1. Close the pier\n"
        "2. Survey the wall\n"
        "   1. North end first\n"
        "3. Vote on repairs"
    )
    assert MD.render(story.body) == MD.render(LO_MARKDOWN.split("\n", 2)[2])


# ------------------------------------------------------------------ refusals


def _rewrite(path: Path, replace: dict[str, bytes]) -> Path:
    """The same .docx with some parts' bytes replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    path.write_bytes(out.getvalue())
    return path


def _with_picture(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Headline", style="Title")
    add_picture(document, PICTURE)
    document.save(path)
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_text("Harbour wall gives way\n\nThis is plain text.\n")
    return path


def _no_document(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("notes.txt", "hello")
    return path


def _zip_bomb(path: Path) -> Path:
    reporter_copy(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", bytes(40 * 1024 * 1024))
    return path


def _ole(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def _truncated(path: Path) -> Path:
    data = reporter_copy(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged_xml(path: Path) -> Path:
    return _rewrite(reporter_copy(path), {"word/document.xml": b"<w:document><w:body>"})


def _corrupt_picture(path: Path) -> Path:
    return _rewrite(_with_picture(path), {"word/media/image1.jpg": PICTURE[:300]})


def _emf_picture(path: Path) -> Path:
    emf = b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(64)
    return _rewrite(_with_picture(path), {"word/media/image1.jpg": emf})


def _linked_picture(path: Path) -> Path:
    """What LibreOffice writes for an <img> it only linked to: no picture inside the file."""
    with zipfile.ZipFile(_with_picture(path)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace(
        'Target="media/image1.jpg"', 'Target="file:///C:/pics/pier.jpg" TargetMode="External"'
    )
    return _rewrite(path, {"word/_rels/document.xml.rels": rels.encode()})


def _spreadsheet(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


BAD_FILES = {
    "not-a-zip": (_not_a_zip, "is not a Word .docx file (it is not a zip archive)"),
    "no-document": (_no_document, "is a zip archive without word/document.xml"),
    "zip-bomb": (_zip_bomb, "holds word/media/zeros.bin, which unpacks to 42 MB"),
    "ole": (_ole, "is password-protected or an old .doc"),
    "truncated": (_truncated, "is damaged or cut short"),
    "damaged-xml": (_damaged_xml, "its part word/document.xml is not well-formed XML"),
    "corrupt-picture": (_corrupt_picture, "picture 1 (word/media/image1.jpg) is damaged"),
    "emf-picture": (_emf_picture, "picture 1 (word/media/image1.jpg) is an EMF drawing"),
    "spreadsheet": (_spreadsheet, "is not a Word document"),
    "linked-picture": (_linked_picture, "picture 1 is only a link to file:///C:/pics/pier.jpg"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_word_file_is_refused_by_name_and_stores_nothing(
    store: Store, tmp_path: Path, name: str
) -> None:
    make, message = BAD_FILES[name]
    good = reporter_copy(tmp_path / "good.docx")
    bad = make(tmp_path / f"{name}.docx")
    before = snapshot(store)
    [result] = import_files(store, [bad], author="x")
    assert result.story is None and result.error is not None
    assert result.error.startswith(f"{bad}: ")
    assert message in result.error
    assert snapshot(store) == before
    with pytest.raises(InputError) as raised:
        read_docx(bad)
    assert raised.value.path == bad
    results = import_files(store, [bad, good], author="x")
    assert results[0].error and results[1].story is not None
