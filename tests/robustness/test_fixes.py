"""Fixes the bad-input catalogue found that are not rows of it (docs/bad-input.md, "Found and
fixed beside the table")."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from editordesk import settings as prefs
from editordesk.errors import ValidationError
from editordesk.media.images import inspect_image
from editordesk.media.thumbnails import thumbnail
from editordesk.media.tweets import TweetRef
from editordesk.model import ImageFields
from editordesk.services.exporting import ExportOptions, Outcome, export_stories
from editordesk.services.images import add_image
from editordesk.services.importing import import_files
from editordesk.services.library import import_image_file
from editordesk.services.stories import (
    RelatedRecord,
    StoryDraft,
    count_stories,
    create_story,
    get_story,
)
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.helpers import image_bytes, write_harbour


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_exported_files_and_media_are_readable_as_the_umask_says(
    store: Store, tmp_path: Path
) -> None:
    [result] = import_files(store, [write_harbour(tmp_path / "in")], author="E")
    assert result.story is not None
    expected = 0o666 & ~_umask()
    for fmt in ("html", "docx", "md"):
        [done] = export_stories(
            store, [result.story.id], fmt, tmp_path / f"out-{fmt}", ExportOptions(force=True)
        )
        assert done.outcome is Outcome.EXPORTED, done.error
    written = [p for p in tmp_path.glob("out-*/**/*") if p.is_file()]
    written += [p for p in store.location.media_dir.rglob("*") if p.is_file()]
    assert len(written) >= 5
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_a_replaced_file_keeps_its_mode_and_the_settings_file_stays_private(
    store: Store, tmp_path: Path
) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Modes", byline="M"), author="E")
    target = tmp_path / "page.html"
    target.write_text("old")
    target.chmod(0o640)
    [done] = export_stories(store, [story.id], "html", target, ExportOptions(force=True))
    assert done.outcome is Outcome.EXPORTED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    path = tmp_path / "config" / "settings.yaml"
    prefs.save(prefs.Settings(store="postgresql://desk:secret@db/news"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_100_megapixel_photo_is_not_taken_for_a_bomb(store: Store, tmp_path: Path) -> None:
    picture = tmp_path / "gfx100.png"
    buf = io.BytesIO()
    Image.new("1", (11648, 8736)).save(buf, "PNG")  # a 102-megapixel frame
    picture.write_bytes(buf.getvalue())
    assert inspect_image(picture.read_bytes()).width == 11648
    with store.write() as session:
        record = import_image_file(session, store.media, picture)
    assert thumbnail(store.media, record.path, record.sha256).is_file()


def test_unshowable_characters_are_dropped_on_save(store: Store) -> None:
    draft = StoryDraft(
        headline="Lone \ud800 surrogate and NUL \x00",
        byline="A\x07B",
        tags=("t\x00ag",),
        body="Line one\x0bline two \ufffe\x1b[0m done.",
    )
    with store.write() as session:
        story = create_story(session, draft, author="E")
    with store.read() as session:
        saved = get_story(session, story.id)
    assert saved.headline == "Lone surrogate and NUL"
    assert saved.byline == "AB" and saved.tags == ("tag",)
    assert saved.body == "Line oneline two [0m done."


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_text_longer_than_its_column_is_refused_in_words_on_both_engines(
    engine: str, tmp_path: Path
) -> None:
    """PostgreSQL refused a 400-character byline with a raw database error (SQLite kept it)."""
    if engine == "sqlite":
        location = resolve(str(tmp_path / "s.sqlite"))
        context: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    else:
        from tests import pg

        try:
            server = pg.server()
        except pg.NoServer as exc:
            pytest.skip(str(exc))
        context = server.database()
    with context as url:
        if url is not None:
            location = resolve(url.render_as_string(hide_password=False), str(tmp_path / "m"))
        with Store.open(location) as store:
            attempts: list[tuple[Any, str]] = [
                (
                    lambda s: create_story(
                        s, StoryDraft(headline="H", byline="B" * 400), author="E"
                    ),
                    "the story's byline is 400 characters long; it may have up to 300",
                ),
                (
                    lambda s: create_story(
                        s,
                        StoryDraft(
                            headline="H",
                            related=(RelatedRecord(title="T", url="https://e.org/" + "a" * 3000),),
                        ),
                        author="E",
                    ),
                    "related link 1's url is 3,014 characters long; it may have up to 2,000",
                ),
                (
                    lambda s: add_image(
                        s, store.media, image_bytes(), "p.jpg", ImageFields(credit="C" * 600)
                    ),
                    "the picture's credit is 600 characters long; it may have up to 500",
                ),
                (
                    lambda s: create_story(s, StoryDraft(headline="H"), author="A" * 301),
                    "the revision's author is 301 characters long; it may have up to 300",
                ),
            ]
            for attempt, message in attempts:
                with pytest.raises(ValidationError, match=re.escape(message)), store.write() as s:
                    attempt(s)
            with store.read() as session:
                assert count_stories(session) == 0
            with store.write() as session:  # a tweet's long name is clipped, never refused
                tweet = put_tweet(session, TweetRef("1", "desk"), display_name="N" * 400)
            assert tweet.display_name == "N" * 300


def _race(store: Store, act: Callable[[Any], Any]) -> tuple[Any, Any]:
    """Two editors do `act` at the same moment on a PostgreSQL store: the first has inserted
    and not yet committed when the second inserts (and waits on the unique index)."""
    inserted, release = threading.Event(), threading.Event()
    results: dict[str, Any] = {}

    def first() -> None:
        with store.write() as session:
            results["first"] = act(session)
            inserted.set()
            release.wait()

    def second() -> None:
        try:
            with store.write() as session:
                results["second"] = act(session)
        except Exception as exc:
            results["second"] = exc

    one = threading.Thread(target=first)
    one.start()
    inserted.wait()
    two = threading.Thread(target=second)
    two.start()
    with store.engine.connect() as watcher:  # until the second waits on the first's lock
        for _ in range(6000):
            waiting = watcher.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).scalar()
            if waiting or not two.is_alive():
                break
            threading.Event().wait(0.01)
    release.set()
    one.join()
    two.join()
    return results["first"], results["second"]


@pytest.mark.slow
def test_two_editors_adding_the_same_thing_at_once_on_postgresql(tmp_path: Path) -> None:
    """Both looked, found nothing and inserted: the second got a raw UniqueViolation."""
    from tests import pg

    try:
        server = pg.server()
    except pg.NoServer as exc:
        pytest.skip(str(exc))
    with server.database() as url:
        location = resolve(url.render_as_string(hide_password=False), str(tmp_path / "m"))
        with Store.open(location) as store:
            data = image_bytes(color=(1, 2, 3))
            a, b = _race(store, lambda s: add_image(s, store.media, data, "same.jpg"))
            assert a.id == b.id  # one picture, both imports use it

            a, b = _race(store, lambda s: put_tweet(s, TweetRef("77", "desk"), text="Hi"))
            assert a.status_id == b.status_id == "77"

            a, b = _race(
                store,
                lambda s: create_story(
                    s, StoryDraft(headline="Same headline"), author="E", strict_slug=False
                ),
            )
            assert (a.slug, b.slug) == ("same-headline", "same-headline-2")

            a, b = _race(
                store, lambda s: create_story(s, StoryDraft(headline="H", slug="taken"), author="E")
            )
            assert a.slug == "taken"
            assert isinstance(b, ValidationError) and "was taken by another story" in str(b)
            with store.read() as session:
                assert count_stories(session) == 3
