"""The review queue of machine corrections and import reports in the admin; the document page's
upload ("Import a document"), review links and latest import report, added to documents' admin."""

import unicodedata

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reading_room.documents import identifiers
from reading_room.documents.admin import DocumentAdmin, DocumentFilter, EditorAdmin
from reading_room.documents.forms import query_id
from reading_room.documents.models import Document

from .import_report import summary
from .importer import ImportRefused, import_texts, read_text
from .models import Correction, ImportReport
from .review import ReviewConflict, decide


class ReviewStateFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("pending", _("machine corrections to review")), ("reviewed", _("reviewed"))]

    def queryset(self, request, queryset):
        pending = Q(corrections__status="pending")
        if self.value() == "pending":
            return queryset.filter(pending).distinct()
        if self.value() == "reviewed":
            return queryset.exclude(pending)
        return queryset


class UploadForm(forms.Form):
    en = forms.FileField(label=_("English text (.txt, UTF-8)"), required=False)
    fr = forms.FileField(label=_("French text (.txt, UTF-8)"), required=False)
    symbol = forms.CharField(
        label=_("Symbol"), required=False, max_length=200, help_text=_("Only for texts without a header.")
    )

    def clean_symbol(self):
        symbol = self.cleaned_data["symbol"]
        return identifiers.normalise_symbol(symbol) if symbol.strip() else ""


class ImportingDocumentAdmin(DocumentAdmin):
    """The document admin with what the import adds: the upload, the review state and queue, the
    latest import report."""

    list_display = [*DocumentAdmin.list_display[:-1], "review_state", DocumentAdmin.list_display[-1]]
    list_filter = [DocumentAdmin.list_filter[0], ReviewStateFilter, *DocumentAdmin.list_filter[1:]]
    readonly_fields = [*DocumentAdmin.readonly_fields, "review_link", "latest_report"]
    fieldsets = [
        DocumentAdmin.fieldsets[0],
        (_("Import"), {"fields": ["review_link", "latest_report", ("created", "updated")]}),
    ]
    change_list_template = "admin/ingest/document/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(pending=Count("corrections", filter=Q(corrections__status="pending")))
        )

    @admin.display(description=_("review"), ordering="pending")
    def review_state(self, obj: Document):
        if not obj.pending:
            return _("reviewed")
        url = reverse("admin:ingest_correction_changelist") + f"?document__id__exact={obj.pk}&status__exact=pending"
        return format_html('<a href="{}">{} {}</a>', url, obj.pending, _("to review"))

    @admin.display(description=_("machine corrections"))
    def review_link(self, obj: Document):
        if not obj.pk:
            return ""
        url = reverse("admin:ingest_correction_changelist") + f"?document__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a> ({} {}) · <a href="{}">{}</a>',
            url,
            _("review queue"),
            obj.corrections.filter(status="pending").count(),
            _("to review"),
            reverse("admin:ingest_correction_review", args=[obj.pk]),
            _("review one by one"),
        )

    @admin.display(description=_("latest import report"))
    def latest_report(self, obj: Document):
        report = obj.import_reports.first() if obj.pk else None
        if report is None:
            return "—"
        return format_html('<pre tabindex="0">{}</pre>', "\n".join(summary(report)))  # scrollable: keyboard-reachable

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.upload_view), name="documents_document_import"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = {code: form.cleaned_data.get(code) for code in ("en", "fr")}
            try:
                texts = {code: read_text(_read_upload(f), f.name) if f else None for code, f in files.items()}
                result = import_texts(en=texts["en"], fr=texts["fr"], symbol=form.cleaned_data["symbol"].strip())
            except ImportRefused as exc:
                messages.error(request, str(exc))
            else:
                for line in summary(result.report):
                    messages.info(request, line)
                for warning in result.warnings:
                    messages.warning(request, warning)
                messages.success(request, _("Imported %(symbol)s.") % {"symbol": result.symbol})
                return redirect("admin:documents_document_change", result.document.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Import a document"),
        }
        return render(request, "admin/ingest/document/import.html", context)


def _read_upload(upload) -> bytes:
    """The file's bytes, unless it is over the limit: then refused with its real size, unread."""
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise ImportRefused(
            _("%(name)s is %(size)d bytes; the limit is %(limit)d.")
            % {"name": upload.name, "size": upload.size, "limit": limit}
        )
    return upload.read(limit + 1)


admin.site.unregister(Document)
admin.site.register(Document, ImportingDocumentAdmin)


class CorrectionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Correction.Status.ACCEPTED, _("Accept the machine’s reading")),
            (Correction.Status.REJECTED, _("Reject: restore what the OCR read")),
            (Correction.Status.EDITED, _("Replace with the text below")),
        ],
        widget=forms.RadioSelect,
        required=False,  # saving the page without a decision decides nothing
    )
    text = forms.CharField(label=_("Replace with"), required=False, max_length=200)

    class Meta:
        model = Correction
        fields = []


def code_points(text: str) -> str:
    """ "I’" → "U+0049 LATIN CAPITAL LETTER I, U+2019 RIGHT SINGLE QUOTATION MARK": what the eye
    cannot tell apart in most faces (I and l, ’ and ')."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in text)


def word(text: str):
    """A correction's word in a monospace face, its code points on hover."""
    return format_html('<code class="correction-word" title="{}">{}</code>', code_points(text), text or "∅")


@admin.register(Correction)
class CorrectionAdmin(EditorAdmin, admin.ModelAdmin):
    form = CorrectionForm
    list_display = ["location", "language", "in_context", "ocr_read", "machine_wrote", "rule", "note", "status"]
    list_filter = ["status", "kind", "language", "rule", DocumentFilter]
    search_fields = ["original", "replacement", "location", "document__symbol"]
    list_select_related = ["document", "language"]
    list_per_page = 100
    actions = ["accept", "reject"]
    readonly_fields = [
        "document",
        "language",
        "location",
        "kind",
        "in_context",
        "original",
        "replacement",
        "final",
        "rule",
        "note",
        "status",
        "reviewed_by",
        "reviewed_at",
    ]
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Review"), {"fields": ["decision", "text"]}),
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("OCR read"), ordering="original")
    def ocr_read(self, obj: Correction):
        return word(obj.original)

    @admin.display(description=_("machine wrote"), ordering="replacement")
    def machine_wrote(self, obj: Correction):
        return word(obj.replacement)

    def changelist_view(self, request, extra_context=None):
        chosen = query_id(request.GET.get("document__id__exact"))
        if chosen is not None:
            url = reverse("admin:ingest_correction_review", args=[chosen])
            extra_context = {**(extra_context or {}), "review_url": url}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view(self.review_view)
        return [path("review/<int:document_id>/", view, name="ingest_correction_review"), *super().get_urls()]

    def review_view(self, request, document_id: int):
        """A document's pending corrections one at a time, from the keyboard: the sentence with the
        change marked, then accept (A), reject (R), edit (E) or skip (S); each decision saves and
        shows the next (static/admin-extra/review.js gives the keys; the buttons work without)."""
        document = get_object_or_404(Document, pk=document_id)
        pending = Correction.objects.pending().filter(document=document).order_by("id")
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            correction = get_object_or_404(pending, pk=request.POST.get("correction"))
            decision = request.POST.get("decision", "")
            if decision not in {Correction.Status.ACCEPTED, Correction.Status.REJECTED, Correction.Status.EDITED}:
                messages.error(request, _("Choose accept, reject or edit."))
            else:
                try:
                    decide(correction, decision, request.user, request.POST.get("text", "")[:200])
                except ReviewConflict as exc:
                    messages.error(request, str(exc))
                    return redirect(f"{request.path}?at={correction.pk}")
                messages.success(
                    request,
                    _("%(location)s: %(decision)s.")
                    % {"location": correction.location, "decision": Correction.Status(decision).label},
                )
            return redirect(f"{request.path}?after={correction.pk}")
        if not self.has_view_permission(request):
            raise PermissionDenied
        at, after = query_id(request.GET.get("at")), query_id(request.GET.get("after"))
        correction = None
        if at is not None:
            correction = pending.filter(pk=at).first()
        if correction is None and after is not None:
            correction = pending.filter(pk__gt=after).first()
        correction = correction or pending.first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review the machine corrections of %(symbol)s") % {"symbol": document.symbol},
            "document": document,
            "correction": correction,
            "left": pending.count(),
            "context_html": self.in_context(correction, width=90) if correction else "",
            "ocr_read": word(correction.original) if correction else "",
            "machine_wrote": word(correction.replacement) if correction else "",
            "can_change": self.has_change_permission(request),
            "list_url": reverse("admin:ingest_correction_changelist") + f"?document__id__exact={document.pk}",
        }
        return render(request, "admin/ingest/correction/review.html", context)

    @admin.display(description=_("in context"))
    def in_context(self, obj: Correction, width: int = 30):
        current = obj.current
        before, _sep, after = obj.context.partition(current)
        if not _sep:
            return obj.context
        return format_html(
            '…{}<mark title="{}">{}</mark>{}…', before[-width:], code_points(current), current, after[:width]
        )

    def save_model(self, request, obj, form, change):
        if not form.cleaned_data.get("decision"):
            return
        try:
            decide(obj, form.cleaned_data["decision"], request.user, form.cleaned_data.get("text"))
        except ReviewConflict as exc:
            messages.error(request, str(exc))

    def _decide_all(self, request, queryset, status):
        done = 0
        for correction in queryset:
            try:
                decide(correction, status, request.user)
                done += 1
            except ReviewConflict as exc:
                messages.error(request, str(exc))
        messages.success(request, _("Corrections decided: %(n)d.") % {"n": done})

    @admin.action(description=_("Accept the selected corrections"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide_all(request, queryset, Correction.Status.ACCEPTED)

    @admin.action(description=_("Reject the selected corrections (restore the OCR reading)"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide_all(request, queryset.filter(kind=Correction.Kind.CHANGE), Correction.Status.REJECTED)


@admin.register(ImportReport)
class ImportReportAdmin(admin.ModelAdmin):
    list_display = ["document", "created", "languages", "created_document", "problem_count"]
    list_filter = ["languages"]
    readonly_fields = ["document", "created", "languages", "created_document", "report"]
    exclude = ["data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("report"))
    def report(self, obj: ImportReport):
        return format_html("<pre>{}</pre>", "\n".join(summary(obj)))
