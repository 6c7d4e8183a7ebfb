"""Keep what an import did: machine corrections for review, and the validation report."""

from __future__ import annotations

from reading_room.documents.models import Document
from reading_room.parsing import checks
from reading_room.parsing.types import ParsedText, Repaired

from .bulk_writes import Rows
from .models import Correction, ImportReport

_CONTEXT = 40


class CorrectionLog:
    """Collects one import's corrections and writes them at the end in a few queries, keeping
    the review decisions already taken on the same corrections of the same texts."""

    def __init__(self, document: Document):
        self.document = document
        # (correction row, column, row of the text it is in): a new text's id is known once it is written
        self.rows: list[tuple[dict, str, dict | None]] = []
        self.replaced: set[tuple[str, str]] = set()  # (language, location) whose corrections are replaced

    def add(
        self,
        language: str,
        location: str,
        repairs: list[Repaired],
        text: str,
        paragraph_text: dict | None = None,
        footnote_text: dict | None = None,
    ) -> None:
        """The corrections of one text (title, paragraph or footnote, given as its row)."""
        self.replaced.add((language, location))
        if paragraph_text is not None:
            text_row, column = paragraph_text, "paragraph_text_id"
        else:
            text_row, column = footnote_text, "footnote_text_id"
        for r in repairs:
            row = {
                "document_id": self.document.pk,
                "language_id": language,
                "location": location,
                "kind": r.kind,
                "start": r.start,
                "end": r.end,
                "original": r.original[:200],
                "replacement": r.replacement[:200],
                "rule": r.rule[:40],
                "note": r.note[:300],
                "context": text[max(0, r.start - _CONTEXT) : r.end + _CONTEXT][:300],
            }
            self.rows.append((row, column, text_row))

    def save(self, rows: Rows) -> None:
        stored = rows.stored(Correction, document=self.document)
        old = [c for c in stored if (c["language_id"], c["location"]) in self.replaced]
        decided = {tuple(c[name] for name in _SAME): c for c in old if c["status"] != Correction.Status.PENDING}
        if old:
            Correction.objects.filter(pk__in=[c["id"] for c in old]).delete()
        for row, column, text in self.rows:
            if text is not None:
                row[column] = text["id"]
            if decided and (previous := decided.get(tuple(row[name] for name in _SAME))):
                row.update({name: previous[name] for name in _DECISION})
        rows.insert_many(Correction, [row for row, _column, _text in self.rows])


# A correction found again by a re-import (same place, same change) keeps its review decision.
_SAME = ("language_id", "location", "start", "original", "replacement", "rule")
_DECISION = ("status", "reviewed_by_id", "reviewed_at")


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
