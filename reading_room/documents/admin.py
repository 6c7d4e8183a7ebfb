"""The editors' tool: documents, their texts side by side, footnotes, sponsors."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphText,
    Sponsorship,
    State,
    StateName,
)


class DocumentTextInline(admin.StackedInline):
    model = DocumentText
    extra = 0


class SponsorshipInline(admin.TabularInline):
    model = Sponsorship
    extra = 0
    autocomplete_fields = ["state"]


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0
    fields = ["position", "eid", "kind", "number", "edit"]
    readonly_fields = ["edit"]
    show_change_link = True

    @admin.display(description=_("texts"))
    def edit(self, obj):
        if not obj.pk:
            return ""
        return format_html('<a href="../../paragraph/{}/change/">{}</a>', obj.pk, _("edit texts"))


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "kind", "date", "session", "agenda_item", "updated"]
    list_filter = ["body", "kind", "session"]
    search_fields = ["symbol", "texts__title"]
    inlines = [DocumentTextInline, SponsorshipInline, ParagraphInline, FootnoteInline]
    readonly_fields = ["created", "updated", "view_on_site_link"]

    @admin.display(description=_("reader"))
    def view_on_site_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.symbol) if obj.pk else ""


class ParagraphTextInline(admin.TabularInline):
    model = ParagraphText
    extra = 0
    fields = ["language", "lead", "text"]
    classes = ["side-by-side"]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["document", "eid", "kind", "number", "position"]
    list_filter = ["kind", "document"]
    search_fields = ["eid", "document__symbol", "texts__text"]
    list_select_related = ["document"]
    inlines = [ParagraphTextInline]
    readonly_fields = ["document"]


class FootnoteTextInline(admin.TabularInline):
    model = FootnoteText
    extra = 0


@admin.register(Footnote)
class FootnoteAdmin(admin.ModelAdmin):
    list_display = ["document", "number"]
    list_select_related = ["document"]
    inlines = [FootnoteTextInline]


class StateNameInline(admin.TabularInline):
    model = StateName
    extra = 0


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    search_fields = ["iso3", "names__name"]
    inlines = [StateNameInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, _may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.prefetch_related("names"), True


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "direction", "position"]
