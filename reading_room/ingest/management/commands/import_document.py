"""python manage.py import_document --en PATH --fr PATH  |  import_document FOLDER"""

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

from reading_room.ingest.importer import (
    ImportRefused,
    Prepared,
    ensure_states,
    import_texts,
    prepare,
    read_path,
    write,
)
from reading_room.ingest.records import summary
from reading_room.parsing.lexicon import get_lexicon


class Command(BaseCommand):
    help = (
        "Import a UN document from its English and/or French text, "
        "or every <name>.en.txt / <name>.fr.txt pair in a folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="a folder of <name>.en.txt and <name>.fr.txt files")
        parser.add_argument("--en", help="English text file")
        parser.add_argument("--fr", help="French text file")
        parser.add_argument("--symbol", default="", help="document symbol, for texts without a header")
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for a folder (default: CPUs)"
        )

    def handle(self, *args, folder=None, en=None, fr=None, symbol="", **options):
        if folder and (en or fr):
            raise CommandError("Give either a folder or --en/--fr, not both.")
        if folder:
            return self._import_folder(Path(folder), options["verbosity"], options["jobs"])
        if not en and not fr:
            raise CommandError("Give --en PATH and/or --fr PATH (or a folder).")
        try:
            result = import_texts(en=read_path(en) if en else None, fr=read_path(fr) if fr else None, symbol=symbol)
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

    def _import_folder(self, folder: Path, verbosity: int, jobs: int) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a folder.")
        names = sorted({p.name.rsplit(".", 2)[0] for p in folder.glob("*.txt") if p.name.count(".") >= 2})
        if not names:
            raise CommandError(f"{folder}: no <name>.en.txt or <name>.fr.txt files.")
        refused: list[str] = []
        created = updated = 0
        progress = tqdm(total=len(names), unit="doc", file=sys.stderr, disable=verbosity < 1 or not sys.stderr.isatty())
        for name, outcome in _run(folder, names, jobs):
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


def _prepare_pair(folder: Path, name: str) -> Prepared | str:
    """Parse one pair; the refusal message if it won't do."""
    en, fr = folder / f"{name}.en.txt", folder / f"{name}.fr.txt"
    try:
        return prepare(en=read_path(en) if en.exists() else None, fr=read_path(fr) if fr.exists() else None)
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


def _import_pair(folder: Path, name: str) -> str | tuple[str, list[str]]:
    return _write_pair(_prepare_pair(folder, name))


def _run(folder: Path, names: list[str], jobs: int):
    """Import pairs, each document in its own transaction, in `jobs` worker processes when there
    are enough documents to be worth it.

    SQLite takes one writer at a time, and a waiting one polls for the lock: there the workers
    only parse (the bulk of the work) and this process writes. PostgreSQL takes concurrent
    writers, and a writer mostly waits for the server: there each worker writes what it parsed.
    """
    if jobs <= 1 or len(names) < 2 * jobs:
        for name in names:
            yield name, _import_pair(folder, name)
        return
    single_writer = connection.vendor == "sqlite"
    get_lexicon()  # loaded once, before forking: the workers share it
    ensure_states()  # rather than workers racing to load them
    connections.close_all()  # children must open their own connections
    context = multiprocessing.get_context("fork")
    work = partial(_prepare_pair if single_writer else _import_pair, folder)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=connections.close_all) as pool:
        for name, outcome in _as_completed(pool, work, names, ahead=4 * jobs):
            yield name, _write_pair(outcome) if single_writer else outcome


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
