"""The machine corrections an import made, kept for editors to review (the review queue)."""

from __future__ import annotations

from reading_room.documents.models import Document
from reading_room.parsing.types import Repaired

from .bulk_writes import Rows
from .models import Correction

_CONTEXT = 40


class CorrectionLog:
    """Collects one import's corrections and writes them at the end in a few queries, keeping
    the review decisions already taken on the same corrections of the same texts."""

    def __init__(self, document: Document):
        self.document = document
        # (correction row, column, row of the text it is in): a new text's id is known once it is written
        self.rows: list[tuple[dict, str, dict | None]] = []
        self.replaced: set[tuple[str, str]] = set()  # (language, location) whose corrections are replaced

    def add(
        self,
        language: str,
        location: str,
        repairs: list[Repaired],
        text: str,
        paragraph_text: dict | None = None,
        footnote_text: dict | None = None,
    ) -> None:
        """The corrections of one text (title, paragraph or footnote, given as its row)."""
        self.replaced.add((language, location))
        if paragraph_text is not None:
            text_row, column = paragraph_text, "paragraph_text_id"
        else:
            text_row, column = footnote_text, "footnote_text_id"
        for r in repairs:
            row = {
                "document_id": self.document.pk,
                "language_id": language,
                "location": location,
                "kind": r.kind,
                "start": r.start,
                "end": r.end,
                "original": r.original[:200],
                "replacement": r.replacement[:200],
                "rule": r.rule[:40],
                "note": r.note[:300],
                "context": text[max(0, r.start - _CONTEXT) : r.end + _CONTEXT][:300],
            }
            self.rows.append((row, column, text_row))

    def save(self, rows: Rows) -> None:
        stored = rows.stored(Correction, document=self.document)
        old = [c for c in stored if (c["language_id"], c["location"]) in self.replaced]
        decided = {tuple(c[name] for name in _SAME): c for c in old if c["status"] != Correction.Status.PENDING}
        if old:
            Correction.objects.filter(pk__in=[c["id"] for c in old]).delete()
        for row, column, text in self.rows:
            if text is not None:
                row[column] = text["id"]
            if decided and (previous := decided.get(tuple(row[name] for name in _SAME))):
                row.update({name: previous[name] for name in _DECISION})
        rows.insert_many(Correction, [row for row, _column, _text in self.rows])


# A correction found again by a re-import (same place, same change) keeps its review decision.
_SAME = ("language_id", "location", "start", "original", "replacement", "rule")
_DECISION = ("status", "reviewed_by_id", "reviewed_at")
