"""The trash and slugs that stay put: `stories.trashed` is when a story was deleted to the
trash (NULL while it is on the desk), and `stories.slug_fixed` says the slug no longer follows
the headline (the editor typed one, or the story was exported under it).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: copying `stories` on SQLite would drop the
    # triggers that keep its full-text index current.
    op.add_column("stories", sa.Column("trashed", UTCDateTime(), nullable=True))
    # A story saved before this migration keeps its slug: links to it must not break.
    op.add_column(
        "stories",
        sa.Column("slug_fixed", sa.Boolean, nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("slug_fixed")
        batch.drop_column("trashed")
