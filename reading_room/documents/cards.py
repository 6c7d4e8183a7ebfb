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
    published = DocumentText.objects.filter(document=document, published=True).values("language_id")
    texts = dict(
        ParagraphText.objects.filter(paragraph__document=document, paragraph__eid=eid, language__in=published)
        .order_by("language__position")
        .values_list("language_id", "text")
    )  # one query: the published languages and the paragraph in each
    languages = list(texts)
    language = get_language() if get_language() in texts else (languages[0] if languages else "")
    text = texts.get(language, "")
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
