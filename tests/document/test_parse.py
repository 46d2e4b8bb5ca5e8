from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editordesk.document import nodes as n
from editordesk.document.parse import parse_body


def test_blocks_and_inlines() -> None:
    doc = parse_body(
        '## Head *it*\n\nText **b** [l](http://a.org "t") `c`  \nnext\n\n'
        "- one\n- two\n\n3. three\n4. four\n\n> quote\n\n```py\nx = 1\n```\n\n---\n\n"
        "<div>raw</div>\n"
    )
    kinds = [type(b).__name__ for b in doc.children]
    assert kinds == [
        "Heading",
        "Paragraph",
        "BulletList",
        "OrderedList",
        "BlockQuote",
        "CodeBlock",
        "Rule",
        "RawBlock",
    ]
    heading, para, bullets, numbers, quote, code, _, raw = doc.children
    assert heading == n.Heading(2, (n.Text("Head "), n.Emphasis((n.Text("it"),))), 1)
    assert para.children == (
        n.Text("Text "),
        n.Strong((n.Text("b"),)),
        n.Text(" "),
        n.Link("http://a.org", (n.Text("l"),), "t"),
        n.Text(" "),
        n.Code("c"),
        n.LineBreak(),
        n.Text("next"),
    )
    assert len(bullets.items) == 2 and bullets.tight
    assert numbers.start == 3
    assert isinstance(quote.children[0], n.Paragraph)
    assert (code.text, code.language) == ("x = 1\n", "py")
    assert raw.html == "<div>raw</div>\n"


def test_a_shortcode_is_a_block_of_its_own_and_stays_literal_in_code() -> None:
    doc = parse_body(
        'Before {{< figure image="3" >}} after.\n\n`{{< x user="a" id="1" >}}`\n\n'
        '{{< x user="jack" id="20" >}}\n\n{{< gallery dir="x" >}}'
    )
    before, figure, after, code, tweet, unknown = doc.children
    assert before == n.Paragraph((n.Text("Before"),), 1)
    assert figure == n.Figure(3, None, 1)
    assert after.children == (n.Text("after."),)
    assert code.children == (n.Code('{{< x user="a" id="1" >}}'),)
    assert tweet == n.Tweet("20", "jack", None, 5)
    assert unknown == n.Shortcode("gallery", '{{< gallery dir="x" >}}', 7)


def test_raw_inline_html_is_kept_whole_per_element() -> None:
    [para] = parse_body('a <script>alert("x")</script> b').children
    assert n.RawInline('<script>alert("x")</script>') in para.children


def test_the_walk_reaches_blocks_inside_lists_and_quotes() -> None:
    doc = parse_body('- {{< figure image="1" >}}\n\n> {{< x user="a" id="2" >}}')
    found = [type(b).__name__ for b in n.walk(doc.children)]
    assert "Figure" in found and "Tweet" in found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses(text: str) -> None:
    doc = parse_body(text)
    assert isinstance(doc, n.Document)
    list(n.walk(doc.children))
