"""Another version of a stored document, made as a negotiator would: paragraphs inserted, removed,
edited, swapped or split, then numbered afresh (pp1, pp2…, op1, op2…) as the printed text would be.

Used by the comparison tests and bench/compare.py."""

from __future__ import annotations

from collections.abc import Callable

from reading_room.documents.models import Document, Sponsorship
from tests.factories import make_texts_document

# (kind, {language: (lead, text)}) of each paragraph, in order
Paragraphs = list[tuple[str, dict[str, tuple[str, str]]]]


def paragraphs_of(document: Document) -> Paragraphs:
    out: Paragraphs = []
    for paragraph in document.paragraphs.prefetch_related("texts"):
        out.append((paragraph.kind, {t.language_id: (t.lead, t.text) for t in paragraph.texts.all()}))
    return out


def footnotes_of(document: Document) -> list[tuple[str, dict[str, str]]]:
    return [
        (f.number, {t.language_id: t.text for t in f.texts.all()}) for f in document.footnotes.prefetch_related("texts")
    ]


def make_version(
    document: Document,
    symbol: str,
    edit: Callable[[Paragraphs], Paragraphs] = lambda ps: ps,
    footnotes: Callable[[list], list] = lambda fs: fs,
    sponsors: Callable[[list[str]], list[str]] = lambda ss: ss,
    **fields,
) -> Document:
    """A new document `symbol` with `document`'s texts after `edit`, numbered afresh."""
    numbered, counts = [], {"preambular": 0, "operative": 0}
    for kind, texts in edit(paragraphs_of(document)):
        counts[kind] += 1
        numbered.append((f"{'pp' if kind == 'preambular' else 'op'}{counts[kind]}", kind, texts))
    titles = {t.language_id: t.title for t in document.texts.all()}
    states = list(Sponsorship.objects.filter(document=document).values_list("state__iso3", flat=True))
    defaults = {"session": document.session, "agenda_item": document.agenda_item, "date": document.date}
    return make_texts_document(
        symbol,
        numbered,
        footnotes=footnotes(footnotes_of(document)),
        sponsors=sponsors(states),
        titles=titles,
        **{**defaults, **fields},
    )


def replace(texts: dict[str, tuple[str, str]], changes: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The paragraph with words replaced, per language: {"en": ("Articles", "provisions")}."""
    out = dict(texts)
    for code, (old, new) in changes.items():
        lead, text = texts[code]
        assert old in text, (old, text[:80])
        out[code] = (lead, text.replace(old, new, 1))
    return out
