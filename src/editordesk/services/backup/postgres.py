"""Backing up and restoring a PostgreSQL store: `pg_dump`, and `pg_restore` through `psql`.

Before anything live is touched a restore reads the whole dump (`pg_restore --list`, then
the dump turned into SQL, which fails on a dump cut short), reads the schema version from the
dump's own data and refuses a newer one whatever was asked, and checks every table is there.
The database is then replaced in one transaction: the old tables are dropped and the backup's
loaded, or, on any error, nothing changed. The pictures move only after that succeeded, and
a store that held anything is first backed up beside its media folder, a backup that is
checked like any other before the restore goes on."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from editordesk.errors import StoreError
from editordesk.services.backup.archive import media_files
from editordesk.services.backup.base import (
    CONTENT_TABLES,
    Dumped,
    Journal,
    StoreEngine,
    check_schema,
    check_tables,
    expected_tables,
    finish_media,
    swap_media,
)
from editordesk.services.backup.manifest import PG_NAME, Manifest
from editordesk.store.db import PG_CONNECT_ARGS, RESTORE_LOCK_KEY
from editordesk.store.location import StoreLocation

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            f"{name} was not found: backing up or restoring a PostgreSQL store needs the "
            f"PostgreSQL client tools (on Debian: apt-get install postgresql-client)"
        )
    return found


def _libpq(location: StoreLocation) -> tuple[str, dict[str, str]]:
    """The address the client tools understand, and an environment carrying the password
    (never on the command line, where other users could read it)."""
    url = location.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
        url = url.set(password=None)
    return url.render_as_string(hide_password=False), env


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr or "").splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "error" in line]
    return (errors or lines or [f"exit status {done.returncode}"])[0]


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False)


class PostgresEngine(StoreEngine):
    name = "postgresql"
    database_name = PG_NAME

    def __init__(self, location: StoreLocation) -> None:
        super().__init__(location)
        self._conn: Any = None  # the connection holding the restore's lock
        self._scripts: dict[Path, tuple[Path, str]] = {}  # dump -> (its SQL, its schema)

    def _engine(self, **options: Any) -> Any:
        from sqlalchemy import create_engine

        return create_engine(self.location.url, connect_args=PG_CONNECT_ARGS, **options)

    # ------------------------------------------------------------ backing up

    def dump(self, folder: Path) -> Dumped:
        pg_dump = _tool("pg_dump")
        url, env = _libpq(self.location)
        target = folder / PG_NAME
        done = _run([pg_dump, "--format=custom", "--no-owner", "--file", str(target), url], env)
        if done.returncode != 0:
            raise StoreError(f"pg_dump failed: {_reason(done)}")
        engine = self._engine()
        try:
            with engine.connect() as db:
                schema = db.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                stories = db.exec_driver_sql("SELECT count(*) FROM stories").scalar() or 0
                paths = tuple(db.exec_driver_sql("SELECT path FROM images").scalars())
        finally:
            engine.dispose()
        return Dumped(schema, int(stories), paths)

    # ------------------------------------------------------------ restoring

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        from sqlalchemy.exc import DBAPIError

        engine = self._engine(isolation_level="AUTOCOMMIT")
        try:
            conn = engine.connect()
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(
                f"cannot reach the store {self.location.describe()}: {exc.orig}"
            ) from exc
        try:
            conn.exec_driver_sql("SET lock_timeout = '20s'")
            try:
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({RESTORE_LOCK_KEY})")
            except DBAPIError:
                raise StoreError(
                    f"the store {self.location.describe()} is being restored already, or busy "
                    "saving; try again in a moment"
                ) from None
            self._conn = conn
            try:
                yield
            finally:
                self._conn = None
                with contextlib.suppress(DBAPIError):
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({RESTORE_LOCK_KEY})")
        finally:
            conn.close()
            engine.dispose()

    def holds_anything(self) -> str | None:
        media = media_files(self.location.media_dir)[0]
        engine = None
        conn = self._conn
        if conn is None:
            engine = self._engine()
            conn = engine.connect()
        try:
            tables = set(
                conn.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                ).scalars()
            )
            total = sum(
                int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0)
                for t in CONTENT_TABLES
                if t in tables
            )
        finally:
            if engine is not None:
                conn.close()
                engine.dispose()
        if total or media:
            return f"{total} stories, pictures, tweets or autosaves and {len(media)} media files"
        return None

    def verify(self, database: Path, manifest: Manifest, scratch: Path) -> None:
        pg_restore = _tool("pg_restore")
        listing = _run([pg_restore, "--list", str(database)])
        if listing.returncode != 0:
            raise StoreError(
                f"the backup's database dump is cut short or damaged: {_reason(listing)}. "
                "Nothing was changed"
            )
        tables: dict[str, str] = {}
        for line in listing.stdout.splitlines():
            found = _TOC_TABLE.match(line)
            if found:
                tables[found.group(2)] = found.group(1)
        schemas = set(tables.values())
        if len(schemas) != 1 or not _IDENTIFIER.fullmatch(next(iter(schemas))):
            raise StoreError("the backup's database dump does not hold one EditorDesk store")
        [schema_name] = schemas
        # The whole dump read and turned into SQL: a dump cut short fails here.
        script = scratch / f"{database.name}.sql"
        whole = _run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--no-comments",
                "-f",
                str(script),
                str(database),
            ]
        )
        if whole.returncode != 0:
            script.unlink(missing_ok=True)
            raise StoreError(
                f"the backup's database dump is cut short or damaged: {_reason(whole)}. "
                "Nothing was changed"
            )
        schema = _schema_in(script)
        check_schema(schema)
        assert schema is not None
        if manifest.schema is not None and manifest.schema != schema:
            raise StoreError(
                f"the backup's manifest says schema {manifest.schema} but its database holds "
                f"schema {schema}; it is not a whole backup. Nothing was changed"
            )
        check_tables(set(tables), schema)
        self._scripts[database] = (script, schema_name)

    def _load(self, database: Path, scratch: Path) -> None:
        """Replace the database's contents with the dump's, in one transaction."""
        script, schema_name = self._scripts[database]
        schema = _schema_in(script)
        assert schema is not None
        wanted = sorted(expected_tables(schema))
        before = scratch / "before.sql"
        before.write_text(_DROP.replace("SCHEMA", schema_name), encoding="utf-8")
        after = scratch / "after.sql"
        names = ", ".join(f"'{t}'" for t in wanted)
        after.write_text(
            _CHECK.replace("SCHEMA", schema_name).replace("NAMES", names)
            # edit locks belong to the windows of the moment the backup was taken: none holds
            + f"\nSET search_path TO {schema_name};\nDELETE FROM edit_locks;\n",
            encoding="utf-8",
        )
        url, env = _libpq(self.location)
        done = _run(
            [
                _tool("psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "--single-transaction",
                "-d",
                url,
                "-f",
                str(before),
                "-f",
                str(script),
                "-f",
                str(after),
            ],
            env,
        )
        if done.returncode != 0:
            raise StoreError(
                f"the backup could not be loaded into the database ({_reason(done)}); the "
                "database was left as it was (the restore is one transaction)"
            )

    backs_up_aside = True  # a server database cannot be renamed aside

    def settle(self, database: Path, scratch: Path) -> None:
        """Nothing to wait for: saves wait on the restore's lock, and the load is one
        transaction."""

    def replace(
        self,
        database: Path,
        staged_media: Path,
        *,
        holding: str | None,
        safety: Path | None,
        stamp: str,
        backup: Path,
        scratch: Path,
    ) -> list[Path]:
        kept = [] if safety is None else [self.safety_backup(stamp)]
        self._load(database, scratch)
        media_aside = self.media_aside(stamp) if holding else None
        journal = Journal(self.location)
        journal.write(
            backup=str(backup),
            kept_aside=[str(p) for p in kept],
            staged_media=str(staged_media),
            media_aside=str(media_aside) if media_aside else "",
        )
        try:
            swap_media(staged_media, self.location.media_dir, media_aside)
            self._claim_media()
        except OSError as exc:
            if safety is not None:
                self._load(safety, scratch)
                problem = "the database that was there is back in place; nothing was changed"
            else:
                problem = "the restored database is in place without its pictures"
            journal.done()
            raise StoreError(
                f"cannot put the backup's pictures in place ({exc.strerror or exc}); {problem}"
            ) from exc
        if media_aside is not None and media_aside.exists():
            kept.append(media_aside)
        journal.done()
        return kept

    def _claim_media(self) -> None:
        """The restored pictures are this store's shared folder now: it gets the store's
        mark, and the store records it, as the first window to open a store does."""
        from editordesk.store.db import MEDIA_MARK, SETTING_MEDIA, SETTING_STORE_ID

        conn = self._conn
        store_id = conn.exec_driver_sql(
            "SELECT value FROM store_settings WHERE key = %(key)s", {"key": SETTING_STORE_ID}
        ).scalar()
        if store_id is None:
            return
        conn.exec_driver_sql(
            "UPDATE store_settings SET value = %(media)s WHERE key = %(key)s",
            {"media": str(self.location.media_dir), "key": SETTING_MEDIA},
        )
        (self.location.media_dir / MEDIA_MARK).write_text(store_id + "\n", encoding="utf-8")

    def finish_interrupted(self) -> str | None:
        journal = Journal(self.location)
        facts = journal.read()
        if facts is None:
            return None
        finish_media(facts, self.location.media_dir, database_placed=True)  # journal comes after
        journal.done()
        return (
            f"a restore of this store from {facts.get('backup', '?')} was interrupted; it "
            "was finished first"
        )


def _schema_in(script: Path) -> str | None:
    """The schema revision in the data of a dump turned into SQL."""
    with script.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("COPY ") and ".alembic_version " in line:
                row = fh.readline().rstrip("\n")
                return None if row == "\\." else row.split("\t")[0]
    return None


# Everything of the store's in its schema goes, in the same transaction as the load (an
# extension's objects stay): the load then meets no table of a newer or older schema.
_DROP = """
SET lock_timeout = '30s';
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
      WHERE c.relnamespace = 'SCHEMA'::regnamespace AND c.relkind IN ('r', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP EXECUTE 'DROP TABLE IF EXISTS ' || r.name || ' CASCADE'; END LOOP;
  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
      WHERE c.relnamespace = 'SCHEMA'::regnamespace AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
  LOOP EXECUTE 'DROP SEQUENCE IF EXISTS ' || r.name || ' CASCADE'; END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
      WHERE p.pronamespace = 'SCHEMA'::regnamespace AND p.proname LIKE 'editordesk%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP EXECUTE 'DROP FUNCTION IF EXISTS ' || r.name || ' CASCADE'; END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
      WHERE t.typnamespace = 'SCHEMA'::regnamespace AND t.typtype IN ('e', 'd')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
  LOOP EXECUTE 'DROP TYPE IF EXISTS ' || r.name || ' CASCADE'; END LOOP;
END $$;
"""

# The load is committed only if every table of the backup's schema is there.
_CHECK = """
DO $$
DECLARE lost text;
BEGIN
  SELECT string_agg(n, ', ') INTO lost FROM unnest(ARRAY[NAMES]) AS n
    WHERE NOT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'SCHEMA' AND tablename = n);
  IF lost IS NOT NULL THEN
    RAISE EXCEPTION 'the restored database lacks the tables %', lost;
  END IF;
END $$;
"""
