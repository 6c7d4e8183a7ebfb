"""Public pages: the list of documents, the reader, one paragraph."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .cards import paragraph_card
from .models import Document
from .reading import document_list, parse_view, read_document, view_choices


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers (and the benchmark's trivial baseline): no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/index.html", {"documents": document_list()})


def _document_or_404(symbol: str) -> Document:
    document = Document.objects.published().filter(key=Document.key_for(symbol)).first()
    if document is None:
        raise Http404(_("No document with the symbol %(symbol)s.") % {"symbol": symbol})
    return document


def _view(request: HttpRequest, document: Document) -> tuple[str, ...]:
    available = list(document.texts.filter(published=True).values_list("language_id", flat=True))
    return parse_view(request.GET.get("view"), available)


@require_GET
@vary_on_headers("HX-Request")
def reader(request: HttpRequest, symbol: str) -> HttpResponse:
    document = _document_or_404(symbol)
    if symbol != document.key:
        return redirect(document.get_absolute_url(), permanent=True)
    view = _view(request, document)
    html, titles = reader_fragment(request, document, view, "reader")
    if request.htmx:
        return HttpResponse(html)
    titles = titles or {t.language_id: t.title for t in document.texts.filter(published=True)}
    title = titles.get(view[0]) or next(iter(titles.values()), "")
    return render(request, "documents/reader.html", {"document": document, "title": title, "fragment": html})


def reader_fragment(
    request: HttpRequest, document: Document, view: tuple[str, ...], name: str
) -> tuple[str, dict[str, str]]:
    """The whole document rendered (cached), and its titles by language when it was rendered now.
    `name` keeps apart pages whose links differ (the reader, the print view)."""
    titles: dict[str, str] = {}

    def fragment() -> str:
        reading = read_document(document, view)
        titles.update({code: t.title for code, t in reading.texts.items()})  # saves a query in the view
        context = {
            "reading": reading,
            "view": "-".join(view),
            "views": view_choices(reading.available),
            "path": request.path,
        }
        return render_to_string("documents/reader.html#reader", context, request=request)

    return _cached(f"{name}:{document.pk}:{'-'.join(view)}", document, fragment), titles


def _cached(name: str, document: Document, build) -> str:
    """A rendered fragment, cached until the document changes (any edit bumps `updated`)."""
    key = f"{name}:{document.updated.timestamp()}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, timeout=600)
    return mark_safe(html)  # noqa: S308 - our own rendered, auto-escaped template output


@require_GET
@vary_on_headers("HX-Request")
def paragraph(request: HttpRequest, symbol: str, eid: str) -> HttpResponse:
    document = _document_or_404(symbol)
    eids = list(document.paragraphs.values_list("eid", flat=True))
    if eid not in eids:
        alias = document.aliases.select_related("paragraph").filter(eid=eid).first()
        if alias:  # merged into another paragraph: the old link lands there
            return redirect(alias.paragraph.get_absolute_url(), permanent=True)
        raise Http404(_("%(symbol)s has no paragraph %(eid)s.") % {"symbol": document.symbol, "eid": eid})
    index = eids.index(eid)
    view = _view(request, document)

    def fragment() -> str:
        reading = read_document(document, view, eids=[eid])
        context = {
            "reading": reading,
            "row": reading.rows[0],
            "view": "-".join(view),
            "views": view_choices(reading.available),
            "previous": eids[index - 1] if index > 0 else None,
            "next": eids[index + 1] if index + 1 < len(eids) else None,
            "path": request.path,
        }
        return render_to_string("documents/paragraph.html#reader", context, request=request)

    html = _cached(f"paragraph:{document.pk}:{eid}:{'-'.join(view)}", document, fragment)
    if request.htmx:
        return HttpResponse(html)
    url = reverse("paragraph", kwargs={"symbol": document.key, "eid": eid})
    card = paragraph_card(request, document, eid, url)  # per request: follows the interface language
    context = {"document": document, "eid": eid, "url": url, "fragment": html, "card": card}
    return render(request, "documents/paragraph.html", context)
