"""PostgreSQL: tsvector column under GIN indexes, websearch_to_tsquery per language, ts_rank, ts_headline.

search_entry.vector is made by the triggers with the row's language configuration (en_unaccent,
fr_unaccent: unaccent, then the Snowball stemmer). A query is parsed once per language with that
language's configuration and matched only against rows of that language, each through that
language's partial GIN index.

Broad queries. Every search counts, facets and ranks at most SEARCH_MAX_HITS matches, the newest
(highest ids) first. Reading a matching row costs about a heap page, so fetching every match to
keep 500 is what makes a search slow. Three ways (candidates()), by the share of rows matching:
- rare (all matches fit a few pages' reading): INDEX, the GIN index finds them all;
- middling (under 2 %): RANGE, the GIN bitmap ANDed with a BRIN index's pages of the newest ids
  (migration 0003; rows go in in id order), so only matches among the newest rows are read;
- common: SCAN, the newest rows read backwards along the primary key and tested one by one, which
  stops as soon as enough matches are found (13 rows a page against a page per match).
The share is estimated from PostgreSQL's lexeme statistics (pg_stats.most_common_elems) for the
query's lexemes as PostgreSQL makes them. A range or a scan covers a window of newest rows sized
for three times the matches needed; if it finds too few, the share it saw sizes the next way,
ending with INDEX, so the result is the same whichever way found it.
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
from ..text import START, STOP, Query, ellipsize

SHORT = 300  # characters: a text this short is shown whole
# Ways to find the newest matches (candidates()): all matches through the GIN index; the GIN
# index within a range of newest ids; or the newest rows read one by one along the primary key.
INDEX, RANGE, SCAN = "index", "range", "scan"
SCAN_SHARE = 0.02  # from this share of rows matching, reading rows one by one is the fastest
MIN_KEPT = 0.25  # a range under filters keeping fewer rows reads too many matches they drop
# Filters (query.FILTERS) on columns of the GIN indexes (sql.PG_FILTER_COLUMNS; the language picks
# the index): the index leaves out the matches they drop, so no row is read only to be dropped.
INDEXED_FILTERS = ("lang", "kind", "body", "type")
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


class HiddenMatch(Func):
    """`vector @@ (SELECT query)`: the query is a parameter the planner cannot look into, so it
    takes the default share of matches (0.5 %) rather than its estimate from lexeme statistics,
    which supposes words independent and can be off a hundredfold. With an id range, it then
    always intersects the GIN bitmap with the primary key's range before reading rows."""

    template = "%(vector)s @@ (SELECT %(query)s)"
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        (vector, vector_params), (query, query_params) = (compiler.compile(e) for e in self.source_expressions)
        return self.template % {"vector": vector, "query": query}, [*vector_params, *query_params]


class Rank(SearchRank):
    """ts_rank through search_rank() (sql.py), which the planner leaves until after ORDER BY … LIMIT."""

    function = "search_rank"


class RowConfig(Func):
    """The text search configuration of the row's language."""

    function = "search_config"
    output_field = TextField()


def _query(query: Query, language: str) -> SearchQuery:
    return SearchQuery(query.websearch(), config=CONFIGS.get(language, "simple_unaccent"), search_type="websearch")


def match(entries: QuerySet, query: Query, languages: list[str], way: str = INDEX) -> QuerySet:
    """Entries matching the query, with a `rank` (higher is better). `way`: how candidates() reads them."""
    vector = Vector()
    condition = Q()
    ranks = []
    for language in languages:
        tsquery = _query(query, language)
        if way == INDEX:
            condition |= Q(language_id=language, _vector=tsquery)
        else:
            matches = UnindexedMatch(vector, tsquery) if way == SCAN else HiddenMatch(vector, tsquery)
            condition |= Q(Q(language_id=language), matches)
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
    kept: float = 1.0,
    late: float | None = None,
    tried: tuple[int, int] | None = None,
) -> tuple[QuerySet, int | None]:
    """How to look for the newest `limit` matches: (queryset, window). With a window (about that
    many newest rows were searched) the answer only stands if it found `limit` matches, else call
    again with tried=(window, matches found) for the next way. `kept`: about the share of rows
    the filters other than language keep; `late`: the share kept by those of them the GIN index
    does not apply (not INDEXED_FILTERS), which drop rows only once read (default: `kept`)."""
    statistics = table_statistics()
    if tried:  # what the window showed
        likely = most = tried[1] / tried[0]
    else:
        likely, most = (share * kept for share in estimated_share(query, languages))
    late = kept if late is None else late
    way, window = _way(likely, most, late, statistics["rows"], limit, tried[0] if tried else 0)
    if way == SCAN:
        newest = SearchEntry.objects.order_by("-id").values("id")[window : window + 1]
        recent = entries.filter(id__gt=Coalesce(Subquery(newest), Value(0)))
    elif way == RANGE and (bound := newest_bound(window, statistics)) is not None:
        recent = entries.filter(id__gt=bound)
    else:
        way, window, recent = INDEX, None, entries
    # In a range, newest first but not along the primary key, which would read the range row by row.
    order = (F("id") + 0).desc() if way == RANGE else "-id"
    return match(recent, query, languages, way).order_by(order).values(*fields)[:limit], window


def _way(likely: float, most: float, late: float, rows: int, limit: int, tried: int) -> tuple[str, int]:
    """SCAN for a common query, RANGE for a middling one, INDEX for a rare one, with its window:
    three times the rows expected to hold `limit` matches. A scan wasted on too few matches costs
    the most, so it goes by the likely share of matching rows. A range reads every match of the
    words in it, so it goes by a share between the likely and the most (too many matches cost
    more than a second, wider range), and leaves selective filters that the GIN index does not
    apply (`late`: the share of read rows they keep) to the index way (the planner then starts
    from the sponsor's documents)."""
    if likely >= SCAN_SHARE:
        way, window = SCAN, 3 * limit / likely
    elif likely > 0 and late >= MIN_KEPT:
        way, window = RANGE, 3 * limit / math.sqrt(likely * most)
    else:
        return INDEX, 0
    if window >= rows or window <= tried:
        return INDEX, 0
    return way, int(window)


def newest_bound(window: int, statistics: dict) -> int | None:
    """About the id of the `window`-th newest row, from the histogram of ids (None: all rows)."""
    bounds, rows = statistics.get("bounds") or [], statistics["rows"]
    if len(bounds) < 2 or not rows:
        return None
    # the bounds cut the rows into equal parts, the newest last
    position = (len(bounds) - 1) * (1 - window / rows)
    if position <= 0:
        return None
    below = int(position)
    above = bounds[min(below + 1, len(bounds) - 1)]
    return int(bounds[below] + (above - bounds[below]) * (position - below))


def table_statistics() -> dict:
    """Rows in the index, the share of them holding each common lexeme and the histogram of ids,
    from ANALYZE (cached)."""
    if time.monotonic() - _statistics["at"] > STATISTICS_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples, "
                "h.histogram_bounds::text::bigint[] FROM pg_class c "
                "LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
                "AND s.tablename = 'search_entry' AND s.attname = 'vector' "
                "LEFT JOIN pg_stats h ON h.schemaname = current_schema() "
                "AND h.tablename = 'search_entry' AND h.attname = 'id' "
                "WHERE c.oid = 'search_entry'::regclass"
            )
            elements, frequencies, rows, bounds = cursor.fetchone()
        _statistics["frequencies"] = dict(zip(elements, frequencies, strict=False)) if elements else {}
        _statistics["rows"] = max(rows or 0, 0)
        _statistics["bounds"] = bounds or []
        _statistics["at"] = time.monotonic()
    return _statistics


def estimated_share(query: Query, languages: list[str]) -> tuple[float, float]:
    """About what share of index rows match, likely and at most. A term matches at most as often
    as its rarest lexeme (half that for a phrase of words, not a compound: _phrase()). Terms that
    must all be there match at most as often as the rarest (when they go together) and at least
    as the product of their shares (when they are independent): likely the geometric mean. Groups
    between "or" add up; the most of any language counts. Lexemes as PostgreSQL makes them (its
    stems differ from Snowball's here and there; compounds): one query."""
    frequencies = table_statistics()["frequencies"]
    lexemes = iter(_lexemes(query, languages))
    likely = most = 0.0
    for _language in languages:
        groups = []
        for group in query.groups:
            terms = [(term, next(lexemes)) for term in group if not term.negated]
            shares = [
                min(frequencies.get(x, 0.0) for x in found) * (0.5 if _phrase(term) else 1.0)
                for term, found in terms
                if found  # stop words only: no condition
            ]
            if shares:
                groups.append((math.sqrt(min(shares) * math.prod(shares)), min(shares)))
        likely = max(likely, min(1.0, sum(g[0] for g in groups)))
        most = max(most, min(1.0, sum(g[1] for g in groups)))
    return likely, most


def _phrase(term) -> bool:
    """A phrase of separate words ("quoted words"), which matches less often than its rarest word.
    Not a compound (Anti-Terrorist, 59/48): PostgreSQL indexes it whole as well as by its parts,
    so the share of that lexeme is already the share of the phrase."""
    return term.phrase and " " in term.pg


def _lexemes(query: Query, languages: list[str]) -> list[list[str]]:
    """The lexemes of each positive term (in the order of estimated_share's loops)."""
    pairs = [
        (CONFIGS.get(language, "simple_unaccent"), term.pg)
        for language in languages
        for group in query.groups
        for term in group
        if not term.negated
    ]
    if not pairs:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector(c::regconfig, t)) "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS x(c, t, n) ORDER BY n",
            [[c for c, _ in pairs], [t for _, t in pairs]],
        )
        return [row[0] for row in cursor.fetchall()]


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
