"""Compare an imported document with what people wrote down it contains (tests/data/corpus/…/expected).

Shared by tests/test_corpus.py and bench/corpus.py. A result is plain data built from the
database (what readers see), so both check the whole import, not the parser alone.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample"  # the texts: sample/ga-80/a-res-80-1.pdftext.en.txt
EXPECTED = ROOT / "tests" / "data" / "corpus"  # what they contain: tests/data/corpus/ga-80/expected/…


@dataclass
class Unit:
    eid: str
    kind: str
    number: str
    text: str
    calls: list[tuple[str, int]] = field(default_factory=list)  # (footnote number, offset)


@dataclass
class Result:
    symbol: str
    title: str
    units: list[Unit]
    footnotes: dict[str, str]
    meta: dict


def expected_for(path: Path) -> dict | None:
    """The expected data for a corpus text file (`folder/name.form.en.txt`), with that form's overrides."""
    name, form = path.name.split(".")[0], path.name.split(".")[1]
    expected = EXPECTED / path.parent.name / "expected" / f"{name}.json"
    if not expected.exists():
        return None
    data = json.loads(expected.read_text(encoding="utf-8"))
    override = data.get("forms", {}).get(form, {})
    data = copy.deepcopy(data)
    by_eid = {p["eid"]: p for p in data["paragraphs"]}
    for eid, fields in override.get("paragraphs", {}).items():
        if fields is None:
            data["paragraphs"] = [p for p in data["paragraphs"] if p["eid"] != eid]
        elif eid in by_eid:
            by_eid[eid].update(fields)
    by_number = {f["number"]: f for f in data["footnotes"]}
    for number, fields in override.get("footnotes", {}).items():
        by_number[number].update(fields)
    for key, value in override.items():
        if key not in ("paragraphs", "footnotes", "note"):
            data[key] = value
    return data


def from_document(document, language: str = "en") -> Result:
    """What the reading room holds for `document` in `language`."""
    from reading_room.api.views import document_json
    from reading_room.documents.models import FootnoteText, ParagraphText

    texts = {
        t.paragraph_id: t
        for t in ParagraphText.objects.filter(paragraph__document=document, language=language).select_related(
            "paragraph"
        )
    }
    calls = {t.pk: [(number, offset) for offset, number in t.get_calls()] for t in texts.values()}
    units = []
    for paragraph in document.paragraphs.order_by("position"):
        text = texts.get(paragraph.pk)
        units.append(
            Unit(
                paragraph.eid,
                paragraph.kind,
                paragraph.number,
                text.text if text else "",
                sorted(calls.get(text.pk, []) if text else [], key=lambda c: c[1]),
            )
        )
    notes = {
        t.footnote.number: t.text
        for t in FootnoteText.objects.filter(footnote__document=document, language=language).select_related("footnote")
    }
    # the masthead's facts as the JSON API gives them (what a client of the reading room reads)
    data = document_json(document)
    doc_text = document.texts.filter(language=language).first()
    meta = {key: data[key] for key in ("session", "agenda_item", "date", "adopted", "meeting", "draft", "report")}
    meta["agenda_title"] = doc_text.agenda_title if doc_text else ""
    meta["enacting_formula"] = doc_text.enacting_formula if doc_text else ""
    return Result(data["symbol"], data["title"].get(language, ""), units, notes, meta)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def counts(units: list[Unit]) -> dict[str, int]:
    kinds = [u.kind for u in units]
    return {k: kinds.count(k) for k in ("preambular", "operative", "subparagraph", "heading", "annex")}


def expected_counts(expected: dict) -> dict[str, int]:
    kinds = [p["kind"] for p in expected["paragraphs"]]
    return {k: kinds.count(k) for k in ("preambular", "operative", "subparagraph", "heading", "annex")}


def differences(result: Result, expected: dict) -> list[str]:
    """Everything that differs, one line each (empty: the import is right)."""
    problems: list[str] = []
    for key in ("symbol", "title"):
        if _norm(getattr(result, key)) != _norm(expected[key]):
            problems.append(f"{key}: expected {expected[key]!r}, got {getattr(result, key)!r}")
    meeting = expected.get("meeting")
    meeting_number = int(re.match(r"\d+", meeting)[0]) if meeting else None
    wanted_meta = {**{k: expected.get(k) for k in ("session", "agenda_item", "date", "adopted", "draft", "report")}}
    wanted_meta["meeting"] = meeting_number
    for key, value in wanted_meta.items():
        if result.meta.get(key) != value:
            problems.append(f"{key}: expected {value!r}, got {result.meta.get(key)!r}")
    for key in ("agenda_title", "enacting_formula"):
        if key in expected and _norm(result.meta[key]) != _norm(expected[key]):
            problems.append(f"{key}: expected {expected[key]!r}, got {result.meta[key]!r}")
    got = {u.eid: u for u in result.units}
    want_eids = [p["eid"] for p in expected["paragraphs"]]
    got_eids = [u.eid for u in result.units]
    if want_eids != got_eids:
        missing = [e for e in want_eids if e not in got]
        extra = [e for e in got_eids if e not in set(want_eids)]
        problems.append(f"ids differ: missing {missing[:8]}, unexpected {extra[:8]}")
    for p in expected["paragraphs"]:
        unit = got.get(p["eid"])
        if unit is None:
            continue
        where = p["eid"]
        if unit.kind != p["kind"] or unit.number != p["number"]:
            problems.append(f"{where}: kind/number {unit.kind}/{unit.number!r}, expected {p['kind']}/{p['number']!r}")
        text = _norm(unit.text)
        if "text" in p:
            if text != _norm(p["text"]):
                problems.append(f"{where}: text {text[:80]!r}, expected {p['text']!r}")
            continue
        if not text.startswith(_norm(p["start"])):
            problems.append(f"{where}: starts {text[:70]!r}, expected {p['start']!r}")
        if not text.endswith(_norm(p["end"])):
            problems.append(f"{where}: ends {text[-70:]!r}, expected {p['end']!r}")
        want_calls = [c["footnote"] for c in p.get("calls", [])]
        got_calls = [number for number, _offset in unit.calls]
        if want_calls != got_calls:
            problems.append(f"{where}: calls {got_calls}, expected {want_calls}")
            continue
        for call, (_number, offset) in zip(p.get("calls", []), unit.calls, strict=True):
            before = _norm(unit.text[:offset])
            if not before.endswith(_norm(call["after"])):
                problems.append(f"{where}: call {call['footnote']} after {before[-40:]!r}, expected {call['after']!r}")
    want_notes = {f["number"]: f for f in expected["footnotes"]}
    if sorted(want_notes, key=int) != sorted(result.footnotes, key=lambda n: int(n) if n.isdigit() else 0):
        problems.append(f"footnotes: expected {sorted(want_notes, key=int)}, got {sorted(result.footnotes)}")
    for number, f in want_notes.items():
        text = _norm(result.footnotes.get(number, ""))
        if number in result.footnotes and not (text.startswith(_norm(f["start"])) and text.endswith(_norm(f["end"]))):
            problems.append(f"footnote {number}: {text[:60]!r}…{text[-40:]!r}, expected {f['start']!r}…{f['end']!r}")
    problems += furniture(result, expected)
    return problems


def furniture(result: Result, expected: dict | None = None) -> list[str]:
    """Page furniture left in a paragraph: the document's symbol, a page rule, the meeting line,
    a running head (the title outside quotation marks)."""
    found = []
    title = _norm(expected["title"] if expected else result.title)
    for unit in result.units:
        text = unit.text
        if result.symbol and result.symbol in text:
            found.append(f"{unit.eid}: the document's symbol in its text")
        if "---" in text:
            found.append(f"{unit.eid}: a page rule in its text")
        if re.search(r"\d+(?:st|nd|rd|th) plenary meeting|\d+e séance plénière", text):
            found.append(f"{unit.eid}: the meeting line in its text")
        if unit.kind != "heading" and len(title) > 12:
            for m in re.finditer(re.escape(title[:40]), text):
                before = text[max(0, m.start() - 12) : m.start()]
                if not re.search(r"[“\"«]\s*$|entitled\s*$|the\s*$|of\s*$", before):
                    found.append(f"{unit.eid}: the running head in its text")
    return found


def uncited(result: Result) -> list[str]:
    cited = {number for u in result.units for number, _ in u.calls}
    return [n for n in result.footnotes if n not in cited]
