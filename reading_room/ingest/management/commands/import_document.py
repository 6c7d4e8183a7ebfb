"""python manage.py import_document --en PATH --fr PATH  |  import_document FOLDER_OR_FILE…"""

import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from functools import partial
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from tqdm import tqdm

from reading_room.ingest.import_report import summary
from reading_room.ingest.importer import (
    ImportRefused,
    Prepared,
    ensure_states,
    import_texts,
    prepare,
    read_path,
    write,
)
from reading_room.parsing.lexicon import get_lexicon


class Command(BaseCommand):
    help = (
        "Import a UN document from its English and/or French text, "
        "or every <name>.en.txt / <name>.fr.txt pair in a folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="FOLDER_OR_FILE",
            help="folders of <name>.en.txt and <name>.fr.txt pairs, or single <name>.en.txt / <name>.fr.txt files",
        )
        parser.add_argument("--en", help="English text file")
        parser.add_argument("--fr", help="French text file")
        parser.add_argument("--symbol", default="", help="document symbol, for texts without a header")
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for a folder (default: CPUs)"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="refuse a document whose report has a structural warning (numbering gap, lost number or label, "
            "uncited footnote, page furniture left in a paragraph)",
        )

    def handle(self, *args, paths=(), en=None, fr=None, symbol="", strict=False, **options):
        if paths and (en or fr):
            raise CommandError("Give either folders and files or --en/--fr, not both.")
        if paths:
            if symbol:
                raise CommandError("--symbol goes with --en/--fr (one document), not with folders.")
            return self._import_folder([Path(p) for p in paths], options["verbosity"], options["jobs"], strict)
        if not en and not fr:
            raise CommandError("Give --en PATH and/or --fr PATH (or a folder).")
        try:
            result = import_texts(
                en=read_path(en) if en else None, fr=read_path(fr) if fr else None, symbol=symbol, strict=strict
            )
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        self._report(result, details=options["verbosity"] >= 1)

    def _report(self, result, details: bool) -> None:
        action = "Imported" if result.created else "Updated"
        self.stdout.write(f"{action} {result.symbol} ({', '.join(result.languages)})")
        if details and result.report:
            for line in summary(result.report):
                self.stdout.write(f"  {line}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))

    def _import_folder(self, paths: list[Path], verbosity: int, jobs: int, strict: bool) -> None:
        names = _documents(paths)
        refused: list[str] = []
        created = updated = 0
        progress = tqdm(total=len(names), unit="doc", file=sys.stderr, disable=verbosity < 1 or not sys.stderr.isatty())
        for name, outcome in _run(names, jobs, strict):
            progress.update()
            if isinstance(outcome, str):
                refused.append(f"{name}: {outcome}")
                continue
            action, lines = outcome
            created += action == "Imported"
            updated += action == "Updated"
            if created + updated == _ANALYZE_AFTER:
                _refresh_statistics()
            if verbosity >= 2 or len(names) == 1:
                for line in lines:
                    self.stdout.write(line)
        progress.close()
        self.stdout.write(f"{created + updated} imported ({created} new, {updated} updated), {len(refused)} refused.")
        for line in refused:
            self.stderr.write(f"  refused {line}")
        if refused:
            raise CommandError(f"{len(refused)} of {len(names)} documents refused.")


# PostgreSQL plans queries from table statistics, which a bulk import into a new database outdates
# at once: its tables look empty (and the plans scan them whole) until ANALYZE, which autovacuum
# may not run for a minute, or at all. Refreshed once, when that many documents are in.
_ANALYZE_AFTER = 32


def _refresh_statistics() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _documents(paths: list[Path]) -> list[tuple[Path | None, Path | None]]:
    """(English file, French file) for each document: the pairs in each folder (`name.en.txt` with
    `name.fr.txt`), and each file given on its own."""
    documents: list[tuple[Path | None, Path | None]] = []
    for path in paths:
        if path.is_dir():
            found = sorted({p.name.rsplit(".", 2)[0] for p in path.glob("*.txt") if p.name.count(".") >= 2})
            if not found:
                raise CommandError(f"{path}: no <name>.en.txt or <name>.fr.txt files.")
            for name in found:
                en, fr = path / f"{name}.en.txt", path / f"{name}.fr.txt"
                documents.append((en if en.exists() else None, fr if fr.exists() else None))
        elif path.is_file() and path.name.endswith((".en.txt", ".fr.txt")):
            documents.append((path, None) if path.name.endswith(".en.txt") else (None, path))
        elif path.is_file():
            raise CommandError(f"{path}: a text file's name says its language: <name>.en.txt or <name>.fr.txt.")
        else:
            raise CommandError(f"{path}: no such folder or file.")
    return documents


def _name(document: tuple[Path | None, Path | None]) -> str:
    path = document[0] or document[1]
    return str(path.with_name(path.name.rsplit(".", 2)[0]))


def _prepare_pair(document: tuple[Path | None, Path | None], strict: bool = False) -> Prepared | str:
    """Parse one pair; the refusal message if it won't do."""
    en, fr = document
    try:
        return prepare(en=read_path(en) if en else None, fr=read_path(fr) if fr else None, strict=strict)
    except ImportRefused as exc:
        return str(exc)


def _write_pair(prepared: Prepared | str) -> str | tuple[str, list[str]]:
    """Write one parsed pair; the refusal message, or ("Imported"/"Updated", report lines)."""
    if isinstance(prepared, str):
        return prepared
    try:
        result = write(prepared)
    except ImportRefused as exc:
        return str(exc)
    action = "Imported" if result.created else "Updated"
    lines = [f"{action} {result.symbol} ({', '.join(result.languages)})"]
    lines += [f"  {line}" for line in summary(result.report)] + [f"  warning: {w}" for w in result.warnings]
    return action, lines


def _import_pair(document: tuple[Path | None, Path | None], strict: bool = False) -> str | tuple[str, list[str]]:
    return _write_pair(_prepare_pair(document, strict))


def _run(names: list[tuple[Path | None, Path | None]], jobs: int, strict: bool):
    """Import pairs, each document in its own transaction, in `jobs` worker processes when there
    are enough documents to be worth it.

    SQLite takes one writer at a time, and a waiting one polls for the lock: there the workers
    only parse (the bulk of the work) and this process writes. PostgreSQL takes concurrent
    writers, and a writer mostly waits for the server: there each worker writes what it parsed.
    """
    if jobs <= 1 or len(names) < 2 * jobs:
        for name in names:
            yield _name(name), _import_pair(name, strict)
        return
    single_writer = connection.vendor == "sqlite"
    get_lexicon()  # loaded once, before forking: the workers share it
    ensure_states()  # rather than workers racing to load them
    connections.close_all()  # children must open their own connections
    context = multiprocessing.get_context("fork")
    work = partial(_prepare_pair if single_writer else _import_pair, strict=strict)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=connections.close_all) as pool:
        for name, outcome in _as_completed(pool, work, names, ahead=4 * jobs):
            yield _name(name), _write_pair(outcome) if single_writer else outcome


def _as_completed(pool: ProcessPoolExecutor, fn, names: list[str], ahead: int):
    """(name, fn(name)) as the pool finishes them, with at most `ahead` documents submitted and not
    yet taken (parsed documents waiting for the writer stay few in memory)."""
    todo = iter(names)
    pending = {pool.submit(fn, name): name for name in islice(todo, ahead)}
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield pending.pop(future), future.result()
            for name in islice(todo, 1):
                pending[pool.submit(fn, name)] = name
