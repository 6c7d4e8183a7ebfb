"""python manage.py import_document --en PATH --fr PATH  |  import_document FOLDER"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reading_room.ingest.importer import ImportRefused, import_texts, read_path
from reading_room.ingest.records import summary


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

    def handle(self, *args, folder=None, en=None, fr=None, symbol="", **options):
        if folder and (en or fr):
            raise CommandError("Give either a folder or --en/--fr, not both.")
        if folder:
            return self._import_folder(Path(folder), options["verbosity"])
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

    def _import_folder(self, folder: Path, verbosity: int) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a folder.")
        names = sorted({p.name.rsplit(".", 2)[0] for p in folder.glob("*.txt") if p.name.count(".") >= 2})
        if not names:
            raise CommandError(f"{folder}: no <name>.en.txt or <name>.fr.txt files.")
        refused: list[str] = []
        created = updated = 0
        progress = tqdm(names, unit="doc", file=sys.stderr, disable=verbosity < 1 or not sys.stderr.isatty())
        for name in progress:
            en, fr = folder / f"{name}.en.txt", folder / f"{name}.fr.txt"
            try:
                result = import_texts(
                    en=read_path(en) if en.exists() else None, fr=read_path(fr) if fr.exists() else None
                )
            except ImportRefused as exc:
                refused.append(f"{name}: {exc}")
                continue
            created += result.created
            updated += not result.created
            if verbosity >= 2 or len(names) == 1:
                self._report(result, details=True)
        self.stdout.write(f"{created + updated} imported ({created} new, {updated} updated), {len(refused)} refused.")
        for line in refused:
            self.stderr.write(f"  refused {line}")
        if refused:
            raise CommandError(f"{len(refused)} of {len(names)} documents refused.")
