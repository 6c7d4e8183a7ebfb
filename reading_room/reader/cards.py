"""What a pasted link previews: Open Graph / Twitter card data for a paragraph page."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_GET
from PIL import Image, ImageDraw, ImageFont

from reading_room.documents.models import Document, DocumentText, ParagraphText

from .cite import short_label

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
        "image": request.build_absolute_uri(
            reverse("paragraph-card", kwargs={"symbol": document.key, "eid": eid}) + f"?lang={language}"
        ),
    }


# The preview image: 1200×630, the size Open Graph and Twitter "summary_large_image" expect.
WIDTH, HEIGHT, MARGIN = 1200, 630, 60
# DejaVu ships with Debian (fonts-dejavu-core) and covers French accents and « »; Pillow's own
# fallback font does not, so it is only the last resort.
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(str(FONTS / name), size)
    except OSError:
        return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        words = lines[-1].split()
        while len(words) > 1 and draw.textlength(" ".join(words) + " …", font=font) > width:
            words.pop()
        lines[-1] = " ".join(words).rstrip(",;:.") + " …"
    return lines


def card_image(title: str, text: str, footer: str) -> bytes:
    """A PNG: the citation as heading, the paragraph's words, the document's title below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 14), fill="#00558c")
    draw.text((MARGIN, 44), "Reading Room", font=_font("DejaVuSans.ttf", 26), fill="#555555")
    draw.text((MARGIN, 88), title, font=_font("DejaVuSans-Bold.ttf", 56), fill="#1b1b1b")
    body = _font("DejaVuSerif.ttf", 34)
    y = 190
    for line in _wrap(draw, text, body, WIDTH - 2 * MARGIN, 7):
        draw.text((MARGIN, y), line, font=body, fill="#1b1b1b")
        y += 46
    small = _font("DejaVuSans.ttf", 24)
    footer_line = _wrap(draw, footer, small, WIDTH - 2 * MARGIN, 1)[:1]
    draw.line((MARGIN, HEIGHT - 70, WIDTH - MARGIN, HEIGHT - 70), fill="#d6d6d6", width=2)
    draw.text((MARGIN, HEIGHT - 56), footer_line[0] if footer_line else "", font=small, fill="#555555")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _updated(request: HttpRequest, symbol: str, eid: str):
    return Document.objects.published().filter(key=Document.key_for(symbol)).values_list("updated", flat=True).first()


@require_GET
@condition(last_modified_func=_updated)
def paragraph_card_image(request: HttpRequest, symbol: str, eid: str) -> HttpResponse:
    """/A/79/L.124/op3/card.png?lang=fr: the paragraph page's preview image."""
    document = Document.objects.published().filter(key=Document.key_for(symbol)).first()
    if document is None:
        raise Http404(symbol)
    published = DocumentText.objects.filter(document=document, published=True)
    language = request.GET.get("lang") or "en"
    if not (language.isascii() and language.isalpha() and len(language) <= 8):  # "\x00" reached the database
        raise Http404(language[:20])
    row = (
        ParagraphText.objects.filter(paragraph__document=document, paragraph__eid=eid, language_id=language)
        .filter(language__in=published.values("language_id"))
        .values_list("text", flat=True)
        .first()
    )
    if row is None:  # no such paragraph, or not in a published language
        raise Http404(eid)
    key = f"card:{document.pk}:{eid}:{language}:{document.updated.timestamp()}"
    png = cache.get(key)
    if png is None:
        title = published.filter(language_id=language).values_list("title", flat=True).first() or ""
        png = card_image(f"{document.symbol}, {short_label(eid)}", row, title)
        cache.set(key, png, timeout=3600)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response
