"""The public pages of a document, cached whole and answered conditionally.

A page is identified by the document's last change (`Document.updated`, bumped by any edit: see
signals.py), the release (release.py), the URL with its query and host, the interface language and
whether htmx asked for a fragment. Every request reads `updated` from the database (one indexed
query), so no worker ever serves a page older than the last edit, whether the cache is its own
memory or a Redis shared by many servers; browsers revalidate (`no-cache`) and get a 304.

Both the page and its gzip encoding are cached: compressing 80 KB costs more than serving it.
The gzip is made when a client first asks for it.
These pages hold no secret (no CSRF token, nothing per user), so compression cannot leak one
(BREACH).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

from reading_room.release import release

from .models import Document

TIMEOUT = 24 * 3600  # keys change with every edit; old entries just age out
VARY = ("Accept-Encoding", "Accept-Language", "Cookie", "HX-Request")


def serve(
    request: HttpRequest, document: Document, render: Callable[[], HttpResponse], also: Sequence[Document] = ()
) -> HttpResponse:
    """`also`: other documents the page shows (a comparison shows two): their changes count too."""
    documents = [document, *also]
    fingerprint = _fingerprint(request, documents)
    last_modified = int(max(d.updated for d in documents).timestamp())  # HTTP dates have whole seconds
    etag = f'W/"{fingerprint}"'
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _cached(request, f"page:{fingerprint}", render)
    response.headers.setdefault("ETag", etag)
    response.headers.setdefault("Last-Modified", http_date(last_modified))
    response.headers.setdefault("Cache-Control", "no-cache")
    patch_vary_headers(response, VARY)
    return response


def _fingerprint(request: HttpRequest, documents: Sequence[Document]) -> str:
    parts = (
        release(),
        *(f"{d.pk}@{d.updated.isoformat()}" for d in documents),
        get_language() or "",
        "htmx" if request.headers.get("HX-Request") else "page",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    return hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def _cached(request: HttpRequest, key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    entry = cache.get(key)
    if entry is None:
        response = render()
        if response.status_code != 200 or response.streaming:
            return response
        entry = {"content": response.content, "type": response["Content-Type"]}
        cache.set(key, entry, TIMEOUT)
    if "gzip" not in request.headers.get("Accept-Encoding", ""):
        return HttpResponse(entry["content"], content_type=entry["type"])
    if "gzip" not in entry:  # compressed once, by the first client that asks for it
        entry["gzip"] = compress_string(entry["content"])
        cache.set(key, entry, TIMEOUT)
    if len(entry["gzip"]) >= len(entry["content"]):
        return HttpResponse(entry["content"], content_type=entry["type"])
    response = HttpResponse(entry["gzip"], content_type=entry["type"])
    response["Content-Encoding"] = "gzip"
    return response
