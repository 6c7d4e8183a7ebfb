"""What a pasted link previews: Open Graph / Twitter card data for a paragraph page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import get_language

from .citations import short_label
from .models import Document, DocumentText, ParagraphText

_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh": "zh_CN", "ru": "ru_RU"}


def paragraph_card(request: HttpRequest, document: Document, eid: str, url: str) -> dict:
    """Title "A/79/L.124, op. 3"; the paragraph in the interface language if the document has it."""
    languages = list(
        DocumentText.objects.filter(document=document, published=True)
        .order_by("language__position")
        .values_list("language_id", flat=True)
    )
    language = get_language() if get_language() in languages else (languages[0] if languages else "")
    text = (
        ParagraphText.objects.filter(paragraph__document=document, paragraph__eid=eid, language_id=language)
        .values_list("text", flat=True)
        .first()
    )
    canonical = request.build_absolute_uri(url)
    return {
        "title": f"{document.symbol}, {short_label(eid)}",
        "description": Truncator(text or "").chars(300),
        "language": language,
        "locale": _LOCALES.get(language, language),
        "other_locales": [_LOCALES.get(code, code) for code in languages if code != language],
        "url": canonical,
        "alternates": [(code, f"{canonical}?view={code}") for code in languages],
    }
