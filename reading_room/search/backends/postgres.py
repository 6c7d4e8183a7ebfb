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
for three times the matches needed. If it finds too few (the words go together more than
supposed, or the matches are old), deeper bands of older ids are read the same way, then the
rest by INDEX: bands of one statement, each read only as far as needed (query._stats).
The result is the same whichever band found it. Why not one plain `vector @@ query ORDER BY id
DESC LIMIT 501` and PostgreSQL's own choice: at 1 M texts (bench/search.py, 2026-12-04, shared
machine) it made the p95 of search() 147 ms against 43 ms for the bands, since PostgreSQL supposes
words independent and fetches every match of words that go together.
"""

from __future__ import annotations

import math
import re
import time

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import Case, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Left, Length, Replace
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape

from ..models import CANDIDATE_COLUMNS
from ..text import HIGHLIGHT_MAX_CHARS, START, STOP, Query, ellipsize

# The text search configurations of migration 0002 (unaccent, then the language's Snowball
# stemmer; its search_config() maps a row's language the same way); other languages: no stemming.
CONFIGS = {"en": "en_unaccent", "fr": "fr_unaccent"}
SHORT = 300  # characters: a text this short is shown whole
# Ways to find the newest matches (candidates()): all matches through the GIN index; the GIN
# index within a range of newest ids; or the newest rows read one by one along the primary key.
INDEX, RANGE, SCAN = "index", "range", "scan"
SCAN_SHARE = 0.02  # from this share of rows matching, reading rows one by one is the fastest
# The bands before the last, in rows from the newest, as multiples of the first band's (_ways()).
SCAN_DEPTHS = (1, 8)
RANGE_DEPTHS = (1, 3, 9)
MIN_KEPT = 0.25  # a range under filters keeping fewer rows reads too many matches they drop
# Filters (query.FILTERS) on columns of the GIN indexes (migration 0004; the language picks
# the index): the index leaves out the matches they drop, so no row is read only to be dropped.
INDEXED_FILTERS = ("lang", "kind", "body", "type")
# About the share of matches a filter keeps: one State sponsors a few documents in a hundred, a
# session is one of dozens; the other filters have few values (an opening phrase is mostly the
# word searched for).
FILTER_SHARES = {"body": 0.5, "type": 0.5, "kind": 0.5, "opening": 0.5, "session": 0.05, "sponsor": 0.04}
# The hits' documents' sponsorships, for the sponsor facet (query._stats): through the index,
# document by document; PostgreSQL would otherwise read the whole table to join it to a few
# hundred documents (OFFSET 0 keeps the subquery out of the join).
SPONSORSHIPS = (
    "CROSS JOIN LATERAL (SELECT state_id FROM documents_sponsorship "
    "WHERE document_id = per_document.document_id OFFSET 0) s"
)
STATISTICS_TTL = 600.0  # seconds

_statistics: dict = {"at": -STATISTICS_TTL, "frequencies": {}, "rows": 0}


class RowConfig(Func):
    """The text search configuration of the row's language."""

    function = "search_config"
    output_field = TextField()


# How a band tests `vector @@ query` (%s: the query), by way:
MATCHES = {
    INDEX: "vector @@ %s",
    # the planner cannot take this to a GIN index: rows are tested as the primary key reads them
    SCAN: "COALESCE(vector @@ %s, FALSE)",
    # the query a parameter the planner cannot look into: it takes the default share of matches
    # (0.5 %) rather than its estimate from lexeme statistics, which supposes words independent
    # and can be off a hundredfold, and so always ANDs the GIN bitmap with the id range's
    RANGE: "vector @@ (SELECT %s)",
}
TSQUERY = "websearch_to_tsquery(%s::regconfig, %s)"


def tsquery(query: Query, language: str) -> tuple[str, list]:
    """The query for rows of one language, as SQL and parameters. A word being typed
    (Query.prefix()) matches as a prefix of the stems: stemmed (to_tsquery's `:*`), and unstemmed
    with the shorter stems it may have run past ('simple': the text is already folded)."""
    config = CONFIGS.get(language, "simple_unaccent")
    typed = query.prefix()
    if typed is None:
        return TSQUERY, [config, query.websearch()]
    folded, _stemmed, shorter = typed.prefixes(language)
    words = [w for w in re.findall(r"\w+", folded) if w]
    if not words:
        return TSQUERY, [config, query.websearch()]
    prefix = (
        "(to_tsquery(%s::regconfig, %s) || to_tsquery('simple', %s))",
        [config, f"{words[0]}:*", " | ".join([f"{words[0]}:*", *shorter])],
    )
    if not query.websearch().strip():
        return prefix
    return f"({TSQUERY} && {prefix[0]})", [config, query.websearch(), *prefix[1]]


def candidates(
    entries: QuerySet,
    query: Query,
    languages: list[str],
    limit: int,
    filters: tuple[str, ...] = (),
) -> list[tuple[str, list]]:
    """The newest `limit` matches, as bands of ids, newest first: (SQL, parameters) selecting a
    band's newest `limit` matches (query.CANDIDATE_COLUMNS and their `rank`), the last band all
    older ids. query._stats reads a band only while the bands before it found fewer than `limit`
    matches, so a window that turns out too narrow costs the next band, not a second search.
    `entries`: the filters applied; `filters`: their names (query.FILTERS), which keep about
    FILTER_SHARES of the rows; those the GIN index does not apply (not INDEXED_FILTERS) drop rows
    only once read (`late`)."""
    statistics = table_statistics()
    newest, lexemes = _probe(query, languages)
    kept = math.prod(FILTER_SHARES.get(name, 1.0) for name in filters)
    late = math.prod(FILTER_SHARES.get(name, 1.0) for name in filters if name not in INDEXED_FILTERS)
    likely, most = (share * kept for share in estimated_share(query, languages, lexemes))
    where = entries.query.get_compiler(connection=connection).compile(entries.query.where)
    bands, upper = [], None
    for way, window in _ways(likely, most, late, statistics["rows"], limit):
        lower = _lower_bound(window, newest, statistics)
        if lower is None or (upper is not None and lower >= upper):
            break
        bands.append(_band(where, query, languages, way, limit, lower, upper))
        upper = lower
    return [*bands, _band(where, query, languages, INDEX, limit, None, upper)]


def matching(entries: QuerySet, query: Query, languages: list[str]) -> QuerySet:
    """Every entry matching the query, unranked, through the GIN indexes (for lists that are paged,
    such as the admin's; a results page's matches come from candidates()). Columns unqualified,
    so that it can be a subquery."""
    condition, params = _matches(query, languages, INDEX)
    return entries.extra(where=[condition], params=params)  # noqa: S610 - our SQL; values are parameters


def _matches(query: Query, languages: list[str], way: str) -> tuple[str, list]:
    """The SQL condition `vector @@ query`, with each language's query for rows of that language."""
    conditions, params = [], []
    for language in languages:
        sql, sql_params = tsquery(query, language)
        conditions.append(f"(language_id = %s AND {MATCHES[way] % sql})")
        params += [language, *sql_params]
    return f"({' OR '.join(conditions)})", params


def _band(
    where: tuple[str, list], query: Query, languages: list[str], way: str, limit: int, lower, upper
) -> tuple[str, list]:
    """The newest `limit` matches with ids in (lower, upper] (None: no bound), and their rank."""
    ranks, rank_params = [], []
    for language in languages:
        # search_rank (migration 0002): ts_rank, which the planner leaves until after ORDER BY … LIMIT
        sql, sql_params = tsquery(query, language)
        ranks.append(f"WHEN language_id = %s THEN search_rank(vector, {sql}, 1)")
        rank_params += [language, *sql_params]
    condition, condition_params = _matches(query, languages, way)
    sql, params = [where[0], condition], [*where[1], *condition_params]
    for bound, operator in ((lower, ">"), (upper, "<=")):
        if bound is not None:
            sql.append(f"id {operator} %s")
            params.append(bound)
    # In a range, newest first but not along the primary key, which would read the range row by row.
    order = "id + 0" if way == RANGE else "id"
    statement = (
        f"SELECT {', '.join(CANDIDATE_COLUMNS)}, CASE {' '.join(ranks)} ELSE 0 END AS rank "  # noqa: S608
        f"FROM search_entry WHERE {' AND '.join(sql)} ORDER BY {order} DESC LIMIT {int(limit)}"
    )
    return statement, [*rank_params, *params]


def _ways(likely: float, most: float, late: float, rows: int, limit: int) -> list[tuple[str, int]]:
    """The bands before the last (which reads all older matches through the GIN index): (way,
    rows from the newest to the band's lower end). A common query is SCANned over three times
    the rows expected to hold `limit` matches (a scan wasted on too few matches costs the most,
    so it goes by the likely share), then on over SCAN_DEPTHS times as many, stopping once it
    has them all. A middling one gets a RANGE over three times the rows for a share between the
    likely and the most, then ranges RANGE_DEPTHS times as deep, in case the words go together
    more than the estimate supposes or their matches are old: a range reads every match in it,
    so each reaches only a few times deeper than the one before. Filters the GIN index does not
    apply and that keep few rows (`late`) go to the index (the planner then starts from the
    sponsor's documents)."""
    if likely >= SCAN_SHARE:
        way, window, depths = SCAN, 3 * limit / likely, SCAN_DEPTHS
    elif likely > 0 and late >= MIN_KEPT:
        way, window, depths = RANGE, 3 * limit / math.sqrt(likely * most), RANGE_DEPTHS
    else:
        return []
    if late < MIN_KEPT:
        depths = depths[:1]
    return [(way, int(window * depth)) for depth in depths if window * depth < rows]


def _lower_bound(window: int, newest: int | None, statistics: dict) -> int | None:
    """About the id of the `window`-th newest row: the newest id less the span of ids that many
    rows take at the end of the histogram of ids (rows added since ANALYZE are counted, as long as
    they are as dense). None: the window holds about every row."""
    bounds, rows = statistics.get("bounds") or [], statistics["rows"]
    if newest is None or len(bounds) < 2 or not rows or window >= rows:
        return None
    # the bounds cut the rows into equal parts, the newest last
    position = (len(bounds) - 1) * (1 - window / rows)
    below = int(position)
    above = bounds[min(below + 1, len(bounds) - 1)]
    lower = newest - (bounds[-1] - (bounds[below] + (above - bounds[below]) * (position - below)))
    return int(lower) if lower > 0 else None


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


def estimated_share(query: Query, languages: list[str], lexemes: list[list[str]] | None = None) -> tuple[float, float]:
    """About what share of index rows match, likely and at most. A term matches at most as often
    as its rarest lexeme (half that for a phrase of words, not a compound: _phrase()). Terms that
    must all be there match at most as often as the rarest (when they go together) and at least
    as the product of their shares (when they are independent): likely the geometric mean. Groups
    between "or" add up; the most of any language counts. Lexemes as PostgreSQL makes them (its
    stems differ from Snowball's here and there; compounds): _probe()'s, else one query."""
    frequencies = table_statistics()["frequencies"]
    lexemes = iter(_probe(query, languages)[1] if lexemes is None else lexemes)
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


def _probe(query: Query, languages: list[str]) -> tuple[int | None, list[list[str]]]:
    """The newest id in the index, and the lexemes of each positive term (in the order of
    estimated_share's loops): one query. No positive term: (None, [])."""
    pairs = [
        (CONFIGS.get(language, "simple_unaccent"), term.pg)
        for language in languages
        for group in query.groups
        for term in group
        if not term.negated
    ]
    if not pairs:
        return None, []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector(c::regconfig, t)), (SELECT max(id) FROM search_entry) "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS x(c, t, n) ORDER BY n",
            [[c for c, _ in pairs], [t for _, t in pairs]],
        )
        rows = cursor.fetchall()
    return rows[0][1], [row[0] for row in rows]


def with_snippets(entries: QuerySet, query: Query) -> QuerySet:
    """Annotate `marked`: the text, or its best excerpts if it is long, HTML-escaped, matches between
    START and STOP (ts_headline). ts_headline drops anything that looks like an HTML tag, so it is
    given the text already escaped; entities pass through it unchanged."""
    config = RowConfig(F("language_id"))
    text = Coalesce(F("paragraph_text__text"), F("footnote_text__text"))
    escaped = Left(text, HIGHLIGHT_MAX_CHARS)  # ts_headline reads every word: a bounded number
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = Replace(escaped, Value(char), Value(entity))
    searched = SearchQuery(query.websearch(), config=config, search_type="websearch")
    if typed := query.prefix():
        # the word being typed, stemmed (the row's configuration) or not; the shorter stems it may
        # have run past are left to the match, the headline marks the words it begins
        word = (re.findall(r"\w+", typed.prefixes("")[0]) or [""])[0]
        begun = SearchQuery(f"{word}:*", config=config, search_type="raw") | SearchQuery(
            f"{word}:*", config="simple", search_type="raw"
        )
        searched = (searched & begun) if query.websearch().strip() else begun
    options = {"config": config, "start_sel": START, "stop_sel": STOP}
    return entries.annotate(
        marked=Case(
            When(
                LessThanOrEqual(Length(text), SHORT),
                then=SearchHeadline(escaped, searched, highlight_all=True, **options),
            ),
            default=SearchHeadline(
                escaped,
                searched,
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


def snippet(text: str, marked: str, query: Query, language: str) -> str:
    """The excerpt, HTML-escaped, with START/STOP marks (`marked`: with_snippets')."""
    return ellipsize(marked, escape(text))
