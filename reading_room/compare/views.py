"""The comparison page, /compare/?from=A/79/L.124&to=A/80/L.20&lang=en|fr|both, and a
paragraph's counterparts in the documents of its history."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reading_room.documents.converters import SymbolConverter
from reading_room.documents.models import Document
from reading_room.reader import page_cache

from . import comparison, lineage, presentation
from .comparison import NoCommonLanguage

BOTH = "both"
MAX_SYMBOL = 80
_SYMBOL = re.compile(SymbolConverter.regex)


def published(symbols: list[str]) -> dict[str, Document]:
    """The published documents with these symbols, by key, in one query. A string that cannot be
    a symbol is simply not found (and never reaches the database)."""
    keys = [Document.key_for(s) for s in symbols]
    keys = [k for k in keys if len(k) <= MAX_SYMBOL and _SYMBOL.fullmatch(k)]
    if not keys:
        return {}
    return {d.key: d for d in Document.objects.published().filter(key__in=keys)}


@require_GET
def compare_page(request: HttpRequest) -> HttpResponse:
    wanted = {name: request.GET.get(name, "").strip() for name in ("from", "to")}
    if not (wanted["from"] and wanted["to"]):
        message = _("Give the symbols of the two documents to compare.") if any(wanted.values()) else ""
        return _start(request, wanted, message, status=400 if message else 200)
    found = published(list(wanted.values()))
    missing = [s for s in wanted.values() if Document.key_for(s) not in found]
    if missing:
        message = _("No document with the symbol %(symbol)s.") % {"symbol": missing[0]}
        return _start(request, wanted, message, status=404)
    older, newer = found[Document.key_for(wanted["from"])], found[Document.key_for(wanted["to"])]
    reads = ("from", "to", "lang", "only")  # no other parameter makes a page of its own (page_cache.py)
    return page_cache.serve(request, older, lambda: _page(request, older, newer), also=[newer], reads=reads)


def _start(request: HttpRequest, wanted: dict, message: str, status: int) -> HttpResponse:
    context = {"wanted": wanted, "message": message}
    return render(request, "compare/start.html", context, status=status)


def _page(request: HttpRequest, older: Document, newer: Document) -> HttpResponse:
    try:
        data = comparison.get(older, newer)
    except NoCommonLanguage:
        message = _("%(old)s and %(new)s have no language in common yet.") % {"old": older.symbol, "new": newer.symbol}
        return _start(request, {"from": older.symbol, "to": newer.symbol}, message, status=400)
    common = data["languages"]
    asked = request.GET.get("lang", "")
    lang = asked if asked in common or (asked == BOTH and len(common) > 1) else (BOTH if len(common) > 1 else common[0])
    shown = presentation.languages(common if lang == BOTH else [lang])
    only_changes = request.GET.get("only") == "changes"
    context = {
        "data": data,
        "older": older,
        "newer": newer,
        "lang": lang,
        "views": _views(older, newer, common, only_changes),
        "only_url": _url(older, newer, lang, not only_changes),
        "swap_url": _url(newer, older, lang, only_changes),
        "api_url": _api_url(older, newer, shown[0].code),
        "languages": shown,
        "titles": [_title(data[side]["titles"]) for side in ("from", "to")],
        **presentation.page(data, shown, only_changes),
    }
    return render(request, "compare/compare.html", context)


def _title(titles: dict[str, str]) -> tuple[str, str] | None:
    """(language, title): in the interface language if the document has it."""
    code = get_language() if get_language() in titles else next(iter(titles), None)
    return (code, titles[code]) if code else None


def _api_url(older: Document, newer: Document, lang: str) -> str:
    return f"{reverse('api-compare')}?{urlencode({'from': older.symbol, 'to': newer.symbol, 'lang': lang})}"


def _url(older: Document, newer: Document, lang: str, only_changes: bool) -> str:
    query = {"from": older.symbol, "to": newer.symbol, "lang": lang}
    if only_changes:
        query["only"] = "changes"
    return f"{reverse('compare')}?{urlencode(query)}"


def _views(older: Document, newer: Document, common: list[str], only_changes: bool) -> list[tuple[str, str, str]]:
    """(value, label, url) of the language choices: both side by side, then each alone."""
    values = ([BOTH] if len(common) > 1 else []) + common
    labels = {BOTH: " + ".join(c.upper() for c in common)}
    return [(v, labels.get(v, v.upper()), _url(older, newer, v, only_changes)) for v in values]


# A paragraph's counterparts


@require_GET
def paragraph_counterparts(request: HttpRequest, symbol: str, eid: str) -> HttpResponse:
    """Where this paragraph is in the documents before and after it in its history. Loaded into the
    paragraph page by static/js/counterparts.js (that page is cached with its own document; this
    part depends on the others too), and a page of its own without JavaScript."""
    document = published([symbol]).get(Document.key_for(symbol))
    if document is None:
        raise Http404(_("No document with the symbol %(symbol)s.") % {"symbol": symbol})
    if not document.paragraphs.filter(eid=eid).exists():
        raise Http404(_("%(symbol)s has no paragraph %(eid)s.") % {"symbol": document.symbol, "eid": eid})
    context = {"document": document, "eid": eid, "counterparts": counterparts(document, eid)}
    template = "compare/_counterparts.html" if request.htmx else "compare/counterparts.html"
    return render(request, template, context)


def counterparts(document: Document, eid: str) -> list[dict]:
    steps, _candidates = lineage.timeline(document)
    current = next((i for i, s in enumerate(steps) if s.current), 0)
    neighbours = [(i, s) for i, s in enumerate(steps) if s.held and not s.current]
    found = published([s.symbol for _i, s in neighbours])
    out = []
    for index, step in neighbours:
        other = found.get(step.key)
        if other is None:
            continue
        earlier = index < current
        older, newer = (other, document) if earlier else (document, other)
        try:
            data = comparison.get(older, newer)
        except NoCommonLanguage:
            continue
        side = "to" if earlier else "from"
        entries = [e for e in data["paragraphs"] if e[side] == eid]
        if entries:
            out.append(_counterpart(step, other, entries, earlier, data, older, newer))
    return out


def _counterpart(step, other: Document, entries: list[dict], earlier: bool, data: dict, older, newer) -> dict:
    languages = data["languages"]
    code = get_language() if get_language() in languages else languages[0]
    names = {lang.code: lang.name for lang in presentation.languages(languages)}
    status = entries[0]["status"][code]
    others = [
        _("%(status)s in %(language)s") % {"status": presentation.STATUS_LABELS[s].lower(), "language": names[c]}
        for c, s in entries[0]["status"].items()
        if c != code and s != status
    ]
    side = "from" if earlier else "to"
    eids = [e[side] for e in entries if e[side]]
    links = format_html_join(", ", '<a href="{}">{}</a>', ((_paragraph_url(other, e), e) for e in eids))
    document = format_html('<a href="{}">{}</a>', other.get_absolute_url(), other.symbol)
    words = {"document": document, "eids": links, "status": presentation.STATUS_LABELS[status].lower()}
    if earlier:
        if status == "added":
            sentence = format_html(_("Not in {document}: added since."), **words)
        elif entries[0]["split"]:
            sentence = format_html(_("In {document} this was part of {eids}, since split."), **words)
        elif len(entries) > 1:
            sentence = format_html(_("In {document} this was {eids}, since merged."), **words)
        else:
            sentence = format_html(_("In {document} this was {eids}: {status}."), **words)
    elif status == "removed":
        sentence = format_html(_("Removed in {document}."), **words)
    elif len(entries) > 1:
        sentence = format_html(_("In {document} this was split into {eids}."), **words)
    elif entries[0]["merged"]:
        sentence = format_html(_("In {document} this was merged into {eids}."), **words)
    else:
        sentence = format_html(_("In {document} this is {eids}: {status}."), **words)
    anchor = f"to-{entries[0]['to']}" if entries[0]["to"] else f"from-{entries[0]['from']}"
    return {
        "role": step.role,
        "sentence": sentence,
        "others": others,
        "compare_url": lineage.compare_url(older.symbol, newer.symbol, anchor),
    }


def _paragraph_url(document: Document, eid: str) -> str:
    return reverse("paragraph", kwargs={"symbol": document.key, "eid": eid})
