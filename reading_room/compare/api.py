"""GET /api/compare?from=A/79/L.124&to=A/80/L.20&lang=en: what changed, paragraph by paragraph.

Described in the OpenAPI document (reading_room/api/openapi.py, "compareDocuments"). Like the rest of the
API: read-only, any origin (CORS), ETag and Last-Modified from both documents' last change.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from reading_room.api.params import CompareQuery
from reading_room.api.views import API_VERSION, endpoint
from reading_room.documents.models import Document

from . import comparison, diffs
from .comparison import NoCommonLanguage
from .views import published


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@endpoint
def compare(request: HttpRequest) -> HttpResponse:
    try:
        older, newer, language, data = _read(request)
    except Refused as refused:
        return _json({"error": refused.message}, status=refused.status)
    tag = hashlib.sha256(
        "|".join([API_VERSION, comparison.FORMAT, settings.RELEASE, language, *_stamps(older, newer)]).encode()
    ).hexdigest()[:32]
    etag, modified = f'"{tag}"', int(max(older.updated, newer.updated).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = _json(as_json(data, language))
    response["ETag"], response["Last-Modified"] = etag, http_date(modified)
    return response


def _read(request: HttpRequest) -> tuple[Document, Document, str, dict]:
    """The two documents, the language and their comparison: 400 for a malformed query (the form
    of api_params.py, which the OpenAPI description is made from), 404 for what is not here."""
    query = CompareQuery(request.GET)
    if not query.is_valid():
        raise Refused(400, query.error_message())
    wanted, language = [query.cleaned_data["from"], query.cleaned_data["to"]], query.cleaned_data["lang"]
    found = published(wanted)
    for symbol in wanted:
        if Document.key_for(symbol) not in found:
            raise Refused(404, f"No document with the symbol {symbol}.")
    older, newer = (found[Document.key_for(s)] for s in wanted)
    try:
        data = comparison.get(older, newer)
    except NoCommonLanguage as error:
        raise Refused(404, f"{error}.") from error
    common = data["languages"]
    language = language or ("en" if "en" in common else common[0])
    for side in ("from", "to"):
        if language not in data[side]["languages"]:
            raise Refused(404, f"{data[side]['symbol']} has no published text in {language}.")
    return older, newer, language, data


def _stamps(*documents: Document) -> list[str]:
    return [f"{d.key}@{d.updated.isoformat()}" for d in documents]


def as_json(data: dict, language: str) -> dict:
    """The shape of the issue that asked for it: statuses in the newer document's order, removed
    paragraphs at their old place, a word diff where the words changed."""
    paragraphs = []
    for entry in data["paragraphs"]:
        item = {"from": entry["from"], "to": entry["to"], "status": entry["status"][language]}
        diff = entry["diff"][language]
        if item["status"] == "changed" or (item["status"] == "moved" and diffs.edited(diff)):
            item["diff"] = [{"op": op, "text": text} for op, text in diff]
        paragraphs.append(item)
    return {
        "from": data["from"]["symbol"],
        "to": data["to"]["symbol"],
        "language": language,
        "summary": comparison.summary(data["paragraphs"], language),
        "paragraphs": paragraphs,
    }


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
