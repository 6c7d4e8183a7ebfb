"""The public pages through Django's test client."""

import re

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


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_reader_lists_sponsors_in_each_languages_order(client, sample):
    html = _text(client.get("/A/79/L.124/").content.decode())
    assert (
        "Belarus, China, India, Iran (Islamic Republic of), Kazakhstan, Kyrgyzstan, Pakistan, "
        "Russian Federation, Tajikistan and Uzbekistan" in html
    )
    assert (
        "Bélarus, Chine, Fédération de Russie, Inde, Iran (République islamique d’), Kazakhstan, "
        "Kirghizistan, Ouzbékistan, Pakistan et Tadjikistan" in html
    )
    assert "Any changes to the list of sponsors" in html
    # the line ends as the document's does, in each language
    assert "Uzbekistan:* draft resolution" in html
    assert "Tadjikistan : projet de résolution" in html  # no French sponsor note: no star either


def test_sponsor_names_link_to_their_state(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert '<a href="/sponsors/KGZ/">Kyrgyzstan</a>' in html
    assert '<a href="/sponsors/KGZ/">Kirghizistan</a>' in html


def test_the_masthead_reads_like_the_document_in_each_language(client, sample):
    html = _text(client.get("/A/79/L.124/").content.decode())
    for line in ("General Assembly", "Distr.: Limited", "28 August 2025", "Original: English", "Seventy-ninth session"):
        assert line in html
    for line in ("Assemblée générale", "Distr. limitée", "28 août 2025", "Original : anglais"):
        assert line in html
    assert "Soixante-dix-neuvième session" in html
    assert "Agenda item 125 (s)" in html and "Point 125 s) de l’ordre du jour" in html
    # the French text has no agenda title nor sponsor note: said, not filled with the English
    assert "The title of the agenda item is missing in French." in html
    assert "The note on the sponsors is missing in French." in html
    assert html.count("Any changes to the list of sponsors") == 1
    assert "Last updated" not in html and "Text last corrected" in html


def test_an_adopted_resolution_says_when_and_where(client, languages):
    from datetime import date

    make_document(
        "A/RES/80/11",
        kind="resolution",
        distribution="general",
        session=80,
        date=date(2025, 12, 1),
        adopted=date(2025, 11, 26),
        meeting=45,
        draft="A/80/L.15",
    )
    html = _text(client.get("/A/RES/80/11/").content.decode())
    assert "Resolution adopted by the General Assembly on 26 November 2025" in html
    assert "Résolution adoptée par l’Assemblée générale le 26 novembre 2025" in html
    assert "[without reference to a Main Committee (A/80/L.15)]" in html
    assert "45th plenary meeting" in html and "45e séance plénière" in html
    assert "Eightieth session" in html and "Quatre-vingtième session" in html
    assert "Adopted from the draft A/80/L.15" in " ".join(html.split())


def test_a_draft_links_to_the_resolution_it_became(client, languages):
    make_document("A/80/L.15", kind="draft_resolution")
    make_document("A/RES/80/11", kind="resolution", draft="A/80/L.15")
    html = client.get("/A/80/L.15/").content.decode()
    assert 'Adopted as <a href="/A/RES/80/11/">A/RES/80/11</a>' in html
    html = client.get("/A/RES/80/11/").content.decode()
    assert '<a href="/A/80/L.15/">A/80/L.15</a>' in html


def test_footnote_references_and_back_links_pair_up(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    for lang in ("en", "fr"):
        assert f'<a id="fnref-{lang}-pp11-2" href="#fn-{lang}-2"' in html
        assert f'id="fn-{lang}-2"' in html
    # the way back lands on the citing paragraph, whole and highlighted (:target), not mid-line
    assert '<a class="backref" href="#pp11" aria-label="Back to pp11">' in html
    assert 'href="#pp26" aria-label="Back to pp26"' in html


@pytest.mark.parametrize("view, checked", [("fr", "fr"), ("en", "en"), ("fr-en", "fr-en"), ("nonsense", "en-fr")])
def test_the_view_switch_starts_on_the_view_asked_for(client, sample, view, checked):
    """Every language is in the page; the switch (radio buttons CSS reads) shows and orders them,
    so switching needs no request: the place, the #fragment and the focus stay."""
    html = client.get(f"/A/79/L.124/?view={view}", follow=True).content.decode()  # nonsense: redirected
    assert re.search(rf'<input type="radio" name="view" id="view-{checked}" value="{checked}" checked>', html)
    assert html.count(" checked>") == 1
    row = html.index('id="pp1"')
    assert html.index('<div class="cell" lang="en"', row) < html.index('<div class="cell" lang="fr"', row)


def test_the_go_to_box_works_without_javascript(client, sample):
    assert client.get("/A/79/L.124/?go=3")["Location"] == "/A/79/L.124/#op3"
    assert client.get("/A/79/L.124/?go=12")["Location"] == "/A/79/L.124/#pp12"  # no op12
    assert client.get("/A/79/L.124/?go=PP+3&view=fr")["Location"] == "/A/79/L.124/?view=fr#pp3"
    response = client.get("/A/79/L.124/?go=99")
    assert response.status_code == 200
    assert "No paragraph “99” in this document." in response.content.decode()


def test_the_outline_lists_the_parts_and_their_paragraphs(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    outline = html[html.index('<nav class="outline-panel"') : html.index("</nav>", html.index("outline-panel"))]
    assert '<a class="outline-part" href="#part-preamble">Preamble</a>' in outline
    assert '<a class="outline-part" href="#part-operative">Operative part</a>' in outline
    assert outline.count('href="#pp') == 31 and outline.count('href="#op') == 5
    assert '<section class="part part-pream" id="part-preamble" aria-labelledby="part-preamble-h">' in html


def test_headings_and_annexes_make_their_own_parts(client, languages):
    from tests.factories import make_texts_document

    en = {"en": ("", "text")}
    make_texts_document(
        "A/RES/80/3",
        [
            ("pp1", "preambular", en),
            ("sec1", "heading", {"en": ("", "Peacebuilding Commission")}),
            ("op1", "operative", en),
            ("op1.a", "subparagraph", en),
            ("annex1", "heading", {"en": ("", "Annex")}),
            ("annex1.title", "heading", {"en": ("", "Awaza Political Declaration")}),
            ("annex1.pp1", "annex", en),
            ("annex1.sec2", "heading", {"en": ("", "II. Priorities")}),
            ("annex1.para3", "annex", en),
            ("annex1.para3.a", "annex", en),
        ],
    )
    html = client.get("/A/RES/80/3/").content.decode()
    outline = html[html.index('<nav class="outline-panel"') : html.index("</nav>", html.index("outline-panel"))]
    assert 'href="#part-annex1">Annex 1: Awaza Political Declaration</a>' in outline
    assert '<a class="outline-heading" href="#sec1">Peacebuilding Commission</a>' in outline
    assert '<a class="outline-heading" href="#annex1.sec2">II. Priorities</a>' in outline
    assert 'href="#annex1.para3"' in outline and 'href="#annex1.para3.a"' not in outline
    assert 'href="#op1.a"' not in outline
    assert '<h3 class="text-heading">Peacebuilding Commission</h3>' in html
    assert html.index('id="part-annex1"') < html.index('id="annex1.pp1"')


@pytest.mark.parametrize(
    "url, target",
    [
        ("/a/79/l.124/", "/A/79/L.124/"),
        ("/A/79/L.124", "/A/79/L.124/"),
        ("/A/79/L.124/3/", "/A/79/L.124/op3/"),
        ("/A/79/L.124/OP3/", "/A/79/L.124/op3/"),
        ("/a/79/l.124/pp12/", "/A/79/L.124/pp12/"),
        ("/A/79/L.124/12/", "/A/79/L.124/pp12/"),
        ("/A-79-L.124/", "/A/79/L.124/"),
        ("/fr/A/79/L.124/", "/A/79/L.124/?view=fr"),
    ],
)
def test_forgiving_addresses_redirect_to_the_canonical_one(client, sample, url, target):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == target


@pytest.mark.parametrize("url", ["/a/79/l.999/", "/A/79/L.124/99/", "/a79l124/", "/A/79/L.124/op3/x/y/"])
def test_forgiving_addresses_still_say_not_found(client, sample, url):
    assert client.get(url).status_code == 404


def test_the_document_list_says_what_each_document_is(client, languages):
    from datetime import date

    make_document("A/80/L.15", kind="draft_resolution", session=80, agenda_item="62", date=date(2025, 11, 20))
    make_document("A/RES/80/11", kind="resolution", draft="A/80/L.15", session=80, date=date(2025, 12, 1))
    make_document("A/80/L.16", kind="draft_resolution", session=80, languages=("en",))
    html = _text(client.get("/").content.decode())
    assert "Draft resolution · General Assembly · 80th session · agenda item 62 · EN FR" in " ".join(html.split())
    assert "Adopted as A/RES/80/11" in html
    assert "Resolution · General Assembly · 80th session · EN FR" in " ".join(html.split())
    assert "A/80/L.16" in html and "Draft resolution · General Assembly · 80th session · EN" in " ".join(html.split())


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
    with django_assert_max_num_queries(15):  # 14, and the resolution this draft became
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
