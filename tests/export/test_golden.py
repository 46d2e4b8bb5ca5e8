"""Golden files: every writer's output for three stories that between them use every node.

The stories are built the way a desk builds them (two .md files imported, one written in the
store's own form with a picture missing, a tweet never recorded and a shortcode nobody knows)
and exported as `editordesk export` runs it. Each output is compared with its reference file
in tests/_reference/<slug>/.

To accept a deliberate change, regenerate the files and read the diff before committing:

    python -m pytest tests/export --update-golden
    git diff tests/_reference
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import typing
from pathlib import Path

import pytest

from editordesk.cli import main
from editordesk.document import nodes as n
from editordesk.document.parse import build_article
from editordesk.media.tweets import TweetRef
from editordesk.model import ImageFields, RelatedRecord, StoryDraft, StoryStatus
from editordesk.services.exporting import load_bundle
from editordesk.services.images import add_image
from editordesk.services.importing import import_files
from editordesk.services.stories import create_story
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store
from editordesk.store.location import resolve
from editordesk.store.models import Image, Story
from tests.conftest import REGENERATE_ENV
from tests.export.conftest import REFERENCE, write_golden_story
from tests.export.test_docx import _open, dump
from tests.helpers import image_bytes, write_image

STORIES = REFERENCE / "stories"
SLUGS = (
    "ferry-timetable-cut",
    "lifeboat-night-shift",
    "corrections-and-clarifications",
    "council-count",
)
OUTPUTS = {  # export's --format and options -> the reference file each story's output goes to
    "page": (["-f", "html"], "page.html"),
    "fragment": (["-f", "html", "--fragment"], "fragment.html"),
    "docx": (["-f", "docx"], "docx.json"),
    "md": (["-f", "md"], "index.md"),
}

# The third story, in the store's own form: {figure} and {missing} are library ids.
CORRECTIONS_BODY = """\
A story on 21 November said the harbour wall would close for *three weeks*; it will close
for three **days**. We are sorry for the mistake.

{{{{< figure image="{figure}" >}}}}

The picture we ran with the council's notice has gone from the library:

{{{{< figure image="{missing}" >}}}}

The harbour master's post in Arabic, for the Syrian families on the north quay:

{{{{< x user="PortEllanHarbour" id="1861000000000000002" >}}}}

And a post the desk quoted without its text:

{{{{< x user="harbourwatch" id="1861000000000000099" >}}}}

{{{{< gallery dir="north-pier" >}}}}

The map we printed, from the council's site:
![Map of the *north* quay](https://maps.example.org/quay.png "Map: Port Ellan Council")

Ysgrifennwch at y golygydd — write to the editor — at <letters@example.org> 📮
"""


def _build_desk(tmp_path: Path) -> Path:
    """A store holding the three golden stories; returns the store's file."""
    path = tmp_path / "desk" / "news.sqlite"
    inbox = tmp_path / "inbox"
    lifeboat = inbox / "lifeboat" / "index.md"
    lifeboat.parent.mkdir(parents=True)
    lifeboat.write_bytes((STORIES / "lifeboat-night-shift.md").read_bytes())
    council = write_council_story(inbox / "council")
    with Store.open(resolve(str(path))) as store:
        results = import_files(
            store, [write_golden_story(inbox / "ferry"), lifeboat, council], author="Ana Ruiz"
        )
        assert [r.error for r in results] == [None, None, None]
        with store.write() as session:
            picture = add_image(
                session,
                store.media,
                image_bytes("WEBP", size=(1200, 800), color=(20, 120, 90)),
                "north-quay.webp",
                ImageFields(
                    caption="The north quay, where the wall will be repaired.",
                    credit="Photo: Nell Farrow",
                    creator="Nell Farrow",
                    source="Port Ellan Courier",
                    copyright="© 2026 Port Ellan Courier",
                    licence="CC BY 4.0",
                    alt_text="Sandbags along a harbour wall at low tide",
                ),
            )
            put_tweet(
                session,
                TweetRef("1861000000000000002", "PortEllanHarbour"),
                display_name="ميناء بورت إيلان",
                text="سيُغلق الرصيف الشمالي ثلاثة أيام فقط.",
                posted=dt.date(2026, 11, 22),
                language="ar",
            )
            create_story(
                session,
                StoryDraft(
                    headline="Corrections and clarifications",
                    byline="The Readers' Editor",
                    section="Corrections",
                    status=StoryStatus.READY,
                    publish_time=dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC),
                    body=CORRECTIONS_BODY.format(figure=picture.id, missing=picture.id + 999),
                    related=(
                        RelatedRecord(title="The night shift", story_slug="lifeboat-night-shift"),
                    ),
                ),
                author="Ana Ruiz",
            )
    return path


def write_council_story(folder: Path) -> Path:
    """The fourth story (a table, two footnotes, a strikethrough, a contents list and an
    inline picture beside it) in a folder of its own; returns its .md."""
    folder.mkdir(parents=True, exist_ok=True)
    story = folder / "index.md"
    story.write_bytes((STORIES / "council-count.md").read_bytes())
    write_image(folder / "boxes.png", size=(900, 600), color=(200, 170, 90))
    return story


def _normalise_html(html: str) -> str:
    """Image file names carry a hash of the picture's bytes, which an image library's encoder
    may change between versions: compare pages without it."""
    return re.sub(r"-[0-9a-f]{10}\.(jpg|png|gif|webp)", r"-HASH.\1", html)


def _read_output(kind: str, out: Path, slug: str, library: dict[str, str]) -> str:
    if kind == "docx":
        got = dump(_open(out / f"{slug}.docx"), library)
        return json.dumps(got, indent=2, ensure_ascii=False) + "\n"
    if kind == "md":
        return (out / slug / "index.md").read_text(encoding="utf-8")
    return _normalise_html((out / f"{slug}.html").read_text(encoding="utf-8"))


def _library(path: Path) -> dict[str, str]:
    with Store.open(resolve(str(path))) as store, store.read() as session:
        return {image.sha256: image.original_name for image in session.query(Image)}


@pytest.mark.parametrize("kind", list(OUTPUTS))
def test_each_writer_matches_its_reference_files(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = _build_desk(tmp_path)
    options, name = OUTPUTS[kind]
    out = tmp_path / "out"
    assert main(["export", "--db", str(db), "--all", "--force", *options, "-o", str(out)]) == 0
    library = _library(db)
    update = bool(os.environ.get(REGENERATE_ENV))
    for slug in SLUGS:
        got = _read_output(kind, out, slug, library)
        reference = REFERENCE / slug / name
        if update:
            reference.parent.mkdir(parents=True, exist_ok=True)
            reference.write_text(got, encoding="utf-8")
        assert reference.is_file(), f"no {reference}: run pytest {__file__} --update-golden"
        assert got == reference.read_text(encoding="utf-8"), f"{slug}: {name} changed"


def _node_types(union: object) -> set[type]:
    return set(typing.get_args(union))


def test_the_stories_use_every_node_and_heading_level(tmp_path: Path) -> None:
    db = _build_desk(tmp_path)
    seen: set[type] = set()
    levels: set[int] = set()
    variants: set[str] = set()

    def visit(value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(type(value))
            if isinstance(value, n.Heading):
                levels.add(value.level)
            elif isinstance(value, n.Figure | n.Tweet):
                found = (value.image if isinstance(value, n.Figure) else value.tweet) is not None
                variants.add(f"{type(value).__name__} {'found' if found else 'missing'}")
            elif isinstance(value, n.BulletList | n.OrderedList):
                variants.add(f"{type(value).__name__} {'tight' if value.tight else 'loose'}")
                if isinstance(value, n.OrderedList) and value.start != 1:
                    variants.add("OrderedList from another number")
            elif isinstance(value, n.CodeBlock):
                variants.add(f"CodeBlock {'with' if value.language else 'without'} a language")
            elif isinstance(value, n.Link) and value.title:
                variants.add("Link with a title")
            for item in dataclasses.fields(value):
                visit(getattr(value, item.name))
        elif isinstance(value, tuple):
            for item in value:
                visit(item)

    with Store.open(resolve(str(db))) as store, store.read() as session:
        for story in session.query(Story):
            bundle = load_bundle(session, story.id)
            article = build_article(bundle.story, bundle.images, bundle.tweets)
            visit(article.body)
    wanted = _node_types(n.Inline) | _node_types(n.Block)
    wanted |= {n.ListItem, n.Document, n.TableRow, n.TableCell, n.Footnote}
    assert wanted - seen == set()
    assert levels == {1, 2, 3, 4, 5, 6}
    assert variants == {
        "Figure found",
        "Figure missing",
        "Tweet found",
        "BulletList tight",
        "BulletList loose",
        "OrderedList tight",
        "OrderedList loose",
        "OrderedList from another number",
        "CodeBlock with a language",
        "CodeBlock without a language",
        "Link with a title",
    }
