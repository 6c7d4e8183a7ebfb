"""Cross-language consistency checks: the same paragraph carries the same numbers, dates,
years and document symbols in every language (a cheap and strong check of alignment and OCR)."""

from __future__ import annotations

import re
from collections import Counter

from .patterns import SYMBOL
from .types import ParsedText

# Symbols (A/79/807-S/2025/132, S-30/1) and resolution numbers (59/48) first, then plain numbers.
_TOKEN = re.compile(rf"{SYMBOL}|[A-Z]-\d+/\d+|\d+/\d+|\d[\d,  .]*\d|\d")
_ORDINAL = re.compile(r"(\d+)(?:er|re|e|st|nd|rd|th)\b")


def numbers(text: str) -> Counter:
    """The numeric tokens of a text, normalised across languages: "2 896" = "2,896", "1er" = "1"."""
    text = _ORDINAL.sub(r"\1", text)
    found = Counter()
    for token in _TOKEN.findall(text):
        if "/" in token:
            found[token.rstrip(".,")] += 1
            continue
        token = token.rstrip(".,")
        # thousands separators differ (2,896 / 2 896); decimals are rare in resolutions
        for part in re.split(r"[–-]", token):
            digits = re.sub(r"[,  .]", "", part)
            if digits.isdigit():
                found[str(int(digits))] += 1
    return found


def compare(a: ParsedText, b: ParsedText) -> list[dict]:
    """Paragraphs whose numbers differ between the two languages."""
    problems = []
    for pa in a.paragraphs:
        pb = b.paragraph(pa.eid)
        if pb is None:
            continue
        na, nb = numbers(pa.text), numbers(pb.text)
        if na != nb:
            problems.append(
                {
                    "eid": pa.eid,
                    f"only_{a.language}": sorted((na - nb).elements()),
                    f"only_{b.language}": sorted((nb - na).elements()),
                }
            )
    return problems


_MEETING_IN_TEXT = re.compile(r"\b\d{1,4}(?:st|nd|rd|th) plenary meeting\b|\b\d{1,4}e séance plénière\b")


def furniture(parsed: ParsedText, symbol: str = "") -> list[str]:
    """Paragraphs that still hold page furniture: the document's symbol, a page rule, the meeting
    line, or the running head (the title opening or closing a paragraph it does not belong to)."""
    found = []
    symbol = symbol or parsed.header.symbol
    title = parsed.title.strip()
    for para in parsed.paragraphs:
        text = para.text
        if symbol and symbol in text:
            found.append(f"{para.eid}: the document's symbol {symbol} in its text")
        if "---" in text:
            found.append(f"{para.eid}: a page rule (---) in its text")
        if _MEETING_IN_TEXT.search(text):
            found.append(f"{para.eid}: the meeting line in its text")
        if para.kind != "heading" and len(title) > 15 and (text.startswith(title) or text.endswith(title)):
            found.append(f"{para.eid}: the running head in its text")
    return found


def structural(parsed: ParsedText, symbol: str = "") -> list[str]:
    """Everything that makes the structure doubtful: what `import_document --strict` refuses."""
    return parsed.structural + [f"footnote {n} is never cited" for n in uncited(parsed)] + furniture(parsed, symbol)


def uncited(parsed: ParsedText) -> list[str]:
    cited = {r.number for p in parsed.paragraphs for r in p.refs}
    return [f.number for f in parsed.footnotes if f.number not in cited]


def counts(parsed: ParsedText) -> dict:
    kinds = Counter(p.kind for p in parsed.paragraphs)
    return {
        "preambular": kinds["preambular"],
        "operative": kinds["operative"],
        "subparagraph": kinds["subparagraph"],
        "footnotes": len(parsed.footnotes),
        "citations": sum(len(p.refs) for p in parsed.paragraphs),
        "corrections": sum(1 for p in parsed.paragraphs for r in p.repairs if r.kind == "change")
        + sum(1 for f in parsed.footnotes for r in f.repairs if r.kind == "change")
        + sum(1 for r in parsed.title_repairs if r.kind == "change"),
        "doubts": sum(1 for p in parsed.paragraphs for r in p.repairs if r.kind == "flag")
        + sum(1 for f in parsed.footnotes for r in f.repairs if r.kind == "flag")
        + sum(1 for r in parsed.title_repairs if r.kind == "flag"),
    }
