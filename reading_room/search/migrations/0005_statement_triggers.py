"""PostgreSQL: paragraph and footnote texts are indexed per INSERT statement (a statement-level
trigger reading the transition table, one set-based upsert) instead of per row (sql._pg_trigger).
Same index rows; an import's write costs much less database time."""

from django.db import migrations

from reading_room.search import sql

_TABLES = {"search_paragraph_text": "documents_paragraphtext", "search_footnote_text": "documents_footnotetext"}


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in sql.PG_TRIGGERS:
            schema_editor.execute(statement, params=None)  # no placeholders: statements with %


def uninstall(apps, schema_editor):
    """Back to one row-level trigger for inserts and deletes (the function handles both)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in _TABLES.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_insert ON {table};")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}_delete ON {table};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}_insert();")
        schema_editor.execute(
            f"CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_filter_columns")]
    operations = [migrations.RunPython(install, uninstall)]
