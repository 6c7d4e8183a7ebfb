from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path, register_converter
from django.views.decorators.gzip import gzip_page

from reading_room import health
from reading_room.api import views as api
from reading_room.compare import api as compare_api
from reading_room.compare import views as compare_views
from reading_room.documents import converters
from reading_room.reader import cards, exports, feeds, sitemaps, views
from reading_room.search import views as search_views

register_converter(converters.SymbolConverter, "symbol")
register_converter(converters.EidConverter, "eid")

# Public pages are compressed, all by Django's GZipMiddleware (gzip_page): they hold no secret for
# BREACH to find (no CSRF token; the interface language is switched with links). The reader,
# paragraph, print and comparison pages are compressed before they are cached, once per page
# (reading_room/reader/page_cache.py). The admin, which has CSRF tokens, is not compressed.
urlpatterns = [
    path("", gzip_page(views.home), name="index"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("language/<str:code>/", views.interface_language, name="interface-language"),
    path("admin/", admin.site.urls),
    path("api/openapi.json", gzip_page(api.openapi_document), name="api-openapi"),
    path("api/documents", gzip_page(api.document_list), name="api-documents"),
    path("api/compare", gzip_page(compare_api.compare), name="api-compare"),
    path("api/documents/<symbol:symbol>/<eid:eid>", gzip_page(api.paragraph), name="api-paragraph"),
    path("api/documents/<symbol:symbol>", gzip_page(api.document), name="api-document"),
    # Whatever else is under /api/, line breaks included: a JSON 404, never the site's HTML page.
    re_path(r"^api(?:/[\s\S]*)?$", api.not_found, name="api-not-found"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        gzip_page(sitemap_views.index),
        {
            "sitemaps": sitemaps.SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            "template_name": "reader/sitemap_index.xml",
        },
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        gzip_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS, "template_name": "reader/sitemap.xml"},
        name="sitemap-section",
    ),
    path("feeds/documents.atom", gzip_page(feeds.RecentDocumentsFeed()), name="feed"),
    path("search", gzip_page(search_views.search_page), name="search"),
    path("sessions/", gzip_page(views.sessions), name="sessions"),
    path("sessions/<int:session>/", gzip_page(views.session), name="session"),
    path("sponsors/", gzip_page(views.sponsors), name="sponsors"),
    path("sponsors/<str:iso3>/", gzip_page(views.sponsor), name="sponsor"),
    # compressed once, when cached (reading_room/reader/page_cache.py)
    path("compare/", compare_views.compare_page, name="compare"),
    path(
        "compare/paragraph/<symbol:symbol>/<eid:eid>/",
        gzip_page(compare_views.paragraph_counterparts),
        name="compare-paragraph",
    ),
    # Above the catch-alls: the symbol converter would otherwise swallow "akn.xml" or "print".
    path("<symbol:symbol>/akn.xml", gzip_page(exports.akoma_ntoso), name="akn"),
    path("<symbol:symbol>/akn.<slug:language>.xml", gzip_page(exports.akoma_ntoso), name="akn-language"),
    path("<symbol:symbol>/text.<slug:language>.txt", gzip_page(exports.plain_text), name="text"),
    path("<symbol:symbol>/print/", exports.print_view, name="print"),
    path("<symbol:symbol>/<eid:eid>/card.png", cards.paragraph_card_image, name="paragraph-card"),
    path("<symbol:symbol>/<eid:eid>/", views.paragraph, name="paragraph"),
    path("<symbol:symbol>/", views.reader, name="reader"),
    # Last: what people type for a symbol or a paragraph (a/79/l.124, A-79-L.124/3), redirected.
    re_path(r"^(?P<path>[^?#]{1,200})$", views.forgiving, name="forgiving"),
]

handler400 = "reading_room.errors.bad_request"
handler500 = "reading_room.health.server_error"
