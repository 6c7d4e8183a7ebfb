"""The search index: one row per paragraph text or footnote text, written only by database triggers."""

from __future__ import annotations

from django.db import models

from reading_room.documents.models import (
    Document,
    Footnote,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphText,
)

# What every backend's candidates() select of each match, besides its `rank` (query._stats reads them).
CANDIDATE_COLUMNS = ("id", "document_id", "language_id", "body", "session", "doc_kind", "kind", "opening")


class SearchEntry(models.Model):
    """A paragraph text or a footnote text as search sees it, with the facets of its document.

    Triggers on the documents tables keep these rows current (migration 0002), so an import, an
    admin edit or a raw SQL update are all searchable at once; Django never writes here. The id
    is derived from the source row (2 × paragraph text id, 2 × footnote text id + 1) so triggers
    can find their row without a lookup. PostgreSQL adds a `vector` tsvector column with a GIN
    index; SQLite keeps an FTS5 table `search_fts` with the same ids instead.
    """

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular"
        OPERATIVE = "operative"
        SUBPARAGRAPH = "subparagraph"
        FOOTNOTE = "footnote"

    id = models.BigIntegerField(primary_key=True)
    paragraph_text = models.ForeignKey(
        ParagraphText, null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    footnote_text = models.ForeignKey(
        FootnoteText, null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    paragraph = models.ForeignKey(
        Paragraph, null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    footnote = models.ForeignKey(
        Footnote, null=True, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    document = models.ForeignKey(
        Document, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    language = models.ForeignKey(
        Language, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    # Public: the document is published and so is its text in this language.
    visible = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    opening = models.CharField(max_length=120, blank=True)  # the lead without "also", "en outre"…
    position = models.PositiveIntegerField(default=0)
    # Copied from the document, for filters and facets without a join.
    date = models.DateField(null=True)
    body = models.CharField(max_length=8)
    session = models.PositiveSmallIntegerField(null=True)
    doc_kind = models.CharField(max_length=20)

    class Meta:
        db_table = "search_entry"
        indexes = [
            models.Index(fields=["document", "language"], name="search_entry_doc_lang"),
            models.Index(fields=["-date", "id"], name="search_entry_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} [{self.language_id}]"
