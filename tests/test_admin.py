"""The editors' admin: login required, edits reach the reader."""

import re

import pytest

from reading_room.documents.models import Paragraph, ParagraphText

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login_page(client, sample):
    response = client.get("/admin/documents/document/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_document_page_shows_texts_sponsors_and_paragraphs(editor_client, sample):
    response = editor_client.get(f"/admin/documents/document/{sample.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A/79/L.124" in html and "pp31" in html and "Belarus" in html


def paragraph_post_data(paragraph, **changes):
    """What the bilingual paragraph form posts, as the page rendered it, plus `changes`."""
    from reading_room.documents.forms import ParagraphForm

    form = ParagraphForm(instance=paragraph)
    data = {name: form[name].value() for name in form.fields if name != "eid"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_an_editor_edits_the_french_of_op4_and_the_reader_shows_it(editor_client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="op4")
    url = f"/admin/documents/paragraph/{paragraph.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert 'name="text_en"' in page and 'name="text_fr"' in page
    new = "Prie le Secrétaire général de lui présenter à sa quatre-vingt-unième session un rapport ;"
    response = editor_client.post(url, paragraph_post_data(paragraph, text_fr=new, lead_fr="Prie"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ParagraphText.objects.get(paragraph=paragraph, language_id="fr").text == new
    html = editor_client.get("/A/79/L.124/").content.decode()
    assert "<i>Prie</i> le Secrétaire général de lui présenter à sa quatre-vingt-unième session" in html


def test_footnote_calls_are_edited_inline(editor_client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="pp11")
    data = paragraph_post_data(paragraph)
    assert data["text_en"].endswith("Shanghai Cooperation Organization,[^2]")
    data["text_en"] = "Recognizing[^2] the efforts of the States members,"
    response = editor_client.post(f"/admin/documents/paragraph/{paragraph.pk}/change/", data)
    assert response.status_code == 302
    text = ParagraphText.objects.get(paragraph=paragraph, language_id="en")
    assert text.text == "Recognizing the efforts of the States members,"
    assert text.get_calls() == [(len("Recognizing"), "2")]


def test_an_unknown_footnote_call_is_refused(editor_client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="pp1")
    data = paragraph_post_data(paragraph, text_en="Recalling that[^42] one of the objectives,")
    response = editor_client.post(f"/admin/documents/paragraph/{paragraph.pk}/change/", data)
    assert response.status_code == 200
    assert "No footnote 42 in this document." in response.content.decode()


def test_the_second_of_two_editors_is_told_the_text_changed(editor_client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="op4")
    url = f"/admin/documents/paragraph/{paragraph.pk}/change/"
    first = paragraph_post_data(paragraph, text_fr="Prie le Secrétaire général (première version) ;")
    second = paragraph_post_data(paragraph, text_fr="Prie le Secrétaire général (seconde version) ;")
    assert editor_client.post(url, first).status_code == 302
    response = editor_client.post(url, second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone saved this" in html
    assert "(seconde version)" in html and "(première version)" in html  # both versions shown
    assert ParagraphText.objects.get(paragraph=paragraph, language_id="fr").text.endswith("(première version) ;")


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    return len(ctx), page


def test_the_document_page_edits_paragraphs_side_by_side(editor_client, sample):
    url = f"/admin/documents/document/{sample.pk}/change/"
    queries, page = _count_queries(editor_client, url)
    assert 'name="paragraphs-0-text_en"' in page and 'name="paragraphs-35-text_fr"' in page
    sample.paragraphs.filter(position__gt=6).delete()
    fewer, page = _count_queries(editor_client, url)
    assert 'name="paragraphs-35-text_fr"' not in page
    assert queries == fewer  # not one query per paragraph


def test_an_editor_uploads_a_pair_in_the_admin(editor_client, languages, sample_en, sample_fr):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        "/admin/documents/document/import/",
        {
            "en": SimpleUploadedFile("a.en.txt", sample_en.encode()),
            "fr": SimpleUploadedFile("a.fr.txt", sample_fr.encode()),
        },
    )
    assert response.status_code == 302
    assert Paragraph.objects.filter(document__symbol="A/79/L.124").count() == 36


def test_a_bad_upload_is_refused_with_a_message(editor_client, languages):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        "/admin/documents/document/import/",
        {
            "en": SimpleUploadedFile("a.en.txt", b"\x00\x01binary"),
        },
        follow=True,
    )
    assert "binary" in response.content.decode()
    assert not Paragraph.objects.exists()


def test_state_autocomplete_finds_states_by_name(editor_client, sample):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Kirghiz", "app_label": "documents", "model_name": "sponsorship", "field_name": "state"},
    )
    assert response.status_code == 200
    assert any("KGZ" in r["text"] for r in response.json()["results"])


def changelist_rows(page: str) -> list[str]:
    """The paragraphs a changelist shows, as their links' text."""
    return re.findall(r'<th class="field-document"><a href="[^"]+">([^<]+)</a>', page)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Douchanbe", {"pp18"}),  # the French text, accent left out
        ("Dushanbe", {"pp18"}),
        ("coopérer réunion Douchanbé", {"pp18"}),  # stemmed like the site's search: coopération
        ("op3", {"op3"}),  # a paragraph id, as before
        ("bananas", set()),
    ],
)
def test_the_paragraph_list_finds_paragraphs_by_their_words_in_any_language(editor_client, sample, words, expected):
    response = editor_client.get("/admin/documents/paragraph/", {"q": words})
    assert response.status_code == 200
    assert {p.eid for p in response.context["cl"].result_list} == expected


def test_the_paragraph_search_keeps_the_list_filters(editor_client, sample):
    words = {"q": "Shanghai Cooperation Organization"}
    everywhere = editor_client.get("/admin/documents/paragraph/", words).context["cl"].result_list
    operative = editor_client.get("/admin/documents/paragraph/", {**words, "kind__exact": "operative"})
    kept = {p.eid for p in operative.context["cl"].result_list}
    assert kept == {p.eid for p in everywhere if p.kind == "operative"} and kept and len(kept) < len(everywhere)


@pytest.mark.parametrize("words", ["'", "&", ":*", '"', "a" * 10_000, "Ш" * 20])
def test_the_paragraph_search_takes_any_input(editor_client, sample, words):
    assert editor_client.get("/admin/documents/paragraph/", {"q": words}).status_code == 200


def test_admin_lists_offer_recent_documents_not_every_one(editor_client, sample, monkeypatch):
    from reading_room.documents.admin import DocumentFilter
    from tests.factories import make_document

    monkeypatch.setattr(DocumentFilter, "RECENT", 2)
    for n in range(3):
        make_document(f"A/80/L.{n}")

    def offered(response) -> list[str]:
        spec = next(f for f in response.context["cl"].filter_specs if isinstance(f, DocumentFilter))
        return [symbol for _pk, symbol in spec.lookup_choices]

    assert offered(editor_client.get("/admin/documents/paragraph/")) == ["A/80/L.2", "A/80/L.1"]
    # a document chosen from elsewhere (its own page's link) is offered too, and applied
    chosen = editor_client.get(f"/admin/documents/paragraph/?document__id__exact={sample.pk}")
    assert offered(chosen) == ["A/79/L.124", "A/80/L.2", "A/80/L.1"]
    assert {p.document_id for p in chosen.context["cl"].result_list} == {sample.pk}
    for bad in ("x", "²", "9" * 40):
        response = editor_client.get("/admin/documents/paragraph/", {"document__id__exact": bad})
        assert response.status_code == 200 and not response.context["cl"].result_list


def test_admin_lists_make_the_same_queries_whatever_their_length(editor_client, sample, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # 100 corrections a page; not one query per row
        assert editor_client.get("/admin/ingest/correction/").status_code == 200
    with django_assert_max_num_queries(12):
        assert editor_client.get("/admin/documents/paragraph/?q=Dushanbe").status_code == 200


def test_the_document_page_makes_the_same_queries_whatever_its_sponsors(editor_client, languages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reading_room.documents.models import Sponsorship
    from tests.factories import make_document, make_state

    document = make_document("A/80/L.7")  # sponsored by one State
    url = f"/admin/documents/document/{document.pk}/change/"
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    for n, iso3 in enumerate(["AAA", "BBB", "CCC", "DDD", "EEE"], start=1):
        Sponsorship.objects.create(
            document=document, state=make_state(iso3, f"State {iso3}", f"État {iso3}"), position=n
        )
    with CaptureQueriesContext(connection) as six:
        page = editor_client.get(url).content.decode()
    assert len(six) == len(one)
    assert (
        '<option value="{}" selected>State CCC (CCC)</option>'.format(
            Sponsorship.objects.get(state__iso3="CCC").state_id
        )
        in page
    )
