"""The live preview: the story as the HTML export will write it, built from unsaved text.

It runs off the UI thread, so it only reads: the library records the body names, then the
same writer the export uses, with pictures taken straight from the media folder."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from editordesk.document.nodes import Article
from editordesk.document.parse import build_article
from editordesk.document.preflight import Finding, preflight
from editordesk.document.shortcodes import references
from editordesk.errors import EditorDeskError
from editordesk.export.html import HtmlOptions, render_html
from editordesk.model import ImageRecord, StoryDraft, StoryRecord
from editordesk.services.images import get_images
from editordesk.services.related import related_from_story
from editordesk.services.story_checks import clean_draft
from editordesk.services.story_queries import own_language
from editordesk.services.tweets import get_tweets
from editordesk.store.db import Store
from editordesk.text import count_words


@dataclass(frozen=True)
class TokenInfo:
    """What a figure or tweet token in the body stands for, for the editor to show."""

    kind: str  # "figure", "tweet" or "unknown"
    title: str
    detail: str = ""
    ref: str = ""  # the image id or tweet id the token names
    credit: str = ""
    image_file: Path | None = None


def _references(body: str) -> tuple[list[tuple[str, str, str]], set[int], set[str]]:
    tokens: list[tuple[str, str, str]] = []  # (token text, kind, reference)
    refs = references(body)
    for sc in refs.shortcodes:
        text = body[sc.start : sc.end]
        if sc.image_id is not None:
            tokens.append((text, "figure", sc.get("image")))
        elif sc.tweet_id:
            tokens.append((text, "tweet", sc.tweet_id))
        else:
            tokens.append((text, "unknown", sc.name))
    return tokens, set(refs.image_ids), set(refs.tweet_ids)


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
                ref=ref,
                credit=f.credit or "(no credit)",
                image_file=path,
            )
        elif kind == "tweet":
            tweet = tweets.get(ref)
            out[text] = TokenInfo(
                "tweet",
                f"@{tweet.handle}" if tweet else f"Tweet {ref}",
                (tweet.text if tweet else "") or "(no text recorded)",
                ref=ref,
                credit=tweet.display_name if tweet else "",
            )
        else:
            out[text] = TokenInfo(
                "unknown",
                f"{{{{< {ref} >}}}} is not a shortcode EditorDesk knows; it is left out of exports",
            )
    return out


@dataclass(frozen=True)
class Preview:
    """What the window shows beside a story being typed: the page, what each token stands
    for, and what preflight would say."""

    html: str
    tokens: dict[str, TokenInfo]
    findings: tuple[Finding, ...]


def preview_story(
    store: Store,
    draft: StoryDraft,
    *,
    story_id: int | None = None,
    slug: str = "preview",
    template_dir: str | None = None,
) -> Preview:
    """The page, tokens and findings for `draft` as it stands, in one background call."""
    article = _article(store, draft, story_id=story_id, slug=slug)

    def exists(image: ImageRecord) -> bool:
        try:
            return store.media.path_of(image.path).is_file()
        except EditorDeskError:
            return False

    findings = tuple(preflight(article, exists))
    options = HtmlOptions(
        media_urls=True, template_dir=Path(template_dir) if template_dir else None
    )
    try:
        html = render_html(article, store.media, options).text
    except EditorDeskError as exc:
        html = f"<p>The preview cannot be shown: {escape(str(exc))}</p>"
    return Preview(html, describe_tokens(store, draft.body), findings)


def _article(store: Store, draft: StoryDraft, *, story_id: int | None, slug: str) -> Article:
    clean = clean_draft(replace(draft, slug=draft.slug or slug))
    _, image_ids, tweet_ids = _references(clean.body)
    with store.read() as session:
        images = get_images(session, image_ids)
        tweets = get_tweets(session, tweet_ids)
        language = own_language(session, story_id) if story_id else ""
        related = []
        for link in clean.related:  # a linked story's own title when none was typed
            if link.story_id is not None and not link.title:
                with contextlib.suppress(EditorDeskError):
                    link = related_from_story(session, link.story_id)
            related.append(link)
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
        related=tuple(related),
        language=language,
    )
    return build_article(record, images, tweets)


def preview_html(
    store: Store,
    draft: StoryDraft,
    *,
    story_id: int | None = None,
    slug: str = "preview",
    template_dir: str | None = None,
) -> str:
    """The page for `draft` as it stands, unsaved."""
    options = HtmlOptions(
        media_urls=True, template_dir=Path(template_dir) if template_dir else None
    )
    article = _article(store, draft, story_id=story_id, slug=slug)
    return render_html(article, store.media, options).text
