"""Markup written into any editable field is shown as text everywhere the public looks."""

import pytest

from reading_room.documents.models import Document, DocumentText, FootnoteText, ParagraphText, StateName

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '<a href="javascript:alert(3)">x3</a>',
    '"><svg onload=alert(4)>',
]
DANGER = ["<script>alert", "<img src=x onerror", '<a href="javascript:', "<svg onload"]
PAYLOAD = " ".join(PAYLOADS)

PUBLIC_URLS = [
    "/",
    "/A/79/L.124/",
    "/A/79/L.124/?view=fr",
    "/A/79/L.124/?view=fr-en",
    "/A/79/L.124/op1/",
    "/A/79/L.124/pp11/",
    "/api/documents/A/79/L.124",
    "/api/documents/A/79/L.124/op1",
    "/api/documents",
    "/A/79/L.124/akn.xml",
    "/A/79/L.124/akn.fr.xml",
    "/A/79/L.124/text.en.txt",
    "/A/79/L.124/text.fr.txt",
    "/A/79/L.124/print/",
    "/feeds/documents.atom",
    "/sitemap.xml",
    "/sponsors/KGZ/",
    "/sessions/79/",
    "/search?q=alert",
    "/search?q=x1",
    "/search?q=%3Cscript%3E",
]


@pytest.fixture
def poisoned(sample):
    """Every editable text of the sample carries script payloads."""
    Document.objects.filter(pk=sample.pk).update(agenda_item=PAYLOAD[:40])
    for model, fields in (
        (DocumentText, ["title", "agenda_title", "enacting_formula", "sponsor_note", "closing_lines", "header_lines"]),
    ):
        for row in model.objects.filter(document=sample):
            for field in fields:
                limit = model._meta.get_field(field).max_length or 10_000
                setattr(row, field, f"{PAYLOAD} {getattr(row, field)}"[:limit])
            row.save()
    for text in ParagraphText.objects.filter(paragraph__document=sample, paragraph__eid__in=["op1", "pp11"]):
        text.text = f"{text.text} {PAYLOAD} alert"
        text.lead = ""
        text.save()
    for text in FootnoteText.objects.filter(footnote__document=sample):
        text.text = f"{text.text} {PAYLOAD}"
        text.save()
    StateName.objects.filter(state__iso3="KGZ").update(name=f"Kyrgyzstan {PAYLOADS[0]}")
    return sample


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_payloads_are_inert_on_every_public_page_and_export(client, poisoned, url):
    response = client.get(url)
    assert response.status_code == 200, url
    content_type = response["Content-Type"]
    if content_type.startswith(("application/json", "text/plain")):
        # data, not markup: never sniffed as HTML, and consumers escape as they render
        assert response["X-Content-Type-Options"] == "nosniff"
        return
    body = response.content.decode()
    for danger in DANGER:
        assert danger not in body, (url, danger)


def test_the_payload_is_shown_as_text_on_the_reader(client, poisoned):
    html = client.get("/A/79/L.124/").content.decode()
    assert "&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;" in html


def test_the_api_returns_the_payload_as_a_plain_json_string(client, poisoned):
    data = client.get("/api/documents/A/79/L.124").json()
    op1 = next(p for p in data["paragraphs"] if p["eid"] == "op1")
    assert PAYLOADS[0] in op1["text"]["en"]  # data, not markup: consumers escape as they render
    assert client.get("/api/documents/A/79/L.124")["Content-Type"] == "application/json"


def test_admin_pages_escape_the_payload_too(admin_client, poisoned):
    html = admin_client.get(f"/admin/documents/document/{poisoned.pk}/change/").content.decode()
    for danger in DANGER:
        assert danger not in html
