"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.

Written by hand next to api.py, except the query parameters, which api_params.py's form fields
describe themselves. tests/test_api_list.py validates it with openapi-spec-validator, and
tests/test_api_contract.py sends every operation schemathesis's generated requests and checks the
answers against it: a change to the API changes this description in the same commit.
"""

from __future__ import annotations

import copy

from reading_room.documents.converters import EidConverter, SymbolConverter

from .params import CompareQuery, DocumentListQuery, QueryForm, anchored

_LANGUAGE_MAP = {
    "type": "object",
    "description": "One value per language code (en, fr…).",
    "propertyNames": {"pattern": "^[a-z]{2,3}$"},
    "additionalProperties": {"type": "string"},
}
_NULLABLE_STRING = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "format": "date"}
_SYMBOL = {"type": "string", "examples": ["A/79/L.124"]}
_STATUSES = ["unchanged", "changed", "added", "removed", "moved"]
_PARAGRAPH_KIND = {
    "enum": ["preambular", "operative", "subparagraph", "heading", "annex"],
    "description": "preambular (pp3), operative (op1), subparagraph (op1.a), heading (sec1, annex1, "
    "annex1.title) or annex (a paragraph of an annexed text: annex1.pp1, annex1.para3, annex1.para3.a).",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


SCHEMAS = {
    "LanguageMap": _LANGUAGE_MAP,
    "Error": _object({"error": {"type": "string"}}),
    "Reference": _object(
        {
            "symbol": {**_SYMBOL, "description": "The cited document's symbol, without spaces."},
            "held": {"type": "boolean", "description": "Whether this reading room holds it."},
            "url": {"type": "string", "description": "Its page here, else its undocs.org address."},
        }
    ),
    "Sponsor": _object({"iso3": {"type": "string", "pattern": "^[A-Z]{3}$"}, "name": _ref("LanguageMap")}),
    "Footnote": _object({"number": {"type": "string"}, "text": _ref("LanguageMap")}),
    "DocumentParagraph": _object(
        {
            "eid": {"type": "string", "examples": ["op3"]},
            "kind": _PARAGRAPH_KIND,
            "number": _NULLABLE_STRING,
            "text": _ref("LanguageMap"),
            "footnotes": {
                "description": "Footnote numbers cited; per language when the languages differ.",
                "oneOf": [
                    {"type": "array", "items": {"type": "string"}},
                    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                ],
            },
        }
    ),
    "CitedBy": _object(
        {
            "symbol": _SYMBOL,
            "url": {"type": "string"},
            "paragraphs": {"type": "array", "items": {"type": "string"}},
        }
    ),
    "Document": _object(
        {
            "symbol": _SYMBOL,
            "body": {"enum": ["GA", "SC", "ECOSOC"]},
            "kind": {"enum": ["draft_resolution", "resolution", "draft_decision", "decision"]},
            "session": {"type": ["integer", "null"]},
            "agenda_item": {"type": "string"},
            "date": {**_DATE, "description": "Date of issue (the masthead's “Distr.” line)."},
            "adopted": {**_DATE, "description": "Adopted resolutions: the date of adoption."},
            "meeting": {"type": ["integer", "null"], "description": "The plenary meeting that adopted it."},
            "draft": {**_NULLABLE_STRING, "description": "The draft it was adopted from (A/80/L.15)."},
            "report": {**_NULLABLE_STRING, "description": "The Main Committee report it was adopted on (A/80/534)."},
            "vote": {**_NULLABLE_STRING, "description": "The recorded vote, where the text prints one."},
            "updated": {"type": "string", "format": "date-time"},
            "languages": {"type": "array", "items": {"type": "string"}},
            "title": _ref("LanguageMap"),
            "sponsors": {"type": "array", "items": _ref("Sponsor")},
            "sponsor_note": _ref("LanguageMap"),
            "paragraphs": {"type": "array", "items": _ref("DocumentParagraph")},
            "footnotes": {"type": "array", "items": _ref("Footnote")},
            "references": {"type": "array", "items": _ref("Reference")},
            "cited_by": {"type": "array", "items": _ref("CitedBy")},
            "url": {"type": "string", "description": "The reader page."},
        }
    ),
    "Paragraph": _object(
        {
            "symbol": _SYMBOL,
            "eid": {"type": "string"},
            "kind": _PARAGRAPH_KIND,
            "number": _NULLABLE_STRING,
            "text": _ref("LanguageMap"),
            "lead": {**_LANGUAGE_MAP, "description": "The italic opening words, per language."},
            "footnotes": {"type": "array", "items": _ref("Footnote")},
            "citation": {**_LANGUAGE_MAP, "description": "UN-style citation: “A/79/L.124, para. 3”."},
            "references": {"type": "array", "items": _ref("Reference")},
            "previous": _NULLABLE_STRING,
            "next": _NULLABLE_STRING,
            "url": {"type": "string", "description": "The paragraph page."},
            "document": {"type": "string", "description": "The document in this API."},
        }
    ),
    "DocumentSummary": _object(
        {
            "symbol": _SYMBOL,
            "body": {"enum": ["GA", "SC", "ECOSOC"]},
            "kind": {"enum": ["draft_resolution", "resolution", "draft_decision", "decision"]},
            "session": {"type": ["integer", "null"]},
            "date": _DATE,
            "updated": {"type": "string", "format": "date-time"},
            "languages": {"type": "array", "items": {"type": "string"}},
            "title": _ref("LanguageMap"),
            "url": {"type": "string"},
            "api_url": {"type": "string"},
        }
    ),
    "DocumentList": _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "next": _NULLABLE_STRING,
            "previous": _NULLABLE_STRING,
            "results": {"type": "array", "items": _ref("DocumentSummary")},
        }
    ),
    # GET /api/compare (reading_room/compare/api.py)
    "DiffOp": _object(
        {
            "op": {"enum": ["equal", "delete", "insert"]},
            "text": {"type": "string"},
        }
    ),
    "ComparedParagraph": _object(
        {
            "from": {**_NULLABLE_STRING, "description": "The paragraph's eid in the earlier document; null if added."},
            "to": {**_NULLABLE_STRING, "description": "The paragraph's eid in the later document; null if removed."},
            "status": {
                "enum": ["unchanged", "changed", "added", "removed", "moved"],
                "description": "unchanged: the same words, perhaps under a new number; changed: words inserted or "
                "deleted; moved: its place among the others changed (with or without edits); added; removed.",
            },
            "diff": {
                "type": "array",
                "items": _ref("DiffOp"),
                "description": "Word by word, when the words changed (changed, or moved with edits): the earlier "
                "text is the equal and delete parts, the later the equal and insert parts.",
            },
        },
        required=["from", "to", "status"],
    ),
    "Comparison": _object(
        {
            "from": _SYMBOL,
            "to": {**_SYMBOL, "examples": ["A/80/L.20"]},
            "language": {"type": "string", "examples": ["en"]},
            "summary": _object({name: {"type": "integer", "minimum": 0} for name in _STATUSES}),
            "paragraphs": {
                "type": "array",
                "items": _ref("ComparedParagraph"),
                "description": "In the later document's order, each removed paragraph at its old place. Matched "
                "by content, not number. A paragraph split in two appears once per piece (the same `from`), two "
                "merged into one once per merged paragraph (the same `to`), each piece with its share of the diff.",
            },
        }
    ),
}


_CORS_HEADER = {
    "Access-Control-Allow-Origin": {
        "description": "Any origin may read every answer.",
        "required": True,
        "schema": {"type": "string", "const": "*"},
    }
}


def _json_response(description: str, schema: str, headers: dict | None = None) -> dict:
    return {
        "description": description,
        "headers": {**_CORS_HEADER, **(headers or {})},
        "content": {"application/json": {"schema": _ref(schema)}},
    }


def _validators(last_modified_always: bool = True) -> dict:
    return {
        "ETag": {"description": "Send it back as If-None-Match.", "required": True, "schema": {"type": "string"}},
        "Last-Modified": {
            "description": "Send it back as If-Modified-Since."
            + ("" if last_modified_always else " Absent when no document matches."),
            "required": last_modified_always,
            "schema": {"type": "string"},
        },
    }


_NOT_MODIFIED = {"description": "Not modified since the ETag or date the client sent.", "headers": _CORS_HEADER}
_UNAVAILABLE = _json_response(
    "The database cannot be reached: try again after Retry-After seconds.",
    "Error",
    {"Retry-After": {"description": "Seconds.", "required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"}}},
)
_CONDITIONAL = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "An ETag from an earlier answer: 304 while it still holds.",
        "schema": {"type": "string"},
    },
    {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": "A Last-Modified date from an earlier answer: 304 if nothing changed since. "
        "A value that is not an HTTP date is ignored.",
        "schema": {"type": "string"},
    },
]
_SYMBOL_PARAMETER = {
    "name": "symbol",
    "in": "path",
    "required": True,
    "description": "The document symbol, slashes included and not escaped, spaces left out: A/79/L.124, "
    "S/RES/2719(2023). Any other path under /api/ answers 404 with an Error.",
    "schema": {"type": "string", "pattern": anchored(SymbolConverter.regex)},
    "example": "A/79/L.124",
}
_EID_PARAMETER = {
    "name": "eid",
    "in": "path",
    "required": True,
    "description": "The permanent paragraph id: pp3, op1, op2.a, annex1.para3.",
    "schema": {"type": "string", "pattern": anchored(EidConverter.regex)},
    "example": "op3",
}


def query_parameters(form: type[QueryForm]) -> list[dict]:
    """The description of each field of an api_params form, so that the two cannot differ."""
    return [_query_parameter(name, field) for name, field in form.base_fields.items()]


def _query_parameter(name: str, field) -> dict:
    parameter = {"name": name, "in": "query", "required": field.required}
    if not field.required:
        parameter["allowEmptyValue"] = True  # an empty value is the same as none
    parameter |= {"description": str(field.help_text), "schema": field.schema()}
    if getattr(field, "example", ""):
        parameter["example"] = field.example
    return parameter


PATHS = {
    "/api/documents": {
        "get": {
            "operationId": "listDocuments",
            "summary": "Published documents, newest first, a page at a time",
            "parameters": [*query_parameters(DocumentListQuery), *_CONDITIONAL],
            "responses": {
                "200": _json_response("A page of documents.", "DocumentList", _validators(last_modified_always=False)),
                "304": _NOT_MODIFIED,
                "400": _json_response("A parameter is invalid: the message names it.", "Error"),
                "404": _json_response("No such page.", "Error"),
                "503": _UNAVAILABLE,
            },
        }
    },
    "/api/documents/{symbol}": {
        "get": {
            "operationId": "getDocument",
            "summary": "One document: metadata, sponsors, paragraphs, footnotes, references",
            "parameters": [_SYMBOL_PARAMETER, *_CONDITIONAL],
            "responses": {
                "200": _json_response("The document.", "Document", _validators()),
                "304": _NOT_MODIFIED,
                "404": _json_response("No published document with this symbol.", "Error"),
                "503": _UNAVAILABLE,
            },
        }
    },
    "/api/documents/{symbol}/{eid}": {
        "get": {
            "operationId": "getParagraph",
            "summary": "One paragraph in every published language, with its footnotes and citation",
            "parameters": [_SYMBOL_PARAMETER, _EID_PARAMETER, *_CONDITIONAL],
            "responses": {
                "200": _json_response("The paragraph.", "Paragraph", _validators()),
                "304": _NOT_MODIFIED,
                "404": _json_response("No such document or paragraph.", "Error"),
                "503": _UNAVAILABLE,
            },
        }
    },
    "/api/compare": {
        "get": {
            "operationId": "compareDocuments",
            "summary": "What changed between two documents, paragraph by paragraph, in one language",
            "description": "Paragraphs are paired by what they say, in every language the two documents share, so "
            "that each language has the same pairs; the status and the word diff are those of the language asked "
            "for. The same comparison is a page at /compare/?from=…&to=…&lang=en|fr|both.",
            "parameters": [*query_parameters(CompareQuery), *_CONDITIONAL],
            "responses": {
                "200": _json_response("The comparison.", "Comparison", _validators()),
                "304": _NOT_MODIFIED,
                "400": _json_response(
                    "from or to missing or not a symbol, or lang not a language code: the message names it.", "Error"
                ),
                "404": _json_response(
                    "No published document with one of the symbols, or one of them has no published text in the "
                    "language asked for (or none in common with the other).",
                    "Error",
                ),
                "503": _UNAVAILABLE,
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "operationId": "getOpenAPI",
            "summary": "This description",
            "responses": {
                "200": {
                    "description": "OpenAPI 3.1",
                    "headers": _CORS_HEADER,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


def document() -> dict:
    return copy.deepcopy(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Reading Room API",
                "version": "1.0.0",
                "description": (
                    "United Nations documents paragraph by paragraph, text per language. Read-only: GET, and "
                    "OPTIONS for a browser's preflight; any other method answers 405 with an Error and an "
                    "Allow header. Any origin may call it (CORS). Every answer is JSON, errors included "
                    '(`{"error": "…"}`), and any path under /api/ that is not described here answers 404. '
                    "Responses carry ETag and Last-Modified: send If-None-Match or If-Modified-Since to get "
                    "304 Not Modified when nothing changed."
                ),
            },
            "paths": PATHS,
            "components": {"schemas": SCHEMAS},
        }
    )
