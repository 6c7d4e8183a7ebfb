"""import_document and the importer: what lands in the database, and what is refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reading_room.documents.models import Document, Footnote, Paragraph, ParagraphText, Sponsorship
from reading_room.ingest.importer import ImportRefused, import_texts
from tests.conftest import SAMPLE_EN, SAMPLE_FR

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_document", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_imports_the_sample_and_prints_its_symbol(languages):
    out = run("--en", str(SAMPLE_EN), "--fr", str(SAMPLE_FR))
    assert "A/79/L.124" in out
    document = Document.objects.get()
    assert document.symbol == "A/79/L.124"
    assert document.session == 79
    assert document.agenda_item == "125 (s)"
    assert str(document.date) == "2025-08-28"
    assert document.original_language_id == "en"
    assert document.paragraphs.filter(kind="preambular").count() == 31
    assert document.paragraphs.filter(kind="operative").count() == 5
    for code in ("en", "fr"):
        assert ParagraphText.objects.filter(language_id=code).count() == 36
        assert Footnote.objects.filter(texts__language_id=code).count() == 8


def test_it_stores_citations_in_both_languages(sample):
    for code in ("en", "fr"):
        texts = ParagraphText.objects.filter(language_id=code).values_list("paragraph__eid", "calls")
        pairs = sorted((eid, number) for eid, calls in texts for _offset, number in calls)
        assert pairs == sorted(
            [
                ("pp9", "1"),
                ("pp11", "2"),
                ("pp14", "3"),
                ("pp15", "4"),
                ("pp16", "5"),
                ("pp20", "6"),
                ("pp26", "7"),
                ("pp26", "8"),
            ]
        )


def test_it_links_the_ten_sponsors_in_printed_order(sample):
    codes = list(Sponsorship.objects.filter(document=sample).values_list("state__iso3", flat=True))
    assert codes == ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
    assert sample.texts.get(language_id="en").sponsor_note.startswith("Any changes")


def test_importing_twice_leaves_one_document_with_the_same_paragraphs(sample, sample_en, sample_fr):
    ids = list(Paragraph.objects.values_list("id", "eid"))
    result = import_texts(en=sample_en, fr=sample_fr)
    assert not result.created
    assert Document.objects.count() == 1
    assert list(Paragraph.objects.values_list("id", "eid")) == ids


def test_it_imports_a_folder_of_pairs(languages, tmp_path):
    (tmp_path / "one.en.txt").write_text(SAMPLE_EN.read_text())
    (tmp_path / "one.fr.txt").write_text(SAMPLE_FR.read_text())
    out = run(str(tmp_path))
    assert "1 imported (1 new, 0 updated), 0 refused." in out


def test_it_imports_english_alone_then_adds_french(languages, sample_en, sample_fr):
    import_texts(en=sample_en)
    document = Document.objects.get()
    assert list(document.texts.values_list("language_id", flat=True)) == ["en"]
    import_texts(fr=sample_fr, symbol="A/79/L.124")
    assert sorted(document.texts.values_list("language_id", flat=True)) == ["en", "fr"]
    assert ParagraphText.objects.filter(language_id="fr").count() == 36


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("L’Assemblée générale,".encode("latin-1", "replace") + b"\xe9\xe9", "UTF-8"),
        (b"Just a shopping list.\n\nEggs, milk.", "enacting formula"),
    ],
)
def test_it_refuses_bad_files_and_writes_nothing(languages, tmp_path, content, message):
    bad = tmp_path / "bad.en.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("--en", str(bad))
    assert Document.objects.count() == 0


def test_it_refuses_an_oversized_file(languages, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(CommandError, match="limit"):
        run("--en", str(SAMPLE_EN))
    assert Document.objects.count() == 0


def test_it_refuses_swapped_languages(languages):
    with pytest.raises(CommandError, match="swapped"):
        run("--en", str(SAMPLE_FR), "--fr", str(SAMPLE_EN))
    assert Document.objects.count() == 0


def test_it_needs_a_symbol_for_a_text_without_header(languages, sample_fr):
    with pytest.raises(ImportRefused, match="symbol"):
        import_texts(fr=sample_fr)
    assert import_texts(fr=sample_fr, symbol="A/79/L.124").symbol == "A/79/L.124"


def test_a_missing_file_is_a_clear_error(languages):
    with pytest.raises(CommandError, match="no such file"):
        run("--en", "/nonexistent/file.txt")


def test_it_refuses_a_french_text_that_does_not_fit_the_stored_paragraphs(sample, sample_fr):
    shorter = sample_fr.split("1.  Considere")[0]
    with pytest.raises(ImportRefused, match="paragraphs"):
        import_texts(fr=shorter, symbol="A/79/L.124")
    assert ParagraphText.objects.filter(language_id="fr", paragraph__eid="op1").exists()


def test_english_and_french_whose_paragraphs_do_not_line_up_are_refused(languages, sample_en, sample_fr):
    # the French loses its last operative paragraph: shown side by side, op5 would face nothing
    shorter = sample_fr.split("5. Décide")[0]
    with pytest.raises(ImportRefused, match="would not line up"):
        import_texts(en=sample_en, fr=shorter)
    assert Document.objects.count() == 0


def test_sponsors_wrapped_into_the_agenda_title_are_told_apart(languages, sample_en):
    # a hard-wrapped masthead: the agenda item's title runs straight into the sponsor list
    joined = sample_en.replace(
        "Shanghai Cooperation Organization\n\nBelarus, China,", "Shanghai Cooperation Organization\nBelarus, China,", 1
    )
    document = import_texts(en=joined).document
    assert document.sponsorships.count() == 10
    assert document.texts.get(language_id="en").agenda_title.endswith("and the Shanghai Cooperation Organization")


def test_every_row_written_gets_its_history_and_a_changed_text_one_more(sample, sample_en, sample_fr):
    paragraph = sample.paragraphs.get(eid="pp1")
    text = paragraph.texts.get(language_id="en")
    assert [(h.history_type, h.text) for h in text.history.all()] == [("+", text.text)]
    assert paragraph.history.get().eid == "pp1"
    assert all(s.history.count() == 1 for s in sample.sponsorships.all())
    changed = sample_en.replace("Recalling that one of the objectives", "Recalling that an objective", 1)
    import_texts(en=changed, fr=sample_fr)
    text.refresh_from_db()
    assert text.text.startswith("Recalling that an objective") and text.imported_text == text.text
    assert [h.history_type for h in text.history.order_by("history_id")] == ["+", "~"]
    assert text.history.latest("history_id").text == text.text
    assert paragraph.history.count() == 1  # unchanged rows are not written again


def test_history_rows_name_the_editor_who_uploaded(languages, sample_en, django_user_model):
    from types import SimpleNamespace

    from simple_history.models import HistoricalRecords

    editor = django_user_model.objects.create(username="editor")
    HistoricalRecords.context.request = SimpleNamespace(user=editor)
    try:
        document = import_texts(en=sample_en).document
    finally:
        del HistoricalRecords.context.request
    text = ParagraphText.objects.filter(paragraph__document=document).first()
    assert text.history.get().history_user == editor


def test_a_folder_is_imported_by_parallel_workers(tmp_path):
    """Workers parse, one process writes (SQLite): run as the command runs, in its own database."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(4):
        (folder / f"d{i}.en.txt").write_text(SAMPLE_EN.read_text().replace("A/79/L.124", f"A/79/L.{500 + i}"))
        (folder / f"d{i}.fr.txt").write_text(SAMPLE_FR.read_text())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout

    manage("migrate", "--noinput", "-v0")
    out = manage("import_document", str(folder), "--jobs", "2", "-v2")
    assert "4 imported (4 new, 0 updated), 0 refused." in out
    assert out.count("246 machine corrections") == 4


def test_statistics_are_refreshed_once_enough_documents_are_in(languages, tmp_path, monkeypatch):
    from reading_room.ingest.management.commands import import_document

    calls = []
    monkeypatch.setattr(import_document, "_ANALYZE_AFTER", 1)
    monkeypatch.setattr(import_document, "_refresh_statistics", lambda: calls.append(1))
    (tmp_path / "one.en.txt").write_text(SAMPLE_EN.read_text())
    run(str(tmp_path))
    assert calls == [1]


def _index(connection):
    """Every search index row, the PostgreSQL tsvector or the SQLite FTS stems included."""
    vector = (
        "vector::text" if connection.vendor == "postgresql" else "(SELECT stems FROM search_fts WHERE rowid = e.id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.*, {vector} FROM search_entry e ORDER BY e.id")  # noqa: S608
        return cursor.fetchall()


def test_the_search_index_an_import_writes_is_the_one_a_rebuild_makes(sample, sample_en, sample_fr):
    """The triggers (per statement for the texts' inserts on PostgreSQL, per row for the rest)."""
    from django.db import connection

    import_texts(en=sample_en.replace("A/79/L.124", "A/79/L.125"), fr=sample_fr)
    import_texts(en=sample_en.replace("Recalling", "Recalling further"), fr=sample_fr)  # updates
    written = _index(connection)
    assert len(written) == 2 * (2 * 36 + 2 * 8)
    call_command("rebuild_search_index", stdout=StringIO())
    assert _index(connection) == written


def test_a_new_documents_references_are_those_found_in_its_stored_texts(languages, sample_en, sample_fr):
    """An import finds them in the texts it writes; detect() reads the stored texts back."""
    from reading_room.documents.crossrefs import detect
    from reading_room.documents.models import Reference

    document = import_texts(en=sample_en, fr=sample_fr).document
    stored = set(Reference.objects.filter(paragraph__document=document).values_list("paragraph_id", "target"))
    assert stored and stored == detect(document)
