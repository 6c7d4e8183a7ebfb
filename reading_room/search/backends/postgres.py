"""PostgreSQL: tsvector column under a GIN index, websearch_to_tsquery per language, ts_rank, ts_headline.

search_entry.vector is made by the triggers with the row's language configuration (en_unaccent,
fr_unaccent: unaccent, then the Snowball stemmer). A query is parsed once per language with that
language's configuration and matched only against rows of that language, so each index probe
is a plain `vector @@ constant` the GIN index answers.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db.models import Case, Expression, F, FloatField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Length, Replace
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape

from ..sql import CONFIGS
from ..text import START, STOP, Query, ellipsize

SHORT = 300  # characters: a text this short is shown whole


class Vector(Expression):
    """search_entry.vector, a column only the PostgreSQL migration adds (so not a model field)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias('search_entry')}.vector", []


class RowConfig(Func):
    """The text search configuration of the row's language."""

    function = "search_config"
    output_field = TextField()


def _query(query: Query, language: str) -> SearchQuery:
    return SearchQuery(query.websearch(), config=CONFIGS.get(language, "simple_unaccent"), search_type="websearch")


def match(entries: QuerySet, query: Query, languages: list[str]) -> QuerySet:
    """Entries matching the query, with a `rank` (higher is better)."""
    vector = Vector()
    condition = Q()
    ranks = []
    for language in languages:
        tsquery = _query(query, language)
        condition |= Q(language_id=language, _vector=tsquery)
        ranks.append(When(language_id=language, then=SearchRank(vector, tsquery, normalization=Value(1))))
    return (
        entries.alias(_vector=vector)
        .filter(condition)
        .annotate(rank=Case(*ranks, default=Value(0.0), output_field=FloatField()))
    )


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
