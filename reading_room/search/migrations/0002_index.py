"""The search index proper: PostgreSQL text search configurations, tsvector column, GIN index and
triggers; on SQLite an FTS5 table and triggers. Then fill it from the documents already there."""

from django.db import migrations

from reading_room.search import sql
from reading_room.search.apps import register_sqlite_functions


def install(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        register_sqlite_functions(connection.connection)
    elif connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in [*sql.install(connection), *sql.rebuild(connection)]:
            cursor.execute(statement)


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        for statement in sql.uninstall(connection):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
