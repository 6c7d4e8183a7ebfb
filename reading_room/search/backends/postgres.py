"""PostgreSQL: tsvector column under GIN indexes, websearch_to_tsquery per language, ts_rank, ts_headline.

search_entry.vector is made by the triggers with the row's language configuration (en_unaccent,
fr_unaccent: unaccent, then the Snowball stemmer). A query is parsed once per language with that
language's configuration and matched only against rows of that language, each through that
language's partial GIN index.

Broad queries. Every search counts, facets and ranks at most SEARCH_MAX_HITS matches, the newest
(highest ids) first. For a selective query the GIN index finds all matches and the newest are
kept. For a query matching a large share of the corpus ("United Nations") that would mean
fetching hundreds of thousands of rows only to keep 500, so instead the newest rows are read
backwards along the primary key and tested one by one, which stops as soon as enough matches
are found (rows are 13 to a page, against a page per match through the index: this wins from
about 1 % of rows matching). Which way is likely is judged from PostgreSQL's own lexeme statistics
(pg_stats.most_common_elems); if the window turns out not to hold enough matches, the index
way is taken after all, so the result is the same either way.
"""

from __future__ import annotations

import math
import time

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, Replace
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape

from ..models import SearchEntry
from ..sql import CONFIGS
from ..text import START, STOP, Query, ellipsize, is_stopword, stem

SHORT = 300  # characters: a text this short is shown whole
MAX_WINDOW = 200_000  # most index rows a broad query reads one by one (about 15,000 pages)
STATISTICS_TTL = 600.0  # seconds

_statistics: dict = {"at": -STATISTICS_TTL, "frequencies": {}, "rows": 0}


class Vector(Expression):
    """search_entry.vector, a column only the PostgreSQL migration adds (so not a model field)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias('search_entry')}.vector", []


class UnindexedMatch(Func):
    """`vector @@ query` written so that the planner cannot take it to a GIN index."""

    template = "COALESCE(%(expressions)s, FALSE)"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Rank(SearchRank):
    """ts_rank through search_rank() (sql.py), which the planner leaves until after ORDER BY … LIMIT."""

    function = "search_rank"


class RowConfig(Func):
    """The text search configuration of the row's language."""

    function = "search_config"
    output_field = TextField()


def _query(query: Query, language: str) -> SearchQuery:
    return SearchQuery(query.websearch(), config=CONFIGS.get(language, "simple_unaccent"), search_type="websearch")


def match(entries: QuerySet, query: Query, languages: list[str], indexed: bool = True) -> QuerySet:
    """Entries matching the query, with a `rank` (higher is better)."""
    vector = Vector()
    condition = Q()
    ranks = []
    for language in languages:
        tsquery = _query(query, language)
        if indexed:
            condition |= Q(language_id=language, _vector=tsquery)
        else:
            condition |= Q(Q(language_id=language), UnindexedMatch(vector, tsquery))
        ranks.append(When(language_id=language, then=Rank(vector, tsquery, normalization=Value(1))))
    return (
        entries.alias(_vector=vector)
        .filter(condition)
        .annotate(rank=Case(*ranks, default=Value(0.0), output_field=FloatField()))
    )


def candidates(
    entries: QuerySet,
    query: Query,
    languages: list[str],
    fields: tuple,
    limit: int,
    narrowed: bool = False,
    tried: tuple[int, int] | None = None,
) -> tuple[QuerySet, int | None]:
    """How to look for the newest `limit` matches: (queryset, window). With a window (a number of
    newest rows read one by one) the answer only stands if it found `limit` matches, else call
    again with tried=(window, matches found) for the next way. `narrowed`: filters besides language."""
    statistics = table_statistics()
    # First from the statistics (filters other than language: say they keep a third), then from
    # what the window tried showed.
    share = tried[1] / tried[0] if tried else estimated_share(query, languages) / (3 if narrowed else 1)
    window = int(3 * limit / share) if share else 0  # three times the rows we expect to read
    if not window or window > MAX_WINDOW or window >= statistics["rows"] or (tried and window <= tried[0]):
        return match(entries, query, languages).order_by("-id").values(*fields)[:limit], None
    newest = SearchEntry.objects.order_by("-id").values("id")[window : window + 1]
    recent = entries.filter(id__gt=Coalesce(Subquery(newest), Value(0)))
    return match(recent, query, languages, indexed=False).order_by("-id").values(*fields)[:limit], window


def table_statistics() -> dict:
    """Rows in the index and the share of them holding each common lexeme, from ANALYZE (cached)."""
    if time.monotonic() - _statistics["at"] > STATISTICS_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
                "AND s.tablename = 'search_entry' AND s.attname = 'vector' "
                "WHERE c.oid = 'search_entry'::regclass"
            )
            elements, frequencies, rows = cursor.fetchone()
        _statistics["frequencies"] = dict(zip(elements, frequencies, strict=False)) if elements else {}
        _statistics["rows"] = max(rows or 0, 0)
        _statistics["at"] = time.monotonic()
    return _statistics


def estimated_share(query: Query, languages: list[str]) -> float:
    """About what share of index rows match. For words that must all be there, the rarest one's
    share is an upper bound (right when they go together) and the product of their shares a lower
    one (right when they are independent): take the geometric mean; halve it for a phrase."""
    frequencies = table_statistics()["frequencies"]
    share = 0.0
    for language in languages:
        for group in query.groups:
            shares = []
            for term in group:
                found = [frequencies.get(stem(w, language), 0.0) for w in term.words if not is_stopword(w, language)]
                if found and not term.negated:
                    shares.append(math.sqrt(min(found) * math.prod(found)) * (0.5 if term.phrase else 1.0))
            if shares:
                share = max(share, math.sqrt(min(shares) * math.prod(shares)))
    return share


def with_snippets(entries: QuerySet, query: Query) -> QuerySet:
    """Annotate `marked`: the text, or its best excerpts if it is long, HTML-escaped, matches between
    START and STOP (ts_headline). ts_headline drops anything that looks like an HTML tag, so it is
    given the text already escaped; entities pass through it unchanged."""
    config = RowConfig(F("language_id"))
    text = Coalesce(F("paragraph_text__text"), F("footnote_text__text"))
    escaped = text
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = Replace(escaped, Value(char), Value(entity))
    tsquery = SearchQuery(query.websearch(), config=config, search_type="websearch")
    options = {"config": config, "start_sel": START, "stop_sel": STOP}
    return entries.annotate(
        marked=Case(
            When(
                LessThanOrEqual(Length(text), SHORT),
                then=SearchHeadline(escaped, tsquery, highlight_all=True, **options),
            ),
            default=SearchHeadline(
                escaped,
                tsquery,
                max_words=20,
                min_words=10,
                short_word=2,
                max_fragments=2,
                fragment_delimiter=" … ",
                **options,
            ),
            output_field=TextField(),
        )
    )


def snippet(entry, query: Query) -> str:
    """The excerpt, HTML-escaped, with START/STOP marks."""
    text = entry.paragraph_text.text if entry.paragraph_text_id else entry.footnote_text.text
    return ellipsize(entry.marked, escape(text))
