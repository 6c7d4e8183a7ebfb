"""What an import did: its validation report, and each machine correction awaiting review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reading_room.documents.models import Document, FootnoteText, Language, ParagraphText


class ImportReport(models.Model):
    """The validation report of one import of a document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="import_reports")
    created = models.DateTimeField(auto_now_add=True)
    languages = models.CharField(_("languages"), max_length=40)
    created_document = models.BooleanField(_("new document"), default=False)
    # {"counts": {lang: {...}}, "mismatches": [...], "uncited": {...}, "unresolved_sponsors": [...],
    #  "warnings": [...], "kept_edits": [...], "unplaced": [...]}
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")

    def __str__(self) -> str:
        return f"{self.document} {self.created:%Y-%m-%d %H:%M}"

    @property
    def problem_count(self) -> int:
        d = self.data
        return (
            len(d.get("mismatches", []))
            + sum(len(v) for v in d.get("uncited", {}).values())
            + len(d.get("unresolved_sponsors", []))
            + len(d.get("unplaced", []))
        )


class CorrectionQuerySet(models.QuerySet):
    def pending(self) -> CorrectionQuerySet:
        return self.filter(status=Correction.Status.PENDING)


class Correction(models.Model):
    """One change the OCR repair made, or one word it flagged, in a stored text."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("correction")
        FLAG = "flag", _("doubt")

    class Status(models.TextChoices):
        PENDING = "pending", _("to review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")
        EDITED = "edited", _("edited")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="corrections")
    language = models.ForeignKey(Language, on_delete=models.PROTECT)
    paragraph_text = models.ForeignKey(
        ParagraphText, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    footnote_text = models.ForeignKey(
        FootnoteText, null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )
    location = models.CharField(_("where"), max_length=40)  # "op3", "fn 2", "title"
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    start = models.PositiveIntegerField()  # span of `replacement` in the stored text at import
    end = models.PositiveIntegerField()
    original = models.CharField(_("OCR read"), max_length=200)
    replacement = models.CharField(_("machine wrote"), max_length=200)
    final = models.CharField(_("now reads"), max_length=200, blank=True)  # after a rejection or an edit
    rule = models.CharField(_("rule"), max_length=40)
    note = models.CharField(_("why"), max_length=300, blank=True)
    context = models.CharField(_("context"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["document", "language", "id"]
        indexes = [models.Index(fields=["document", "status"])]
        verbose_name = _("machine correction")
        verbose_name_plural = _("machine corrections")

    def __str__(self) -> str:
        return f"{self.location} [{self.language_id}] {self.original} → {self.replacement}"

    @property
    def current(self) -> str:
        """The words that stand in the text now for this correction."""
        return self.final or self.replacement
