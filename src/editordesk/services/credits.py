"""The photo credits report: which pictures ran in which stories, with the credit, creator,
source, copyright and licence the picture desk pays and answers for."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from editordesk.files import write_atomic
from editordesk.store.models import Image, Story, story_images

__all__ = ["CSV_HEADER", "CreditRow", "credits_report", "write_credits_csv"]

CSV_HEADER = (
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
)
_CHUNK = 500
# A cell a spreadsheet would run as a formula; credits come from picture files, so untrusted.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CreditRow:
    """One picture in one story. `date` is the day the story was published, or for a story
    not yet published (`published` false) the day it was last saved, in local time."""

    story_id: int
    headline: str
    date: dt.date
    published: bool
    image_id: int
    file_name: str
    credit: str
    creator: str
    source: str
    copyright: str
    licence: str

    def cells(self) -> tuple[str, ...]:
        """The row as the CSV writes it, in CSV_HEADER's order."""
        return (
            str(self.story_id),
            self.headline,
            self.date.isoformat(),
            "yes" if self.published else "no",
            str(self.image_id),
            self.file_name,
            self.credit,
            self.creator,
            self.source,
            self.copyright,
            self.licence,
        )


def _day_start(day: dt.date, tz: dt.tzinfo | None) -> dt.datetime:
    """Midnight at the start of `day` in `tz` (the computer's own zone when None), as UTC."""
    midnight = dt.datetime.combine(day, dt.time())
    local = midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()
    return local.astimezone(dt.UTC)


def _when(start: dt.datetime | None, end: dt.datetime | None) -> ColumnElement[Any]:
    """Published in [start, end); a story with no publish time counts by its last save."""

    def within(column: Any) -> ColumnElement[Any]:
        bounds = []
        if start is not None:
            bounds.append(column >= start)
        if end is not None:
            bounds.append(column < end)
        return and_(*bounds)

    return or_(
        and_(Story.publish_time.is_not(None), within(Story.publish_time)),
        and_(Story.publish_time.is_(None), within(Story.updated)),
    )


def credits_report(
    session: Session,
    *,
    story_ids: Sequence[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    tz: dt.tzinfo | None = None,
) -> list[CreditRow]:
    """Every picture used in the chosen stories and/or in stories published from `start` to
    `end` (both days included, in `tz`, the computer's own zone by default), oldest first.

    With neither stories nor dates, every story counts. A story with no publish time is
    placed by its last save."""
    if start is not None and end is not None and end < start:
        start, end = end, start
    columns = (
        Story.id,
        Story.headline,
        Story.publish_time,
        Story.updated,
        Image.id,
        Image.original_name,
        Image.credit,
        Image.creator,
        Image.source,
        Image.copyright,
        Image.licence,
    )
    base = (
        select(*columns)
        .join(story_images, story_images.c.story_id == Story.id)
        .join(Image, Image.id == story_images.c.image_id)
    )
    if start is not None or end is not None:
        base = base.where(
            _when(
                _day_start(start, tz) if start is not None else None,
                _day_start(end + dt.timedelta(days=1), tz) if end is not None else None,
            )
        )
    if story_ids is None:
        statements = [base]
    else:
        ids = sorted(set(story_ids))
        statements = [
            base.where(Story.id.in_(ids[i : i + _CHUNK])) for i in range(0, len(ids), _CHUNK)
        ]
    rows: list[CreditRow] = []
    for statement in statements:
        for r in session.execute(statement):
            when = r[2] if r[2] is not None else r[3]
            rows.append(
                CreditRow(
                    story_id=r[0],
                    headline=r[1],
                    date=(when.astimezone(tz) if tz is not None else when.astimezone()).date(),
                    published=r[2] is not None,
                    image_id=r[4],
                    file_name=r[5],
                    credit=r[6],
                    creator=r[7],
                    source=r[8],
                    copyright=r[9],
                    licence=r[10],
                )
            )
    rows.sort(key=lambda row: (row.date, row.story_id, row.image_id))
    return rows


def _safe_cell(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading = + - @ gets an apostrophe, as
    spreadsheets themselves do, so a hostile credit cannot become a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def credits_csv_text(rows: Iterable[CreditRow]) -> str:
    """The report as CSV text: a header row, then one row per picture per story."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([_safe_cell(cell) for cell in row.cells()])
    return out.getvalue()


def write_credits_csv(rows: Iterable[CreditRow], path: Path) -> None:
    """Save the report as CSV in UTF-8 with a byte-order mark, which Excel needs to show
    accented names right; written whole or not at all."""
    write_atomic(path, credits_csv_text(rows).encode("utf-8-sig"))
