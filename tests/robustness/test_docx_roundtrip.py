"""Word both ways: a generated story using every node, exported to .docx, imported and exported
again, is the same story (fields, related links, tweets, pictures) and the same document.

Bounded for CI by the Hypothesis profile `EDITORDESK_HYPOTHESIS` names (`ci` by default,
`thorough` for a night run), as tests/robustness/test_properties.py is.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from editordesk.document.parse import parse_body
from editordesk.export.registry import ExportOptions
from editordesk.media.tweets import TweetRef
from editordesk.model import ImageFields, RelatedRecord, StoryDraft, StoryStatus
from editordesk.services.exporting import export_stories, load_bundle
from editordesk.services.images import add_image
from editordesk.services.importing import import_files
from editordesk.services.stories import create_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.helpers import image_bytes

pytestmark = pytest.mark.slow

settings.register_profile(
    "docx-ci",
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "docx-thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = settings.get_profile(f"docx-{os.environ.get('EDITORDESK_HYPOTHESIS', 'ci')}")

# ---------------------------------------------------------------- generated stories

word = st.from_regex(r"[a-z]{1,8}", fullmatch=True)
words = st.lists(word, min_size=1, max_size=6).map(" ".join)
line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).map(
    lambda t: " ".join(t.split())
)
inline = st.one_of(
    words,
    words.map(lambda w: f"*{w}*"),
    words.map(lambda w: f"**{w}**"),
    words.map(lambda w: f"~~{w}~~"),
    words.map(lambda w: f"`{w}`"),
    words.map(lambda w: f"[{w}](https://example.org/{w.replace(' ', '-')})"),
    words.map(lambda w: f"[{w}](#ANCHOR)"),
    st.just("NOTE"),
    words.map(lambda w: f"![{w}](https://example.org/{w.replace(' ', '')}.png)"),
)
paragraph = st.lists(inline, min_size=1, max_size=5).map(" ".join)
cell = st.one_of(words, words.map(lambda w: f"**{w}**"), words.map(lambda w: f"~~{w}~~"))


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 3))
    aligns = draw(
        st.lists(
            st.sampled_from(["---", ":---", ":---:", "---:"]), min_size=columns, max_size=columns
        )
    )
    rows = draw(
        st.lists(st.lists(cell, min_size=columns, max_size=columns), min_size=1, max_size=3)
    )
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join(aligns) + " |")
    return "\n".join(lines)


block = st.one_of(
    paragraph,
    st.tuples(st.integers(1, 3), words).map(lambda h: "#" * h[0] + " " + h[1]),
    st.lists(words, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(words, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
    ),
    words.map(lambda w: f"> {w}"),
    words.map(lambda w: f"```\n{w}\n```"),
    st.just("***"),
    table(),
    st.just("FIGURE"),
    st.just("TWEET"),
)
related = st.builds(
    RelatedRecord,
    title=words,
    url=words.map(lambda w: f"https://example.org/{w.replace(' ', '/')}"),
    date=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)),
    section=st.just("") | words,
    excerpt=st.just("") | words,
)
fields = st.fixed_dictionaries(
    {
        "headline": words,
        "standfirst": st.just("") | line,
        "byline": st.just("") | words.map(str.title),
        "dateline": st.just("") | line,
        "section": st.just("") | line,
        "tags": st.lists(words, max_size=3).map(tuple),
        "status": st.sampled_from(list(StoryStatus)),
        "publish_time": st.none()
        | st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1), timezones=st.just(dt.UTC)),
        "related": st.lists(related, max_size=3).map(tuple),
    }
)


def _body(blocks: list[str], figure: int, tweet: TweetRef) -> str:
    """The blocks as a body: placeholders filled in, each NOTE a footnote with its text."""
    body = "\n\n".join(blocks)
    body = body.replace("FIGURE", f'{{{{< figure image="{figure}" >}}}}')
    body = body.replace("TWEET", f'{{{{< x user="{tweet.handle}" id="{tweet.status_id}" >}}}}')
    notes: list[str] = []

    def note(_: re.Match[str]) -> str:
        notes.append(f"[^{len(notes) + 1}]: Note {len(notes) + 1} with *words*.")
        return f"[^{len(notes)}]"

    body = re.sub(r"NOTE", note, body)
    anchors = [
        b.anchor
        for b in parse_body(body.replace("#ANCHOR", "https://example.org/")).children
        if getattr(b, "anchor", "")
    ]
    body = body.replace("#ANCHOR", f"#{anchors[0]}" if anchors else "https://example.org/a")
    return body + ("\n\n" + "\n\n".join(notes) if notes else "") + "\n"


# ---------------------------------------------------------------- comparing

FORCE = ExportOptions(force=True)  # preflight's findings (no credit...) are not the point here


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(path: Path, member: str) -> list[tuple[str, str, int]]:
    """Each paragraph of one part of a .docx: its style, its words, how many footnote marks
    and bookmarks it holds (runs and links may be drawn differently: a space between two
    italic words takes their italic on the way back)."""
    with zipfile.ZipFile(path) as archive:
        if member not in archive.namelist():
            return []
        root = etree.fromstring(archive.read(member))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        marks = sum(
            1 for tag in ("footnoteReference", "bookmarkStart") for _ in p.iter(f"{W}{tag}")
        )
        words = "".join(t.text or "" for t in p.iter(f"{W}t"))
        out.append((style.get(f"{W}val") if style is not None else "", words, marks))
    return out


def _story(store: Store, story_id: int) -> dict[str, object]:
    with store.read() as session:
        bundle = load_bundle(session, story_id)
    s = bundle.story
    return {
        "fields": (
            s.headline,
            s.standfirst,
            s.byline,
            s.dateline,
            s.section,
            s.tags,
            s.status,
            s.publish_time,
            s.slug,
        ),
        "related": tuple((r.title, r.url, r.date, r.section, r.excerpt) for r in s.related),
        "images": sorted((i.sha256, i.fields) for i in bundle.images.values()),
        "tweets": sorted(
            (t.status_id, t.handle, t.display_name, t.text, t.posted)
            for t in bundle.tweets.values()
        ),
    }


@settings(PROFILE)
@given(fields, st.lists(block, min_size=1, max_size=10), words, st.booleans())
def test_a_story_through_word_and_back_is_the_same_story(
    meta: dict[str, object], blocks: list[str], tweet_text: str, tweet_known: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with (
            Store.open(resolve(str(root / "a.sqlite"))) as first,
            Store.open(resolve(str(root / "b.sqlite"))) as second,
        ):
            tweet = TweetRef(status_id="1861000000000000042", handle="EllanCoast")
            with first.write() as session:
                image = add_image(
                    session,
                    first.media,
                    image_bytes("PNG", size=(40, 30), color=(10, 20, 30)),
                    "pier.png",
                    ImageFields(caption="The pier", credit="Desk", alt_text="A pier"),
                )
                if tweet_known:
                    put_tweet(
                        session,
                        tweet,
                        display_name="Coastguard",
                        text=tweet_text,
                        posted=dt.date(2026, 11, 20),
                    )
                draft = StoryDraft(body=_body(blocks, image.id, tweet), **meta)  # type: ignore[arg-type]
                story = create_story(session, draft, author="t")
            [one] = export_stories(first, [story.id], "docx", root / "one", FORCE)
            assert one.path is not None, one.error
            [back] = import_files(second, [one.path], author="t")
            assert back.story is not None, back.error
            assert back.report == ""
            assert _story(second, back.story.id) == _story(first, story.id)
            [two] = export_stories(second, [back.story.id], "docx", root / "two", FORCE)
            assert two.path is not None, two.error
            for member in ("word/document.xml", "word/footnotes.xml"):
                assert _paragraphs(two.path, member) == _paragraphs(one.path, member), member
            with zipfile.ZipFile(one.path) as a, zipfile.ZipFile(two.path) as b:
                assert a.read("docProps/custom.xml") == b.read("docProps/custom.xml")
            with Store.open(resolve(str(root / "c.sqlite"))) as third:
                [again] = import_files(third, [two.path], author="t")
                assert again.story is not None, again.error
                assert _story(third, again.story.id) == _story(first, story.id)
                assert again.story.body == back.story.body
