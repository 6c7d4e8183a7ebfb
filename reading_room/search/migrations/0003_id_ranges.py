"""PostgreSQL: a BRIN index on search_entry.id, so that a search can read only its newest rows."""

from django.db import migrations

from reading_room.search import sql


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql.PG_ID_RANGES)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql.PG_ID_RANGES_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_index")]
    operations = [migrations.RunPython(install, uninstall)]
