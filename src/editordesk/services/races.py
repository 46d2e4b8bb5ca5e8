"""Two editors adding the same thing at the same moment to a server store.

On SQLite a write takes the database's lock when it begins, so writers queue and the second
sees what the first added. On PostgreSQL both may look, find nothing and insert: the second
insert then waits for the first to commit and fails on the unique index. These helpers put
such an insert in a savepoint there, so the loser can take the winner's row (the same
picture, the same tweet) or choose again (a slug), instead of failing the whole action with
a database error."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

__all__ = ["IntegrityError", "racing_insert"]


@contextlib.contextmanager
def racing_insert(session: Session) -> Iterator[None]:
    """Around an insert another editor may make at the same moment: a savepoint on
    PostgreSQL (an IntegrityError then leaves the action usable); nothing on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        with session.begin_nested():
            yield
    else:
        yield
