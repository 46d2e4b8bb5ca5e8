"""A story's fields as the Word document's core and custom properties."""

from __future__ import annotations

import datetime as dt
import json

import docx

from editordesk.export.docx_properties import set_story_properties, story_properties
from editordesk.model import RelatedRecord, StoryRecord, StoryStatus
from editordesk.ooxml.names import STORY_PROPERTIES as PROP

_WHEN = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _story(**changes: object) -> StoryRecord:
    fields: dict[str, object] = {
        "id": 4,
        "version": 3,
        "slug": "pier",
        "headline": "Pier closed",
        "standfirst": "Engineers say",
        "byline": "Mara Quinn",
        "dateline": "PORTHAVEN",
        "section": "Local",
        "tags": ("storm",),
        "status": StoryStatus.READY,
        "body": "",
        "publish_time": _WHEN,
        "created": _WHEN,
        "updated": _WHEN,
        "word_count": 0,
        "related": (RelatedRecord(title="Earlier", url="https://example.org/a"),),
    }
    fields.update(changes)
    return StoryRecord(**fields)  # type: ignore[arg-type]


def test_custom_properties_carry_what_word_has_no_place_for() -> None:
    values = story_properties(_story(dateline="PORT\x01HAVEN"))
    assert values[PROP.SLUG] == "pier"
    assert values[PROP.STATUS] == "ready"
    assert values[PROP.DATELINE] == "PORTHAVEN"  # XML cannot carry the control character
    assert values[PROP.PUBLISH_TIME] == _WHEN.isoformat()
    assert json.loads(values[PROP.TAGS]) == ["storm"]
    assert json.loads(values[PROP.RELATED]) == [
        {"title": "Earlier", "url": "https://example.org/a"}
    ]


def test_core_properties_are_short_text_and_times_in_utc() -> None:
    document = docx.Document()
    set_story_properties(document, _story(headline="word " * 100))
    props = document.core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert props.created == dt.datetime(2026, 11, 27, 7, 30, tzinfo=dt.UTC)  # 09:30 at +02:00
    assert (props.author, props.identifier, props.revision) == ("Mara Quinn", "pier", 3)
