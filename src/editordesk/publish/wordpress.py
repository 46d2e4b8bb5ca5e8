"""WordPress through its REST API (wp/v2) with an application password, over urllib.

Every failure becomes one sentence naming the site and what to do: a wrong password (401), no
right to publish or upload (403), a picture too large (413 or PHP's upload limit), the site
unreachable or timing out, the REST API switched off, a server error with the site's message.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

from editordesk.publish.base import (
    AuthError,
    ForbiddenError,
    NoAnswerError,
    Picture,
    Post,
    PublishError,
    RemoteMedia,
    RemotePost,
    RestOffError,
    ServerError,
    Site,
    TooLargeError,
    UnreachableError,
)

TIMEOUT_S = 30.0
API = "/wp-json/wp/v2"
_TAGS = re.compile(r"<[^>]*>")
_SIZE_WORDS = ("upload_max_filesize", "post_max_size", "exceeds the maximum upload size")


class GoneError(PublishError):
    """404 for one item: the post or picture was deleted on the site."""


def site_message(text: object, limit: int = 300) -> str:
    """A server's own words, as one short line of plain text (never its markup)."""
    words = " ".join(html.unescape(_TAGS.sub(" ", str(text))).split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def normalise_url(url: str) -> str:
    """The site's address as typed, checked: http(s), a host, no trailing slash."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError(f"{url!r} is not a web address (give one like https://news.example)")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


class WordPress:
    """One WordPress site, as one account with an application password."""

    def __init__(self, site: Site, password: str, timeout: float = TIMEOUT_S) -> None:
        self.site = site
        self.base = normalise_url(site.url)
        token = f"{site.user}:{password.replace(' ', '')}".encode()
        self._auth = "Basic " + base64.b64encode(token).decode("ascii")
        self.timeout = timeout
        self._terms: dict[tuple[str, str], int] = {}

    # the wire

    def _request(
        self,
        method: str,
        path: str,
        what: str,
        *,
        body: bytes | None = None,
        content_type: str = "application/json",
        query: dict[str, str] | None = None,
    ) -> Any:
        url = self.base + API + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        headers = {"Authorization": self._auth, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        name = self.site.name
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc, what) from None
        except TimeoutError:
            raise NoAnswerError(
                f"the site {name} ({self.base}) did not answer within {self.timeout:.0f} s "
                f"while {what}; nothing more was sent"
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise NoAnswerError(
                    f"the site {name} ({self.base}) did not answer within "
                    f"{self.timeout:.0f} s while {what}; nothing more was sent"
                ) from None
            reason = getattr(reason, "strerror", None) or reason
            raise UnreachableError(
                f"the site {name} ({self.base}) cannot be reached while {what}: "
                f"{site_message(reason)}"
            ) from None
        try:
            return json.loads(raw)
        except ValueError:
            raise RestOffError(
                f"the site {name} ({self.base}) answered {what} with a web page, not its REST "
                "API: the REST API may be switched off, or the address is not a WordPress site"
            ) from None

    def _http_error(self, exc: urllib.error.HTTPError, what: str) -> PublishError:
        try:
            detail = json.loads(exc.read() or b"{}")
        except (ValueError, OSError):
            detail = {}
        if not isinstance(detail, dict):
            detail = {}
        code = str(detail.get("code", ""))
        message = site_message(detail.get("message") or exc.reason or "")
        name, status = self.site.name, exc.code
        said = f": “{message}”" if message else ""
        if status == 401:
            if code in ("rest_disabled", "rest_not_logged_in") and "disabled" in message.lower():
                return RestOffError(f"the site {name} has its REST API switched off{said}")
            return AuthError(
                f"the site {name} refused the user name {self.site.user!r} or its application "
                f"password (401){said}; check them, or make a new application password"
            )
        if status == 403:
            return ForbiddenError(
                f"the account {self.site.user!r} has no right to do this on {name} (403) "
                f"while {what}{said}"
            )
        if status == 413 or (
            code.startswith("rest_upload") and any(w in message for w in _SIZE_WORDS)
        ):
            return TooLargeError(
                f"the picture is too large for the site {name} while {what}{said}; "
                "make it smaller or raise the site's upload limit"
            )
        if status == 404 and code.endswith("_invalid_id"):
            return GoneError(f"the site {name} no longer has what EditorDesk was {what}")
        if status == 404 and (code in ("rest_no_route", "rest_disabled") or not code):
            return RestOffError(
                f"the site {name} ({self.base}) has no REST API at /wp-json/ (404){said}: it "
                "is switched off, or the address is not the site's home"
            )
        if status >= 500:
            return ServerError(f"the site {name} had a server error ({status}) while {what}{said}")
        return PublishError(f"the site {name} refused {what} ({status}){said}")

    def _json(self, method: str, path: str, what: str, data: dict[str, Any]) -> Any:
        return self._request(method, path, what, body=json.dumps(data).encode("utf-8"))

    # the Target protocol

    def whoami(self) -> str:
        me = self._request("GET", "/users/me", "checking the account", query={"context": "edit"})
        if not isinstance(me, dict) or "id" not in me:
            raise RestOffError(
                f"the site {self.site.name} ({self.base}) does not answer as WordPress's REST "
                "API does"
            )
        return str(me.get("name") or me.get("slug") or self.site.user)

    def get_post(self, post_id: int) -> RemotePost | None:
        try:
            data = self._request(
                "GET", f"/posts/{post_id}", f"reading post {post_id}", query={"context": "edit"}
            )
        except GoneError:
            return None
        data = self._item(data, f"reading post {post_id}")
        if data.get("status") == "trash":
            return None
        return self._remote(data)

    def find_post(self, slug: str, title: str) -> RemotePost | None:
        found = self._request(
            "GET",
            "/posts",
            f"looking for the post {slug!r}",
            query={
                "slug": slug,
                "status": "publish,future,draft,pending,private",
                "context": "edit",
                "per_page": "10",
            },
        )
        for data in found if isinstance(found, list) else []:
            raw = data.get("title", {})
            if isinstance(raw, dict) and raw.get("raw") == title:
                return self._remote(data)
        return None

    def existing_media(self, media_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(media_ids), 100):
            chunk = media_ids[start : start + 100]
            items = self._request(
                "GET",
                "/media",
                "listing the site's pictures",
                query={
                    "include": ",".join(map(str, chunk)),
                    "per_page": "100",
                    "_fields": "id",
                },
            )
            found |= {int(item["id"]) for item in items if isinstance(item, dict)}
        return found

    def upload(self, picture: Picture) -> RemoteMedia:
        boundary = uuid.uuid4().hex
        fields = {
            "title": picture.title,
            "caption": picture.caption,
            "alt_text": picture.alt_text,
            "description": picture.description,
        }
        parts = []
        for key, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        filename = picture.filename.replace('"', "").replace("\r", "").replace("\n", "")
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: {picture.mime_type}\r\n\r\n'.encode()
        )
        parts.append(picture.data)
        parts.append(f"\r\n--{boundary}--\r\n".encode())
        data = self._request(
            "POST",
            "/media",
            f"uploading the picture {picture.filename}",
            body=b"".join(parts),
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        data = self._item(data, f"uploading the picture {picture.filename}")
        return RemoteMedia(int(data["id"]), str(data.get("source_url", "")))

    def update_media(self, media_id: int, picture: Picture) -> None:
        self._json(
            "POST",
            f"/media/{media_id}",
            f"updating the picture {picture.filename}",
            {
                "title": picture.title,
                "caption": picture.caption,
                "alt_text": picture.alt_text,
                "description": picture.description,
            },
        )

    def save_post(self, post: Post, post_id: int | None) -> RemotePost:
        data: dict[str, Any] = {
            "title": post.title,
            "slug": post.slug,
            "excerpt": post.excerpt,
            "content": post.content,
            "status": post.status,
            "featured_media": post.featured_media or 0,
            "tags": [self._term("tags", name) for name in post.tags if name.strip()],
        }
        if post.category.strip():
            data["categories"] = [self._term("categories", post.category)]
        if post.date_gmt is not None:
            data["date_gmt"] = post.date_gmt.strftime("%Y-%m-%dT%H:%M:%S")
        if post_id is None:
            reply = self._json("POST", "/posts", "creating the post", data)
        else:
            reply = self._json("POST", f"/posts/{post_id}", f"updating post {post_id}", data)
        return self._remote(self._item(reply, "saving the post"))

    # helpers

    def _item(self, data: Any, what: str) -> dict[str, Any]:
        """One item as the REST API answers it, or a sentence: a redirect (http to https, a
        moved site) turns a POST into a GET of the whole list."""
        if isinstance(data, dict) and isinstance(data.get("id"), int):
            return data
        raise PublishError(
            f"the site {self.site.name} ({self.base}) answered {what} with something other "
            "than the item asked for; if the site moved (to https:// perhaps), give its new "
            "address"
        )

    def _remote(self, data: dict[str, Any]) -> RemotePost:
        def raw(key: str) -> str:
            value = data.get(key)
            return (
                str(value.get("raw", value.get("rendered", ""))) if isinstance(value, dict) else ""
            )

        seen = [data.get("modified_gmt"), data.get("status"), raw("title"), raw("excerpt")]
        seen.append(raw("content"))
        return RemotePost(
            id=int(data["id"]),
            url=str(data.get("link", "")),
            status=str(data.get("status", "")),
            modified_gmt=str(data.get("modified_gmt", "")),
            revision=hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:32],
        )

    def _term(self, taxonomy: str, name: str) -> int:
        """The id of the category or tag called `name`, made on the site if missing."""
        key = (taxonomy, name.strip().casefold())
        if key in self._terms:
            return self._terms[key]
        kind = "category" if taxonomy == "categories" else "tag"
        found = self._request(
            "GET",
            f"/{taxonomy}",
            f"looking up the {kind} {name!r}",
            query={"search": name.strip(), "per_page": "100", "_fields": "id,name"},
        )
        term_id = next(
            (
                int(t["id"])
                for t in found
                if html.unescape(str(t.get("name", ""))).strip().casefold() == key[1]
            ),
            None,
        )
        if term_id is None:
            made = self._json(
                "POST", f"/{taxonomy}", f"creating the {kind} {name!r}", {"name": name.strip()}
            )
            term_id = int(self._item(made, f"creating the {kind} {name!r}")["id"])
        self._terms[key] = term_id
        return term_id
