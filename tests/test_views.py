"""The public pages through Django's test client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reading_room.documents.models import ParagraphText
from reading_room.ingest.importer import import_texts
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_the_index_lists_documents(client, sample):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/A/79/L.124/"' in html
    assert "Cooperation between the United Nations and the Shanghai Cooperation Organization" in html
    assert 'lang="fr"' in html
    assert "28 August 2025" in html
    assert '<td class="count">10</td>' in html


def test_the_index_says_when_there_is_nothing(client, languages):
    assert "No documents yet" in client.get("/").content.decode()


def test_the_reader_shows_both_languages_side_by_side(client, sample):
    response = client.get("/A/79/L.124/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="cell" lang="en" dir="ltr">' in html
    assert '<div class="cell" lang="fr" dir="ltr">' in html
    assert 'id="op3"' in html and 'id="pp31"' in html
    assert "<i>Recalling also</i>" in html
    assert "<i>Rappelant en outre</i>" in html
    assert "The General Assembly," in html and "L’Assemblée générale," in html
    assert "Agenda item" in html and "125 (s)" in html


def test_the_reader_lists_sponsors_in_each_languages_order(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert (
        "Belarus, China, India, Iran (Islamic Republic of), Kazakhstan, Kyrgyzstan, Pakistan, "
        "Russian Federation, Tajikistan and Uzbekistan" in html
    )
    assert (
        "Bélarus, Chine, Fédération de Russie, Inde, Iran (République islamique d’), Kazakhstan, "
        "Kirghizistan, Ouzbékistan, Pakistan et Tadjikistan" in html
    )
    assert "Any changes to the list of sponsors" in html


def test_footnote_references_and_back_links_pair_up(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    for lang in ("en", "fr"):
        assert f'<a id="fnref-{lang}-pp11-2" href="#fn-{lang}-2"' in html
        assert f'id="fn-{lang}-2"' in html
        assert f'href="#fnref-{lang}-pp11-2"' in html
    assert 'href="#fnref-en-pp26-7"' in html and 'href="#fnref-en-pp26-8"' in html


@pytest.mark.parametrize(
    "view, shown, hidden",
    [("fr", ["fr"], ["en"]), ("en", ["en"], ["fr"]), ("fr-en", ["fr", "en"], []), ("nonsense", ["en", "fr"], [])],
)
def test_the_view_switch_chooses_languages_and_their_order(client, sample, view, shown, hidden):
    html = client.get(f"/A/79/L.124/?view={view}").content.decode()
    positions = [html.index('id="pp1"')]
    cells = [html.index(f'<div class="cell" lang="{code}"', positions[0]) for code in shown]
    assert cells == sorted(cells)
    for code in hidden:
        assert f'<div class="cell" lang="{code}"' not in html


def test_the_view_switch_links_work_without_javascript(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert 'href="/A/79/L.124/?view=fr"' in html
    assert 'data-hx-get="/A/79/L.124/?view=fr"' in html


def test_an_htmx_request_gets_only_the_reader(client, sample):
    response = client.get("/A/79/L.124/?view=fr", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<article id="reader"')
    assert "<html" not in html
    assert response["Vary"].count("HX-Request") == 1


def test_the_paragraph_page_shows_one_paragraph_with_its_neighbours(client, sample):
    response = client.get("/A/79/L.124/op3/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="op3"' in html and 'id="op2"' not in html
    assert 'href="/A/79/L.124/op2/"' in html and 'href="/A/79/L.124/op4/"' in html
    assert 'href="/A/79/L.124/#op3"' in html
    assert "<i>Proposes</i>" in html


def test_the_paragraph_page_shows_only_its_own_footnotes(client, sample):
    html = client.get("/A/79/L.124/pp26/").content.decode()
    assert 'id="fn-en-7"' in html and 'id="fn-en-8"' in html and 'id="fn-fr-8"' in html
    assert 'id="fn-en-1"' not in html


def test_the_first_paragraph_has_no_previous_link(client, sample):
    html = client.get("/A/79/L.124/pp1/").content.decode()
    assert 'rel="prev"' not in html and 'href="/A/79/L.124/pp2/"' in html


@pytest.mark.parametrize(
    "url", ["/A/79/L.999/", "/A/79/L.124/op99/", "/A/79/L.124/pp0/", "/nothing-here/", "/A/79/L.124/op3/extra/"]
)
def test_unknown_symbols_and_ids_are_a_proper_404(client, sample, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_post_is_not_allowed_on_the_reader(client, sample):
    assert client.post("/A/79/L.124/").status_code == 405


def test_a_document_without_french_says_it_is_pending(client, languages, sample_en):
    import_texts(en=sample_en)
    html = client.get("/A/79/L.124/").content.decode()
    assert "French version pending" in html


def test_an_edit_shows_on_the_reader_at_once(client, sample):
    assert "de présenter un rapport ;" not in client.get("/A/79/L.124/").content.decode()  # now cached
    text = ParagraphText.objects.get(paragraph__eid="op4", language_id="fr")
    text.text = "Prie le Secrétaire général de présenter un rapport ;"
    text.save()
    assert "de présenter un rapport ;" in client.get("/A/79/L.124/").content.decode()


def test_the_interface_follows_the_browser_language(client, sample):
    html = client.get("/A/79/L.124/", headers={"Accept-Language": "fr"}).content.decode()
    assert '<html lang="fr">' in html
    assert "Notes de bas de page" in html or "Footnotes" not in html


def test_the_interface_language_switch_sets_french(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert 'href="/language/fr/?next=/A/79/L.124/"' in html
    response = client.get("/language/fr/?next=/A/79/L.124/")
    assert response.status_code == 302
    assert response["Location"] == "/A/79/L.124/"
    html = client.get("/A/79/L.124/").content.decode()
    assert '<html lang="fr">' in html
    # the texts shown do not change with the interface
    assert '<div class="cell" lang="en"' in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_reader_query_count_does_not_grow_with_the_document(client, languages):
    make_document("A/80/L.5", preambular=3, operative=2)
    make_document("A/80/L.40", preambular=30, operative=10)
    assert _queries(client, "/A/80/L.5/") == _queries(client, "/A/80/L.40/")


def test_a_cached_reader_needs_one_query(client, sample, django_assert_num_queries):
    client.get("/A/79/L.124/")
    with django_assert_num_queries(1):  # the document, whose last change keys the cached page
        client.get("/A/79/L.124/")
    client.get("/A/79/L.124/op3/")
    with django_assert_num_queries(1):  # a cached page proves its paragraph exists
        client.get("/A/79/L.124/op3/")


def test_the_reader_makes_a_fixed_small_number_of_queries(client, sample, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        client.get("/A/79/L.124/")
    with django_assert_max_num_queries(14):
        client.get("/A/79/L.124/op3/")


def test_pages_carry_a_strict_content_security_policy(client, sample):
    policy = client.get("/A/79/L.124/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_an_unpublished_document_is_invisible(client, sample):
    sample.status = "draft"
    sample.save()
    assert client.get("/A/79/L.124/").status_code == 404
    assert client.get("/A/79/L.124/op3/").status_code == 404
    assert client.get("/api/documents/A/79/L.124").status_code == 404
    assert "A/79/L.124" not in client.get("/").content.decode()


def test_an_unpublished_french_version_shows_as_pending(client, sample):
    sample.texts.filter(language_id="fr").update(published=False)
    sample.save()
    html = client.get("/A/79/L.124/").content.decode()
    assert "French version pending" in html
    assert "Rappelant" not in html
    assert "Rappelant" not in client.get("/A/79/L.124/?view=fr").content.decode()
    assert client.get("/api/documents/A/79/L.124").json()["languages"] == ["en"]


def test_documents_mentioned_in_footnotes_are_links(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert 'href="https://undocs.org/A/RES/70/1"' in html or 'href="https://undocs.org/en/A/RES/70/1"' in html
    assert 'href="https://undocs.org/fr/A/79/807-S/2025/132"' in html
