"""sitemap.xml (readers and paragraph pages) and robots.txt, for published documents only."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .models import Document, Paragraph


class DocumentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Document.objects.published().order_by("symbol")

    def lastmod(self, document: Document):
        return document.updated


class ParagraphSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 10000  # a page of the index per 10,000 paragraphs; Google's cap is 50,000 URLs

    def items(self):
        return (
            Paragraph.objects.filter(document__status=Document.Status.PUBLISHED)
            .select_related("document")
            .only("eid", "document__key", "document__updated")
            .order_by("document__symbol", "position")
        )

    def lastmod(self, paragraph: Paragraph):
        return paragraph.document.updated


SITEMAPS = {"documents": DocumentSitemap, "paragraphs": ParagraphSitemap}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /i18n/", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
