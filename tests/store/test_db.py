from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event

from editordesk.errors import NewerStoreError, StoreError
from editordesk.services.stories import StoryDraft, create_story, list_stories
from editordesk.store.db import Store, head_revision
from editordesk.store.location import resolve
from editordesk.store.models import Base

FIXTURES = Path(__file__).parent.parent / "_fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_store_is_created_at_the_newest_schema_in_wal_mode(store: Store) -> None:
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    path = store.location.sqlite_path
    if not store.location.is_sqlite:
        return  # WAL is SQLite's; a server has its own
    assert path is not None
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_quick_head_constant_is_the_newest_migration() -> None:
    from editordesk.store.migrations import HEAD

    assert head_revision() == HEAD


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_migrations_build_exactly_the_schema_the_models_describe(store: Store) -> None:
    """(SQLite cannot reflect the headline's expression index; the next test covers it.)"""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # The full-text index is the engine's own (FTS5 shadow tables, or PostgreSQL's tsvector
    # table and its GIN index), not a model.
    diff = [d for d in diff if not _engine_search_table(d)]
    assert diff == []


@pytest.mark.parametrize(
    ("order", "index"),
    [
        ("headline", "ix_stories_list_headline"),
        ("byline", "ix_stories_list_byline"),
        ("words", "ix_stories_list_words"),
    ],
)
@pytest.mark.parametrize("descending", [False, True])
def test_a_sorted_page_of_the_list_is_read_from_its_index(
    store: Store, order: str, index: str, descending: bool
) -> None:
    """The list's ORDER BY must be the index's own expression (a bound parameter in place of
    a literal number would leave the index unused and sort every story)."""
    with store.write() as session:
        for n in range(30):
            draft = StoryDraft(headline=f"Story {n:02}", byline=f"B{n % 7}")
            create_story(session, draft, author="t")
    statements: list[tuple[str, object]] = []

    def capture(conn: object, cursor: object, sql: str, params: object, *_: object) -> None:
        if "ORDER BY" in sql:
            statements.append((sql, params))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        with store.read() as session:
            rows = list_stories(session, order=order, descending=descending, limit=10)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    assert len(rows) == 10
    [(sql, params)] = statements
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        if store.location.is_sqlite:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
            assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan
            assert "TEMP B-TREE" not in plan, plan
        else:
            cursor.execute("SET enable_seqscan = off")  # thirty rows: a scan would win
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(str(row[0]) for row in cursor.fetchall())
            assert index in plan and "Sort" not in plan.replace("Sort Key", ""), plan
        cursor.close()


def _engine_search_table(difference: tuple) -> bool:
    kind, item = difference[0], difference[1]
    if kind == "remove_table":
        return item.name.startswith(("stories_fts", "story_search"))
    if kind == "remove_index":
        return item.table.name == "story_search"
    return False


def test_an_old_store_is_backed_up_then_migrated_forward_on_open(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0001.sqlite", old)
    with Store.open(resolve(str(old))) as store:
        with store.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        with store.read() as session:
            # the stories the old schema held are found by the search it did not have
            hits = list_stories(session, query="lighthouse")
            assert {h.slug for h in hits} == {"ferry-timetable-winter", "lighthouse-cottage-museum"}
        with store.write() as session:
            create_story(session, StoryDraft(headline="New after upgrade"), author="t")
    backup = tmp_path / "old.sqlite.before-schema-0001.bak"
    assert backup.exists()
    assert _digest(backup) != _digest(old)
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert raw.execute("SELECT count(*) FROM stories").fetchone()[0] == 2


def test_a_store_from_a_newer_editordesk_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    Store.open(resolve(str(path))).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.close()
    before = _digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(NewerStoreError, match="newer EditorDesk") as caught:
        Store.open(resolve(str(path)))
    assert "9999_from_the_future" in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list: eggs, milk\n")
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(resolve(str(path)))
    assert path.read_text() == "shopping list: eggs, milk\n"


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    raw.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="not an EditorDesk store"):
        Store.open(resolve(str(path)))
    assert _digest(path) == before


def test_a_folder_in_place_of_the_store_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "store.sqlite").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(resolve(str(tmp_path / "store.sqlite")))


def test_reopening_a_store_keeps_its_stories(store_path: Path) -> None:
    with Store.open(resolve(str(store_path))) as store, store.write() as session:
        create_story(session, StoryDraft(headline="Kept across opens"), author="t")
    with Store.open(resolve(str(store_path))) as store, store.read() as session:
        assert [s.headline for s in list_stories(session)] == ["Kept across opens"]


def test_a_server_store_keeps_one_shared_media_folder(tmp_path: Path) -> None:
    from tests import pg

    server = pg.server()
    with server.database() as url:
        db = url.render_as_string(hide_password=False)
        shared = tmp_path / "share"
        with Store.open(resolve(db, str(shared))) as first, first.write() as session:
            create_story(session, StoryDraft(headline="On the server"), author="t")
        from editordesk.store.db import shared_media_folder

        # the same share, mounted elsewhere on another computer, is recognised by its mark
        elsewhere = tmp_path / "mounted-elsewhere"
        shutil.copytree(shared, elsewhere)
        with Store.open(resolve(db, str(elsewhere))) as second:
            assert shared_media_folder(second) == str(shared)
        with pytest.raises(StoreError, match="not the shared media folder"):
            Store.open(resolve(db, str(tmp_path / "a-local-folder")))


def test_a_restored_media_folder_without_its_mark_is_recognised_by_its_pictures(
    tmp_path: Path,
) -> None:
    from editordesk.services.images import add_image
    from editordesk.store.db import MEDIA_MARK
    from tests import pg
    from tests.helpers import image_bytes

    server = pg.server()
    with server.database() as url:
        db = url.render_as_string(hide_password=False)
        shared = tmp_path / "share"
        with Store.open(resolve(db, str(shared))) as first, first.write() as session:
            add_image(session, first.media, image_bytes(), "quay.jpg")
        restored = tmp_path / "restored"
        shutil.copytree(shared, restored, ignore=shutil.ignore_patterns(MEDIA_MARK))
        with Store.open(resolve(db, str(restored))):
            pass
        assert (restored / MEDIA_MARK).read_text() == (shared / MEDIA_MARK).read_text()
        (tmp_path / "empty").mkdir()
        with pytest.raises(StoreError, match="not the shared media folder"):
            Store.open(resolve(db, str(tmp_path / "empty")))


def test_a_server_store_of_an_older_schema_is_upgraded_on_open(tmp_path: Path) -> None:
    """A desk's PostgreSQL store from before shared editing (schema 0003) gains locks and
    the change log when the first new window opens it; its stories stay searchable."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from editordesk.services.live import changes_since, latest_change_id
    from editordesk.store.db import _alembic_config
    from tests import pg

    server = pg.server()
    with server.database() as url:
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                command.upgrade(_alembic_config(conn), "0003")
            with engine.begin() as conn:  # a row as schema 0003 has it (no later columns)
                conn.execute(
                    text(
                        "INSERT INTO stories (headline, slug, standfirst, byline, dateline, "
                        "section, tags, status, created, updated, word_count, version, body) "
                        "VALUES ('Before the upgrade', 'before-the-upgrade', '', '', '', '', "
                        "'[]', 'draft', now(), now(), 0, 1, '')"
                    )
                )
        finally:
            engine.dispose()
        db = url.render_as_string(hide_password=False)
        with Store.open(resolve(db, str(tmp_path / "media"))) as store:
            with store.engine.connect() as conn:
                assert MigrationContext.configure(conn).get_current_revision() == head_revision()
                storage = conn.execute(
                    text(
                        "SELECT attstorage FROM pg_attribute "
                        "WHERE attrelid = 'story_search'::regclass AND attname = 'document'"
                    )
                ).scalar()
                assert storage == "m"  # MAIN: kept in the table's own pages
            with store.read() as session:
                assert [s.headline for s in list_stories(session, query="upgrade")] == [
                    "Before the upgrade"
                ]
                before = latest_change_id(session)
            with store.write() as session:
                create_story(session, StoryDraft(headline="After the upgrade"), author="t")
            with store.read() as session:
                [change] = changes_since(session, before)
            assert (change.kind, change.action) == ("story", "insert")


def test_a_store_from_before_shared_editing_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    from dataclasses import replace

    from editordesk.services.autosave import recoverable
    from editordesk.services.live import changes_since, latest_change_id
    from editordesk.services.locks import lock_of, take_lock
    from editordesk.services.stories import get_story, save_story

    old = tmp_path / "desk.sqlite"
    shutil.copy(FIXTURES / "store-0003.sqlite", old)
    with Store.open(resolve(str(old))) as store:
        with store.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        with store.read() as session:
            assert [s.slug for s in list_stories(session, query="quay")] == [
                "harbour-wall-gives-way"
            ]
            [unsaved] = recoverable(session, "Mara Quinn")
            assert unsaved.draft.body == "Unsaved: the tide is in."
            assert not unsaved.someone_saved_since
            before = latest_change_id(session)
        with store.write() as session:
            story = get_story(session, 1)
            save_story(
                session, 1, replace(story.draft(), body="Repaired."), base_version=2, author="t"
            )
            take_lock(session, 1, holder="Mara Quinn", window="w-1")
        with store.read() as session:
            assert [(c.kind, c.version) for c in changes_since(session, before)] == [
                ("story", 3),
                ("lock", None),
            ]
            held = lock_of(session, 1)
            assert held is not None and held.holder == "Mara Quinn"
    backup = tmp_path / "desk.sqlite.before-schema-0003.bak"
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003"
    raw.close()
