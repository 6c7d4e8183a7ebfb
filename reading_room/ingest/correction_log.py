"""The machine corrections an import made, kept for editors to review (the review queue)."""

from __future__ import annotations

from reading_room.documents.models import Document, FootnoteText, ParagraphText
from reading_room.parsing.types import Repaired

from .models import Correction

_CONTEXT = 40


class CorrectionLog:
    """Collects one import's corrections and writes them at the end in a few queries, keeping
    the review decisions already taken on the same corrections of the same texts."""

    def __init__(self, document: Document):
        self.document = document
        # a new text's id is known once it is written: the corrections are built with the text
        # itself, and take its id when they are written after it
        self.corrections: list[Correction] = []
        self.replaced: set[tuple[str, str]] = set()  # (language, location) whose corrections are replaced

    def add(
        self,
        language: str,
        location: str,
        repairs: list[Repaired],
        text: str,
        paragraph_text: ParagraphText | None = None,
        footnote_text: FootnoteText | None = None,
    ) -> None:
        """The corrections of one text (title, paragraph or footnote, given as its row)."""
        self.replaced.add((language, location))
        self.corrections += [
            Correction(
                document=self.document,
                language_id=language,
                paragraph_text=paragraph_text,
                footnote_text=footnote_text,
                location=location,
                kind=r.kind,
                start=r.start,
                end=r.end,
                original=r.original[:200],
                replacement=r.replacement[:200],
                rule=r.rule[:40],
                note=r.note[:300],
                context=text[max(0, r.start - _CONTEXT) : r.end + _CONTEXT][:300],
            )
            for r in repairs
        ]

    def save(self, new_document: bool) -> None:
        """Write the corrections (after their texts); a new document has none stored to replace."""
        stored = [] if new_document else Correction.objects.filter(document=self.document)
        old = [c for c in stored if (c.language_id, c.location) in self.replaced]
        decided = {_same(c): c for c in old if c.status != Correction.Status.PENDING}
        if old:
            Correction.objects.filter(pk__in=[c.pk for c in old]).delete()
        for correction in self.corrections:
            if decided and (previous := decided.get(_same(correction))):
                for name in _DECISION:
                    setattr(correction, name, getattr(previous, name))
        Correction.objects.bulk_create(self.corrections)


# A correction found again by a re-import (same place, same change) keeps its review decision.
_SAME = ("language_id", "location", "start", "original", "replacement", "rule")
_DECISION = ("status", "reviewed_by_id", "reviewed_at")


def _same(correction: Correction) -> tuple:
    return tuple(getattr(correction, name) for name in _SAME)
