"""Full-text matching, ranking and snippets: one small module per database."""

from __future__ import annotations

from django.db import connection

# What every backend's candidates() select of each match, besides its `rank` (query._stats reads them).
CANDIDATE_COLUMNS = ("id", "document_id", "language_id", "body", "session", "doc_kind", "kind", "opening")


def backend():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
