"""Splitting and merging paragraphs keeps every other id, and old links keep landing."""

import pytest

from reading_room.documents import restructure
from reading_room.documents.models import Paragraph, ParagraphText

pytestmark = pytest.mark.django_db


def eids(document):
    return list(document.paragraphs.values_list("eid", flat=True))


def test_a_split_adds_a_bis_paragraph_and_renames_nothing(sample):
    before = eids(sample)
    pp11 = Paragraph.objects.get(document=sample, eid="pp11")
    texts = {t.language_id: t.text for t in pp11.texts.all()}
    marked = {
        "en": texts["en"].replace("Organization, upholding", "Organization,‖ upholding"),
        "fr": texts["fr"].replace("coopération, fidèles", "coopération,‖ fidèles"),
    }
    new = restructure.split(pp11, marked)
    assert new.eid == "pp11bis"
    after = eids(sample)
    assert after == [*before[:11], "pp11bis", *before[11:]]
    tail = ParagraphText.objects.get(paragraph=new, language_id="en")
    assert tail.text.startswith("upholding the")
    [(offset, number)] = tail.get_calls()
    assert number == "2"  # the call went with its words
    assert tail.text[:offset].endswith("Shanghai Cooperation Organization,")


def test_a_split_needs_one_mark_in_every_language_and_no_other_change(sample):
    pp1 = Paragraph.objects.get(document=sample, eid="pp1")
    with pytest.raises(restructure.RestructureError):
        restructure.split(pp1, {"en": "no mark", "fr": "pas de marque"})
    assert eids(sample)[:2] == ["pp1", "pp2"]


def test_a_merge_keeps_the_merged_id_as_an_alias(client, sample):
    pp25 = Paragraph.objects.get(document=sample, eid="pp25")
    restructure.merge_with_next(pp25)
    assert "pp26" not in eids(sample) and "pp27" in eids(sample)
    merged = ParagraphText.objects.get(paragraph=pp25, language_id="en")
    assert "League of Arab States," in merged.text
    assert sorted(number for _offset, number in merged.get_calls()) == ["7", "8"]
    response = client.get("/A/79/L.124/pp26/")
    assert response.status_code == 301 and response["Location"] == "/A/79/L.124/pp25/"
    assert 'id="pp26" class="alias"' in client.get("/A/79/L.124/").content.decode()


def test_merging_the_last_paragraph_is_refused(sample):
    with pytest.raises(restructure.RestructureError):
        restructure.merge_with_next(Paragraph.objects.get(document=sample, eid="op5"))


def test_the_split_page_works_in_the_admin(admin_client, sample):
    pp1 = Paragraph.objects.get(document=sample, eid="pp1")
    page = admin_client.get(f"/admin/documents/paragraph/{pp1.pk}/split/").content.decode()
    assert "pp1bis" in page
    texts = {t.language_id: t.text for t in pp1.texts.all()}
    response = admin_client.post(
        f"/admin/documents/paragraph/{pp1.pk}/split/",
        {
            "text_en": texts["en"].replace(" and solving", "‖ and solving"),
            "text_fr": texts["fr"].replace(" et du règlement", "‖ et du règlement"),
        },
    )
    assert response.status_code == 302
    assert "pp1bis" in eids(sample)
