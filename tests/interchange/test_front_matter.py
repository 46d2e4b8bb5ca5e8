"""The YAML front matter on its own: finding it, reading it safely, and writing it back."""

from __future__ import annotations

import datetime as dt

import pytest

from editordesk.errors import InputError
from editordesk.interchange.front_matter import (
    FrontMatter,
    front_matter_text,
    split_front_matter,
    story_draft,
)
from editordesk.model import RelatedRecord, StoryRecord, StoryStatus


def test_the_body_starts_on_the_line_after_the_closing_fence() -> None:
    front, body, line = split_front_matter("---\ntitle: Pier\n...\nThe tide came in.")
    assert (front, body, line) == ("title: Pier", "The tide came in.", 4)


def test_a_file_without_front_matter_is_all_body() -> None:
    assert split_front_matter("Just words.") == (None, "Just words.", 1)


@pytest.mark.parametrize(
    ("text", "words"),
    [("+++\ntitle = 'Pier'\n+++\n", "TOML"), ("---\ntitle: Pier\n", "never closed")],
)
def test_a_fence_that_cannot_be_read_is_named(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        split_front_matter(text)


def test_an_alias_is_refused_on_its_line() -> None:
    with pytest.raises(InputError, match=r"alias \*a") as caught:
        FrontMatter("base: &a [x]\ncopy: *a\n")
    assert caught.value.line == 3


def test_a_bad_status_names_the_ones_there_are() -> None:
    with pytest.raises(InputError, match=r"unknown status 'gone'.*draft"):
        story_draft(FrontMatter("title: Pier\nstatus: gone\n"), "")


def test_what_is_written_reads_back_as_the_same_fields() -> None:
    moment = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
    story = StoryRecord(
        id=1,
        version=1,
        slug="pier-closed",
        headline="Pier closed: storm\u2028damage",
        standfirst="Engineers say",
        byline="Mara Quinn",
        dateline="PORTHAVEN",
        section="Local",
        tags=("storm", "harbour"),
        status=StoryStatus.EDITING,
        body="",
        publish_time=moment,
        created=moment,
        updated=moment,
        word_count=0,
        related=(RelatedRecord(title="Earlier", url="https://example.org/a", section="News"),),
    )
    draft = story_draft(FrontMatter(front_matter_text(story)), "body")
    assert (draft.headline, draft.standfirst, draft.byline, draft.dateline) == (
        story.headline,
        story.standfirst,
        story.byline,
        story.dateline,
    )
    assert (draft.slug, draft.section, draft.tags, draft.status) == (
        "pier-closed",
        "Local",
        ("storm", "harbour"),
        StoryStatus.EDITING,
    )
    assert draft.publish_time == moment
    assert [(r.title, r.url, r.section) for r in draft.related] == [
        ("Earlier", "https://example.org/a", "News")
    ]
