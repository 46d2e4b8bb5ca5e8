"""Tweets the stories embed, recorded so an export reads in full with no network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from editordesk.errors import NotFoundError
from editordesk.media.tweets import TweetRef
from editordesk.model import TweetRecord
from editordesk.services.limits import clip_to_column
from editordesk.services.races import IntegrityError, racing_insert
from editordesk.store.models import Tweet, utcnow

__all__ = ["TweetRecord"]


def _record(tweet: Tweet) -> TweetRecord:
    return TweetRecord(
        status_id=tweet.status_id,
        handle=tweet.handle,
        url=tweet.url,
        display_name=tweet.display_name,
        text=tweet.text,
        posted=tweet.posted,
        language=tweet.language,
    )


def put_tweet(
    session: Session,
    ref: TweetRef,
    *,
    display_name: str = "",
    text: str = "",
    posted: dt.date | None = None,
    language: str = "",
    overwrite: bool = False,
) -> TweetRecord:
    """Record a tweet. An existing record keeps its fields unless `overwrite`; an empty field
    is always filled from what is given."""
    tweet = session.scalars(select(Tweet).where(Tweet.status_id == ref.status_id)).first()
    if tweet is None:
        tweet = Tweet(status_id=ref.status_id, handle=ref.handle, url=ref.url)
        try:
            with racing_insert(session):
                session.add(tweet)
                session.flush()
        except IntegrityError:  # another editor recorded it a moment ago
            tweet = session.scalars(select(Tweet).where(Tweet.status_id == ref.status_id)).one()
    given = {
        "display_name": display_name.strip(),
        "text": text.strip(),
        "posted": posted,
        "language": language.strip(),
    }
    # What a tweet's page or a pasted shortcode says of it is clipped to fit, never refused:
    # a long display name must not keep the tweet out of a story.
    for name in ("display_name", "language"):
        given[name] = clip_to_column(Tweet, name, str(given[name]))
    changed = False
    for name, value in given.items():
        if value and (overwrite or not getattr(tweet, name)) and getattr(tweet, name) != value:
            setattr(tweet, name, value)
            changed = True
    if overwrite and tweet.handle != ref.handle:
        tweet.handle, tweet.url, changed = ref.handle, ref.url, True
    if changed:
        tweet.updated = utcnow()
    session.flush()
    return _record(tweet)


def get_tweet(session: Session, status_id: str) -> TweetRecord:
    tweet = session.scalars(select(Tweet).where(Tweet.status_id == status_id)).first()
    if tweet is None:
        raise NotFoundError(f"tweet {status_id} is not in the store")
    return _record(tweet)


T = TypeVar("T")
# Ids asked for in one statement: PostgreSQL takes at most 65,535 parameters, and a body of
# tweets can name more than that.
IN_BATCH = 10_000


def in_batches(values: Iterable[T]) -> Iterator[list[T]]:
    """`values` in lists of at most IN_BATCH, for `column.in_(…)` one list at a time."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == IN_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def get_tweets(session: Session, status_ids: set[str]) -> dict[str, TweetRecord]:
    out: dict[str, TweetRecord] = {}
    for batch in in_batches(sorted(status_ids)):
        for tweet in session.scalars(select(Tweet).where(Tweet.status_id.in_(batch))):
            out[tweet.status_id] = _record(tweet)
    return out
