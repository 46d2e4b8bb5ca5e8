"""The live preview of unsaved text: the page as the export writes it, what each token in
the body stands for, and preflight's findings; it reads the store and never writes."""

from __future__ import annotations

from pathlib import Path

from editordesk.media.tweets import TweetRef
from editordesk.model import ImageFields, RelatedRecord, StoryDraft
from editordesk.services.images import add_image
from editordesk.services.preview import describe_tokens, preview_html, preview_story
from editordesk.services.stories import create_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from tests.helpers import image_bytes, snapshot

PIER = ImageFields(caption="The pier at dawn.", credit="Photo: Owen Price", alt_text="A pier")


def _library(store: Store) -> int:
    """A credited picture and a recorded tweet; returns the picture's id."""
    with store.write() as session:
        image = add_image(
            session, store.media, image_bytes("JPEG", size=(80, 60)), "pier.jpg", PIER
        )
        put_tweet(session, TweetRef("1860000000000000001", "SKerrInverbeg"), text="Not a lifeline.")
    return image.id


def test_the_unsaved_text_is_shown_as_the_export_writes_it(store: Store) -> None:
    image_id = _library(store)
    draft = StoryDraft(
        headline="Ferry cut to two sailings",
        byline="Ana Ruiz",
        body=f'The *ferry* sails twice.\n\n{{{{< figure image="{image_id}" >}}}}\n',
    )
    html = preview_story(store, draft).html
    assert "<h1" in html and "Ferry cut to two sailings" in html
    assert "The <em>ferry</em> sails twice." in html
    # The stored "Photo:" label gives way to the template's own (export/credit.py).
    assert "The pier at dawn." in html and "Credit: Owen Price" in html
    assert preview_html(store, draft) == html


def test_each_token_says_what_it_stands_for(store: Store) -> None:
    image_id = _library(store)
    figure = f'{{{{< figure image="{image_id}" >}}}}'
    missing = '{{< figure image="999" >}}'
    tweet = '{{< x user="SKerrInverbeg" id="1860000000000000001" >}}'
    unknown = '{{< gallery dir="pier" >}}'
    tokens = describe_tokens(store, "\n\n".join([figure, missing, tweet, unknown]))
    assert tokens[figure].kind == "figure"
    assert (tokens[figure].title, tokens[figure].detail) == ("pier.jpg", "The pier at dawn.")
    assert tokens[figure].credit == "Photo: Owen Price"
    assert tokens[figure].image_file is not None and tokens[figure].image_file.is_file()
    assert tokens[missing].kind == "unknown"
    assert tokens[missing].title == "Image 999 is not in the library"
    assert (tokens[tweet].kind, tokens[tweet].title) == ("tweet", "@SKerrInverbeg")
    assert tokens[tweet].detail == "Not a lifeline."
    assert tokens[unknown].kind == "unknown" and "gallery" in tokens[unknown].title


def test_findings_are_what_the_export_would_say(store: Store) -> None:
    image_id = _library(store)
    with store.write() as session:
        bare = add_image(session, store.media, image_bytes("PNG", size=(30, 30)), "bare.png")
    draft = StoryDraft(headline="Ferry cut", body=f'{{{{< figure image="{bare.id}" >}}}}\n')
    messages = [f.message for f in preview_story(store, draft).findings]
    assert any("byline" in m for m in messages)
    assert any("credit" in m for m in messages)
    credited = StoryDraft(
        headline="Ferry cut",
        standfirst="Two sailings a day.",
        byline="Ana Ruiz",
        body=f'{{{{< figure image="{image_id}" >}}}}\n',
    )
    assert preview_story(store, credited).findings == ()


def test_a_related_story_without_a_typed_title_shows_its_headline(store: Store) -> None:
    with store.write() as session:
        other = create_story(session, StoryDraft(headline="Crew shortage"), author="Ana Ruiz")
    draft = StoryDraft(headline="Ferry cut", related=(RelatedRecord(story_id=other.id),))
    assert "Crew shortage" in preview_story(store, draft).html


def test_a_broken_desk_template_is_said_in_the_page(store: Store, tmp_path: Path) -> None:
    templates = tmp_path / "desk-templates"
    templates.mkdir()
    (templates / "article.html").write_text("{% for %}", encoding="utf-8")
    preview = preview_story(store, StoryDraft(headline="Ferry cut"), template_dir=str(templates))
    assert preview.html.startswith("<p>The preview cannot be shown: ")


def test_the_preview_only_reads(store: Store) -> None:
    image_id = _library(store)
    before = snapshot(store)
    draft = StoryDraft(
        headline="Ferry cut",
        body=f'{{{{< figure image="{image_id}" >}}}}\n\n'
        '{{< x user="harbourwatch" id="1861000000000000099" >}}\n',
    )
    preview_story(store, draft, story_id=42, slug="ferry-cut")
    assert snapshot(store) == before
