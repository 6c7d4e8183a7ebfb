"""Property-based tests: whatever text arrives, the parser answers with data or a ParseError."""

import contextlib
from pathlib import Path

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


# Real resolutions, damaged the way extraction damages text: lines lost, repeated or out of place.
_REAL = [
    p.read_text(encoding="utf-8").split("\n")
    for p in sorted((Path(__file__).parent.parent / "sample" / "ga-80").glob("*.en.txt"))
]


@st.composite
def damaged_real_text(draw):
    lines = list(draw(st.sampled_from(_REAL)))
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "move", "cut"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        else:
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]) - 1)))]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_real_text())
def test_a_damaged_real_resolution_is_parsed_or_refused_never_a_crash(text):
    try:
        parsed = parse(text, "en")
    except ParseError:
        return
    eids = [p.eid for p in parsed.paragraphs]
    assert len(eids) == len(set(eids))
    numbers = {f.number for f in parsed.footnotes}
    for p in parsed.paragraphs:
        assert p.eid[0].isalpha() and len(p.eid) <= 40
        assert all(0 <= r.offset <= len(p.text) and r.number in numbers for r in p.refs)
