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

from editordesk.interchange.docx import escape_markdown, read_docx
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
