"""JSON API: a document with its paragraphs, footnotes and sponsors, text per language."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from .models import Citation, Document, Footnote, ParagraphText, Sponsorship
from .views import _document_or_404


def document_json(document: Document) -> dict:
    texts = {t.language_id: t for t in document.texts.filter(published=True)}
    languages = sorted(texts, key=lambda code: (code != "en", code))
    paragraph_texts = ParagraphText.objects.filter(paragraph__document=document, language__in=languages)
    by_paragraph: dict[int, dict[str, str]] = {}
    for pt in paragraph_texts:
        by_paragraph.setdefault(pt.paragraph_id, {})[pt.language_id] = pt.text
    cited: dict[int, dict[str, list[str]]] = {}
    citations = Citation.objects.filter(
        paragraph_text__paragraph__document=document, paragraph_text__language__in=languages
    ).select_related("footnote", "paragraph_text")
    for c in sorted(citations, key=lambda c: (c.paragraph_text.language_id, c.offset)):
        pt = c.paragraph_text
        cited.setdefault(pt.paragraph_id, {}).setdefault(pt.language_id, []).append(c.footnote.number)
    paragraphs = []
    for p in document.paragraphs.all():
        per_lang = cited.get(p.id, {})
        lists = [per_lang.get(code, []) for code in languages if code in by_paragraph.get(p.id, {})]
        same = all(sorted(lst, key=_num) == sorted(lists[0], key=_num) for lst in lists) if lists else True
        footnotes = (
            sorted(lists[0], key=_num) if lists and same else {code: per_lang.get(code, []) for code in languages}
        )
        paragraphs.append(
            {
                "eid": p.eid,
                "kind": p.kind,
                "number": p.number or None,
                "text": by_paragraph.get(p.id, {}),
                "footnotes": footnotes,
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
        "languages": languages,
        "title": {code: t.title for code, t in texts.items()},
        "sponsors": sponsors,
        "sponsor_note": {code: t.sponsor_note for code, t in texts.items() if t.sponsor_note},
        "paragraphs": paragraphs,
        "footnotes": footnotes,
        "url": document.get_absolute_url(),
    }


def _num(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (10**6, number)


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def document(request: HttpRequest, symbol: str) -> JsonResponse:
    try:
        doc = _document_or_404(symbol)
    except Http404 as exc:
        return _json({"error": str(exc)}, status=404)
    return _json(document_json(doc))
