"""Full-text matching, ranking and snippets: one small module per database."""

from __future__ import annotations

from django.db import connection


def backend():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
