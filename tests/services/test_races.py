"""Two editors inserting the same row at once (services/races.py): on PostgreSQL the loser's
action stays usable; on SQLite writers queue, so nothing is needed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from editordesk.services.races import IntegrityError, racing_insert
from editordesk.store.db import Store
from editordesk.store.models import Tweet


def _tweet(status_id: str) -> Tweet:
    return Tweet(status_id=status_id, handle="jack", url=f"https://x.com/jack/status/{status_id}")


def test_a_lost_race_leaves_the_action_usable_on_a_server(store: Store) -> None:
    with store.write() as session:
        session.add(_tweet("20"))
    with store.write() as session:
        if session.get_bind().dialect.name == "sqlite":
            with racing_insert(session):  # nothing around it: SQLite writers queue
                session.add(_tweet("21"))
                session.flush()
        else:
            with pytest.raises(IntegrityError), racing_insert(session):
                session.add(_tweet("20"))  # the other editor's row, inserted a moment ago
                session.flush()
            session.add(_tweet("21"))  # the same action carries on
            session.flush()
    with store.read() as session:
        ids = session.scalars(select(Tweet.status_id).order_by(Tweet.status_id)).all()
        assert ids == ["20", "21"]
        assert session.scalar(select(func.count()).select_from(Tweet)) == 2
