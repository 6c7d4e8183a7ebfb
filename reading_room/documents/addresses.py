"""What people type for a document or a paragraph, read generously.

Paragraphs: "op3", "3", "pp12", "12", "3(a)", "3.a", "para. 3", "PP12". A bare number is the
operative paragraph if there is one, else the preambular (static/js/reading-room.js reads the
go-to box the same way without asking the server).

Symbols: any case ("a/79/l.124"); slashes written as dashes or underscores, as in file names
("A-79-L.124", "a_res_80_11"); spaces ("A/79/ L.124"); an undocs.org language prefix
("fr/A/79/L.124"). Run-together forms ("a79l124") are not guessed: "a791124" could be several
documents.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(
    r"^(?:(?P<kind>pp|op|para|paragraph|par|§|¶)\.?)?(?P<n>\d{1,4})"
    r"(?:[.(]?(?P<sub>[a-z]{1,2})\)?)?(?:[.(]?(?P<subsub>[ivx]{1,5})\)?)?$"
)


def paragraph_candidates(text: str) -> list[str]:
    """The eids `text` may mean, most likely first; the caller takes the first that exists."""
    typed = re.sub(r"\s+", "", (text or "").lower())[:40]
    if not typed:
        return []
    candidates = [typed]  # an eid as it is: op2.a.i, annex1.para3
    m = _PARAGRAPH.match(typed)
    if m:
        tail = "".join(f".{part}" for part in (m["sub"], m["subsub"]) if part)
        kinds = ["pp"] if m["kind"] == "pp" else ["op"] if m["kind"] else ["op", "pp"]
        candidates += [f"{kind}{int(m['n'])}{tail}" for kind in kinds]
    return list(dict.fromkeys(candidates))


def symbol_candidates(path: str) -> list[tuple[str, str, str]]:
    """(symbol, paragraph reference, language) readings of a URL path that did not resolve, most
    likely first: "a/79/l.124/3" → ("a/79/l.124/3", "", ""), ("a/79/l.124", "3", ""), …
    Symbols are compared without regard to case by the caller."""
    path = re.sub(r"\s+", "", path).strip("/")
    if not path or len(path) > 200:
        return []
    language = ""
    head, _, rest = path.partition("/")
    if re.fullmatch(r"[a-z]{2}", head) and rest:  # undocs.org/fr/A/79/L.124
        language, path = head, rest
    readings = []
    segments = path.split("/")
    for symbol, reference in [(path, "")] + ([("/".join(segments[:-1]), segments[-1])] if len(segments) > 1 else []):
        readings.append((symbol, reference))
        if "/" not in symbol and re.search(r"[-_]", symbol):  # A-79-L.124, A_RES_80_11
            readings.append((re.sub(r"[-_]", "/", symbol), reference))
    return [(symbol, reference, language) for symbol, reference in readings if symbol]
