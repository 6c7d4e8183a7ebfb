"""Real adopted resolutions (sample/ga-80), in both forms users bring them, imported and
compared with what people wrote down they contain: every unit's id, kind, number, first and last
words, every footnote call and where it falls, every footnote, the masthead's facts, and no page
furniture left in any paragraph."""

from pathlib import Path

import pytest

from reading_room.ingest.importer import import_texts, read_path
from tests.corpus_check import CORPUS, EXPECTED, differences, expected_for, from_document, uncited

TEXTS = sorted((CORPUS / "ga-80").glob("*.en.txt"))


def test_the_corpus_holds_both_forms_of_every_resolution_and_their_expected_data():
    names = {p.name.split(".")[0] for p in TEXTS}
    assert len(names) == 14
    for name in names:
        assert (CORPUS / "ga-80" / f"{name}.pdftext.en.txt").exists()
        assert (CORPUS / "ga-80" / f"{name}.reflowed.en.txt").exists()
        assert (EXPECTED / "ga-80" / "expected" / f"{name}.json").exists()


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name.removesuffix(".en.txt"))
def test_it_imports_a_real_resolution_exactly(db, languages, path: Path):
    expected = expected_for(path)
    result = import_texts(en=read_path(path))
    got = from_document(result.document, "en")
    assert differences(got, expected) == []
    assert uncited(got) == []


def test_both_forms_of_a_resolution_import_as_the_same_document(db, languages):
    """The raw and the re-flowed extraction of one PDF: the second import updates the first in place."""
    first = import_texts(en=read_path(CORPUS / "ga-80" / "a-res-80-11.pdftext.en.txt"))
    second = import_texts(en=read_path(CORPUS / "ga-80" / "a-res-80-11.reflowed.en.txt"))
    assert second.document.pk == first.document.pk and not second.created
    assert from_document(second.document).units == from_document(first.document).units


def test_the_command_imports_files_and_folders_together(db, languages):
    from io import StringIO

    from django.core.management import call_command

    from reading_room.documents.models import Document

    out = StringIO()
    files = [str(p) for p in sorted((CORPUS / "ga-80").glob("*.pdftext.en.txt"))]
    call_command("import_document", str(CORPUS), *files, "--jobs", "1", stdout=out)
    assert "15 imported (15 new, 0 updated), 0 refused." in out.getvalue()
    assert Document.objects.filter(symbol__startswith="A/RES/80/").count() == 14


def test_strict_mode_refuses_a_doubtful_structure_and_takes_a_clean_one(db, languages):
    from django.core.management import CommandError, call_command

    from reading_room.documents.models import Document

    lost_labels = CORPUS / "ga-80" / "a-res-80-11.pdftext.en.txt"  # sub-paragraph labels lost in extraction
    with pytest.raises(CommandError, match=r"structural warnings .*op1\.a: its label was lost"):
        call_command("import_document", "--en", str(lost_labels), "--strict")
    assert not Document.objects.exists()
    call_command("import_document", "--en", str(CORPUS / "ga-80" / "a-res-80-29.pdftext.en.txt"), "--strict")
    assert Document.objects.get().symbol == "A/RES/80/29"


def test_a_resolution_recalled_by_another_links_inside_the_reading_room(db, languages, client):
    import_texts(en=read_path(CORPUS / "ga-80" / "a-res-80-3.pdftext.en.txt"))
    recalling = (CORPUS / "ga-80" / "a-res-80-29.pdftext.en.txt").read_text(encoding="utf-8")
    recalling = recalling.replace(
        "Recalling its resolutions 48/75 J", "Recalling its resolution 80/3 and its resolutions 48/75 J"
    )
    import_texts(en=recalling)
    references = client.get("/api/documents/A/RES/80/29").json()["references"]
    held = {r["symbol"]: r for r in references if r["held"]}
    assert held["A/RES/80/3"]["url"] == "/A/RES/80/3/"
    page = client.get("/A/RES/80/29/").content.decode()
    assert 'href="/A/RES/80/3/"' in page
    assert "A/RES/80/29" in [c["symbol"] for c in client.get("/api/documents/A/RES/80/3").json()["cited_by"]]


def test_the_reader_prints_numbers_as_the_text_does(db, languages, client):
    import_texts(en=read_path(CORPUS / "ga-80" / "a-res-80-5.pdftext.en.txt"))
    page = client.get("/A/RES/80/5/").content.decode()
    assert '<div class="num" aria-hidden="true"></div>' in page  # "Adopts …": one unnumbered paragraph
    assert '<div class="num">1.</div>' in page  # the declaration's paragraph 1
    assert '<div class="num">(a)</div>' in page
    text = client.get("/A/RES/80/5/text.en.txt").content.decode()
    assert "\n1. We, Heads of State and Government" in text
