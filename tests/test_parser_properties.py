"""Property-based tests: whatever text arrives, the parser answers with data or a ParseError."""

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reading_room.parsing.document import ParseError, parse

LINES = st.sampled_from(
    [
        "The General Assembly,",
        "L’Assemblée générale,",
        "Recalling its resolution 70/1,",
        "1. Decides to act;",
        "(a) the first;",
        "(i) a detail;",
        "¹ Resolution 70/1.",
        "^{*} Any changes.",
        "2/5 25-13823",
        "",
        "Rappelant ses résolutions 64/183 du 18 décembre 2009,",
        "? Résolution 70/1.",
        "- 2. Requests a report.",
        "United Nations A/79/L.1",
        "Distr.: Limited 28 August 2025",
        "Agenda item 12 (a)",
        "Annex",
        "Article 1",
        "45th plenary meeting",
        "Belarus and China:* draft resolution",
        "  ",
        "nucléaires® qui",
        "1.",
        "1°* septembre",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=40), st.sampled_from(["en", "fr"]))
def test_the_parser_never_fails_with_an_unexplained_exception(lines, language):
    text = "\n".join(lines)
    try:
        parsed = parse(text, language)
    except ParseError:
        return
    eids = [p.eid for p in parsed.paragraphs]
    assert len(eids) == len(set(eids))
    for p in parsed.paragraphs:
        assert p.eid[0].isalpha()
        assert all(0 <= r.offset <= len(p.text) for r in p.refs)
        assert p.text.startswith(p.lead)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_is_parsed_or_refused(text):
    with contextlib.suppress(ParseError):
        parse(text, "en")
