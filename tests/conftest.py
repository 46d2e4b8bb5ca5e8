"""Every test gets its own settings file, data folders and store; none touch the user's.

The `store` fixture runs tests/store and tests/services on both engines: SQLite, and a fresh
database on a real PostgreSQL server (tests/pg.py says where the server comes from)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from editordesk.store.db import Store
from editordesk.store.location import StoreLocation, resolve
from tests import pg

BOTH_ENGINES_UNDER = ("tests/store/", "tests/services/")
REGENERATE_ENV = "EDITORDESK_REGENERATE_GOLDEN"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the exports' reference files in tests/_reference anew (review with git diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-golden"):
        os.environ[REGENERATE_ENV] = "1"  # the older golden tests read this


PG_FIXTURES = {"pg_server", "pg_private_server"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL runs belong to the slow tier: each makes a database of its own, which
    costs most of the store and service tests' time. `-m "not slow"` runs them on SQLite
    only; the full run (CI) takes both engines."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        engine = params.get("engine_name", params.get("engine"))
        if engine == "postgresql" or PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORDESK_CONFIG", str(tmp_path / "config" / "settings.yaml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("EDITORDESK_AUTHOR", "Test Editor")
    monkeypatch.delenv("EDITORDESK_DB", raising=False)
    monkeypatch.delenv("EDITORDESK_MEDIA", raising=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Store and service tests run once per engine; the rest on SQLite only."""
    if "engine_name" not in metafunc.fixturenames:
        return
    path = Path(str(metafunc.definition.path)).as_posix()
    if any(part in path for part in BOTH_ENGINES_UNDER):
        metafunc.parametrize("engine_name", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "news.sqlite"


@pytest.fixture
def store_location(engine_name: str, store_path: Path, tmp_path: Path) -> Iterator[StoreLocation]:
    """Where the test's store lives: a SQLite file, or a new PostgreSQL database (dropped
    after the test) with a media folder of its own."""
    if engine_name == "sqlite":
        yield resolve(str(store_path))
        return
    server = pg.server()
    with server.database() as url:
        yield resolve(url.render_as_string(hide_password=False), str(tmp_path / "media"))


@pytest.fixture
def store(store_location: StoreLocation) -> Iterator[Store]:
    with Store.open(store_location) as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_server() -> pg.PgServer:
    return pg.server()


@pytest.fixture
def pg_private_server() -> Iterator[pg.PgServer]:
    """A PostgreSQL cluster for this test alone (it may stop and start it)."""
    try:
        server = pg.private_server()
    except pg.NoServer as exc:
        if os.environ.get(pg.REQUIRE_ENV) == "1":
            pytest.fail(f"{pg.REQUIRE_ENV}=1 but no PostgreSQL cluster could be started: {exc}")
        pytest.skip(f"no PostgreSQL cluster of its own for this test: {exc}")
    try:
        yield server
    finally:
        server.shut_down()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    pg.shut_down()
