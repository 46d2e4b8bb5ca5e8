"""The Markdown emitter: escaped text reads back as typed, and emphasis survives wherever
CommonMark can say it (the words always do)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editordesk.interchange.docx import escape_markdown, inline_markdown, read_docx
from editordesk.interchange.docx.emitter import Block
from editordesk.interchange.docx.inline import BREAK, Segment, tidy
from tests.interchange.docx.word import (
    MD,
    block_texts,
)

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


@pytest.mark.slow
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


@pytest.mark.slow
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


# ------------------------------------------------------------------ the emitter on its own


def test_inline_markdown_writes_emphasis_links_and_breaks() -> None:
    segments = [
        Segment("A "),
        Segment("bold", bold=True),
        Segment(" and "),
        Segment("both", bold=True, italic=True),
        Segment(", then "),
        Segment("a link", href="https://example.org/a b"),
        BREAK,
        Segment("next line", italic=True),
    ]
    markdown = inline_markdown(segments, "", "", Block.PARAGRAPH)
    assert markdown == (
        "A **bold** and ***both***, then [a link](https://example.org/a%20b)\\\n*next line*"
    )


def test_whitespace_inside_a_mark_moves_outside_it() -> None:
    segments = [Segment("a"), Segment(" b ", bold=True), Segment("c")]
    assert inline_markdown(segments, "", "", Block.PARAGRAPH) == "a **b** c"
    nested = [Segment("x "), Segment("y ", bold=True, italic=True), Segment("z", bold=True)]
    assert inline_markdown(nested, "", "", Block.PARAGRAPH) == "x ***y* z**"


def test_a_bang_before_a_link_is_not_an_image() -> None:
    segments = [Segment("Wow!"), Segment("pier", href="https://example.org/")]
    markdown = inline_markdown(segments, "", "", Block.PARAGRAPH)
    assert markdown == "Wow\\![pier](https://example.org/)"
    assert "<img" not in MD.render(markdown)


def test_a_list_item_continues_under_its_marker() -> None:
    segments = [Segment("one", bold=True), BREAK, Segment("two")]
    assert inline_markdown(segments, "- ", "  ", Block.BULLET_ITEM) == "**one**\\\n  two"


def _alternating(path: Path, words: list[str]) -> Path:
    """One paragraph whose runs alternate bold and italic, as the slow file did."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    for i, word in enumerate(words):
        run = paragraph.add_run(word)
        run.bold, run.italic = i % 2 == 0, i % 2 == 1
    document.save(path)
    return path


def _emphasis(body: str) -> list[tuple[str, bool, bool]]:
    """Each character of the one paragraph with whether CommonMark reads it bold, italic."""
    got: list[tuple[str, bool, bool]] = []
    bold = italic = False
    [inline] = [t for t in MD.parse(body) if t.type == "inline"]
    for child in inline.children or []:
        if child.type == "text":
            got.extend((c, bold, italic) for c in child.content)
        bold = {"strong_open": True, "strong_close": False}.get(child.type, bold)
        italic = {"em_open": True, "em_close": False}.get(child.type, italic)
    return got


def test_thousands_of_alternating_runs_keep_every_word_and_their_emphasis(
    tmp_path: Path,
) -> None:
    """The shape that took cubic time (800 runs 22 s, 1,600 runs 170 s): one run that cannot
    be closed where it ends ("x." bold straight into an italic letter), then thousands that
    can. The words all arrive, and so does the emphasis of every run after the first few."""
    words = ["x."] + ["a"] * 3999
    [body] = read_docx(_alternating(tmp_path / "runs.docx", words)).parts
    assert block_texts(body) == ["".join(words)]
    got = _emphasis(body)
    want = [(c, i % 2 == 0, i % 2 == 1) for i, word in enumerate(words) for c in word]
    assert len(got) == len(want)
    assert got[10:] == want[10:]


def test_alternating_runs_that_read_back_keep_all_their_emphasis(tmp_path: Path) -> None:
    words = [f"w{i}" for i in range(3000)]
    [body] = read_docx(_alternating(tmp_path / "runs.docx", words)).parts
    want = [(c, i % 2 == 0, i % 2 == 1) for i, word in enumerate(words) for c in word]
    assert _emphasis(body) == want


SEGMENT = st.builds(
    Segment,
    st.text(st.sampled_from(list("ab.,'\"*_!?()[] -")), min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, None, "https://example.org/a", "https://example.org/(b)"]),
)


@given(st.lists(SEGMENT, min_size=1, max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_words_always_arrive_and_no_formatting_is_invented(segments: list[Segment]) -> None:
    segments = tidy(segments)
    if not segments:
        return
    markdown = inline_markdown(segments, "", "", Block.PARAGRAPH)
    tokens = MD.parse(markdown)
    [inline] = [t for t in tokens if t.type == "inline"]
    got: list[tuple[str, bool, bool, bool]] = []
    bold = italic = linked = False
    for child in inline.children or []:
        if child.type == "text":
            got.extend((c, bold, italic, linked) for c in child.content)
        bold = {"strong_open": True, "strong_close": False}.get(child.type, bold)
        italic = {"em_open": True, "em_close": False}.get(child.type, italic)
        linked = {"link_open": True, "link_close": False}.get(child.type, linked)
    want = [(c, s.bold, s.italic, s.href is not None) for s in segments for c in s.text]
    assert "".join(c for c, *_ in got) == "".join(c for c, *_ in want)
    for (_, *have), (c, *asked) in zip(got, want, strict=True):
        if not c.isspace():
            assert all(asked[i] or not have[i] for i in range(3)), (markdown, c)
