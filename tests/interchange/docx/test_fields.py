"""One paragraph's fields and links as they open and close: what shows, and which link it is in."""

from __future__ import annotations

from editordesk.interchange.docx.fields import Field, ParagraphContext
from editordesk.interchange.docx.inline import BREAK, Segment


def test_a_hyperlink_fields_code_is_hidden_and_its_result_is_the_link() -> None:
    context = ParagraphContext()
    context.add("Read ", False, False)
    context.open_field(Field(instr=[' HYPERLINK "https://example.org/a" \\o "tip" ']))
    context.add("HYPERLINK code", False, False)  # still the field's code: never shown
    context.start_result()
    context.add("the report", True, False)
    context.end_field()
    context.add(".", False, False)
    assert context.items == [
        Segment("Read "),
        Segment("the report", True, False, "https://example.org/a"),
        Segment("."),
    ]


def test_a_link_inside_a_link_wins_and_the_outer_one_comes_back() -> None:
    context = ParagraphContext()
    context.open_link("https://example.org/outer")
    context.open_link(None)  # an anchor or a refused address: the outer link goes on
    context.add("a", False, False)
    context.close_link()
    context.open_link("https://example.org/inner")
    context.add("b", False, False)
    context.close_link()
    context.close_link()
    context.add_break()
    assert [(s.text, s.href) for s in context.items if s is not BREAK] == [
        ("a", "https://example.org/outer"),
        ("b", "https://example.org/inner"),
    ]
    assert context.items[-1] is BREAK


def test_a_seq_field_marks_where_the_caption_number_ends() -> None:
    context = ParagraphContext()
    context.add("Figure ", False, False)
    context.open_field(Field(instr=[" SEQ Figure \\* ARABIC "]))
    context.start_result()
    context.add("2", False, False)
    context.end_field()
    context.add(": the pier", False, False)
    assert context.seq_end == len("Figure 2")
