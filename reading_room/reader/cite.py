"""How a paragraph is cited, UN style, in each language.

Operative paragraphs by number ("A/79/L.124, para. 3" / "A/79/L.124, par. 3"; sub-paragraphs
"para. 2 (a)" / "par. 2 a)"); preambular paragraphs are printed unnumbered, so they are cited
by their ordinal ("eleventh preambular paragraph" / "onzième alinéa du préambule").
"""

from __future__ import annotations

_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORDINAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}

_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = ["_", "_", "vingt", "trente", "quarante", "cinquante", "soixante"]


def english_cardinal(n: int) -> str:
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")


def english_ordinal(n: int) -> str:
    """1 → first, 11 → eleventh, 31 → thirty-first (1 to 99)."""
    words = english_cardinal(n).split("-")
    last = words[-1]
    if last in _EN_ORDINAL:
        last = _EN_ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return "-".join([*words[:-1], last])


def french_cardinal(n: int) -> str:
    """Traditional spelling, as UN French prints it: vingt et un, soixante et onze, quatre-vingt-un."""
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _FR_TENS[tens]
        return f"{_FR_TENS[tens]} et un" if unit == 1 else f"{_FR_TENS[tens]}-{_FR_UNITS[unit]}"
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_FR_UNITS[n - 60]}"
    return "quatre-vingts" if n == 80 else f"quatre-vingt-{_FR_UNITS[n - 80]}"


def french_ordinal(n: int) -> str:
    """1 → premier, 11 → onzième, 21 → vingt et unième, 80 → quatre-vingtième (1 to 99)."""
    if n == 1:
        return "premier"
    words = french_cardinal(n)
    if words.endswith("quatre-vingts"):
        return words[:-1] + "ième"
    if words.endswith("cinq"):
        return words + "uième"
    if words.endswith("neuf"):
        return words[:-1] + "vième"
    if words.endswith("e"):
        return words[:-1] + "ième"
    return words + "ième"


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
            return f"{french_ordinal(n)} alinéa du préambule" if n < 100 else f"alinéa {n} du préambule"
        return f"{english_ordinal(n)} preambular paragraph" if n < 100 else f"preambular paragraph {n}"
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
