"""Public pages: the reader, one paragraph, forgiving addresses; the browse pages (the home page's
list of documents, by session, by sponsor)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reading_room.documents.addresses import paragraph_candidates, symbol_candidates
from reading_room.documents.models import Document, State

from . import page_cache
from .browse import (
    document_facets,
    document_filters,
    document_page,
    filter_documents,
    sponsor_counts,
    state_names,
)
from .cards import paragraph_card
from .reading import DEFAULT_VIEW, Reading, document_list, parse_view, read_document, view_choices
from .rendering import render_notes, render_parts, render_rows


@require_GET
def interface_language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the interface language with a plain link, then go back: no form, so the public pages
    carry no CSRF token and can be cached and compressed whole (page_cache.py)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404(_("No interface in that language."))
    target = request.GET.get("next", "")
    # a path on this site, nothing else: redirect() would take "abc" for the name of a view
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("index")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=request.is_secure(),
        samesite="Lax",
    )
    add_never_cache_headers(response)
    return response


def published_or_404(symbol: str) -> Document:
    document = Document.objects.published_by_symbol(symbol)
    if document is None:
        raise Http404(_("No document with the symbol %(symbol)s.") % {"symbol": symbol})
    return document


@require_GET
def forgiving(request: HttpRequest, path: str) -> HttpResponse:
    """A path no page answers: a symbol in another case or spelling, a paragraph given as "3" or
    "OP3", an undocs.org language prefix. Redirects to the canonical URL, else 404."""
    for symbol, reference, language in symbol_candidates(path):
        document = Document.objects.published().filter(key__iexact=Document.key_for(symbol)).first()
        if document is None:
            continue
        url = document.get_absolute_url()
        if reference:
            eids = set(document.paragraphs.values_list("eid", flat=True))
            eid = next((c for c in paragraph_candidates(reference) if c in eids), None)
            if eid is None:
                continue
            url = reverse("paragraph", kwargs={"symbol": document.key, "eid": eid})
        if language and language in document.texts.values_list("language_id", flat=True):
            url += f"?view={language}"
        if url != request.path:
            return redirect(url, permanent=True)
    raise Http404(_("No document or paragraph at this address."))


def requested_view(request: HttpRequest, document: Document) -> tuple[str, ...]:
    prefetch_related_objects([document], "texts")  # read_document needs them too: one query for both
    available = [text.language_id for text in document.texts.all() if text.published]
    return parse_view(request.GET.get("view"), available)


def unknown_view(request: HttpRequest, view: tuple[str, ...]) -> HttpResponse | None:
    """?view= naming no view (?view=xx, ?view=en-en): the page without it, not one more cached copy
    of the default view per such value."""
    given = request.GET.get("view")
    if given and given != "-".join(view):
        response = HttpResponseRedirect(request.path)
        add_never_cache_headers(response)
        return response
    return None


@require_GET
def reader(request: HttpRequest, symbol: str) -> HttpResponse:
    document = Document.objects.published_by_symbol(symbol)
    if document is None:
        return forgiving(request, symbol)
    if symbol != document.key:
        return redirect(document.get_absolute_url(), permanent=True)
    if "go" in request.GET and (found := _go(request, document)):
        return found
    return page_cache.serve(request, document, lambda: _reader_page(request, document))


def _go(request: HttpRequest, document: Document) -> HttpResponse | None:
    """The go-to box without JavaScript: ?go=3 → the reader at #op3 (the view kept). None if the
    document has no such paragraph: the page then says so beside the box."""
    eids = set(document.paragraphs.values_list("eid", flat=True))
    eid = next((c for c in paragraph_candidates(request.GET["go"]) if c in eids), None)
    if eid is None:
        return None
    view = request.GET.get("view", "")
    query = f"?view={view}" if view and tuple(view.split("-")) != DEFAULT_VIEW and len(view) < 40 else ""
    return redirect(f"{document.get_absolute_url()}{query}#{eid}")


def _reader_page(request: HttpRequest, document: Document) -> HttpResponse:
    view = requested_view(request, document)
    if redirect_ := unknown_view(request, view):
        return redirect_
    html, reading = reader_fragment(request, document, view)
    if request.htmx:
        return HttpResponse(html)
    titles = {code: t.title for code, t in reading.texts.items()}
    title = titles.get(view[0]) or next(iter(titles.values()), "")
    return render(request, "reader/reader.html", {"document": document, "title": title, "fragment": html})


def reader_fragment(request: HttpRequest, document: Document, view: tuple[str, ...]) -> tuple[str, Reading]:
    """The whole document rendered, for the reader and the print view (which differ around it)."""
    reading = read_document(document, view)
    context = {**_reading_context(request, reading, view), "parts": render_parts(reading.parts)}
    go = request.GET.get("go", "")[:40]
    if go:
        context["go"], context["go_error"] = go, _("No paragraph “%(go)s” in this document.") % {"go": go}
    return render_to_string("reader/reader.html#reader", context, request=request), reading


def _reading_context(request: HttpRequest, reading: Reading, view: tuple[str, ...]) -> dict:
    """What the reader's and the paragraph page's fragments share."""
    return {
        "reading": reading,
        "notes": render_notes(reading),
        "view": "-".join(view),
        "views": view_choices(reading.available),
        "path": request.path,
    }


@require_GET
def paragraph(request: HttpRequest, symbol: str, eid: str) -> HttpResponse:
    document = published_or_404(symbol)
    # The paragraph is looked up only when the page is not cached: a cached page proves it exists.
    return page_cache.serve(request, document, lambda: _paragraph_page(request, document, eid))


def _paragraph_page(request: HttpRequest, document: Document, eid: str) -> HttpResponse:
    eids = list(document.paragraphs.values_list("eid", flat=True))
    if eid not in eids:
        alias = document.aliases.select_related("paragraph").filter(eid=eid).first()
        if alias:  # merged into another paragraph: the old link lands there
            return redirect(alias.paragraph.get_absolute_url(), permanent=True)
        raise Http404(_("%(symbol)s has no paragraph %(eid)s.") % {"symbol": document.symbol, "eid": eid})
    index = eids.index(eid)
    view = requested_view(request, document)
    if redirect_ := unknown_view(request, view):
        return redirect_
    reading = read_document(document, view, eids=[eid])
    context = {
        **_reading_context(request, reading, view),
        "rows": render_rows(reading.rows),
        "row": reading.rows[0],
        "previous": eids[index - 1] if index > 0 else None,
        "next": eids[index + 1] if index + 1 < len(eids) else None,
    }
    html = render_to_string("reader/paragraph.html#reader", context, request=request)
    if request.htmx:
        return HttpResponse(html)
    url = reverse("paragraph", kwargs={"symbol": document.key, "eid": eid})
    card = paragraph_card(request, document, eid, url)
    context = {"document": document, "eid": eid, "url": url, "fragment": html, "card": card}
    return render(request, "reader/paragraph.html", context)


def _documents(request: HttpRequest, template: str, filters: dict[str, str], fixed: tuple[str, ...] = (), **context):
    """A browse page: the documents under `filters`, a page at a time, with the facets of the
    filters not `fixed` by the page's path."""
    listing = document_page(filter_documents(document_list(), filters), request.GET, filters, fixed)
    context.update(listing=listing, filters=filters, facets=document_facets(filters, fixed=fixed))
    return render(request, template, context)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return _documents(request, "reader/index.html", document_filters(request.GET))


@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    rows = (
        Document.objects.published()
        .exclude(session__isnull=True)
        .values("session")
        .annotate(documents=Count("id"))
        .order_by("-session")
    )
    return render(request, "reader/sessions.html", {"sessions": rows})


@require_GET
def session(request: HttpRequest, session: int) -> HttpResponse:
    filters = {**document_filters(request.GET), "session": str(session)}
    return _documents(
        request,
        "reader/documents.html",
        filters,
        fixed=("session",),
        title=_("Session %(session)s") % {"session": session},
        up=("sessions", _("All sessions")),
    )


@require_GET
def sponsors(request: HttpRequest) -> HttpResponse:
    return render(request, "reader/sponsors.html", {"sponsors": sponsor_counts()})


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
        "reader/documents.html",
        filters,
        fixed=("sponsor",),
        title=_("Sponsored by %(state)s") % {"state": state_names([state])[state.pk]},
        state=state,
        up=("sponsors", _("All sponsors")),
    )
