"""Corpus bench: import every text of a folder and say how each came out.

    python bench/corpus.py sample/ga-80          # or any folder of *.en.txt / *.fr.txt
    python bench/corpus.py FOLDER --show a-res-80-11        # every difference for one document

One row per file: the symbol found, preambular/operative/sub-paragraph/annex/footnote counts
(expected/got where tests/data/corpus/<folder>/expected/<name>.json exists), footnotes never cited,
page furniture left in paragraphs, the import's warnings, and whether it matches its expected data;
then the totals and the import speed. Each file is imported alone (in a transaction rolled back afterwards) into a
throwaway SQLite database, or DATABASE_URL's.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    tmp = tempfile.mkdtemp(prefix="rr-corpus-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reading_room.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/corpus.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_states", verbosity=0)


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", default="", help="print every difference for files whose name contains this")
    args = parser.parse_args()
    setup()
    from django.db import transaction

    from reading_room.ingest.importer import ImportRefused, import_texts, read_path
    from reading_room.parsing.lexicon import get_lexicon
    from reading_room.parsing.ocr_fr import repair_english
    from tests.corpus_check import counts, differences, expected_counts, expected_for, from_document, uncited

    files = sorted(p for p in args.folder.glob("*.txt") if p.name.endswith((".en.txt", ".fr.txt")))
    get_lexicon()  # loaded once per process, as import_document does before its workers start
    repair_english("high- level")  # the English word list, likewise
    columns = ("pp", "op", "sub", "annex", "fn", "uncited")
    header = (
        f"{'file':<28} {'symbol':<13} " + " ".join(f"{c:>7}" for c in columns) + f" {'furn.':>5} {'warn':>4}  result"
    )
    print(header)
    print("-" * len(header))
    totals = {"files": 0, "exact": 0, "expected": 0, "refused": 0, "counts_ok": 0}
    elapsed = 0.0
    shown: list[tuple[str, list[str]]] = []
    for path in files:
        language = path.name.split(".")[-2]
        expected = expected_for(path)
        totals["files"] += 1
        text = read_path(path)
        start = time.perf_counter()
        try:
            with transaction.atomic():
                result = import_texts(**{language: text})
                elapsed += time.perf_counter() - start
                got = from_document(result.document, language)
                raise Rollback
        except Rollback:
            pass
        except ImportRefused as exc:
            elapsed += time.perf_counter() - start
            totals["refused"] += 1
            print(f"{path.name[:28]:<28} REFUSED: {exc}")
            continue
        c = counts(got.units)
        want = expected_counts(expected) if expected else None

        def cell(key, value, wanted=None):
            return f"{value}" if wanted is None else (f"{value}" if value == wanted else f"{wanted}/{value}!")

        footnotes = len(got.footnotes)
        cells = [
            cell("pp", c["preambular"], want and want["preambular"]),
            cell("op", c["operative"], want and want["operative"]),
            cell("sub", c["subparagraph"], want and want["subparagraph"]),
            cell("annex", c["annex"], want and want["annex"]),
            cell("fn", footnotes, expected and len(expected["footnotes"])),
        ]
        lost = uncited(got)
        from tests.corpus_check import furniture

        furn = furniture(got, expected)
        problems = differences(got, expected) if expected else []
        if expected:
            totals["expected"] += 1
            totals["exact"] += not problems
            counts_ok = (
                want["preambular"] == c["preambular"]
                and want["operative"] == c["operative"]
                and len(expected["footnotes"]) == footnotes
                and not lost
                and not furn
            )
            totals["counts_ok"] += counts_ok
        verdict = ("exact" if not problems else f"{len(problems)} differences") if expected else "-"
        print(
            f"{path.name[:28]:<28} {got.symbol[:13]:<13} {cells[0]:>7} {cells[1]:>7} {cells[2]:>7} {cells[3]:>7} "
            f"{cells[4]:>7} {len(lost):>7} {len(furn):>5} {len(result.warnings):>4}  {verdict}"
        )
        if args.show and args.show in path.name:
            shown.append((path.name, problems + [f"warning: {w}" for w in result.warnings]))
    print("-" * len(header))
    n = totals["files"]
    print(
        f"{n} files, {totals['refused']} refused; with expected data: {totals['expected']}, "
        f"counts+citations+no furniture right in {totals['counts_ok']}, exact in {totals['exact']}"
    )
    print(
        f"import speed: {n / elapsed:.1f} documents/s ({elapsed:.2f} s for {n} imports, parse and write, one process; "
        f"database {os.environ['DATABASE_URL'].split(':')[0]})"
    )
    for name, problems in shown:
        print(f"\n{name}:")
        for line in problems:
            print(f"  {line}")


if __name__ == "__main__":
    main()
