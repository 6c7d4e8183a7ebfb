"""The parser on the bundled sample and on the other shapes UN texts come in."""

import pytest

from reading_room.parsing.blocks import join_lines, split_blocks
from reading_room.parsing.document import ParseError, parse
from reading_room.parsing.leads import find_lead
from reading_room.parsing.markers import find_markers, strip_markers
from reading_room.parsing.patterns import is_furniture
from reading_room.parsing.sponsors import name_key, split_sponsors

# Which paragraph cites which footnote in A/79/L.124 (read off the official PDF).
SAMPLE_CITATIONS = {
    "pp9": ["1"],
    "pp11": ["2"],
    "pp14": ["3"],
    "pp15": ["4"],
    "pp16": ["5"],
    "pp20": ["6"],
    "pp26": ["7", "8"],
}


def cited(parsed):
    return {p.eid: [r.number for r in p.refs] for p in parsed.paragraphs if p.refs}


def test_it_finds_31_preambular_and_5_operative_paragraphs_in_each_language(parsed_sample):
    for parsed in parsed_sample:
        eids = [p.eid for p in parsed.paragraphs]
        assert eids == [f"pp{i}" for i in range(1, 32)] + [f"op{i}" for i in range(1, 6)]
        assert [p.kind for p in parsed.paragraphs].count("operative") == 5


def test_it_reads_all_8_footnotes_in_each_language(parsed_sample):
    en, fr = parsed_sample
    assert [f.number for f in en.footnotes] == [str(i) for i in range(1, 9)]
    assert [f.number for f in fr.footnotes] == [str(i) for i in range(1, 9)]
    assert en.footnotes[1].text == "United Nations, Treaty Series, vol. 2896, No. 50518."
    assert fr.footnotes[4].text.startswith("Résolution S-30/1")  # printed label OCRed as "3"
    assert fr.footnotes[6].text.startswith("Le mémorandum")  # label lost entirely
    assert fr.footnotes[6].text.endswith("17 septembre 2021.")


def test_it_cites_each_footnote_from_the_right_paragraph_in_both_languages(parsed_sample):
    en, fr = parsed_sample
    assert cited(en) == SAMPLE_CITATIONS
    assert cited(fr) == SAMPLE_CITATIONS


def test_it_places_lost_markers_from_the_other_language(parsed_sample):
    en, fr = parsed_sample
    pp9 = fr.paragraph("pp9")  # the French lost footnote 1 entirely
    assert pp9.text[: pp9.refs[0].offset].endswith("2030")
    pp20 = en.paragraph("pp20")  # the English extraction lost footnote 6
    assert pp20.text[: pp20.refs[0].offset].endswith('Harmony and Development",')
    assert pp20.refs[0].how == "aligned"


def test_it_takes_the_plain_digit_and_spaced_superscript_markers_out(parsed_sample):
    en, _ = parsed_sample
    pp26 = en.paragraph("pp26")
    assert "States, as well as" in pp26.text and " 8 " not in pp26.text
    assert "Development, and welcoming" in en.paragraph("pp9").text


def test_it_joins_paragraphs_across_pages_and_footnote_blocks(parsed_sample):
    en, fr = parsed_sample
    assert "in Eurasia, as affirmed in the Astana Declaration" in en.paragraph("pp8").text
    assert "of the General Assembly on the world drug problem" in en.paragraph("pp16").text
    assert "prenant note de la coopération engagée entre" in fr.paragraph("pp15").text
    assert "des normes du droit international et de la Charte" in fr.paragraph("pp29").text


def test_it_reads_the_english_header(parsed_sample):
    header = parsed_sample[0].header
    assert header.symbol == "A/79/L.124"
    assert header.distribution == "limited"
    assert header.date == "2025-08-28"
    assert header.original_language == "en"
    assert header.agenda_item == "125 (s)"
    assert header.kind == "draft_resolution"
    assert header.sponsors.endswith("Tajikistan and Uzbekistan")
    assert parsed_sample[0].title == "Cooperation between the United Nations and the Shanghai Cooperation Organization"
    assert parsed_sample[0].sponsor_note.startswith("Any changes to the list of sponsors")


def test_it_takes_the_french_title_from_a_text_without_header(parsed_sample):
    fr = parsed_sample[1]
    assert fr.header.symbol == ""
    assert fr.title.startswith("Coopération entre")
    assert fr.enacting_formula == "L’Assemblée générale,"


def test_it_finds_the_lead_words(parsed_sample):
    en, fr = parsed_sample
    assert en.paragraph("pp2").lead == "Recalling also"
    assert en.paragraph("pp9").lead == "Taking into account"
    assert en.paragraph("op4").lead == "Requests"  # from the *italic* markers
    assert fr.paragraph("pp4").lead == "Rappelant en outre"
    assert fr.paragraph("pp9").lead == "Tenant compte"


@pytest.mark.parametrize(
    "text, language, lead",
    [
        ("Deeply concerned by the situation,", "en", "Deeply concerned"),
        ("Noting with deep concern that", "en", "Noting with deep concern"),
        ("Bearing in mind its resolution 70/1,", "en", "Bearing in mind"),
        ("Se félicitant également de la signature,", "fr", "Se félicitant également"),
        ("Prenant note avec satisfaction du rapport,", "fr", "Prenant note avec satisfaction"),
        ("Calls upon all States to", "en", "Calls upon"),
        ("résolution sans verbe", "fr", ""),
    ],
)
def test_it_finds_lead_words_in_general(text, language, lead):
    assert find_lead(text, language) == lead


def test_it_strips_the_operative_number_and_list_marker(parsed_sample):
    en, fr = parsed_sample
    assert en.paragraph("op1").text.startswith("Acknowledges the constructive role")
    assert en.paragraph("op1").number == "1"
    assert fr.paragraph("op4").text.startswith("Pri")


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("2/5 25-13823", True),
        ("25-13823", True),
        ("25-13823 5/5", True),
        ("4/5", True),
        ("25-13823 (F)", True),
        ("59/48", False),
        ("Recalling its resolution 59/48,", False),
        ("A/79/L.124", True),
    ],
)
def test_it_recognises_print_furniture(line, furniture):
    assert is_furniture(line, "A/79/L.124") is furniture


def test_it_splits_sponsors_on_known_names_not_on_and():
    known = {
        name_key(n): code
        for n, code in [
            ("Bosnia and Herzegovina", "BIH"),
            ("Trinidad and Tobago", "TTO"),
            ("Iran (Islamic Republic of)", "IRN"),
            ("China", "CHN"),
        ]
    }
    got = split_sponsors("China, Bosnia and Herzegovina, Iran (Islamic Republic of) and Trinidad and Tobago:*", known)
    assert got == [
        ("China", "CHN"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Trinidad and Tobago", "TTO"),
    ]
    assert split_sponsors("China and Atlantis", known) == [("China", "CHN"), ("Atlantis", None)]


@pytest.mark.parametrize(
    "text, language, numbers, clean",
    [
        ("the Organization,² and", "en", ["2"], "the Organization, and"),
        ("Development, ¹ and", "en", ["1"], "Development, and"),
        ("the sponsors^{*} and", "en", ["*"], "the sponsors and"),
        ("Arab States, 8 as well", "en", ["8"], "Arab States, as well"),
        ("de Shanghai?, et", "fr", [""], "de Shanghai, et"),
        ("nucléaires® qui", "fr", [""], "nucléaires qui"),
        ("avril 2016°, et", "fr", [""], "avril 2016, et"),
        ("le 1°* septembre", "fr", [], "le 1°* septembre"),
        ("I’ Association", "fr", [], "I’ Association"),
        ("resolution 59/48 of 2 December", "en", [], "resolution 59/48 of 2 December"),
        ("the twenty-eighth session (COP28) and", "en", [], "the twenty-eighth session (COP28) and"),
        ("the Child2 and", "en", ["2"], "the Child and"),
    ],
)
def test_it_finds_footnote_markers_in_every_form(text, language, numbers, clean):
    markers = find_markers(text, language, ocr=language == "fr", expected={"1", "2", "8"})
    out, _placed = strip_markers(text, markers)
    assert [m.number for m in markers] == numbers
    assert out == clean


@pytest.mark.parametrize(
    "text, highest, numbers, clean",
    [
        ("held in 1979,1 and", 0, ["1"], "held in 1979, and"),
        ("a rate of 2,5 per cent", 0, [], "a rate of 2,5 per cent"),  # a decimal, not call 5
        ("Goal 2 and", 1, [], "Goal 2 and"),
        ("SDG 2 and", 1, [], "SDG 2 and"),
        ("the Programme of Action 2 and the", 1, ["2"], "the Programme of Action and the"),
        ("the Programme of Action 3 and the", 1, [], "the Programme of Action 3 and the"),  # not the next one
        ("in 2014, 2", 1, ["2"], "in 2014,"),
        ("about 2 million people", 1, [], "about 2 million people"),
        ("on 10 October 19902", 1, ["2"], "on 10 October 1990"),
    ],
)
def test_loose_calls_count_only_as_the_next_footnote(text, highest, numbers, clean):
    markers = find_markers(text, "en", ocr=False, expected={"1", "2", "3", "5"}, highest=highest)
    out, _placed = strip_markers(text, markers)
    assert [m.number for m in markers] == numbers
    assert out == clean


def test_it_keeps_hyphens_at_line_ends():
    assert join_lines(["la non-", "prolifération"]) == "la non-prolifération"
    assert join_lines(["one", "two"]) == "one two"


HARD_WRAPPED = """United Nations A/80/L.99
General Assembly
Distr.: Limited
3 November 2025
Original: English

Eightieth session
Agenda item 12

Sample, Other and Third:* draft resolution

A test resolution

The General Assembly,

Recalling its resolution 70/1
of 25 September 2015,¹

Noting with concern the
situation,

1.
Decides to act on:
(a) the first
matter;
(b) the second matter, including:
(i) a detail;
(ii) another detail;
2. Requests a report.
_______________
¹ Resolution 70/1.
25-99999 (E) 041125
"""


def test_it_reads_hard_wrapped_pdf_text_with_subparagraphs():
    parsed = parse(HARD_WRAPPED, "en")
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "pp2", "op1", "op1.a", "op1.b", "op1.b.i", "op1.b.ii", "op2"]
    assert parsed.paragraph("pp1").text == "Recalling its resolution 70/1 of 25 September 2015,"
    assert parsed.paragraph("op1").text == "Decides to act on:"
    assert parsed.paragraph("op1.b.ii").number == "ii"
    assert parsed.header.date == "2025-11-03"
    assert parsed.header.session_line == "Eightieth session"
    assert cited(parsed) == {"pp1": ["1"]}


ADOPTED = """United Nations A/RES/80/7
General Assembly Distr.: General
10 November 2025

Eightieth session
Agenda item 15
Resolution adopted by the General Assembly on 6 November 2025
[without reference to a Main Committee (A/80/L.7)]
80/7. Culture of peace

The General Assembly,

Recalling its resolutions,

1. Decides to remain seized of the matter.

45th plenary meeting
6 November 2025
"""


def test_it_reads_an_adopted_resolution():
    parsed = parse(ADOPTED, "en")
    assert parsed.header.symbol == "A/RES/80/7"
    assert parsed.header.kind == "resolution"
    assert parsed.header.resolution_number == "80/7"
    assert parsed.header.committee_line.startswith("[without reference")
    assert parsed.header.adopted == "2025-11-06"
    assert parsed.header.date == "2025-11-10"  # the issue date
    assert parsed.title == "Culture of peace"
    assert parsed.closing_lines == ["45th plenary meeting", "6 November 2025"]
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1"]


@pytest.mark.parametrize("text", ["", "   \n\n", "Just some words with no structure at all.", "The General Assembly,"])
def test_it_refuses_text_that_is_not_a_resolution(text):
    with pytest.raises(ParseError):
        parse(text, "en")


def test_it_splits_footnote_blocks_from_text_blocks(sample_fr):
    kinds = [b.kind for b in split_blocks(sample_fr)]
    assert kinds.count("footnote") == 2  # the two labelled blocks; the unlabelled one is found later


def test_a_repeated_subparagraph_letter_gets_its_own_id():
    text = "The General Assembly,\n\nRecalling,\n\n1. Decides:\n(a) one;\n(a) two;\n2. Ends."
    parsed = parse(text, "en")
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1", "op1.a", "op1.a_2", "op2"]
    assert any("twice" in w for w in parsed.warnings)


WITH_ANNEX = """United Nations A/RES/53/243
General Assembly Distr.: General
6 October 1999

Fifty-third session
Agenda item 31
Resolution adopted by the General Assembly on 13 September 1999
[without reference to a Main Committee (A/53/L.79)]
53/243. Declaration and Programme of Action on a Culture of Peace

The General Assembly,

Recalling the Charter of the United Nations,

1. Proclaims solemnly the present Declaration;

2. Requests the Secretary-General to act.

107th plenary meeting
13 September 1999

Annex
Declaration on a Culture of Peace

The General Assembly,

Recognizing that peace not only is the absence of conflict,

Article 1
A culture of peace is a set of values, attitudes, traditions and modes of behaviour based on:

(a) Respect for life;

(b) Respect for the principles of sovereignty;

Article 2
Progress in the fuller development of a culture of peace comes about through values.

1. Each State shall act.

2. Each State shall report.
"""


def test_an_annex_has_its_own_structure_and_ids():
    parsed = parse(WITH_ANNEX, "en")
    eids = [p.eid for p in parsed.paragraphs]
    assert eids[:3] == ["pp1", "op1", "op2"]
    assert eids[3:] == [
        "annex1",
        "annex1.title",
        "annex1.pp1",
        "annex1.pp2",
        "annex1.art1",
        "annex1.art1.pp1",
        "annex1.art1.pp1.a",
        "annex1.art1.pp1.b",
        "annex1.art2",
        "annex1.art2.pp1",
        "annex1.art2.para1",
        "annex1.art2.para2",
    ]
    assert parsed.closing_lines == ["107th plenary meeting", "13 September 1999"]
    assert parsed.paragraph("annex1.title").text == "Declaration on a Culture of Peace"
    assert parsed.paragraph("annex1.art2.para2").number == "2"
    assert parsed.header.resolution_number == "53/243"


PDFTOTEXT = """                                                                 A/RES/78/3
United Nations                                                General Assembly
                                               Distr.: General
                                               26 October 2023
Seventy-eighth session
Agenda item 19
               Resolution adopted by the General Assembly on 23 October 2023
                    [without reference to a Main Committee (A/78/L.3)]
               78/3. Cooperation between the United Nations and the Eurasian
               Economic Union

                     The General Assembly,
                     Recalling the Charter of the United Nations,1
                     Welcoming the efforts of the Union in the field of
               trade, 2 and noting the report,

                     1. Welcomes the cooperation;
                     2. Requests the Secretary-General to submit a report at its
               eightieth session.
               __________________
               1 See resolution 70/1.
               2 A/78/100.

                                                       26th plenary meeting
                                                          23 October 2023
23-21232 (E)      261023
*2321232*
"""


def test_it_reads_layout_pdftotext_output_with_flattened_superscripts():
    parsed = parse(PDFTOTEXT, "en")
    assert parsed.header.symbol == "A/RES/78/3"
    assert parsed.title == "Cooperation between the United Nations and the Eurasian Economic Union"
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "pp2", "op1", "op2"]
    assert parsed.paragraph("pp1").text == "Recalling the Charter of the United Nations,"
    assert parsed.paragraph("pp2").text.endswith("in the field of trade, and noting the report,")
    assert cited(parsed) == {"pp1": ["1"], "pp2": ["2"]}
    assert [f.text for f in parsed.footnotes] == ["See resolution 70/1.", "A/78/100."]
    assert parsed.closing_lines == ["26th plenary meeting", "23 October 2023"]


SECURITY_COUNCIL = """United Nations S/RES/2719 (2023)
Security Council Distr.: General
21 December 2023

Resolution 2719 (2023)
Adopted by the Security Council at its 9520th meeting, on 21 December 2023

The Security Council,

Recalling its previous resolutions,

1. Decides to act;

2. Decides to remain seized of the matter.

23-25806 (E)
*2325806*
"""


def test_it_reads_a_security_council_resolution():
    parsed = parse(SECURITY_COUNCIL, "en")
    assert parsed.header.symbol == "S/RES/2719 (2023)"
    assert parsed.header.distribution == "general"
    assert parsed.header.date == "2023-12-21"
    assert parsed.header.kind == "resolution"
    assert parsed.title == "Resolution 2719 (2023)"
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1", "op2"]


def test_an_ocr_misread_operative_one_is_still_operative():
    text = "L’Assemblée générale,\n\nRappelant sa résolution,\n\nl. Décide d’agir ;\n\n2. Prie le Secrétaire général."
    parsed = parse(text, "fr")
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1", "op2"]
    assert parsed.paragraph("op1").text.startswith("Décide")


def test_french_subparagraphs_are_printed_a_closing_parenthesis():
    text = (
        "L’Assemblée générale,\n\nRappelant sa résolution,\n\n1. Décide :\n\na) De faire ceci ;\n\n"
        "b) De faire cela, notamment :\n\ni) Un détail ;\n\nii) Un autre ;\n\n2. Prie le Secrétaire général."
    )
    parsed = parse(text, "fr")
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1", "op1.a", "op1.b", "op1.b.i", "op1.b.ii", "op2"]


FRENCH_HEADER = """Nations Unies A/79/L.124

Assemblée générale Distr. limitée
28 août 2025
Français
Original : anglais

Soixante-dix-neuvième session
Point 125 s) de l’ordre du jour
Coopération entre l’Organisation des Nations Unies et les organisations régionales ou autres

Bélarus, Chine et Inde* : projet de résolution

"""


def test_it_reads_a_french_masthead(sample_fr):
    parsed = parse(FRENCH_HEADER + sample_fr, "fr")
    h = parsed.header
    assert (h.symbol, h.distribution, h.date, h.original_language) == ("A/79/L.124", "limited", "2025-08-28", "en")
    assert (h.agenda_item, h.kind) == ("125 (s)", "draft_resolution")
    assert h.agenda_title.startswith("Coopération entre l’Organisation des Nations Unies et les organisations")
    assert h.sponsors.startswith("Bélarus, Chine et Inde")
    assert parsed.title.startswith("Coopération entre l’Organisation des Nations Unies et l’Organisation de Shanghai")
    assert len(parsed.paragraphs) == 36


def test_hard_wrapped_lines_read_like_one_line_paragraphs(sample_en, parsed_sample):
    """The sample re-wrapped at 80 columns (pdftotext without -layout) gives the same paragraphs."""
    import textwrap

    wrapped = "\n".join("\n".join(textwrap.wrap(line, 80)) or line for line in sample_en.split("\n"))
    parsed = parse(wrapped, "en")
    original = parse(sample_en, "en")
    assert [p.eid for p in parsed.paragraphs] == [p.eid for p in original.paragraphs]
    assert [p.text for p in parsed.paragraphs] == [p.text for p in original.paragraphs]
    assert cited(parsed) == cited(original)
    assert [f.text for f in parsed.footnotes] == [f.text for f in original.footnotes]
    assert parsed.header.sponsors == original.header.sponsors
