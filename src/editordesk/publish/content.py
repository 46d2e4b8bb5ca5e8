"""What a post and its pictures hold, built from a story and the export's HTML fragment.

EditorDesk sanitises what it sends itself: an administrator's account may post unfiltered HTML,
so the site's own filter is no safety net. The fragment's raw HTML went through the export's
allow-list already, but a desk template (or the tweet script the fragment adds) did not; the
whole content goes through this module's allow-list last, and every text field is escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict
from pathlib import PurePosixPath

import nh3
from markupsafe import escape

from editordesk.export.html import published_name
from editordesk.export.registry import StoryBundle
from editordesk.export.safe import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html, html_to_text
from editordesk.media.folder import MediaFolder
from editordesk.model import ImageRecord
from editordesk.publish.base import Picture, Post, PublishError
from editordesk.text import SAFE_SCHEMES

# The export's allow-list plus what its templates write around figures, tweets and the related
# section: still nothing that runs (no script, style, iframe, form, event handler).
POST_TAGS = ALLOWED_TAGS | {"figure", "figcaption", "img", "section", "aside", "header", "footer"}
POST_ATTRIBUTES: dict[str, set[str]] = {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}
POST_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading", "class"}
POST_ATTRIBUTES["*"] = {"class", "id", "lang", "dir", "aria-labelledby", "data-lang"}


def clean_post_html(markup: str) -> str:
    """The post's HTML through the allow-list; http(s) and mailto addresses only."""
    return nh3.clean(
        markup,
        tags=set(POST_TAGS),
        attributes=POST_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def text_field(text: str) -> str:
    """A plain text field (title, excerpt) as WordPress shows it unescaped: escaped here."""
    return str(escape(" ".join(text.split())))


def picture_text(image: ImageRecord) -> tuple[str, str, str, str]:
    """(title, caption with its credit, alt text, description) for the media library."""
    f = image.fields
    caption = clean_html(f.caption).strip() if f.caption else ""
    if f.credit:
        credit = f"Credit: {clean_html(f.credit).strip()}"
        caption = f"{caption} {credit}" if caption else credit
    stem = PurePosixPath(image.original_name.replace("\\", "/")).stem
    title = html_to_text(f.caption)[:120].strip() if f.caption else stem
    notes = [
        f"{label}: {value}"
        for label, value in (
            ("Creator", f.creator),
            ("Source", f.source),
            ("Copyright", f.copyright),
            ("Licence", f.licence),
        )
        if value
    ]
    description = "<br>".join(str(escape(line)) for line in notes)
    return text_field(title or "picture"), caption, " ".join(f.alt_text.split()), description


def picture_for(image: ImageRecord, media: MediaFolder) -> Picture:
    """The picture with its bytes, read from the media folder."""
    try:
        data = media.path_of(image.path).read_bytes()
    except OSError as exc:
        raise PublishError(
            f"image {image.id} ({image.original_name or image.path}) is missing from the "
            f"media folder: {exc.strerror}; nothing was published"
        ) from exc
    title, caption, alt, description = picture_text(image)
    return Picture(
        sha256=image.sha256,
        data=data,
        filename=published_name(image),
        mime_type=image.mime_type or "application/octet-stream",
        title=title,
        caption=caption,
        alt_text=alt,
        description=description,
    )


def picture_fingerprint(image: ImageRecord) -> str:
    """Changes when the texts sent with a picture change (its bytes have their own hash)."""
    return hashlib.sha256(json.dumps(picture_text(image)).encode()).hexdigest()[:32]


def post_content(
    bundle: StoryBundle,
    fragment: str,
    urls: dict[str, str],
    links: dict[str, str] | None = None,
) -> str:
    """The fragment with each picture pointing at its uploaded file and each related story at
    its post (`links`: slug -> address), the byline and dateline before it, all through the
    allow-list."""
    for image in bundle.images.values():
        name = published_name(image)
        if image.sha256 in urls:
            fragment = fragment.replace(f'"{name}"', f'"{escape(urls[image.sha256])}"')
    for slug, url in (links or {}).items():  # the export links a related story as slug.html
        fragment = fragment.replace(f'href="{escape(slug)}.html"', f'href="{escape(url)}"')
    story = bundle.story
    head = []
    if story.byline.strip():
        head.append(f'<p class="byline">{text_field(story.byline)}</p>')
    if story.dateline.strip():
        head.append(f'<p class="dateline">{text_field(story.dateline)}</p>')
    return clean_post_html("\n".join([*head, fragment]))


def build_post(
    bundle: StoryBundle,
    fragment: str,
    urls: dict[str, str],
    status: str,
    category: str,
    featured_media: int | None,
    links: dict[str, str] | None = None,
) -> Post:
    story = bundle.story
    date: dt.datetime | None = story.publish_time
    if status == "future":
        if date is None or date <= dt.datetime.now(dt.UTC):
            raise PublishError(
                f"story {story.id} has no publish time in the future to schedule it for; "
                "set one, or publish it now"
            )
    elif status == "publish" and date is not None and date > dt.datetime.now(dt.UTC):
        status = "future"  # WordPress would schedule it anyway; say so in what comes back
    return Post(
        title=text_field(story.headline),
        slug=story.slug,
        excerpt=text_field(story.standfirst),
        content=post_content(bundle, fragment, urls, links),
        status=status,
        date_gmt=date.astimezone(dt.UTC) if date is not None else None,
        category=category,
        tags=tuple(t for t in story.tags if t.strip()),
        featured_media=featured_media,
    )


def post_fingerprint(post: Post) -> str:
    """Changes when anything EditorDesk would send changes."""
    data = asdict(post)
    data["date_gmt"] = post.date_gmt.isoformat() if post.date_gmt else None
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
