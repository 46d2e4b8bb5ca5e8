"""Write store-0001.sqlite: a store as EditorDesk's first schema (before full-text search)
left it, with two stories and their revisions. Run once; the file is kept frozen in git so
upgrades are tested against what real old stores hold."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from editordesk.store.db import _alembic_config

target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("store-0001.sqlite"))
target.unlink(missing_ok=True)
engine = create_engine(f"sqlite:///{target}")
with engine.begin() as conn:
    command.upgrade(_alembic_config(conn), "0001")
engine.dispose()

db = sqlite3.connect(target)
now = "2026-01-05 10:00:00.000000"
stories = [
    (
        1,
        "Ferry timetable changes for winter",
        "ferry-timetable-winter",
        "Sailings drop to two a day.",
        "Ana Ruiz",
        "KILMORE",
        "Transport",
        '["ferry", "winter"]',
        "published",
        "The ferry will sail twice a day from January.\n\nThe harbour master said lighthouse "
        "repairs come first.",
        14,
    ),
    (
        2,
        "Lighthouse keeper's cottage to become museum",
        "lighthouse-cottage-museum",
        "",
        "Tom Byrne",
        "",
        "Culture",
        '["heritage"]',
        "draft",
        "The cottage opens to visitors in spring.",
        7,
    ),
]
for sid, head, slug, stand, by, dl, sec, tags, status, body, words in stories:
    db.execute(
        "INSERT INTO stories (id, headline, slug, standfirst, byline, dateline, section, tags, "
        "status, body, publish_time, created, updated, word_count, version) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,NULL,?,?,?,1)",
        (sid, head, slug, stand, by, dl, sec, tags, status, body, now, now, words),
    )
    db.execute(
        "INSERT INTO revisions (story_id, number, author, saved, note, headline, slug, "
        "standfirst, byline, dateline, section, tags, status, body, publish_time, related) "
        "VALUES (?,1,'Ana Ruiz',?,'created',?,?,?,?,?,?,?,?,?,NULL,'[]')",
        (sid, now, head, slug, stand, by, dl, sec, tags, status, body),
    )
db.commit()
db.execute("VACUUM")
db.close()
print(target)
