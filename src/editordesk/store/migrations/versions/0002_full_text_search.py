"""Full-text search: FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

Both are kept current by triggers in the database, so no writer can forget to index, and
stories already in the store are indexed as the migration runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE stories_fts USING fts5(
        headline, standfirst, body, tags,
        content='stories', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts(rowid, headline, standfirst, body, tags)
        VALUES (new.id, new.headline, new.standfirst, new.body, new.tags);
    END""",
    """CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts(stories_fts, rowid, headline, standfirst, body, tags)
        VALUES ('delete', old.id, old.headline, old.standfirst, old.body, old.tags);
    END""",
    """CREATE TRIGGER stories_fts_update AFTER UPDATE OF headline, standfirst, body, tags
    ON stories BEGIN
        INSERT INTO stories_fts(stories_fts, rowid, headline, standfirst, body, tags)
        VALUES ('delete', old.id, old.headline, old.standfirst, old.body, old.tags);
        INSERT INTO stories_fts(rowid, headline, standfirst, body, tags)
        VALUES (new.id, new.headline, new.standfirst, new.body, new.tags);
    END""",
    "INSERT INTO stories_fts(stories_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER stories_fts_update",
    "DROP TRIGGER stories_fts_delete",
    "DROP TRIGGER stories_fts_insert",
    "DROP TABLE stories_fts",
]

POSTGRES_UP = [
    """CREATE TABLE story_search (
        story_id integer PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    "CREATE INDEX ix_story_search_document ON story_search USING gin (document)",
    """CREATE FUNCTION editordesk_story_document(s stories) RETURNS tsvector
    LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(s.headline, '')), 'A')
            || setweight(to_tsvector('english', coalesce(s.standfirst, '')), 'B')
            || setweight(to_tsvector('english', coalesce(s.tags::text, '')), 'C')
            || setweight(to_tsvector('english', coalesce(s.body, '')), 'D')
    $$""",
    """CREATE FUNCTION editordesk_index_story() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO story_search(story_id, document)
        VALUES (NEW.id, editordesk_story_document(NEW))
        ON CONFLICT (story_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER stories_search_insert AFTER INSERT ON stories
        FOR EACH ROW EXECUTE FUNCTION editordesk_index_story()""",
    """CREATE TRIGGER stories_search_update
        AFTER UPDATE OF headline, standfirst, body, tags ON stories
        FOR EACH ROW EXECUTE FUNCTION editordesk_index_story()""",
    """INSERT INTO story_search(story_id, document)
        SELECT s.id, editordesk_story_document(s) FROM stories s""",
]

POSTGRES_DOWN = [
    "DROP TRIGGER stories_search_update ON stories",
    "DROP TRIGGER stories_search_insert ON stories",
    "DROP FUNCTION editordesk_index_story()",
    "DROP FUNCTION editordesk_story_document(stories)",
    "DROP TABLE story_search",
]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise RuntimeError(f"EditorDesk has no full-text search for {dialect}")
    for statement in statements[dialect]:
        op.execute(statement)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
