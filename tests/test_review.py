"""Machine corrections: recorded at import, reviewed by editors, shown on the reader until then."""

import pytest
from django.contrib.auth.models import User

from reading_room.documents.models import ParagraphText
from reading_room.ingest.importer import import_texts
from reading_room.ingest.models import Correction, ImportReport
from reading_room.ingest.review import ReviewConflict, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return User.objects.create_user("reviewer", password="a-long-password-1")


def test_every_french_change_is_recorded_with_its_rule_and_place(sample):
    corrections = Correction.objects.filter(document=sample, language_id="fr", kind="change")
    assert corrections.count() > 100
    for c in corrections.select_related("paragraph_text")[:50]:
        if c.paragraph_text:
            assert c.paragraph_text.text[c.start : c.end] == c.replacement
        assert c.rule and c.original != c.replacement
    assert not Correction.objects.filter(language_id="en", kind="change").exists()


def test_rejecting_a_correction_restores_the_ocr_reading_and_moves_footnote_calls(sample, editor):
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="pp11", language_id="fr")
    [(call, number)] = text.get_calls()
    correction = Correction.objects.filter(paragraph_text=text, kind="change", end__lte=call).first()
    before = text.text
    decide(correction, Correction.Status.REJECTED, editor)
    text.refresh_from_db()
    delta = len(correction.original) - len(correction.replacement)
    assert text.text == before[: correction.start] + correction.original + before[correction.end :]
    assert text.get_calls() == [(call + delta, number)]
    correction.refresh_from_db()
    assert correction.status == "rejected" and correction.reviewed_by == editor


def test_an_edit_replaces_the_words_with_the_editors(sample, editor):
    correction = Correction.objects.filter(
        document=sample, language_id="fr", kind="change", paragraph_text__isnull=False
    ).first()
    decide(correction, Correction.Status.EDITED, editor, replacement="XYZ")
    correction.refresh_from_db()
    assert correction.paragraph_text.text[correction.start : correction.end] == "XYZ"
    assert correction.final == "XYZ" and correction.status == "edited"


def test_a_decision_on_text_edited_since_is_refused(sample, editor):
    correction = Correction.objects.filter(
        document=sample, language_id="fr", kind="change", paragraph_text__isnull=False
    ).first()
    text = correction.paragraph_text
    text.text = "Texte entièrement réécrit."
    text.save()
    with pytest.raises(ReviewConflict):
        decide(correction, Correction.Status.REJECTED, editor)
    text.refresh_from_db()
    assert text.text == "Texte entièrement réécrit."


def test_the_reader_shows_the_review_marker_until_all_are_decided(client, sample, editor):
    assert "machine-corrected, under review" in client.get("/A/79/L.124/").content.decode()
    for c in Correction.objects.filter(document=sample):
        decide(c, Correction.Status.ACCEPTED, editor)
    assert "machine-corrected, under review" not in client.get("/A/79/L.124/").content.decode()


def test_a_reimport_keeps_an_editors_text_and_says_so(sample, sample_en, sample_fr):
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op4", language_id="fr")
    text.text = "Prie le Secrétaire général de présenter un rapport (corrigé à la main) ;"
    text.save()
    other = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op3", language_id="fr")
    other_before = other.text
    result = import_texts(en=sample_en, fr=sample_fr)
    text.refresh_from_db()
    other.refresh_from_db()
    assert text.text.endswith("(corrigé à la main) ;")
    assert other.text == other_before
    assert "op4 [fr]" in result.report.data["kept_edits"]
    assert any("op4 [fr]" in w for w in result.warnings)


def test_a_reimport_keeps_review_decisions(sample, sample_en, sample_fr, editor):
    correction = Correction.objects.filter(document=sample, kind="change").first()
    decide(correction, Correction.Status.ACCEPTED, editor)
    import_texts(en=sample_en, fr=sample_fr)
    assert Correction.objects.filter(document=sample, status="accepted").count() == 1
    assert (
        Correction.objects.filter(document=sample).count()
        == Correction.objects.filter(document=sample).values("location", "start", "rule").distinct().count()
    )


def test_the_import_report_counts_and_checks(sample):
    report = ImportReport.objects.get(document=sample)
    assert report.data["counts"]["en"]["preambular"] == 31
    assert report.data["counts"]["fr"]["footnotes"] == 8
    assert report.data["mismatches"] == []
    assert report.data["uncited"] == {}
    assert report.data["unresolved_sponsors"] == []
    assert {(a["language"], a["eid"]) for a in report.data["aligned"]} == {("fr", "pp9"), ("en", "pp20")}


def test_the_report_catches_numbers_that_differ_between_languages(languages, sample_en, sample_fr):
    result = import_texts(en=sample_en, fr=sample_fr.replace("59/48", "59/84"))
    assert result.report.data["mismatches"] == [{"eid": "pp3", "only_en": ["59/48"], "only_fr": ["59/84"]}]


def test_the_review_queue_is_login_only_and_lists_corrections(client, sample):
    assert client.get("/admin/ingest/correction/").status_code == 302
    admin = User.objects.create_superuser("boss", "b@example.org", "a-long-password-1")
    client.force_login(admin)
    html = client.get(f"/admin/ingest/correction/?document__id__exact={sample.pk}").content.decode()
    assert "<mark title=" in html


def test_the_review_queue_accepts_in_bulk(client, sample):
    admin = User.objects.create_superuser("boss", "b@example.org", "a-long-password-1")
    client.force_login(admin)
    ids = list(Correction.objects.filter(document=sample).values_list("pk", flat=True)[:5])
    response = client.post("/admin/ingest/correction/", {"action": "accept", "_selected_action": ids})
    assert response.status_code == 302
    assert Correction.objects.filter(pk__in=ids, status="accepted").count() == 5
