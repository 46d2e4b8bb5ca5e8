"""The seam every publishing target plugs into: what goes out, what comes back, what fails."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from editordesk.errors import EditorDeskError

STATUSES = ("draft", "pending", "publish", "future")


class PublishError(EditorDeskError):
    """A site refused or could not be reached; the message is one sentence for the editor."""


class UnreachableError(PublishError):
    """The site did not answer (no server, a wrong address, a timeout)."""


class NoAnswerError(UnreachableError):
    """The request went out and no answer came back in time: the site may have done it."""


class AuthError(PublishError):
    """401: the user name or application password is wrong or was revoked."""


class ForbiddenError(PublishError):
    """403: the account may not do this (publish, upload)."""


class TooLargeError(PublishError):
    """413, or the site's upload limit: the picture is too large for the site."""


class RestOffError(PublishError):
    """The site's REST API is switched off or hidden."""


class ServerError(PublishError):
    """5xx, or an answer that is not the REST API's, with the site's own message."""


class RemoteEditedError(PublishError):
    """The post was edited on the site since EditorDesk last published it."""


@dataclass(frozen=True)
class Site:
    """A site as the desk knows it (the password lives in the keyring, never here)."""

    name: str
    url: str
    user: str
    kind: str = "wordpress"
    categories: dict[str, str] = field(default_factory=dict)  # section -> the site's category


@dataclass(frozen=True)
class Picture:
    """One picture to put in the site's media library; every text is already safe HTML."""

    sha256: str
    data: bytes
    filename: str
    mime_type: str
    title: str
    caption: str
    alt_text: str
    description: str


@dataclass(frozen=True)
class RemoteMedia:
    id: int
    url: str


@dataclass(frozen=True)
class Post:
    """What a post becomes on the site; title and excerpt are escaped text, content clean HTML."""

    title: str
    slug: str
    excerpt: str
    content: str
    status: str
    date_gmt: dt.datetime | None
    category: str
    tags: tuple[str, ...]
    featured_media: int | None


@dataclass(frozen=True)
class RemotePost:
    id: int
    url: str
    status: str
    modified_gmt: str
    # Changes whenever the post changes on the site, even twice in one second (modified_gmt
    # counts whole seconds): a hash of its time, status and raw title, excerpt and content.
    revision: str = ""


class Target(Protocol):
    """A publishing system behind the seam (WordPress today; Ghost or Drupal later)."""

    site: Site

    def whoami(self) -> str:
        """The account's display name; raises the error that says what is wrong."""
        ...

    def get_post(self, post_id: int) -> RemotePost | None:
        """The post as the site has it now, or None when it was deleted."""
        ...

    def find_post(self, slug: str, title: str) -> RemotePost | None:
        """The post with this slug and title, if the site has one (a create whose answer
        never came back)."""
        ...

    def existing_media(self, media_ids: list[int]) -> set[int]:
        """Which of these media items the site still has."""
        ...

    def upload(self, picture: Picture) -> RemoteMedia: ...

    def update_media(self, media_id: int, picture: Picture) -> None:
        """New caption, alt text, title or description for a picture already there."""
        ...

    def save_post(self, post: Post, post_id: int | None) -> RemotePost:
        """Create the post (post_id None) or update that one."""
        ...
