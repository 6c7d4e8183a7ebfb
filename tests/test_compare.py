"""Comparing two documents: the page /compare/, the API /api/compare, the reader's "Compare with…"
and a paragraph's counterparts, on two versions of the bundled sample made here."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from reading_room.compare import comparison
from reading_room.documents.models import Document, FootnoteText, ParagraphText
from tests.factories import make_document, make_state
from tests.versions import make_version, replace

pytestmark = pytest.mark.django_db

OLD, NEW = "A/79/L.124", "A/80/L.20"
INSERTED = {
    "en": ("Welcoming", "Welcoming the adoption of the programme of cooperation for the years 2026 to 2030,"),
    "fr": ("Se félicitant", "Se félicitant de l’adoption du programme de coopération pour les années 2026 à 2030,"),
}


def negotiated(paragraphs):
    """The sample as next year's text: pp2 edited, pp10 removed, a paragraph inserted after pp3,
    op2 and op3 swapped, op1 split in two."""
    ps = list(paragraphs)
    ps[1] = (ps[1][0], replace(ps[1][1], {"en": ("Articles", "provisions"), "fr": ("articles", "dispositions")}))
    del ps[9]
    ps.insert(3, ("preambular", INSERTED))
    ops = [i for i, (kind, _texts) in enumerate(ps) if kind == "operative"]
    ps[ops[1]], ps[ops[2]] = ps[ops[2]], ps[ops[1]]
    (en_lead, en), (fr_lead, fr) = ps[ops[0]][1]["en"], ps[ops[0]][1]["fr"]
    i, j = en.index(", and notes"), fr.index(", et prend note")
    ps[ops[0] : ops[0] + 1] = [
        ("operative", {"en": (en_lead, en[:i] + ";"), "fr": (fr_lead, fr[:j] + " ;")}),
        ("operative", {"en": ("Notes", "Notes" + en[i + 11 :]), "fr": ("Prend note", "Prend note" + fr[j + 15 :])}),
    ]
    return ps


@pytest.fixture
def versions(sample):
    return sample, make_version(sample, NEW, negotiated, session=80)


# What both languages must say about the two versions: (from, to, status)
EXPECTED = (
    [("pp1", "pp1", "unchanged"), ("pp2", "pp2", "changed"), ("pp3", "pp3", "unchanged"), (None, "pp4", "added")]
    + [(f"pp{n}", f"pp{n + 1}", "unchanged") for n in range(4, 10)]
    + [("pp10", None, "removed")]
    + [(f"pp{n}", f"pp{n}", "unchanged") for n in range(11, 32)]
    + [("op1", "op1", "changed"), ("op1", "op2", "changed"), ("op3", "op3", "moved"), ("op2", "op4", "moved")]
    + [("op4", "op5", "unchanged"), ("op5", "op6", "unchanged")]
)


def api(client, **params):
    response = client.get("/api/compare", params)
    return response, response.json()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_two_versions_of_the_sample_give_exact_statuses(client, versions, language):
    response, data = api(client, **{"from": OLD, "to": NEW, "lang": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert (data["from"], data["to"], data["language"]) == (OLD, NEW, language)
    assert [(p["from"], p["to"], p["status"]) for p in data["paragraphs"]] == EXPECTED
    assert data["summary"] == {"unchanged": 31, "changed": 3, "added": 1, "removed": 1, "moved": 2}


def test_the_changed_paragraph_has_its_word_diff(client, versions):
    _response, data = api(client, **{"from": OLD, "to": NEW})
    pp2 = data["paragraphs"][1]
    assert pp2["diff"][:3] == [
        {"op": "equal", "text": "Recalling also the "},
        {"op": "delete", "text": "Articles"},
        {"op": "insert", "text": "provisions"},
    ]
    assert all("diff" not in p for p in data["paragraphs"] if p["status"] in ("unchanged", "added", "removed"))
    assert all("diff" not in p for p in data["paragraphs"] if p["status"] == "moved")  # moved, words untouched


def test_each_piece_of_a_split_shows_its_own_share(client, versions):
    _response, data = api(client, **{"from": OLD, "to": NEW, "lang": "fr"})
    first, second = data["paragraphs"][-6:-4]
    assert first["diff"][-2:] == [{"op": "delete", "text": ", et prend"}, {"op": "insert", "text": " ;"}]
    assert second["diff"][0] == {"op": "insert", "text": "Prend"}
    assert second["diff"][1]["op"] == "equal" and second["diff"][1]["text"].startswith(" note des activités")


def test_a_document_compared_with_itself_is_all_unchanged(client, sample):
    for language in ("en", "fr"):
        _response, data = api(client, **{"from": OLD, "to": OLD, "lang": language})
        assert {p["status"] for p in data["paragraphs"]} == {"unchanged"}
        assert data["summary"]["unchanged"] == 36 == len(data["paragraphs"])
        assert all(p["from"] == p["to"] for p in data["paragraphs"])
    html = client.get("/compare/", {"from": OLD, "to": OLD}).content.decode()
    assert "No paragraph changed." in html and "none of the 8 changed." in html


def test_the_api_answers_bad_requests_with_a_message(client, versions, languages):
    make_document("A/80/L.3", languages=("en",))
    cases = [
        ({"to": NEW}, 400, "from: This field is required."),
        ({"from": OLD, "to": ""}, 400, "to: This field is required."),
        ({"from": OLD, "to": NEW, "lang": "english"}, 400, "lang: Enter a value matching"),
        ({"from": OLD, "to": "nonsense\x00"}, 400, "to: Enter a value matching"),
        ({"from": OLD, "to": NEW, "lang": "es"}, 404, "A/79/L.124 has no published text in es."),
        ({"from": OLD, "to": "A/80/L.3", "lang": "fr"}, 404, "A/80/L.3 has no published text in fr."),
        ({"from": "A/79/L.999", "to": NEW}, 404, "No document with the symbol A/79/L.999."),
        ({"from": OLD, "to": "A/" + "9" * 200}, 404, "No document with the symbol"),
    ]
    for params, status, message in cases:
        response, data = api(client, **params)
        assert response.status_code == status, params
        assert message in data["error"], params
    refused = client.post("/api/compare", {"from": OLD, "to": NEW})
    assert refused.status_code == 405 and "read-only" in refused.json()["error"]


def test_a_draft_document_cannot_be_compared(client, versions):
    _old, new = versions
    new.status = Document.Status.DRAFT
    new.save()
    assert api(client, **{"from": OLD, "to": NEW})[0].status_code == 404
    assert client.get("/compare/", {"from": OLD, "to": NEW}).status_code == 404


def test_the_api_matches_its_openapi_description(client, versions):
    spec = client.get("/api/openapi.json").json()
    operation = spec["paths"]["/api/compare"]["get"]
    assert [(p["name"], p["required"]) for p in operation["parameters"] if p["in"] == "query"] == [
        ("from", True),
        ("to", True),
        ("lang", False),
    ]
    assert set(operation["responses"]) == {"200", "304", "400", "404", "503"}

    def check(data, schema):
        validator = Draft202012Validator({**spec, "$ref": f"#/components/schemas/{schema}"})
        assert [e.message for e in validator.iter_errors(data)] == []

    check(api(client, **{"from": OLD, "to": NEW})[1], "Comparison")
    check(api(client, **{"from": NEW, "to": OLD, "lang": "fr"})[1], "Comparison")
    check(api(client, **{"from": OLD})[1], "Error")
    check(api(client, **{"from": OLD, "to": "A/1/2"})[1], "Error")


def test_the_api_answers_conditional_requests(client, versions):
    _old, new = versions
    response = client.get("/api/compare", {"from": OLD, "to": NEW})
    etag = response["ETag"]
    again = client.get("/api/compare", {"from": OLD, "to": NEW}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert (
        client.get("/api/compare", {"from": OLD, "to": NEW, "lang": "fr"}, headers={"If-None-Match": etag}).status_code
        == 200
    )
    text = ParagraphText.objects.get(paragraph__document=new, paragraph__eid="op6", language_id="en")
    text.text += " Amended."
    text.save()
    changed = client.get("/api/compare", {"from": OLD, "to": NEW}, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["paragraphs"][-1]["status"] == "changed"


# The page


def page(client, **params):
    response = client.get("/compare/", params)
    return response, response.content.decode()


def test_the_page_summarises_per_part_and_shows_tracked_changes(client, versions):
    response, html = page(client, **{"from": OLD, "to": NEW})
    assert response.status_code == 200
    assert "Paragraphs (English)" in html and "Paragraphs (Français)" in html
    assert '<th scope="row">Preamble</th><td><a href="#to-pp1">29</a></td><td><a href="#to-pp2">1</a></td>' in html
    assert '<th scope="row">Operative part</th><td><a href="#to-op5">2</a></td><td><a href="#to-op1">2</a></td>' in html
    assert '<del><span class="visually-hidden" lang="en">[deleted: </span>Articles' in html
    assert '<ins><span class="visually-hidden" lang="en">[inserted: </span>provisions' in html
    assert "op1 was split into op1 and op2" in html
    assert "moved: was op2" in html and "was pp4" in html
    assert 'id="from-pp10"' in html  # the removed paragraph, at its old place
    assert html.index('id="to-pp10"') < html.index('id="from-pp10"') < html.index('id="to-pp11"')


def test_the_page_jumps_from_change_to_change(client, versions):
    _response, html = page(client, **{"from": OLD, "to": NEW})
    assert (
        '<a class="first-change" href="#to-pp2">Go to the first change</a> <span class="count">(7 in all)</span>'
        in html
    )
    row = html[html.index('id="to-pp4"') : html.index('id="to-pp5"')]
    assert (
        'data-change="2"' in row and 'href="#to-pp2">Previous change' in row and 'href="#from-pp10">Next change' in row
    )
    assert 'src="/static/js/compare.js"' in html


def test_the_page_shows_one_language_or_both(client, versions):
    _response, html = page(client, **{"from": OLD, "to": NEW, "lang": "fr"})
    assert 'class="ccell cell-changed" lang="fr"' in html and 'lang="en" dir="ltr"' not in html
    assert "dispositions" in html and "provisions" not in html
    _response, both = page(client, **{"from": OLD, "to": NEW, "lang": "nonsense"})
    assert "provisions" in both and "dispositions" in both  # an unknown choice shows both


def test_the_page_can_show_only_the_changes(client, versions):
    _response, html = page(client, **{"from": OLD, "to": NEW, "only": "changes"})
    assert 'id="to-pp1"' not in html and 'id="to-pp2"' in html
    assert "(unchanged paragraphs not shown: 31)" in html


def test_a_change_in_one_language_only_is_flagged(client, sample):
    def english_only(ps):
        ps = list(ps)
        ps[2] = (ps[2][0], replace(ps[2][1], {"en": ("2 December 2004", "3 December 2004")}))
        return ps

    make_version(sample, NEW, english_only)
    _response, data = api(client, **{"from": OLD, "to": NEW, "lang": "en"})
    assert data["paragraphs"][2]["status"] == "changed"
    assert api(client, **{"from": OLD, "to": NEW, "lang": "fr"})[1]["paragraphs"][2]["status"] == "unchanged"
    _response, html = page(client, **{"from": OLD, "to": NEW})
    assert "Changed in English only" in html


def test_footnotes_and_sponsors_are_compared(client, sample):
    def footnotes(notes):
        notes = [(n, dict(t)) for n, t in notes]
        notes[3][1]["en"] = "Resolution 60/288, annex."
        return [*notes, ("9", {"en": "See A/80/100.", "fr": "Voir A/80/100."})]

    make_state("FRA", en="France", fr="France")
    make_version(sample, NEW, footnotes=footnotes, sponsors=lambda states: [*states[1:], "FRA"])
    data = comparison.get(Document.objects.get(key=OLD), Document.objects.get(key=NEW))
    assert [(f["from"], f["to"], f["status"]["en"], f["status"]["fr"]) for f in data["footnotes"]][3:] == [
        ("4", "4", "changed", "unchanged"),
        ("5", "5", "unchanged", "unchanged"),
        ("6", "6", "unchanged", "unchanged"),
        ("7", "7", "unchanged", "unchanged"),
        ("8", "8", "unchanged", "unchanged"),
        (None, "9", "added", "added"),
    ]
    assert [s["iso3"] for s in data["sponsors"]["added"]] == ["FRA"]
    assert [s["names"]["fr"] for s in data["sponsors"]["removed"]] == ["Bélarus"]
    _response, html = page(client, **{"from": OLD, "to": NEW})
    assert "Footnotes:" in html and 'href="#notes-en">4</a> changed' in html and 'href="#notes-en">9</a> added' in html
    assert "added: </span>France</ins>" in html and "removed: </span>Belarus</del>" in html
    assert "Footnotes that changed" in html and "<ins>" in html.split("Footnotes that changed")[1]


def test_text_from_the_documents_is_escaped(client, sample):
    def hostile(ps):
        ps = list(ps)
        ps[0] = (ps[0][0], replace(ps[0][1], {"en": ("Recalling", "<script>alert(1)</script> Recalling")}))
        return ps

    make_version(sample, NEW, hostile)
    _response, html = page(client, **{"from": OLD, "to": NEW})
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_page_explains_what_it_needs(client, versions, languages):
    response, html = page(client)
    assert response.status_code == 200 and 'name="from"' in html and 'name="to"' in html
    response, html = page(client, **{"from": OLD})
    assert response.status_code == 400 and "Give the symbols of the two documents to compare." in html
    response, html = page(client, **{"from": OLD, "to": "A/79/L.999"})
    assert response.status_code == 404 and "No document with the symbol A/79/L.999." in html
    assert 'value="A/79/L.999"' in html  # the form keeps what was typed
    make_document("A/80/L.7", languages=("en",))
    make_document("A/80/L.8", languages=("fr",))
    response, html = page(client, **{"from": "A/80/L.7", "to": "A/80/L.8"})
    assert response.status_code == 400 and "have no language in common yet" in html


def test_the_page_query_count_does_not_grow_with_the_documents(client, languages):
    for symbol, preambular, operative in (("A/80/L.5", 3, 2), ("A/80/L.6", 3, 3), ("A/80/L.40", 30, 10)):
        make_document(symbol, preambular=preambular, operative=operative)
    make_document("A/80/L.41", preambular=28, operative=12)

    def count(old, new):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/compare/", {"from": old, "to": new}).status_code == 200
        return len(queries)

    small, large = count("A/80/L.5", "A/80/L.6"), count("A/80/L.40", "A/80/L.41")
    assert small == large <= 7


def test_a_cached_comparison_costs_one_query_and_is_never_stale(client, versions, django_assert_num_queries):
    _old, new = versions
    page(client, **{"from": OLD, "to": NEW})
    with django_assert_num_queries(1):  # both documents, whose last changes key the cached page
        assert page(client, **{"from": OLD, "to": NEW})[0].status_code == 200
    text = ParagraphText.objects.get(paragraph__document=new, paragraph__eid="pp1", language_id="fr")
    text.text = text.text.replace("Rappelant", "Rappelant encore")
    text.save()
    _response, html = page(client, **{"from": OLD, "to": NEW})
    assert "[inserted: </span>encore" in html or "[inserted: </span> encore" in html
    note = FootnoteText.objects.get(footnote__document=new, footnote__number="1", language_id="en")
    note.text = "Resolution 70/1, annex."
    note.save()
    assert '<a href="#notes-en">1</a> changed' in page(client, **{"from": OLD, "to": NEW})[1]


def test_the_comparison_is_cached_under_both_documents_last_change(versions, django_assert_num_queries):
    old, new = versions
    first, key = comparison.get(old, new), comparison.cache_key(old, new)
    with django_assert_num_queries(0):
        assert comparison.get(old, new) == first
    text = ParagraphText.objects.get(paragraph__document=old, paragraph__eid="op5", language_id="en")
    text.text += " Amended."
    text.save()  # moves the document's `updated`
    old.refresh_from_db()
    assert comparison.cache_key(old, new) != key
    assert comparison.get(old, new)["paragraphs"][-1]["status"]["en"] == "changed"


# From the reader and the paragraph page


def test_the_reader_offers_to_compare_with_likely_documents_first(client, versions):
    html = client.get(f"/{NEW}/").content.decode()
    assert "Compare with…" in html
    candidates = html[html.index('class="candidates"') :]
    assert candidates.index(OLD) < candidates.index("</ul>")
    assert 'href="/compare/?from=A%2F79%2FL.124&amp;to=A%2F80%2FL.20"' in candidates
    assert '<input type="hidden" name="to" value="A/80/L.20">' in html


def test_the_paragraph_page_links_to_its_counterparts(client, versions):
    html = client.get(f"/{NEW}/op4/").content.decode()
    assert 'data-counterparts="/compare/paragraph/A/80/L.20/op4/"' in html and "js/counterparts.js" in html
    fragment = client.get("/compare/paragraph/A/80/L.20/op4/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section class="counterparts"')
    assert 'In <a href="/A/79/L.124/">A/79/L.124</a> this was <a href="/A/79/L.124/op2/">op2</a>: moved.' in fragment
    assert "/compare/?from=A%2F79%2FL.124&amp;to=A%2F80%2FL.20#to-op4" in fragment
    later = client.get("/compare/paragraph/A/79/L.124/op1/").content.decode()  # a page of its own
    assert "<html" in later
    assert (
        "this was split into" in later and 'href="/A/80/L.20/op1/">op1</a>, <a href="/A/80/L.20/op2/">op2</a>' in later
    )
    removed = client.get("/compare/paragraph/A/79/L.124/pp10/").content.decode()
    assert 'Removed in <a href="/A/80/L.20/">A/80/L.20</a>.' in removed
    added = client.get("/compare/paragraph/A/80/L.20/pp4/").content.decode()
    assert 'Not in <a href="/A/79/L.124/">A/79/L.124</a>: added since.' in added
    assert client.get("/compare/paragraph/A/80/L.20/op99/").status_code == 404


def test_a_paragraph_page_without_relatives_has_no_counterparts_section(client, languages):
    make_document("A/80/L.9")
    assert 'id="counterparts"' not in client.get("/A/80/L.9/op1/").content.decode()
