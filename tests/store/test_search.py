from __future__ import annotations

import pytest

from editordesk.errors import ValidationError
from editordesk.services.stories import StoryDraft, create_story, list_stories
from editordesk.store.db import Store
from editordesk.store.search import Fts5Search, PostgresSearch, Term, parse_query


def test_query_language_is_parsed_into_clauses() -> None:
    q = parse_query('harbour "sea wall" ferry OR boat -storm headline:council tid*')
    assert [c.negated for c in q.clauses] == [False, False, False, True, False, False]
    assert q.clauses[1].alternatives == (Term(("sea", "wall")),)
    assert q.clauses[2].alternatives == (Term(("ferry",)), Term(("boat",)))
    assert q.clauses[4].alternatives == (Term(("council",), field="headline"),)
    assert q.clauses[5].alternatives == (Term(("tid",), prefix=True),)


def test_a_long_chain_of_ors_is_one_clause_in_order() -> None:
    q = parse_query(" OR ".join(f"word{i}" for i in range(3000)) + " -storm")
    [either, storm] = q.clauses
    assert [t.words for t in either.alternatives] == [(f"word{i}",) for i in range(3000)]
    assert storm.negated and storm.alternatives == (Term(("storm",)),)


def test_a_query_with_no_words_is_a_clear_error() -> None:
    for text in ("", "   ", '""', "-harbour", "NOT ferry", "*** ()"):
        with pytest.raises(ValidationError, match="no words"):
            parse_query(text)


def test_engine_syntax_is_quoted_so_no_query_breaks_it() -> None:
    q = parse_query('AND" (x OR) NEAR(a b) col:umn "unterminated')
    assert '"' in Fts5Search().match_expression(q)
    assert "'" in PostgresSearch().tsquery_text(q)


@pytest.fixture
def newsroom(store: Store) -> Store:
    stories = [
        ("Harbour wall gives way", "Storm damage", "The sea wall at Port Ellan failed.", ["storm"]),
        ("Council meets on budget", "", "Councillors will discuss the harbour levy.", ["budget"]),
        ("Ferry sailings cut", "", "The ferry will sail twice a day.", ["transport"]),
        ("Boat show opens", "", "Hundreds of boats on the quay; no storms forecast.", ["leisure"]),
        ("Tidal energy plan", "", "Engineers propose tidal turbines near the wall.", ["energy"]),
    ]
    with store.write() as session:
        for headline, standfirst, body, tags in stories:
            create_story(
                session,
                StoryDraft(headline=headline, standfirst=standfirst, body=body, tags=tuple(tags)),
                author="t",
            )
    return store


def _found(store: Store, query: str, **filters: object) -> list[str]:
    with store.read() as session:
        return [s.headline for s in list_stories(session, query=query, **filters)]  # type: ignore[arg-type]


def test_words_are_all_required_and_stemmed(newsroom: Store) -> None:
    assert _found(newsroom, "sea wall") == ["Harbour wall gives way"]
    assert set(_found(newsroom, "storms")) == {"Harbour wall gives way", "Boat show opens"}


def test_phrase_or_not_prefix_and_field(newsroom: Store) -> None:
    assert _found(newsroom, '"twice a day"') == ["Ferry sailings cut"]
    assert set(_found(newsroom, "ferry OR boats")) == {"Ferry sailings cut", "Boat show opens"}
    assert _found(newsroom, "storm -harbour") == ["Boat show opens"]
    assert _found(newsroom, "tid*") == ["Tidal energy plan"]
    assert _found(newsroom, "headline:harbour") == ["Harbour wall gives way"]
    assert _found(newsroom, "tags:budget") == ["Council meets on budget"]


def test_headline_hits_rank_above_body_hits(newsroom: Store) -> None:
    assert _found(newsroom, "harbour") == ["Harbour wall gives way", "Council meets on budget"]


def test_search_combines_with_filters_and_follows_edits(newsroom: Store) -> None:
    from editordesk.services.stories import get_story, save_story

    assert _found(newsroom, "ferry", status="published") == []
    with newsroom.write() as session:
        ferry = get_story(session, 3)
        from dataclasses import replace

        save_story(
            session,
            3,
            replace(ferry.draft(), body="Sailings resume on Monday."),
            base_version=ferry.version,
            author="t",
        )
    assert _found(newsroom, "twice") == []
    assert _found(newsroom, "monday") == ["Ferry sailings cut"]


def test_punctuation_never_reaches_the_engine_as_syntax(newsroom: Store) -> None:
    both = ["Harbour wall gives way", "Tidal energy plan"]
    for text in ['"wall', "wall)", "(wall", "wall AND", "wall:", "wall^"]:
        assert _found(newsroom, text) == both, text  # the word, not an engine error
    # Punctuation inside a word keeps its parts together, as a phrase.
    assert _found(newsroom, "sea-wall") == ["Harbour wall gives way"]
    assert _found(newsroom, "NEAR(wall)") == []  # "near the wall", not "near wall"
    assert _found(newsroom, "w'all") == []
