"""Tweet status URLs in every form people paste, reduced to an id and a handle."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import Request, urlopen

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


def status_url(handle: str, status_id: str) -> str:
    """The status URL for a handle and id as a body names them, checked or not: each part is
    percent-encoded, so a mistyped one can never make the link point elsewhere."""
    handle = handle.strip().removeprefix("@")
    return (
        f"https://twitter.com/{quote(handle or 'i', safe='')}"
        f"/status/{quote(status_id.strip(), safe='')}"
    )


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


OEMBED_ENDPOINT = "https://publish.twitter.com/oembed"


@dataclass(frozen=True)
class TweetDetails:
    """What Twitter's oEmbed answer tells about a tweet."""

    display_name: str = ""
    text: str = ""
    posted: dt.date | None = None
    language: str = ""


class TweetFetchError(ValidationError):
    """The tweet could not be fetched; the editor can type its details instead."""


class _EmbedReader(HTMLParser):
    """Reads Twitter's embed blockquote: the text in its <p>, the date in its last link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_p = False
        self.text: list[str] = []
        self.lang = ""
        self.last_link_text = ""
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.text:
            self.in_p = True
            self.lang = dict(attrs).get("lang") or ""
        elif tag == "br" and self.in_p:
            self.text.append("\n")
        elif tag == "a" and not self.in_p:
            self._link = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.in_p = False
        elif tag == "a" and self._link is not None:
            self.last_link_text = "".join(self._link).strip()
            self._link = None

    def handle_data(self, data: str) -> None:
        if self.in_p:
            self.text.append(data)
        elif self._link is not None:
            self._link.append(data)


def details_from_oembed(answer: dict[str, object]) -> TweetDetails:
    """The fields an oEmbed answer fills: author name, the tweet's words, its date, language."""
    reader = _EmbedReader()
    reader.feed(str(answer.get("html") or ""))
    posted = None
    for fmt in ("%B %d, %Y", "%d %B %Y"):
        try:
            posted = dt.datetime.strptime(reader.last_link_text, fmt).date()
            break
        except ValueError:
            continue
    return TweetDetails(
        display_name=str(answer.get("author_name") or "").strip(),
        text="".join(reader.text).strip(),
        posted=posted,
        language=reader.lang if reader.lang not in ("zxx", "und") else "",
    )


def fetch_oembed(
    ref: TweetRef, *, endpoint: str = OEMBED_ENDPOINT, timeout: float = 6.0
) -> TweetDetails:
    """Ask Twitter's public oEmbed endpoint about a tweet. Never required: any failure is a
    TweetFetchError with a calm sentence, and the editor types the details instead."""
    query = urlencode({"url": ref.url, "omit_script": "1", "dnt": "true"})
    request = Request(f"{endpoint}?{query}", headers={"User-Agent": "EditorDesk"})
    try:
        with urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read(1_000_000).decode("utf-8"))
    except HTTPError as exc:
        reason = "the tweet is deleted or private" if exc.code == 404 else f"HTTP {exc.code}"
        raise TweetFetchError(f"Twitter did not share this tweet ({reason})") from None
    except (URLError, TimeoutError, OSError) as exc:
        raise TweetFetchError(
            "Twitter could not be reached (offline?) — type the tweet's details instead"
        ) from exc
    except (ValueError, UnicodeDecodeError):
        raise TweetFetchError("Twitter's answer could not be read") from None
    if not isinstance(answer, dict):
        raise TweetFetchError("Twitter's answer could not be read")
    return details_from_oembed(answer)
