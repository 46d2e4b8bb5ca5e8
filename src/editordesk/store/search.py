"""Full-text search over headline, standfirst, body and tags.

An editor's query is parsed once into clauses, then written out for the engine in use: FTS5
MATCH syntax on SQLite, a tsquery on PostgreSQL. The query language is the one search boxes
teach people: words are ANDed, "quoted phrases", OR between alternatives, -word or NOT word to
exclude, word* for a prefix, and headline:/standfirst:/body:/tags: to look in one field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Float, Integer, Subquery, text
from sqlalchemy.orm import Session

from editordesk.errors import ValidationError

FIELDS = ("headline", "standfirst", "body", "tags")
# Relative weight of a hit in each field; a headline hit counts most.
FTS5_WEIGHTS = {"headline": 10.0, "standfirst": 4.0, "body": 1.0, "tags": 6.0}
PG_WEIGHT_LETTERS = {"headline": "A", "standfirst": "B", "tags": "C", "body": "D"}


@dataclass(frozen=True)
class Term:
    """One word, prefix or phrase, perhaps restricted to a field."""

    words: tuple[str, ...]
    field: str | None = None
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; a negated clause excludes what it matches."""

    alternatives: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)


_TOKEN = re.compile(
    r"""(?P<neg>-)?(?:(?P<field>[A-Za-z]+):)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))"""
)
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(query: str) -> Query:
    """Parse a search box's text; an empty or word-less query is a clear error."""
    # Each clause as its alternatives and whether it is negated; a long chain of ORs grows
    # one list rather than copying a tuple at every OR.
    clauses: list[tuple[list[Term], bool]] = []
    pending_or = False
    negate_next = False
    for m in _TOKEN.finditer(query):
        raw_word = m.group("word")
        if raw_word is not None and m.group("field") is None and not m.group("neg"):
            if raw_word == "OR":
                pending_or = bool(clauses)
                continue
            if raw_word in ("AND", "&&"):
                continue
            if raw_word == "NOT":
                negate_next = True
                continue
        field = (m.group("field") or "").lower() or None
        if field is not None and field not in FIELDS:
            # "3:30pm" or "re:think" are words, not field filters
            raw = m.group(0).lstrip("-")
            field, phrase_text, raw_word = None, None, raw
        else:
            phrase_text = m.group("phrase")
        source = phrase_text if phrase_text is not None else raw_word or ""
        words = tuple(w.lower() for w in _WORD.findall(source))
        if not words:
            continue
        prefix = phrase_text is None and source.endswith("*") and len(words) == 1
        term = Term(words, field, prefix)
        negated = bool(m.group("neg")) or negate_next
        negate_next = False
        if pending_or and not negated and not clauses[-1][1]:
            clauses[-1][0].append(term)
        else:
            clauses.append(([term], negated))
        pending_or = False
    query_obj = Query(tuple(Clause(tuple(terms), negated) for terms, negated in clauses))
    if not query_obj.positive:
        raise ValidationError(f"the search {query!r} has no words to look for")
    return query_obj


class SearchBackend(Protocol):
    """What the services need from an engine's full-text search."""

    def matches(self, query: Query, top: int | None = None) -> Subquery:
        """A subquery of (story_id, score) for matching stories, higher score ranks first;
        with `top`, only the best `top` of them (ranked inside the index, which is far quicker
        than joining every match to the stories first)."""
        ...


def _ranked(sql: str, params: dict[str, object], top: int | None) -> Subquery:
    """(story_id, score) from an engine's match query, best `top` only if given."""
    if top is not None:
        sql += " ORDER BY score DESC LIMIT :top"
        params = {**params, "top": top}
    return text(sql).bindparams(**params).columns(story_id=Integer, score=Float).subquery("fts")


class Fts5Search:
    """SQLite FTS5 over an external-content table kept current by triggers."""

    @staticmethod
    def _term(term: Term) -> str:
        # Words are \w+ runs, quoted, so punctuation in a query can never be FTS5 syntax.
        body = '"' + " ".join(term.words) + '"'
        if term.prefix:
            body += "*"
        return f"{term.field} : {body}" if term.field else body

    def match_expression(self, query: Query) -> str:
        parts: list[str] = []
        for clause in query.clauses:
            alts = [self._term(t) for t in clause.alternatives]
            expr = alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")"
            parts.append(("NOT " if clause.negated else "") + expr)
        # FTS5's NOT is binary: "a NOT b". Put positives first so each NOT has a left side.
        positives = [p for p in parts if not p.startswith("NOT ")]
        negatives = [p for p in parts if p.startswith("NOT ")]
        return " AND ".join(positives) + "".join(f" {n}" for n in negatives)

    def matches(self, query: Query, top: int | None = None) -> Subquery:
        weights = ", ".join(str(FTS5_WEIGHTS[f]) for f in FIELDS)
        sql = (
            f"SELECT rowid AS story_id, -bm25(stories_fts, {weights}) AS score "
            "FROM stories_fts WHERE stories_fts MATCH :fts_query"
        )
        return _ranked(sql, {"fts_query": self.match_expression(query)}, top)


class PostgresSearch:
    """PostgreSQL full-text search over a weighted tsvector kept by a trigger."""

    @staticmethod
    def _lexeme(word: str, term: Term) -> str:
        quoted = "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"
        suffix = ""
        if term.prefix:
            suffix += "*"
        if term.field:
            suffix += PG_WEIGHT_LETTERS[term.field]
        return quoted + (":" + suffix if suffix else "")

    def tsquery_text(self, query: Query) -> str:
        parts = []
        for clause in query.clauses:
            alts = [
                "(" + " <-> ".join(self._lexeme(w, t) for w in t.words) + ")"
                for t in clause.alternatives
            ]
            expr = "(" + " | ".join(alts) + ")"
            parts.append(("!" if clause.negated else "") + expr)
        return " & ".join(parts)

    def matches(self, query: Query, top: int | None = None) -> Subquery:
        sql = (
            "SELECT story_id, ts_rank_cd(document, q) AS score "
            "FROM story_search, to_tsquery('english', :ts_query) AS q "
            "WHERE document @@ q"
        )
        return _ranked(sql, {"ts_query": self.tsquery_text(query)}, top)


def backend_for(session: Session) -> SearchBackend:
    name = session.get_bind().dialect.name
    if name == "sqlite":
        return Fts5Search()
    if name == "postgresql":
        return PostgresSearch()
    raise ValidationError(f"full-text search is not available on {name}")


def matches(session: Session, query: str, top: int | None = None) -> Subquery:
    """(story_id, score) of stories matching `query` (the best `top`), on this engine."""
    return backend_for(session).matches(parse_query(query), top)
