"""Publishing to a real WordPress on loopback: posts, updates, pictures, refusals, errors."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path

import pytest

from editordesk import cli
from editordesk.media.tweets import TweetRef
from editordesk.model import RelatedRecord, StoryDraft
from editordesk.publish.base import (
    AuthError,
    ForbiddenError,
    PublishError,
    RemoteEditedError,
    RestOffError,
    ServerError,
    TooLargeError,
    UnreachableError,
)
from editordesk.publish.wordpress import WordPress as WordPressTarget
from editordesk.services import publishing as pub
from editordesk.services.stories import get_story, save_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from tests.helpers import snapshot
from tests.publish.conftest import api, make_story
from tests.wordpress import WordPress, free_port


def _name() -> str:
    return "site-" + uuid.uuid4().hex[:8]


def _add(store: Store, wp: WordPress, login: str = "admin", url: str | None = None) -> str:
    name = _name()
    pub.add_site(store, name, url or wp.url, login, wp.password(login))
    return name


def _publish(
    store: Store, story_id: int, site: str, password: str, **kw: object
) -> pub.PublishResult:
    with store.read() as session:
        record = pub.get_site(session, site)
    return pub.publish_story(store, story_id, record, pub.make_target(record, password), **kw)  # type: ignore[arg-type]


def test_adding_a_site_checks_the_password_at_once(store: Store, wp: WordPress) -> None:
    before = snapshot(store)
    with pytest.raises(AuthError, match=r"401"):
        pub.add_site(store, "News", wp.url, "admin", "wrong wrong wrong")
    with pytest.raises(UnreachableError, match="cannot be reached"):
        pub.add_site(store, "News", f"http://127.0.0.1:{free_port()}", "admin", "x")
    assert snapshot(store) == before
    site, who, _ = pub.add_site(store, "News", wp.url + "/", "admin", wp.password())
    assert who == "admin" and site.url == wp.url
    with store.read() as session:
        assert [s.name for s in pub.list_sites(session)] == ["News"]
    pub.remove_site(store, "News")
    with store.read() as session:
        assert pub.list_sites(session) == []


def test_publish_then_publish_again_updates_the_same_post(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    story_id = make_story(store, pictures=2, seed=1, section="Harbour News")
    posts = wp.count("post")
    first = _publish(store, story_id, site, wp.password())
    assert first.created and first.status == "draft" and first.pictures_uploaded == 2
    assert wp.count("post") == posts + 1
    post = api(wp, f"/posts/{first.post_id}?context=edit")
    assert post["title"]["raw"] == "Harbour reopens"
    assert post["excerpt"]["raw"] == "Ships are back."
    assert "By Maria Quay" in post["content"]["raw"]
    media = api(wp, f"/media/{post['featured_media']}?context=edit")
    assert media["source_url"] in post["content"]["raw"]  # the first figure is featured
    assert "Credit: Ana Photo" in media["caption"]["raw"]
    assert media["alt_text"] == "Boats in the harbour 0"
    category = api(wp, f"/categories/{post['categories'][0]}")
    assert category["name"] == "Harbour News"
    assert {api(wp, f"/tags/{t}")["name"] for t in post["tags"]} == {"harbour", "shipping"}

    with store.write() as session:
        story = get_story(session, story_id)
        draft = StoryDraft(
            headline="Harbour reopens at last",
            standfirst=story.standfirst,
            byline=story.byline,
            section=story.section,
            tags=story.tags,
            body=story.body,
        )
        save_story(session, story_id, draft, base_version=story.version, author="T")
    again = _publish(store, story_id, site, wp.password())
    assert (again.post_id, again.created, again.pictures_uploaded) == (first.post_id, False, 0)
    assert wp.count("post") == posts + 1
    assert api(wp, f"/posts/{first.post_id}?context=edit")["title"]["raw"] == (
        "Harbour reopens at last"
    )
    with store.read() as session:
        (where,) = pub.publications(session, story_id)
    assert (where.post_id, where.changed_since) == (first.post_id, False)

    unchanged = _publish(store, story_id, site, wp.password())
    assert unchanged.unchanged and unchanged.pictures_uploaded == 0


def test_a_future_time_schedules_the_post(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3)).replace(microsecond=0)
    story_id = make_story(store, pictures=0, publish_time=when)
    result = _publish(store, story_id, site, wp.password(), status="future")
    post = api(wp, f"/posts/{result.post_id}?context=edit")
    assert post["status"] == "future" == result.status
    assert post["date_gmt"] == when.strftime("%Y-%m-%dT%H:%M:%S")
    past = make_story(store, "No time", pictures=0)
    with pytest.raises(PublishError, match="no publish time in the future"):
        _publish(store, past, site, wp.password(), status="future")


def test_the_same_picture_is_uploaded_once_per_site(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    one = make_story(store, "One", pictures=1, seed=5)
    two = make_story(store, "Two", pictures=1, seed=5)  # the same bytes: the same picture
    media = wp.count("attachment")
    assert _publish(store, one, site, wp.password()).pictures_uploaded == 1
    assert _publish(store, two, site, wp.password()).pictures_uploaded == 0
    assert wp.count("attachment") == media + 1


def test_a_post_edited_on_the_site_is_not_overwritten_unasked(
    store: Store, wp: WordPress, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    site = _add(store, wp)
    story_id = make_story(store, pictures=0)
    first = _publish(store, story_id, site, wp.password())
    api(wp, f"/posts/{first.post_id}", data={"title": "Edited on the site"})
    with pytest.raises(RemoteEditedError, match="edited on the site"):
        _publish(store, story_id, site, wp.password())

    monkeypatch.setenv(pub.PASSWORD_ENV, wp.password())
    db = str(store.location.sqlite_path)
    args = ["publish", str(story_id), "--site", site, "--db", db]
    assert cli.main(args) == cli.EXIT_FAILED
    assert "--overwrite" in capsys.readouterr().err
    assert api(wp, f"/posts/{first.post_id}?context=edit")["title"]["raw"] == "Edited on the site"
    assert cli.main([*args, "--overwrite", "--json"]) == cli.EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    out = json.loads(line)
    assert set(out) == {"story", "site", "post_id", "url", "status", "pictures_uploaded"}
    assert (out["story"], out["site"], out["post_id"]) == (story_id, site, first.post_id)
    assert api(wp, f"/posts/{first.post_id}?context=edit")["title"]["raw"] == "Harbour reopens"


def test_a_wrong_or_revoked_password_says_401(store: Store, wp: WordPress) -> None:
    login = "revokee-" + uuid.uuid4().hex[:6]
    wp.add_user(login)
    site = _add(store, wp, login)
    story_id = make_story(store, pictures=0)
    wp.revoke(login)
    with pytest.raises(AuthError, match=r"refused the user name .* \(401\)"):
        _publish(store, story_id, site, wp.password(login))


def test_an_account_that_may_not_publish_says_403(store: Store, wp: WordPress) -> None:
    site = _add(store, wp, "contrib")
    story_id = make_story(store, pictures=0)
    posts = wp.count("post")
    with pytest.raises(ForbiddenError, match=r"no right to .* \(403\)"):
        _publish(store, story_id, site, wp.password("contrib"), status="publish")
    assert wp.count("post") == posts


def test_the_rest_api_switched_off(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    story_id = make_story(store, pictures=0)
    (wp.content / "rest-off").touch()
    try:
        with pytest.raises(RestOffError, match="REST API"):
            _publish(store, story_id, site, wp.password())
        with pytest.raises(RestOffError):
            pub.check_site("x", wp.url, "admin", wp.password())
    finally:
        (wp.content / "rest-off").unlink()


def test_a_server_error_carries_the_sites_message(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    story_id = make_story(store, pictures=0)
    (wp.content / "fail-5xx").write_text("Error establishing a <b>database</b> connection")
    try:
        with pytest.raises(ServerError, match=r"\(503\).*Error establishing a database connection"):
            _publish(store, story_id, site, wp.password())
    finally:
        (wp.content / "fail-5xx").unlink()


def test_an_unreachable_site_and_a_half_done_upload_never_duplicate(
    store: Store, wp: WordPress
) -> None:
    """A picture too large for the site stops before the post; the site going away half-way
    stops too; the retry uploads only what is missing and makes one post."""
    port = free_port()
    small = wp.serve(port, upload_max_filesize="20K", post_max_size="8M")
    site = _add(store, wp, url=small.url)
    story_id = make_story(store, pictures=0, seed=9)
    with store.write() as session:  # a small picture, then one too large for this server
        from editordesk.model import ImageFields
        from editordesk.services.images import add_image
        from tests.helpers import image_bytes

        a = add_image(
            session,
            store.media,
            image_bytes(size=(40, 40)),
            "small.png",
            ImageFields(credit="A", alt_text="small"),
        )
        b = add_image(
            session,
            store.media,
            image_bytes("PNG", size=(400, 400), color=(1, 2, 3)) + bytes(60_000),
            "large.png",
            ImageFields(credit="B", alt_text="large"),
        )
        story = get_story(session, story_id)
        draft = StoryDraft(
            headline=story.headline,
            byline=story.byline,
            body=f'Words.\n\n{{{{< figure image="{a.id}" >}}}}\n\n'
            f'{{{{< figure image="{b.id}" >}}}}',
        )
        save_story(session, story_id, draft, base_version=story.version, author="T")
    posts, media = wp.count("post"), wp.count("attachment")
    with pytest.raises(TooLargeError, match="too large for the site"):
        _publish(store, story_id, site, wp.password())
    assert (wp.count("post"), wp.count("attachment")) == (posts, media + 1)

    small.stop()
    with pytest.raises(UnreachableError, match="cannot be reached"):
        _publish(store, story_id, site, wp.password())

    wp.serve(port)  # the same address again, with the usual limits
    result = _publish(store, story_id, site, wp.password())
    assert result.created and result.pictures_uploaded == 1
    assert (wp.count("post"), wp.count("attachment")) == (posts + 1, media + 2)
    again = _publish(store, story_id, site, wp.password())
    assert again.post_id == result.post_id and wp.count("post") == posts + 1


def test_a_redirected_post_is_one_sentence_and_nothing_is_made(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    story_id = make_story(store, "Moved", pictures=0)
    posts = wp.count("post")
    before = snapshot(store)
    (wp.content / "moved").touch()
    try:
        with pytest.raises(PublishError, match="something other than the item asked for"):
            _publish(store, story_id, site, wp.password())
    finally:
        (wp.content / "moved").unlink()
    assert wp.count("post") == posts
    assert snapshot(store) == before


def test_a_post_sent_without_an_answer_is_found_not_made_twice(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    story_id = make_story(store, "Slow answer", pictures=0)
    with store.read() as session:
        record = pub.get_site(session, site)
    posts = wp.count("post")
    (wp.content / "slow-posts").touch()
    try:
        impatient = WordPressTarget(record.site(), wp.password(), timeout=1.0)
        with pytest.raises(UnreachableError, match="did not answer within 1 s"):
            pub.publish_story(store, story_id, record, impatient)
    finally:
        (wp.content / "slow-posts").unlink()
    assert wp.count("post") == posts + 1  # the site made it; we never heard
    with store.read() as session:
        assert pub.publications(session, story_id) == []
    result = _publish(store, story_id, site, wp.password())
    assert not result.created
    assert wp.count("post") == posts + 1
    with store.read() as session:
        assert [p.post_id for p in pub.publications(session, story_id)] == [result.post_id]


HOSTILE = (
    "Before.\n\n<script>alert('body')</script>\n\n"
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">click</a>\n\n'
    '<iframe src="https://evil.example"></iframe><p onclick="alert(3)">para</p>\n\n'
    "[link](javascript:alert(4))\n\n"
    '<svg onload="alert(5)"></svg><style>body{display:none}</style>\n\n'
    '{{< x user="EllanCoast" id="1860000000000000042" >}}'
)
# A live element, or an event handler or javascript: address inside a tag (escaped text that
# merely shows such words is harmless and expected).
ACTIVE = re.compile(
    r"<(script|iframe|svg|style|object|embed)\b|<[^>]*(\son\w+\s*=|javascript:)", re.I
)


def test_nothing_executable_reaches_the_post(store: Store, wp: WordPress, tmp_path: Path) -> None:
    site = _add(store, wp)
    with store.write() as session:  # the tweet as the desk recorded it, script and all
        put_tweet(
            session,
            TweetRef("1860000000000000042", "EllanCoast"),
            display_name="<b>Coastguard</b>",
            text="Keep away <script>alert(9)</script> from the pier.",
        )
    story_id = make_story(
        store,
        "<script>alert('headline')</script> Harbour",
        pictures=1,
        seed=13,
        standfirst='<img src=x onerror="alert(6)">',
        byline="<script>alert(7)</script>",
        body=HOSTILE,
    )
    templates = tmp_path / "desk"
    (templates / "partials").mkdir(parents=True)
    (templates / "fragment.html").write_text(
        '<div onclick="alert(8)">{{ body }}</div><script>alert("template")</script>'
    )
    result = _publish(store, story_id, site, wp.password(), template_dir=templates)
    post = api(wp, f"/posts/{result.post_id}?context=edit")
    for text in (post["title"]["raw"], post["excerpt"]["raw"], post["content"]["raw"]):
        assert not ACTIVE.search(text), text
    assert "&lt;script&gt;" in post["title"]["raw"]
    assert "para" in post["content"]["raw"] and "click" in post["content"]["raw"]
    assert 'class="twitter-tweet"' in post["content"]["raw"]  # the tweet reads, offline
    assert "Keep away" in post["content"]["raw"]


def test_related_stories_link_to_their_posts_on_the_site(store: Store, wp: WordPress) -> None:
    site = _add(store, wp)
    first = make_story(store, "Pier closes", pictures=0)
    later = make_story(store, "Pier repairs", pictures=0)
    published = _publish(store, first, site, wp.password(), status="publish")
    with store.read() as session:
        slug_first, slug_later = (get_story(session, i).slug for i in (first, later))
    story_id = make_story(
        store,
        "Pier reopens",
        pictures=0,
        related=(
            RelatedRecord(title="Pier closes", story_id=first, story_slug=slug_first),
            RelatedRecord(title="Pier repairs", story_id=later, story_slug=slug_later),
        ),
    )
    result = _publish(store, story_id, site, wp.password())
    content = api(wp, f"/posts/{result.post_id}?context=edit")["content"]["raw"]
    assert f'href="{published.url}"' in content
    assert f'href="{wp.url}/?name={slug_later}"' in content
    assert ".html" not in content
