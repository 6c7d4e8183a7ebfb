"""SQLite: an FTS5 table of Snowball stems, bm25 ranking, snippets marked in Python.

search_fts(stems, lang) has the same rowids as search_entry; its `stems` column is the text run
through text.stems() (lower case, no accents, Snowball stem per language) by the triggers. The
query goes through the same function, so `coopérer` and `coopération` meet at `cooper`, and
FTS5's unicode61 tokenizer (remove_diacritics 2) only has to split words. Phrases are FTS5
phrases over the stems, so word order and adjacency are checked by the index.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.html import escape

from ..text import Query, highlight


def match(entries: QuerySet, query: Query, languages: list[str]) -> QuerySet:
    """Entries matching the query, with a `rank` (higher is better)."""
    expressions = [e for e in (query.fts5(language) for language in languages) if e]
    if not expressions:
        return entries.none()
    return entries.extra(
        tables=["search_fts"],
        where=["search_fts.rowid = search_entry.id", "search_fts MATCH %s"],
        params=[" OR ".join(expressions)],
        # bm25 is lower for better matches; the lang column is not evidence (weight 0).
        select={"rank": "-bm25(search_fts, 1.0, 0.0)"},
    )


def candidates(entries: QuerySet, query: Query, languages: list[str], fields: tuple, limit: int, **kwargs):
    """The newest `limit` matches (see postgres.candidates): FTS5 finds them all, cheaply enough here."""
    return match(entries, query, languages).order_by("-id").values(*fields)[:limit], None


def with_snippets(entries: QuerySet, query: Query) -> QuerySet:
    return entries


def snippet(entry, query: Query) -> str:
    """The excerpt, HTML-escaped, with START/STOP marks."""
    text = entry.paragraph_text.text if entry.paragraph_text_id else entry.footnote_text.text
    return escape(highlight(text, query, entry.language_id))
