from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editordesk.document.nodes import Article
from editordesk.document.parse import build_article
from editordesk.errors import ValidationError
from editordesk.export.html import HtmlOptions, render_html, write_html
from editordesk.media.tweets import TweetRef
from editordesk.services.exporting import load_bundle
from editordesk.services.images import ImageFields, add_image
from editordesk.services.stories import RelatedRecord, StoryDraft, create_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from tests.export.conftest import REFERENCE
from tests.export.validator import validation_errors
from tests.helpers import image_bytes

GOLDEN_HTML = REFERENCE / "ferry-timetable-cut" / "page.html"  # also test_golden.py's


def _normalise(html: str) -> str:
    """Image file names carry a hash of the picture's bytes, which an image library's
    encoder may change between versions: compare pages without it."""
    return re.sub(r"-[0-9a-f]{10}\.(jpg|png|gif|webp)", r"-HASH.\1", html)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_golden_page(golden_article: Article, store: Store, tmp_path: Path) -> None:
    page = write_html(
        golden_article, store.media, tmp_path / "out" / "ferry-timetable-cut.html", HtmlOptions()
    )
    text = page.read_text(encoding="utf-8")
    if os.environ.get("EDITORDESK_REGENERATE_GOLDEN"):
        GOLDEN_HTML.write_text(_normalise(text), encoding="utf-8")
    assert _normalise(text) == GOLDEN_HTML.read_text(encoding="utf-8")
    written = sorted(p.name for p in page.parent.iterdir())
    assert len(written) == 3 and written[-1] == "timetable-" + written[-1].split("-", 1)[1]


@pytest.mark.slow
def test_golden_page_and_fragment_are_valid_html(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    page = write_html(golden_article, store.media, tmp_path / "page.html", HtmlOptions())
    embedded = write_html(
        golden_article, store.media, tmp_path / "embedded.html", HtmlOptions(embed_images=True)
    )
    fragment = render_html(golden_article, store.media, HtmlOptions(fragment=True)).text
    wrapped = tmp_path / "fragment.html"
    wrapped.write_text(f"<!DOCTYPE html><html lang=en><title>x</title>{fragment}</html>")
    assert validation_errors(page, embedded, wrapped) == []


def test_page_metadata(golden_article: Article, store: Store) -> None:
    html = render_html(golden_article, store.media, HtmlOptions()).text
    meta = {
        (a.get("name") or a.get("property")): a.get("content")
        for tag, a in elements(html).elements
        if tag == "meta" and "content" in a
    }
    assert meta["description"].startswith("The island operator blames")
    assert meta["author"] == "Ana Ruiz"
    assert meta["article:published_time"] == "2026-11-24T06:30:00+00:00"
    assert meta["og:title"] == "Ferry timetable cut to two sailings a day from January"
    assert meta["og:type"] == "article"
    assert "<title>Ferry timetable cut to two sailings a day from January</title>" in html
    assert '<link rel="canonical" href="ferry-timetable-cut.html">' in html


def test_figures_tweet_and_related_markup(golden_article: Article, store: Store) -> None:
    html = render_html(golden_article, store.media, HtmlOptions()).text
    found = elements(html).elements
    images = [a for tag, a in found if tag == "img"]
    assert len(images) == 2
    assert {k for k in images[0]} >= {"src", "alt", "width", "height", "loading"}
    assert images[0]["loading"] == "lazy" and images[0]["width"] == "1600"
    assert '<span class="credit">Credit: Owen Price / Island Courier</span>' in html
    assert '<blockquote class="twitter-tweet" data-lang="en">' in html
    assert "&mdash; Siobhan Kerr (@SKerrInverbeg) <a href=" in html
    assert html.count('src="https://platform.twitter.com/widgets.js"') == 1
    related = [a for tag, a in found if tag == "li" and a.get("class") == "next-post"]
    assert len(related) == 1
    assert 'rel="next">Crew shortage hits island routes</a>' in html


def _story(store: Store, **fields: object) -> Article:
    with store.write() as session:
        record = create_story(session, StoryDraft(**fields), author="t")  # type: ignore[arg-type]
        bundle = load_bundle(session, record.id)
    return build_article(bundle.story, bundle.images, bundle.tweets)


def test_no_tweet_no_script_and_two_tweets_one_script(store: Store) -> None:
    plain = _story(store, headline="Plain", byline="A", body="Words only.")
    assert "<script" not in render_html(plain, store.media, HtmlOptions()).text
    two = _story(
        store,
        headline="Two",
        byline="A",
        body='{{< x user="a" id="1" >}}\n\n{{< x user="b" id="2" >}}',
    )
    assert render_html(two, store.media, HtmlOptions()).text.count("<script") == 1


EVIL = (
    '<script>alert("x")</script><img src=x onerror="alert(1)"><iframe src="https://evil.example">'
    '</iframe><form action="https://evil.example"><input name=p></form><object data="x.swf">'
    '</object><style>body{display:none}</style><a href="javascript:alert(2)">click</a>'
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a><p onclick="steal()">hi</p>'
)


def evil(where: str) -> str:
    """The hostile snippet, its script body naming where it was put."""
    return EVIL.replace('alert("x")', f'alert("{where}")')


def _hostile_article(store: Store) -> Article:
    with store.write() as session:
        image = add_image(
            session,
            store.media,
            image_bytes(color=(1, 2, 3)),
            "evil.jpg",
            ImageFields(
                caption=evil("in-caption"),
                credit=evil("in-credit"),
                alt_text='"><script>alert(3)</script>',
            ),
        )
        put_tweet(session, TweetRef("77", "evil"), display_name=EVIL, text=evil("in-tweet"))
        target = create_story(session, StoryDraft(headline="Target"), author="t")
        body = "\n\n".join(
            [
                EVIL,
                f"Inline {EVIL} and [a](javascript:alert(4)) [b](data:text/html,x) "
                "[c](JaVaScRiPt:alert(5)) [d](java\tscript:alert(6)) <https://fine.example>",
                f'{{{{< figure image="{image.id}" >}}}}',
                '{{< x user="evil" id="77" >}}',
                f"- {EVIL}\n- [e](vbscript:msgbox)",
                f"> {EVIL}",
            ]
        )
        record = create_story(
            session,
            StoryDraft(
                headline=EVIL,
                standfirst=EVIL,
                byline=EVIL[:300],  # as long as these columns take
                dateline=EVIL[:300],
                section=EVIL[:200],
                tags=(EVIL, "javascript:alert(7)"),
                body=body,
                related=(
                    RelatedRecord(
                        title=EVIL, url="https://ok.example/x", excerpt=EVIL, section=EVIL[:200]
                    ),
                    RelatedRecord(story_id=target.id),
                ),
            ),
            author="t",
        )
        bundle = load_bundle(session, record.id)
    return build_article(bundle.story, bundle.images, bundle.tweets)


ACTIVE = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "style",
    "frame",
    "base",
    "link",
    "meta",
    "svg",
    "math",
}


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_hostile_input_never_reaches_the_page(store: Store, fragment: bool) -> None:
    html = render_html(_hostile_article(store), store.media, HtmlOptions(fragment=fragment)).text
    parsed = elements(html)
    scripts = [a for tag, a in parsed.elements if tag == "script"]
    assert scripts == [{"async": None, "src": "https://platform.twitter.com/widgets.js"}]
    head_only = {"style": 0 if fragment else 1, "meta": 0, "link": 0}
    for tag in ACTIVE - {"script"}:
        count = sum(1 for t, _ in parsed.elements if t == tag)
        if tag in ("meta", "link"):
            assert fragment is False or count == 0
            continue
        assert count == head_only.get(tag, 0), f"{tag} survived"
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{tag} kept {name}"
            is_url = name in ("href", "src", "action", "data") or (
                tag == "meta" and name == "content" and attrs.get("property") == "og:image"
            )
            if is_url and value:
                lowered = re.sub(r"\s", "", value).lower()
                assert not lowered.startswith(("javascript:", "data:", "vbscript:")), (tag, value)
    # Raw HTML (body, captions, credits, tweet text) loses its scripts whole, body and all;
    # plain-text fields (headline, byline...) show what was typed, escaped, as text.
    for where in (
        "in-body-block",
        "in-body-inline",
        "in-list",
        "in-quote",
        "in-caption",
        "in-credit",
        "in-tweet",
    ):
        assert where not in html, where


def test_a_desk_template_overrides_by_name_and_is_sandboxed(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    desk = tmp_path / "desk-templates"
    (desk / "partials").mkdir(parents=True)
    (desk / "partials" / "figure.html").write_text(
        '<figure class="desk">{{ figure.caption }} — {{ figure.credit }}</figure>'
    )
    html = render_html(golden_article, store.media, HtmlOptions(template_dir=desk)).text
    assert html.count('<figure class="desk">') == 2
    assert "<h1>Ferry timetable cut" in html  # the rest still comes from the built-in ones

    (desk / "article.html").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(ValidationError, match="unsafe"):
        render_html(golden_article, store.media, HtmlOptions(template_dir=desk))
    (desk / "article.html").write_text('{% include "../../../../etc/hostname" %}')
    with pytest.raises(ValidationError, match="not found"):
        render_html(golden_article, store.media, HtmlOptions(template_dir=desk))
    (desk / "article.html").write_text("{{ story.headline }} {% if %}")
    with pytest.raises(ValidationError, match=r"article\.html:1"):
        render_html(golden_article, store.media, HtmlOptions(template_dir=desk))
    (desk / "article.html").write_text("{{ secrets }}")
    with pytest.raises(ValidationError, match="does not provide"):
        render_html(golden_article, store.media, HtmlOptions(template_dir=desk))
    with pytest.raises(ValidationError, match="does not exist"):
        render_html(golden_article, store.media, HtmlOptions(template_dir=tmp_path / "nope"))


def test_embedded_images_leave_no_files_beside_the_page(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    page = write_html(golden_article, store.media, out / "p.html", HtmlOptions(embed_images=True))
    assert [p.name for p in out.iterdir()] == ["p.html"]
    srcs = [a["src"] for t, a in elements(page.read_text()).elements if t == "img"]
    assert [s.split(",")[0] for s in srcs] == ["data:image/jpeg;base64", "data:image/png;base64"]


def test_a_failed_export_leaves_the_old_page_whole(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "page.html"
    target.write_text("the old page")
    first = golden_article.body.children
    figure = next(b for b in first if type(b).__name__ == "Figure")
    store.media.path_of(figure.image.path).unlink()  # type: ignore[union-attr]
    with pytest.raises(Exception, match="missing from the media folder"):
        write_html(golden_article, store.media, target, HtmlOptions())
    assert target.read_text() == "the old page"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]
