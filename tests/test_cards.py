"""Paragraph pages preview as the paragraph itself when their link is pasted (Open Graph, Twitter)."""

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def meta(html: str) -> dict[str, str]:
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    return dict(pairs)


def test_a_paragraph_page_has_a_card_of_the_paragraph(client, sample):
    html = client.get("/A/79/L.124/op3/").content.decode()
    tags = meta(html)
    assert tags["og:title"] == "A/79/L.124, op. 3"
    assert tags["og:description"].startswith("Proposes that the specialized agencies")
    assert tags["og:url"] == "http://testserver/A/79/L.124/op3/"
    assert tags["og:type"] == "article" and tags["og:locale"] == "en_GB"
    assert tags["og:locale:alternate"] == "fr_FR"
    assert tags["twitter:card"] == "summary_large_image" and tags["twitter:title"] == "A/79/L.124, op. 3"
    assert tags["description"] == tags["og:description"] == tags["twitter:description"]
    assert '<link rel="canonical" href="http://testserver/A/79/L.124/op3/">' in html


def test_the_card_speaks_the_interface_language(client, sample):
    tags = meta(client.get("/A/79/L.124/pp11/", headers={"Accept-Language": "fr"}).content.decode())
    assert tags["og:title"] == "A/79/L.124, pp. 11"
    assert tags["og:description"].startswith("Consciente")
    assert tags["og:locale"] == "fr_FR"


def test_the_card_falls_back_to_a_language_the_document_has(client, languages, sample_en):
    from reading_room.ingest.importer import import_texts

    import_texts(en=sample_en)
    tags = meta(client.get("/A/79/L.124/op3/", headers={"Accept-Language": "fr"}).content.decode())
    assert tags["og:description"].startswith("Proposes")
    assert "og:locale:alternate" not in tags


def test_the_card_shows_no_unpublished_text(client, sample):
    sample.texts.filter(language_id="fr").update(published=False)
    sample.save()
    html = client.get("/A/79/L.124/op3/", headers={"Accept-Language": "fr"}).content.decode()
    assert meta(html)["og:description"].startswith("Proposes")
    assert 'hreflang="fr"' not in html


def test_a_long_paragraph_is_cut_for_the_preview(client, sample):
    description = meta(client.get("/A/79/L.124/op1/").content.decode())["og:description"]
    assert len(description) <= 300 and description.endswith("…")


def test_the_language_versions_are_alternates(client, sample):
    html = client.get("/A/79/L.124/op3/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/A/79/L.124/op3/?view=en">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/A/79/L.124/op3/?view=fr">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/A/79/L.124/op3/">' in html


def test_the_card_is_per_request_not_cached_with_the_fragment(client, sample):
    client.get("/A/79/L.124/op3/")  # caches the fragment in English
    tags = meta(client.get("/A/79/L.124/op3/", headers={"Accept-Language": "fr"}).content.decode())
    assert tags["og:description"].startswith("Propose que")


def test_the_card_has_a_generated_preview_image(client, sample):
    html = client.get("/A/79/L.124/op3/", headers={"Accept-Language": "fr"}).content.decode()
    tags = meta(html)
    assert tags["og:image"] == "http://testserver/A/79/L.124/op3/card.png?lang=fr"
    assert tags["twitter:card"] == "summary_large_image" and tags["twitter:image"] == tags["og:image"]
    response = client.get("/A/79/L.124/op3/card.png?lang=fr")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    assert (
        client.get("/A/79/L.124/op3/card.png", headers={"If-Modified-Since": response["Last-Modified"]}).status_code
        == 304
    )


@pytest.mark.parametrize(
    "url", ["/A/79/L.124/op99/card.png", "/A/79/L.124/op3/card.png?lang=es", "/A/79/L.999/op3/card.png"]
)
def test_there_is_no_image_of_what_is_not_there(client, sample, url):
    assert client.get(url).status_code == 404


def test_there_is_no_image_of_an_unpublished_language(client, sample):
    sample.texts.filter(language_id="fr").update(published=False)
    assert client.get("/A/79/L.124/op3/card.png?lang=fr").status_code == 404
