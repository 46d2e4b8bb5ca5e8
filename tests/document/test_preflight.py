from __future__ import annotations

from editordesk.document.parse import build_article
from editordesk.document.preflight import Severity, has_errors, preflight
from editordesk.media.tweets import TweetRef
from editordesk.services.exporting import check_story, load_bundle
from editordesk.services.images import ImageFields, add_image
from editordesk.services.stories import RelatedRecord, StoryDraft, create_story, delete_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from tests.helpers import image_bytes


def _findings(store: Store, story_id: int) -> list[str]:
    with store.read() as session:
        return [str(f) for f in check_story(load_bundle(session, story_id), store.media)]


def test_a_complete_story_has_no_findings(store: Store) -> None:
    with store.write() as session:
        image = add_image(
            session,
            store.media,
            image_bytes(),
            "quay.jpg",
            ImageFields(caption="The quay.", credit="Photo: A", alt_text="Boats"),
        )
        put_tweet(session, TweetRef("5", "coast"), text="Keep away from the pier.")
        story = create_story(
            session,
            StoryDraft(
                headline="Quay",
                byline="Ann",
                standfirst="Boats back.",
                body=f'Text.\n\n{{{{< figure image="{image.id}" >}}}}\n\n'
                '{{< x user="coast" id="5" >}}',
                related=(RelatedRecord(title="Older", url="https://example.org/a"),),
            ),
            author="t",
        )
    assert _findings(store, story.id) == []


def test_everything_a_desk_would_reject_is_named_with_its_place(store: Store) -> None:
    with store.write() as session:
        bare = add_image(session, store.media, image_bytes(color=(9, 9, 9)), "bare.jpg")
        gone = add_image(
            session,
            store.media,
            image_bytes(color=(8, 8, 8)),
            "gone.jpg",
            ImageFields(caption="c", credit="Photo: B", alt_text="alt"),
        )
        target = create_story(session, StoryDraft(headline="Soon deleted"), author="t")
        story = create_story(
            session,
            StoryDraft(
                headline="  ",
                byline="",
                body="\n\n".join(
                    [
                        "Para [bad](ftp://files.example/x).",  # (markdown-it drops javascript:)
                        f'{{{{< figure image="{bare.id}" >}}}}',
                        f'{{{{< figure image="{gone.id}" >}}}}',
                        '{{< figure image="999" >}}',
                        '{{< x user="nobody" id="31" >}}',
                        "{{< gallery >}}",
                        '{{< figure image="1"',
                    ]
                ),
                related=(
                    RelatedRecord(story_id=target.id),
                    RelatedRecord(title="Fine", url="https://example.org/"),
                ),
            ),
            author="t",
        )
        delete_story(session, target.id)
    store.media.path_of(gone.path).unlink()
    found = _findings(store, story.id)
    assert found == [
        "error: headline: the headline is empty",
        "error: byline: the byline is empty",
        "warning: standfirst: there is no standfirst",
        "error: line 13: shortcode 'figure' is not closed with '>}}'",
        "warning: line 1: link to 'ftp://files.example/x' is not a web address; "
        "only its words are kept",
        "error: line 3: bare.jpg has no credit",
        "error: line 3: bare.jpg has no alt text",
        "warning: line 3: bare.jpg has no caption",
        "error: line 5: gone.jpg is missing from the media folder",
        "error: line 7: the figure refers to image 999, which is not in the library",
        "error: line 9: the tweet by @nobody (31) has no text",
        "error: line 11: unknown shortcode {{< gallery >}}",
        "error: related link 1: 'Soon deleted' points to story 'soon-deleted', "
        "which is not in the store",
    ]


def test_related_links_with_bad_addresses_are_errors(store: Store) -> None:
    """A link stored before the rules tightened (or written by hand) is still caught."""
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="H", byline="B"), author="t")
        bundle = load_bundle(session, story.id)
    from dataclasses import replace

    bad = replace(bundle.story, related=(RelatedRecord(title="x", url="javascript:alert(1)"),))
    findings = preflight(build_article(bad, {}, {}), lambda image: True)
    assert has_errors(findings)
    assert findings[-1].severity is Severity.ERROR and findings[-1].index == 0


def test_a_web_picture_asks_for_a_credit_and_alt_text(store: Store) -> None:
    with store.write() as session:
        story = create_story(
            session,
            StoryDraft(
                headline="Map",
                byline="Ann",
                standfirst="Where.",
                body="![The route](https://maps.example/r.png)\n\n"
                '![](https://maps.example/s.png "Map: OpenStreetMap")\n\n'
                '| a |\n|---|\n| ![ok](https://maps.example/t.png "Map: OSM") |\n\n'
                "Note.[^1]\n\n[^1]: See [this](ftp://files.example/a).\n\n![Slip](slip.jpg)",
            ),
            author="t",
        )
    assert _findings(store, story.id) == [
        "warning: line 1: the web picture 'https://maps.example/r.png' has no credit: give it "
        'as its title, ![…](https://maps.example/r.png "Photo: …"), or put the picture in the '
        "library",
        "warning: line 3: the web picture 'https://maps.example/s.png' has no alt text",
        "warning: line 13: picture 'slip.jpg' is neither in the library nor on the web: the "
        "page shows it only if the site has that file",
        "warning: line 11: link to 'ftp://files.example/a' is not a web address; only its words "
        "are kept",
    ]
