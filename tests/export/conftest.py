"""The realistic story every export test shares: headings, lists, emphasis, links, two figures
with credits, a tweet and three related links, imported the way an editor would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editordesk.document.nodes import Article
from editordesk.document.parse import build_article
from editordesk.services.exporting import load_bundle
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from tests.helpers import write_image

GOLDEN = Path(__file__).parent.parent / "_fixtures" / "golden"
REFERENCE = Path(__file__).parent.parent / "_reference"


def write_golden_story(folder: Path) -> Path:
    """The golden story's .md and its two pictures (drawn the same every time)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GOLDEN / "story.md", folder / "story.md")
    write_image(folder / "pier.jpg", size=(1600, 1000), color=(60, 80, 100))
    write_image(folder / "timetable.png", size=(800, 1200), color=(230, 230, 220))
    return folder / "story.md"


@pytest.fixture
def golden_article(store: Store, tmp_path: Path) -> Article:
    [result] = import_files(store, [write_golden_story(tmp_path / "golden")], author="Ana Ruiz")
    assert result.story is not None, result.error
    with store.read() as session:
        bundle = load_bundle(session, result.story.id)
    return build_article(bundle.story, bundle.images, bundle.tweets)
