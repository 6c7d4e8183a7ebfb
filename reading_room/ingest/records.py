"""Keep what an import did: machine corrections for review, and the validation report."""

from __future__ import annotations

from reading_room.documents.models import Document, FootnoteText, Language, ParagraphText
from reading_room.parsing import checks
from reading_room.parsing.types import ParsedText, Repaired

from .models import Correction, ImportReport

_CONTEXT = 40


class CorrectionLog:
    """Collects one import's corrections and writes them at the end in a few queries, keeping
    the review decisions already taken on the same corrections of the same texts."""

    def __init__(self, document: Document):
        self.document = document
        self.rows: list[Correction] = []
        self.replaced: list[tuple[str, str]] = []  # (language, location) whose corrections are replaced

    def add(
        self,
        language: Language,
        location: str,
        repairs: list[Repaired],
        text: str,
        paragraph_text: ParagraphText | None = None,
        footnote_text: FootnoteText | None = None,
    ) -> None:
        self.replaced.append((language.code, location))
        for r in repairs:
            self.rows.append(
                Correction(
                    document=self.document,
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
                )
            )

    def save(self) -> None:
        stored = Correction.objects.filter(document=self.document)
        replaced = set(self.replaced)
        old = [c for c in stored if (c.language_id, c.location) in replaced]
        decided = {
            (c.language_id, c.location, c.start, c.original, c.replacement, c.rule): c
            for c in old
            if c.status != Correction.Status.PENDING
        }
        Correction.objects.filter(pk__in=[c.pk for c in old]).delete()
        for row in self.rows:
            previous = decided.get((row.language_id, row.location, row.start, row.original, row.replacement, row.rule))
            if previous:
                row.status, row.reviewed_by_id, row.reviewed_at = (
                    previous.status,
                    previous.reviewed_by_id,
                    previous.reviewed_at,
                )
        Correction.objects.bulk_create(self.rows, batch_size=500)


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
