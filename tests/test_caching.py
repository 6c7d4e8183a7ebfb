"""Cached pages are never stale: conditional GETs, invalidation by edits and deploys, Vary, compression."""

import gzip

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from reading_room.documents.models import Document, ParagraphText

pytestmark = pytest.mark.django_db

PAGES = ["/A/79/L.124/", "/A/79/L.124/op3/", "/A/79/L.124/print/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_answers_a_conditional_get_with_304(client, sample, url, django_assert_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert first["Cache-Control"] == "no-cache"
    assert "Last-Modified" in first
    with django_assert_num_queries(1):
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_an_edit_changes_the_page_and_its_etag(client, sample):
    before = client.get("/A/79/L.124/op3/")
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op3", language_id="en")
    text.text = f"{text.text} Edited by a test."
    text.save()
    after = client.get("/A/79/L.124/op3/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Edited by a test." in after.content.decode()
    assert "Edited by a test." in client.get("/A/79/L.124/").content.decode()


def test_a_change_made_by_another_server_is_seen_at_once(client, sample):
    """Another app server (or the importer) only moves Document.updated in the database: this
    process's cached page must not be served after it."""
    client.get("/A/79/L.124/")
    ParagraphText.objects.filter(paragraph__document=sample, paragraph__eid="op1", language_id="en").update(
        text="Rewritten elsewhere."
    )
    Document.objects.filter(pk=sample.pk).update(updated=timezone.now())
    assert "Rewritten elsewhere." in client.get("/A/79/L.124/").content.decode()


def test_a_deploy_serves_nothing_the_old_code_rendered(client, sample, settings):
    """A page cached, or held by a browser, before a deploy is not served after it: the release
    (RELEASE, docs/deploy.md) versions the cache's keys and is part of the ETag."""
    assert settings.CACHES["default"]["VERSION"] == settings.RELEASE
    before = client.get("/A/79/L.124/op3/")
    # The same data, but the new code would render it otherwise: here, a text changed behind the
    # page cache's back (Document.updated not moved).
    ParagraphText.objects.filter(paragraph__document=sample, paragraph__eid="op3", language_id="en").update(
        text="As the new release renders it."
    )
    assert "As the new release renders it." not in client.get("/A/79/L.124/op3/").content.decode()
    settings.RELEASE = f"{settings.RELEASE}-next"
    settings.CACHES = {"default": {**settings.CACHES["default"], "VERSION": settings.RELEASE}}
    after = client.get("/A/79/L.124/op3/", headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "As the new release renders it." in after.content.decode()


def test_pages_vary_on_what_changes_them(client, sample):
    response = client.get("/A/79/L.124/")
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Encoding", "Accept-Language", "Cookie", "HX-Request"} <= vary


def test_the_htmx_fragment_and_the_page_are_cached_apart(client, sample):
    fragment = client.get("/A/79/L.124/?view=fr", headers={"HX-Request": "true"})
    page = client.get("/A/79/L.124/?view=fr")
    assert not fragment.content.decode().lstrip().startswith("<!DOCTYPE")
    assert page.content.decode().startswith("<!DOCTYPE")
    assert fragment["ETag"] != page["ETag"]
    assert client.get("/A/79/L.124/?view=fr", headers={"HX-Request": "true"}).content == fragment.content


def test_the_interface_language_is_part_of_the_cached_page(client, sample):
    english = client.get("/A/79/L.124/", headers={"Accept-Language": "en"}).content.decode()
    french = client.get("/A/79/L.124/", headers={"Accept-Language": "fr"}).content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="fr">' in french


def test_a_compressed_page_is_the_same_page(client, sample):
    plain = client.get("/A/79/L.124/")
    packed = client.get("/A/79/L.124/", headers={"Accept-Encoding": "gzip, br"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 4
    assert "Content-Encoding" not in plain


@pytest.mark.parametrize("url", ["/", "/search?q=cooperation", "/api/documents/A/79/L.124", "/sponsors/KGZ/"])
def test_other_public_pages_are_compressed(client, sample, url):
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_the_admin_is_never_compressed(admin_client):
    """Its pages carry CSRF tokens: compression would expose them to BREACH."""
    response = admin_client.get("/admin/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response


@pytest.mark.parametrize("url", ["/", "/A/79/L.124/", "/A/79/L.124/op3/", "/search?q=Dushanbe"])
def test_public_pages_hold_no_secret_and_set_no_cookie(client, sample, url):
    response = client.get(url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_an_error_page_is_not_cached_as_the_page(client, sample):
    assert client.get("/A/79/L.124/op99/").status_code == 404
    assert client.get("/A/79/L.124/op3/").status_code == 200


def test_the_language_switch_goes_back_only_to_this_site(client):
    response = client.get("/language/fr/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "fr"
    assert client.get("/language/xx/?next=/").status_code == 404


def test_the_redis_cache_serves_and_forgets_pages(client, sample, redis_url):
    settings = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    with override_settings(CACHES=settings):
        caches["default"].clear()
        first = client.get("/A/79/L.124/op3/").content.decode()
        assert client.get("/A/79/L.124/op3/").content.decode() == first
        text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op3", language_id="fr")
        text.text = "Texte révisé."
        text.save()
        assert "Texte révisé." in client.get("/A/79/L.124/op3/").content.decode()
        caches["default"].clear()
