from django.contrib import admin
from django.urls import include, path, register_converter

from reading_room.documents import api, converters, views

register_converter(converters.SymbolConverter, "symbol")
register_converter(converters.EidConverter, "eid")

urlpatterns = [
    path("", views.index, name="index"),
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/documents/<symbol:symbol>", api.document, name="api-document"),
    path("<symbol:symbol>/<eid:eid>/", views.paragraph, name="paragraph"),
    path("<symbol:symbol>/", views.reader, name="reader"),
]
