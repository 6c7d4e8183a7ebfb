"""An import's report: what the parser found and checked (counts, mismatches between the
languages, footnotes never cited, sponsors not recognised, editors' texts kept), stored as an
ImportReport and printed as lines."""

from __future__ import annotations

from reading_room.documents.models import Document
from reading_room.parsing import checks
from reading_room.parsing.types import ParsedText

from .models import ImportReport


def report_data(parsed: list[ParsedText], unresolved_sponsors: list[str], symbol: str = "") -> dict:
    """The validation report of parsed texts (plain data: worked out before writing)."""
    by_language = {p.language: p for p in parsed}
    return {
        "counts": {p.language: checks.counts(p) for p in parsed},
        "mismatches": checks.compare(by_language["en"], by_language["fr"]) if len(by_language) == 2 else [],
        "uncited": {p.language: checks.uncited(p) for p in parsed if checks.uncited(p)},
        "aligned": [
            {"language": p.language, "eid": para.eid, "footnote": ref.number}
            for p in parsed
            for para in p.paragraphs
            for ref in para.refs
            if ref.how == "aligned"
        ],
        "unresolved_sponsors": unresolved_sponsors,
        "warnings": {p.language: p.warnings for p in parsed if p.warnings},
        "furniture": {p.language: found for p in parsed if (found := checks.furniture(p, symbol))},
    }


def record_import(document: Document, created: bool, data: dict, kept: list[str]) -> ImportReport:
    """Store the report, with the editors' texts the import kept."""
    languages = ",".join(data["counts"])
    data = {**data, "kept_edits": kept}
    return ImportReport.objects.create(document=document, created_document=created, languages=languages, data=data)


def summary(report: ImportReport) -> list[str]:
    """Lines for the import command's output."""
    data = report.data
    lines = []
    for language, c in data["counts"].items():
        sub = f" + {c['subparagraph']} sub-paragraphs" if c["subparagraph"] else ""
        lines.append(
            f"[{language}] {c['preambular']} preambular + {c['operative']} operative paragraphs{sub}, "
            f"{c['footnotes']} footnotes, {c['citations']} citations; "
            f"{c['corrections']} machine corrections and {c['doubts']} doubts to review"
        )
    for m in data["mismatches"]:
        lines.append(f"numbers differ in {m['eid']}: " + ", ".join(f"{k}={v}" for k, v in m.items() if k != "eid"))
    for language, numbers in data["uncited"].items():
        lines.append(f"[{language}] footnotes never cited: {', '.join(numbers)}")
    for a in data["aligned"]:
        lines.append(f"[{a['language']}] footnote {a['footnote']} placed in {a['eid']} from the other language")
    for language, found in data.get("furniture", {}).items():
        lines += [f"[{language}] page furniture left: {where}" for where in found]
    for name in data["unresolved_sponsors"]:
        lines.append(f"sponsor not recognised: {name}")
    for where in data["kept_edits"]:
        lines.append(f"kept an editor's text in {where}")
    return lines
