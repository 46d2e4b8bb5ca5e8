"""The live preview: the story as the HTML export will write it, built from unsaved text.

It runs off the UI thread, so it only reads: the library records the body names, then the
same writer the export uses, with pictures taken straight from the media folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from editordesk.document.parse import build_article
from editordesk.document.shortcodes import scan
from editordesk.export.html import HtmlOptions, render_html
from editordesk.interchange.markdown import TWEET_NAMES
from editordesk.services.images import get_images
from editordesk.services.stories import _clean_draft
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store
from editordesk.store.records import StoryDraft, StoryRecord
from editordesk.text import count_words


def preview_html(
    store: Store,
    draft: StoryDraft,
    *,
    story_id: int | None = None,
    slug: str = "preview",
    template_dir: str | None = None,
) -> str:
    """The page for `draft` as it stands, unsaved; bad template or missing picture errors
    propagate for the window to show in place of the page."""
    clean = _clean_draft(replace(draft, slug=draft.slug or slug))
    image_ids: set[int] = set()
    tweet_ids: set[str] = set()
    for sc in scan(clean.body).shortcodes:
        if sc.name == "figure" and sc.get("image").isdigit():
            image_ids.add(int(sc.get("image")))
        elif sc.name in TWEET_NAMES and sc.get("id"):
            tweet_ids.add(sc.get("id"))
    with store.read() as session:
        images = get_images(session, image_ids)
        tweets = get_tweets(session, tweet_ids)
    now = dt.datetime.now(dt.UTC)
    record = StoryRecord(
        id=story_id or 0,
        version=0,
        slug=clean.slug or slug,
        headline=clean.headline,
        standfirst=clean.standfirst,
        byline=clean.byline,
        dateline=clean.dateline,
        section=clean.section,
        tags=clean.tags,
        status=clean.status,
        body=clean.body,
        publish_time=clean.publish_time,
        created=now,
        updated=now,
        word_count=count_words(clean.body),
        related=clean.related,
    )
    options = HtmlOptions(
        media_urls=True, template_dir=Path(template_dir) if template_dir else None
    )
    return render_html(build_article(record, images, tweets), store.media, options).text
