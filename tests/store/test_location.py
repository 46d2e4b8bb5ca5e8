from __future__ import annotations

from pathlib import Path

import pytest

from editordesk.errors import StoreError
from editordesk.store.location import media_beside, resolve


def test_default_store_is_one_sqlite_file_under_the_user_data_dir(tmp_path: Path) -> None:
    location = resolve(env={})
    assert location.is_sqlite
    assert location.sqlite_path is not None
    assert location.sqlite_path.name == "editordesk.sqlite"
    assert str(tmp_path / "xdg-data") in str(location.sqlite_path)
    assert location.media_dir == location.sqlite_path.with_name("editordesk-media")


def test_a_plain_path_means_a_sqlite_store_with_media_beside_it(tmp_path: Path) -> None:
    location = resolve(str(tmp_path / "desk.sqlite"), env={})
    assert location.sqlite_path == tmp_path / "desk.sqlite"
    assert location.media_dir == tmp_path / "desk-media"
    assert media_beside(tmp_path / "a.db") == tmp_path / "a-media"


def test_environment_chooses_the_store_and_options_win_over_it(tmp_path: Path) -> None:
    env = {"EDITORDESK_DB": f"sqlite:///{tmp_path}/env.sqlite", "EDITORDESK_MEDIA": str(tmp_path)}
    assert resolve(env=env).sqlite_path == tmp_path / "env.sqlite"
    assert resolve(env=env).media_dir == tmp_path
    chosen = resolve(str(tmp_path / "opt.sqlite"), str(tmp_path / "m"), env=env)
    assert chosen.sqlite_path == tmp_path / "opt.sqlite"
    assert chosen.media_dir == tmp_path / "m"


def test_a_server_store_needs_a_media_folder() -> None:
    with pytest.raises(StoreError, match="--media"):
        resolve("postgresql://desk:secret@db.example/news", env={})
    location = resolve("postgresql://desk:secret@db.example/news", "/srv/media", env={})
    assert location.url.drivername == "postgresql+psycopg"
    assert "secret" not in location.describe()


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (
            "postgresql://u:p@h:54x32/db",
            r"u:\*\*\*@h:54x32/db is not a database URL: its port must",
        ),
        ("postgresql://u:p@h:99999/db", r"port 99999 is not a port number \(1 to 65535\)"),
        ("postgresql+asyncpg://u:p@h/db", r"connects to PostgreSQL through psycopg, not asyncpg"),
        ("postgresql+pg8000://u@h/db", r"through psycopg, not pg8000; write the URL as postgresql"),
        ("sqlite+aiosqlite:///news.sqlite", r"connects to SQLite through sqlite3, not aiosqlite"),
    ],
)
def test_a_url_the_store_cannot_use_is_refused_in_one_sentence(url: str, says: str) -> None:
    with pytest.raises(StoreError, match=says) as caught:
        resolve(url, "/srv/media", env={})
    assert ":p@" not in str(caught.value)  # the password is never shown


def test_the_drivers_editordesk_ships_are_taken(tmp_path: Path) -> None:
    for url in ("postgres://u@h/db", "postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db"):
        assert resolve(url, "/srv/media", env={}).url.drivername == "postgresql+psycopg"
    location = resolve(f"sqlite+pysqlite:///{tmp_path}/a.sqlite", env={})
    assert location.sqlite_path == tmp_path / "a.sqlite"
