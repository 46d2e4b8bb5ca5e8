"""Where a store lives: a database URL and the media folder that goes with it.

The default is one SQLite file under the user's data directory; `--db`/`EDITORDESK_DB` and
`--media`/`EDITORDESK_MEDIA` point elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from editordesk.errors import StoreError

DB_ENV = "EDITORDESK_DB"
MEDIA_ENV = "EDITORDESK_MEDIA"
DEFAULT_FILENAME = "editordesk.sqlite"
# The drivers EditorDesk ships and tests with: Python's sqlite3, and psycopg 3 (the plain
# `postgresql://` and psycopg2's name are taken to mean it). An async driver, or another
# one, would fail later and deeper, with a traceback.
DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg2": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


@dataclass(frozen=True)
class StoreLocation:
    """A database URL and its media folder."""

    url: URL
    media_dir: Path

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    def describe(self) -> str:
        """The location as an editor would want to read it (no password)."""
        path = self.sqlite_path
        return str(path) if path else self.url.render_as_string(hide_password=True)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("EditorDesk", appauthor=False))


def media_beside(db_file: Path) -> Path:
    """The media folder that belongs to a SQLite file: `news.sqlite` -> `news-media/`."""
    return db_file.with_name(f"{db_file.stem}-media")


def parse_db(value: str) -> URL:
    """A SQLAlchemy URL, or a plain file path meaning a SQLite store."""
    if "://" not in value:
        return URL.create("sqlite", database=str(Path(value).expanduser().resolve()))
    try:
        url = make_url(value)
    except ValueError as exc:  # a port that is not a number
        raise StoreError(
            f"{_hidden(value)} is not a database URL: its port must be a number from 1 to 65535"
        ) from exc
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or file path: {_hidden(value)!r}") from exc
    shown = url.render_as_string(hide_password=True)
    if url.port is not None and not 0 < url.port < 65536:
        raise StoreError(f"{shown}: port {url.port} is not a port number (1 to 65535)")
    backend = url.get_backend_name()
    if backend in ("sqlite", "postgresql") and url.drivername not in DRIVERS:
        raise StoreError(
            f"{shown}: EditorDesk connects to {'SQLite' if backend == 'sqlite' else 'PostgreSQL'} "
            f"through {'sqlite3' if backend == 'sqlite' else 'psycopg'}, not "
            f"{url.get_driver_name()}; write the URL as {backend}://…"
        )
    if backend == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
    return url.set(drivername=DRIVERS.get(url.drivername, url.drivername))


def _hidden(value: str) -> str:
    """A URL as given, its password (user:password@) replaced by ***, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", value)


def resolve(
    db: str | None = None, media: str | None = None, env: Mapping[str, str] | None = None
) -> StoreLocation:
    """Choose the store from explicit options, then the environment, then the default."""
    env = os.environ if env is None else env
    db = db or env.get(DB_ENV) or None
    media = media or env.get(MEDIA_ENV) or None
    if db is None:
        url = URL.create("sqlite", database=str(default_data_dir() / DEFAULT_FILENAME))
    else:
        url = parse_db(db)
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"EditorDesk stores live in SQLite or PostgreSQL, not {url.get_backend_name()} "
            f"({url.render_as_string(hide_password=True)})"
        )
    if media:
        media_dir = Path(media).expanduser().resolve()
    else:
        path = StoreLocation(url, Path()).sqlite_path
        if path is None:
            raise StoreError(
                f"the store at {url.render_as_string(hide_password=True)} needs a media folder: "
                f"give --media DIR or set {MEDIA_ENV}"
            )
        media_dir = media_beside(path)
    return StoreLocation(url, media_dir)
