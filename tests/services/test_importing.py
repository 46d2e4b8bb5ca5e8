from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editordesk.services.exporting import export_stories, load_bundle
from editordesk.services.images import image_uses
from editordesk.services.importing import import_files
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.helpers import snapshot, write_harbour, write_image


def _import_one(store: Store, path: Path) -> int:
    [result] = import_files(store, [path], author="Importer")
    assert result.error is None, result.error
    assert result.story is not None
    return result.story.id


def test_import_stores_story_images_and_tweets(store: Store, tmp_path: Path) -> None:
    story_id = _import_one(store, write_harbour(tmp_path / "in"))
    with store.read() as session:
        bundle = load_bundle(session, story_id)
        story = bundle.story
        assert story.headline == "Harbour wall gives way after week of storms"
        assert '{{< figure image="1" >}}' in story.body
        assert '{{< x user="EllanCoastguard" id="1727344556789012345" >}}' in story.body
        [image] = bundle.images.values()
        assert image.fields.credit == "Photo: J. Doyle / Ellan Courier"
        assert (image.width, image.height) == (120, 80)
        assert image_uses(session, image.id) == [(story_id, story.headline)]
        [tweet] = bundle.tweets.values()
        assert tweet.text.startswith("Crews are at the north pier")
        assert len(story.related) == 2


def _comparable(store: Store, story_id: int) -> dict[str, object]:
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
            s.word_count,
        ),
        "related": s.related,
        "images": sorted((i.sha256, i.fields, i.width, i.height) for i in bundle.images.values()),
        "tweets": sorted(bundle.tweets.values(), key=lambda t: t.status_id),
    }


def test_import_export_import_gives_the_same_story(tmp_path: Path) -> None:
    first_store = Store.open(resolve(str(tmp_path / "one.sqlite")))
    second_store = Store.open(resolve(str(tmp_path / "two.sqlite")))
    with first_store, second_store:
        first_id = _import_one(first_store, write_harbour(tmp_path / "in"))
        [exported] = export_stories(first_store, [first_id], "md", tmp_path / "out")
        assert exported.path == tmp_path / "out" / "harbour-wall-gives-way" / "index.md"
        assert (exported.path.parent / "harbour.jpg").is_file()
        second_id = _import_one(second_store, exported.path)
        assert _comparable(first_store, first_id) == _comparable(second_store, second_id)
        [again] = export_stories(second_store, [second_id], "md", tmp_path / "again")
        assert again.path is not None
        assert again.path.read_text() == exported.path.read_text()


def test_importing_the_same_file_twice_makes_two_stories_sharing_one_image(
    store: Store, tmp_path: Path
) -> None:
    path = write_harbour(tmp_path / "in")
    a, b = _import_one(store, path), _import_one(store, path)
    with store.read() as session:
        one, two = load_bundle(session, a), load_bundle(session, b)
    assert one.story.slug == "harbour-wall-gives-way"
    assert two.story.slug == "harbour-wall-gives-way-2"
    assert one.images.keys() == two.images.keys()


BAD_FILES = {
    "malformed-front-matter.md": "---\ntitle: [oops\n---\n",
    "unknown-status.md": "---\ntitle: T\nstatus: pending\n---\n",
    "missing-figure.md": '---\ntitle: T\n---\n{{< figure src="nope.jpg" >}}\n',
    "figure-outside.md": '---\ntitle: T\n---\n{{< figure src="../elsewhere/p.jpg" >}}\n',
    "tweet-id-not-a-number.md": '---\ntitle: T\n---\n{{< x user="a" id="twelve" >}}\n',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_stores_nothing_and_the_good_ones_still_go_in(
    store: Store, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "in"
    write_image(tmp_path / "elsewhere" / "p.jpg")
    good = write_harbour(folder)
    bad = folder / name
    bad.write_text(BAD_FILES[name])
    before = snapshot(store)
    results = import_files(store, [bad], author="x")
    assert results[0].story is None and results[0].error is not None
    assert str(bad) in results[0].error
    assert snapshot(store) == before
    results = import_files(store, [bad, good], author="x")
    assert results[0].error and results[1].story is not None


def test_a_failure_after_images_went_in_rolls_the_whole_file_back(
    store: Store, tmp_path: Path
) -> None:
    """The image is stored and its file written before the story is refused (it lists
    itself as related): the rollback must take the file out of the media folder too."""
    folder = tmp_path / "in"
    write_image(folder / "ok.jpg", color=(9, 9, 9))
    path = folder / "late-failure.md"
    path.write_text(
        "---\ntitle: T\nslug: self-link\nrelated:\n  - title: Me\n    story: self-link\n---\n"
        '{{< figure src="ok.jpg" >}}\n'
    )
    before = snapshot(store)
    [result] = import_files(store, [path], author="x")
    assert result.error is not None and "cannot list itself" in result.error
    assert snapshot(store) == before


def test_files_of_other_kinds_and_missing_files_are_named(store: Store, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    results = import_files(
        store, [tmp_path / "notes.txt", tmp_path / "gone.md", tmp_path], author="x"
    )
    assert [r.error.split(": ", 1)[1] for r in results if r.error] == [
        "is not a file EditorDesk imports (it reads .docx, .markdown, .md)",
        "does not exist",
        "is a folder, not a story file",
    ]


def test_publish_time_without_zone_is_taken_as_utc(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("---\ntitle: T\ndate: 2026-03-01 09:30\n---\nx\n")
    story_id = _import_one(store, path)
    with store.read() as session:
        assert load_bundle(session, story_id).story.publish_time == dt.datetime(
            2026, 3, 1, 9, 30, tzinfo=dt.UTC
        )


def test_word_and_markdown_files_go_in_together(store: Store, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Pier reopens", style="Title")
    document.add_paragraph("The north pier opened again on Monday.")
    document.save(tmp_path / "pier.docx")
    results = import_files(
        store, [tmp_path / "pier.docx", write_harbour(tmp_path / "in")], author="x"
    )
    assert [r.error for r in results] == [None, None]
    assert results[0].story is not None
    with store.read() as session:
        story = load_bundle(session, results[0].story.id).story
    assert (story.headline, story.body) == (
        "Pier reopens",
        "The north pier opened again on Monday.",
    )


def test_the_refusal_of_other_kinds_names_every_kind_imported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    [result] = import_files(store, [tmp_path / "notes.doc"], author="x")
    assert result.error == (
        f"{tmp_path / 'notes.doc'}: is not a file EditorDesk imports "
        "(it reads .docx, .markdown, .md)"
    )
