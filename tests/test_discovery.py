"""sitemap.xml, robots.txt and the Atom feed: published documents and languages only."""

import pytest
from lxml import etree

from reading_room.documents.models import Document
from tests.factories import make_document

pytestmark = pytest.mark.django_db
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def xml(client, url: str):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def locations(client) -> list[str]:
    """Every URL of the sitemap, through its index."""
    sections = xml(client, "/sitemap.xml").xpath("/s:sitemapindex/s:sitemap/s:loc/text()", namespaces=SITEMAP)
    return [url for section in sections for url in xml(client, section).xpath("//s:loc/text()", namespaces=SITEMAP)]


def test_the_sitemap_lists_documents_and_paragraph_pages(client, sample):
    urls = locations(client)
    assert "http://testserver/A/79/L.124/" in urls
    assert "http://testserver/A/79/L.124/op3/" in urls and "http://testserver/A/79/L.124/pp31/" in urls
    assert len(urls) == 1 + 36


def test_the_sitemap_is_an_index_of_sections_with_their_change_dates(client, sample):
    root = xml(client, "/sitemap.xml")
    sections = root.xpath("/s:sitemapindex/s:sitemap", namespaces=SITEMAP)
    assert [s.findtext("s:loc", namespaces=SITEMAP) for s in sections] == [
        "http://testserver/sitemap-documents.xml",
        "http://testserver/sitemap-paragraphs.xml",
    ]
    for section in sections:
        assert section.findtext("s:lastmod", namespaces=SITEMAP).startswith(sample.updated.date().isoformat())


def test_a_long_section_comes_in_pages(client, sample, monkeypatch):
    monkeypatch.setattr("reading_room.reader.sitemaps.ParagraphSitemap.limit", 10)
    pages = xml(client, "/sitemap.xml").xpath("//s:loc/text()", namespaces=SITEMAP)
    assert pages[1:] == ["http://testserver/sitemap-paragraphs.xml"] + [
        f"http://testserver/sitemap-paragraphs.xml?p={n}" for n in (2, 3, 4)
    ]
    last = xml(client, "/sitemap-paragraphs.xml?p=4").xpath("//s:loc/text()", namespaces=SITEMAP)
    assert len(last) == 36 - 30
    assert client.get("/sitemap-paragraphs.xml?p=5").status_code == 404
    assert client.get("/sitemap-paragraphs.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_gives_the_change_date(client, sample):
    root = xml(client, "/sitemap-documents.xml")
    lastmod = root.xpath("//s:url[s:loc='http://testserver/A/79/L.124/']/s:lastmod/text()", namespaces=SITEMAP)
    assert lastmod and lastmod[0].startswith(sample.updated.date().isoformat())


def test_the_sitemap_leaves_out_unpublished_documents(client, sample, languages):
    make_document("A/80/L.9", status=Document.Status.DRAFT)
    assert not [url for url in locations(client) if "/A/80/L.9/" in url]


def test_robots_points_to_the_sitemap_and_keeps_out_of_the_admin(client, languages):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_atom_feed_lists_recent_documents(client, sample, languages):
    make_document("A/80/L.9", status=Document.Status.DRAFT)
    response = client.get("/feeds/documents.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    entries = root.findall("a:entry", ATOM)
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [
        "A/79/L.124 — Cooperation between the United Nations and the Shanghai Cooperation Organization"
    ]
    entry = entries[0]
    assert entry.find("a:link", ATOM).get("href") == "http://testserver/A/79/L.124/"
    assert entry.findtext("a:updated", namespaces=ATOM).startswith(sample.updated.date().isoformat())
    assert "Coopération entre" in entry.findtext("a:summary", namespaces=ATOM)
    assert root.find("a:link[@rel='self']", ATOM).get("href") == "http://testserver/feeds/documents.atom"


def test_the_feed_puts_the_latest_change_first(client, sample, languages):
    make_document("A/80/L.1")
    sample.save()  # an edit: now the most recent
    titles = [
        e.findtext("a:title", namespaces=ATOM)
        for e in etree.fromstring(client.get("/feeds/documents.atom").content).findall("a:entry", ATOM)
    ]
    assert titles[0].startswith("A/79/L.124") and titles[1].startswith("A/80/L.1")


def test_the_feed_leaves_out_unpublished_languages(client, sample):
    sample.texts.filter(language_id="fr").update(published=False)
    assert "Coopération" not in client.get("/feeds/documents.atom").content.decode()


def test_the_reader_advertises_the_feed_and_the_exports(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/documents.atom"' in html
    assert '<link rel="alternate" type="application/akn+xml" href="/A/79/L.124/akn.xml">' in html
