"""How the Word writer carries text to runs: merged stretches, XML-safe text, safe link targets."""

from __future__ import annotations

from editordesk.export.docx_format import PLAIN, Format, link_target, merge, xml_text


def test_neighbouring_text_in_one_format_is_one_run_but_notes_and_breaks_stay_apart() -> None:
    bold = Format(bold=True)
    note = Format(note=3)
    segments = [("a", PLAIN), ("b", PLAIN), ("c", bold), ("1", note), ("2", note), (None, PLAIN)]
    segments.append(("d", PLAIN))
    assert merge(segments) == [
        ("ab", PLAIN),
        ("c", bold),
        ("1", note),
        ("2", note),
        (None, PLAIN),
        ("d", PLAIN),
    ]


def test_text_loses_what_xml_cannot_carry_and_keeps_one_kind_of_line_end() -> None:
    assert xml_text("a\x00b\r\nc\rd\ufffe") == "ab\nc\nd"


def test_a_link_target_is_a_uri_and_an_unsafe_one_is_none() -> None:
    assert link_target("https://example.org/a b/é") == "https://example.org/a%20b/%C3%A9"
    assert link_target("javascript:alert(1)") is None
