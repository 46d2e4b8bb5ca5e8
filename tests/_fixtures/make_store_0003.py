"""Write store-0003.sqlite: a store as the last schema before shared editing (0003:
autosaves, no locks or change log) left it, with a story saved twice, a picture record and
an autosave. Run once; the file is kept frozen in git so the upgrade to shared editing is
tested against what real stores of that version hold."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from editordesk.store.db import _alembic_config

target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("store-0003.sqlite"))
target.unlink(missing_ok=True)
engine = create_engine(f"sqlite:///{target}")
with engine.begin() as conn:
    command.upgrade(_alembic_config(conn), "0003")
engine.dispose()

db = sqlite3.connect(target)
at = "2026-11-20 09:{:02d}:00.000000".format
body = "The harbour wall gave way on Thursday night.\n\nEngineers are on the quay."
db.execute(
    "INSERT INTO stories (id, headline, slug, standfirst, byline, dateline, section, tags,"
    " status, publish_time, created, updated, word_count, version, body) VALUES"
    " (1, 'Harbour wall gives way', 'harbour-wall-gives-way', 'A fourth surge.', 'Mara Quinn',"
    " 'PORT ELLAN', 'Local', '[\"harbour\"]', 'editing', NULL, ?, ?, 13, 2, ?)",
    (at(0), at(5), body),
)
for number, when, text in ((1, at(0), body.split("\n\n")[0]), (2, at(5), body)):
    db.execute(
        "INSERT INTO revisions (story_id, number, author, saved, note, headline, slug,"
        " standfirst, byline, dateline, section, tags, status, publish_time, related, body)"
        " VALUES (1, ?, 'Mara Quinn', ?, '', 'Harbour wall gives way', 'harbour-wall-gives-way',"
        " 'A fourth surge.', 'Mara Quinn', 'PORT ELLAN', 'Local', '[\"harbour\"]', 'editing',"
        " NULL, '[]', ?)",
        (number, when, text),
    )
db.execute(
    "INSERT INTO images (id, sha256, path, original_name, mime_type, byte_size, width, height,"
    " caption, credit, creator, source, copyright, licence, alt_text, imported, updated)"
    " VALUES (1, ?, ?, 'wall.jpg', 'image/jpeg', 1234, 120, 80, 'The breach', 'J. Doyle', '',"
    " '', '', '', 'A gap in the wall', ?, ?)",
    ("ab" * 32, "ab/" + "ab" * 32 + ".jpg", at(1), at(1)),
)
db.execute(
    "INSERT INTO autosaves (key, story_id, base_version, editor, saved, draft) VALUES"
    " ('tab-1', 1, 2, 'Mara Quinn', ?, ?)",
    (at(7), '{"headline": "Harbour wall gives way", "body": "Unsaved: the tide is in."}'),
)
db.commit()
db.execute("VACUUM")
db.close()
print(f"wrote {target}")
