"""Which paragraphs are the story's fields: a byline is a name, not a sentence starting "By"."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from editordesk.interchange.docx import byline_of, read_docx


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
