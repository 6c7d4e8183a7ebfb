"""The review queue of machine corrections, and import reports, in the admin."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reading_room.documents.admin import DocumentFilter

from .models import Correction, ImportReport
from .records import summary
from .review import ReviewConflict, decide


class CorrectionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Correction.Status.ACCEPTED, _("Accept the machine’s reading")),
            (Correction.Status.REJECTED, _("Reject: restore what the OCR read")),
            (Correction.Status.EDITED, _("Replace with the text below")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Replace with"), required=False, max_length=200)

    class Meta:
        model = Correction
        fields = []


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    form = CorrectionForm
    list_display = ["location", "language", "in_context", "original", "replacement", "rule", "note", "status"]
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

    @admin.display(description=_("in context"))
    def in_context(self, obj: Correction):
        word = obj.current
        before, _sep, after = obj.context.partition(word)
        if not _sep:
            return obj.context
        return format_html("…{}<mark>{}</mark>{}…", before[-30:], word, after[:30])

    def save_model(self, request, obj, form, change):
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
