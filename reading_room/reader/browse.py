"""Browsing documents without a query: by session, by sponsor State, and the home page's filters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reading_room.documents.models import Document, Sponsorship, State
from reading_room.search.paging import Pager, pager

from .masthead import ordinal_number
from .reading import sort_key

DOCUMENT_FILTERS = ("body", "session", "type", "sponsor")
PAGE_SIZE = 50  # documents a page: a corpus of thousands is browsed a page at a time


class BrowseQuery(forms.Form):
    """A browse page's query string. A value that is not valid is ignored, the others kept: the
    page as if it were not there (a mistyped or stale link still shows documents)."""

    body = forms.ChoiceField(choices=Document.Body.choices, required=False)
    session = forms.IntegerField(min_value=1, max_value=9999, required=False)
    type = forms.ChoiceField(choices=Document.Kind.choices, required=False)
    sponsor = forms.RegexField(r"\A[A-Za-z]{3}\Z", required=False)  # an ISO 3166 alpha-3 code
    page = forms.IntegerField(min_value=1, required=False)

    def clean_sponsor(self) -> str:
        return self.cleaned_data["sponsor"].upper()

    def valid(self) -> dict:
        self.is_valid()  # cleaned_data keeps the fields that are valid
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def document_filters(get: QueryDict) -> dict[str, str]:
    """The valid document filters in a query string; anything else is ignored."""
    valid = BrowseQuery(get).valid()
    return {name: str(valid[name]) for name in DOCUMENT_FILTERS if name in valid}


def filter_documents(documents: QuerySet, filters: dict[str, str]) -> QuerySet:
    if "body" in filters:
        documents = documents.filter(body=filters["body"])
    if "session" in filters:
        documents = documents.filter(session=int(filters["session"]))
    if "type" in filters:
        documents = documents.filter(kind=filters["type"])
    if "sponsor" in filters:
        sponsored = Sponsorship.objects.filter(state__iso3=filters["sponsor"]).values("document_id")
        documents = documents.filter(id__in=sponsored)
    return documents


def browse_url(filters: dict[str, str], fixed: tuple[str, ...] = (), page: int = 1, **changes: str | None) -> str:
    """This page's URL with some filters changed (None removes one), back to the first page unless
    given; `fixed` filters come from the page's path, not its query string."""
    pairs = {**filters, **changes}
    query = [(k, v) for k in DOCUMENT_FILTERS if k not in fixed and (v := pairs.get(k))]
    if page > 1:
        query.append(("page", str(page)))
    return f"?{urlencode(query)}" if query else "."


@dataclass
class DocumentPage:
    page: Page  # its object_list: the documents shown
    pager: Pager


def document_page(
    documents: QuerySet, get: QueryDict, filters: dict[str, str], fixed: tuple[str, ...] = ()
) -> DocumentPage:
    """The page of `documents` that ?page= asks for: the first if it is not a page number, the last
    if it is past the end (a shared link to a page that has since shrunk still shows documents)."""
    page = Paginator(documents, PAGE_SIZE).get_page(BrowseQuery(get).valid().get("page"))
    number, pages = page.number, page.paginator.num_pages
    page.object_list = list(page.object_list)  # annotated below, then shown: one query
    describe(page.object_list)
    return DocumentPage(page, pager(number, pages, lambda n: browse_url(filters, fixed, page=n)))


def describe(documents) -> None:
    """What a reader needs to choose among documents, on each: `session_label` ("80th session"),
    `languages` (codes with a published text; texts prefetched) and, for a draft, `adopted_as`
    (the resolution whose draft it is: {"symbol", "url"}), in one query for the page."""
    language = (get_language() or "en").split("-")[0]
    drafts = [d.symbol for d in documents if d.kind.startswith("draft")]
    adopted = {}
    if drafts:
        rows = Document.objects.published().filter(draft__in=drafts).values_list("draft", "symbol", "key")
        adopted = {
            draft: {"symbol": symbol, "url": reverse("reader", kwargs={"symbol": key})} for draft, symbol, key in rows
        }
    for document in documents:
        document.session_label = (
            _("%(ordinal)s session") % {"ordinal": ordinal_number(document.session, language)}
            if document.session
            else ""
        )
        document.languages = [text.language_id for text in document.texts.all()]
        document.adopted_as = adopted.get(document.symbol)


def state_names(states: list[State]) -> dict[int, str]:
    """State id → its name in the interface language (else English, else the ISO code); names prefetched."""
    language = (get_language() or "en").split("-")[0]
    names = {}
    for state in states:
        by_language = {n.language_id: n.name for n in state.names.all()}
        names[state.pk] = by_language.get(language) or by_language.get("en") or state.iso3
    return names


@dataclass
class Choice:
    label: str
    count: int
    url: str
    current: bool


def document_facets(filters: dict[str, str], fixed: tuple[str, ...] = ()) -> list[tuple[str, str, list[Choice]]]:
    """(name, title, choices) for body, session and type among published documents under the other
    filters; each choice links to this page with that filter set (or removed, if it is the current
    one). `fixed` filters come from the page's path, not its query string."""
    published = Document.objects.published()
    facets = []
    labels = {"body": dict(Document.Body.choices), "type": dict(Document.Kind.choices)}
    for name, column, title in [
        ("body", "body", _("Body")),
        ("session", "session", _("Session")),
        ("type", "kind", _("Document")),
    ]:
        if name in fixed:
            continue
        others = {k: v for k, v in filters.items() if k != name}
        rows = (
            filter_documents(published, others)
            .exclude(**{f"{column}__isnull": True})
            .values(column)
            .annotate(n=Count("id", distinct=True))
            .order_by(f"-{column}" if name == "session" else column)
        )
        choices = []
        for row in rows:
            value = str(row[column])
            label = str(labels[name].get(value, value)) if name in labels else value
            current = filters.get(name) == value
            choices.append(
                Choice(
                    label[:1].upper() + label[1:],
                    row["n"],
                    browse_url(filters, fixed, **{name: None if current else value}),
                    current,
                )
            )
        if len(choices) > 1 or filters.get(name):
            facets.append((name, title, choices))
    return facets


def sponsor_counts() -> list[tuple[State, str, int]]:
    """States that sponsored a published document: (State, name, number of documents), by name."""
    states = list(
        State.objects.filter(sponsorships__document__status=Document.Status.PUBLISHED)
        .annotate(documents=Count("sponsorships__document", distinct=True))
        .prefetch_related("names")
    )
    names = state_names(states)
    return sorted(((s, names[s.pk], s.documents) for s in states), key=lambda row: sort_key(row[1]))
