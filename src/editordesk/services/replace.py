"""Find & Replace across stories: a preview of every change (story, line, before, after)
first, then one new revision per changed story whose note says what was replaced, so
History can put it back. Stories someone is editing, and stories changed since the preview,
are skipped and named.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editordesk.errors import ConflictError, EditorDeskError, ValidationError
from editordesk.model import StoryDraft, StoryRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FIELDS = ("headline", "standfirst", "byline", "dateline", "body")
MAX_NOTE = 300


@dataclass(frozen=True)
class FindSpec:
    """What to find and what to put in its place."""

    find: str
    replace: str = ""
    match_case: bool = False
    whole_words: bool = False
    regex: bool = False

    def pattern(self) -> re.Pattern[str]:
        """The compiled search; ValidationError with one line if the expression is bad."""
        if not self.find:
            raise ValidationError("there is nothing to find")
        source = self.find if self.regex else re.escape(self.find)
        if self.whole_words:
            source = rf"(?<!\w)(?:{source})(?!\w)"
        try:
            return re.compile(source, 0 if self.match_case else re.IGNORECASE)
        except re.error as exc:
            raise ValidationError(f"the regular expression is not valid: {exc}") from None

    def substitute(self, match: re.Match[str]) -> str:
        if not self.regex:
            return self.replace
        try:
            return match.expand(self.replace)
        except (re.error, IndexError) as exc:
            raise ValidationError(f"the replacement is not valid: {exc}") from None


@dataclass(frozen=True)
class Change:
    """One line that changes: where, and how it reads before and after."""

    story_id: int
    headline: str
    field: str
    line: int | None  # in the body (1-based)
    before: str
    after: str
    count: int


@dataclass(frozen=True)
class Plan:
    """Every change a replace would make, with the version each story was read at."""

    spec: FindSpec
    changes: tuple[Change, ...]
    versions: dict[int, int]
    skipped: tuple[tuple[int, str], ...]  # (story id, why) found while looking


@dataclass(frozen=True)
class ReplaceResult:
    changed: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...]  # (story id, why: locked by, changed since)


def replace_in_text(text: str, spec: FindSpec, pattern: re.Pattern[str]) -> tuple[str, int]:
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return spec.substitute(m)

    return pattern.sub(sub, text), count


def changes_in(record: StoryRecord, spec: FindSpec, pattern: re.Pattern[str]) -> list[Change]:
    fields = {name: getattr(record, name) for name in FIELDS}
    return changes_in_fields(record.id, record.headline, fields, spec, pattern)


def changes_in_fields(
    story_id: int,
    headline: str,
    fields: dict[str, str],
    spec: FindSpec,
    pattern: re.Pattern[str],
) -> list[Change]:
    """Each line (of the body) or field that would change, in the order of FIELDS."""
    found = []
    for name in FIELDS:
        value = fields.get(name, "")
        if name == "body":
            for number, line in enumerate(value.split("\n"), start=1):
                after, count = replace_in_text(line, spec, pattern)
                if count:
                    found.append(Change(story_id, headline, name, number, line, after, count))
        else:
            after, count = replace_in_text(value, spec, pattern)
            if count:
                found.append(Change(story_id, headline, name, None, value, after, count))
    return found


def plan_replace(session: Session, story_ids: Sequence[int], spec: FindSpec) -> Plan:
    """Every change replacing would make in the stories, nothing written."""
    from editordesk.services.stories import get_story

    pattern = spec.pattern()
    changes: list[Change] = []
    versions: dict[int, int] = {}
    skipped: list[tuple[int, str]] = []
    for story_id in story_ids:
        try:
            record = get_story(session, story_id)
        except EditorDeskError as exc:
            skipped.append((story_id, str(exc)))
            continue
        versions[story_id] = record.version
        changes.extend(changes_in(record, spec, pattern))
    return Plan(spec, tuple(changes), versions, tuple(skipped))


def note_for(spec: FindSpec, count: int) -> str:
    times = f"{count} time{'s' * (count != 1)}"
    note = f"Replaced “{spec.find}” with “{spec.replace}” ({times})"
    return note if len(note) <= MAX_NOTE else note[: MAX_NOTE - 1] + "…"


def apply_replace(
    store: object, plan: Plan, *, author: str, window: str | None = None
) -> ReplaceResult:
    """Make the planned changes, one transaction and one revision per story; a story locked
    by someone else, or saved since the preview, is skipped and named."""
    from editordesk.services.locks import lock_of
    from editordesk.services.stories import get_story, save_story
    from editordesk.store.db import Store

    assert isinstance(store, Store)
    pattern = plan.spec.pattern()
    changed: list[int] = []
    skipped = list(plan.skipped)
    for story_id in dict.fromkeys(c.story_id for c in plan.changes):
        try:
            with store.write() as session:
                lock = lock_of(session, story_id)
                if lock is not None and lock.window != window:
                    skipped.append((story_id, f"being edited by {lock.holder}"))
                    continue
                record = get_story(session, story_id)
                if record.version != plan.versions[story_id]:
                    raise ConflictError(story_id, plan.versions[story_id], record.version)
                draft = record.draft()
                total = 0
                values: dict[str, Any] = {}
                for name in FIELDS:
                    new, count = replace_in_text(getattr(draft, name), plan.spec, pattern)
                    values[name] = new
                    total += count
                if not total:
                    continue
                # slug None: the slug stays as it is (a headline change never moves it here)
                new_draft: StoryDraft = dataclasses.replace(draft, slug=None, **values)
                save_story(
                    session,
                    story_id,
                    new_draft,
                    base_version=record.version,
                    author=author,
                    note=note_for(plan.spec, total),
                    window=window,
                    force=True,
                )
            changed.append(story_id)
        except ConflictError:
            skipped.append((story_id, "changed by someone else since the preview"))
        except EditorDeskError as exc:
            skipped.append((story_id, str(exc)))
    return ReplaceResult(tuple(changed), tuple(skipped))
