"""The first schema: stories, revisions, images, tweets, related links.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from editordesk.store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STATUS = sa.Enum(
    "draft",
    "editing",
    "ready",
    "published",
    "spiked",
    name="story_status",
    native_enum=False,
    length=16,
)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("standfirst", sa.Text, nullable=False),
        sa.Column("byline", sa.String(300), nullable=False),
        sa.Column("dateline", sa.String(300), nullable=False),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("publish_time", UTCDateTime(), nullable=True),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        # last: listing columns are read without walking a long body's overflow pages
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.UniqueConstraint("slug", name="uq_stories_slug"),
    )
    op.create_index("ix_stories_section", "stories", ["section"])
    op.create_index("ix_stories_status", "stories", ["status"])
    op.create_index("ix_stories_updated", "stories", ["updated"])

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("author", sa.String(300), nullable=False),
        sa.Column("saved", UTCDateTime(), nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("standfirst", sa.Text, nullable=False),
        sa.Column("byline", sa.String(300), nullable=False),
        sa.Column("dateline", sa.String(300), nullable=False),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("publish_time", UTCDateTime(), nullable=True),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_revisions"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_revisions_story_id_stories", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("story_id", "number", name="uq_revisions_story_id"),
    )

    op.create_table(
        "images",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.String(300), nullable=False),
        sa.Column("original_name", sa.String(300), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("byte_size", sa.BigInteger, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("credit", sa.String(500), nullable=False),
        sa.Column("creator", sa.String(300), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("copyright", sa.String(500), nullable=False),
        sa.Column("licence", sa.String(300), nullable=False),
        sa.Column("alt_text", sa.Text, nullable=False),
        sa.Column("imported", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_images"),
        sa.UniqueConstraint("sha256", name="uq_images_sha256"),
    )

    op.create_table(
        "tweets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("status_id", sa.String(32), nullable=False),
        sa.Column("handle", sa.String(50), nullable=False),
        sa.Column("url", sa.String(300), nullable=False),
        sa.Column("display_name", sa.String(300), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("posted", sa.Date, nullable=True),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tweets"),
        sa.UniqueConstraint("status_id", name="uq_tweets_status_id"),
    )

    op.create_table(
        "related_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("target_story_id", sa.Integer, nullable=True),
        sa.Column("target_slug", sa.String(200), nullable=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_related_links"),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_related_links_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_story_id"],
            ["stories.id"],
            name="fk_related_links_target_story_id_stories",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_related_links_target_story_id", "related_links", ["target_story_id"])

    for name, other in (("story_images", "images"), ("story_tweets", "tweets")):
        column = other[:-1] + "_id"
        op.create_table(
            name,
            sa.Column("story_id", sa.Integer, nullable=False),
            sa.Column(column, sa.Integer, nullable=False),
            sa.PrimaryKeyConstraint("story_id", column, name=f"pk_{name}"),
            sa.ForeignKeyConstraint(
                ["story_id"],
                ["stories.id"],
                name=f"fk_{name}_story_id_stories",
                ondelete="CASCADE",
            ),
            sa.ForeignKeyConstraint(
                [column], [f"{other}.id"], name=f"fk_{name}_{column}_{other}", ondelete="RESTRICT"
            ),
        )
        op.create_index(f"ix_{name}_{column}", name, [column])


def downgrade() -> None:
    for table in (
        "story_tweets",
        "story_images",
        "related_links",
        "tweets",
        "images",
        "revisions",
        "stories",
    ):
        op.drop_table(table)
