"""Mentions of other UN documents: detected in both languages, linked, stored for "cited by"."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reading_room.documents.crossrefs import record_references
from reading_room.documents.models import Document, ParagraphText, Reference
from reading_room.documents.references import find_mentions, undocs_url
from tests.factories import make_document

LIST_EN = (
    "Recalling its resolutions 64/183 of 18 December 2009, 65/124 of 13 December 2010, 67/15 of "
    "19 November 2012, 69/11 of 11 November 2014, 71/14 of 21 November 2016, 73/334 of 30 August 2019, "
    "75/268 of 25 March 2021 and 77/338 of 1 September 2023 on cooperation between the United Nations"
)
LIST_FR = (
    "Rappelant en outre ses résolutions 64/183 du 18 décembre 2009, 65/124 du 13 décembre 2010, 67/15 du "
    "19 novembre 2012, 69/11 du 11 novembre 2014, 71/14 du 21 novembre 2016, 73/334 du 30 août 2019, "
    "75/268 du 25 mars 2021 et 77/338 du 1er septembre 2023 sur la coopération"
)
LIST_SYMBOLS = [f"A/RES/{n}" for n in ("64/183", "65/124", "67/15", "69/11", "71/14", "73/334", "75/268", "77/338")]


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.key) for m in find_mentions(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Recalling further its resolution 59/48 of 2 December 2004, by which", [("59/48", "A/RES/59/48")]),
        ("Rappelant également sa résolution 59/48 du 2 décembre 2004, par laquelle", [("59/48", "A/RES/59/48")]),
        ("in this regard recalling its resolution 61/210 of 20 December 2006, in which", [("61/210", "A/RES/61/210")]),
        ("Recalling that, in its resolution 77/338, it noted", [("77/338", "A/RES/77/338")]),
        ("Rappelant que, dans sa résolution 77/338, elle avait noté", [("77/338", "A/RES/77/338")]),
        ("Resolution 70/1.", [("70/1", "A/RES/70/1")]),
        ("Résolution 70/1.", [("70/1", "A/RES/70/1")]),
        ("Resolution 60/288.", [("60/288", "A/RES/60/288")]),
        ("Résolution 60/288.", [("60/288", "A/RES/60/288")]),
        ("Resolution S-30/1, annex.", [("S-30/1", "A/RES/S-30/1")]),
        ("Résolution S-30/1, annexe.", [("S-30/1", "A/RES/S-30/1")]),
        ("See A/79/807-S/2025/132.", [("A/79/807-S/2025/132", "A/79/807-S/2025/132")]),
        ("Voir A/79/807-S/2025/132.", [("A/79/807-S/2025/132", "A/79/807-S/2025/132")]),
        ("Security Council resolution 2719 (2023)", [("2719 (2023)", "S/RES/2719(2023)")]),
        (
            "see S/RES/2720 (2023) and A/RES/79/1",
            [("S/RES/2720 (2023)", "S/RES/2720(2023)"), ("A/RES/79/1", "A/RES/79/1")],
        ),
        ("resolution 217 A (III)", [("217 A (III)", "A/RES/217(III)")]),
        ("resolution ES-10/21 of", [("ES-10/21", "A/RES/ES-10/21")]),
    ],
)
def test_it_finds_every_citation_form_of_the_sample(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [LIST_EN, LIST_FR])
def test_it_follows_a_list_of_resolutions_with_their_dates(text):
    assert [key for _t, key in found(text)] == LIST_SYMBOLS


def test_lettered_resolutions_do_not_break_the_list():
    text = "Recalling its resolutions 45/58 P of 4 December 1990, 46/36 I of 6 December 1991, 36/87 A and B of "
    text += "9 December 1981 and 79/40 of 2 December 2024 on regional disarmament,"
    assert [key for _t, key in found(text)] == ["A/RES/45/58", "A/RES/46/36", "A/RES/36/87", "A/RES/79/40"]


def test_it_keeps_the_ocr_dates_of_the_french_sample_from_breaking_the_list():
    text = '75/268 du 25 mars 2021 et 77/338 du\n1¢" septembre 2023 sur la coopération'
    assert [key for _t, key in found("ses résolutions 73/334 du 30 aoGt 2019, " + text)] == [
        "A/RES/73/334",
        "A/RES/75/268",
        "A/RES/77/338",
    ]


def test_it_marks_an_annex():
    (mention,) = find_mentions("Resolution S-30/1, annex.")
    assert mention.part == "annex"
    (mention,) = find_mentions("Resolution 70/1.")
    assert mention.part == ""


@pytest.mark.parametrize(
    "text",
    [
        "for the 2025–2026 term",
        "for the 2025-2026 term",
        "United Nations, Treaty Series, vol. 2896, No. 50518.",
        "Ibid., vol. 729, No. 10485.",
        "Nations Unies, Recueil des Traités, vol. 2896, n° 50518.",
        "held on 31 August and 1 September 2025",
        "the twenty-fourth meeting, held in Astana on 4 July 2024",
        "a ratio of 59/48 without the word",
        "S/he and A/an",
        "articles I and II of the Treaty",
        "the present resolution;",
    ],
)
def test_it_finds_nothing_in_dates_volumes_and_plain_text(text):
    assert found(text) == []


def test_undocs_addresses_are_per_language():
    assert undocs_url("A/RES/59/48") == "https://undocs.org/A/RES/59/48"
    assert undocs_url("A/RES/59/48", "fr") == "https://undocs.org/fr/A/RES/59/48"
    assert undocs_url("S/RES/2719 (2023)", "en") == "https://undocs.org/en/S/RES/2719(2023)"


# Stored references and "cited by"

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_an_import_records_what_the_document_cites(sample):
    stored = set(Reference.objects.values_list("paragraph__eid", "target"))
    assert ("pp3", "A/RES/59/48") in stored
    assert {("pp4", key) for key in LIST_SYMBOLS} <= stored
    assert ("pp12", "A/RES/77/338") in stored
    assert ("pp27", "A/RES/61/210") in stored
    # through the footnotes the paragraphs call
    assert ("pp9", "A/RES/70/1") in stored
    assert ("pp15", "A/RES/60/288") in stored
    assert ("pp16", "A/RES/S-30/1") in stored
    assert ("pp20", "A/79/807-S/2025/132") in stored


@pytestmark_db
def test_recording_twice_changes_nothing(sample):
    before = sorted(Reference.objects.values_list("paragraph_id", "target"))
    assert record_references(sample) == len(before)
    assert sorted(Reference.objects.values_list("paragraph_id", "target")) == before


@pytestmark_db
def test_the_rebuild_command_records_every_document(sample):
    Reference.objects.all().delete()
    out = StringIO()
    call_command("rebuild_references", stdout=out)
    assert Reference.objects.filter(target="A/RES/59/48").exists()
    assert "1 documents" in out.getvalue()


@pytestmark_db
def test_the_reader_links_mentions_to_undocs_in_the_texts_language(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert (
        '<a class="xref" href="https://undocs.org/en/A/RES/59/48" title="A/RES/59/48" rel="external">59/48</a>' in html
    )
    assert (
        '<a class="xref" href="https://undocs.org/fr/A/RES/59/48" title="A/RES/59/48" rel="external">59/48</a>' in html
    )
    for key in LIST_SYMBOLS:
        assert f'href="https://undocs.org/en/{key}"' in html and f'href="https://undocs.org/fr/{key}"' in html


@pytestmark_db
def test_a_held_document_is_linked_here_instead(client, sample):
    make_document("A/RES/77/338")
    html = client.get("/A/79/L.124/").content.decode()
    assert '<a class="xref" href="/A/RES/77/338/" title="A/RES/77/338">77/338</a>' in html
    assert "https://undocs.org/en/A/RES/77/338" not in html


@pytestmark_db
def test_an_unpublished_document_is_not_linked(client, sample):
    make_document("A/RES/77/338", status=Document.Status.DRAFT)
    html = client.get("/A/79/L.124/").content.decode()
    assert 'href="/A/RES/77/338/"' not in html


@pytestmark_db
def test_a_document_shows_who_cites_it(client, sample):
    make_document("A/RES/77/338")
    html = client.get("/A/RES/77/338/").content.decode()
    assert "Cited by" in html
    assert '<a href="/A/79/L.124/">A/79/L.124</a>' in html
    assert '<a href="/A/79/L.124/pp4/">pp4</a>' in html and '<a href="/A/79/L.124/pp12/">pp12</a>' in html


@pytestmark_db
def test_cited_by_leaves_out_unpublished_documents(client, sample):
    make_document("A/RES/77/338")
    sample.status = Document.Status.DRAFT
    sample.save()
    assert "Cited by" not in client.get("/A/RES/77/338/").content.decode()


@pytestmark_db
def test_importing_a_cited_document_refreshes_cached_pages(client, sample):
    assert "https://undocs.org/en/A/RES/77/338" in client.get("/A/79/L.124/").content.decode()  # now cached
    cited = make_document("A/RES/77/338")
    Reference.objects.all().delete()
    assert "Cited by" not in client.get("/A/RES/77/338/").content.decode()  # now cached
    record_references(sample)  # what an import of the sample does: the cited page shows it
    assert "Cited by" in client.get("/A/RES/77/338/").content.decode()
    record_references(cited)  # what an import of 77/338 does: pages citing it now link here
    assert 'href="/A/RES/77/338/"' in client.get("/A/79/L.124/").content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytestmark_db
def test_links_cost_one_query_however_many_mentions(client, languages):
    small = make_document("A/80/L.5", preambular=3, operative=2)
    large = make_document("A/80/L.40", preambular=30, operative=10)
    make_document("A/RES/70/1")
    make_document("A/RES/71/1")
    ParagraphText.objects.filter(paragraph__document=small).update(text="Recalling its resolution 70/1,")
    ParagraphText.objects.filter(paragraph__document=large).update(
        text="Recalling its resolutions 70/1, 71/1, 72/1 and 73/1 and A/80/807-S/2026/1,"
    )
    for document in (small, large):
        record_references(document)
    assert _queries(client, "/A/80/L.5/") == _queries(client, "/A/80/L.40/")
    assert 'href="/A/RES/71/1/"' in client.get("/A/80/L.40/").content.decode()
