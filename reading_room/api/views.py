"""JSON API: documents (a filtered, paginated list; one document; one paragraph), described by
an OpenAPI document (openapi.py), query strings validated by the forms of api_params.py. Read-only,
open to any origin, JSON for every answer, with ETag/Last-Modified from Document.updated so clients
can poll cheaply with conditional GETs."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition

from reading_room.documents import crossrefs
from reading_room.documents.models import (
    Document,
    DocumentText,
    Footnote,
    Paragraph,
    ParagraphText,
    Reference,
    Sponsorship,
)
from reading_room.documents.references import find_mentions
from reading_room.reader.cite import citation
from reading_room.reader.views import published_or_404

from . import openapi
from .params import DocumentListQuery

API_VERSION = "1"  # part of every ETag: a change of format must not look "not modified"


def document_json(document: Document) -> dict:
    texts = {t.language_id: t for t in document.texts.filter(published=True)}
    languages = sorted(texts, key=lambda code: (code != "en", code))
    paragraph_texts = ParagraphText.objects.filter(paragraph__document=document, language__in=languages)
    by_paragraph: dict[int, dict[str, str]] = {}
    cited: dict[int, dict[str, list[str]]] = {}
    for paragraph_id, language, text, calls in paragraph_texts.values_list(
        "paragraph_id", "language_id", "text", "calls"
    ):
        by_paragraph.setdefault(paragraph_id, {})[language] = text
        if calls:
            cited.setdefault(paragraph_id, {})[language] = [number for _offset, number in calls]
    paragraphs = []
    for p in document.paragraphs.all():
        per_lang = cited.get(p.id, {})
        paragraphs.append(
            {
                "eid": p.eid,
                "kind": p.kind,
                "number": p.number or None,
                "text": by_paragraph.get(p.id, {}),
                "footnotes": _footnote_lists(per_lang, [c for c in languages if c in by_paragraph.get(p.id, {})]),
            }
        )
    footnotes = []
    for f in Footnote.objects.filter(document=document).prefetch_related("texts"):
        footnotes.append(
            {"number": f.number, "text": {t.language_id: t.text for t in f.texts.all() if t.language_id in texts}}
        )
    sponsors = []
    for s in Sponsorship.objects.filter(document=document).select_related("state").prefetch_related("state__names"):
        sponsors.append({"iso3": s.state.iso3, "name": {n.language_id: n.name for n in s.state.names.all()}})
    return {
        "symbol": document.symbol,
        "body": document.body,
        "kind": document.kind,
        "session": document.session,
        "agenda_item": document.agenda_item,
        "date": document.date.isoformat() if document.date else None,
        "adopted": document.adopted.isoformat() if document.adopted else None,
        "meeting": document.meeting,
        "draft": document.draft or None,
        "report": document.report or None,
        "vote": document.vote or None,
        "updated": document.updated.isoformat(),
        "languages": languages,
        "title": {code: t.title for code, t in texts.items()},
        "sponsors": sponsors,
        "sponsor_note": {code: t.sponsor_note for code, t in texts.items() if t.sponsor_note},
        "paragraphs": paragraphs,
        "footnotes": footnotes,
        **_references(document),
        "url": document.get_absolute_url(),
    }


def _footnote_lists(per_lang: dict[str, list[str]], languages: list[str]) -> list[str] | dict[str, list[str]]:
    """One list when every language cites the same footnotes, else one list per language."""
    lists = [per_lang.get(code, []) for code in languages]
    if all(sorted(lst, key=_num) == sorted(lists[0], key=_num) for lst in lists):
        return sorted(lists[0], key=_num) if lists else []
    return {code: per_lang.get(code, []) for code in languages}


def _references(document: Document) -> dict:
    """What the document cites (stored at import) and which published documents cite it."""
    keys = sorted(set(Reference.objects.filter(paragraph__document=document).values_list("target", flat=True)))
    held, cited_by = crossrefs.neighbours(document, keys)
    return {
        "references": [_reference(key, held) for key in keys],
        "cited_by": [
            {"symbol": e["symbol"], "url": e["url"], "paragraphs": [p["eid"] for p in e["paragraphs"]]}
            for e in cited_by
        ],
    }


def _reference(key: str, held: set[str]) -> dict:
    return {"symbol": key, "held": key in held, "url": crossrefs.href(key, "", held)}


def _num(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isascii() and number.isdigit() else (10**6, number)  # "²" is a digit too


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def endpoint(view: Callable) -> Callable:
    """An API URL: read-only, open to any origin, JSON for every answer. GET goes to the view,
    OPTIONS is a browser's preflight (a conditional GET sends one), any other method a JSON 405.
    No CSRF check: nothing here writes, and a refused POST must hear 405, not the HTML 403."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = _preflight()
        elif request.method == "GET":
            response = view(request, *args, **kwargs)
        else:
            response = _json({"error": f"{request.method} is not allowed: the API is read-only."}, status=405)
            response["Allow"] = "GET, OPTIONS"
        return _cors(response)

    return wrapper


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    """Any other path under /api/ (a symbol or paragraph id that the URL patterns refuse included),
    whatever the method: the API's JSON 404, not the site's HTML page. A preflight is answered so
    that a browser can read the 404."""
    if request.method == "OPTIONS":
        return _cors(_preflight())
    return _cors(_json({"error": f"Nothing at {request.path}: see /api/openapi.json."}, status=404))


# Conditional GET on one document (and its paragraphs): Document.updated moves on any change.
def _updated(request: HttpRequest, symbol: str, eid: str | None = None) -> datetime.datetime | None:
    if not hasattr(request, "_document_updated"):
        row = Document.objects.published().filter(key=Document.key_for(symbol)).values_list("updated", flat=True)
        request._document_updated = row.first()
    return request._document_updated


def _document_etag(request: HttpRequest, symbol: str, eid: str | None = None) -> str | None:
    updated = _updated(request, symbol)
    if updated is None:
        return None
    return _hash(API_VERSION, Document.key_for(symbol), eid or "", updated.isoformat())


def _hash(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


@endpoint
@condition(etag_func=_document_etag, last_modified_func=_updated)
def document(request: HttpRequest, symbol: str) -> JsonResponse:
    try:
        doc = published_or_404(symbol)
    except Http404 as exc:
        return _json({"error": str(exc)}, status=404)
    return _json(document_json(doc))


@endpoint
@condition(etag_func=_document_etag, last_modified_func=_updated)
def paragraph(request: HttpRequest, symbol: str, eid: str) -> JsonResponse:
    try:
        doc = published_or_404(symbol)
    except Http404 as exc:
        return _json({"error": str(exc)}, status=404)
    eids = list(doc.paragraphs.values_list("eid", flat=True))
    if eid not in eids:
        return _json({"error": f"{doc.symbol} has no paragraph {eid}."}, status=404)
    return _json(paragraph_json(doc, eid, eids))


def paragraph_json(document: Document, eid: str, eids: list[str]) -> dict:
    languages = sorted(
        document.texts.filter(published=True).values_list("language_id", flat=True), key=lambda c: (c != "en", c)
    )
    paragraph = Paragraph.objects.prefetch_related(
        Prefetch("texts", queryset=ParagraphText.objects.filter(language__in=languages))
    ).get(document=document, eid=eid)
    texts = sorted(paragraph.texts.all(), key=lambda t: languages.index(t.language_id))
    numbers = sorted({number for t in texts for _offset, number in t.get_calls()}, key=_num)
    notes = _footnote_texts(document, numbers, languages)
    keys: list[str] = []
    for text in [t.text for t in texts] + [n for note in notes.values() for n in note.values()]:
        keys.extend(m.key for m in find_mentions(text) if m.key not in keys)
    held = crossrefs.held(keys)
    index = eids.index(eid)
    return {
        "symbol": document.symbol,
        "eid": eid,
        "kind": paragraph.kind,
        "number": paragraph.number or None,
        "text": {t.language_id: t.text for t in texts},
        "lead": {t.language_id: t.lead for t in texts if t.lead},
        "footnotes": [{"number": n, "text": notes.get(n, {})} for n in numbers],
        "citation": {code: citation(document.symbol, eid, code) for code in languages},
        "references": [_reference(key, held) for key in keys],
        "previous": eids[index - 1] if index > 0 else None,
        "next": eids[index + 1] if index + 1 < len(eids) else None,
        "url": paragraph.get_absolute_url(),
        "document": reverse("api-document", kwargs={"symbol": document.key}),
    }


def _footnote_texts(document: Document, numbers: list[str], languages: list[str]) -> dict[str, dict[str, str]]:
    notes: dict[str, dict[str, str]] = {}
    for footnote in Footnote.objects.filter(document=document, number__in=numbers).prefetch_related("texts"):
        notes[footnote.number] = {t.language_id: t.text for t in footnote.texts.all() if t.language_id in languages}
    return notes


# The list: filters, then pages. Its validators cover the filtered set (newest change, size).
def _query(request: HttpRequest) -> DocumentListQuery:
    if not hasattr(request, "_api_query"):
        request._api_query = DocumentListQuery(request.GET)
    return request._api_query


def _filtered(query: dict):
    documents = Document.objects.published()
    if query["body"]:
        documents = documents.filter(body=query["body"])
    if query["kind"]:
        documents = documents.filter(kind=query["kind"])
    if query["session"] is not None:
        documents = documents.filter(session=query["session"])
    if query["language"]:
        documents = documents.filter(texts__language_id=query["language"], texts__published=True)
    if query["cites"]:
        documents = documents.filter(paragraphs__references__target=Document.key_for(query["cites"]))
    if query["updated_since"] is not None:
        documents = documents.filter(updated__gte=query["updated_since"])
    return documents.distinct()


def _list_stamp(request: HttpRequest) -> tuple[datetime.datetime | None, int] | None:
    if not hasattr(request, "_list_stamp"):
        query = _query(request)
        request._list_stamp = (
            _filtered(query.cleaned_data).aggregate(last=Max("updated"), count=Count("pk", distinct=True))
            if query.is_valid()
            else None
        )
    return request._list_stamp


def _list_etag(request: HttpRequest) -> str | None:
    stamp = _list_stamp(request)
    if stamp is None:
        return None
    last = stamp["last"].isoformat() if stamp["last"] else ""
    return _hash(API_VERSION, "list", request.GET.urlencode(), last, str(stamp["count"]))


def _list_modified(request: HttpRequest) -> datetime.datetime | None:
    stamp = _list_stamp(request)
    return stamp["last"] if stamp else None


@endpoint
@condition(etag_func=_list_etag, last_modified_func=_list_modified)
def document_list(request: HttpRequest) -> JsonResponse:
    query = _query(request)
    if not query.is_valid():
        return _json({"error": query.error_message()}, status=400)
    params = query.cleaned_data
    documents = (
        _filtered(params)
        .order_by("-date", "symbol")
        .prefetch_related(Prefetch("texts", queryset=DocumentText.objects.filter(published=True)))
    )
    paginator = Paginator(documents, params["per_page"])
    try:
        page = paginator.page(params["page"])
    except EmptyPage:
        return _json({"error": f"page {params['page']} does not exist; there are {paginator.num_pages}"}, status=404)
    return _json(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "per_page": paginator.per_page,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [_summary(d) for d in page.object_list],
        }
    )


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return f"{request.path}?{params.urlencode()}"


def _summary(document: Document) -> dict:
    texts = sorted(document.texts.all(), key=lambda t: (t.language_id != "en", t.language_id))
    return {
        "symbol": document.symbol,
        "body": document.body,
        "kind": document.kind,
        "session": document.session,
        "date": document.date.isoformat() if document.date else None,
        "updated": document.updated.isoformat(),
        "languages": [t.language_id for t in texts],
        "title": {t.language_id: t.title for t in texts},
        "url": document.get_absolute_url(),
        "api_url": reverse("api-document", kwargs={"symbol": document.key}),
    }


@endpoint
def openapi_document(request: HttpRequest) -> JsonResponse:
    return _json(openapi.document())
