"""Many editors saving at once on one PostgreSQL store: 8 processes × 100 saves on stories
they share. Every save is either stored or refused as a conflict; the revisions add up; no
stored save is lost and no refused one leaks in."""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from editordesk.errors import ConflictError
from editordesk.services.stories import StoryDraft, create_story, get_story, revisions, save_story
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.pg import PgServer

pytestmark = pytest.mark.slow

PROCESSES = 8
SAVES = 100
STORIES = 3  # fewer stories than processes: every story is fought over


def _editor(db: str, media: str, worker: int, story_ids: list[int], out: str, barrier: Any) -> None:
    """One editor in its own process: read a story, change it, save from what was read."""
    results = []
    with Store.open(resolve(db, media)) as store:
        barrier.wait()
        for n in range(SAVES):
            story_id = story_ids[(worker + n) % len(story_ids)]
            token = f"w{worker}s{n}"
            with store.read() as session:
                mine = get_story(session, story_id)
            draft = replace(mine.draft(), body=f"{mine.body}\n\n{token}", slug=None)
            try:
                with store.write() as session:
                    saved = save_story(
                        session,
                        story_id,
                        draft,
                        base_version=mine.version,
                        author=f"editor {worker}",
                    )
            except ConflictError:
                results.append({"story": story_id, "token": token, "outcome": "conflict"})
            else:
                results.append(
                    {
                        "story": story_id,
                        "token": token,
                        "outcome": "stored",
                        "version": saved.version,
                    }
                )
    Path(out).write_text(json.dumps(results))


def test_eight_editors_saving_at_once_lose_nothing(pg_server: PgServer, tmp_path: Path) -> None:
    with pg_server.database() as url:
        db = url.render_as_string(hide_password=False)
        media = str(tmp_path / "media")
        with Store.open(resolve(db, media)) as store, store.write() as session:
            ids = [
                create_story(session, StoryDraft(headline=f"Shared story {i}"), author="desk").id
                for i in range(STORIES)
            ]
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(PROCESSES)
        outs = [tmp_path / f"editor-{w}.json" for w in range(PROCESSES)]
        processes = [
            context.Process(target=_editor, args=(db, media, w, ids, str(outs[w]), barrier))
            for w in range(PROCESSES)
        ]
        for p in processes:
            p.start()
        for p in processes:
            p.join(600)
        assert [p.exitcode for p in processes] == [0] * PROCESSES
        results = [r for out in outs for r in json.loads(out.read_text())]

        # every save was answered: stored or refused as a conflict, nothing else
        assert len(results) == PROCESSES * SAVES
        outcomes = Counter(r["outcome"] for r in results)
        assert set(outcomes) <= {"stored", "conflict"}
        assert outcomes["stored"] > 0 and outcomes["conflict"] > 0  # they did fight

        with Store.open(resolve(db, media)) as store, store.read() as session:
            for story_id in ids:
                mine = [r for r in results if r["story"] == story_id]
                stored = [r for r in mine if r["outcome"] == "stored"]
                refused = [r for r in mine if r["outcome"] != "stored"]
                story = get_story(session, story_id)
                history = revisions(session, story_id)
                # the revision count adds up: the first one, then one per stored save
                assert len(history) == 1 + len(stored)
                assert story.version == 1 + len(stored)
                # each stored save made its own version: no two saves overwrote one another
                assert sorted(r["version"] for r in stored) == list(range(2, story.version + 1))
                by_number = {rev.number: rev.draft.body for rev in history}
                lines = story.body.split("\n\n")
                for r in stored:
                    assert by_number[r["version"]].split("\n\n")[-1] == r["token"]
                    assert r["token"] in lines  # and it is still in the story's text
                for r in refused:
                    assert r["token"] not in lines
                    assert all(r["token"] not in b.split("\n\n") for b in by_number.values())
