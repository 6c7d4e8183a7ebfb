"""Word error rate of the bundled French OCR sample, before and after repair.

    .venv/bin/python bench/ocr_wer.py [--changes] [--flags]

Splits the raw OCR (sample/A-79-L.124.fr.txt) into the paragraphs and
footnotes of the proofread text (tests/data/A-79-L.124.fr.proofread.txt),
strips footnote markers crudely, runs ``repair_french`` on each and compares
word by word (Levenshtein over whitespace-separated words / reference words).
The splitter is a bench helper only: the real importer has its own parser.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reading_room.parsing.lexicon import get_lexicon  # noqa: E402
from reading_room.parsing.ocr_fr import Repair, repair_french  # noqa: E402

RAW = ROOT / "sample" / "A-79-L.124.fr.txt"
PROOFREAD = ROOT / "tests" / "data" / "A-79-L.124.fr.proofread.txt"

_FOOTNOTE_START = re.compile(r"^\s*(\d{1,2}|[!¢?®°])\s+(?=[A-ZÉ])")
_OPERATIVE = re.compile(r"^\s*\d+\.\s")
# A marker glued after a word (not after a one-letter elision like "I’ ").
_BODY_MARKER = re.compile(r"(?<=[^\W\d_]{2})[?®°’¹²³⁴⁵⁶⁷⁸⁹](?=[\s,.;:]|$)|(?<=\d{4})°(?=[\s,.;:])")


def split_raw(text: str) -> tuple[list[str], list[str]]:
    """(body paragraphs, footnotes) of the raw OCR, markers removed.

    Page breaks show as lines starting with a space; a paragraph that is not
    finished (no final , ; . :) continues on the next lowercase line, and
    capitalised lines in between are footnotes.
    """
    body: list[list[str]] = []
    notes: list[list[str]] = []
    open_par: list[str] | None = None
    in_notes = False

    def finished(par: list[str] | None) -> bool:
        return par is None or par[-1].rstrip()[-1:] in {",", ";", ".", ":"}

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if not in_notes:
                open_par = None
            continue
        page_break = line.startswith(" ")
        if _FOOTNOTE_START.match(line) and not _OPERATIVE.match(line):
            notes.append([_FOOTNOTE_START.sub("", line).strip()])
            in_notes = True
        elif page_break and stripped[0].isupper() and open_par is not None and not finished(open_par):
            notes.append([stripped])  # a footnote whose marker was lost
            in_notes = True
        elif in_notes and not page_break and not stripped[0].isupper():
            notes[-1].append(stripped)
        elif in_notes and not page_break and finished(notes[-1]):
            notes.append([stripped])
        elif (
            open_par is not None
            and (not finished(open_par) or not page_break)
            and not (page_break and stripped[0].isupper())
        ):
            open_par.append(stripped)
            in_notes = False
        else:
            open_par = [stripped]
            body.append(open_par)
            in_notes = False
    paragraphs = [_BODY_MARKER.sub("", " ".join(p)) for p in body]
    return paragraphs, [" ".join(n) for n in notes]


def read_proofread(text: str) -> tuple[list[str], list[str]]:
    head, _, tail = text.partition("\n---\n")
    notes = [line.split("\t", 1)[1] for line in tail.splitlines() if line.strip()]
    return head.splitlines(), notes


def word_errors(hyp: str, ref: str) -> tuple[int, list[tuple[str, str]]]:
    """Levenshtein distance over words, and the differing (hyp, ref) pairs."""
    h, r = hyp.split(), ref.split()
    rows = [list(range(len(r) + 1))]
    for i, hw in enumerate(h, 1):
        row = [i]
        for j, rw in enumerate(r, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (hw != rw)))
        rows.append(row)
    diffs, i, j = [], len(h), len(r)
    while i or j:
        if i and j and rows[i][j] == rows[i - 1][j - 1] + (h[i - 1] != r[j - 1]):
            if h[i - 1] != r[j - 1]:
                diffs.append((h[i - 1], r[j - 1]))
            i, j = i - 1, j - 1
        elif i and rows[i][j] == rows[i - 1][j] + 1:
            diffs.append((h[i - 1], ""))
            i -= 1
        else:
            diffs.append(("", r[j - 1]))
            j -= 1
    return rows[-1][-1], diffs[::-1]


def sample_pairs() -> list[tuple[str, str]]:
    """(raw paragraph, proofread paragraph) for the body and the footnotes."""
    raw_body, raw_notes = split_raw(RAW.read_text(encoding="utf-8"))
    ref_body, ref_notes = read_proofread(PROOFREAD.read_text(encoding="utf-8"))
    if len(raw_body) != len(ref_body) or len(raw_notes) != len(ref_notes):
        raise SystemExit(
            f"paragraph split mismatch: raw {len(raw_body)}+{len(raw_notes)}, "
            f"proofread {len(ref_body)}+{len(ref_notes)}"
        )
    return list(zip(raw_body + raw_notes, ref_body + ref_notes, strict=True))


def measure(pairs: list[tuple[str, str]]) -> dict:
    words = sum(len(ref.split()) for _, ref in pairs)
    before = sum(word_errors(raw, ref)[0] for raw, ref in pairs)
    repairs: list[Repair] = [repair_french(raw) for raw, _ in pairs]
    after, diffs = 0, []
    for repair, (_, ref) in zip(repairs, pairs, strict=True):
        errors, pair_diffs = word_errors(repair.text, ref)
        after += errors
        diffs.extend(pair_diffs)
    return {
        "words": words,
        "before": before,
        "after": after,
        "diffs": diffs,
        "repairs": repairs,
    }


def main(argv: list[str]) -> None:
    pairs = sample_pairs()
    t0 = time.perf_counter()
    get_lexicon()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = measure(pairs)
    t1 = time.perf_counter()
    for _ in range(5):
        for raw, _ in pairs:
            repair_french(raw)
    per_doc = (time.perf_counter() - t1) / 5
    words = result["words"]
    repairs = result["repairs"]
    changes = [c for r in repairs for c in r.changes]
    flags = [(r, f) for r in repairs for f in r.flags]
    print(f"reference words        {words}")
    print(f"WER before repair      {result['before'] / words:.2%}  ({result['before']} word errors)")
    print(f"WER after repair       {result['after'] / words:.2%}  ({result['after']} word errors)")
    print(f"changes                {len(changes)}")
    print(f"flags                  {len(flags)}")
    print(f"lexicon load           {load:.2f} s")
    print(f"repair, whole sample   {per_doc * 1000:.0f} ms ({len(pairs)} paragraphs)")
    print(f"(first pass incl. WER  {(t1 - t0) * 1000:.0f} ms)")
    print("remaining differences (repaired → proofread):")
    for hyp, ref in result["diffs"]:
        print(f"  {hyp or '∅'!s:30} → {ref or '∅'}")
    if "--flags" in argv:
        print("flags:")
        for _, f in flags:
            print(f"  {f.word!r:25} {f.reason}")
    if "--changes" in argv:
        print("changes:")
        for c in changes:
            print(f"  {c.original!r:28} → {c.replacement!r:24} [{c.rule}] {c.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
