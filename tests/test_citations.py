"""UN-style citations of a paragraph, in English and French, and the buttons that copy them."""

import pytest

from reading_room.reader.cite import (
    citation,
    paragraph_reference,
    short_label,
)
from reading_room.reader.number_words import ordinal


@pytest.mark.parametrize(
    "n, english, french",
    [
        (1, "first", "premier"),
        (2, "second", "deuxième"),
        (3, "third", "troisième"),
        (5, "fifth", "cinquième"),
        (9, "ninth", "neuvième"),
        (11, "eleventh", "onzième"),
        (12, "twelfth", "douzième"),
        (17, "seventeenth", "dix-septième"),
        (20, "twentieth", "vingtième"),
        (21, "twenty-first", "vingt et unième"),
        (22, "twenty-second", "vingt-deuxième"),
        (31, "thirty-first", "trente et unième"),
        (71, "seventy-first", "soixante et onzième"),
        (79, "seventy-ninth", "soixante-dix-neuvième"),
        (80, "eightieth", "quatre-vingtième"),
        (81, "eighty-first", "quatre-vingt-unième"),
        (99, "ninety-ninth", "quatre-vingt-dix-neuvième"),
    ],
)
def test_it_spells_ordinals_in_both_languages(n, english, french):
    assert ordinal(n, "en") == english
    assert ordinal(n, "fr") == french


@pytest.mark.parametrize(
    "eid, language, expected",
    [
        ("op3", "en", "A/79/L.124, para. 3"),
        ("op3", "fr", "A/79/L.124, par. 3"),
        ("pp11", "en", "A/79/L.124, eleventh preambular paragraph"),
        ("pp11", "fr", "A/79/L.124, onzième alinéa du préambule"),
        ("pp1", "fr", "A/79/L.124, premier alinéa du préambule"),
        ("pp31", "en", "A/79/L.124, thirty-first preambular paragraph"),
        ("pp31", "fr", "A/79/L.124, trente et unième alinéa du préambule"),
        ("op2.a", "en", "A/79/L.124, para. 2 (a)"),
        ("op2.a", "fr", "A/79/L.124, par. 2 a)"),
        ("op2.a.i", "en", "A/79/L.124, para. 2 (a) (i)"),
        ("op2.a.i", "fr", "A/79/L.124, par. 2 a) i)"),
    ],
)
def test_it_cites_paragraphs_the_un_way(eid, language, expected):
    assert citation("A/79/L.124", eid, language) == expected


def test_a_preamble_beyond_ninety_nine_is_cited_by_number():
    assert paragraph_reference("pp120", "en") == "preambular paragraph 120"
    assert paragraph_reference("pp120", "fr") == "alinéa 120 du préambule"


def test_the_short_label_is_the_negotiators_shorthand():
    assert short_label("op3") == "op. 3"
    assert short_label("pp11") == "pp. 11"
    assert short_label("op2.a") == "op. 2 (a)"


@pytest.mark.django_db
def test_each_language_of_a_row_has_a_copy_citation_button(client, sample):
    html = client.get("/A/79/L.124/").content.decode()
    assert 'data-copy-text="A/79/L.124, para. 3"' in html
    assert 'data-copy-text="A/79/L.124, par. 3"' in html
    assert 'data-copy-text="A/79/L.124, eleventh preambular paragraph"' in html
    assert 'data-copy-text="A/79/L.124, onzième alinéa du préambule"' in html
    assert 'aria-label="Cite EN: op3 in English"' in html and 'aria-label="Cite FR: op3 in French"' in html


@pytest.mark.django_db
def test_the_citation_buttons_cite_in_each_language(client, sample):
    html = client.get("/A/79/L.124/?view=fr").content.decode()
    assert 'data-copy-text="A/79/L.124, par. 3"' in html
    assert 'data-copy-text="A/79/L.124, para. 3"' in html  # the tools cite in every language, whatever is shown


@pytest.mark.django_db
def test_the_paragraph_page_has_the_citation_buttons_too(client, sample):
    html = client.get("/A/79/L.124/pp11/").content.decode()
    assert 'data-copy-text="A/79/L.124, onzième alinéa du préambule"' in html


@pytest.mark.django_db
def test_the_button_labels_follow_the_interface_language(client, sample):
    html = client.get("/A/79/L.124/", headers={"Accept-Language": "fr"}).content.decode()
    assert 'aria-label="Citer EN : op3 en anglais"' in html
    assert ">Citer FR</button>" in html
