"""What changed between two versions of a story, worked out without Qt so it can be tested
and reused: paired body lines with their changed words, and the fields that differ."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from editordesk.model import StoryDraft

# A line is split into words, runs of spaces and single punctuation marks, so a changed
# comma highlights the comma, not the word beside it. Every character is in exactly one token.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Two lines in a replaced block are shown side by side when at least this share of their
# words match; below it they are still paired in order, as plain rewrites.
_SIMILAR = 0.5
# Pairing by similarity compares every old line of a replaced block with every new one;
# past this many comparisons the lines are paired in order instead, so a rewrite of a
# very long story stays quick.
_MAX_COMPARISONS = 1_000
# difflib compares inputs whole when they are this small (lines x lines, or words x words);
# it slows down with the square of their size, and worse when they share many short runs
# (a paragraph edited every few lines took 12 s at 4,000 lines). Larger inputs are first
# anchored on the elements that occur once in each, as patience diff does, and difflib
# compares only the stretches between anchors; a stretch too large even so is shown as
# replaced, so the work stays in proportion to the text.
_DIFFLIB_LIMIT = 250_000

# Between anchors, difflib compares stretches up to this size; larger ones are anchored again
# on what occurs once in each of them.
_STRETCH_LIMIT = 10_000

Opcode = tuple[str, int, int, int, int]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class RowKind(enum.StrEnum):
    """How a row's two sides relate, so a view can tint whole lines."""

    EQUAL = "equal"
    CHANGED = "changed"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of one side of a row that differ from the other side."""

    start: int
    end: int


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side view.

    `old` is None on an inserted row and `new` on a deleted one; otherwise each is a line of
    the text without its "\\n", so joining a side's lines with "\\n" gives that text back.
    The spans mark the characters that differ: words within a changed line, the whole line on
    an inserted or deleted one, nothing on an equal one.
    """

    kind: RowKind
    old: str | None
    new: str | None
    old_spans: tuple[Span, ...] = ()
    new_spans: tuple[Span, ...] = ()

    @property
    def old_changes(self) -> tuple[str, ...]:
        """The changed pieces of the old line, as the reader sees them highlighted."""
        return tuple((self.old or "")[s.start : s.end] for s in self.old_spans)

    @property
    def new_changes(self) -> tuple[str, ...]:
        """The changed pieces of the new line."""
        return tuple((self.new or "")[s.start : s.end] for s in self.new_spans)


@dataclass(frozen=True)
class FieldChange:
    """A story field (other than the body) that differs, with both values ready to show."""

    name: str
    label: str
    old: str
    new: str


# ---------------------------------------------------------------- body lines


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """Rows pairing the lines of `old` and `new`, with word-level spans on changed lines."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    rows: list[DiffRow] = []
    # Blank lines separate paragraphs everywhere, so they may not anchor a match on their own:
    # otherwise two rewritten paragraphs line up on the blank line between them.
    for tag, o1, o2, n1, n2 in _opcodes(old_lines, new_lines, _is_blank):
        if tag == "equal":
            rows += [DiffRow(RowKind.EQUAL, line, line) for line in old_lines[o1:o2]]
        elif tag == "delete":
            rows += [_deleted(line) for line in old_lines[o1:o2]]
        elif tag == "insert":
            rows += [_inserted(line) for line in new_lines[n1:n2]]
        else:
            rows += _replaced(old_lines[o1:o2], new_lines[n1:n2])
    return rows


def _opcodes(old: Sequence[str], new: Sequence[str], junk: Callable[[str], bool]) -> list[Opcode]:
    """difflib's opcodes turning `old` into `new` (`junk` elements never start a match), in
    time in proportion to their length for long inputs (see _DIFFLIB_LIMIT)."""
    if len(old) * len(new) <= _DIFFLIB_LIMIT:
        return list(SequenceMatcher(junk, old, new, autojunk=False).get_opcodes())
    merged: list[Opcode] = []
    for op in _anchored(old, new, 0, len(old), 0, len(new), junk, 0):
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if merged and op[0] == "equal" and merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], op[2], merged[-1][3], op[4])
        else:
            merged.append(op)
    return merged


_MAX_ANCHOR_DEPTH = 40


def _anchored(
    old: Sequence[str],
    new: Sequence[str],
    o1: int,
    o2: int,
    n1: int,
    n2: int,
    junk: Callable[[str], bool],
    depth: int,
) -> list[Opcode]:
    """Opcodes for old[o1:o2] -> new[n1:n2]: the common start and end, then the elements
    that occur once in each as anchors, and the stretches between them the same way."""
    head: list[Opcode] = []
    tail: list[Opcode] = []
    start = o1
    while o1 < o2 and n1 < n2 and old[o1] == new[n1]:
        o1, n1 = o1 + 1, n1 + 1
    head.append(("equal", start, o1, n1 - (o1 - start), n1))
    end = o2
    while o1 < o2 and n1 < n2 and old[o2 - 1] == new[n2 - 1]:
        o2, n2 = o2 - 1, n2 - 1
    tail.append(("equal", o2, end, n2, n2 + (end - o2)))
    if o1 == o2 or n1 == n2 or (o2 - o1) * (n2 - n1) <= _STRETCH_LIMIT:
        return head + _between(old, new, o1, o2, n1, n2, junk) + tail
    anchors = _anchors(old, new, o1, o2, n1, n2, junk) if depth < _MAX_ANCHOR_DEPTH else []
    if not anchors:
        return [*head, ("replace", o1, o2, n1, n2), *tail]
    ops = head
    for i, j in anchors:
        ops += _anchored(old, new, o1, i, n1, j, junk, depth + 1)
        ops.append(("equal", i, i + 1, j, j + 1))
        o1, n1 = i + 1, j + 1
    return ops + _anchored(old, new, o1, o2, n1, n2, junk, depth + 1) + tail


def _anchors(
    old: Sequence[str],
    new: Sequence[str],
    o1: int,
    o2: int,
    n1: int,
    n2: int,
    junk: Callable[[str], bool],
) -> list[tuple[int, int]]:
    """Pairs (i, j) with old[i] == new[j] occurring once in each of old[o1:o2] and
    new[n1:n2], the longest run of them in the same order in both."""
    once_old: dict[str, int] = {}
    for i in range(o1, o2):
        once_old[old[i]] = -1 if old[i] in once_old else i
    once_new: dict[str, int] = {}
    for j in range(n1, n2):
        once_new[new[j]] = -1 if new[j] in once_new else j
    pairs = sorted(
        (i, once_new[x])
        for x, i in once_old.items()
        if i >= 0 and once_new.get(x, -1) >= 0 and not junk(x)
    )
    # The longest increasing run of new positions (patience sorting, n log n).
    tops: list[int] = []  # the new position ending the best run of each length
    top_at: list[int] = []  # which pair that is
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            top_at.append(k)
        else:
            tops[length], top_at[length] = j, k
        back.append(top_at[length - 1] if length else -1)
    chain: list[tuple[int, int]] = []
    k = top_at[-1] if top_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _between(
    old: Sequence[str],
    new: Sequence[str],
    o1: int,
    o2: int,
    n1: int,
    n2: int,
    junk: Callable[[str], bool],
) -> list[Opcode]:
    """Opcodes for a stretch small enough for difflib (or with nothing on one side)."""
    if o1 == o2 and n1 == n2:
        return []
    if o1 == o2:
        return [("insert", o1, o2, n1, n2)]
    if n1 == n2:
        return [("delete", o1, o2, n1, n2)]
    matcher = SequenceMatcher(junk, old[o1:o2], new[n1:n2], autojunk=False)
    return [(tag, o1 + a, o1 + b, n1 + c, n1 + d) for tag, a, b, c, d in matcher.get_opcodes()]


def _is_blank(line: str) -> bool:
    return not line.strip()


def _deleted(line: str) -> DiffRow:
    return DiffRow(RowKind.DELETED, line, None, old_spans=_whole(line))


def _inserted(line: str) -> DiffRow:
    return DiffRow(RowKind.INSERTED, None, line, new_spans=_whole(line))


def _whole(line: str) -> tuple[Span, ...]:
    return (Span(0, len(line)),) if line else ()


def _changed(old: str, new: str) -> DiffRow:
    if old == new:
        return DiffRow(RowKind.EQUAL, old, new)
    old_spans, new_spans = word_spans(old, new)
    return DiffRow(RowKind.CHANGED, old, new, old_spans, new_spans)


def _tokens(line: str) -> list[str]:
    return _TOKEN.findall(line)


def word_spans(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The spans of `old` and of `new` that differ, word by word.

    Two changes separated only by spaces become one span, so "brown fox" -> "red dog" reads
    as one change rather than two with an unmarked space between."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    old_starts, new_starts = _offsets(old_tokens), _offsets(new_tokens)
    # Spaces may not start a match (there are too many of them to be telling, and matching
    # on them is slow); they still join the matched words around them.
    merged: list[list[int]] = []  # [old_start, old_end, new_start, new_end]
    gap_is_space = False
    for tag, o1, o2, n1, n2 in _opcodes(old_tokens, new_tokens, str.isspace):
        if tag == "equal":
            gap_is_space = all(token.isspace() for token in old_tokens[o1:o2])
            continue
        span = [old_starts[o1], old_starts[o2], new_starts[n1], new_starts[n2]]
        if merged and gap_is_space:
            merged[-1][1], merged[-1][3] = span[1], span[3]
        else:
            merged.append(span)
        gap_is_space = True  # two changes with nothing between them join too
    old_spans = tuple(Span(a, b) for a, b, _, _ in merged if a < b)
    new_spans = tuple(Span(c, d) for _, _, c, d in merged if c < d)
    return old_spans, new_spans


def _offsets(tokens: Sequence[str]) -> list[int]:
    """Where each token starts, plus the end of the line, for turning token runs into spans."""
    starts = [0]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts


def _replaced(old_lines: Sequence[str], new_lines: Sequence[str]) -> list[DiffRow]:
    """Rows for a block of old lines replaced by new ones.

    The most alike lines are paired first (as difflib's Differ does), so a paragraph added
    above an edited one shows as an insertion plus an edit, not as two rewrites."""
    if len(old_lines) * len(new_lines) > _MAX_COMPARISONS:
        return _in_order(old_lines, new_lines)
    old_words = [[t for t in _tokens(line) if not t.isspace()] for line in old_lines]
    scores: dict[tuple[int, int], float] = {}
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    for j, line in enumerate(new_lines):
        new_words = [t for t in _tokens(line) if not t.isspace()]
        matcher.set_seq2(new_words)
        blank = _is_blank(line)
        for i, words in enumerate(old_words):
            if blank or _is_blank(old_lines[i]):
                if blank and _is_blank(old_lines[i]):
                    scores[i, j] = _SIMILAR  # blank lines pair up, after the real matches
                continue
            matcher.set_seq1(words)
            if matcher.real_quick_ratio() >= _SIMILAR and matcher.quick_ratio() >= _SIMILAR:
                # Two very long lines: the words they share, counted, stand in for difflib's
                # ratio, which would compare them word by word against each other.
                long = len(words) * len(new_words) > _DIFFLIB_LIMIT
                score = matcher.quick_ratio() if long else matcher.ratio()
                if score >= _SIMILAR:
                    scores[i, j] = score
    rows: list[DiffRow] = []
    _pair_alike(old_lines, new_lines, scores, 0, len(old_lines), 0, len(new_lines), rows.append)
    return rows


def _pair_alike(
    old_lines: Sequence[str],
    new_lines: Sequence[str],
    scores: dict[tuple[int, int], float],
    o1: int,
    o2: int,
    n1: int,
    n2: int,
    emit: Callable[[DiffRow], None],
) -> None:
    best: tuple[float, int, int] | None = None
    for (i, j), score in scores.items():
        if o1 <= i < o2 and n1 <= j < n2 and (best is None or score > best[0]):
            best = (score, i, j)
    if best is None:
        for row in _in_order(old_lines[o1:o2], new_lines[n1:n2]):
            emit(row)
        return
    _, i, j = best
    _pair_alike(old_lines, new_lines, scores, o1, i, n1, j, emit)
    emit(_changed(old_lines[i], new_lines[j]))
    _pair_alike(old_lines, new_lines, scores, i + 1, o2, j + 1, n2, emit)


def _in_order(old_lines: Sequence[str], new_lines: Sequence[str]) -> list[DiffRow]:
    """Pair lines in order; a blank line and a written one are a deletion and an insertion,
    since there are no words to compare."""
    rows: list[DiffRow] = []
    paired = min(len(old_lines), len(new_lines))
    for a, b in zip(old_lines[:paired], new_lines[:paired], strict=True):
        if _is_blank(a) == _is_blank(b):
            rows.append(_changed(a, b))
        else:
            rows += [_deleted(a), _inserted(b)]
    rows += [_deleted(line) for line in old_lines[paired:]]
    rows += [_inserted(line) for line in new_lines[paired:]]
    return rows


# ---------------------------------------------------------------- fields


def display_time(moment: dt.datetime) -> str:
    """A moment in the computer's time zone, as "27 Nov 2026 21:14" whatever the locale."""
    local = moment.astimezone()
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} {local:%H:%M}"


def _publish_text(draft: StoryDraft) -> str:
    return display_time(draft.publish_time) if draft.publish_time else ""


def _related_text(draft: StoryDraft) -> str:
    parts = []
    for link in draft.related:
        target = link.url or link.story_slug or (f"story {link.story_id}" if link.story_id else "")
        parts.append(f"{link.title} ({target})" if target else link.title)
    return "; ".join(parts)


_FIELDS: tuple[tuple[str, str, Callable[[StoryDraft], str]], ...] = (
    ("headline", "Headline", lambda d: d.headline),
    ("standfirst", "Standfirst", lambda d: d.standfirst),
    ("byline", "Byline", lambda d: d.byline),
    ("dateline", "Dateline", lambda d: d.dateline),
    ("section", "Section", lambda d: d.section),
    ("tags", "Tags", lambda d: ", ".join(d.tags)),
    ("status", "Status", lambda d: str(d.status).capitalize()),
    ("publish_time", "Publish time", _publish_text),
    ("slug", "Slug", lambda d: d.slug or ""),
    ("related", "Related links", _related_text),
)


def field_changes(old: StoryDraft, new: StoryDraft) -> list[FieldChange]:
    """The fields other than the body that differ, in the order the editor's form shows them.

    A draft with no slug keeps the story's slug when saved, so a missing slug is no change."""
    changes = []
    for name, label, show in _FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if name == "slug" and (before is None or after is None):
            continue
        if before != after:
            changes.append(FieldChange(name, label, show(old), show(new)))
    return changes
