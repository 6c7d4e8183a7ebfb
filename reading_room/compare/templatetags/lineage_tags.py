"""The reader's "Compare with…" control and history timeline, and the paragraph page's link to its
counterparts: small blocks the documents' templates include (templates/compare/_reader.html,
_paragraph.html), so that the reader need not know about comparisons."""

from django import template
from django.db.models import Q

from reading_room.compare import lineage
from reading_room.compare.models import Lineage
from reading_room.documents.models import Document

register = template.Library()


@register.inclusion_tag("compare/_panel.html")
def compare_panel(reading):
    document = reading.document
    steps, candidates = lineage.timeline(document, [t.title for t in reading.texts.values()])
    return {"document": document, "steps": steps, "candidates": candidates}


@register.simple_tag
def has_lineage(document) -> bool:
    """Whether a document this one is linked to is published here (its paragraphs then have
    counterparts to show): one query."""
    links = Lineage.objects.exclude(status=Lineage.Status.REJECTED)
    held = Document.objects.published().values("key")
    return links.filter(
        Q(document=document, earlier__in=held) | Q(earlier=document.key, document__status=Document.Status.PUBLISHED)
    ).exists()
