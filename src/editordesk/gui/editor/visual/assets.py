"""The library as the visual editor's cards see it: picture and tweet records read from the
store (a story's all in one query when it opens), kept for the editor, and the picture file
to draw, only when it is a regular file inside the media folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from editordesk.document.shortcodes import references
from editordesk.gui import plain
from editordesk.model import ImageRecord, TweetRecord

if TYPE_CHECKING:
    from editordesk.store.db import Store


class StoreAssets:
    """schema.Assets over one store, cached for one editor. A record the store lacks (or
    could not be read) is remembered as missing until `forget`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._images: dict[int, ImageRecord | None] = {}
        self._tweets: dict[str, TweetRecord | None] = {}
        self._paths: dict[int, Path | None] = {}

    # ------------------------------------------------------------ reading

    def prefetch(self, body: str) -> None:
        """Every picture and tweet `body` names that is not cached yet, in one read."""
        refs = references(body)
        self._load(
            {i for i in refs.image_ids if i not in self._images},
            {t for t in refs.tweet_ids if t not in self._tweets},
        )

    def _load(self, image_ids: set[int], tweet_ids: set[str]) -> None:
        if not image_ids and not tweet_ids:
            return
        from sqlalchemy.exc import SQLAlchemyError

        from editordesk.errors import EditorDeskError
        from editordesk.services.images import get_images
        from editordesk.services.tweets import get_tweets

        images: dict[int, ImageRecord] = {}
        tweets: dict[str, TweetRecord] = {}
        try:
            with self.store.read() as session:
                images = get_images(session, image_ids) if image_ids else {}
                tweets = get_tweets(session, tweet_ids) if tweet_ids else {}
        except (SQLAlchemyError, EditorDeskError, OSError):
            pass  # the store is out of reach: the cards show the id until `forget`
        for image_id in image_ids:
            self._images[image_id] = images.get(image_id)
        for status_id in tweet_ids:
            self._tweets[status_id] = tweets.get(status_id)

    def image(self, image_id: int) -> ImageRecord | None:
        if image_id not in self._images:
            self._load({image_id}, set())
        return self._images.get(image_id)

    def tweet(self, status_id: str) -> TweetRecord | None:
        if status_id not in self._tweets:
            self._load(set(), {status_id})
        return self._tweets.get(status_id)

    def picture_path(self, image_id: int) -> Path | None:
        """The picture's file: a regular file inside the media folder, else None (a link
        out of the folder, a pipe or a device is never handed to Qt to read)."""
        if image_id in self._paths:
            return self._paths[image_id]
        record = self.image(image_id)
        path: Path | None = None
        if record is not None:
            from editordesk.errors import EditorDeskError

            media = self.store.media
            try:
                real = plain.picture_file(media.path_of(record.path), media.root)
            except EditorDeskError:
                real = ""
            path = Path(real) if real else None
        self._paths[image_id] = path
        return path

    # ------------------------------------------------------------ changes

    def forget(self, image_id: int | None = None, status_id: str | None = None) -> None:
        """A library card or a tweet was edited (or the store came back): read it anew.
        With neither, everything is read anew."""
        if image_id is None and status_id is None:
            self._images.clear()
            self._tweets.clear()
            self._paths.clear()
            return
        if image_id is not None:
            self._images.pop(image_id, None)
            self._paths.pop(image_id, None)
        if status_id is not None:
            self._tweets.pop(status_id, None)

    def remember_image(self, record: ImageRecord) -> None:
        """A picture just imported (a drop, a paste): known without asking the store."""
        self._images[record.id] = record
        self._paths.pop(record.id, None)
