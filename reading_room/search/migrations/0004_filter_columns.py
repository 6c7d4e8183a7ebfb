"""PostgreSQL: the GIN indexes over the filter columns too (part, body, document kind; btree_gin),
so that a filtered search reads only the matches its filters keep; the BRIN index on ids with 8
pages a range, so that the planner ANDs the GIN bitmap first (sql.pg_id_ranges())."""

from django.db import migrations

from reading_room.search import sql


def _replace(schema_editor, filters: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(sql.PG_BTREE_GIN)
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB';")
    for name in sql.PG_INDEX_NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name};")
    for statement in sql.pg_indexes(filters=filters):
        schema_editor.execute(statement)
    schema_editor.execute(sql.PG_ID_RANGES_DROP)
    schema_editor.execute(sql.pg_id_ranges(8 if filters else 16))


def install(apps, schema_editor):
    _replace(schema_editor, filters=True)


def uninstall(apps, schema_editor):
    _replace(schema_editor, filters=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_id_ranges")]
    operations = [migrations.RunPython(install, uninstall)]
