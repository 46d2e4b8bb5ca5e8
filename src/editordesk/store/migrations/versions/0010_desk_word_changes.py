"""The desk's dictionary joins the change log: a word added or removed is a `word` change, so
windows on PostgreSQL hear of it at once (the NOTIFY of migration 0004) and windows on SQLite
at their next poll, and refresh their spelling.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ACTIONS = (("insert", "new"), ("update", "new"), ("delete", "old"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # editordesk_record_change() is migration 0004's: it logs the row and sends NOTIFY.
        op.execute(
            """CREATE TRIGGER desk_words_changes AFTER INSERT OR UPDATE OR DELETE ON desk_words
            FOR EACH ROW EXECUTE FUNCTION editordesk_record_change('word', 'id', '')"""
        )
        return
    for action, row in ACTIONS:
        op.execute(
            f"""CREATE TRIGGER desk_words_changes_{action} AFTER {action.upper()} ON desk_words
            BEGIN
                INSERT INTO store_changes(kind, action, item_id, version)
                VALUES ('word', '{action}', {row}.id, NULL);
            END"""
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER desk_words_changes ON desk_words")
        return
    for action, _row in ACTIONS:
        op.execute(f"DROP TRIGGER desk_words_changes_{action}")
