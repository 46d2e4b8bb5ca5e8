"""Locks and kept text that know their window, and picture details with versions.

`edit_locks` and `autosaves` name the computer, the account and the process of the window
that wrote them, so a window that is gone (same computer, its process no longer running) can
be told from one still open: its lock is taken back at once, its unsaved text is offered for
recovery, and a live window's text is never offered to another window.

`images.version` counts saves of a picture's details, so two editors with one card open
cannot overwrite each other unawares; `image_revisions` keeps every saved set of details
(caption, credit, alt text and the rest) with who saved it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("edit_locks", "autosaves"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("host", sa.String(255), nullable=False, server_default=""))
            batch.add_column(
                sa.Column("account", sa.String(100), nullable=False, server_default="")
            )
            batch.add_column(sa.Column("pid", sa.Integer, nullable=True))
    with op.batch_alter_table("autosaves") as batch:
        batch.add_column(sa.Column("window", sa.String(64), nullable=False, server_default=""))
    with op.batch_alter_table("images") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "image_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("image_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("author", sa.String(300), nullable=False),
        sa.Column("saved", UTCDateTime(), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_image_revisions"),
        sa.UniqueConstraint("image_id", "number", name="uq_image_revisions_image_id"),
        sa.ForeignKeyConstraint(
            ["image_id"],
            ["images.id"],
            name="fk_image_revisions_image_id_images",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("image_revisions")
    with op.batch_alter_table("images") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("autosaves") as batch:
        batch.drop_column("window")
    for table in ("edit_locks", "autosaves"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("pid")
            batch.drop_column("account")
            batch.drop_column("host")
