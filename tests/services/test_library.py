"""services.library: importing picture files with the credits they carry, the library's
filters and counts, and which stories use each picture — on a real store (both engines)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from editordesk.errors import InputError
from editordesk.model import ImageFields, ImageRecord, StoryDraft
from editordesk.services import library
from editordesk.services.images import add_image, get_image, update_image
from editordesk.services.library import (
    count_images,
    image_usage,
    import_image_file,
    list_images,
    metadata_fields,
)
from editordesk.services.stories import create_story, delete_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.models import Image
from tests.helpers import image_bytes, snapshot
from tests.media.test_metadata import (
    EXIF_ARTIST,
    EXIF_COPYRIGHT,
    EXIF_DESCRIPTION,
    exif_text,
    exif_tiff,
    gif_with,
    iptc_block,
    jpeg_with,
    png_with,
    webp_with,
    xmp_packet,
)

AUTHOR = "Test Editor"


def harbour_jpeg() -> bytes:
    """What an agency sends: XMP with credit and alt text, IPTC and EXIF underneath."""
    return jpeg_with(
        xmp=xmp_packet(
            credit="Photo: Ann Lee / Harbour Press",
            alt_text="A gap in the harbour wall",
            description="The breach at low tide.",
        ),
        iptc=iptc_block(
            credit="IPTC credit", creators=("Ann Lee",), copyright="© Harbour Press 2026"
        ),
        exif=exif_tiff(
            {
                EXIF_ARTIST: exif_text("EXIF artist"),
                EXIF_DESCRIPTION: exif_text("EXIF caption"),
            }
        ),
        size=(120, 80),
    )


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_import_prefills_the_fields_from_the_files_metadata(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "in" / "breach.jpg", harbour_jpeg())
    with store.write() as session:
        record = import_image_file(session, store.media, path)
    assert record.fields == ImageFields(
        caption="The breach at low tide.",
        credit="Photo: Ann Lee / Harbour Press",
        creator="Ann Lee",
        copyright="© Harbour Press 2026",
        alt_text="A gap in the harbour wall",
    )
    assert (record.original_name, record.mime_type) == ("breach.jpg", "image/jpeg")
    assert (record.width, record.height) == (120, 80)
    assert store.media.path_of(record.path).read_bytes() == path.read_bytes()
    with store.read() as session:
        assert get_image(session, record.id).fields == record.fields


@pytest.mark.parametrize(
    ("name", "data", "mime", "expected"),
    [
        (
            "chart.png",
            png_with(
                xmp=xmp_packet(credit="PNG credit", alt_text="A tide chart"),
                exif=exif_tiff({EXIF_COPYRIGHT: exif_text("Jürgen Weiß", "latin-1")}),
            ),
            "image/png",
            ImageFields(credit="PNG credit", alt_text="A tide chart", copyright="Jürgen Weiß"),
        ),
        (
            "quay.webp",
            webp_with(xmp=xmp_packet(creator="Zoë Ørsted", usage_terms="CC BY-SA 4.0")),
            "image/webp",
            ImageFields(creator="Zoë Ørsted", licence="CC BY-SA 4.0"),
        ),
        (
            "map.gif",
            gif_with(xmp=xmp_packet(credit="GIF credit", source="Coast Agency")),
            "image/gif",
            ImageFields(credit="GIF credit", source="Coast Agency"),
        ),
        (
            "iptc.jpg",
            jpeg_with(iptc=iptc_block(credit="Фото: ТАСС", caption="東京の港")),
            "image/jpeg",
            ImageFields(credit="Фото: ТАСС", caption="東京の港"),
        ),
    ],
    ids=["png", "webp", "gif", "jpeg-iptc-utf8"],
)
def test_every_importable_format_is_prefilled(
    store: Store,
    tmp_path: Path,
    name: str,
    data: bytes,
    mime: str,
    expected: ImageFields,
) -> None:
    path = write(tmp_path / name, data)
    with store.write() as session:
        record = import_image_file(session, store.media, path)
    assert record.mime_type == mime
    assert record.fields == expected
    with store.read() as session:
        assert get_image(session, record.id).fields == expected  # stored, not just returned


def test_metadata_fields_maps_every_embedded_field(tmp_path: Path) -> None:
    fields = metadata_fields(harbour_jpeg())
    assert isinstance(fields, ImageFields)
    assert fields.credit == "Photo: Ann Lee / Harbour Press"
    assert metadata_fields(b"not a picture") == ImageFields()


def test_the_same_bytes_twice_give_the_same_record(store: Store, tmp_path: Path) -> None:
    data = harbour_jpeg()
    first_path = write(tmp_path / "a" / "breach.jpg", data)
    second_path = write(tmp_path / "b" / "copy of breach.JPG", data)
    with store.write() as session:
        first = import_image_file(session, store.media, first_path)
    with store.write() as session:
        second = import_image_file(session, store.media, second_path)
    assert second.id == first.id and second.sha256 == first.sha256
    assert second.original_name == "breach.jpg"  # the first name is kept
    assert second.fields == first.fields
    with store.read() as session:
        assert count_images(session) == 1
    kept = [p for p in store.media.root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(kept) == 1


def test_a_reimport_never_overwrites_the_librarys_credit(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "breach.jpg", harbour_jpeg())
    with store.write() as session:
        record = import_image_file(session, store.media, path)
        update_image(
            session,
            record.id,
            ImageFields(credit="Photo: A. Lee / Courier", caption="Edited caption"),
        )
    with store.write() as session:
        again = import_image_file(session, store.media, path)
    assert again.id == record.id
    assert again.fields.credit == "Photo: A. Lee / Courier"
    assert again.fields.caption == "Edited caption"
    # Fields the desk had emptied are filled from the file again; nothing else changes.
    assert again.fields.alt_text == "A gap in the harbour wall"
    assert again.fields.creator == "Ann Lee"


def test_a_reimport_fills_only_empty_fields(store: Store, tmp_path: Path) -> None:
    plain = jpeg_with(size=(50, 50))
    with store.write() as session:
        record = add_image(session, store.media, plain, "plain.jpg", ImageFields(credit="Desk"))
    # The same picture arrives again, now carrying metadata: different bytes, new record.
    tagged = write(tmp_path / "tagged.jpg", jpeg_with(xmp=xmp_packet(credit="File credit")))
    with store.write() as session:
        other = import_image_file(session, store.media, tagged)
    assert other.id != record.id and other.fields.credit == "File credit"
    # The plain bytes again (from disk): nothing in the file, so nothing changes.
    with store.write() as session:
        same = import_image_file(session, store.media, write(tmp_path / "again.jpg", plain))
    assert same.id == record.id and same.fields == ImageFields(credit="Desk")
    assert same.updated == record.updated


def test_a_reimport_puts_back_a_file_missing_from_the_media_folder(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "breach.jpg", harbour_jpeg())
    with store.write() as session:
        record = import_image_file(session, store.media, path)
    store.media.path_of(record.path).unlink()
    with store.write() as session:
        import_image_file(session, store.media, path)
    assert store.media.path_of(record.path).read_bytes() == path.read_bytes()


def test_files_that_cannot_be_imported_name_themselves_and_change_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder.jpg"
    folder.mkdir()
    text = write(tmp_path / "notes.jpg", b"these are notes, not a picture")
    big = write(tmp_path / "big.jpg", harbour_jpeg())
    before = snapshot(store)
    cases = [
        (tmp_path / "gone.jpg", "gone.jpg was not found"),
        (folder, "folder.jpg is a folder"),
        (text, "notes.jpg"),
    ]
    for path, message in cases:
        with pytest.raises(InputError, match=message), store.write() as session:
            import_image_file(session, store.media, path)
    monkeypatch.setattr(library, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError, match=r"big\.jpg is .* MB"), store.write() as session:
        import_image_file(session, store.media, big)
    assert snapshot(store) == before


# ------------------------------------------------------------------ listing and filters


def add(store: Store, name: str, shade: int, **fields: str) -> ImageRecord:
    with store.write() as session:
        return add_image(
            session,
            store.media,
            image_bytes("PNG", color=(shade, 40, 90)),  # lossless: each shade its own bytes
            name,
            ImageFields(**fields),
        )


@pytest.fixture
def library_of_five(store: Store) -> dict[str, ImageRecord]:
    """Five pictures, imported in this order, with and without credit and alt text."""
    return {
        "complete": add(
            store,
            "harbour-wall.jpg",
            1,
            credit="Photo: Ann Lee",
            alt_text="The wall",
            caption="Storm damage at the HARBOUR",
        ),
        "no_credit": add(store, "quay.jpg", 2, alt_text="Boats", creator="Jürgen Weiß"),
        "no_alt": add(store, "ferry.jpg", 3, credit="Coast Agency", source="Reuters"),
        "neither": add(store, "100%_wall.jpg", 4),
        "percent_lookalike": add(store, "1000-wall.jpg", 5, credit="  Desk  ", alt_text="x"),
    }


def ids(records: list[ImageRecord]) -> list[int]:
    return [r.id for r in records]


def test_list_images_is_newest_first_and_pages(
    store: Store, library_of_five: dict[str, ImageRecord]
) -> None:
    newest_first = [r.id for r in reversed(library_of_five.values())]
    with store.read() as session:
        assert ids(list_images(session)) == newest_first
        assert ids(list_images(session, limit=2)) == newest_first[:2]
        assert ids(list_images(session, limit=2, offset=2)) == newest_first[2:4]
        assert ids(list_images(session, offset=4)) == newest_first[4:]
        assert list_images(session, offset=10) == []
        assert count_images(session) == 5


def test_missing_credit_and_missing_alt_filters(
    store: Store, library_of_five: dict[str, ImageRecord]
) -> None:
    lib = library_of_five
    with store.read() as session:
        no_credit = list_images(session, missing_credit=True)
        no_alt = list_images(session, missing_alt=True)
        both = list_images(session, missing_credit=True, missing_alt=True)
        assert set(ids(no_credit)) == {lib["no_credit"].id, lib["neither"].id}
        assert set(ids(no_alt)) == {lib["no_alt"].id, lib["neither"].id}
        assert ids(both) == [lib["neither"].id]
        assert count_images(session, missing_credit=True) == 2
        assert count_images(session, missing_alt=True) == 2
        assert count_images(session, missing_credit=True, missing_alt=True) == 1


def test_a_credit_of_only_spaces_counts_as_missing(
    store: Store, library_of_five: dict[str, ImageRecord]
) -> None:
    complete = library_of_five["complete"]
    with store.write() as session:  # as an older version or another tool may have stored it
        session.execute(
            update(Image).where(Image.id == complete.id).values(credit="   ", alt_text=" ")
        )
    with store.read() as session:
        assert complete.id in ids(list_images(session, missing_credit=True))
        assert complete.id in ids(list_images(session, missing_alt=True))
        assert count_images(session, missing_credit=True, missing_alt=True) == 2


def test_fixing_a_credit_takes_the_picture_off_the_missing_list(
    store: Store, library_of_five: dict[str, ImageRecord]
) -> None:
    image = library_of_five["no_credit"]
    with store.write() as session:
        update_image(session, image.id, ImageFields(credit="Photo: J. Weiß", alt_text="Boats"))
    with store.read() as session:
        assert image.id not in ids(list_images(session, missing_credit=True))
        assert count_images(session, missing_credit=True) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", ["complete"]),  # file name and caption, any case
        ("HARBOUR storm", ["complete"]),  # every word must appear
        ("harbour boats", []),
        ("ann", ["complete"]),  # credit
        ("jürgen", ["no_credit"]),  # creator, non-ASCII
        ("reuters", ["no_alt"]),  # source
        ("wall", ["complete", "neither", "percent_lookalike"]),
        ("100%", ["neither"]),  # % is a character, not a wildcard
        ("0%_", ["neither"]),  # so is _
        ("100_", []),
        ("  ", ["complete", "no_credit", "no_alt", "neither", "percent_lookalike"]),
        ("nothing-like-this", []),
    ],
)
def test_query_words_search_name_caption_credit_creator_and_source(
    store: Store, library_of_five: dict[str, ImageRecord], query: str, expected: list[str]
) -> None:
    wanted = {library_of_five[key].id for key in expected}
    with store.read() as session:
        assert set(ids(list_images(session, query=query))) == wanted
        assert count_images(session, query=query) == len(wanted)


@pytest.mark.parametrize("query", ["ärger", "Ärger", "ÄRGER", "jÜrgen", "JÜRGEN", "østerby"])
def test_query_ignores_the_case_of_non_ascii_letters_on_every_engine(
    store: Store, query: str
) -> None:
    wanted = add(store, "a.png", 1, caption="Ärger am Hafen", creator="Jürgen Weiß")
    add(store, "b.png", 2, credit="Foto: ØSTERBY / Nordpresse")
    add(store, "c.png", 3, caption="Nothing to see")
    with store.read() as session:
        found = list_images(session, query=query)
        assert len(found) == 1
        assert count_images(session, query=query) == 1
    if query != "østerby":
        assert found[0].id == wanted.id


def test_query_and_filters_combine(store: Store, library_of_five: dict[str, ImageRecord]) -> None:
    with store.read() as session:
        found = list_images(session, query="wall", missing_credit=True)
        assert ids(found) == [library_of_five["neither"].id]
        assert count_images(session, query="wall", missing_alt=True) == 1
        assert count_images(session, query="quay", missing_alt=True) == 0


def test_counts_match_the_lists_for_every_filter(
    store: Store, library_of_five: dict[str, ImageRecord]
) -> None:
    with store.read() as session:
        for missing_credit in (False, True):
            for missing_alt in (False, True):
                for query in ("", "wall", "jpg", "zzz"):
                    options = {
                        "missing_credit": missing_credit,
                        "missing_alt": missing_alt,
                        "query": query,
                    }
                    assert count_images(session, **options) == len(  # type: ignore[arg-type]
                        list_images(session, **options)  # type: ignore[arg-type]
                    )


def test_an_empty_library(store: Store) -> None:
    with store.read() as session:
        assert list_images(session) == []
        assert count_images(session, missing_credit=True, query="x") == 0


# ------------------------------------------------------------------ usage


def figure(image_id: int) -> str:
    return f'{{{{< figure image="{image_id}" >}}}}'


def new_story(store: Store, headline: str, body: str) -> int:
    with store.write() as session:
        return create_story(session, StoryDraft(headline=headline, body=body), author=AUTHOR).id


def resave(store: Store, story_id: int, headline: str, body: str) -> None:
    with store.write() as session:
        version = get_story(session, story_id).version
        draft = StoryDraft(headline=headline, body=body)
        save_story(session, story_id, draft, base_version=version, author=AUTHOR)


def test_image_usage_lists_the_stories_that_show_each_picture(store: Store) -> None:
    wall = add(store, "wall.jpg", 10)
    quay = add(store, "quay.jpg", 11)
    unused = add(store, "unused.jpg", 12)
    first = new_story(store, "Harbour wall gives way", f"Text.\n\n{figure(wall.id)}")
    second = new_story(
        store, "Ferry moves to the south slip", f"{figure(quay.id)}\n\nMore.\n\n{figure(wall.id)}"
    )
    new_story(store, "No pictures", "Just words.")
    with store.read() as session:
        usage = image_usage(session, [quay.id, wall.id, unused.id, wall.id, 999_999])
    assert usage == {
        wall.id: [(first, "Harbour wall gives way"), (second, "Ferry moves to the south slip")],
        quay.id: [(second, "Ferry moves to the south slip")],
        unused.id: [],
        999_999: [],
    }


def test_image_usage_follows_edits_and_deletions(store: Store) -> None:
    wall = add(store, "wall.jpg", 20)
    story_id = new_story(store, "Wall", figure(wall.id))
    with store.read() as session:
        assert image_usage(session, [wall.id])[wall.id] == [(story_id, "Wall")]
    resave(store, story_id, "Wall, renamed", figure(wall.id))
    with store.read() as session:
        assert image_usage(session, [wall.id])[wall.id] == [(story_id, "Wall, renamed")]
    resave(store, story_id, "Wall, renamed", "Picture taken out.")
    with store.read() as session:
        assert image_usage(session, [wall.id]) == {wall.id: []}
    resave(store, story_id, "Wall, renamed", figure(wall.id))
    with store.write() as session:
        delete_story(session, story_id)
    with store.read() as session:
        assert image_usage(session, [wall.id]) == {wall.id: []}


def test_image_usage_of_many_ids_at_once(store: Store) -> None:
    wall = add(store, "wall.jpg", 30)
    story_id = new_story(store, "Wall", figure(wall.id))
    asked = [*range(100_000, 101_200), wall.id]  # more than one IN (…) chunk
    with store.read() as session:
        usage = image_usage(session, asked)
    assert len(usage) == len(asked)
    assert usage[wall.id] == [(story_id, "Wall")]
    assert all(usage[i] == [] for i in asked if i != wall.id)
    with store.read() as session:
        assert image_usage(session, []) == {}


def test_imported_pictures_have_sensible_timestamps(store: Store, tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    with store.write() as session:
        record = import_image_file(session, store.media, write(tmp_path / "a.jpg", harbour_jpeg()))
    assert record.imported.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= record.imported <= dt.datetime.now(dt.UTC)
