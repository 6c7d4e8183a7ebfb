"""Real adopted resolutions (tests/data/corpus/ga-80), in both forms users bring them, imported and
compared with what people wrote down they contain: every unit's id, kind, number, first and last
words, every footnote call and where it falls, every footnote, the masthead's facts, and no page
furniture left in any paragraph."""

from pathlib import Path

import pytest

from reading_room.ingest.importer import import_texts, read_path
from tests.corpus_check import CORPUS, differences, expected_for, from_document, uncited

TEXTS = sorted((CORPUS / "ga-80").glob("*.en.txt"))


def test_the_corpus_holds_both_forms_of_every_resolution_and_their_expected_data():
    names = {p.name.split(".")[0] for p in TEXTS}
    assert len(names) == 14
    for name in names:
        assert (CORPUS / "ga-80" / f"{name}.pdftext.en.txt").exists()
        assert (CORPUS / "ga-80" / f"{name}.reflowed.en.txt").exists()
        assert (CORPUS / "ga-80" / "expected" / f"{name}.json").exists()


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
