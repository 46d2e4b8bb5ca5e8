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
