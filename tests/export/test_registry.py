"""The formats by name: what each writes, where, and how a new one joins them."""

from __future__ import annotations

from pathlib import Path

import pytest

from editordesk.errors import ValidationError
from editordesk.export import registry
from editordesk.export.registry import (
    FORMATS,
    ExportOptions,
    Format,
    StoryBundle,
    get_format,
    register,
    target_for,
)
from editordesk.media.folder import MediaFolder
from editordesk.model import StoryDraft
from editordesk.services.exporting import Outcome, export_stories
from editordesk.services.stories import create_story
from editordesk.store.db import Store


def test_the_three_formats_and_what_guards_them() -> None:
    assert {name: (f.suffix, f.checked) for name, f in FORMATS.items()} == {
        "html": (".html", True),
        "docx": (".docx", True),
        "md": (".md", False),
    }
    assert get_format("docx") is FORMATS["docx"]
    with pytest.raises(
        ValidationError, match=r"unknown export format 'odt'; use one of html, docx, md"
    ):
        get_format("odt")


def test_where_a_story_goes(store: Store) -> None:
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Quay reopens"), author="T")
    out = Path("/exports")
    assert target_for(FORMATS["html"], story, out, single=False) == out / "quay-reopens.html"
    assert target_for(FORMATS["md"], story, out, single=False) == out / "quay-reopens/index.md"
    one = Path("/exports/page.HTML")
    assert target_for(FORMATS["html"], story, one, single=True) == one
    assert target_for(FORMATS["docx"], story, one, single=True) == one / "quay-reopens.docx"


def test_a_registered_format_is_what_the_export_service_uses(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "FORMATS", dict(FORMATS))

    def write_text(
        bundle: StoryBundle, media: MediaFolder, target: Path, options: ExportOptions
    ) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bundle.story.headline + "\n", encoding="utf-8")
        return target

    register(Format("txt", ".txt", write_text, checked=False))
    with store.write() as session:
        story = create_story(session, StoryDraft(headline="Quay reopens"), author="T")
    [result] = export_stories(store, [story.id], "txt", tmp_path / "out")
    assert result.outcome is Outcome.EXPORTED
    assert (tmp_path / "out" / "quay-reopens.txt").read_text() == "Quay reopens\n"
