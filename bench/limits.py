"""What the largest document the limits allow costs, and what junk or pathological input can force.

    python bench/limits.py [--paragraphs 2000]

Builds, in a throwaway SQLite database (or DATABASE_URL's), a document at the paragraph limit
(settings.DOCUMENT_MAX_PARAGRAPHS, English and French, paragraphs of the length of the longest
real resolution's, A/RES/80/5), then times its reader page, Akoma Ntoso export, JSON and admin
page; the reader asked with junk query parameters; the JSON API on a paragraph that calls 3,000
footnotes; and the search highlighter on a 20,000-word paragraph. The limits and why: docs/deploy.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample/ga-80/a-res-80-5.reflowed.en.txt"


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp(prefix="rr-limits-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reading_room.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(call, repeat: int = 3) -> tuple[float, object]:
    """The median of `repeat` runs, in ms, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def document_at_the_limit(paragraphs: int, symbol: str = "A/80/L.999"):
    from reading_room.documents.models import (
        Citation,
        Document,
        DocumentText,
        Footnote,
        FootnoteText,
        Paragraph,
        ParagraphText,
    )

    real = [line for line in CORPUS.read_text().splitlines() if len(line) > 80]
    document = Document.objects.create(symbol=symbol, session=80)
    for code in ("en", "fr"):
        DocumentText.objects.create(document=document, language_id=code, title=f"The longest document ({code})")
    rows = Paragraph.objects.bulk_create(
        Paragraph(document=document, eid=f"op{n}", kind="operative", number=str(n), position=n)
        for n in range(1, paragraphs + 1)
    )
    notes = Footnote.objects.bulk_create(Footnote(document=document, number=str(n), position=n) for n in range(1, 17))
    FootnoteText.objects.bulk_create(
        FootnoteText(footnote=f, language_id=code, text=f"Resolution 70/{f.number}.")
        for f in notes
        for code in ("en", "fr")
    )
    texts = ParagraphText.objects.bulk_create(
        ParagraphText(paragraph=p, language_id=code, text=real[n % len(real)], lead="")
        for n, p in enumerate(rows)
        for code in ("en", "fr")
    )
    Citation.objects.bulk_create(
        Citation(footnote=notes[n % 16], paragraph_text=t, offset=len(t.text))
        for n, t in enumerate(texts)
        if n % 12 == 0
    )
    size = sum(len(t.text) for t in texts if t.language_id == "en")
    return document, size


def many_calls():
    from reading_room.documents.models import Citation, Document, DocumentText, Footnote, Paragraph, ParagraphText

    document = Document.objects.create(symbol="A/80/L.998")
    DocumentText.objects.create(document=document, language_id="en", title="Many calls")
    paragraph = Paragraph.objects.create(document=document, eid="op1", kind="operative", number="1", position=1)
    notes = Footnote.objects.bulk_create(Footnote(document=document, number=str(n), position=n) for n in range(1, 3001))
    text = ParagraphText.objects.create(
        paragraph=paragraph, language_id="en", text="Decides " * 3000, calls=[[8 * n, str(n + 1)] for n in range(3000)]
    )
    Citation.objects.bulk_create(Citation(footnote=f, paragraph_text=text, offset=8 * n) for n, f in enumerate(notes))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=None, help="default: settings.DOCUMENT_MAX_PARAGRAPHS")
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from reading_room.documents.models import Document
    from reading_room.search.text import Query, highlight

    Document.objects.filter(symbol__in=["A/80/L.997", "A/80/L.998", "A/80/L.999"]).delete()  # a rerun's
    paragraphs = args.paragraphs or settings.DOCUMENT_MAX_PARAGRAPHS
    document, size = document_at_the_limit(paragraphs)
    inline, _size = document_at_the_limit(settings.ADMIN_INLINE_PARAGRAPHS, "A/80/L.997")
    many_calls()
    client = Client()
    print(
        f"database: {connection.vendor}; a document of {paragraphs} paragraphs × 2 languages, {size:,} characters each"
    )

    def page(url, **headers):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    cache.clear()
    first, response = timed(lambda: (cache.clear(), page("/A/80/L.999/"))[1])
    again, _ = timed(lambda: page("/A/80/L.999/"))
    print(f"reader page: {len(response.content) / 1e6:.2f} MB, {first:.0f} ms to render, {again:.1f} ms from the cache")
    junk_counter = iter(range(10**6))
    junk, _ = timed(lambda: page(f"/A/80/L.999/?x={next(junk_counter)}"), repeat=5)
    print(f"reader page with a new junk parameter each time (?x=N): {junk:.1f} ms (was a full render each)")
    akn, response = timed(lambda: page("/A/80/L.999/akn.xml"))
    print(f"akn.xml: {len(response.content) / 1e6:.2f} MB in {akn:.0f} ms")
    api, response = timed(lambda: page("/api/documents/A/80/L.999"))
    print(f"JSON: {len(response.content) / 1e6:.2f} MB in {api:.0f} ms")
    user = User.objects.filter(username="bench").first()
    client.force_login(user or User.objects.create_superuser("bench", "bench@example.org", "a-long-password-1"))
    admin, response = timed(lambda: page(f"/admin/documents/document/{document.pk}/change/"), repeat=1)
    print(f"admin page of the document: {len(response.content) / 1e6:.2f} MB in {admin:.0f} ms (paragraphs listed)")
    admin, response = timed(lambda: page(f"/admin/documents/document/{inline.pk}/change/"), repeat=1)
    rows = settings.ADMIN_INLINE_PARAGRAPHS
    size_mb = len(response.content) / 1e6
    print(f"admin page of a document of {rows} paragraphs, edited there: {size_mb:.2f} MB in {admin:.0f} ms")
    client.logout()

    calls, _ = timed(lambda: page("/api/documents/A/80/L.998"))
    one, _ = timed(lambda: page("/api/documents/A/80/L.998/op1"))
    print(f"JSON of a paragraph calling 3,000 footnotes: document {calls:.0f} ms, paragraph {one:.0f} ms (was 20 s)")

    text = " ".join(["cooperation", "between", "the", "United", "Nations", "and", "the", "Organization"] * 2500)
    marked, _ = timed(lambda: highlight(text, Query.parse("cooperation organization"), "en"))
    print(f"search highlighter on a 20,000-word paragraph, 5,000 matches: {marked:.1f} ms (was 18 s)")


if __name__ == "__main__":
    main()
