"""sitemap.xml (readers and paragraph pages) and robots.txt, for published documents only.

sitemap.xml is an index of sections (sitemap-documents.xml, sitemap-paragraphs.xml), each in pages
of at most `limit` URLs (?p=2…): a corpus has about a hundred paragraphs per document, far more
than the 50,000 URLs a search engine reads from one sitemap.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from reading_room.documents.models import Document, Paragraph


def _latest(documents) -> object:
    """The last change among these documents: one aggregate, where Sitemap.get_latest_lastmod
    would call lastmod() on every item of the section."""
    return documents.aggregate(latest=Max("updated"))["latest"]


class DocumentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10000

    def items(self):
        return Document.objects.published().order_by("symbol", "id")

    def lastmod(self, document: Document):
        return document.updated

    def get_latest_lastmod(self):
        return _latest(Document.objects.published())


class ParagraphSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 10000  # a page of the index per 10,000 paragraphs; Google's cap is 50,000 URLs

    def items(self):
        # in the order of an index (document, then position): a page deep in the section is read
        # along it, not sorted out of a million paragraphs
        return (
            Paragraph.objects.filter(document__status=Document.Status.PUBLISHED)
            .select_related("document")
            .only("eid", "document__key", "document__updated")
            .order_by("document_id", "position")
        )

    def lastmod(self, paragraph: Paragraph):
        return paragraph.document.updated

    def get_latest_lastmod(self):
        return _latest(Document.objects.published().filter(Exists(Paragraph.objects.filter(document=OuterRef("pk")))))


SITEMAPS = {"documents": DocumentSitemap, "paragraphs": ParagraphSitemap}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /i18n/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
