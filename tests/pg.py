"""A real PostgreSQL server for the tests, and a fresh database for each test that asks.

Where the server comes from, in order:

1. ``EDITORDESK_TEST_PG``: an SQLAlchemy URL of a role that may create databases. The tests
   use it as it is and never stop it (the outage test skips).
2. Otherwise: a throwaway cluster of this session's own, ``initdb`` into a temporary folder
   and ``pg_ctl`` on a free loopback port, stopped and removed at the end. As root (CI) it runs
   as the ``postgres`` user, since PostgreSQL refuses to run as root.

A session stops only a server it started itself. (It used to take Debian's one packaged
cluster when run as root, and whichever of two test runs on a machine finished first stopped
that cluster under the other.)

With no binaries at all, every test that needs the server is skipped, with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

ENV = "EDITORDESK_TEST_PG"
REQUIRE_ENV = "EDITORDESK_REQUIRE_PG"  # CI sets it: a missing server fails, not skips
ROLE = "editordesk_test"
PASSWORD = "editordesk_test"
PG_ROOT = Path("/usr/lib/postgresql")


class NoServer(Exception):
    """No PostgreSQL server can be had here; the message says why."""


def _bin_dir() -> Path:
    versions = []
    if PG_ROOT.is_dir():
        for child in PG_ROOT.iterdir():
            if (child / "bin" / "postgres").exists() and child.name.split(".")[0].isdigit():
                versions.append(child)
    if versions:
        return max(versions, key=lambda p: int(p.name.split(".")[0])) / "bin"
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise NoServer(
        "no PostgreSQL server binaries (install Debian's postgresql package, or set "
        f"{ENV} to a server's URL)"
    )


def _run(args: list[str], **kwargs: object) -> str:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise NoServer(f"{' '.join(args)} failed: {(done.stderr or done.stdout).strip()}")
    return str(done.stdout)


def _wait_for(url: URL, seconds: float = 60.0) -> None:
    """Until the server takes a connection (it may still be starting up)."""
    engine = create_engine(url)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1"))
                return
            except Exception as exc:
                if time.monotonic() > deadline:
                    reason = f"the server at {url.host}:{url.port} did not answer: {exc}"
                    raise NoServer(reason) from exc
                time.sleep(0.2)
    finally:
        engine.dispose()


@dataclass
class PgServer:
    """A running server: a URL for a role that may create databases, and (unless it came
    from the environment) a way to stop and start it again."""

    url: URL
    kind: str  # "env" or "throwaway"
    start_cmd: list[str] = field(default_factory=list)
    stop_cmd: list[str] = field(default_factory=list)
    cleanup: list[list[str]] = field(default_factory=list)
    workdir: Path | None = None

    @property
    def can_restart(self) -> bool:
        return bool(self.stop_cmd)

    def stop(self) -> None:
        """Stop the server (fast shutdown: open connections are cut, as in an outage)."""
        _run(self.stop_cmd)

    def start(self) -> None:
        _run(self.start_cmd)
        _wait_for(self.url)

    def database_url(self, name: str) -> URL:
        return self.url.set(database=name)

    def create_database(self) -> URL:
        name = "edtest_" + uuid.uuid4().hex[:12]
        with _admin(self.url) as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.database_url(name)

    def drop_database(self, url: URL) -> None:
        """Drop a test's database; a connection the role may not end (an autovacuum worker,
        where the role lacks pg_signal_backend) is waited out for a few seconds."""
        for attempt in range(20):
            try:
                with _admin(self.url) as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
                return
            except DBAPIError:
                if attempt == 19:
                    raise
                time.sleep(0.25)

    @contextlib.contextmanager
    def database(self) -> Iterator[URL]:
        url = self.create_database()
        try:
            yield url
        finally:
            self.drop_database(url)

    def shut_down(self) -> None:
        for args in self.cleanup:
            with contextlib.suppress(Exception):
                subprocess.run(args, capture_output=True, timeout=60)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


@contextlib.contextmanager
def _admin(url: URL) -> Iterator[object]:
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _from_env(value: str) -> PgServer:
    url = make_url(value)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    _wait_for(url, 10)
    return PgServer(url, "env")


def _throwaway_cluster(bin_dir: Path, run_as: str | None = None) -> PgServer:
    """initdb into a temporary folder, pg_ctl on a free port; as root, run as `run_as`
    (PostgreSQL will not run as root)."""
    workdir = Path(tempfile.mkdtemp(prefix="editordesk-pg-"))
    data = workdir / "data"
    pwfile = workdir / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if run_as is not None:
        for path in (workdir, pwfile):
            shutil.chown(path, run_as)

    def as_owner(args: list[str]) -> list[str]:
        return args if run_as is None else ["su", run_as, "-c", shlex.join(args)]

    _run(
        as_owner(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                ROLE,
                "--pwfile",
                str(pwfile),
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale",
                "C",
            ]
        )
    )
    stop = as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
    for attempt in range(5):  # another session may take the free port first
        port = _free_port()
        options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = as_owner(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(workdir / "log"),
                "-o",
                options,
                "-w",
                "start",
            ]
        )
        try:
            _run(start)
            break
        except NoServer:
            if attempt == 4:
                shutil.rmtree(workdir, ignore_errors=True)
                raise
    url = URL.create(
        "postgresql+psycopg",
        username=ROLE,
        password=PASSWORD,
        host="127.0.0.1",
        port=port,
        database="postgres",
    )
    _wait_for(url)
    return PgServer(url, "throwaway", start, stop, [stop], workdir)


def start_server() -> PgServer:
    """A running server by the first route that works here; NoServer says why none does."""
    value = os.environ.get(ENV)
    if value:
        return _from_env(value)
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise NoServer("psycopg 3 is not installed (pip install '.[postgres]')") from exc
    return _throwaway_cluster(_bin_dir(), run_as=_cluster_user())


def _cluster_user() -> str | None:
    """Who runs a throwaway cluster: as root, the postgres user (PostgreSQL will not run as
    root); otherwise the user running the tests."""
    return "postgres" if os.geteuid() == 0 else None


def private_server() -> PgServer:
    """A cluster of its own, for a test that stops and starts its server: the session's
    stays up for everyone else. The caller shuts it down."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise NoServer("psycopg 3 is not installed (pip install '.[postgres]')") from exc
    return _throwaway_cluster(_bin_dir(), run_as=_cluster_user())


_server: PgServer | None = None
_problem: str | None = None


def server() -> PgServer:
    """The session's server, started on first use; skips the test if there can be none."""
    global _server, _problem
    if _server is None and _problem is None:
        try:
            _server = start_server()
        except NoServer as exc:
            _problem = str(exc)
    if _server is None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but there is no PostgreSQL server: {_problem}")
        pytest.skip(f"no PostgreSQL server for this test: {_problem}")
    return _server


def shut_down() -> None:
    """At the end of the session: stop what was started here."""
    global _server
    if _server is not None:
        _server.shut_down()
        _server = None
