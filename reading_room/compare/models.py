"""A document's lineage: the earlier documents it came from, found automatically or by an editor."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reading_room.documents.models import Document


class Lineage(models.Model):
    """One step back in a document's history: `document` came from `earlier` by `relation`.

    `earlier` is a symbol, not a row: the draft of a resolution held here is often not held itself,
    and a link to undocs.org is still worth showing. Links found by `lineage.derive` are
    suggestions, replaced whenever they are derived again; an editor confirms (kept as they are)
    or rejects them (never suggested again)."""

    class Relation(models.TextChoices):
        PREVIOUS = "previous", _("earlier resolution on the same item")
        DRAFT = "draft", _("draft it was adopted from")
        REPORT = "report", _("committee report it was adopted on")
        REVISION = "revision", _("version it revises")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        CONFIRMED = "confirmed", _("confirmed by an editor")
        REJECTED = "rejected", _("rejected by an editor")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="lineage", verbose_name=_("document"))
    earlier = models.CharField(
        _("earlier document"), max_length=80, db_index=True, help_text=_("Its symbol: A/80/L.11, A/RES/79/12.")
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUGGESTED)
    reason = models.CharField(_("found by"), max_length=200, blank=True)

    class Meta:
        ordering = ["document", "relation", "earlier"]
        constraints = [models.UniqueConstraint(fields=["document", "relation", "earlier"], name="unique_lineage_step")]
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")

    def __str__(self) -> str:
        return f"{self.document} ← {self.earlier} ({self.relation})"

    def save(self, *args, **kwargs):
        self.earlier = Document.key_for(self.earlier)
        super().save(*args, **kwargs)
