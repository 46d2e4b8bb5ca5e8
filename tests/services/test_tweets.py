"""Recording tweets (services/tweets.py): one record per status, fields filled but not
overwritten, and a lookup that names what is missing."""

from __future__ import annotations

import datetime as dt

import pytest

from editordesk.errors import NotFoundError
from editordesk.media.tweets import TweetRef
from editordesk.services.tweets import get_tweet, get_tweets, put_tweet
from editordesk.store.db import Store

REF = TweetRef("1860000000000000001", "SKerrInverbeg")


def test_a_tweet_is_recorded_once_and_read_back(store: Store) -> None:
    with store.write() as session:
        first = put_tweet(session, REF, text="Not a lifeline.", posted=dt.date(2026, 11, 24))
        again = put_tweet(session, REF, text="Something else.")
    assert first == again
    with store.read() as session:
        kept = get_tweet(session, REF.status_id)
        assert get_tweets(session, {REF.status_id, "42"}) == {REF.status_id: kept}
        assert get_tweets(session, set()) == {}
    assert (kept.handle, kept.text, kept.posted) == (
        "SKerrInverbeg",
        "Not a lifeline.",
        dt.date(2026, 11, 24),
    )
    assert kept.url.endswith("/SKerrInverbeg/status/1860000000000000001")


def test_an_empty_field_is_filled_and_overwrite_replaces(store: Store) -> None:
    with store.write() as session:
        put_tweet(session, REF)
        filled = put_tweet(session, REF, display_name=" Siobhan Kerr ", language="en")
        assert (filled.display_name, filled.language) == ("Siobhan Kerr", "en")
        moved = put_tweet(
            session, TweetRef(REF.status_id, "SiobhanKerr"), text="Reworded.", overwrite=True
        )
    assert (moved.handle, moved.text) == ("SiobhanKerr", "Reworded.")
    assert "/SiobhanKerr/" in moved.url


def test_a_long_display_name_is_clipped_not_refused(store: Store) -> None:
    with store.write() as session:
        record = put_tweet(session, REF, display_name="K" * 1000)
    assert record.display_name == "K" * 300


def test_a_missing_tweet_is_named(store: Store) -> None:
    with pytest.raises(NotFoundError, match="tweet 42 is not in the store"), store.read() as s:
        get_tweet(s, "42")


def test_more_tweets_than_one_statement_may_name_are_read_in_batches(store: Store) -> None:
    # PostgreSQL takes at most 65,535 parameters in a statement; a body may name more tweets
    with store.write() as session:
        put_tweet(session, TweetRef("7", "first"))
        put_tweet(session, TweetRef("69999", "last"))
    with store.read() as session:
        found = get_tweets(session, {str(i) for i in range(1, 70_000)})
    assert {k: v.handle for k, v in found.items()} == {"7": "first", "69999": "last"}
