"""A reporter's Word file becomes a draft: the story's fields, its pictures with their captions
and credits, its lists, and a .docx written by LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Inches

from editordesk.interchange.docx import read_docx
from editordesk.interchange.markdown import FigureSource
from editordesk.services.exporting import load_bundle
from editordesk.services.images import image_uses
from editordesk.services.stories import revisions
from editordesk.store.db import Store
from editordesk.store.models import StoryStatus
from tests.helpers import image_bytes
from tests.interchange.docx.word import (
    MD,
    PICTURE,
    SPECIAL,
    add_field,
    add_picture,
    block_texts,
    import_one,
    paragraph_style,
    reporter_copy,
    set_level,
)

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
