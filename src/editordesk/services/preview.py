"""The live preview: the story as the HTML export will write it, built from unsaved text.

It runs off the UI thread, so it only reads: the library records the body names, then the
same writer the export uses, with pictures taken straight from the media folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from editordesk.document.parse import build_article
from editordesk.document.shortcodes import scan
from editordesk.errors import EditorDeskError
from editordesk.export.html import HtmlOptions, render_html
from editordesk.interchange.markdown import TWEET_NAMES
from editordesk.services.images import get_images
from editordesk.services.stories import _clean_draft
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store
from editordesk.store.records import StoryDraft, StoryRecord
from editordesk.text import count_words


@dataclass(frozen=True)
class TokenInfo:
    """What a figure or tweet token in the body stands for, for the editor to show."""

    kind: str  # "figure", "tweet" or "unknown"
    title: str
    detail: str = ""
    credit: str = ""
    image_file: Path | None = None


def _references(body: str) -> tuple[list[tuple[str, str, str]], set[int], set[str]]:
    tokens: list[tuple[str, str, str]] = []  # (token text, kind, reference)
    image_ids: set[int] = set()
    tweet_ids: set[str] = set()
    for sc in scan(body).shortcodes:
        text = body[sc.start : sc.end]
        if sc.name == "figure" and sc.get("image").isdigit():
            image_ids.add(int(sc.get("image")))
            tokens.append((text, "figure", sc.get("image")))
        elif sc.name in TWEET_NAMES and sc.get("id"):
            tweet_ids.add(sc.get("id"))
            tokens.append((text, "tweet", sc.get("id")))
        else:
            tokens.append((text, "unknown", sc.name))
    return tokens, image_ids, tweet_ids


def describe_tokens(store: Store, body: str) -> dict[str, TokenInfo]:
    """Each figure or tweet token in `body` with the library record it shows."""
    tokens, image_ids, tweet_ids = _references(body)
    with store.read() as session:
        images = get_images(session, image_ids)
        tweets = get_tweets(session, tweet_ids)
    out: dict[str, TokenInfo] = {}
    for text, kind, ref in tokens:
        if kind == "figure":
            image = images.get(int(ref))
            if image is None:
                out[text] = TokenInfo("unknown", f"Image {ref} is not in the library")
                continue
            f = image.fields
            try:
                path = store.media.path_of(image.path)
            except EditorDeskError:
                path = None
            out[text] = TokenInfo(
                "figure",
                image.original_name or f"Image {image.id}",
                f.caption or "(no caption)",
                f.credit or "(no credit)",
                path,
            )
        elif kind == "tweet":
            tweet = tweets.get(ref)
            out[text] = TokenInfo(
                "tweet",
                f"@{tweet.handle}" if tweet else f"Tweet {ref}",
                (tweet.text if tweet else "") or "(no text recorded)",
                tweet.display_name if tweet else "",
            )
        else:
            out[text] = TokenInfo(
                "unknown",
                f"{{{{< {ref} >}}}} is not a shortcode EditorDesk knows; it is left out of exports",
            )
    return out


def preview_with_tokens(
    store: Store, draft: StoryDraft, **kwargs: object
) -> tuple[str, dict[str, TokenInfo]]:
    """The preview page and what each token in the body stands for, in one background call."""
    return preview_html(store, draft, **kwargs), describe_tokens(store, draft.body)  # type: ignore[arg-type]


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
    _, image_ids, tweet_ids = _references(clean.body)
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
