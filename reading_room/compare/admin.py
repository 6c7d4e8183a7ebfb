"""Editors confirm, correct or reject the links of a document's history (lineage.py finds them)."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Lineage


@admin.register(Lineage)
class LineageAdmin(admin.ModelAdmin):
    list_display = ["document", "relation", "earlier", "status", "reason"]
    list_filter = ["status", "relation"]
    search_fields = ["document__symbol", "earlier"]
    list_select_related = ["document"]
    autocomplete_fields = ["document"]
    fields = ["document", "relation", "earlier", "status", "reason"]
    readonly_fields = ["reason"]
    actions = ["confirm", "reject"]

    def save_model(self, request, obj, form, change):
        if change and not form.changed_data:
            return  # an unchanged save writes nothing
        # An editor who adds a link, or corrects a suggested one, has answered the question: the link
        # is theirs, and no longer replaced when the history is derived again.
        if obj.status == Lineage.Status.SUGGESTED:
            obj.status = Lineage.Status.CONFIRMED
        if not change or {"earlier", "relation"} & set(form.changed_data):
            obj.reason = "set by an editor"
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Confirm the selected links"), permissions=["change"])
    def confirm(self, request, queryset):
        self._set(request, queryset, Lineage.Status.CONFIRMED)

    @admin.action(description=gettext_lazy("Reject the selected links"), permissions=["change"])
    def reject(self, request, queryset):
        self._set(request, queryset, Lineage.Status.REJECTED)

    def _set(self, request, queryset, status):
        links = [link for link in queryset if link.status != status]
        for link in links:  # one by one: each save refreshes the pages that show the link (signals.py)
            link.status = status
            link.save(update_fields=["status"])
        self.message_user(request, _("Links updated: %(count)d.") % {"count": len(links)}, messages.SUCCESS)
