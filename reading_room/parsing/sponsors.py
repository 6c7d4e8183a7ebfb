"""Split a printed sponsor list into States, using the official names we know."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """Compare names without case, accents or apostrophe style."""
    name = name.replace("'", "’").replace("\u00a0", " ")
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def split_sponsors(text: str, known: dict[str, str]) -> list[tuple[str, str | None]]:
    """ "Belarus, China, … Tajikistan and Uzbekistan" → [(name, iso3 or None), …].

    Names are matched longest first so that "Bosnia and Herzegovina" is not split at "and".
    `known` maps name_key(name) → iso3.
    """
    text = re.sub(r"[*⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]*\}", "", text).strip().rstrip(":").strip()
    keys = sorted(known, key=len, reverse=True)
    out: list[tuple[str, str | None]] = []
    pos = 0
    folded = name_key(text)
    # name_key keeps length for Latin text, so positions in `folded` are positions in `text`.
    if len(folded) != len(text):
        folded = text.casefold()
    while pos < len(text):
        m = re.match(r"\s*(?:,\s*(?:and|et)\s+|,|\band\b|\bet\b)?\s*", text[pos:])
        pos += m.end() if m else 0
        if pos >= len(text):
            break
        for key in keys:
            end = pos + len(key)
            if folded.startswith(key, pos) and (end == len(text) or not text[end].isalnum()):
                out.append((text[pos:end], known[key]))
                pos = end
                break
        else:
            m = re.match(r"[^,]+?(?=,| and | et |$)", text[pos:])
            name = m.group().strip() if m else text[pos:].strip()
            out.append((name, None))
            pos += len(m.group()) if m else len(text)
    return out


def locate_sponsors(text: str, known: dict[str, str]) -> tuple[str, list[tuple[str, str | None]]]:
    """Where the sponsor list starts when the text before it ran into it (hard-wrapped mastheads
    join the agenda item's title and the sponsors): the shortest prefix after which every name is
    a known State. Returns (that prefix, the names); ("", all names) when nothing better is found."""
    found = split_sponsors(text, known)
    if all(iso3 for _name, iso3 in found):
        return "", found
    folded = name_key(text)
    if len(folded) != len(text):
        return "", found
    starts = sorted({i for key in known for i in _occurrences(folded, key) if i == 0 or not text[i - 1].isalnum()})
    for start in starts:
        rest = split_sponsors(text[start:], known)
        if rest and all(iso3 for _name, iso3 in rest):
            return text[:start].strip(), rest
    return "", found


def _occurrences(text: str, key: str):
    i = text.find(key)
    while i != -1:
        yield i
        i = text.find(key, i + 1)
