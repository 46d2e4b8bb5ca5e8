from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from editordesk.document import nodes as n
from editordesk.document.parse import MAX_BLOCK_DEPTH, parse_body


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
    assert heading == n.Heading(2, (n.Text("Head "), n.Emphasis((n.Text("it"),))), 1, "head-it")
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
    assert tweet == n.Tweet("20", "jack", None, 5, "https://twitter.com/jack/status/20")
    assert unknown == n.Shortcode("gallery", '{{< gallery dir="x" >}}', 7)


def test_raw_inline_html_is_kept_whole_per_element() -> None:
    [para] = parse_body('a <script>alert("x")</script> b').children
    assert n.RawInline('<script>alert("x")</script>') in para.children


def test_raw_elements_close_at_their_own_tag_and_not_across_emphasis() -> None:
    [para] = parse_body("<b>one <i>two</i></b> *x* <span>three *four* </span>").children
    assert isinstance(para, n.Paragraph)
    assert para.children[0] == n.RawInline("<b>one <i>two</i></b>")
    assert n.RawInline("<span>") in para.children and n.RawInline("</span>") in para.children


def test_many_unclosed_tags_each_stay_raw_and_every_word_is_kept() -> None:
    [para] = parse_body("x <span> y " * 2000).children
    assert isinstance(para, n.Paragraph)
    raw = [c for c in para.children if isinstance(c, n.RawInline)]
    assert raw == [n.RawInline("<span>")] * 2000
    assert n.inlines_text(para.children).split() == ["x", "y"] * 2000
    # one closing tag at the end closes the first: the whole run is one element
    [para] = parse_body("x <span> y " * 2000 + "</span>").children
    assert isinstance(para, n.Paragraph)
    assert para.children[0] == n.Text("x ")
    [element] = para.children[1:]
    assert isinstance(element, n.RawInline) and element.html.count("<span>") == 2000


def test_a_figure_whose_id_is_not_a_plain_number_refers_to_no_image() -> None:
    # "²".isdigit() is true, and int("²") raised ValueError out of every save and export
    [figure] = parse_body('{{< figure image="²" >}}').children
    assert figure == n.Figure(None, None, 1)


def test_tweet_and_related_addresses_are_resolved_once_in_the_tree() -> None:
    import datetime as dt

    from editordesk.document.parse import build_article
    from editordesk.model import RelatedRecord, StoryRecord, StoryStatus, TweetRecord

    record = TweetRecord(status_id="20", handle="jack", url="https://x.com/jack/status/20")
    moment = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    related = (
        RelatedRecord(title="Ours", story_id=4, story_slug="ferry"),
        RelatedRecord(title="Gone", story_slug="gone"),
        RelatedRecord(title="Web", url=" https://example.org/a "),
        RelatedRecord(title="Bad", url="javascript:alert(1)"),
    )
    story = StoryRecord(
        id=1, version=1, slug="s", headline="H", standfirst="", byline="", dateline="",
        section="", tags=(), status=StoryStatus.DRAFT,
        body='{{< x user="jack" id="20" >}}\n\n{{< x user="@a/b?" id="7 " >}}',
        publish_time=None, created=moment, updated=moment, word_count=0, related=related,
    )  # fmt: skip
    article = build_article(story, {}, {"20": record})
    recorded, unknown = article.body.children
    assert isinstance(recorded, n.Tweet) and recorded.url == "https://x.com/jack/status/20"
    assert isinstance(unknown, n.Tweet) and unknown.url == "https://twitter.com/a%2Fb%3F/status/7"
    assert [link.href for link in article.links] == [
        "ferry.html",
        None,
        "https://example.org/a",
        None,
    ]
    assert [link.link for link in article.links] == list(related)


def test_unreadable_shortcodes_are_kept_as_text_and_listed_with_their_lines() -> None:
    doc = parse_body('Text.\n\n{{< figure image="3"\n\n{{< x user="a" id="1" >}}')
    assert [(p.line, p.message) for p in doc.problems] == [
        (3, "shortcode 'figure' is not closed before the next shortcode")
    ]
    assert isinstance(doc.children[-1], n.Tweet)


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


def _nesting(blocks: tuple[n.Block, ...]) -> int:
    deepest = 0
    for block in blocks:
        if isinstance(block, n.BlockQuote):
            deepest = max(deepest, 1 + _nesting(block.children))
        elif isinstance(block, n.BulletList | n.OrderedList):
            for item in block.items:
                deepest = max(deepest, 1 + _nesting(item.children))
    return deepest


def _paragraph_texts(doc: n.Document) -> list[str]:
    return [
        "".join(c.text for c in b.children if isinstance(c, n.Text))
        for b in n.walk(doc.children)
        if isinstance(b, n.Paragraph)
    ]


def test_nesting_past_the_parsers_limit_loses_no_words() -> None:
    """markdown-it drops the rest of the body past its nesting limit (50 lists reach it)."""
    before = sys.getrecursionlimit()
    lists = "".join("  " * i + f"- level{i}\n" for i in range(70)) + "\nAfter the lists.\n"
    doc = parse_body(lists + "\n" + "> " * 3000 + "quoted\n\nAfter the quotes.\n")
    texts = _paragraph_texts(doc)
    assert texts == [f"level{i}" for i in range(70)] + ["After the lists.", "quoted"] + [
        "After the quotes."
    ]
    assert _nesting(doc.children) == MAX_BLOCK_DEPTH  # the deepest holds the rest side by side
    assert sys.getrecursionlimit() == before

    # Under the limit nothing changes: 20 lists stay 20 lists deep.
    shallow = parse_body("".join("  " * i + f"- l{i}\n" for i in range(20)))
    assert _nesting(shallow.children) == 20


def test_a_line_of_a_million_container_markers_is_parsed_whole() -> None:
    doc = parse_body("- " * 1_000_000 + "marked\n\nafter\n")
    assert _paragraph_texts(doc) == ["marked", "after"]
