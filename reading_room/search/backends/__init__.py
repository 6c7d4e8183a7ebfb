"""Full-text matching, ranking and snippets: one small module per database."""

from __future__ import annotations

from types import ModuleType

from django.db import connection

from . import postgres, sqlite


def backend() -> ModuleType:
    return postgres if connection.vendor == "postgresql" else sqlite
