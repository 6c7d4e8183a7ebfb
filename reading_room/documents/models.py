"""Documents, their paragraphs and footnotes, one text row per language."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import identifiers


class Language(models.Model):
    """An official language a text can be in. Adding one is data, not a migration."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)  # BCP 47: en, fr, es, ar…
    name = models.CharField(_("name"), max_length=40)  # in its own language: English, français
    direction = models.CharField(max_length=3, choices=[("ltr", "ltr"), ("rtl", "rtl")], default="ltr")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class State(models.Model):
    """A State that can sponsor a draft, by ISO 3166 alpha-3 code."""

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self) -> str:
        names = list(self.names.all())
        english = next((n.name for n in names if n.language_id == "en"), "")
        return f"{english or self.iso3} ({self.iso3})"


class StateName(models.Model):
    """The official UN short name of a State in one language."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="names")
    language = models.ForeignKey(Language, on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=120, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["state", "language"], name="unique_state_name_per_language")]

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self) -> DocumentQuerySet:
        """What the public sees: pages, API, search, sitemap, feeds."""
        return self.filter(status=Document.Status.PUBLISHED)

    def for_symbol(self, symbol: str) -> Document | None:
        return self.filter(key=Document.key_for(symbol)).first()

    def published_by_symbol(self, symbol: str) -> Document | None:
        """The published document with this symbol. In raw SQL: this runs on every page view, and
        compiling the same query with the ORM took longer than serving the cached page."""
        table = Document._meta.db_table
        found = self.raw(
            f"SELECT * FROM {table} WHERE key = %s AND status = %s",  # noqa: S608 - our own table name
            [Document.key_for(symbol), Document.Status.PUBLISHED],
        )
        return next(iter(found), None)


class Document(models.Model):
    """A UN document (resolution, draft, decision), identified by its symbol."""

    class Body(models.TextChoices):
        GA = "GA", _("General Assembly")
        SC = "SC", _("Security Council")
        ECOSOC = "ECOSOC", _("Economic and Social Council")

    class Kind(models.TextChoices):
        DRAFT_RESOLUTION = "draft_resolution", _("draft resolution")
        RESOLUTION = "resolution", _("resolution")
        DRAFT_DECISION = "draft_decision", _("draft decision")
        DECISION = "decision", _("decision")

    symbol = models.CharField(_("symbol"), max_length=80, unique=True, validators=[identifiers.validate_symbol])
    # The symbol as it appears in URLs (no spaces): S/RES/2719 (2023) → S/RES/2719(2023).
    key = models.CharField(max_length=80, unique=True, editable=False)
    body = models.CharField(_("body"), max_length=8, choices=Body.choices, default=Body.GA)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DRAFT_RESOLUTION)
    session = models.PositiveSmallIntegerField(_("session"), null=True, blank=True)
    agenda_item = models.CharField(_("agenda item"), max_length=40, blank=True)

    class Distribution(models.TextChoices):
        LIMITED = "limited", _("Limited")
        GENERAL = "general", _("General")
        RESTRICTED = "restricted", _("Restricted")

    distribution = models.CharField(_("distribution"), max_length=20, choices=Distribution.choices, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    original_language = models.ForeignKey(
        Language,
        verbose_name=_("original language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Adopted resolutions: when and where, and what they were adopted from
    adopted = models.DateField(_("adopted on"), null=True, blank=True)
    meeting = models.PositiveSmallIntegerField(_("plenary meeting"), null=True, blank=True)
    draft = models.CharField(
        _("draft symbol"), max_length=80, blank=True, help_text=_("The draft it was adopted from: A/80/L.15")
    )
    report = models.CharField(
        _("committee report"), max_length=80, blank=True, help_text=_("The Main Committee's report: A/80/534")
    )
    vote = models.CharField(_("recorded vote"), max_length=200, blank=True)

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)  # bumped by any change under the document (signals.py)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated", "key"])

    class Meta:
        ordering = ["-date", "symbol"]
        constraints = [
            # Whatever the public sees has a URL: one bad symbol must not break every page that
            # lists documents (symbols are checked at every door: identifiers.py).
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(key__regex=identifiers.SYMBOL_KEY_SQL),
                name="published_document_has_url",
            ),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.symbol

    @staticmethod
    def key_for(symbol: str) -> str:
        return identifiers.symbol_key(symbol)

    def clean(self):
        self.key = self.key_for(self.symbol or "")
        if self.key and Document.objects.filter(key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"symbol": _("Another document has this symbol (spaces aside).")})

    def save(self, *args, **kwargs):
        self.key = self.key_for(self.symbol)
        super().save(*args, **kwargs)

    @property
    def has_url(self) -> bool:
        """False only for a draft whose symbol was stored before symbols were checked."""
        return identifiers.has_url(self.key)

    def get_absolute_url(self) -> str:
        return reverse("reader", kwargs={"symbol": self.key})


class DocumentText(models.Model):
    """A document's title and masthead in one language."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    language = models.ForeignKey(Language, on_delete=models.PROTECT)
    title = models.TextField(_("title"))
    agenda_title = models.TextField(_("agenda item title"), blank=True)
    header_lines = models.TextField(_("header as printed"), blank=True, help_text=_("One line per line."))
    enacting_formula = models.CharField(_("enacting formula"), max_length=80, blank=True)
    sponsor_note = models.TextField(_("sponsor note"), blank=True)
    closing_lines = models.TextField(_("closing lines"), blank=True)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished, this language shows as pending on public pages.")
    )
    # Optimistic locking, as for paragraph texts: a save based on an older version is refused.
    # db_default: a server still running the code of before this field can still add rows
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="unique_document_text")]
        ordering = ["language__position"]
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self) -> str:
        return f"{self.document_id} [{self.language_id}]"


class Paragraph(models.Model):
    """One paragraph of a document, with its permanent id (pp3, op1, op2.a, op2.a.i)."""

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular", _("preambular")
        OPERATIVE = "operative", _("operative")
        SUBPARAGRAPH = "subparagraph", _("sub-paragraph")
        HEADING = "heading", _("heading")  # section headings; annex headings: "Annex", its title, "Article 1"
        ANNEX = "annex", _("annex paragraph")  # a paragraph of an annexed text (annex1.para3)

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="paragraphs")
    eid = models.CharField(_("id"), max_length=40, validators=[identifiers.validate_eid])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=10, blank=True)  # "3" (op3), "a" (op3.a)
    position = models.PositiveIntegerField(_("position"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "eid"], name="unique_eid_per_document"),
            models.CheckConstraint(condition=models.Q(eid__regex=r"^[a-z]"), name="eid_starts_with_letter"),
        ]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self) -> str:
        return f"{self.document.symbol} {self.eid}"

    @property
    def depth(self) -> int:
        """0 for a paragraph, 1 for its sub-paragraphs, 2 below; an annex's or article's own
        paragraphs count from 0 too (annex1.para3 is 0, annex1.para3.a is 1)."""
        parts = [p for p in self.eid.split(".") if not re.fullmatch(r"(?:annex|art)\d+", p)]
        return max(len(parts) - 1, 0)

    @property
    def printed_number(self) -> str:
        """The number as the text prints it: "3.", "(a)", "(ii)"; nothing for a single unnumbered
        operative paragraph or a heading (whose number is part of its text)."""
        if not self.number or self.kind in (self.Kind.PREAMBULAR, self.Kind.HEADING):
            return ""
        if self.number.isdigit():
            return f"{self.number}."
        return f"({self.number})"

    def get_absolute_url(self) -> str:
        return reverse("paragraph", kwargs={"symbol": self.document.key, "eid": self.eid})


class ParagraphAlias(models.Model):
    """An eid that no longer names its own paragraph (merged into another): its links still land."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="aliases")
    eid = models.CharField(_("id"), max_length=40, validators=[identifiers.validate_eid])
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "eid"], name="unique_alias_per_document")]
        verbose_name = _("former paragraph id")
        verbose_name_plural = _("former paragraph ids")

    def __str__(self) -> str:
        return f"{self.eid} → {self.paragraph.eid}"


class ParagraphText(models.Model):
    """A paragraph's text in one language: plain text, its footnote calls kept apart (`calls`)."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="texts")
    language = models.ForeignKey(Language, on_delete=models.PROTECT)
    text = models.TextField(_("text"))
    lead = models.CharField(
        _("opening words"), max_length=120, blank=True, help_text=_("Printed in italics; must begin the text.")
    )
    # The text as the importer last wrote it: a re-import never overwrites an editor's text
    # (text != imported_text); see docs/importing.md.
    imported_text = models.TextField(blank=True, editable=False)
    # Optimistic locking: a save based on an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    # The footnote calls, [[offset, footnote number], …] in text order: where each footnote is
    # called in this text. Kept in the row of the text they point into, so that they change with
    # it, and the history keeps them: restoring an old version restores its calls too.
    calls = models.JSONField(default=list, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["paragraph", "language"], name="unique_paragraph_text")]
        verbose_name = _("paragraph text")
        verbose_name_plural = _("paragraph texts")

    def __str__(self) -> str:
        return f"{self.paragraph_id} [{self.language_id}]"

    def get_calls(self) -> list[tuple[int, str]]:
        """(offset, footnote number) of each call, in text order."""
        return [(offset, number) for offset, number in self.calls]

    def set_calls(self, calls, numbers=None) -> None:
        """Replace the calls (saved with the text); with `numbers`, only those of these footnotes.
        In order of offset; calls at one place keep their order (as printed: 2, 3)."""
        kept = [[int(o), str(n)] for o, n in calls if numbers is None or str(n) in numbers]
        self.calls = sorted(kept, key=lambda call: call[0])


class Footnote(models.Model):
    """A numbered footnote of a document (same number in every language)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="footnotes")
    number = models.CharField(_("number"), max_length=8, validators=[identifiers.validate_footnote_number])
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_footnote_number")]
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")

    def __str__(self) -> str:
        return f"{self.document_id} fn {self.number}"


class FootnoteText(models.Model):
    """A footnote's text in one language."""

    footnote = models.ForeignKey(Footnote, on_delete=models.CASCADE, related_name="texts")
    language = models.ForeignKey(Language, on_delete=models.PROTECT)
    text = models.TextField(_("text"))
    imported_text = models.TextField(blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)  # optimistic locking
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["footnote", "language"], name="unique_footnote_text")]

    def __str__(self) -> str:
        return f"{self.footnote} [{self.language_id}]"


class Sponsorship(models.Model):
    """A State listed as sponsor of a document, in the order of the printed list."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sponsorships")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="sponsorships")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "state"], name="unique_sponsor")]
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.state_id}"


class Reference(models.Model):
    """A paragraph (or a footnote it calls) naming another UN document by symbol, held here or not."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="references")
    # The cited document's key (symbol without spaces): a string, since most are not held here.
    target = models.CharField(_("cited symbol"), max_length=80, db_index=True)

    class Meta:
        ordering = ["paragraph", "target"]
        constraints = [models.UniqueConstraint(fields=["paragraph", "target"], name="unique_reference")]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self) -> str:
        return f"{self.paragraph} → {self.target}"
