"""The page's GitHub-flavoured parts: tables, footnotes, strikethrough, autolinks, heading
ids, web pictures, raw HTML cleaned whole, and typography by language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editordesk.cli import main
from editordesk.document.nodes import Article
from editordesk.document.parse import build_article, parse_body
from editordesk.export.html import HtmlOptions, render_html
from editordesk.interchange.markdown import write_markdown
from editordesk.services.exporting import load_bundle
from editordesk.services.stories import StoryDraft, create_story
from editordesk.store.db import Store
from tests.robustness.test_properties import HOSTILE, PROFILE, _media, _record, html_problems

TABLE_STORY = """\
Contents: [Results](#results), [Notes](#notes-and-sources).

## Results

| Ward | Votes | Share |
|:-----|------:|:-----:|
| North | 1,204 | 41% |
| *South* | 998 | 34% |

The count was ~~Friday~~ Saturday[^late], see https://example.org/count.[^2]

## Results

## Notes and sources

[^late]: Two boxes arrived *late*.
[^2]: Figures from the returning officer.
"""


def _article(store: Store, body: str, headline: str = "Count") -> Article:
    with store.write() as session:
        record = create_story(
            session, StoryDraft(headline=headline, byline="A", body=body), author="t"
        )
        bundle = load_bundle(session, record.id)
    return build_article(bundle.story, bundle.images, bundle.tweets)


def _body(store: Store, body: str, **options: object) -> str:
    page = render_html(_article(store, body), store.media, HtmlOptions(fragment=True, **options))
    return page.text  # type: ignore[arg-type]


def test_a_table_has_a_head_and_its_columns_alignment(store: Store) -> None:
    html = _body(store, TABLE_STORY)
    assert "<table>\n<thead>\n<tr>\n<th>Ward</th>" in html.replace(' style="text-align: left"', "")
    assert '<th style="text-align: right">Votes</th>' in html
    assert '<td style="text-align: center">41%</td>' in html
    assert '<td style="text-align: left"><em>South</em></td>' in html
    assert html.count("<tr>") == 3 and "<tbody>" in html


def test_footnotes_are_an_endnote_list_with_links_both_ways(store: Store) -> None:
    html = _body(store, TABLE_STORY)
    assert '<a href="#fn:1" id="fnref:1">1</a>' in html
    assert '<a href="#fn:2" id="fnref:2">2</a>' in html
    notes = html[html.index('<section class="footnotes">') :]
    assert '<li id="fn:1">\n<p>Two boxes arrived <em>late</em>. <a href="#fnref:1"' in notes
    assert '<li id="fn:2">' in notes and 'href="#fnref:2"' in notes


def test_strikethrough_autolinks_and_unique_heading_ids(store: Store) -> None:
    html = _body(store, TABLE_STORY)
    assert "<del>Friday</del>" in html
    assert '<a href="https://example.org/count">https://example.org/count</a>.' in html
    assert '<h2 id="results">Results</h2>' in html
    assert '<h2 id="results-1">Results</h2>' in html
    assert '<h2 id="notes-and-sources">' in html
    assert '<a href="#results">Results</a>' in html  # the contents list's links are kept
    assert '<a href="#notes-and-sources">Notes</a>' in html


def test_heading_ids_stay_put_when_the_text_before_them_changes(store: Store) -> None:
    first = _body(store, "## What we found\n\nOne.")
    second = _body(store, "A new opening paragraph.\n\n## What we found\n\nOne.")
    assert '<h2 id="what-we-found">' in first and '<h2 id="what-we-found">' in second


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ("[notes](#fn:1)", '<a href="#fn:1">notes</a>'),
        ("[bus](timetable.html?at=10:30)", '<a href="timetable.html?at=10:30">bus</a>'),
        ("[link]()", '<a href="">link</a>'),
        ("<del>*foo*</del>", "<del><em>foo</em></del>"),
        ("0. zero\n1. one", '<ol start="0">'),
        ("```f&ouml;&ouml;\nx\n```", '<code class="language-föö">'),
        ("- a\n- b\n  > quote\n- c", "<li>a</li>"),
        ("- a\n- b\n  - c\n\n    d\n- e", "<li>a</li>"),
        ("![foo *bar*](https://example.org/p.png)", 'alt="foo bar"'),
        ('![foo](http://a.example/"x.png)', 'src="http://a.example/%22x.png"'),
    ],
)
def test_commonmark_cases_the_issue_named(store: Store, body: str, wanted: str) -> None:
    assert wanted in _body(store, body)


def test_typography_by_language_and_never_in_code_or_addresses(store: Store) -> None:
    body = (
        '"Quite" -- she said... it\'s \'fine\' --- `"code"` '
        "[https://example.org/a--b](https://example.org/a--b) https://example.org/x...y"
    )
    en = _body(store, body)
    assert "\u201cQuite\u201d \u2013 she said\u2026 it\u2019s \u2018fine\u2019 \u2014" in en
    assert '<code>"code"</code>' in en.replace("&#34;", '"')
    assert ">https://example.org/a--b</a>" in en
    assert "https://example.org/x...y</a>" in en
    de = _body(store, body, lang="de")
    assert "\u201eQuite\u201c" in de
    fr = _body(store, '"Quoi ?" dit-il.', lang="fr")
    assert "\u00ab\u00a0Quoi\u202f?\u00a0\u00bb" in fr
    off = _body(store, body, typography=False)
    assert "&#34;Quite&#34; -- she said..." in off


def test_curly_quotes_typed_come_back_unchanged(store: Store, tmp_path: Path) -> None:
    body = "\u201cAlready curly,\u201d she said \u2014 and \u2018single\u2019 too."
    assert body in _body(store, body)
    assert body in _body(store, body, lang="de")


def test_markdown_out_keeps_tables_footnotes_and_strikethrough(store: Store) -> None:
    article = _article(store, TABLE_STORY)
    text = write_markdown(article.story, {}, {}, {})
    assert "|:-----|------:|:-----:|" in text
    assert "[^late]: Two boxes arrived *late*." in text
    assert "~~Friday~~" in text
    again = parse_body(text.split("---\n", 2)[2])  # and reads back as the same tree
    assert [type(b) for b in again.children] == [type(b) for b in article.body.children]
    assert len(again.footnotes) == len(article.body.footnotes) == 2


def test_an_unsafe_web_picture_keeps_only_its_words(store: Store) -> None:
    html = _body(store, "![foo *bar*](javascript:alert(1)) ![x](data:image/png;base64,AA)")
    assert "<img" not in html and 'href="javascript' not in html and "data:" not in html


def test_the_command_line_sets_the_language_or_turns_typography_off(tmp_path: Path) -> None:
    story = tmp_path / "quote.md"
    story.write_text('---\ntitle: Q\nslug: q\n---\n\n"Ja" -- sagte sie.\n', encoding="utf-8")
    db = str(tmp_path / "news.sqlite")
    assert main(["import", "--db", db, str(story)]) == 0
    pages = {}
    for name, extra in (("de", ["--lang", "de"]), ("off", ["--no-typography"])):
        out = tmp_path / name
        args = ["export", "--db", db, "--all", "--force", "-f", "html", "-o", str(out), *extra]
        assert main(args) == 0
        pages[name] = (out / "q.html").read_text(encoding="utf-8")
    assert (
        '<html lang="de" dir="ltr">' in pages["de"] and "\u201eJa\u201c \u2013 sagte" in pages["de"]
    )
    assert "&#34;Ja&#34; -- sagte" in pages["off"]
    out = tmp_path / "md"
    assert main(["export", "--db", db, "--all", "-f", "md", "-o", str(out), "--lang", "de"]) == 0
    assert (out / "q" / "index.md").read_text(encoding="utf-8").endswith('"Ja" -- sagte sie.\n')


def test_raw_html_cleaned_whole_never_lets_a_pasted_picture_in(store: Store) -> None:
    html = _body(
        store,
        '<del>![the *pier*](https://example.org/p.png) <img src="https://tracker.example/t">'
        "</del>\n\n<div>\n\n<img src=https://tracker.example/u onerror=alert(1)>\n\n</div>\n\n"
        "x \ue0100\ue011 <b>y</b>",
    )
    assert '<del><img src="https://example.org/p.png" alt="the pier"> </del>' in html
    assert "tracker" not in html and "onerror" not in html
    assert "\ue010" not in html and "<p>x 0 <b>y</b></p>" in html


GFM_PIECES = [
    "| a | b |\n|:-|-:|\n| *x* | <b>y</b> |",
    "| <script>alert(1)</script> | ![p](javascript:alert(1)) |\n|---|---|\n| `c` | [l](#fn:1) |",
    "Note.[^1]",
    "[^1]: The note, with <del>raw *html*</del>.",
    "^[an inline note]",
    "~~struck <i>text</i>~~",
    "https://example.org/a_(b) www.example.org",
    '![web *pic*](https://example.org/p.png "Photo: A")',
    '<img src="https://tracker.example/t" onerror="alert(1)">',
    "## Same\n\n## Same",
    '"Quoted" -- text... it\'s',
    "<div>\n\n*inside*\n\n</div>",
]


@settings(PROFILE, max_examples=min(PROFILE.max_examples, 60))
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(GFM_PIECES), st.sampled_from(HOSTILE)),
            st.sampled_from(["\n\n", "\n", " "]),
        ),
        min_size=1,
        max_size=10,
    ).map(lambda parts: "".join(p + s for p, s in parts)),
    st.booleans(),
)
def test_any_gfm_body_renders_to_safe_well_nested_html(body: str, fragment: bool) -> None:
    media, image = _media()
    article = build_article(_record(body, ["x"] * 7), {1: image}, {})
    page = render_html(article, media, HtmlOptions(fragment=fragment)).text
    assert html_problems(page) == [], body
    assert "tracker.example" not in page
