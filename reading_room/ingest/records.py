"""Keep what an import did: machine corrections for review, and the validation report."""

from __future__ import annotations

from reading_room.documents.models import Document, FootnoteText, Language, ParagraphText
from reading_room.parsing import checks
from reading_room.parsing.types import ParsedText, Repaired

from .models import Correction, ImportReport

_CONTEXT = 40


def record_corrections(
    document: Document,
    language: Language,
    location: str,
    repairs: list[Repaired],
    text: str,
    paragraph_text: ParagraphText | None = None,
    footnote_text: FootnoteText | None = None,
) -> None:
    """Replace the corrections stored for one text by this import's, keeping the review
    decisions already taken on the same corrections."""
    stored = Correction.objects.filter(
        document=document,
        language=language,
        location=location,
        paragraph_text=paragraph_text,
        footnote_text=footnote_text,
    )
    decided = {(c.start, c.original, c.replacement, c.rule): c for c in stored if c.status != Correction.Status.PENDING}
    stored.delete()
    rows = []
    for r in repairs:
        previous = decided.get((r.start, r.original, r.replacement, r.rule))
        rows.append(
            Correction(
                document=document,
                language=language,
                location=location,
                paragraph_text=paragraph_text,
                footnote_text=footnote_text,
                kind=r.kind,
                start=r.start,
                end=r.end,
                original=r.original[:200],
                replacement=r.replacement[:200],
                rule=r.rule[:40],
                note=r.note[:300],
                context=text[max(0, r.start - _CONTEXT) : r.end + _CONTEXT][:300],
                status=previous.status if previous else Correction.Status.PENDING,
                reviewed_by=previous.reviewed_by if previous else None,
                reviewed_at=previous.reviewed_at if previous else None,
            )
        )
    Correction.objects.bulk_create(rows)


def record_import(
    document: Document, created: bool, parsed: list[ParsedText], kept: list[str], unresolved_sponsors: list[str]
) -> ImportReport:
    by_language = {p.language: p for p in parsed}
    data = {
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
        "kept_edits": kept,
    }
    return ImportReport.objects.create(
        document=document, created_document=created, languages=",".join(by_language), data=data
    )


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
    for name in data["unresolved_sponsors"]:
        lines.append(f"sponsor not recognised: {name}")
    for where in data["kept_edits"]:
        lines.append(f"kept an editor's text in {where}")
    return lines
