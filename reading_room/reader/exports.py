"""A document in other shapes: Akoma Ntoso XML and plain text per language, and a print view.

/A/79/L.124/akn.xml is the original language's expression (AKN has one expression per language);
/A/79/L.124/akn.en.xml and akn.fr.xml name one. /A/79/L.124/text.fr.txt is the French as plain text.
Only published languages of published documents.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reading_room.documents.models import Document, Footnote, ParagraphText

from . import akoma_ntoso as akn
from . import page_cache
from .reading import list_line, sort_key
from .views import published_or_404, reader_fragment, requested_view, unknown_view


def _languages(document: Document) -> list[str]:
    return list(document.texts.filter(published=True).values_list("language_id", flat=True))


def _language_or_404(document: Document, language: str | None) -> str:
    available = _languages(document)
    if language is None:  # the original, else English, else whatever there is
        original = document.original_language_id
        language = next((c for c in (original, "en", *available) if c in available), None)
    if language not in available:
        raise Http404(
            _("%(symbol)s has no published text in %(language)s.") % {"symbol": document.symbol, "language": language}
        )
    return language


def _filename(document: Document, language: str, extension: str) -> str:
    return f"{document.key.replace('/', '-')}.{language}.{extension}"


@require_GET
def akoma_ntoso(request: HttpRequest, symbol: str, language: str | None = None) -> HttpResponse:
    document = published_or_404(symbol)
    language = _language_or_404(document, language)
    response = HttpResponse(
        akn.to_bytes(akn.build(document, language)), content_type="application/akn+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(document, language, "akn.xml")}"'
    response["Content-Language"] = language
    return response


@require_GET
def plain_text(request: HttpRequest, symbol: str, language: str) -> HttpResponse:
    document = published_or_404(symbol)
    language = _language_or_404(document, language)
    url = request.build_absolute_uri(document.get_absolute_url())
    response = HttpResponse(text_export(document, language, url), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_filename(document, language, "txt")}"'
    response["Content-Language"] = language
    return response


def text_export(document: Document, language: str, url: str = "") -> str:
    """The document as the printed page reads, one paragraph per line; footnote calls as [1]."""
    text = document.texts.get(language_id=language)
    lines = [document.symbol]
    sponsors = sorted(
        (
            next((n.name for n in s.state.names.all() if n.language_id == language), s.state.iso3)
            for s in document.sponsorships.select_related("state").prefetch_related("state__names")
        ),
        key=sort_key,
    )
    if text.agenda_title:
        lines += ["", text.agenda_title]
    if sponsors:
        lines += ["", list_line(sponsors, language)]
    lines += ["", text.title, "", text.enacting_formula]
    paragraphs = (
        ParagraphText.objects.filter(paragraph__document=document, language_id=language)
        .select_related("paragraph")
        .order_by("paragraph__position")
    )
    for ptext in paragraphs:
        body = ptext.text
        for offset, number in reversed(ptext.get_calls()):
            offset = min(offset, len(body))
            body = f"{body[:offset]}[{number}]{body[offset:]}"
        paragraph = ptext.paragraph
        number = paragraph.printed_number
        if language == "fr" and number.startswith("("):
            number = f"{paragraph.number})"  # French prints "a)", not "(a)"
        indent = "    " * paragraph.depth
        lines += ["", f"{indent}{number} {body}" if number else f"{indent}{body}"]
    if text.closing_lines.strip():
        lines += ["", *text.closing_lines.splitlines()]
    notes = [
        (f.number, t.text)
        for f in Footnote.objects.filter(document=document).prefetch_related("texts")
        for t in f.texts.all()
        if t.language_id == language
    ]
    if notes:
        lines += ["", "__________", ""] + [f"[{number}] {note}" for number, note in notes]
    if url:
        lines += ["", url]
    return "\n".join(lines) + "\n"


@require_GET
def print_view(request: HttpRequest, symbol: str) -> HttpResponse:
    """The reader without its controls, in print layout on screen too; ?view= as on the reader."""
    document = published_or_404(symbol)
    return page_cache.serve(request, document, lambda: _print_page(request, document))


def _print_page(request: HttpRequest, document: Document) -> HttpResponse:
    view = requested_view(request, document)
    if redirect_ := unknown_view(request, view):
        return redirect_
    html, _reading = reader_fragment(request, document, view)
    return render(
        request,
        "reader/print.html",
        {
            "document": document,
            "fragment": html,
            "view": "-".join(view),
            "url": request.build_absolute_uri(document.get_absolute_url()),
        },
    )
