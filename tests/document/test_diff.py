"""The comparison behind the history and conflict dialogs, without a window: rows rebuild
both texts exactly, changed words are found, and changed fields are named."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editordesk.document.diff import (
    DiffRow,
    RowKind,
    display_time,
    field_changes,
    side_by_side,
    word_spans,
)
from editordesk.model import RelatedRecord, StoryDraft
from editordesk.store.models import StoryStatus


def _side(rows: list[DiffRow], side: str) -> str:
    return "\n".join(line for row in rows if (line := getattr(row, side)) is not None)


def _unmarked(line: str | None, spans: tuple) -> str:
    text, at, kept = line or "", 0, []
    for span in spans:
        kept.append(text[at : span.start])
        at = span.end
    kept.append(text[at:])
    return "".join(kept)


# Few distinct words and lines, so the two texts share a lot and every kind of row turns up.
_words = st.sampled_from(["the", "wall", "sea", "fell", ",", ".", " ", "  ", "Ellan", "é"])
_lines = st.lists(_words, max_size=8).map("".join)
_texts = st.one_of(st.lists(_lines, max_size=12).map("\n".join), st.text(max_size=60))


@settings(max_examples=300, deadline=None)
@given(_texts, _texts)
def test_the_rows_give_back_both_texts_exactly(old: str, new: str) -> None:
    rows = side_by_side(old, new)
    assert _side(rows, "old") == old
    assert _side(rows, "new") == new
    for row in rows:
        for line, spans in ((row.old, row.old_spans), (row.new, row.new_spans)):
            ends = [0] + [edge for s in spans for edge in (s.start, s.end)] + [len(line or "")]
            assert ends == sorted(ends), "spans are in order, inside the line, not overlapping"
            assert all(s.start < s.end for s in spans)
        if row.kind is RowKind.EQUAL:
            assert row.old == row.new and not row.old_spans and not row.new_spans
        elif row.kind is RowKind.CHANGED:
            assert row.old != row.new
            # Everything left unmarked is the same on both sides: only marked words differ.
            assert _unmarked(row.old, row.old_spans) == _unmarked(row.new, row.new_spans)
        elif row.kind is RowKind.INSERTED:
            assert row.old is None and row.new_changes == ((row.new,) if row.new else ())
        else:
            assert row.new is None and row.old_changes == ((row.old,) if row.old else ())


def test_a_changed_line_marks_only_the_changed_words() -> None:
    [row] = side_by_side("The harbour wall fell on Thursday.", "The sea wall fell on Friday.")
    assert row.kind is RowKind.CHANGED
    assert (row.old_changes, row.new_changes) == (("harbour", "Thursday"), ("sea", "Friday"))


def test_neighbouring_changed_words_read_as_one_change() -> None:
    old_spans, new_spans = word_spans("a brown fox ran", "a red dog ran")
    old, new = "a brown fox ran", "a red dog ran"
    assert [old[s.start : s.end] for s in old_spans] == ["brown fox"]
    assert [new[s.start : s.end] for s in new_spans] == ["red dog"]


def test_punctuation_is_marked_on_its_own() -> None:
    [row] = side_by_side("Engineers say the wall held.", "Engineers say the wall held!")
    assert (row.old_changes, row.new_changes) == ((".",), ("!",))


def test_a_paragraph_added_above_an_edited_one_is_an_insertion_and_an_edit() -> None:
    old = "The ferry runs from the south slip.\n\nEnd."
    new = "Crews are at the north pier.\n\nThe ferry now runs from the south slip.\n\nEnd."
    rows = side_by_side(old, new)
    assert [r.kind for r in rows] == [
        RowKind.INSERTED,
        RowKind.INSERTED,
        RowKind.CHANGED,
        RowKind.EQUAL,
        RowKind.EQUAL,
    ]
    assert rows[0].new == "Crews are at the north pier."
    # The space that went in with the word is marked with it.
    assert rows[2].new_changes == ("now ",) and rows[2].old_changes == ()


def test_deleted_lines_and_identical_texts() -> None:
    rows = side_by_side("Keep.\nGone.\nKeep too.", "Keep.\nKeep too.")
    assert [(r.kind, r.old, r.new) for r in rows] == [
        (RowKind.EQUAL, "Keep.", "Keep."),
        (RowKind.DELETED, "Gone.", None),
        (RowKind.EQUAL, "Keep too.", "Keep too."),
    ]
    assert all(r.kind is RowKind.EQUAL for r in side_by_side("a\n\nb", "a\n\nb"))
    assert side_by_side("", "") == [DiffRow(RowKind.EQUAL, "", "")]


def test_a_long_rewrite_pairs_its_lines_in_order() -> None:
    paragraph = " ".join(f"word{i % 37}" for i in range(150))
    old = "\n\n".join(f"{paragraph} {n}" for n in range(60))
    new = "\n\n".join(f"{n} {paragraph[::-1]}" for n in range(60))
    rows = side_by_side(old, new)
    assert _side(rows, "old") == old and _side(rows, "new") == new
    written = [r for r in rows if r.old and r.new]
    assert len(written) == 60 and all(r.kind is RowKind.CHANGED for r in written)
    assert [r.old.rsplit(" ", 1)[1] for r in written] == [str(n) for n in range(60)]


def test_a_long_story_marks_only_what_changed() -> None:
    # Long enough (1,200 lines each side) to be anchored on its unique lines first.
    old_lines = [
        f"Paragraph {i} tells of the harbour wall." if i % 2 == 0 else "" for i in range(1200)
    ]
    new_lines = list(old_lines)
    new_lines[10] = "Paragraph 10 tells of the sea wall."
    new_lines[700:702] = []  # a paragraph and its blank line gone
    new_lines.insert(1000, "A new paragraph.")
    rows = side_by_side("\n".join(old_lines), "\n".join(new_lines))
    assert _side(rows, "old") == "\n".join(old_lines)
    assert _side(rows, "new") == "\n".join(new_lines)
    changed = [(r.kind, r.old, r.new) for r in rows if r.kind is not RowKind.EQUAL]
    assert changed == [
        (
            RowKind.CHANGED,
            "Paragraph 10 tells of the harbour wall.",
            "Paragraph 10 tells of the sea wall.",
        ),
        (RowKind.DELETED, "Paragraph 700 tells of the harbour wall.", None),
        (RowKind.DELETED, "", None),
        (RowKind.INSERTED, None, "A new paragraph."),
    ]
    assert rows[10].old_changes == ("harbour",) and rows[10].new_changes == ("sea",)


def test_one_very_long_line_marks_only_its_changed_words() -> None:
    words = [f"w{i}" for i in range(3000)]
    edited = list(words)
    edited[5], edited[1500] = "five", "middle"
    [row] = side_by_side(" ".join(words), " ".join(edited))
    assert row.kind is RowKind.CHANGED
    assert row.old_changes == ("w5", "w1500") and row.new_changes == ("five", "middle")


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_read_the_same_in_every_locale(utc_clock: None) -> None:
    moment = dt.datetime(2026, 11, 27, 21, 14, 55, tzinfo=dt.UTC)
    assert display_time(moment) == "27 Nov 2026 21:14"
    assert display_time(dt.datetime(2026, 3, 5, 8, 2, tzinfo=dt.UTC)) == "5 Mar 2026 08:02"


def test_field_changes_name_each_changed_field_with_both_values(utc_clock: None) -> None:
    old = StoryDraft(
        headline="Harbour wall gives way",
        byline="Mara Quinn",
        tags=("weather", "harbour"),
        status=StoryStatus.EDITING,
        body="Same body.",
        slug="harbour-wall",
        related=(RelatedRecord(title="Storm warnings", url="https://example.org/storm"),),
    )
    new = StoryDraft(
        headline="Harbour wall collapses",
        byline="Mara Quinn",
        tags=("weather",),
        status=StoryStatus.READY,
        body="A different body is not a field change.",
        publish_time=dt.datetime(2026, 11, 27, 21, 14, tzinfo=dt.UTC),
        slug="harbour-wall-collapses",
        related=(RelatedRecord(title="Sea wall letters", story_slug="letters"),),
    )
    changes = field_changes(old, new)
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("Headline", "Harbour wall gives way", "Harbour wall collapses"),
        ("Tags", "weather, harbour", "weather"),
        ("Status", "Editing", "Ready"),
        ("Publish time", "", "27 Nov 2026 21:14"),
        ("Slug", "harbour-wall", "harbour-wall-collapses"),
        (
            "Related links",
            "Storm warnings (https://example.org/storm)",
            "Sea wall letters (letters)",
        ),
    ]
    assert [c.name for c in changes][:3] == ["headline", "tags", "status"]


def test_no_changes_and_a_missing_slug_is_no_change() -> None:
    draft = StoryDraft(headline="Ferry cuts", slug="ferry-cuts", body="Text.")
    assert field_changes(draft, draft) == []
    assert field_changes(draft, StoryDraft(headline="Ferry cuts", slug=None, body="Text.")) == []
