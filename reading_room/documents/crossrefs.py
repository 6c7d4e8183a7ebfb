"""Cross-references between documents: stored for "cited by", resolved to links for reading."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from .models import Citation, Document, DocumentText, FootnoteText, Paragraph, ParagraphText, Reference
from .references import find_mentions, undocs_url


def held(keys: Iterable[str]) -> set[str]:
    """Which of these document keys the public can read here: one query."""
    keys = set(keys)
    if not keys:
        return set()
    return set(Document.objects.published().filter(key__in=keys).values_list("key", flat=True))


def href(key: str, language: str, held_keys: set[str]) -> str:
    """Our reader when we hold the document, else undocs.org in the text's language."""
    if key in held_keys:
        return reverse("reader", kwargs={"symbol": key})
    return undocs_url(key, language)


def detect(document: Document) -> set[tuple[int, str]]:
    """(paragraph id, cited key) for every mention in a paragraph or in a footnote it calls."""
    found: set[tuple[int, str]] = set()
    for paragraph_id, text in ParagraphText.objects.filter(paragraph__document=document).values_list(
        "paragraph_id", "text"
    ):
        found.update((paragraph_id, m.key) for m in find_mentions(text))
    footnote_keys: dict[int, set[str]] = {}
    for footnote_id, text in FootnoteText.objects.filter(footnote__document=document).values_list(
        "footnote_id", "text"
    ):
        footnote_keys.setdefault(footnote_id, set()).update(m.key for m in find_mentions(text))
    calls = Citation.objects.filter(footnote__document=document).values_list(
        "footnote_id", "paragraph_text__paragraph_id"
    )
    for footnote_id, paragraph_id in calls:
        found.update((paragraph_id, key) for key in footnote_keys.get(footnote_id, ()))
    return {(p, key) for p, key in found if key != document.key}


@transaction.atomic
def record_references(document: Document) -> int:
    """Store what `document` cites, replacing what was stored (so running it twice changes nothing)."""
    stored = Reference.objects.filter(paragraph__document=document)
    before = set(stored.values_list("target", flat=True))
    found = detect(document)
    stored.delete()
    Reference.objects.bulk_create(Reference(paragraph_id=p, target=key) for p, key in sorted(found))
    # Cached pages to refresh: what it cites (their "cited by"), and what cites it (their links now
    # point here instead of undocs.org).
    targets = before | {key for _p, key in found}
    citing = Reference.objects.filter(target=document.key).values("paragraph__document_id")
    Document.objects.filter(Q(key__in=targets) | Q(pk__in=citing)).update(updated=timezone.now())
    return len(found)


def cited_by(document: Document) -> list[dict]:
    """Published documents that cite `document`, each with the paragraphs that do: two queries."""
    rows = (
        Paragraph.objects.filter(references__target=document.key, document__status=Document.Status.PUBLISHED)
        .exclude(document=document)
        .select_related("document")
        .prefetch_related(Prefetch("document__texts", queryset=DocumentText.objects.filter(published=True)))
        .order_by("-document__date", "document__symbol", "position")
    )
    documents: dict[int, dict] = {}
    for paragraph in rows:
        entry = documents.get(paragraph.document_id)
        if entry is None:
            texts = list(paragraph.document.texts.all())
            first = next((t for t in texts if t.language_id == get_language()), texts[0] if texts else None)
            entry = documents[paragraph.document_id] = {
                "document": paragraph.document,
                "title": first.title if first else "",
                "title_language": first.language_id if first else "",
                "paragraphs": [],
            }
        entry["paragraphs"].append(paragraph)
    return list(documents.values())
