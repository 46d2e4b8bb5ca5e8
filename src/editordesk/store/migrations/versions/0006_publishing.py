"""Publishing: the sites stories go to, the post each story became on each site, and the
pictures each site already holds (by the SHA-256 of their bytes), so publishing again updates
the same post and never uploads the same picture twice.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publish_sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("added", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_publish_sites"),
        sa.UniqueConstraint("name", name="uq_publish_sites_name"),
    )
    op.create_table(
        "published_posts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("site_id", sa.Integer, nullable=False),
        sa.Column("post_id", sa.BigInteger, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("remote_modified", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("story_version", sa.Integer, nullable=False),
        sa.Column("published", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_published_posts"),
        sa.UniqueConstraint("story_id", "site_id", name="uq_published_posts_story_id"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_published_posts_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["publish_sites.id"],
            name="fk_published_posts_site_id_publish_sites",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_published_posts_site_id", "published_posts", ["site_id"])
    op.create_table(
        "published_media",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_id", sa.BigInteger, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("uploaded", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_published_media"),
        sa.UniqueConstraint("site_id", "sha256", name="uq_published_media_site_id"),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["publish_sites.id"],
            name="fk_published_media_site_id_publish_sites",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("published_media")
    op.drop_table("published_posts")
    op.drop_table("publish_sites")
