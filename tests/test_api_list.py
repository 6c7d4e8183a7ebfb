"""The JSON API beyond one document: the list, one paragraph, conditional GET, CORS, OpenAPI."""

import datetime

import pytest
from django.urls import resolve
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from reading_room.documents.models import Document, ParagraphText
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").json()


def check(spec: dict, data: dict, schema: str) -> None:
    """A response body against a schema of the OpenAPI document (its $refs resolved in place)."""
    validator = Draft202012Validator(
        {**spec, "$ref": f"#/components/schemas/{schema}"}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.fixture
def documents(languages):
    """Five published documents over two sessions and one draft."""
    made = [
        make_document("A/79/L.1", date=datetime.date(2024, 10, 1), session=79),
        make_document("A/79/L.2", date=datetime.date(2024, 11, 1), session=79, languages=("en",)),
        make_document("A/80/L.1", date=datetime.date(2025, 10, 1), session=80),
        make_document("S/RES/2719 (2023)", body="SC", kind="resolution", date=datetime.date(2023, 12, 22)),
        make_document("A/RES/79/1", kind="resolution", date=datetime.date(2024, 9, 22), session=79),
    ]
    make_document("A/80/L.99", status=Document.Status.DRAFT, session=80)
    return made


# The OpenAPI document


def test_the_openapi_document_is_valid(client, spec):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_path_it_describes_is_served(spec):
    examples = {"{symbol}": "A/79/L.124", "{eid}": "op3"}
    for template in spec["paths"]:
        path = template
        for name, value in examples.items():
            path = path.replace(name, value)
        assert resolve(path).url_name.startswith("api-"), template


def test_real_responses_match_its_schemas(client, spec, sample, documents):
    check(spec, client.get("/api/documents").json(), "DocumentList")
    check(spec, client.get("/api/documents?per_page=2&page=2").json(), "DocumentList")
    check(spec, client.get("/api/documents/A/79/L.124").json(), "Document")
    check(spec, client.get("/api/documents/A/79/L.1").json(), "Document")
    for eid in ("pp1", "pp9", "pp20", "op3"):
        check(spec, client.get(f"/api/documents/A/79/L.124/{eid}").json(), "Paragraph")
    check(spec, client.get("/api/documents/A/79/L.999").json(), "Error")
    check(spec, client.get("/api/documents?body=XX").json(), "Error")


# The list


def test_the_list_has_published_documents_newest_first(client, documents):
    data = client.get("/api/documents").json()
    assert data["count"] == 5
    assert [d["symbol"] for d in data["results"]] == [
        "A/80/L.1",
        "A/79/L.2",
        "A/79/L.1",
        "A/RES/79/1",
        "S/RES/2719 (2023)",
    ]
    first = data["results"][0]
    assert first["url"] == "/A/80/L.1/" and first["api_url"] == "/api/documents/A/80/L.1"
    assert first["title"] == {"en": "Title en", "fr": "Title fr"} and first["languages"] == ["en", "fr"]
    assert data["results"][4]["api_url"] == "/api/documents/S/RES/2719(2023)"


@pytest.mark.parametrize(
    "query, symbols",
    [
        ("body=SC", ["S/RES/2719 (2023)"]),
        ("kind=resolution", ["A/RES/79/1", "S/RES/2719 (2023)"]),
        ("session=79", ["A/79/L.2", "A/79/L.1", "A/RES/79/1"]),
        ("session=80", ["A/80/L.1"]),
        ("session=79&kind=draft_resolution", ["A/79/L.2", "A/79/L.1"]),
    ],
)
def test_the_list_filters(client, documents, query, symbols):
    assert [d["symbol"] for d in client.get(f"/api/documents?{query}").json()["results"]] == symbols


def test_the_list_filters_by_published_language(client, documents):
    symbols = [d["symbol"] for d in client.get("/api/documents?language=fr").json()["results"]]
    assert "A/79/L.2" not in symbols and len(symbols) == 4
    Document.objects.get(symbol="A/79/L.1").texts.filter(language_id="fr").update(published=False)
    assert "A/79/L.1" not in [d["symbol"] for d in client.get("/api/documents?language=fr").json()["results"]]


def test_the_list_filters_by_what_a_document_cites(client, sample, documents):
    data = client.get("/api/documents?cites=A/RES/59/48").json()
    assert [d["symbol"] for d in data["results"]] == ["A/79/L.124"]
    assert client.get("/api/documents?cites=A/RES/1/1").json()["count"] == 0


def test_the_list_filters_by_change_date(client, documents):
    Document.objects.filter(symbol="A/79/L.1").update(updated=timezone.now() - datetime.timedelta(days=30))
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    symbols = [d["symbol"] for d in client.get(f"/api/documents?updated_since={since}").json()["results"]]
    assert "A/79/L.1" not in symbols and len(symbols) == 4


@pytest.mark.parametrize(
    "query",
    [
        "body=XX",
        "kind=law",
        "session=seventy",
        "session=²",
        "updated_since=yesterday",
        "page=0",
        "page=²",
        "per_page=-1",
    ],
)
def test_bad_filters_are_a_json_400(client, documents, query):
    response = client.get(f"/api/documents?{query}")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]


def test_the_list_comes_in_pages(client, documents):
    first = client.get("/api/documents?per_page=2").json()
    assert (first["count"], first["pages"], first["page"], first["per_page"]) == (5, 3, 1, 2)
    assert first["previous"] is None and first["next"] == "/api/documents?per_page=2&page=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == "/api/documents?per_page=2&page=1"
    third = client.get(second["next"]).json()
    assert third["next"] is None and len(third["results"]) == 1
    seen = [d["symbol"] for page in (first, second, third) for d in page["results"]]
    assert len(set(seen)) == 5


def test_a_page_past_the_end_is_a_404_and_page_size_is_capped(client, documents):
    assert client.get("/api/documents?page=9").status_code == 404
    assert client.get("/api/documents?per_page=1000").json()["per_page"] == 100


# One paragraph


def test_one_paragraph_in_every_language_with_its_citation(client, sample):
    response = client.get("/api/documents/A/79/L.124/op3")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert (data["symbol"], data["eid"], data["kind"], data["number"]) == ("A/79/L.124", "op3", "operative", "3")
    assert data["text"]["en"].startswith("Proposes that the specialized agencies")
    assert data["text"]["fr"].startswith("Propose")
    assert data["lead"] == {"en": "Proposes", "fr": "Propose"}
    assert data["citation"] == {"en": "A/79/L.124, para. 3", "fr": "A/79/L.124, par. 3"}
    assert (data["previous"], data["next"]) == ("op2", "op4")
    assert data["url"] == "/A/79/L.124/op3/" and data["document"] == "/api/documents/A/79/L.124"


def test_a_paragraph_carries_its_footnotes_and_references(client, sample):
    data = client.get("/api/documents/A/79/L.124/pp9").json()
    assert data["footnotes"] == [{"number": "1", "text": {"en": "Resolution 70/1.", "fr": "Résolution 70/1."}}]
    assert data["references"] == [{"symbol": "A/RES/70/1", "held": False, "url": "https://undocs.org/A/RES/70/1"}]
    assert data["citation"]["fr"] == "A/79/L.124, neuvième alinéa du préambule"
    make_document("A/RES/59/48")
    assert client.get("/api/documents/A/79/L.124/pp3").json()["references"] == [
        {"symbol": "A/RES/59/48", "held": True, "url": "/A/RES/59/48/"}
    ]


def test_unknown_paragraphs_and_documents_are_json_404s(client, sample):
    for url in ("/api/documents/A/79/L.124/op99", "/api/documents/A/79/L.999/op1"):
        response = client.get(url)
        assert response.status_code == 404 and "error" in response.json()


def test_paragraph_and_document_urls_resolve_apart():
    assert resolve("/api/documents/A/79/L.124/op3").url_name == "api-paragraph"
    assert resolve("/api/documents/A/79/L.124/op2.a").kwargs == {"symbol": "A/79/L.124", "eid": "op2.a"}
    assert resolve("/api/documents/A/79/L.124").url_name == "api-document"
    assert resolve("/api/documents").url_name == "api-documents"


def test_the_document_lists_what_it_cites_and_who_cites_it(client, sample):
    make_document("A/RES/77/338")
    data = client.get("/api/documents/A/79/L.124").json()
    assert {"symbol": "A/RES/77/338", "held": True, "url": "/A/RES/77/338/"} in data["references"]
    assert {"symbol": "A/RES/59/48", "held": False, "url": "https://undocs.org/A/RES/59/48"} in data["references"]
    cited = client.get("/api/documents/A/RES/77/338").json()["cited_by"]
    assert cited == [{"symbol": "A/79/L.124", "url": "/A/79/L.124/", "paragraphs": ["pp4", "pp12"]}]


# Conditional GET and CORS


@pytest.mark.parametrize("url", ["/api/documents/A/79/L.124", "/api/documents/A/79/L.124/op3", "/api/documents"])
def test_an_unchanged_resource_answers_304(client, sample, url):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304


@pytest.mark.parametrize("url", ["/api/documents/A/79/L.124", "/api/documents/A/79/L.124/op3", "/api/documents"])
def test_an_edit_changes_the_etag(client, sample, url):
    etag = client.get(url)["ETag"]
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op4", language_id="fr")
    text.text = "Prie le Secrétaire général de présenter un rapport ;"
    text.save()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_paragraphs_of_one_document_have_their_own_etags(client, sample):
    assert client.get("/api/documents/A/79/L.124/op3")["ETag"] != client.get("/api/documents/A/79/L.124/op4")["ETag"]


def test_a_browser_preflight_is_answered(client, sample):
    response = client.options(
        "/api/documents/A/79/L.124",
        headers={"Origin": "https://example.org", "Access-Control-Request-Headers": "if-none-match"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "ETag" in client.get("/api/documents/A/79/L.124")["Access-Control-Expose-Headers"]


def test_writes_are_refused(client, sample):
    assert client.post("/api/documents").status_code == 405
    assert client.delete("/api/documents/A/79/L.124/op3").status_code == 405


def test_unpublished_documents_are_not_in_the_api(client, sample):
    sample.status = Document.Status.DRAFT
    sample.save()
    assert client.get("/api/documents").json()["count"] == 0
    assert client.get("/api/documents/A/79/L.124/op3").status_code == 404
