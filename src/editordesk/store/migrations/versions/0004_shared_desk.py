"""A shared desk: edit locks, a change log that windows follow, and store-wide settings.

`edit_locks` holds one soft lock per story being edited: who, from which window, since when,
and until when it holds without a heartbeat (a crashed window's lock runs out by itself).

`store_changes` is written by triggers on stories, locks and images, so no writer can forget
it. Windows on SQLite poll it; on PostgreSQL the same trigger also sends a NOTIFY carrying the
row, and the log lets a window that lost its connection catch up on what it missed.

`store_settings` keeps settings every editor of the store shares, such as its media folder.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CHANNEL = "editordesk_changes"

# (table, kind, the id column, the version expression or NULL)
WATCHED = (
    ("stories", "story", "id", "version"),
    ("edit_locks", "lock", "story_id", None),
    ("images", "image", "id", None),
)


def _sqlite_triggers() -> list[str]:
    out = []
    for table, kind, key, version in WATCHED:
        for action, row in (("insert", "new"), ("update", "new"), ("delete", "old")):
            value = f"{row}.{version}" if version else "NULL"
            out.append(
                f"""CREATE TRIGGER {table}_changes_{action} AFTER {action.upper()} ON {table}
                BEGIN
                    INSERT INTO store_changes(kind, action, item_id, version)
                    VALUES ('{kind}', '{action}', {row}.{key}, {value});
                END"""
            )
    return out


def _postgres_triggers() -> list[str]:
    out = [
        f"""CREATE FUNCTION editordesk_record_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            row_data jsonb;
            change store_changes%ROWTYPE;
        BEGIN
            row_data := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
            INSERT INTO store_changes(kind, action, item_id, version)
            VALUES (
                TG_ARGV[0],
                lower(TG_OP),
                (row_data ->> TG_ARGV[1])::integer,
                CASE WHEN TG_ARGV[2] = '' THEN NULL ELSE (row_data ->> TG_ARGV[2])::integer END
            )
            RETURNING * INTO change;
            PERFORM pg_notify('{CHANNEL}', row_to_json(change)::text);
            RETURN NULL;
        END
        $$"""
    ]
    for table, kind, key, version in WATCHED:
        out.append(
            f"""CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION editordesk_record_change('{kind}', '{key}',
            '{version or ""}')"""
        )
    return out


def upgrade() -> None:
    op.create_table(
        "edit_locks",
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("holder", sa.String(300), nullable=False),
        sa.Column("window", sa.String(64), nullable=False),
        sa.Column("since", UTCDateTime(), nullable=False),
        sa.Column("heartbeat", UTCDateTime(), nullable=False),
        sa.Column("expires", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_edit_locks"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_edit_locks_story_id_stories", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_edit_locks_window", "edit_locks", ["window"])
    op.create_table(
        "store_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("item_id", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_store_changes"),
    )
    op.create_table(
        "store_settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_store_settings"),
    )
    dialect = op.get_bind().dialect.name
    statements = _postgres_triggers() if dialect == "postgresql" else _sqlite_triggers()
    if dialect == "postgresql":
        # Keep each story's search document in the table's own pages rather than out of
        # line: ranking and phrase checks read every matching document, which is about half
        # the time without the TOAST lookup, and the planner then sees the table's real size
        # (an out-of-line table looks tiny, and gets scanned whole instead of through the
        # GIN index). Documents written from now on are stored so; older ones as they are
        # next saved.
        statements.append("ALTER TABLE story_search ALTER COLUMN document SET STORAGE MAIN")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("ALTER TABLE story_search ALTER COLUMN document SET STORAGE EXTENDED")
        for table, _kind, _key, _version in WATCHED:
            op.execute(f"DROP TRIGGER {table}_changes ON {table}")
        op.execute("DROP FUNCTION editordesk_record_change()")
    else:
        for table, _kind, _key, _version in WATCHED:
            for action in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_changes_{action}")
    op.drop_table("store_settings")
    op.drop_table("store_changes")
    op.drop_table("edit_locks")
