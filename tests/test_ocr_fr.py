"""Tests of the French OCR repair engine (no Django needed)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reading_room.parsing.lexicon import accent_key, get_lexicon
from reading_room.parsing.ocr_fr import Change, Repair, map_offset, repair_english, repair_french

ROOT = Path(__file__).resolve().parent.parent


def fixed(text: str) -> str:
    return repair_french(text).text


def rules(text: str) -> list[str]:
    return [c.rule for c in repair_french(text).changes]


def apply(text: str, changes: list[Change]) -> str:
    """Rebuild the output from the original and the recorded changes."""
    out, pos = [], 0
    for c in sorted(changes, key=lambda c: c.start):
        assert c.start >= pos, "changes overlap"
        assert text[c.start : c.end] == c.original
        out.append(text[pos : c.start])
        out.append(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


# -- the article l’ ------------------------------------------------------------


def test_it_reads_1_and_capital_i_before_an_apostrophe_as_l():
    assert fixed("de 1’Organisation et de I’Office") == "de l’Organisation et de l’Office"
    assert fixed("sur 1'ordre du jour") == "sur l’ordre du jour"


def test_it_capitalises_the_article_at_a_sentence_start_and_after_a_quote():
    assert fixed("1’Assemblée générale,") == "L’Assemblée générale,"
    assert fixed("intitulée « I’Organisation »") == "intitulée « L’Organisation »"


def test_it_joins_a_stray_space_after_the_article():
    assert fixed("de I’ Association des nations de I’ Asie") == "de l’Association des nations de l’Asie"


def test_it_restores_a_lost_l_before_a_bare_apostrophe():
    assert fixed("notamment ’Organisation du Traité") == "notamment l’Organisation du Traité"


def test_it_normalises_the_straight_apostrophe_in_french():
    result = repair_french("d'accord et qu'il")
    assert result.text == "d’accord et qu’il"
    assert {c.rule for c in result.changes} == {"apostrophe"}


def test_it_reads_1a_1e_1es_standing_as_words_as_articles():
    assert fixed("Rappelant 1a Déclaration") == "Rappelant la Déclaration"
    assert fixed("pour 1es pays et 1e Conseil") == "pour les pays et le Conseil"


def test_it_leaves_1er_and_numbered_items_alone():
    for text in ("le 1er janvier", "le paragraphe 1 a)", "l’alinéa 1a)"):
        assert repair_french(text).changes == []


# -- accents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("du réglement des problémes", "du règlement des problèmes"),
        ("la vingt-quatriéme réunion", "la vingt-quatrième réunion"),
        ("qu’elle méne", "qu’elle mène"),
        ("les programmes coopérent avec", "les programmes coopèrent avec"),
        ("Se felicitant de", "Se félicitant de"),
        ("des Etats membres", "des États membres"),
        ("chefs d’Etat", "chefs d’État"),
    ],
)
def test_it_restores_accents_the_lexicon_requires(ocr, expected):
    assert fixed(ocr) == expected


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("joue un role", "joue un rôle"),
        ("du rdle que", "du rôle que"),
        ("du réle de", "du rôle de"),
        ("que revét le traité", "que revêt le traité"),
        ("pour accroitre", "pour accroître"),
        ("des mémes chances", "des mêmes chances"),
        ("dans l’intérét du", "dans l’intérêt du"),
        ("le 30 aoGt 2019", "le 30 août 2019"),
        ("les 31 aolt", "les 31 août"),
    ],
)
def test_it_restores_circumflexes(ocr, expected):
    assert fixed(ocr) == expected


def test_it_writes_oe_with_the_ligature():
    assert fixed("la mise en ccuvre") == "la mise en œuvre"
    assert fixed("la mise en oeuvre") == "la mise en œuvre"
    assert "oe-ligature" in rules("la mise en oeuvre")


def test_it_restores_the_cedilla():
    assert fixed("de fagon définitive") == "de façon définitive"
    assert rules("de fagon définitive") == ["cedilla"]


def test_it_opens_an_operative_paragraph_with_a_conjugated_verb():
    # "considere" could be "considère" or "considéré": the place decides.
    assert fixed("1. Considere que l’Organisation") == "1. Considère que l’Organisation"


def test_it_prefers_a_participle_after_an_auxiliary():
    assert fixed("ils ont signe l’accord") == "ils ont signé l’accord"
    assert fixed("ayant examine le rapport") == "ayant examiné le rapport"


def test_it_does_not_change_known_words():
    text = "La Commission considère que le rôle des États membres est essentiel, notamment en été."
    assert repair_french(text).changes == []


def test_it_leaves_names_acronyms_numbers_and_symbols_alone():
    text = (
        "tenue à Douchanbé, à Samarcande, à Tianjin et à Astana par l’OCS (voir A/79/807-S/2025/132, "
        "résolutions 59/48 et S-30/1, articles I et II, 2025-2026)"
    )
    result = repair_french(text)
    assert result.changes == []
    assert result.flags == []


def test_it_flags_an_unknown_lowercase_word_instead_of_guessing():
    result = repair_french("une zorglubation régionale")
    assert result.changes == []
    assert [f.word for f in result.flags] == ["zorglubation"]


def test_it_does_not_flag_prefixed_formations():
    assert repair_french("des mécanismes interorganisations existants").flags == []


# -- a / à ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("visant a promouvoir", "visant à promouvoir"),
        (
            "elle a accordé le statut d’observateur a l’Organisation",
            "elle a accordé le statut d’observateur à l’Organisation",
        ),
        ("prenant note a cet égard", "prenant note à cet égard"),
        (
            "développer l’énergie nucléaire a des fins pacifiques",
            "développer l’énergie nucléaire à des fins pacifiques",
        ),
        ("de coopération a long terme", "de coopération à long terme"),
        ("tenue a Astana", "tenue à Astana"),
        (
            "utilement a la paix, a la sécurité et a la stabilité",
            "utilement à la paix, à la sécurité et à la stabilité",
        ),
        ("renforcer les pays a revenu intermédiaire", "renforcer les pays à revenu intermédiaire"),
    ],
)
def test_it_reads_a_as_the_preposition_before_infinitives_and_noun_phrases(ocr, expected):
    assert fixed(ocr) == expected


@pytest.mark.parametrize(
    "text",
    [
        "par laquelle elle a accordé le statut",
        "qui a été présentée",
        "dans laquelle elle a invité le système",
        "le mémorandum a été signé",
        "que le Conseil de sécurité a la responsabilité principale",
        "Soulignant que l’Organisation a un rôle central",
        "il y a lieu de",
        "qu’il a des bureaux",
    ],
)
def test_it_keeps_the_verb_a(text):
    assert repair_french(text).changes == []


def test_it_reads_ampersand_and_4_as_a_by_context():
    ocr = "saluée comme une contribution notable & l’action engagée"
    assert fixed(ocr) == "saluée comme une contribution notable à l’action engagée"
    assert fixed("a été signé 4 Samarcande le 16 septembre") == "a été signé à Samarcande le 16 septembre"


def test_it_leaves_dates_and_company_names_alone():
    for text in ("tenue le 4 juillet 2024", "Procter & Gamble", "les paragraphes 3 et 4 de la résolution"):
        assert repair_french(text).changes == []


def test_it_uses_lexicon_locutions_for_a():
    assert fixed("Le Conseil, a cet égard, prie") == "Le Conseil, à cet égard, prie"
    assert repair_french("un raisonnement a priori").changes == []


def test_it_leaves_subparagraph_letters_alone():
    result = repair_french("a) Renforcer la coopération ;")
    assert (result.changes, result.flags) == ([], [])


def test_it_flags_a_when_nothing_decides():
    result = repair_french("ce qu’on a")
    assert result.changes == []
    result = repair_french("le total a 12")
    assert [f.word for f in result.flags] == ["a"]


def test_it_reads_ou_before_a_conjugated_verb_as_ou_grave():
    assert fixed("une région ou régnent la paix") == "une région où règnent la paix"
    assert repair_french("économique ou humanitaire").changes == []


def test_it_reads_des_before_que_as_des_grave():
    assert fixed("des que possible") == "dès que possible"


# -- ordinals, glued and broken words -------------------------------------------


@pytest.mark.parametrize("junk", ['1¢"', "1°*", '1°"'])
def test_it_reads_ordinal_garbage_before_a_month_as_1er(junk):
    assert fixed(f"du {junk} septembre 2023") == "du 1er septembre 2023"


def test_it_leaves_1_degree_alone_when_no_month_follows():
    assert repair_french("un angle de 1° seulement").changes == []


def test_it_splits_a_word_glued_to_an_article():
    result = repair_french("4. Priele Secrétaire général")
    assert result.text == "4. Prie le Secrétaire général"
    assert result.changes[-1].rule == "split-glued"


def test_it_splits_two_common_words_glued_together():
    assert fixed("le droitinternational humanitaire") == "le droit international humanitaire"


def test_it_does_not_split_prefixed_words_or_names():
    assert repair_french("une approche sociopolitique et la cyberattaque").changes == []
    assert repair_french("à Samarcande et à Douchanbé").changes == []


def test_it_rejoins_a_compound_cut_at_a_line_end():
    assert fixed("le Traité sur la non- prolifération") == "le Traité sur la non-prolifération"
    assert fixed("le dévelop- pement durable") == "le développement durable"


def test_it_keeps_suspended_hyphens_before_a_conjunction():
    assert repair_french("les micro- et macro-économies").changes == []


# -- changes and offsets --------------------------------------------------------


def test_it_records_changes_with_original_offsets():
    text = "Rappelant 1a Déclaration de 1’Organisation et du réglement"
    result = repair_french(text)
    assert apply(text, result.changes) == result.text
    first = result.changes[0]
    assert (first.start, first.end, first.original, first.replacement) == (10, 12, "1a", "la")
    assert all(c.note for c in result.changes)


def test_it_maps_offsets_through_changes():
    text = "4. Priele Conseil de consulter I’ Association"
    result = repair_french(text)
    assert result.text == "4. Prie le Conseil de consulter l’Association"
    assert map_offset(result.changes, 0) == 0
    end_of_priele = text.index(" Conseil")
    assert result.text[: map_offset(result.changes, end_of_priele)] == "4. Prie le"
    start_of_association = text.index("Association")
    assert result.text[map_offset(result.changes, start_of_association) :] == "Association"
    assert map_offset(result.changes, len(text)) == len(result.text)


def test_it_maps_an_offset_inside_a_change_into_its_replacement():
    changes = [Change(2, 6, "abcd", "xy", "test")]
    assert map_offset(changes, 4) == 4
    assert map_offset(changes, 5) == 4
    assert map_offset(changes, 6) == 4
    assert map_offset(changes, 8) == 6


def test_it_is_deterministic():
    text = (ROOT / "sample" / "A-79-L.124.fr.txt").read_text(encoding="utf-8")
    first, second = repair_french(text), repair_french(text)
    assert first == second


# -- English -------------------------------------------------------------------


def test_it_repairs_english_extraction_damage():
    result = repair_english("the ﬁnal  settlement of con\u00adflicts")
    assert result.text == "the final settlement of conflicts"
    assert apply("the ﬁnal  settlement of con\u00adflicts", result.changes) == result.text


def test_it_leaves_clean_english_alone():
    english = (ROOT / "sample" / "A-79-L.124.en.txt").read_text(encoding="utf-8")
    for paragraph in english.split("\n\n"):
        assert repair_english(" ".join(paragraph.split("\n"))).changes == []


# -- the sample ------------------------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("ocr_wer", ROOT / "bench" / "ocr_wer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_repairs_the_sample_to_a_low_word_error_rate():
    bench = _bench()
    result = bench.measure(bench.sample_pairs())
    assert result["before"] / result["words"] > 0.10
    assert result["after"] / result["words"] <= 0.003, result["diffs"]


def test_it_leaves_the_proofread_text_unchanged():
    bench = _bench()
    body, notes = bench.read_proofread(bench.PROOFREAD.read_text(encoding="utf-8"))
    for paragraph in body + notes:
        result = repair_french(paragraph)
        assert (result.changes, result.flags) == ([], []), paragraph


def test_it_repairs_the_whole_sample_quickly():
    get_lexicon()
    text = (ROOT / "sample" / "A-79-L.124.fr.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n")]
    start = time.perf_counter()
    for paragraph in paragraphs:
        repair_french(paragraph)
    assert time.perf_counter() - start < 1.0


def test_it_indexes_the_lexicon_by_accent_key():
    lex = get_lexicon()
    assert accent_key("Règlement") == "reglement"
    assert "règlement" in lex.spellings("reglement")
    assert lex.knows("œuvre") and lex.ligature("oeuvre") == "œuvre"
    assert not lex.knows("role")


# -- properties -------------------------------------------------------------------

_FRENCHISH = st.text(
    alphabet=st.sampled_from(list("aàâbcçdeéèêëfghiîïjklmnoôœpqrstuùûvwxyz AEÉILO’'-.,;:«»&41°¢\"*/ \n")),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_FRENCHISH, st.text(max_size=60)))
def test_it_never_raises_and_its_changes_rebuild_the_output(text):
    for repair in (repair_french(text), repair_english(text)):
        assert isinstance(repair, Repair)
        assert apply(text, repair.changes) == repair.text
        for flag in repair.flags:
            assert text[flag.start : flag.end] == flag.word
        assert map_offset(repair.changes, len(text)) == len(repair.text)


# A fresh process asks for the lexicon and says what it knows.
LEXICON_IN_A_NEW_PROCESS = (
    "from reading_room.parsing.lexicon import accent_key, get_lexicon; lexicon = get_lexicon(); "
    "print(lexicon.knows('œuvre'), lexicon.spellings(accent_key('regle')), lexicon.freq('règle') > 0)"
)


def test_the_built_lexicon_is_cached_in_a_file(tmp_path):
    def new_process() -> str:
        env = {**os.environ, "READING_ROOM_CACHE": str(tmp_path)}
        command = [sys.executable, "-c", LEXICON_IN_A_NEW_PROCESS]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout

    answers = new_process()  # builds the lexicon, and keeps it in a file
    assert answers == "True ('réglé', 'règle') True\n"
    [cache] = tmp_path.iterdir()
    written = cache.stat()
    assert new_process() == answers  # the next process reads the file back: not built and written again
    assert (cache.stat().st_ino, cache.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    cache.write_bytes(b"\x00garbage")
    assert new_process() == answers  # a damaged file is rebuilt, not trusted
    assert list(tmp_path.iterdir()) == [cache] and cache.read_bytes() != b"\x00garbage"
