"""The parser on what real extractions do that the bundled sample does not (issue 14): running heads,
page rules, footnote calls in every position, footnotes that begin with a year or run over a page,
the meeting line, annexes, headings inside the operative part, lost labels, numbers and last lines.
Each text is small and made up, but each feature is copied from a real resolution."""

import pytest

from reading_room.parsing.document import parse

ADOPTED_RAW = """United Nations

General Assembly Distr.: General 3 December 2025

Eightieth session Agenda item 99 (d) General and complete disarmament: implementation of the
Convention on the Prohibition of Chemical Weapons

Resolution adopted by the General Assembly on 1 December 2025

[on the report of the First Committee (A/80/534, para. 7)]

80/99. Implementation of the Convention on the Prohibition of the Development, Production,
Stockpiling and Use of Chemical Weapons and on Their Destruction

The General Assembly,

Recalling the Final Document of the Tenth Special Session of the General Assembly (SSOD-IV),1
and its resolution 79/7 of 2 December 2024,

Welcoming the adoption of resolution GC(69)/RES/9 A.2 by the General Conference of the
International Atomic Energy Agency, and the Convention on the Rights of the Child2 and its
entry into force on 2 September 1990, as the Convention on the Rights of the Child2 says,

Noting the report entitled “Securing our common future”; 3 and the Programme of Action 4 and the
Review Conference, 5

Noting also the international ---

1 A/S-10/2.

2 United Nations, Treaty Series, vol. 1577, No. 27531.

3 Ibid.

4 A/CONF.192/15, chap. IV, para. 24.

5 2010 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear
Weapons, Final Document, vol. I (NPT/CONF.2010/50 (Vol. I)), part I, conclusions and

A/RES/80/99 Implementation of the Convention on the Prohibition of the Development,

levels of cooperation reached in the region,

Peacebuilding and cooperation

1. Decides to remain seized of the matter, taking into account the high- level
meetings and the Nuclear- Test-Ban Treaty;

2. Requests the Secretary-General to submit a report on the implementation of the present
resolution to the General Assembly at its eighty-first session and to

3. Also requests the Secretary-General to continue to provide assistance, and in this regard:

Encourages Member States to cooperate;

Invites the regional centres to report;

4. Decides to include in the provisional agenda of its eighty-first session the item entitled
“General and complete disarmament”.

52nd plenary meeting 1 December 2025

recommendations for follow-on actions (NPT/CONF.2010/50 (Vol. I)).

Implementation of the Convention on the Prohibition of the Development, A/RES/80/99

Annex Declaration on chemical weapons

We, the Heads of State and Government, meet in New York.

1. We recall our commitment to the Convention. 2. We reaffirm the importance of cooperation in
the following areas:

(a) Assistance;

(b) Protection;

3. We call for universal adherence.
"""


@pytest.fixture(scope="module")
def adopted():
    return parse(ADOPTED_RAW, "en")


def texts(parsed):
    return {p.eid: p.text for p in parsed.paragraphs}


def calls(parsed):
    return {p.eid: [r.number for r in p.refs] for p in parsed.paragraphs if p.refs}


def test_it_derives_the_symbol_and_reads_the_adopted_masthead(adopted):
    header = adopted.header
    assert header.symbol == "A/RES/80/99"
    assert header.kind == "resolution"
    assert header.adopted == "2025-12-01" and header.date == "2025-12-03"
    assert header.report == "A/80/534" and header.draft == ""
    assert header.meeting == 52
    assert header.agenda_item == "99 (d)"
    assert header.agenda_title == (
        "General and complete disarmament: implementation of the Convention on the Prohibition of Chemical Weapons"
    )
    assert adopted.title.startswith("Implementation of the Convention on the Prohibition of the Development")
    assert adopted.title.endswith("Production, Stockpiling and Use of Chemical Weapons and on Their Destruction")


def test_it_finds_the_structure(adopted):
    eids = [p.eid for p in adopted.paragraphs]
    assert eids == [
        "pp1",
        "pp2",
        "pp3",
        "pp4",
        "sec1",
        "op1",
        "op2",
        "op3",
        "op3.a",
        "op3.b",
        "op4",
        "annex1",
        "annex1.title",
        "annex1.pp1",
        "annex1.para1",
        "annex1.para2",
        "annex1.para2.a",
        "annex1.para2.b",
        "annex1.para3",
    ]
    kinds = {p.eid: p.kind for p in adopted.paragraphs}
    assert kinds["sec1"] == "heading" and kinds["annex1.title"] == "heading"
    assert kinds["op3.a"] == "subparagraph" and kinds["annex1.para2.a"] == "annex"
    assert texts(adopted)["annex1.title"] == "Declaration on chemical weapons"


def test_no_page_furniture_is_left_in_paragraphs(adopted):
    for text in texts(adopted).values():
        assert "---" not in text
        assert "A/RES/80/99" not in text
        assert "plenary meeting" not in text
        assert "Prohibition of the Development" not in text or text.startswith("Implementation")
    assert texts(adopted)["pp4"] == "Noting also the international levels of cooperation reached in the region,"
    assert adopted.closing_lines == ["52nd plenary meeting 1 December 2025"]


def test_it_finds_footnote_calls_in_every_position(adopted):
    assert calls(adopted) == {"pp1": ["1"], "pp2": ["2", "2"], "pp3": ["3", "4", "5"]}
    pp1, pp2, pp3 = (adopted.paragraph(e) for e in ("pp1", "pp2", "pp3"))
    assert pp1.text.startswith(
        "Recalling the Final Document of the Tenth Special Session of the General Assembly (SSOD-IV),"
    )
    assert pp1.text[: pp1.refs[0].offset].endswith("(SSOD-IV),")
    assert "GC(69)/RES/9 A.2 by" in pp2.text  # a symbol, not a call
    assert "resolution 79/7 of 2 December 2024" in pp1.text
    assert pp2.text[: pp2.refs[0].offset].endswith("Rights of the Child")
    assert pp3.text[: pp3.refs[0].offset].endswith("common future”;")
    assert pp3.text[: pp3.refs[1].offset].endswith("Programme of Action")
    assert pp3.text.endswith("Review Conference,")  # the call after a space at the end: no merge


def test_it_reads_footnotes_that_begin_with_a_year_or_run_over_a_page(adopted):
    notes = {f.number: f.text for f in adopted.footnotes}
    assert list(notes) == ["1", "2", "3", "4", "5"]
    assert notes["3"] == "Ibid."
    assert notes["5"].startswith("2010 Review Conference of the Parties")
    assert notes["5"].endswith("conclusions and recommendations for follow-on actions (NPT/CONF.2010/50 (Vol. I)).")


def test_numbering_continuity_keeps_a_paragraph_whose_last_line_was_lost(adopted):
    assert texts(adopted)["op2"].endswith("at its eighty-first session and to")
    assert texts(adopted)["op3"].endswith("and in this regard:")
    assert texts(adopted)["op3.a"] == "Encourages Member States to cooperate;"


def test_it_repairs_compounds_split_after_their_hyphen(adopted):
    assert "the high-level meetings and the Nuclear-Test-Ban Treaty;" in texts(adopted)["op1"]


def test_paragraphs_run_into_one_line_are_cut_by_their_numbers(adopted):
    assert texts(adopted)["annex1.para1"] == "We recall our commitment to the Convention."
    assert texts(adopted)["annex1.para2"].startswith("We reaffirm the importance")


REFLOWED = """United Nations

General Assembly Distr.: General 3 December 2025

Eightieth session Agenda item 7 Organization of work

Resolution adopted by the General Assembly on 19 September 2025

[without reference to a Main Committee (A/80/L.2/Rev.1)]

80/98. Participation in the session

The General Assembly,

Recalling the Agreement[^1] and its resolution 79/1,2

1. Decides that the delegation may participate;

Requests the Secretary-General to report.

19th plenary meeting 19 September 2025

---

[^1]: United Nations, Treaty Series, vol. 11, No. 147; see also
    resolution 169 (II).

[^2]: Resolution 79/1.
"""


def test_it_reads_markdown_footnotes_and_a_paragraph_that_lost_its_number():
    parsed = parse(REFLOWED, "en")
    assert parsed.header.symbol == "A/RES/80/98"
    assert parsed.header.draft == "A/80/L.2/Rev.1"
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "op1", "op2"]
    assert calls(parsed) == {"pp1": ["1", "2"]}
    assert parsed.paragraph("pp1").text == "Recalling the Agreement and its resolution 79/1,"
    assert parsed.footnotes[0].text == "United Nations, Treaty Series, vol. 11, No. 147; see also resolution 169 (II)."
    assert any("lost its number" in w for w in parsed.warnings)


DECLARATION = """United Nations A/RES/80/97

General Assembly Distr.: General 4 November 2025

Eightieth session Agenda item 25 (b) Social development

Resolution adopted by the General Assembly on 4 November 2025

[without reference to a Main Committee (A/80/L.5)]

80/97. Political Declaration of the Summit

The General Assembly

Adopts the Political Declaration of the Summit, as contained in the annex to the present resolution.

28th plenary meeting 4 November 2025

Annex

Political Declaration of the Summit

I. Our commitments

1. We, Heads of State and Government, have gathered in Doha.

2. We acknowledge the urgent need to act.
We are committed to its full implementation.

II. Follow-up

3. We decide to review progress in 2030.
"""


def test_it_reads_a_declaration_adopted_with_an_annex():
    parsed = parse(DECLARATION, "en")
    assert parsed.enacting_formula == "The General Assembly"
    assert [(p.eid, p.kind, p.number) for p in parsed.paragraphs] == [
        ("op1", "operative", ""),
        ("annex1", "heading", ""),
        ("annex1.title", "heading", ""),
        ("annex1.sec1", "heading", "I"),
        ("annex1.para1", "annex", "1"),
        ("annex1.para2", "annex", "2"),
        ("annex1.sec2", "heading", "II"),
        ("annex1.para3", "annex", "3"),
    ]
    assert parsed.paragraph("annex1.para2").text.endswith("We are committed to its full implementation.")


FRENCH_ADOPTED = """Nations Unies A/RES/80/96

Assemblée générale Distr. générale 3 décembre 2025

Quatre-vingtième session Point 99 d) de l’ordre du jour Désarmement général et complet

Résolution adoptée par l’Assemblée générale le 1er décembre 2025

[sur la base du rapport de la Première Commission (A/80/534, par. 7)]

80/96. Désarmement régional

L’Assemblée générale,

Rappelant ses résolutions sur le désarmement régional1,

Considérant que le désarmement est essentiel,

1. Décide de rester saisie de la question ;

2. Prie le Secrétaire général de lui présenter un rapport.

52e séance plénière 1er décembre 2025

1 Voir A/79/1.
"""


def test_it_reads_a_french_adopted_resolution():
    parsed = parse(FRENCH_ADOPTED, "fr")
    header = parsed.header
    assert header.symbol == "A/RES/80/96"
    assert header.adopted == "2025-12-01" and header.meeting == 52
    assert header.report == "A/80/534" and header.agenda_item == "99 (d)"
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "pp2", "op1", "op2"]
    assert calls(parsed) == {"pp1": ["1"]}
    assert parsed.closing_lines == ["52e séance plénière 1er décembre 2025"]


def test_a_real_text_with_every_feature_imports_and_reads(db, languages, client):
    from reading_room.ingest.importer import import_texts

    result = import_texts(en=ADOPTED_RAW)
    document = result.document
    assert document.symbol == "A/RES/80/99"
    assert (document.adopted.isoformat(), document.meeting, document.report) == ("2025-12-01", 52, "A/80/534")
    pp2 = document.paragraphs.get(eid="pp2").texts.get(language="en")
    assert sorted(number for _offset, number in pp2.get_calls()) == ["2", "2"]  # one footnote, called twice
    assert client.get("/A/RES/80/99/").status_code == 200
    data = client.get("/api/documents/A/RES/80/99").json()
    assert (data["adopted"], data["meeting"], data["report"], data["draft"]) == ("2025-12-01", 52, "A/80/534", None)


CARRIED_OVER = """United Nations

General Assembly Distr.: General 3 December 2025

Eightieth session Agenda item 20 Sustainable development

Resolution adopted by the General Assembly on 1 December 2025

[on the report of the Second Committee (A/80/540, para. 9)]

80/95. Possible risks of the integration of artificial intelligence into

The General Assembly,

Recalling the Paris Agreement and the Sustainable Development Goals,

1 Resolution 70/1.

Possible risks of the integration of artificial intelligence into command, control and

United Nations Framework Convention on Climate Change,1 and the Sendai Framework,

Noting the report,

1. Decides to act.

45th plenary meeting 1 December 2025
"""


def test_a_preambular_paragraph_goes_on_over_a_page_even_with_a_capital():
    parsed = parse(CARRIED_OVER, "en")
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "pp2", "op1"]
    assert parsed.paragraph("pp1").text == (
        "Recalling the Paris Agreement and the Sustainable Development Goals, "
        "United Nations Framework Convention on Climate Change, and the Sendai Framework,"
    )
    assert calls(parsed) == {"pp1": ["1"]}


SECURITY_COUNCIL = """United Nations S/RES/2719 (2023)

Security Council Distr.: General 21 December 2023

Resolution 2719 (2023)

Adopted by the Security Council at its 9518th meeting, on 21 December 2023

The Security Council,

Recalling its previous resolutions,

Determined to strengthen cooperation,

1. Decides to act;

2. Decides to remain seized of the matter.
"""


def test_it_reads_a_security_council_resolution():
    parsed = parse(SECURITY_COUNCIL, "en")
    assert parsed.header.symbol == "S/RES/2719 (2023)"
    assert parsed.header.adopted == "2023-12-21"
    assert [p.eid for p in parsed.paragraphs] == ["pp1", "pp2", "op1", "op2"]


def test_a_text_that_is_no_resolution_is_refused_with_the_line():
    from reading_room.parsing.document import ParseError

    with pytest.raises(ParseError, match=r"no enacting formula .* 3 lines read, the first: “Minutes of the meeting”"):
        parse("Minutes of the meeting\n\nThe chair opened the meeting.", "en")
    with pytest.raises(ParseError, match=r"no paragraphs found after the enacting formula \(line 3\)"):
        parse("Title\n\nThe General Assembly,\n", "en")


def test_a_reflowed_text_that_kept_a_page_foot_footnote_has_each_footnote_once():
    kept = REFLOWED.replace("Requests the Secretary-General", "2 Resolution 79/1.\n\nRequests the Secretary-General")
    parsed = parse(kept, "en")
    assert [(f.number, f.text) for f in parsed.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 11, No. 147; see also resolution 169 (II)."),
        ("2", "Resolution 79/1."),
    ]


def test_a_recorded_vote_is_read_and_shown(db, languages, client):
    from reading_room.ingest.importer import import_texts

    voted = REFLOWED.replace(
        "[without reference to a Main Committee (A/80/L.2/Rev.1)]",
        "[without reference to a Main Committee (A/80/L.2/Rev.1)]\n\n[Adopted by a recorded vote of 145 to 5, with 6 abstentions]",
    )
    assert parse(voted, "en").header.vote == "Adopted by a recorded vote of 145 to 5, with 6 abstentions"
    import_texts(en=voted)
    assert client.get("/api/documents/A/RES/80/98").json()["vote"].startswith("Adopted by a recorded vote of 145")
    assert "Adopted by a recorded vote of 145 to 5" in client.get("/A/RES/80/98/").content.decode()
