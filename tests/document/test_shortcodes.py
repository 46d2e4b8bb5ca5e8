from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editordesk.document.shortcodes import Shortcode, format_shortcode, scan


def test_named_quoted_raw_and_bare_parameters() -> None:
    [sc] = scan(
        '{{< figure src="a b.jpg" caption="say \\"hi\\"" attr=`raw "x"` width=300 >}}'
    ).shortcodes
    assert sc.name == "figure"
    assert sc.params == {"src": "a b.jpg", "caption": 'say "hi"', "attr": 'raw "x"', "width": "300"}


def test_paired_tweet_takes_its_inner_text_and_lines_are_counted() -> None:
    text = 'Intro\n\n{{< tweet user="jack" id="20" >}}just setting up{{< /tweet >}}\nafter'
    result = scan(text)
    [sc] = result.shortcodes
    assert (sc.name, sc.inner, sc.line) == ("tweet", "just setting up", 3)
    assert "".join(p if isinstance(p, str) else text[p.start : p.end] for p in result.parts) == text


def test_unreadable_tags_are_problems_and_stay_as_text() -> None:
    result = scan('a {{< figure src="x.jpg" \nb {{< /figure >}} c {{< x user="u" id="1" >}}')
    assert [p.line for p in result.problems] == [1, 2]
    assert "not closed" in result.problems[0].message
    assert "has no opening" in result.problems[1].message
    assert [sc.name for sc in result.shortcodes] == ["x"]


def test_positional_and_percent_forms() -> None:
    [sc] = scan("{{% tweet 1234 %}}").shortcodes
    assert (sc.positional, sc.delimiter) == (("1234",), "%")


@given(st.dictionaries(st.sampled_from(["src", "alt", "caption", "attr", "name"]), st.text()))
def test_formatted_shortcodes_read_back_to_the_same_parameters(params: dict[str, str]) -> None:
    text = format_shortcode("figure", list(params.items()))
    parts = scan(text).parts
    assert len(parts) == 1 and isinstance(parts[0], Shortcode)
    assert parts[0].params == params


def test_a_paired_tweet_closes_only_before_any_other_shortcode() -> None:
    text = (
        '{{< x user="u" id="1" >}}a {{< /x >}}b{{< x user="v" id="2" >}}c {{< figure >}}{{< /x >}}'
    )
    first, second, figure = scan(text).shortcodes
    assert (first.inner, second.inner, figure.name) == ("a ", None, "figure")
    # "{{{< /x >}}": the text before the closer holds one brace, not a shortcode
    [brace] = scan('{{< x user="u" id="1" >}}a {{{< /x >}}').shortcodes
    assert brace.inner == "a {"


def test_many_unclosed_tags_each_name_their_own_problem() -> None:
    text = "\n".join('{{< x user="u" id="1"' for _ in range(3)) + "\nend"
    problems = scan(text).problems
    assert [(p.line, p.message) for p in problems] == [
        (line, "shortcode 'x' is not closed with '>}}'") for line in (1, 2, 3)
    ]
    problems = scan(text + " >}}").problems
    assert [(p.line, p.message) for p in problems] == [
        (line, "shortcode 'x' is not closed before the next shortcode") for line in (1, 2)
    ] + [(3, "shortcode 'x' mixes named and positional parameters")]


def test_an_open_quote_is_a_problem_and_later_tags_are_still_read() -> None:
    result = scan('{{< figure caption="no end >}}\n{{< x user=u id=1 >}} {{< x a="" b="')
    assert [(sc.name, sc.line) for sc in result.shortcodes] == [("x", 2)]
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "shortcode 'figure' mixes named and positional parameters"),
        (2, "shortcode 'x' is not closed with '>}}'"),
    ]


def test_a_bare_value_stops_where_the_next_shortcode_begins() -> None:
    result = scan("{{< x a{{< figure image=1 >}}")
    assert [sc.name for sc in result.shortcodes] == ["figure"]
    assert result.problems[0].message == "shortcode 'x' is not closed before the next shortcode"
    [sc] = scan('{{< figure caption="{{ quoted }} is fine" >}}').shortcodes
    assert sc.params == {"caption": "{{ quoted }} is fine"}


def test_line_numbers_are_counted_for_tags_far_into_a_long_body() -> None:
    body = "\n\n".join(f'{{{{< x user="u" id="{i + 1}" >}}}}' for i in range(500))
    codes = scan(body).shortcodes
    assert [sc.line for sc in codes[:3]] == [1, 3, 5] and codes[-1].line == 999
    assert [sc.get("id") for sc in codes] == [str(i + 1) for i in range(500)]


def test_references_name_each_picture_and_tweet_once_in_order() -> None:
    from editordesk.document.shortcodes import references

    body = (
        '{{< figure image="3" >}} {{< x user="a" id="20" >}}text{{< /x >}} '
        '{{< figure image="1" >}} {{< figure image="3" >}} {{< tweet user="b" id="20" >}} '
        '{{< twitter user="c" id="7" >}} {{< figure image="²" >}} {{< figure src="x.jpg" >}} '
        "{{% tweet 99 %}} {{< other >}}"
    )
    refs = references(body)
    assert refs.image_ids == (3, 1)
    assert refs.tweet_ids == ("20", "7")
    assert refs.tweets == (("20", "a"), ("20", "b"), ("7", "c"))
    assert [sc.name for sc in refs.shortcodes][-2:] == ["tweet", "other"]
    assert references(refs.scanned) == refs
