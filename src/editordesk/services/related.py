"""Related links: a linked story's own details, and suggestions ranked by shared tags and
text the two stories have in common."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from editordesk.errors import NotFoundError
from editordesk.model import RelatedRecord
from editordesk.services.stories import list_stories
from editordesk.store.models import Story

# Words too common in news to say what a story is about.
_STOP = frozenset(
    "about after also again against among been before being between both could down during "
    "each from have having here into more most much must other over said says same should "
    "some such than that their them then there these they this those through under until "
    "very were what when where which while will with would your".split()
)
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Suggestion:
    """A story worth linking, and why."""

    story_id: int
    headline: str
    section: str
    shared_tags: tuple[str, ...]
    score: float


def related_from_story(session: Session, story_id: int) -> RelatedRecord:
    """A link to another story, with its title, date, section and excerpt filled in."""
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"story {story_id} is not in the store")
    return RelatedRecord(
        title=story.headline,
        story_id=story.id,
        story_slug=story.slug,
        date=story.publish_time.date() if story.publish_time else None,
        section=story.section,
        excerpt=story.standfirst,
    )


def _keywords(headline: str, body: str, limit: int = 12) -> list[str]:
    """The headline's words first, then the body's most frequent, common words left out."""
    seen: dict[str, int] = {}
    for word in _WORD.findall(headline.lower()):
        if word not in _STOP:
            seen[word] = seen.get(word, 0) + 100
    for word in _WORD.findall(body[:20_000].lower()):
        if word not in _STOP:
            seen[word] = seen.get(word, 0) + 1
    return [w for w, _ in sorted(seen.items(), key=lambda kv: -kv[1])][:limit]


def suggest_related(
    session: Session,
    *,
    headline: str,
    body: str,
    tags: Sequence[str],
    exclude: Sequence[int] = (),
    limit: int = 5,
) -> list[Suggestion]:
    """Stories that share tags or words with this one, best first."""
    terms = [f'tags:"{t}"' for t in tags if t.strip()] + _keywords(headline, body)
    if not terms:
        return []
    candidates = list_stories(session, query=" OR ".join(terms), limit=60)
    if not candidates:
        return []
    best = max(c.score or 0.0 for c in candidates) or 1.0
    own = {t.casefold() for t in tags}
    skip = set(exclude)
    ranked = []
    for c in candidates:
        if c.id in skip:
            continue
        shared = tuple(t for t in c.tags if t.casefold() in own)
        score = 2.0 * len(shared) + (c.score or 0.0) / best
        ranked.append(Suggestion(c.id, c.headline, c.section, shared, round(score, 3)))
    ranked.sort(key=lambda s: (-s.score, s.story_id))
    return ranked[:limit]
