"""The JSON API beyond one document: the list, one paragraph, conditional GET, CORS, OpenAPI."""

import datetime

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from reading_room.api import openapi
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


def test_it_serves_the_description_that_the_contract_test_reads(spec):
    assert spec == openapi.document()  # test_api_contract.py loads it with from_dict


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
    "query, parameter",
    [
        ("body=XX", "body"),
        ("kind=law", "kind"),
        ("session=seventy", "session"),
        ("session=²", "session"),
        ("session=٧٩", "session"),  # int() reads Arabic-Indic digits; the description says integer
        ("session=%2079", "session"),
        ("session=79.0", "session"),
        ("session=0", "session"),  # the description's minimum is 1
        ("session=32768", "session"),
        ("language=EN", "language"),
        ("language=english", "language"),
        ("cites=a/res/59/48", "cites"),
        ("cites=%00", "cites"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=%C2%A0", "updated_since"),
        ("updated_since=2024-02-30", "updated_since"),
        ("updated_since=2024-01-01T10:00", "updated_since"),  # RFC 3339 wants seconds and an offset
        ("updated_since=2024-01-01t10:00:00z", "updated_since"),
        ("updated_since=2016-12-31T23:59:60Z", "updated_since"),
        ("updated_since=0000-01-01", "updated_since"),
        ("updated_since=2024-01-01T10:00:00%2B24:00", "updated_since"),
        ("page=0", "page"),
        ("page=²", "page"),
        ("page=" + "9" * 5000, "page"),
        ("per_page=-1", "per_page"),
        ("per_page=101", "per_page"),
    ],
)
def test_bad_parameters_are_a_json_400_naming_the_parameter(client, documents, query, parameter):
    response = client.get(f"/api/documents?{query}")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"].startswith(f"{parameter}: ")


def test_parameter_errors_are_in_english_and_list_the_choices(client, documents):
    response = client.get("/api/documents?body=XX&session=x", headers={"Accept-Language": "fr"})
    assert response.json() == {"error": "body: Select one of GA, SC, ECOSOC. session: Enter a whole number."}


@pytest.mark.parametrize(
    "since, count",
    [
        ("", 5),  # empty is the same as absent
        ("2020-01-01", 5),
        ("2020-01-01T00:00:00Z", 5),
        ("2020-01-01T00:00:00.123456789-05:30", 5),  # a fraction of any length
        ("0001-01-01T00:00:00+23:59", 5),  # before datetime's first moment: clamped there
        ("9999-12-31T23:59:59-23:59", 0),  # after its last: clamped there (was a 500)
        ("9999-12-31", 0),
    ],
)
def test_the_change_date_takes_a_date_or_an_rfc_3339_date_time(client, documents, since, count):
    response = client.get("/api/documents", {"updated_since": since})
    assert response.status_code == 200 and response.json()["count"] == count


def test_an_empty_parameter_is_no_filter(client, documents):
    data = client.get("/api/documents?body=&kind=&session=&language=&cites=&page=&per_page=").json()
    assert (data["count"], data["page"], data["per_page"]) == (5, 1, 20)


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


def test_a_page_past_the_end_is_a_404_and_pages_hold_at_most_100(client, documents):
    response = client.get("/api/documents?page=9")
    assert response.status_code == 404 and response.json()["error"] == "page 9 does not exist; there are 1"
    assert client.get("/api/documents?per_page=100").json()["per_page"] == 100
    assert client.get("/api/documents?per_page=1000").status_code == 400  # said, not silently capped


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


def test_writes_are_refused_in_json(sample):
    client = Client(enforce_csrf_checks=True)  # a 405, not the CSRF failure page
    for response in (client.post("/api/documents"), client.delete("/api/documents/A/79/L.124/op3")):
        assert response.status_code == 405 and response["Allow"] == "GET, OPTIONS"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "read-only" in response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/0",  # not a symbol
        "/api/documents/0/%C2%84",
        "/api/documents/a%0Ab",  # a line break, which "." in a URL pattern does not match
        "/api/documents/A/79/L.124/op3/",
        "/api/documents/A/79/L.124 /op1",
        "/api/documents/",
        "/api/nothing/here",
        "/api/",
        "/api",
    ],
)
def test_any_other_path_under_api_is_a_json_404(sample, path):
    client = Client(enforce_csrf_checks=True)
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response.json()["error"].startswith("Nothing at /api")
    assert client.options(path).status_code == 204  # a browser may read the 404 that follows


def test_a_request_django_refuses_is_a_json_400_under_api(client, sample):
    response = client.get("/api/documents", headers={"Host": "evil.example"})
    assert response.status_code == 400 and response.json() == {"error": "Bad request."}
    assert client.get("/A/79/L.124/", headers={"Host": "evil.example"})["Content-Type"].startswith("text/html")


def test_unpublished_documents_are_not_in_the_api(client, sample):
    sample.status = Document.Status.DRAFT
    sample.save()
    assert client.get("/api/documents").json()["count"] == 0
    assert client.get("/api/documents/A/79/L.124/op3").status_code == 404
