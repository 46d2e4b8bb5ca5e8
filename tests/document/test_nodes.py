"""The document tree's own helpers (document/nodes.py): walking every block in reading
order, and the plain text of inlines."""

from __future__ import annotations

from editordesk.document import nodes as n


def _para(text: str) -> n.Paragraph:
    return n.Paragraph((n.Text(text),))


def test_walk_visits_every_block_in_reading_order() -> None:
    first, inner, item_a, item_b, last = map(_para, ["first", "inner", "a", "b", "last"])
    nested = n.BulletList((n.ListItem((item_b,)),))
    numbered = n.OrderedList((n.ListItem((item_a, nested)),), start=3)
    quote = n.BlockQuote((inner, numbered))
    blocks = (first, quote, last)
    assert list(n.walk(blocks)) == [first, quote, inner, numbered, item_a, nested, item_b, last]


def test_inlines_text_is_what_a_reader_sees() -> None:
    inlines = (
        n.Text("The "),
        n.Strong((n.Emphasis((n.Text("ferry"),)),)),
        n.SoftBreak(),
        n.Link("https://example.org", (n.Text("sails"),), title="ignored"),
        n.LineBreak(),
        n.Code("07:15"),
        n.RawInline("<span>left out</span>"),
    )
    assert n.inlines_text(inlines) == "The ferry sails\n07:15"
