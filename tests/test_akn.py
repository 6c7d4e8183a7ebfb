"""Akoma Ntoso (validated against the OASIS schema), plain text and the print view."""

import re

import pytest
from django.urls import resolve
from lxml import etree

from reading_room.documents.models import Document
from reading_room.reader import akoma_ntoso as akn
from tests.factories import make_document

pytestmark = pytest.mark.django_db
NS = {"a": akn.NS}


@pytest.fixture(scope="module")
def schema():
    return akn.schema()


def parsed(response) -> etree._Element:
    assert response.status_code == 200
    return etree.fromstring(response.content)


@pytest.mark.parametrize("url", ["/A/79/L.124/akn.xml", "/A/79/L.124/akn.en.xml", "/A/79/L.124/akn.fr.xml"])
def test_the_export_validates_against_the_akoma_ntoso_schema(client, sample, schema, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    root = parsed(response)
    assert schema.validate(root), schema.error_log


def test_a_factory_document_with_sub_paragraphs_validates_too(client, languages, schema):
    document = make_document("A/RES/80/1", kind="resolution", operative=3)
    op2 = document.paragraphs.get(eid="op2")
    for position, eid in ((10, "op2.a"), (11, "op2.b"), (12, "op2.b.i")):
        paragraph = document.paragraphs.create(eid=eid, kind="subparagraph", number=eid[-1], position=position)
        for code in ("en", "fr"):
            paragraph.texts.create(language_id=code, text=f"text of {eid} in {code};")
    op2.position, op3 = 9, document.paragraphs.get(eid="op3")
    op2.save()
    op3.position = 13
    op3.save()
    root = parsed(client.get("/A/RES/80/1/akn.fr.xml"))
    assert schema.validate(root), schema.error_log
    para2 = root.find(".//a:paragraph[@eId='para_2']", NS)
    assert para2.find("a:intro", NS) is not None  # its own words, then its sub-paragraphs
    sub = para2.find("a:subparagraph[@eId='para_2__subpara_b']", NS)
    assert sub.findtext("a:num", namespaces=NS) == "b)"
    assert sub.find("a:subparagraph[@eId='para_2__subpara_b__subpara_i']", NS) is not None
    work = root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value")
    assert work.endswith("/un-ga/2026-11-22/80-1") or ("/un-ga/" in work and work.endswith("/80-1"))


def test_it_names_work_and_expression_the_akn4un_way(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.fr.xml"))
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "draftResolution"
    work = "/akn/un/statement/deliberation/un-ga/2025-08-28/a-79-l-124"
    assert root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == work
    assert root.find(".//a:FRBRWork/a:FRBRthis", NS).get("value") == f"{work}/!main"
    assert root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value") == f"{work}/fra@2025-08-28"
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "fra"
    assert root.find(".//a:FRBRWork/a:FRBRalias", NS).get("value") == "A/79/L.124"


def test_the_original_language_is_the_default_expression(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.xml"))
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "eng"


def test_it_has_preamble_and_operative_paragraphs_with_eids(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.en.xml"))
    preamble = root.find(".//a:preamble", NS)
    assert preamble.findtext("a:formula[@name='enactingFormula']/a:p", namespaces=NS) == "The General Assembly,"
    assert len(preamble.findall("a:p", NS)) == 31
    pp11 = preamble.find("a:p[@eId='preamble__p_11']", NS)
    assert pp11.findtext("a:i", namespaces=NS) == "Recognizing"
    paragraphs = root.findall(".//a:mainBody/a:paragraph", NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2", "para_3", "para_4", "para_5"]
    assert paragraphs[2].findtext("a:num", namespaces=NS) == "3."
    assert paragraphs[2].findtext("a:content/a:p/a:i", namespaces=NS) == "Proposes"


def test_footnotes_are_authorial_notes_where_they_are_called(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.en.xml"))
    notes = root.findall(".//a:authorialNote", NS)
    assert [n.get("marker") for n in notes] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    first = root.find(".//a:p[@eId='preamble__p_9']/a:authorialNote", NS)
    assert first.get("eId") == "preamble__p_9__authorialNote_1"
    assert "".join(first.itertext()) == "Resolution 70/1."
    assert first.tail.startswith(" and welcoming")


def test_sponsors_are_authors_and_tlc_organizations(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.fr.xml"))
    sponsors = root.findall(".//a:FRBRWork/a:FRBRauthor[@as='#sponsor']", NS)
    assert len(sponsors) == 10
    targets = {s.get("href")[1:] for s in sponsors}
    organisations = {o.get("eId"): o.get("showAs") for o in root.findall(".//a:TLCOrganization", NS)}
    assert targets <= set(organisations)
    assert organisations["irn"] == "Iran (République islamique d’)"
    proponents = root.findall(".//a:preface//a:docProponent", NS)
    assert [p.text for p in proponents][:3] == ["Bélarus", "Chine", "Fédération de Russie"]


def test_mentions_become_refs(client, sample):
    root = parsed(client.get("/A/79/L.124/akn.fr.xml"))
    refs = {r.text: r.get("href") for r in root.findall(".//a:ref", NS)}
    assert refs["59/48"] == "https://undocs.org/fr/A/RES/59/48"
    assert refs["A/79/807-S/2025/132"] == "https://undocs.org/fr/A/79/807-S/2025/132"


def test_the_urls_resolve_to_the_exports_not_the_reader():
    assert resolve("/A/79/L.124/akn.xml").url_name == "akn"
    assert resolve("/A/79/L.124/akn.fr.xml").kwargs == {"symbol": "A/79/L.124", "language": "fr"}
    assert resolve("/A/79/L.124/text.en.txt").url_name == "text"
    assert resolve("/A/79/L.124/print/").url_name == "print"
    assert resolve("/A/79/L.124/op3/").url_name == "paragraph"
    assert resolve("/A/79/L.124/").url_name == "reader"
    assert resolve("/S/RES/2719(2023)/akn.xml").kwargs == {"symbol": "S/RES/2719(2023)"}


@pytest.mark.parametrize("url", ["/A/79/L.124/akn.es.xml", "/A/79/L.124/text.es.txt", "/A/79/L.999/akn.xml"])
def test_missing_languages_and_documents_are_404(client, sample, url):
    assert client.get(url).status_code == 404


def test_unpublished_texts_are_not_exported(client, sample):
    sample.texts.filter(language_id="fr").update(published=False)
    assert client.get("/A/79/L.124/akn.fr.xml").status_code == 404
    assert client.get("/A/79/L.124/text.fr.txt").status_code == 404
    sample.status = Document.Status.DRAFT
    sample.save()
    assert client.get("/A/79/L.124/akn.xml").status_code == 404
    assert client.get("/A/79/L.124/print/").status_code == 404


# Plain text


def test_the_plain_text_reads_like_the_printed_page(client, sample):
    response = client.get("/A/79/L.124/text.en.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="A-79-L.124.en.txt"' in response["Content-Disposition"]
    text = response.content.decode()
    lines = text.splitlines()
    assert lines[0] == "A/79/L.124"
    assert "Cooperation between the United Nations and the Shanghai Cooperation Organization" in lines
    assert "The General Assembly," in lines
    assert any(line.startswith("3. Proposes that the specialized agencies") for line in lines)
    assert "Sustainable Development,[1] and welcoming" in text
    assert "[1] Resolution 70/1." in lines
    assert lines[-1] == "http://testserver/A/79/L.124/"


def test_the_french_plain_text_has_french_sponsors_and_notes(client, sample):
    text = client.get("/A/79/L.124/text.fr.txt").content.decode()
    assert "L’Assemblée générale," in text
    assert "Bélarus, Chine, Fédération de Russie" in text and " et Tadjikistan" in text
    assert "[1] Résolution 70/1." in text
    assert "Recalling" not in text


# Print view


def test_the_print_view_shows_the_document_without_controls(client, sample):
    response = client.get("/A/79/L.124/print/?view=fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="print-view">' in html and 'id="op3"' in html
    assert re.search(r'id="view-fr" value="fr" checked>', html)  # French only, as the switch shows it
    assert '<meta name="robots" content="noindex">' in html
    assert "data-print" in html and 'href="/A/79/L.124/?view=fr"' in html


def test_the_reader_links_to_every_export(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    for href in (
        "/A/79/L.124/print/?view=en-fr",
        "/A/79/L.124/text.en.txt",
        "/A/79/L.124/text.fr.txt",
        "/A/79/L.124/akn.en.xml",
        "/A/79/L.124/akn.fr.xml",
        "/api/documents/A/79/L.124",
    ):
        assert f'href="{href}"' in html
