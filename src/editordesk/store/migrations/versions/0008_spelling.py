"""Spelling: the desk's dictionary (words every editor of the store shares) and, per story,
its language and the words ignored in it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_words",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("word", sa.String(200), nullable=False),
        sa.Column("added_by", sa.String(300), nullable=False),
        sa.Column("added", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desk_words"),
        sa.UniqueConstraint("word", name="uq_desk_words_word"),
    )
    op.create_table(
        "story_spelling",
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("language", sa.String(32), nullable=False),
        sa.Column("ignored", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_story_spelling"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_spelling_story_id_stories",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("story_spelling")
    op.drop_table("desk_words")
