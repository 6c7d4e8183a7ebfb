"""Search across every document's paragraphs and footnotes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from reading_room.documents.models import Language

from . import symbols
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
    languages = list(Language.objects.all())
    params = Params.from_get(request.GET, [lang.code for lang in languages])
    target = symbols.find(params.q)
    if target and target.held and not _partial(request):
        return redirect(target.url)
    params.typing = _partial(request) and request.headers.get("X-Search-Typing") == "1"
    results = search(params, languages)
    context = {"results": results, "params": params, "languages": languages, "target": target}
    template = "search/search.html#results" if _partial(request) else "search/search.html"
    return render(request, template, context)
