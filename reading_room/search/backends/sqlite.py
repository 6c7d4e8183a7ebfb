"""SQLite: an FTS5 table of Snowball stems, bm25 ranking, snippets marked in Python.

search_fts(stems, lang) has the same rowids as search_entry; its `stems` column is the text run
through text.stems() (lower case, no accents, Snowball stem per language) by the triggers. The
query goes through the same function, so `coopérer` and `coopération` meet at `cooper`, and
FTS5's unicode61 tokenizer (remove_diacritics 2) only has to split words. Phrases are FTS5
phrases over the stems, so word order and adjacency are checked by the index.
"""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.expressions import RawSQL

from ..models import CANDIDATE_COLUMNS
from ..text import Query, highlight


def match(entries: QuerySet, query: Query, languages: list[str]) -> QuerySet:
    """Entries matching the query, with a `rank` (higher is better)."""
    expression = _fts5(query, languages)
    if not expression:
        return entries.none()
    return entries.extra(
        tables=["search_fts"],
        where=["search_fts.rowid = search_entry.id", "search_fts MATCH %s"],
        params=[expression],
        # bm25 is lower for better matches; the lang column is not evidence (weight 0).
        select={"rank": "-bm25(search_fts, 1.0, 0.0)"},
    )


def matching(entries: QuerySet, query: Query, languages: list[str]) -> QuerySet:
    """Every entry matching the query, unranked; the table left unnamed, so that it can be a
    subquery (Django renames the table there)."""
    expression = _fts5(query, languages)
    if not expression:
        return entries.none()
    return entries.filter(id__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]))


def _fts5(query: Query, languages: list[str]) -> str:
    """The FTS5 expression: the query in any of these languages."""
    return " OR ".join(e for e in (query.fts5(language) for language in languages) if e)


# The hits' documents' sponsorships, for the sponsor facet (query._stats).
SPONSORSHIPS = "JOIN documents_sponsorship s ON s.document_id = per_document.document_id"


def candidates(
    entries: QuerySet, query: Query, languages: list[str], limit: int, filters: tuple[str, ...] = ()
) -> list[tuple[str, list]]:
    """The newest `limit` matches, in one band (see postgres.candidates): FTS5 finds them all,
    cheaply enough here."""
    newest = match(entries, query, languages).order_by("-id").values(*CANDIDATE_COLUMNS, "rank")[:limit]
    return [newest.query.sql_with_params()]


def with_snippets(entries: QuerySet, query: Query) -> QuerySet:
    """No snippet from the database: snippet() marks the text in Python."""
    return entries.annotate(marked=Value(""))


def snippet(text: str, marked: str, query: Query, language: str) -> str:
    """The text (or its best part), HTML-escaped, matches in <mark> (text.highlight)."""
    return highlight(text, query, language)
