"""Run a search: filters from the URL, matching paragraphs ranked, facet counts, one page of hits.

A results page costs a fixed number of queries whatever it shows: languages; one statement for
the total, every facet and the page's ids; the page's rows with their snippets; titles; the
same paragraphs and footnotes in the other languages; the sponsor States' names.

Very broad queries ("United Nations") match most of the corpus. Ranking and counting all of it
would cost time in proportion, so the work is bounded: at most SEARCH_MAX_HITS matches, the most
recently added first, are counted, faceted and ranked, and the page says when that bound was
reached (backends/postgres.py explains how they are found quickly).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reading_room.documents.models import (
    Document,
    DocumentText,
    FootnoteText,
    Language,
    ParagraphText,
    Sponsorship,
)

from .backends import backend
from .forms import SearchForm
from .models import SearchEntry
from .paging import Pager, pager
from .text import MAX_QUERY_CHARS, Query, echo, marked_words

PAGE_SIZE = 20
FACET_SIZE = 12
KIND_LABELS = {
    "preambular": _("Preambular"),
    "operative": _("Operative"),
    "subparagraph": _("Sub-paragraph"),
    "footnote": _("Footnote"),
}
FILTERS = ("lang", "body", "session", "type", "sponsor", "kind", "opening")


def max_hits() -> int:
    return getattr(settings, "SEARCH_MAX_HITS", 500)


@dataclass
class Params:
    """What the URL asks for, cleaned: anything invalid is dropped, never an error."""

    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1
    shortened: bool = False  # the query was longer than we search
    typing: bool = False  # search as you type: the last word may be unfinished (Query.parse)

    @classmethod
    def from_get(cls, get: QueryDict, languages: list[str]) -> Params:
        data = SearchForm(get, languages).valid_data()
        q, page = data.pop("q", ""), data.pop("page", 1)
        filters = {name: str(value) for name, value in data.items()}
        return cls(q[: MAX_QUERY_CHARS * 2].strip(), filters, page, len(q) > MAX_QUERY_CHARS)

    def url(self, page: int | None = None, **changes: str | None) -> str:
        """This search's URL with some filters changed (None removes one); back to page 1 unless given."""
        filters = {**self.filters, **changes}
        pairs = [("q", self.q)] + [(k, v) for k in FILTERS if (v := filters.get(k))]
        if page and page > 1:
            pairs.append(("page", str(page)))
        return "?" + urlencode(pairs)


@dataclass
class Hit:
    symbol: str
    label: str  # the paragraph's id (op1), or "Footnote 2"
    language: str
    snippet: str  # safe HTML
    title: str
    others: list[tuple[str, str]]  # (language code, safe HTML) of the same paragraph/footnote elsewhere, marked alike
    url: str


@dataclass
class Facet:
    name: str
    label: str
    values: list[dict]  # {"value", "label", "count", "url", "lang"}
    selected: str | None = None
    selected_label: str = ""
    remove_url: str = ""


@dataclass
class Results:
    params: Params
    query: Query
    total: int = 0
    capped: bool = False
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    page: int = 1

    @property
    def chosen(self) -> list[Facet]:
        return [facet for facet in self.facets if facet.selected]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))

    @property
    def max_hits(self) -> int:
        return max_hits()

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1

    @property
    def last(self) -> int:
        return self.first + len(self.hits) - 1

    @property
    def pager(self) -> Pager:
        return pager(self.page, self.pages, lambda n: self.params.url(page=n))


def filtered_entries(params: Params) -> QuerySet:
    entries = SearchEntry.objects.filter(visible=True)
    f = params.filters
    simple = {"lang": "language_id", "body": "body", "session": "session", "type": "doc_kind", "kind": "kind"}
    for name, column in simple.items():
        if name in f:
            entries = entries.filter(**{column: f[name]})
    if "opening" in f:
        entries = entries.filter(opening=f["opening"])
    if "sponsor" in f:
        # the sponsor's documents that the document filters keep (search_entry copies the document's
        # body, session and kind): PostgreSQL reads the index rows of these documents only
        documents = {"body": "document__body", "session": "document__session", "type": "document__kind"}
        sponsored = Sponsorship.objects.filter(
            state__iso3=f["sponsor"], **{column: f[name] for name, column in documents.items() if name in f}
        )
        entries = entries.filter(document_id__in=sponsored.values("document_id"))
    return entries


def search(params: Params, languages: list[Language]) -> Results:
    query = Query.parse(params.q, prefix=params.typing)
    results = Results(params, query, page=params.page)
    if not query:
        results.facets = _facets(params, {})  # the filters chosen, to show them
        return results
    codes = [params.filters["lang"]] if "lang" in params.filters else [lang.code for lang in languages]
    engine = backend()
    # one more than we count, to know there are more
    bands = engine.candidates(filtered_entries(params), query, codes, max_hits() + 1, filters=tuple(params.filters))
    counts, page_ids = _stats(bands, params.page, engine)
    total = counts.pop(("total", None), 0)
    results.capped = total > max_hits()
    results.total = min(total, max_hits())
    results.facets = _facets(params, counts)
    results.hits = _hits(page_ids, query, engine, languages)
    return results


def _stats(bands: list[tuple[str, list]], page: int, engine) -> tuple[dict, list[int]]:
    """One statement: the total, every facet's counts (the sponsors': the most frequent, with the
    States' names in the interface language, else English) and the ids of the requested page.
    `bands`: the backend's candidates, (SQL, parameters) newest ids first; each is read only if
    those before it found fewer matches than it may return."""
    limit, sql, params = max_hits() + 1, [band for band, _ in bands], [p for _, band in bands for p in band]
    params.append((get_language() or "en").split("-")[0])
    offset = (page - 1) * PAGE_SIZE
    statement = f"""
        WITH {_candidates(sql, limit)},
        hits AS MATERIALIZED (SELECT * FROM candidates ORDER BY id DESC LIMIT {max_hits()}),
        per_document AS (SELECT document_id, COUNT(*) AS n FROM hits GROUP BY document_id)
        SELECT 'total', NULL, NULL, COUNT(*) FROM candidates
        UNION ALL SELECT 'body', body, NULL, COUNT(*) FROM hits GROUP BY body
        UNION ALL SELECT 'session', CAST(session AS text), NULL, COUNT(*) FROM hits
            WHERE session IS NOT NULL GROUP BY session
        UNION ALL SELECT 'type', doc_kind, NULL, COUNT(*) FROM hits GROUP BY doc_kind
        UNION ALL SELECT 'kind', kind, NULL, COUNT(*) FROM hits GROUP BY kind
        UNION ALL SELECT 'opening', opening, language_id, COUNT(*) FROM hits
            WHERE opening <> '' GROUP BY opening, language_id
        UNION ALL SELECT 'sponsor', st.iso3, COALESCE(named.name, english.name), top.n FROM (
            SELECT s.state_id, SUM(n) AS n FROM per_document {engine.SPONSORSHIPS}
            GROUP BY s.state_id ORDER BY SUM(n) DESC, s.state_id LIMIT {FACET_SIZE}
        ) top JOIN documents_state st ON st.id = top.state_id
        LEFT JOIN documents_statename named ON named.state_id = top.state_id AND named.language_id = %s
        LEFT JOIN documents_statename english ON english.state_id = top.state_id AND english.language_id = 'en'
        UNION ALL SELECT 'hit', CAST(id AS text), NULL, rank FROM (
            SELECT id, rank FROM hits ORDER BY rank DESC, id LIMIT {PAGE_SIZE} OFFSET {offset}
        ) page
    """  # noqa: S608 - the ORM's own SQL and integers; values stay parameters
    counts: dict = {}
    ranked: list[tuple[float, int]] = []
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        # `extra`: an opening phrase's language, a sponsor's name
        for name, value, extra, number in cursor.fetchall():
            if name == "hit":
                ranked.append((-float(number), int(value)))
            elif name in ("opening", "sponsor"):
                counts[(name, (value, extra))] = int(number)
            else:
                counts[(name, value)] = int(number)
    return counts, [i for _, i in sorted(ranked)]


def _candidates(bands: list[str], limit: int) -> str:
    """The `candidates` CTE: the newest `limit` rows of the bands. A band is read only while the
    bands before it hold fewer than `limit` rows, and only for the rows still missing (a band read
    along the primary key stops there)."""
    if len(bands) == 1:
        return f"candidates AS MATERIALIZED ({bands[0]})"
    ctes, counted = [], []  # counted: the bands before this one, as SQL counting their rows
    for i, band in enumerate(bands):
        found = " + ".join(counted)
        rest = f" WHERE {found} < {limit} LIMIT {limit} - ({found})" if counted else ""
        ctes.append(f"band{i} AS MATERIALIZED (SELECT * FROM ({band}) b{rest})")  # noqa: S608 - the ORM's SQL
        counted.append(f"(SELECT COUNT(*) FROM band{i})")  # noqa: S608 - a CTE's name
    everything = " UNION ALL ".join(f"SELECT * FROM band{i}" for i in range(len(bands)))  # noqa: S608 - names
    return ",\n".join([*ctes, f"candidates AS MATERIALIZED ({everything} ORDER BY id DESC LIMIT {limit})"])


def _facets(params: Params, counts: dict) -> list[Facet]:
    groups: dict[str, list[tuple[str, str | None, int]]] = {}
    names: dict[str, str] = {}  # sponsor: ISO3 → name
    for (name, value), number in counts.items():
        language = None
        if name == "opening":
            value, language = value
        elif name == "sponsor":
            value, names[value] = value
        groups.setdefault(name, []).append((value, language, number))
    labels = {
        "body": dict(Document.Body.choices),
        "type": dict(Document.Kind.choices),
        "kind": KIND_LABELS,
    }
    facets = []
    spec = [
        ("kind", _("Part")),
        ("opening", _("Opening phrase")),
        ("body", _("Body")),
        ("session", _("Session")),
        ("type", _("Document")),
        ("sponsor", _("Sponsor")),
    ]
    for name, title in spec:
        values = sorted(groups.get(name, []), key=lambda v: (-v[2], str(v[0])))[:FACET_SIZE]
        if name == "session":
            values.sort(key=lambda v: -int(v[0]))
        items = []
        for value, language, number in values:
            if name == "sponsor":
                label = names[value]
                if not label:  # a State with no name (not one the loader knows)
                    continue
            else:
                label = str(labels[name].get(value, value)) if name in labels else value
                if name in labels:
                    label = label[:1].upper() + label[1:]
            items.append(
                {"value": value, "label": label, "count": number, "lang": language, "url": params.url(**{name: value})}
            )
        facet = Facet(name, title, items)
        if name in params.filters:
            facet.selected = params.filters[name]
            chosen = next((i for i in items if i["value"] == facet.selected), None)
            facet.selected_label = chosen["label"] if chosen else facet.selected
            facet.remove_url = params.url(**{name: None})
        if items or facet.selected:
            facets.append(facet)
    return facets


def _hits(ids: list[int], query: Query, engine, languages: list[Language]) -> list[Hit]:
    """The page's hits, in `ids`' order: flat rows, no model instances (a page of hits is four
    small queries whatever it shows)."""
    if not ids:
        return []
    rows = engine.with_snippets(SearchEntry.objects.filter(id__in=ids), query).values(
        *("id", "language_id", "document_id", "paragraph_id", "footnote_id", "marked"),
        *("document__symbol", "document__key", "paragraph__eid", "footnote__number"),
        text=Coalesce("paragraph_text__text", "footnote_text__text"),
    )
    by_id = {row["id"]: row for row in rows}
    entries = [by_id[i] for i in ids if i in by_id]
    titles: dict[int, dict[str, str]] = {}
    documents = {e["document_id"] for e in entries}
    for document, language, title in DocumentText.objects.filter(document_id__in=documents, published=True).values_list(
        "document_id", "language_id", "title"
    ):
        titles.setdefault(document, {})[language] = title
    others: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for key, model, column in (("p", ParagraphText, "paragraph_id"), ("f", FootnoteText, "footnote_id")):
        wanted = [e[column] for e in entries if e[column]]
        if wanted:
            for owner, language, text in model.objects.filter(**{f"{column}__in": wanted}).values_list(
                column, "language_id", "text"
            ):
                others.setdefault((key, owner), []).append((language, text))
    order = {lang.code: i for i, lang in enumerate(languages)}
    hits = []
    for entry in entries:
        language, published = entry["language_id"], titles.get(entry["document_id"], {})
        key = ("p", entry["paragraph_id"]) if entry["paragraph_id"] else ("f", entry["footnote_id"])
        beside = sorted(
            (pair for pair in others.get(key, []) if pair[0] != language and pair[0] in published),
            key=lambda pair: order.get(pair[0], 99),
        )
        marked = engine.snippet(entry["text"], entry["marked"], query, language)
        # the other languages trimmed and marked like the snippet (escaped, with <mark>, as it is)
        beside = [(code, echo(text, marked, entry["text"])) for code, text in beside]
        words = marked_words(marked) or query.positive_words()
        if entry["footnote_id"]:
            label = _("Footnote %(number)s") % {"number": entry["footnote__number"]}
            reader = reverse("reader", kwargs={"symbol": entry["document__key"]})
            url = f"{reader}?{_highlight(words)}#fn-{language}-{entry['footnote__number']}"
        else:
            label = entry["paragraph__eid"]
            url = reverse("paragraph", kwargs={"symbol": entry["document__key"], "eid": label})
            url += f"?{_highlight(words)}"
        title = published.get(language) or next(iter(published.values()), "")
        hits.append(Hit(entry["document__symbol"], label, language, marked, title, beside, url))
    return hits


def _highlight(words: list[str]) -> str:
    """The query string asking the page to highlight these words (each once, at most ten)."""
    unique: list[str] = []
    for word in words:
        if word.casefold() not in {w.casefold() for w in unique}:
            unique.append(word)
    return urlencode({"hl": " ".join(unique[:10])})
