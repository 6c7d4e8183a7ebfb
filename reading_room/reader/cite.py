"""How a paragraph is cited, UN style, in each language.

Operative paragraphs by number ("A/79/L.124, para. 3" / "A/79/L.124, par. 3"; sub-paragraphs
"para. 2 (a)" / "par. 2 a)"); preambular paragraphs are printed unnumbered, so they are cited
by their ordinal ("eleventh preambular paragraph" / "onzième alinéa du préambule").
"""

from __future__ import annotations

from .number_words import ordinal


def paragraph_number(eid: str, language: str) -> str:
    """op2.a.i → "2 (a) (i)" in English, "2 a) i)" in French."""
    head, *subs = eid.split(".")
    number = head[2:]
    if language == "fr":
        return " ".join([number, *(f"{s})" for s in subs)])
    return " ".join([number, *(f"({s})" for s in subs)])


def paragraph_reference(eid: str, language: str) -> str:
    """The paragraph part of a citation: "para. 3", "eleventh preambular paragraph", "onzième alinéa du préambule"."""
    if eid.startswith("pp") and eid[2:].isdigit():
        n = int(eid[2:])
        if language == "fr":
            return f"{ordinal(n, language)} alinéa du préambule" if n < 100 else f"alinéa {n} du préambule"
        return f"{ordinal(n, language)} preambular paragraph" if n < 100 else f"preambular paragraph {n}"
    if eid.startswith("op"):
        return f"{'par.' if language == 'fr' else 'para.'} {paragraph_number(eid, language)}"
    return eid


def citation(symbol: str, eid: str, language: str) -> str:
    """ "A/79/L.124, para. 3", "A/79/L.124, onzième alinéa du préambule"."""
    return f"{symbol}, {paragraph_reference(eid, language)}"


def short_label(eid: str) -> str:
    """Negotiators' shorthand, the same in every language: "op. 3", "pp. 11", "op. 2 (a)"."""
    if eid.startswith(("op", "pp")):
        return f"{eid[:2]}. {paragraph_number(eid, 'en')}"
    return eid
