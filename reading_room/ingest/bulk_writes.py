"""Plain-row writes for the importer: rows in, ids out, history rows alongside, no model instances.

A document is ~700 rows. Building a model instance per row and preparing it value by value
(bulk_create, bulk_create_with_history) cost the importer several times the SQL itself. Here a
row is a dict keyed by column attname; values are converted only for the column types that need
it (JSON, dates); django-simple-history's rows get the same columns and user that
bulk_create_with_history gives them, under one timestamp per import.

Why not the ORM: the same importer through bulk_create / bulk_update and django-simple-history's
bulk_create_with_history / bulk_update_with_history (measured 2026-12-04 with import_document
FOLDER on bench/import_speed.py's 200 documents) spent 25.2 s of CPU instead of 16.3 on SQLite and
21.0 s instead of 13.4 (client processes) on PostgreSQL: ~16 and ~15 documents/s on 2 cores
(24 and ~21 as written here), under the 20 the importer must keep (docs/importing.md, Speed).

No signals are sent (as with bulk_create). Not for models with auto_now fields, nor for
HistoricalRecords(related_name=...) (its history_relation column is not filled).
"""

# ruff: noqa: S608 - SQL from model table and column names; values are always parameters

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence

import psycopg
from django.conf import settings
from django.db import connections
from django.db.models import Field, Model
from django.utils import timezone
from simple_history.utils import get_history_model_for_model

# Values of these column types go to the database driver as they are.
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}
_UNKNOWN = object()
_MAX_PARAMS = 65535  # PostgreSQL's limit of parameters in one statement


class Rows:
    """Reads and writes the rows of one document's import, on one database connection."""

    def __init__(self, new_document: bool, using: str = "default"):
        self.new_document = new_document
        self.connection = connections[using]
        self.now = timezone.now()
        self._history_user_id = _UNKNOWN

    def stored(self, model: type[Model], **lookups) -> list[dict]:
        """Stored rows as dicts of every column (what a re-import compares with and copies into
        the history); a new document has none, which saves the queries."""
        if self.new_document:
            return []
        return list(model.objects.filter(**lookups).order_by("pk").values())

    def insert(self, model: type[Model], rows: list[dict]) -> None:
        """INSERT the rows (a missing column takes the field's default) and set each row's id;
        record their creation ("+") in the model's history, if it keeps one."""
        if not rows:
            return
        pk = model._meta.pk
        fields = [f for f in model._meta.concrete_fields if f is not pk]
        for field in fields:  # complete the rows: their history copies every column
            default = field.get_default()
            for row in rows:
                row.setdefault(field.attname, default)
        for row, key in zip(rows, self._insert_returning_ids(model, fields, rows), strict=True):
            row[pk.attname] = key
        self._history(model, rows, "+")

    def update(self, model: type[Model], rows: list[dict], columns: Sequence[str]) -> None:
        """UPDATE these columns of complete rows (by id), and record the change ("~") in the history."""
        if not rows:
            return
        meta = model._meta
        fields = [meta.get_field(c) for c in columns]
        sets = ", ".join(f"{self._quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {self._quote(meta.db_table)} SET {sets} WHERE {self._quote(meta.pk.column)} = %s"
        params = [[*values, row[meta.pk.attname]] for values, row in zip(self._values(fields, rows), rows, strict=True)]
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, params)
        self._history(model, rows, "~")

    def insert_many(self, model: type[Model], rows: list[dict]) -> None:
        """INSERT rows whose ids no one needs; no history."""
        if not rows:
            return
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        if self.connection.vendor == "postgresql":
            self._copy(model, fields, rows)
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                # in-process, so no round trips to save; and DEBUG logs executemany without
                # quoting every parameter (which doubles the work of a multi-row INSERT)
                cursor.executemany(self._values_sql(model, fields, 1), self._values(fields, rows))
                return
            for batch in self._batches(fields, rows):
                cursor.execute(*self._insert_sql(model, fields, batch))

    def _history(self, model: type[Model], rows: list[dict], history_type: str) -> None:
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            return
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        history = _history_model(model)
        stamp = {
            "history_date": self.now,
            "history_type": history_type,
            "history_change_reason": None,
            "history_user_id": self._user_id(history),
        }
        tracked = [f.attname for f in history.tracked_fields]
        self.insert_many(history, [{name: row[name] for name in tracked} | stamp for row in rows])

    def _user_id(self, history: type[Model]) -> int | None:
        """The request's user in the admin, as bulk_create_with_history records it; else None."""
        if self._history_user_id is _UNKNOWN:
            user = history.get_default_history_user(None)
            self._history_user_id = user.pk if user is not None else None
        return self._history_user_id

    def _insert_returning_ids(self, model: type[Model], fields: list[Field], rows: list[dict]) -> list:
        ids = []
        with self._pg_cursor() if self.connection.vendor == "postgresql" else self.connection.cursor() as cursor:
            for batch in self._batches(fields, rows):
                sql, params = self._insert_sql(model, fields, batch)
                cursor.execute(f"{sql} RETURNING {self._quote(model._meta.pk.column)}", params)
                ids += [key for (key,) in cursor.fetchall()]  # in row order, as bulk_create relies on too
        return ids

    def _batches(self, fields: list[Field], rows: list[dict]):
        """As many rows per statement as the database takes parameters: one multi-row INSERT is
        much faster than executemany (on PostgreSQL each row would be a round trip)."""
        if not rows:
            return
        size = min(self.connection.ops.bulk_batch_size(fields, rows) or len(rows), _MAX_PARAMS // len(fields))
        for start in range(0, len(rows), size):
            yield rows[start : start + size]

    def _insert_sql(self, model: type[Model], fields: list[Field], rows: list[dict]) -> tuple[str, list]:
        """One INSERT statement for the rows, and its parameters."""
        values = self._values(fields, rows)
        if self.connection.vendor == "postgresql":
            # One array per column, as bulk_create does there: far less to parse and plan than VALUES;
            # sent as binary parameters (_pg_cursor), so the statement is the same for every batch.
            arrays = ", ".join(f"%b::{kind}[]" for kind in self._types(fields))
            sql = f"INSERT INTO {self._table(model, fields)} SELECT * FROM UNNEST({arrays})"
            return sql, [list(column) for column in zip(*values, strict=True)]
        return self._values_sql(model, fields, len(rows)), [value for row in values for value in row]

    def _values_sql(self, model: type[Model], fields: list[Field], count: int) -> str:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        return f"INSERT INTO {self._table(model, fields)} VALUES {', '.join([row] * count)}"

    def _table(self, model: type[Model], fields: list[Field]) -> str:
        return f"{self._quote(model._meta.db_table)} ({', '.join(self._quote(f.column) for f in fields)})"

    def _values(self, fields: list[Field], rows: list[dict]) -> list[list]:
        """Each row's values in field order; a missing column takes the field's default."""
        columns = [(f.attname, self._converter(f), f.get_default()) for f in fields]
        return [[convert(row.get(name, default)) for name, convert, default in columns] for row in rows]

    def _converter(self, field: Field) -> Callable:
        if field.get_internal_type() in _AS_IS:
            return _as_is
        convert = functools.partial(field.get_db_prep_save, connection=self.connection)
        if field.get_internal_type() == "DateTimeField":
            return functools.lru_cache(maxsize=1)(convert)  # history rows share one timestamp
        return convert

    def _copy(self, model: type[Model], fields: list[Field], rows: list[dict]) -> None:
        """PostgreSQL: the rows in one binary COPY (psycopg encodes them in C; no statement to
        parse, and no parameter limit). Triggers fire as for an INSERT."""
        types = self._types(fields)
        sql = f"COPY {self._table(model, fields)} FROM STDIN (FORMAT BINARY)"
        with self._pg_cursor() as cursor, cursor.copy(sql) as copy:
            copy.set_types(types)
            for values in self._values(fields, rows):
                copy.write_row(values)

    def _types(self, fields: list[Field]) -> list[str]:
        """The columns' PostgreSQL types without their size ("varchar", "bigint", "jsonb")."""
        return _types(self.connection.alias, tuple(fields))

    @contextlib.contextmanager
    def _pg_cursor(self) -> Iterator[psycopg.Cursor]:
        """A psycopg cursor binding parameters on the server, in binary: Django's (client-side
        binding) would quote every value of every array into the SQL text, for the server to parse
        back. The statements stay the same from batch to batch, and psycopg prepares them once
        they have been seen a few times. Same connection, so same transaction; errors are raised
        as Django's (IntegrityError…), as from its cursors. Not in connection.queries (DEBUG)."""
        self.connection.ensure_connection()
        with self.connection.wrap_database_errors, psycopg.Cursor(self.connection.connection) as cursor:
            yield cursor

    def _quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)


def _as_is(value):
    return value


@functools.cache
def _types(alias: str, fields: tuple[Field, ...]) -> list[str]:
    return [f.db_type(connections[alias]).split("(")[0] for f in fields]


# The history manager builds a new manager class on each access: look the model up once.
_history_model = functools.cache(get_history_model_for_model)
