"""python manage.py import_document --en PATH --fr PATH  |  import_document FOLDER"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reading_room.documents.importer import ImportRefused, import_texts, read_path


class Command(BaseCommand):
    help = (
        "Import a UN document from its English and/or French text, "
        "or every <name>.en.txt/<name>.fr.txt pair in a folder."
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
        self._report(result)

    def _report(self, result):
        action = "Imported" if result.created else "Updated"
        self.stdout.write(f"{action} {result.symbol} ({', '.join(result.languages)})")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))

    def _import_folder(self, folder: Path, verbosity: int):
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a folder.")
        names = sorted({p.name.rsplit(".", 2)[0] for p in folder.glob("*.txt") if p.name.count(".") >= 2})
        if not names:
            raise CommandError(f"{folder}: no <name>.en.txt or <name>.fr.txt files.")
        failed = 0
        for name in names:
            en, fr = folder / f"{name}.en.txt", folder / f"{name}.fr.txt"
            try:
                result = import_texts(
                    en=read_path(en) if en.exists() else None, fr=read_path(fr) if fr.exists() else None
                )
            except ImportRefused as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc}")
                continue
            self._report(result)
        self.stdout.write(f"{len(names) - failed} imported, {failed} refused.")
        if failed:
            raise CommandError(f"{failed} of {len(names)} documents refused.")
