"""The value types every layer shares (model.py): drafts through JSON and back, a record's
editable fields, and a list row as the command line prints it."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import editordesk.model
from editordesk.model import (
    RelatedRecord,
    StoryDraft,
    StoryRecord,
    StoryStatus,
    StorySummary,
    draft_from_dict,
    draft_to_dict,
)

MOMENT = dt.datetime(2026, 11, 24, 6, 30, tzinfo=dt.UTC)
DRAFT = StoryDraft(
    headline="Ferry cut to two sailings",
    standfirst="Councillors want it reviewed.",
    byline="Ana Ruiz",
    dateline="KILMORE",
    section="Transport",
    tags=("ferry", "islands"),
    status=StoryStatus.READY,
    body="The ferry will sail *twice* a day.",
    publish_time=MOMENT,
    slug="ferry-cut",
    related=(
        RelatedRecord(title="Crew shortage", url="https://example.org/crew", section="Transport"),
        RelatedRecord(
            title="Letters", story_id=4, story_slug="letters", date=dt.date(2026, 11, 20)
        ),
    ),
)


def test_a_draft_goes_through_json_and_back_unchanged() -> None:
    data = json.loads(json.dumps(draft_to_dict(DRAFT)))
    assert draft_from_dict(data) == DRAFT
    assert draft_from_dict({}) == StoryDraft()


def test_internal_links_are_those_naming_a_story() -> None:
    assert [link.is_internal for link in DRAFT.related] == [False, True]


def test_a_records_draft_is_its_editable_fields() -> None:
    record = StoryRecord(
        id=7,
        version=3,
        slug="ferry-cut",
        headline=DRAFT.headline,
        standfirst=DRAFT.standfirst,
        byline=DRAFT.byline,
        dateline=DRAFT.dateline,
        section=DRAFT.section,
        tags=DRAFT.tags,
        status=DRAFT.status,
        body=DRAFT.body,
        publish_time=DRAFT.publish_time,
        created=MOMENT,
        updated=MOMENT,
        word_count=7,
        related=DRAFT.related,
    )
    assert record.draft() == DRAFT


def test_a_list_row_as_json() -> None:
    row = StorySummary(
        7,
        "Ferry cut",
        "ferry-cut",
        StoryStatus.EDITING,
        "Transport",
        "Ana Ruiz",
        ("ferry",),
        MOMENT,
        None,
        812,
    )
    assert row.as_json() == {
        "id": 7,
        "headline": "Ferry cut",
        "slug": "ferry-cut",
        "status": "editing",
        "section": "Transport",
        "byline": "Ana Ruiz",
        "tags": ["ferry"],
        "updated": "2026-11-24T06:30:00+00:00",
        "publish_time": None,
        "words": 812,
    }


def test_the_base_imports_nothing_of_ours() -> None:
    tree = ast.parse(Path(editordesk.model.__file__).read_text(encoding="utf-8"))
    ours = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("editordesk")
    ]
    ours += [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("editordesk")
    ]
    assert ours == []
