"""Search through the test client: language rules, phrases, filters, pages, htmx, bad input, queries.

The same tests run on SQLite (FTS5 + Snowball stems) and PostgreSQL (tsvector + GIN).
"""

import importlib.util
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reading_room.documents.models import Document, DocumentText, Paragraph, ParagraphText, StateName
from reading_room.search.models import SearchEntry
from reading_room.search.text import Query, highlight, stems
from tests.factories import make_texts_document

pytestmark = pytest.mark.django_db

EN_FR = [
    (
        "pp1",
        "preambular",
        {
            "en": ("Recalling", "Recalling the meeting held in Dushanbe on 16 September 2021,"),
            "fr": ("Rappelant", "Rappelant la réunion tenue à Douchanbé le 16 septembre 2021,"),
        },
    ),
    (
        "pp2",
        "preambular",
        {
            "en": ("Recalling also", "Recalling also the States sponsoring the Regional Anti-Terrorist Structure,"),
            "fr": ("Rappelant en outre", "Rappelant en outre la lutte contre le terrorisme et la drogue,"),
        },
    ),
    (
        "op1",
        "operative",
        {
            "en": ("Requests", "Requests the Secretary-General to cooperate with the Organization;"),
            "fr": ("Prie", "Prie le Secrétaire général de coopérer avec l’Organisation ;"),
        },
    ),
    (
        "op2",
        "operative",
        {
            "en": ("Decides", "Decides to remain seized of the matter of cooperation."),
            "fr": ("Décide", "Décide de poursuivre la lutte, par la coopération, contre la drogue et le terrorisme."),
        },
    ),
]


@pytest.fixture
def corpus(languages):
    one = make_texts_document(
        "A/79/L.7",
        EN_FR,
        footnotes=[("1", {"en": "Signed in Dushanbe.", "fr": "Signé à Douchanbé."})],
        sponsors=["KGZ", "CHN"],
        session=79,
        body="GA",
        kind="draft_resolution",
    )
    two = make_texts_document(
        "S/RES/2719(2023)",
        [
            (
                "op1",
                "operative",
                {
                    "en": ("Calls upon", "Calls upon States to counter terrorism and cooperation in Tashkent;"),
                    "fr": ("Demande", "Demande aux États de coopération et de lutte à Tachkent ;"),
                },
            )
        ],
        sponsors=["CHN"],
        session=78,
        body="SC",
        kind="resolution",
    )
    return one, two


def get(client, **params):
    response = client.get("/search", params)
    assert response.status_code == 200
    return response.content.decode()


def hits(html):
    """(symbol, paragraph label, language) of each hit, in order."""
    return re.findall(
        r'<span class="hit-symbol">([^<]+)</span> <span class="hit-id">([^<]+)</span>.*?'
        r'<p class="hit-snippet" lang="(\w+)"',
        html,
        re.S,
    )


def summary(html):
    return re.sub(r"\s+", " ", re.search(r'class="search-summary" role="status">(.*?)</p>', html, re.S).group(1))


# --- language rules -------------------------------------------------------------------------------------------


def test_it_stems_english(client, corpus):
    assert ("A/79/L.7", "pp2", "en") in hits(get(client, q="sponsor"))
    assert ("A/79/L.7", "pp2", "en") in hits(get(client, q="sponsors"))
    found = hits(get(client, q="cooperation", lang="en"))
    assert ("A/79/L.7", "op1", "en") in found  # "cooperate"
    assert ("A/79/L.7", "op2", "en") in found  # "cooperation"


def test_it_stems_french(client, corpus):
    found = hits(get(client, q="coopérer", lang="fr"))
    assert ("A/79/L.7", "op1", "fr") in found
    assert ("A/79/L.7", "op2", "fr") in found  # coopération
    assert ("S/RES/2719(2023)", "op1", "fr") in found


def test_it_ignores_accents_and_case(client, corpus):
    for q in ("Douchanbe", "DOUCHANBÉ", "douchanbé"):
        found = hits(get(client, q=q, lang="fr"))
        assert ("A/79/L.7", "pp1", "fr") in found, q
    assert ("A/79/L.7", "op1", "fr") in hits(get(client, q="secretaire general", lang="fr"))


def test_each_language_uses_its_own_rules(client, corpus):
    # "Dushanbe" is English, "Douchanbé" French: each finds its own language's text
    assert {h[2] for h in hits(get(client, q="Dushanbe"))} == {"en"}
    assert {h[2] for h in hits(get(client, q="Douchanbé"))} == {"fr"}


def test_a_phrase_needs_its_words_in_order(client, corpus):
    found = hits(get(client, q='"lutte contre le terrorisme"'))
    assert found == [("A/79/L.7", "pp2", "fr")]  # op2 has the words, not the phrase
    assert hits(get(client, q="« lutte contre le terrorisme »")) == found
    assert len(hits(get(client, q="lutte terrorisme"))) == 2
    assert hits(get(client, q='"Regional Anti-Terrorist Structure"')) == [("A/79/L.7", "pp2", "en")]


def test_minus_excludes_and_or_widens(client, corpus):
    assert hits(get(client, q="drogue -terrorisme")) == []
    assert len(hits(get(client, q="Tashkent or Dushanbe", lang="en"))) == 3  # two paragraphs and a footnote


def test_footnotes_are_searched(client, corpus):
    html = get(client, q="Dushanbe")
    assert ("A/79/L.7", "Footnote 1", "en") in hits(html)
    assert 'href="/A/79/L.7/?hl=Dushanbe#fn-en-1"' in html


# --- results ------------------------------------------------------------------------------------------------------


def test_a_hit_shows_symbol_title_id_snippet_and_the_other_language(client, corpus):
    html = get(client, q="Dushanbe", kind="preambular")
    assert hits(html) == [("A/79/L.7", "pp1", "en")]
    assert "A/79/L.7 title en" in html
    assert "held in <mark>Dushanbe</mark> on 16 September 2021" in html
    assert (
        '<p class="hit-other" lang="fr"><span class="lang-tag">FR</span> Rappelant la réunion tenue à <mark>Douchanbé</mark>'
        in html
    )
    assert 'href="/A/79/L.7/pp1/?hl=Dushanbe"' in html


def test_the_permalink_asks_for_the_words_as_they_matched(client, corpus):
    html = get(client, q="coopérer", lang="fr", kind="operative", session="79")
    assert 'href="/A/79/L.7/op2/?hl=coop%C3%A9ration"' in html
    assert 'href="/A/79/L.7/op1/?hl=coop%C3%A9rer"' in html


def test_the_permalink_loads_the_highlighter_only_when_asked(client, corpus):
    assert "js/search.js" in client.get("/A/79/L.7/op1/?hl=cooperate").content.decode()
    assert "js/search.js" not in client.get("/A/79/L.7/op1/").content.decode()


def test_snippets_are_escaped(client, languages):
    make_texts_document(
        "A/79/L.8", [("pp1", "preambular", {"en": ("", "Noting <script>alert(1)</script> & Dushanbe,")})]
    )
    html = get(client, q="Dushanbe")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>Dushanbe</mark>" in html


def test_the_search_page_has_a_real_form(client, corpus):
    html = get(client, q="Dushanbe")
    assert '<form id="search-form" class="search-form" role="search" action="/search" method="get"' in html
    assert '<label for="search-q">' in html and 'value="Dushanbe"' in html
    assert 'data-hx-trigger="submit, input changed delay:300ms' in html


def test_the_site_header_has_a_search_form(client, corpus):
    html = client.get("/").content.decode()
    assert 'class="site-search" role="search" action="/search" method="get"' in html
    assert '<label for="site-search-q"' in html


# --- filters and facets ---------------------------------------------------------------------------------------


def test_the_language_filter(client, corpus):
    assert {h[2] for h in hits(get(client, q="cooperation coopération", lang="fr"))} <= {"fr"}
    assert {h[2] for h in hits(get(client, q="terrorism", lang="en"))} == {"en"}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"body": "SC"}, {("S/RES/2719(2023)", "op1", "fr")}),
        ({"session": "79"}, {("A/79/L.7", "op1", "fr"), ("A/79/L.7", "op2", "fr")}),
        ({"type": "resolution"}, {("S/RES/2719(2023)", "op1", "fr")}),
        ({"sponsor": "KGZ"}, {("A/79/L.7", "op1", "fr"), ("A/79/L.7", "op2", "fr")}),
        ({"sponsor": "kgz", "kind": "preambular"}, set()),
        # a sponsor with the document filters: the sponsor's documents that they keep
        ({"sponsor": "CHN", "body": "SC"}, {("S/RES/2719(2023)", "op1", "fr")}),
        ({"sponsor": "CHN", "type": "draft_resolution"}, {("A/79/L.7", "op1", "fr"), ("A/79/L.7", "op2", "fr")}),
        ({"sponsor": "CHN", "session": "79", "type": "resolution"}, set()),
        (
            {"sponsor": "KGZ", "body": "GA", "session": "79", "kind": "operative"},
            {("A/79/L.7", "op1", "fr"), ("A/79/L.7", "op2", "fr")},
        ),
        ({"kind": "operative", "opening": "Prie"}, {("A/79/L.7", "op1", "fr")}),
    ],
)
def test_filters(client, corpus, filters, expected):
    assert set(hits(get(client, q="coopération", lang="fr", **filters))) == expected


def test_facets_count_the_matches(client, corpus):
    html = get(client, q="terrorisme OR terrorism OR drogue")
    facets = dict(
        (m.group(1), int(m.group(2)))
        for m in re.finditer(r'<a href="\?[^"]*"[^>]*>([^<]+)</a> <span class="count">(\d+)</span>', html)
    )
    # pp2 fr and op2 fr (A/79/L.7, GA, 79, sponsors KGZ and CHN); op1 en of S/RES/2719(2023) (SC, 78, CHN)
    assert facets["General Assembly"] == 2 and facets["Security Council"] == 1
    assert facets["Preambular"] == 1 and facets["Operative"] == 2
    assert facets["79"] == 2 and facets["78"] == 1
    assert facets["Kyrgyzstan"] == 2 and facets["State CHN"] == 3
    assert facets["Rappelant"] == 1  # "Rappelant en outre" counts as "Rappelant"
    assert facets["Calls upon"] == 1 and facets["Décide"] == 1
    assert 'href="?q=terrorisme+OR+terrorism+OR+drogue&amp;sponsor=KGZ"' in html


def test_sponsors_are_named_in_the_interface_language_else_in_english(client, corpus):
    StateName.objects.filter(state__iso3="CHN", language_id="fr").delete()
    client.cookies["django_language"] = "fr"
    html = get(client, q="terrorisme OR terrorism OR drogue")
    assert re.findall(r'sponsor=(\w+)"[^>]*>([^<]+)</a> <span class="count">(\d+)', html)[:2] == [
        ("CHN", "State CHN", "3"),  # no French name: the English one
        ("KGZ", "Kirghizistan", "2"),
    ]


def test_the_sponsor_facet_lists_the_most_frequent_first_up_to_twelve(client, languages):
    paragraphs = [("pp1", "preambular", {"en": ("Noting", "Noting Samarkand,")})]
    for number in range(14):
        sponsors = [f"S{chr(65 + i)}A" for i in range(number + 1)]  # SAA sponsors 14 documents, SNA one
        make_texts_document(f"A/79/L.{100 + number}", paragraphs, session=79, sponsors=sponsors)
    html = get(client, q="Samarkand")
    sponsors = re.findall(r'sponsor=(\w+)"[^>]*>[^<]+</a> <span class="count">(\d+)', html)
    assert sponsors == [(f"S{chr(65 + i)}A", str(14 - i)) for i in range(12)]


def test_a_chosen_filter_can_be_removed(client, corpus):
    html = get(client, q="terrorisme", body="GA", kind="operative")
    assert "Body: General Assembly" in html
    assert 'href="?q=terrorisme&amp;kind=operative"' in html  # removes the body


def test_the_filters_travel_with_the_form(client, corpus):
    html = get(client, q="terrorisme", body="GA")
    assert '<input type="hidden" name="body" value="GA" form="search-form">' in html


def test_invalid_filters_are_ignored(client, corpus):
    html = get(client, q="terrorisme", body="XX", session="abc", sponsor="1';", kind="nope", lang="zz", page="-3")
    assert len(hits(html)) == 2


# --- pages ----------------------------------------------------------------------------------------------------


@pytest.fixture
def many(languages):
    paragraphs = [(f"pp{i}", "preambular", {"en": ("Noting", f"Noting item {i} on Samarkand,")}) for i in range(1, 26)]
    return make_texts_document("A/79/L.30", paragraphs, session=79, sponsors=["KGZ"])


def test_results_paginate_and_the_url_carries_the_query(client, many):
    first = get(client, q="Samarkand", kind="preambular")
    assert len(hits(first)) == 20
    assert "1–20 of 25 matching texts" in summary(first)
    assert 'href="?q=Samarkand&amp;kind=preambular&amp;page=2"' in first
    second = get(client, q="Samarkand", kind="preambular", page="2")
    assert len(hits(second)) == 5
    assert "21–25 of 25" in summary(second)
    assert not {h[1] for h in hits(first)} & {h[1] for h in hits(second)}


def test_a_page_past_the_end_is_a_page_not_an_error(client, many):
    html = get(client, q="Samarkand", page="99")
    assert hits(html) == []
    assert "No results on this page" in html


def test_broad_searches_are_bounded_and_say_so(client, many, settings):
    settings.SEARCH_MAX_HITS = 10
    html = get(client, q="Samarkand")
    assert "1–10 of more than 10 matching texts" in summary(html)
    assert len(hits(html)) == 10
    assert 'href="?q=Samarkand&amp;page=2"' not in html


# --- htmx -------------------------------------------------------------------------------------------------------


def test_an_htmx_request_gets_only_the_results(client, corpus):
    response = client.get("/search", {"q": "Dushanbe"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "<form" not in html
    assert ("A/79/L.7", "pp1", "en") in hits(html)
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(client, corpus):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get("/search", {"q": "Dushanbe"}, headers=headers).content.decode()
    assert "<html" in html


# --- bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 10_000,
        "Dushanbe " * 2000,
        "'",
        "&",
        ":*",
        '"',
        '""',
        '"unclosed phrase',
        "' OR 1=1 --",
        "a & b | !c <-> d:*",
        "NEAR(a b) AND NOT c*",
        "stems : lang : en",
        "-",
        "-Dushanbe",
        "or",
        "the of and",
        "反恐怖主义",
        "Терроризм",
        "الإرهاب",
        "🙂🙂",
        "\x00Dushanbe",
        "%",
        "\\",
        "(((",
        "\u202e\u200b",
    ],
)
def test_bad_input_gets_a_sensible_page(client, corpus, q):
    response = client.get("/search", {"q": q})
    assert response.status_code == 200
    assert b"search-form" in response.content


def test_a_very_long_query_is_shortened_and_says_so(client, corpus):
    html = get(client, q="Dushanbe " + "x" * 10_000)
    assert "Only the first 200 characters of the query were searched." in summary(html)


def test_a_null_byte_does_not_break_the_search(client, corpus):
    assert ("A/79/L.7", "pp1", "en") in hits(get(client, q="\x00Dushanbe\x00"))


def test_post_is_not_allowed(client, corpus):
    assert client.post("/search", {"q": "x"}).status_code == 405


# --- queries ----------------------------------------------------------------------------------------------------


def warm(client):
    """PostgreSQL's lexeme statistics are read once every few minutes per process: not per page."""
    get(client, q="warm")


def test_the_results_page_makes_a_fixed_small_number_of_queries(client, many, corpus, django_assert_max_num_queries):
    warm(client)
    with django_assert_max_num_queries(7):
        html = get(client, q="Samarkand Dushanbe or Samarkand")
    assert len(hits(html)) == 20


def test_the_query_count_does_not_grow_with_the_hits(client, many, corpus):
    def count(**params):
        with CaptureQueriesContext(connection) as ctx:
            get(client, **params)
        return len(ctx)

    warm(client)
    assert count(q="Samarkand", lang="en") == count(q="Tashkent", lang="en")  # 20 hits and 1


def test_an_empty_query_makes_almost_none(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        get(client, q="")


# --- the index follows the data ---------------------------------------------------------------------------------


def test_the_index_follows_edits_and_deletes(client, corpus):
    text = ParagraphText.objects.get(paragraph__document__symbol="A/79/L.7", paragraph__eid="op1", language_id="en")
    text.text = "Requests the Secretary-General to report from Bishkek;"
    text.save()
    assert ("A/79/L.7", "op1", "en") in hits(get(client, q="Bishkek"))
    assert ("A/79/L.7", "op1", "en") not in hits(get(client, q="cooperate", lang="en"))
    text.delete()
    assert hits(get(client, q="Bishkek")) == []


def test_the_index_follows_paragraph_and_document_changes(client, corpus):
    Paragraph.objects.filter(document__symbol="A/79/L.7", eid="op1").update(kind="subparagraph")
    assert "Sub-paragraph" in get(client, q="Secretary-General")
    document = Document.objects.get(symbol="A/79/L.7")
    document.session = 80
    document.save()
    assert '<span class="count">' in (html := get(client, q="Secretary-General", session="80"))
    assert ("A/79/L.7", "op1", "en") in hits(html)


def test_unpublished_documents_and_languages_are_not_found(client, corpus):
    document = Document.objects.get(symbol="A/79/L.7")
    DocumentText.objects.filter(document=document, language_id="fr").update(published=False)
    assert hits(get(client, q="Douchanbé")) == []
    assert ("A/79/L.7", "pp1", "en") in hits(get(client, q="Dushanbe"))
    assert "Rappelant la réunion" not in get(client, q="Dushanbe")  # nor shown beside the English
    document.status = Document.Status.DRAFT
    document.save()
    assert hits(get(client, q="Dushanbe")) == []
    document.status = Document.Status.PUBLISHED
    document.save()
    assert ("A/79/L.7", "pp1", "en") in hits(get(client, q="Dushanbe"))


def test_deleting_a_document_empties_its_index_rows(corpus):
    corpus[0].delete()
    assert not SearchEntry.objects.filter(document_id=corpus[0].pk).exists()


def test_the_index_has_one_row_per_text(corpus):
    assert SearchEntry.objects.count() == ParagraphText.objects.count() + 2  # and two footnote texts
    entry = SearchEntry.objects.get(paragraph__eid="pp2", language_id="en", document=corpus[0])
    assert (entry.kind, entry.opening, entry.body, entry.session, entry.visible) == (
        "preambular",
        "Recalling",
        "GA",
        79,
        True,
    )


# --- the synthetic corpus ---------------------------------------------------------------------------------------


def generate_corpus():
    """bench/generate_corpus.py's command (a benchmark's tool, not the application's)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", settings.BASE_DIR / "bench" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Command()


@pytest.mark.django_db(transaction=True)
def test_generate_corpus_makes_searchable_documents(client, languages):
    out = StringIO()
    call_command(generate_corpus(), documents=3, batch=2, stdout=out)
    assert "Generated 3 documents" in out.getvalue()
    assert Document.objects.filter(key__startswith="A/SYN/").count() == 3
    visible_texts = ParagraphText.objects.filter(paragraph__document__status="published").count()
    assert SearchEntry.objects.filter(paragraph_text__isnull=False, visible=True).count() == visible_texts
    assert hits(get(client, q="Shanghai"))
    call_command(generate_corpus(), clear=True, documents=0, stdout=out)
    assert not Document.objects.filter(key__startswith="A/SYN/").exists()
    assert not SearchEntry.objects.exists()


# --- text analysis (no database) --------------------------------------------------------------------------------


def test_stems_match_postgresql_for_the_examples():
    assert stems("fr", "coopérer coopération Douchanbé États") == "cooper cooper douchanb etat"
    assert stems("en", "Sponsoring sponsors") == "sponsor sponsor"


def test_the_query_parser():
    query = Query.parse('Dushanbe "lutte contre" -drogue or 59/48 Anti-Terrorist, "Anti-Terrorist Structure"')
    assert query.websearch() == ('Dushanbe "lutte contre" -drogue or 59/48 Anti-Terrorist "Anti-Terrorist Structure"')
    assert query.fts5("fr") == (
        '(lang : "fr" AND stems : (("dushanb" AND "lutt contr" NOT "drogu") OR '
        '("59 48" AND "anti terrorist" AND "anti terrorist structur")))'
    )
    assert Query.parse("a & b | !c <-> d:*").websearch() == "a b c d"
    assert not Query.parse("'&:*\"")
    assert not Query.parse("-only -negative")
    assert not Query.parse("the of").fts5("en")


def test_the_highlighter_marks_words_and_escapes():
    query = Query.parse("coopérer")
    marked = highlight("La coopération <b> & le reste.", query, "fr")
    assert marked == "La <mark>coopération</mark> &lt;b&gt; &amp; le reste."


# --- broad queries: the newest matches, however the database finds them ----------------------------------------


@pytest.fixture
def statistics(monkeypatch):
    """Set what PostgreSQL's statistics say about the index (the search picks its way to read the
    newest matches from them); SQLite has one way. Returns a function taking the frequencies of
    lexemes and the histogram bounds of ids (None: the newest id)."""
    if connection.vendor != "postgresql":
        return lambda frequencies, bounds=None: None
    from reading_room.search.backends import postgres

    def set_statistics(frequencies: dict, bounds: list | None = None) -> None:
        newest = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first()
        values = {"rows": 1_000_000, "frequencies": frequencies, "at": 0, "bounds": bounds or [0, newest]}
        monkeypatch.setattr(postgres, "table_statistics", lambda: values)

    return set_statistics


def ids(html):
    return re.findall(r'href="/A/79/L\.30/(pp\d+)/', html)


def count_queries(client, **params) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        html = get(client, **params)
    return html, len(ctx)


# "samarkand" in half the rows, in 1 % (the newest ids above 0 or only just under the newest), or
# in none the statistics know of (every match through the index)
BROAD = [({"samarkand": 0.5}, None), ({"samarkand": 0.01}, [0, 1]), ({"samarkand": 0.01}, None), ({}, None)]


@pytest.mark.parametrize(("frequencies", "bounds"), BROAD, ids=["common", "middling", "middling-narrow", "rare"])
def test_a_bounded_search_shows_the_newest_matches(client, many, statistics, settings, frequencies, bounds):
    """With SEARCH_MAX_HITS matches counted, they are the newest (pp25 … pp22 were written last),
    in the same number of queries whichever way they are read."""
    warm(client)
    settings.SEARCH_MAX_HITS = 4
    _html, expected_queries = count_queries(client, q="item 7")  # one match, found at once
    statistics(frequencies, bounds)
    html, queries = count_queries(client, q="Samarkand")
    assert "1–4 of more than 4 matching texts" in summary(html)
    assert sorted(ids(html)) == ["pp22", "pp23", "pp24", "pp25"]
    assert queries == expected_queries


def test_words_common_alone_but_rare_together_find_their_old_match(client, many, statistics, settings):
    """Each word looks common, but together they match one old paragraph, not among the newest rows."""
    warm(client)
    settings.SEARCH_MAX_HITS = 4
    statistics({"samarkand": 0.5, "item": 0.5, "3": 0.5})
    html, queries = count_queries(client, q="Samarkand item 3")
    assert ids(html) == ["pp3"]
    assert "1–1 of 1 matching texts" in summary(html)
    assert queries == count_queries(client, q="item 7")[1]


def test_old_and_new_matches_alike_are_counted_up_to_the_bound(client, many, statistics, settings):
    """A search whose matches are mostly old and a few new counts them all, newest first."""
    make_texts_document("A/79/L.31", [("op1", "operative", {"en": ("Notes", "Notes Samarkand again,")})])
    statistics({"samarkand": 0.5})
    settings.SEARCH_MAX_HITS = 30
    html = get(client, q="Samarkand")
    assert "1–20 of 26 matching texts" in summary(html)
    settings.SEARCH_MAX_HITS = 3
    html = get(client, q="Samarkand", kind="preambular")
    assert sorted(ids(html)) == ["pp23", "pp24", "pp25"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lexemes and statistics")
def test_a_compound_counts_at_its_own_share_a_phrase_at_half(statistics):
    """PostgreSQL indexes "Anti-Terrorist" whole as well as by its parts: the share of that lexeme
    is the share of the compound; "quoted words" match less often than the rarest of them."""
    from reading_room.search.backends.postgres import estimated_share

    statistics({"anti-terrorist": 0.01, "anti": 0.04, "terrorist": 0.02, "structur": 0.1})
    assert estimated_share(Query.parse("Anti-Terrorist"), ["en"]) == (0.01, 0.01)
    assert estimated_share(Query.parse('"anti terrorist"'), ["en"]) == (0.01, 0.01)
    likely, most = estimated_share(Query.parse("Anti-Terrorist Structure"), ["en"])
    assert most == 0.01 and likely == pytest.approx((0.01 * 0.01 * 0.1) ** 0.5)


def test_filters_chosen_before_typing_show_and_stay(client, corpus):
    html = get(client, sponsor="KGZ")
    assert "Sponsor: KGZ" in html
    assert '<input type="hidden" name="sponsor" value="KGZ" form="search-form">' in html


def test_while_typing_the_last_word_matches_the_words_it_begins(client, corpus):
    typing = {"HX-Request": "true", "X-Search-Typing": "1"}
    html = client.get("/search", {"q": "Dushan"}, headers=typing).content.decode()
    assert ("A/79/L.7", "pp1", "en") in hits(html)
    assert "<mark>Dushanbe</mark>" in html
    # submitted, a word is a word: no prefix
    assert "No paragraph matches" in get(client, q="Dushan")
    # a word typed past its stem ("cooperatio": stem "cooper") still matches
    html = client.get("/search", {"q": "Dushanbe meetin"}, headers=typing).content.decode()
    assert ("A/79/L.7", "pp1", "en") in hits(html)


@pytest.mark.parametrize(
    "q, location",
    [
        ("A/79/L.7", "/A/79/L.7/"),
        ("a/79/l.7 pp1", "/A/79/L.7/pp1/"),
        ("A/79/L.7, para. 1", "/A/79/L.7/op1/"),
        ("A/79/L.7 op99", "/A/79/L.7/"),  # no such paragraph: the document
    ],
)
def test_a_symbol_goes_to_its_document(client, corpus, q, location):
    response = client.get("/search", {"q": q})
    assert response.status_code == 302 and response["Location"] == location
    typing = client.get("/search", {"q": q}, headers={"HX-Request": "true", "X-Search-Typing": "1"})
    assert typing.status_code == 200 and "Go to" in typing.content.decode()  # offered above the results
