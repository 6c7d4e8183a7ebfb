"""The admin's paragraph list finds paragraphs by the words of their texts, through the index."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reading_room.documents.admin import ParagraphAdmin
from reading_room.documents.models import Language, Paragraph

from .backends import backend
from .models import SearchEntry
from .text import Query


class IndexedParagraphAdmin(ParagraphAdmin):
    search_help_text = _(
        "A paragraph id (op3), a symbol, or words of the text in any language, as in the site’s search."
    )

    def get_search_results(self, request, queryset, search_term):
        """Words of the texts through the search index, with its stemming and accents, not a scan
        of every text (a corpus holds a million); published or not."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        query = Query.parse(search_term)
        if not query:
            return found, duplicates
        codes = list(Language.objects.values_list("code", flat=True))
        entries = backend().matching(SearchEntry.objects.filter(paragraph_id__isnull=False), query, codes)
        return found | queryset.filter(pk__in=entries.values("paragraph_id")), duplicates


admin.site.unregister(Paragraph)
admin.site.register(Paragraph, IndexedParagraphAdmin)
