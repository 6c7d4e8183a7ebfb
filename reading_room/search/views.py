"""Search across every document's paragraphs and footnotes; browse documents a page at a time: the
home page, by session and by sponsor."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from reading_room.documents.models import Document, Language, State
from reading_room.documents.reading import document_list

from . import symbols
from .browse import (
    document_facets,
    document_filters,
    document_page,
    filter_documents,
    sponsor_counts,
    state_names,
)
from .query import Params, search


def _partial(request: HttpRequest) -> bool:
    """An htmx swap of the results (not a history restore, which wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
@vary_on_headers("HX-Request", "X-Search-Typing")
def search_page(request: HttpRequest) -> HttpResponse:
    """A symbol or resolution number goes to its document (or paragraph); while the user types
    (htmx sends X-Search-Typing), it is offered above the results and the last word matches the
    words it begins."""
    target = symbols.find(request.GET.get("q", ""))
    if target and target.held and not _partial(request):
        return redirect(target.url)
    languages = list(Language.objects.all())
    params = Params.from_get(request.GET, [lang.code for lang in languages])
    params.typing = _partial(request) and request.headers.get("X-Search-Typing") == "1"
    results = search(params, languages)
    context = {"results": results, "params": params, "languages": languages, "target": target}
    template = "search/search.html#results" if _partial(request) else "search/search.html"
    return render(request, template, context)


def _documents(request: HttpRequest, template: str, filters: dict[str, str], fixed: tuple[str, ...] = (), **context):
    """A browse page: the documents under `filters`, a page at a time, with the facets of the
    filters not `fixed` by the page's path."""
    listing = document_page(filter_documents(document_list(), filters), request.GET, filters, fixed)
    context.update(listing=listing, filters=filters, facets=document_facets(filters, fixed=fixed))
    return render(request, template, context)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _documents(request, "documents/index.html", document_filters(request.GET))


@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    rows = (
        Document.objects.published()
        .exclude(session__isnull=True)
        .values("session")
        .annotate(documents=Count("id"))
        .order_by("-session")
    )
    return render(request, "search/sessions.html", {"sessions": rows})


@require_GET
def session(request: HttpRequest, session: int) -> HttpResponse:
    filters = {**document_filters(request.GET), "session": str(session)}
    return _documents(
        request,
        "search/documents.html",
        filters,
        fixed=("session",),
        title=_("Session %(session)s") % {"session": session},
        up=("sessions", _("All sessions")),
    )


@require_GET
def sponsors(request: HttpRequest) -> HttpResponse:
    return render(request, "search/sponsors.html", {"sponsors": sponsor_counts()})


@require_GET
def sponsor(request: HttpRequest, iso3: str) -> HttpResponse:
    if not (len(iso3) == 3 and iso3.isascii() and iso3.isalpha()):
        raise Http404(_("No State with the code %(code)s.") % {"code": iso3})
    if iso3 != iso3.upper():
        return redirect("sponsor", iso3=iso3.upper(), permanent=True)
    state = State.objects.filter(iso3=iso3).prefetch_related("names").first()
    if state is None:
        raise Http404(_("No State with the code %(code)s.") % {"code": iso3})
    filters = {**document_filters(request.GET), "sponsor": iso3}
    return _documents(
        request,
        "search/documents.html",
        filters,
        fixed=("sponsor",),
        title=_("Sponsored by %(state)s") % {"state": state_names([state])[state.pk]},
        state=state,
        up=("sponsors", _("All sponsors")),
    )
