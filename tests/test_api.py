"""The JSON API of one document."""

import pytest

from tests.test_parser import SAMPLE_CITATIONS

pytestmark = pytest.mark.django_db


def test_it_returns_the_document_as_json(client, sample):
    response = client.get("/api/documents/A/79/L.124")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["symbol"] == "A/79/L.124"
    assert data["languages"] == ["en", "fr"]
    assert data["title"]["en"] == "Cooperation between the United Nations and the Shanghai Cooperation Organization"
    assert len(data["sponsors"]) == 10
    assert data["sponsors"][3] == {
        "iso3": "IRN",
        "name": {"en": "Iran (Islamic Republic of)", "fr": "Iran (République islamique d’)"},
    }
    assert [p["eid"] for p in data["paragraphs"]][:2] == ["pp1", "pp2"]
    assert len(data["paragraphs"]) == 36
    assert len(data["footnotes"]) == 8
    assert data["footnotes"][0]["text"] == {"en": "Resolution 70/1.", "fr": "Résolution 70/1."}


def test_paragraphs_carry_plain_text_kind_number_and_cited_footnotes(client, sample):
    paragraphs = {p["eid"]: p for p in client.get("/api/documents/A/79/L.124").json()["paragraphs"]}
    op4 = paragraphs["op4"]
    assert op4["kind"] == "operative" and op4["number"] == "4"
    assert op4["text"]["en"].startswith("Requests the Secretary-General")  # no "4." and no asterisks
    assert paragraphs["pp1"]["number"] is None and paragraphs["pp1"]["kind"] == "preambular"
    assert {eid: p["footnotes"] for eid, p in paragraphs.items() if p["footnotes"]} == SAMPLE_CITATIONS
    assert "²" not in paragraphs["pp11"]["text"]["en"]


def test_an_unknown_symbol_is_a_json_404(client, languages):
    response = client.get("/api/documents/A/79/L.999")
    assert response.status_code == 404
    assert "A/79/L.999" in response.json()["error"]


def test_only_get_is_allowed(client, sample):
    assert client.post("/api/documents/A/79/L.124").status_code == 405
