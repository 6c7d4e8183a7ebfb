from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, register_converter

from reading_room.documents import api, cards, converters, exports, feeds, sitemaps, views
from reading_room.search import views as search_views

register_converter(converters.SymbolConverter, "symbol")
register_converter(converters.EidConverter, "eid")

urlpatterns = [
    path("", views.index, name="index"),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/openapi.json", api.openapi_document, name="api-openapi"),
    path("api/documents", api.document_list, name="api-documents"),
    path("api/documents/<symbol:symbol>/<eid:eid>", api.paragraph, name="api-paragraph"),
    path("api/documents/<symbol:symbol>", api.document, name="api-document"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps.SITEMAPS, "template_name": "documents/sitemap.xml"},
        name="sitemap",
    ),
    path("feeds/documents.atom", feeds.RecentDocumentsFeed(), name="feed"),
    path("search", search_views.search_page, name="search"),
    path("sessions/", search_views.sessions, name="sessions"),
    path("sessions/<int:session>/", search_views.session, name="session"),
    path("sponsors/", search_views.sponsors, name="sponsors"),
    path("sponsors/<str:iso3>/", search_views.sponsor, name="sponsor"),
    # Above the catch-alls: the symbol converter would otherwise swallow "akn.xml" or "print".
    path("<symbol:symbol>/akn.xml", exports.akoma_ntoso, name="akn"),
    path("<symbol:symbol>/akn.<slug:language>.xml", exports.akoma_ntoso, name="akn-language"),
    path("<symbol:symbol>/text.<slug:language>.txt", exports.plain_text, name="text"),
    path("<symbol:symbol>/print/", exports.print_view, name="print"),
    path("<symbol:symbol>/<eid:eid>/card.png", cards.paragraph_card_image, name="paragraph-card"),
    path("<symbol:symbol>/<eid:eid>/", views.paragraph, name="paragraph"),
    path("<symbol:symbol>/", views.reader, name="reader"),
]
