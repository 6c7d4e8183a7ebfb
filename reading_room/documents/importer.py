"""Moved to reading_room.ingest.importer; kept importable for code that still uses this path."""

from reading_room.ingest.importer import ImportRefused, ImportResult, import_texts, read_path, read_text

__all__ = ["ImportRefused", "ImportResult", "import_texts", "read_path", "read_text"]
