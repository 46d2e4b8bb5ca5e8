"""Publishing use cases that need no site: names, passwords, where stories are published,
an unreachable site leaving the store as it was, and old stores gaining the tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect

from editordesk.errors import NotFoundError, ValidationError
from editordesk.model import StoryDraft
from editordesk.publish.base import UnreachableError
from editordesk.services import publishing as pub
from editordesk.services.stories import create_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import PublishedPost, PublishSite
from tests.helpers import snapshot
from tests.wordpress import free_port

FIXTURES = Path(__file__).parent.parent / "_fixtures"


def _site(store: Store, name: str = "News", url: str = "http://127.0.0.1:9") -> pub.SiteRecord:
    """A site row as add_site leaves it (add_site itself asks the site first)."""
    with store.write() as session:
        session.add(PublishSite(name=name, kind="wordpress", url=url, user="ed", settings={}))
    with store.read() as session:
        return pub.get_site(session, name)


def _story(store: Store) -> int:
    with store.write() as session:
        draft = StoryDraft(headline="Quay", byline="By A", body="Words.")
        return create_story(session, draft, author="T").id


def test_site_names_are_checked_and_unique(store: Store) -> None:
    _site(store)
    with pytest.raises(ValidationError, match="already"):
        pub.add_site(store, " News ", "http://127.0.0.1:9", "ed", "pw")
    for bad, why in (("  ", "needs a name"), ("a\x1bb", "control"), ("x" * 101, "at most")):
        with pytest.raises(ValidationError, match=why):
            pub.add_site(store, bad, "http://127.0.0.1:9", "ed", "pw")
    with pytest.raises(pub.PublishError, match="not a web address"):
        pub.check_site("Other", "ftp://example.com", "ed", "pw")
    with store.read() as session, pytest.raises(NotFoundError, match="sites: News"):
        pub.get_site(session, "Nope")


def test_the_password_comes_from_the_environment_or_is_asked_for(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(store)
    monkeypatch.delenv(pub.PASSWORD_ENV, raising=False)
    if not pub.keyring_available():
        with pytest.raises(
            ValidationError, match=f"no password for the site News.*{pub.PASSWORD_ENV}"
        ):
            pub.password_for(site)
        assert pub.save_password(site.url, site.user, "pw") is False
    monkeypatch.setenv(pub.PASSWORD_ENV, "from-env")
    assert pub.password_for(site) == "from-env"


def test_an_unreachable_site_leaves_the_store_as_it_was(store: Store) -> None:
    site = _site(store, url=f"http://127.0.0.1:{free_port()}")
    story_id = _story(store)
    before = snapshot(store)
    (outcome,) = pub.publish_stories(store, [story_id], "News", "pw")
    assert outcome.result is None and "cannot be reached" in (outcome.error or "")
    with pytest.raises(UnreachableError):
        pub.publish_story(store, story_id, site, pub.make_target(site, "pw"))
    assert snapshot(store) == before


def test_where_a_story_is_published_and_changed_since(store: Store) -> None:
    site = _site(store)
    story_id = _story(store)
    with store.write() as session:
        version = get_story(session, story_id).version
        session.add(
            PublishedPost(
                story_id=story_id,
                site_id=site.id,
                post_id=7,
                url="http://127.0.0.1:9/quay/",
                status="publish",
                remote_modified="r",
                fingerprint="f",
                story_version=version,
            )
        )
    with store.read() as session:
        (where,) = pub.publications(session, story_id)
        assert (where.site, where.post_id, where.changed_since) == ("News", 7, False)
        assert pub.published_story_ids(session, "News") == {story_id}
    with store.write() as session:
        story = get_story(session, story_id)
        draft = StoryDraft(headline="Quay again", byline="By A", body="Words.")
        save_story(session, story_id, draft, base_version=story.version, author="T")
    with store.read() as session:
        assert pub.publications(session, story_id)[0].changed_since
    pub.remove_site(store, "News")
    with store.read() as session:
        assert pub.publications(session, story_id) == []


def test_an_old_store_gains_the_publishing_tables(tmp_path: Path, engine_name: str) -> None:
    if engine_name != "sqlite":
        pytest.skip("the old-store fixtures are SQLite files")
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "store-0003.sqlite", old)
    with Store.open(resolve(str(old))) as store, store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert {"publish_sites", "published_posts", "published_media"} <= tables
        with store.read() as session:
            assert pub.list_sites(session) == []
