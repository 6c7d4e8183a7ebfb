"""Numbers in words as UN texts print them: "seventy-ninth", "soixante-dix-neuvième", "vingt et unième".

French in its traditional spelling (vingt et un, soixante et onze, quatre-vingt-un). Used by the
masthead ("Seventy-ninth session"), citations ("eleventh preambular paragraph") and Akoma Ntoso.
"""

from __future__ import annotations

import re

_UNITS_EN = [
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
_TENS_EN = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_EN = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_UNITS_FR = [
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
]
_TENS_FR = ["_", "_", "vingt", "trente", "quarante", "cinquante", "soixante"]


def _cardinal_en(n: int) -> str:
    if n < 20:
        return _UNITS_EN[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS_EN[tens] + (f"-{_UNITS_EN[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    return f"{_UNITS_EN[hundreds]} hundred" + (f" and {_cardinal_en(rest)}" if rest else "")


def _cardinal_fr(n: int) -> str:
    if n <= 16:
        return _UNITS_FR[n]
    if n < 20:
        return f"dix-{_UNITS_FR[n - 10]}"
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the twenty before counts on from ten
            tens, unit = tens - 1, unit + 10
        base = "quatre-vingt" if tens == 8 else _TENS_FR[tens]
        if unit == 0:
            return "quatre-vingts" if tens == 8 else base
        if unit in (1, 11) and tens != 8:
            return f"{base} et {_cardinal_fr(unit)}"
        return f"{base}-{_cardinal_fr(unit)}"
    hundreds, rest = divmod(n, 100)
    head = "cent" if hundreds == 1 else f"{_UNITS_FR[hundreds]} cent"
    return head + (f" {_cardinal_fr(rest)}" if rest else ("s" if hundreds > 1 else ""))


def ordinal(n: int, language: str, *, feminine: bool = False) -> str:
    """79 → "seventy-ninth" / "soixante-dix-neuvième"; 1 → "premier", or "première" (a session)."""
    if language == "fr":
        if n == 1:
            return "première" if feminine else "premier"
        words = _cardinal_fr(n)
        head, last = re.match(r"(.*?)([a-zé]+)$", words).groups()
        last = {
            "un": "unième",
            "cinq": "cinquième",
            "neuf": "neuvième",
            "vingts": "vingtième",
            "cents": "centième",
        }.get(last, (last[:-1] if last.endswith("e") else last) + "ième")
        return head + last
    words = _cardinal_en(n)
    head, last = re.match(r"(.*?)([a-z]+)$", words).groups()
    if last in _ORDINAL_EN:
        return head + _ORDINAL_EN[last]
    return head + (last[:-1] + "ieth" if last.endswith("y") else last + "th")
