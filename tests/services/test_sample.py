"""The sample story a new desk is offered (services/sample.py)."""

from __future__ import annotations

from editordesk.services.exporting import check_story, load_bundle
from editordesk.services.sample import add_sample_story
from editordesk.store.db import Store


def test_the_sample_story_comes_with_its_picture_tweet_and_links(store: Store) -> None:
    story = add_sample_story(store, author="Ana Ruiz")
    assert story.headline.startswith("Harbour museum opens a room")
    with store.read() as session:
        bundle = load_bundle(session, story.id)
    assert len(bundle.images) == 1 and len(bundle.tweets) == 1 and len(story.related) == 3
    image = next(iter(bundle.images.values()))
    assert store.media.path_of(image.path).is_file()
    assert image.fields.credit and image.fields.alt_text


def test_the_sample_story_passes_preflight(store: Store) -> None:
    story = add_sample_story(store, author="Ana Ruiz")
    with store.read() as session:
        bundle = load_bundle(session, story.id)
    assert check_story(bundle, store.media) == []
