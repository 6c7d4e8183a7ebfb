"""Find mentions of other UN documents in a text: "resolution 59/48", "A/79/807-S/2025/132".

Pure Python (no Django): text in, spans with the cited document's symbol out. The same
detector serves English and French; symbols and resolution numbers are the same in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """Characters start:end of a text name the document `symbol` (its key: no spaces)."""

    start: int
    end: int
    symbol: str
    part: str = ""  # "annex" when the text cites the document's annex

    @property
    def key(self) -> str:
        return re.sub(r"\s+", "", self.symbol)


# The organs whose symbols readers meet in GA and SC texts. A bare "A/..." must not be
# mistaken for something else, so the first segment is one of these.
_ORGANS = r"(?:A|S|E|ST|TD|DP|UNEP|CCPR|CERD|CEDAW|CRC|CAT|CRPD|CMW|CED)"
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
SYMBOL = re.compile(
    rf"(?<![\w/]){_ORGANS}(?:/{_SEGMENT})+(?:\s?\(\d{{4}}\))?"  # S/RES/2719 (2023)
)

# One resolution number after "resolution(s)": 59/48, S-30/1, ES-10/1 (GA); 2719 (2023) (SC);
# 217 A (III) (old GA sessions, Roman numerals).
_GA = r"(?P<ga>(?:(?:ES|S)-)?\d{1,3}/\d{1,4})(?![\d/])"
_SC = r"(?P<sc>\d{1,4})\s?\((?P<year>(?:19|20)\d\d)\)"
_OLD = r"(?P<old>\d{1,4})\s?(?:[A-Z]\s)?\((?P<roman>[IVXL]+)\)"
NUMBER = re.compile(rf"{_GA}|{_SC}|{_OLD}")

TRIGGER = re.compile(r"\b(?:[Rr]esolutions?|[Rr]ésolutions?|RESOLUTIONS?|RÉSOLUTIONS?)\s+")
# Between two numbers of a list: the parts of a lettered resolution ("45/58 P", "36/87 A and B"),
# an optional "of 18 December 2009" / "du 1er septembre 2023" (no comma inside a date), then ", ",
# " and ", " et ", ", and ".
_PARTS = r"(?:\s+[A-Z]\b(?:\s+(?:and|et)\s+[A-Z]\b)?)?"
_DATE = r"(?:\s+(?:of|du|de)\s+[^,;()]{1,30}?\b\d{4})?"
SEPARATOR = re.compile(rf"{_PARTS}{_DATE}\s*(?:,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+)")
ANNEX = re.compile(r",\s+(?:annex|annexe)\b")


def find_mentions(text: str) -> list[Mention]:
    """Every document mention in `text`, in order, without overlaps."""
    if "/" not in text and "SOLUTION" not in text.upper():  # most paragraphs cite nothing: skip the regexes
        return []
    mentions = [_symbol_mention(m) for m in SYMBOL.finditer(text) if re.search(r"\d", m.group(0))]
    taken = [(m.start, m.end) for m in mentions]
    for trigger in TRIGGER.finditer(text):
        position = trigger.end()
        while match := NUMBER.match(text, position):
            mention = _number_mention(match, text)
            if not any(s < mention.end and mention.start < e for s, e in taken):
                mentions.append(mention)
            after = SEPARATOR.match(text, match.end())
            if not after:
                break
            position = after.end()
    return sorted(mentions, key=lambda m: m.start)


def _symbol_mention(match: re.Match) -> Mention:
    symbol = match.group(0).rstrip(".-")
    return Mention(match.start(), match.start() + len(symbol), symbol)


def _number_mention(match: re.Match, text: str) -> Mention:
    if match.group("ga"):
        symbol = f"A/RES/{match.group('ga')}"
    elif match.group("sc"):
        symbol = f"S/RES/{match.group('sc')} ({match.group('year')})"
    else:
        symbol = f"A/RES/{match.group('old')}({match.group('roman')})"
    part = "annex" if ANNEX.match(text, match.end()) else ""
    return Mention(match.start(), match.end(), symbol, part)


def undocs_url(symbol: str, language: str = "") -> str:
    """undocs.org resolves any symbol, per language: https://undocs.org/fr/A/79/L.124."""
    key = re.sub(r"\s+", "", symbol)
    return f"https://undocs.org/{language}/{key}" if language else f"https://undocs.org/{key}"
