"""Cross-references between documents: stored for "cited by", resolved to links for reading."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import CharField, IntegerField, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from .models import Document, DocumentText, FootnoteText, ParagraphText, Reference
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
    texts = list(
        ParagraphText.objects.filter(paragraph__document=document).values_list("paragraph_id", "text", "calls")
    )
    footnotes = FootnoteText.objects.filter(footnote__document=document).values_list("footnote_id", "text")
    ids = dict(document.footnotes.values_list("number", "id"))
    calls = [(ids[n], paragraph_id) for paragraph_id, _text, cs in texts for _o, n in cs if n in ids]
    return mentions(document.key, [(p, text) for p, text, _cs in texts], footnotes, calls)


def mentions(
    key: str,
    paragraphs: Iterable[tuple[int, str]],
    footnotes: Iterable[tuple[int, str]],
    calls: Iterable[tuple[int, int]],
) -> set[tuple[int, str]]:
    """What `detect` finds, from the texts themselves: (paragraph id, text) of every paragraph text,
    (footnote id, text) of every footnote text and (footnote id, paragraph id) of every call, all
    languages (the importer gives what it has just written rather than read it back)."""
    found: set[tuple[int, str]] = set()
    for paragraph_id, text in paragraphs:
        found.update((paragraph_id, m.key) for m in find_mentions(text))
    footnote_keys: dict[int, set[str]] = {}
    for footnote_id, text in footnotes:
        footnote_keys.setdefault(footnote_id, set()).update(m.key for m in find_mentions(text))
    for footnote_id, paragraph_id in calls:
        found.update((paragraph_id, cited) for cited in footnote_keys.get(footnote_id, ()))
    return {(p, cited) for p, cited in found if cited != key}


@transaction.atomic
def record_references(document: Document, found: set[tuple[int, str]] | None = None, new: bool = False) -> int:
    """Store what `document` cites, replacing what was stored (so running it twice changes nothing).

    `found`: what `mentions` finds in every text of the document, if the caller has them all at
    hand (else they are read back: `detect`); `new`: the document was created in this
    transaction, so has no references stored yet."""
    stored = Reference.objects.filter(paragraph__document=document)
    before = set() if new else set(stored.values_list("target", flat=True))
    if found is None:
        found = detect(document)
    if not new:
        stored.delete()
    Reference.objects.bulk_create(Reference(paragraph_id=p, target=key) for p, key in sorted(found))
    # Cached pages to refresh: what it cites (their "cited by"), and what cites it (their links now
    # point here instead of undocs.org).
    targets = before | {key for _p, key in found}
    citing = Reference.objects.filter(target=document.key).values("paragraph__document_id")
    Document.objects.filter(Q(key__in=targets) | Q(pk__in=citing)).update(updated=timezone.now())
    return len(found)


def neighbours(document: Document, keys: Iterable[str]) -> tuple[set[str], list[dict]]:
    """Which of `keys` we hold, and who cites `document`, in one query (a UNION): the reader's
    query count stays fixed. A second query fetches the citing documents' titles, if any cite it.
    """
    keys = set(keys)
    blank, zero = Value("", output_field=CharField()), Value(0, output_field=IntegerField())
    citing = (
        Reference.objects.filter(target=document.key, paragraph__document__status=Document.Status.PUBLISHED)
        .exclude(paragraph__document=document)
        .order_by()
        .values_list(
            "paragraph__document__key",
            "paragraph__document__symbol",
            "paragraph__document__date",
            "paragraph__eid",
            "paragraph__position",
        )
    )
    if keys:
        held_rows = Document.objects.published().filter(key__in=keys).order_by()
        citing = held_rows.values_list("key", "symbol", "date", blank, zero).union(citing, all=True)
    held_keys: set[str] = set()
    documents: dict[str, dict] = {}
    rows = sorted(citing, key=lambda r: (-(r[2].toordinal() if r[2] else 0), r[1], r[4]))
    for key, symbol, _date, eid, _position in rows:
        if not eid:  # a row of the first half: a document we hold
            held_keys.add(key)
            continue
        entry = documents.setdefault(
            key, {"symbol": symbol, "url": reverse("reader", kwargs={"symbol": key}), "paragraphs": []}
        )
        entry["paragraphs"].append({"eid": eid, "url": reverse("paragraph", kwargs={"symbol": key, "eid": eid})})
    if documents:
        titles: dict[str, dict[str, str]] = {}
        for key, language, title in DocumentText.objects.filter(
            document__key__in=documents, published=True
        ).values_list("document__key", "language_id", "title"):
            titles.setdefault(key, {})[language] = title
        for key, entry in documents.items():
            by_language = titles.get(key, {})
            language = get_language() if get_language() in by_language else next(iter(sorted(by_language)), "")
            entry["title"], entry["title_language"] = by_language.get(language, ""), language
    return held_keys, list(documents.values())
