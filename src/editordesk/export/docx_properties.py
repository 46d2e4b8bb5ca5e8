"""A story's fields as the Word document's properties: the core ones (File > Properties) a
newsroom system or a search reads without opening it, and the custom ones an import reads back."""

from __future__ import annotations

import datetime as dt
import json

from docx.document import Document

from editordesk.export.docx_format import NOT_XML, xml_text
from editordesk.export.docx_package import set_custom_properties
from editordesk.model import StoryRecord
from editordesk.ooxml.names import STORY_PROPERTIES as PROP

_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core properties


def story_properties(story: StoryRecord) -> dict[str, str]:
    """The story's fields as the custom properties an import reads back: everything the
    page shows in a form Word would round off (the dateline beside the date, the related
    links' dates and sections) or has no place for (slug, status, the exact publish time)."""
    related = [
        {k: v for k, v in link.as_dict().items() if k != "story_id" and v not in (None, "")}
        for link in story.related
    ]
    values = {
        PROP.GENERATOR: "EditorDesk",
        PROP.HEADLINE: story.headline,
        PROP.STANDFIRST: story.standfirst,
        PROP.BYLINE: story.byline,
        PROP.DATELINE: story.dateline,
        PROP.SECTION: story.section,
        PROP.SLUG: story.slug,
        PROP.STATUS: story.status.value,
        PROP.PUBLISH_TIME: story.publish_time.isoformat() if story.publish_time else "",
        PROP.TAGS: json.dumps(list(story.tags), ensure_ascii=False),
        PROP.RELATED: json.dumps(related, ensure_ascii=False),
    }
    return {name: NOT_XML.sub("", value) for name, value in values.items()}


def set_story_properties(document: Document, story: StoryRecord) -> None:
    """File > Properties: what a newsroom system or a search reads without opening it."""
    props = document.core_properties
    props.title = _core_text(story.headline)
    props.subject = _core_text(story.section)
    props.author = props.last_modified_by = _core_text(story.byline)
    props.keywords = _core_text(", ".join(story.tags))
    props.comments = _core_text(story.standfirst)
    props.category = ""
    props.identifier = _core_text(story.slug)
    props.content_status = story.status.value
    props.created = _utc(story.publish_time or story.updated)
    props.modified = _utc(story.updated)
    props.revision = max(story.version, 1)
    set_custom_properties(document, story_properties(story))


def _utc(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time, which is what python-docx writes into core properties."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _core_text(text: str) -> str:
    text = " ".join(xml_text(text).split())
    if len(text) > _CORE_TEXT_LIMIT:
        text = text[: _CORE_TEXT_LIMIT - 1] + "…"
    return text
