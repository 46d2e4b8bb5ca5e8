"""Tweet status URLs in every form people paste, reduced to an id and a handle."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from editordesk.errors import ValidationError

HOSTS = {
    "twitter.com",
    "www.twitter.com",
    "mobile.twitter.com",
    "m.twitter.com",
    "x.com",
    "www.x.com",
    "mobile.x.com",
}
HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
STATUS_ID = re.compile(r"[0-9]{1,20}")
# Paths under twitter.com that are pages of the site, never an account name.
RESERVED = {"i", "home", "search", "explore", "settings", "intent", "share", "hashtag"}


@dataclass(frozen=True)
class TweetRef:
    """A tweet's numeric id (kept as digits: it may not fit a signed 64-bit integer) and handle."""

    status_id: str
    handle: str

    @property
    def url(self) -> str:
        """The canonical status URL the export links to."""
        return f"https://twitter.com/{self.handle}/status/{self.status_id}"


def check_handle(handle: str) -> str:
    handle = handle.strip().removeprefix("@")
    if not HANDLE.fullmatch(handle):
        raise ValidationError(
            f"{handle!r} is not a Twitter handle (1–15 letters, digits or underscores)"
        )
    return handle


def check_status_id(status_id: str) -> str:
    status_id = str(status_id).strip()
    if not STATUS_ID.fullmatch(status_id) or int(status_id) == 0:
        raise ValidationError(f"tweet id {status_id!r} is not a number")
    return status_id


def parse_tweet_url(url: str) -> TweetRef:
    """Read the id and handle from a tweet link; anything that is not one is a clear error."""
    text = url.strip()
    if not text:
        raise ValidationError("no tweet link was given")
    candidate = text if "://" in text else "https://" + text
    try:
        parts = urlsplit(candidate)
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a tweet link: {exc}") from exc
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or host not in HOSTS:
        raise ValidationError(
            f"{text!r} is not a tweet link: it should start https://twitter.com/ or https://x.com/"
        )
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 3 and segments[0].lower() == "i" and segments[1].lower() == "web":
        raise ValidationError(
            f"{text!r} has no account name in it; copy the link from the tweet's own page "
            "(…/handle/status/…)"
        )
    if len(segments) < 3 or segments[1].lower() not in ("status", "statuses"):
        raise ValidationError(
            f"{text!r} is not a link to one tweet (expected …/handle/status/number)"
        )
    handle, status_id = segments[0], segments[2]
    if handle.lower() in RESERVED or not HANDLE.fullmatch(handle):
        raise ValidationError(f"{text!r} is not a tweet link: {handle!r} is not an account name")
    if not STATUS_ID.fullmatch(status_id):
        raise ValidationError(f"{text!r} is not a tweet link: {status_id!r} is not a tweet id")
    tail = segments[3:]
    if (
        tail
        and not (len(tail) == 2 and tail[0].lower() in ("photo", "video") and tail[1].isdigit())
        and tail not in (["analytics"], ["likes"], ["retweets"], ["quotes"])
    ):
        raise ValidationError(f"{text!r} is not a link to one tweet: unexpected {'/'.join(tail)!r}")
    return TweetRef(status_id=check_status_id(status_id), handle=handle)
