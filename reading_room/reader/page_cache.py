"""The public pages of a document, cached whole and answered conditionally.

A page is identified by the document's last change (`Document.updated`, bumped by any edit: see
signals.py), the release (settings.RELEASE), the path and host, the query parameters the page reads
(a document's ?view= as given, whether there is a ?hl=; a comparison's ?from=, ?to=, ?lang=, ?only=),
the interface language and whether htmx asked for a fragment. Any other parameter (?x=1,
?utm_source=…) makes no new page: it is served the cached one, and pages are rendered as if it were
not there (a view the reader does not know is redirected: views.py). A ?go= the reader's go-to box
could not find is shown with the page, not cached.

Every request reads `updated` from the database (one indexed query), so no worker ever serves a
page older than the last edit, whether the cache is its own memory or a Redis shared by many
servers; browsers revalidate (`no-cache`) and get a 304 (`condition`). The cache's keys are
versioned by the release (settings.CACHES), and so is the ETag: a deploy serves nothing the old
code rendered.

Pages are compressed like every public page, by Django's GZipMiddleware (`gzip_page`), before they
are cached: one entry per encoding, so a page is compressed once, not on every request (compressing
80 KB costs more than serving it). These pages hold no secret (no CSRF token, nothing per user), so
compression cannot leak one (BREACH).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition

from reading_room.documents.models import Document

TIMEOUT = 24 * 3600  # keys change with every edit; old entries just age out
VARY = ("Accept-Encoding", "Accept-Language", "Cookie", "HX-Request")


# The query parameters a document's pages (reader, paragraph, print) read; the highlighted words only
# through the browser (search.js).
READ = ("view", "hl", "go")


def serve(
    request: HttpRequest,
    document: Document,
    render: Callable[[], HttpResponse],
    also: Sequence[Document] = (),
    reads: Sequence[str] = READ,
) -> HttpResponse:
    """`also`: other documents the page shows (a comparison shows two): their changes count too.
    `reads`: the query parameters the page reads; no other makes a page of its own."""
    _read_only(request, reads)
    documents = [document, *also]
    fingerprint = _fingerprint(request, documents)
    compressed = gzip_page(lambda request: render())

    @condition(
        etag_func=lambda request: f'W/"{fingerprint}"',
        last_modified_func=lambda request: max(d.updated for d in documents),
    )
    def page(request: HttpRequest) -> HttpResponse:
        if "go" in request.GET:  # a paragraph the go-to box did not find: not kept
            return compressed(request)
        encoding = "gzip" if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")) else "identity"
        key = f"page:{fingerprint}:{encoding}"
        response = cache.get(key)
        if response is None:
            response = compressed(request)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, response, TIMEOUT)
        return response

    response = page(request)
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, VARY)
    return response


def _fingerprint(request: HttpRequest, documents: Sequence[Document]) -> str:
    parts = (
        settings.RELEASE,
        *(f"{d.pk}@{d.updated.isoformat()}" for d in documents),
        get_language() or "",
        "htmx" if request.headers.get("HX-Request") else "page",
        request.scheme,
        request.get_host(),
        request.path,
        request.GET.urlencode(),
    )
    return hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def _read_only(request: HttpRequest, reads: Sequence[str]) -> None:
    """The request as the page sees it: the parameters it reads as given (?hl= as a flag: a
    document's page only loads the highlighter for it; ?go=, the reader's go-to box, when it found
    nothing), no others; its full path (the language switch returns to it) without hl or go."""
    given = request.GET
    query = QueryDict(mutable=True)
    for name in reads:
        if name not in ("hl", "go") and (value := given.get(name)):
            query[name] = value[:100]
    request.META["QUERY_STRING"] = query.urlencode()
    if "hl" in reads and given.get("hl"):
        query["hl"] = "1"
    if "go" in reads and "go" in given:
        query["go"] = given["go"][:40]
    query._mutable = False
    request.GET = query
