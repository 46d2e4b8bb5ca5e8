"""Autosaves: the text an editor has typed but not yet saved, kept in the store every few
seconds so a crash or a killed window loses at most one interval of typing.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "autosaves",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("story_id", sa.Integer, nullable=True),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("editor", sa.String(300), nullable=False),
        sa.Column("saved", UTCDateTime(), nullable=False),
        sa.Column("draft", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_autosaves"),
        sa.UniqueConstraint("key", name="uq_autosaves_key"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_autosaves_story_id_stories", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_autosaves_editor", "autosaves", ["editor"])


def downgrade() -> None:
    op.drop_table("autosaves")
