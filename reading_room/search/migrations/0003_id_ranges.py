"""PostgreSQL: a BRIN index on search_entry.id, so that a search can read only its newest rows."""

from django.db import migrations

POSTGRESQL = [
    """
CREATE INDEX IF NOT EXISTS search_entry_id_brin ON search_entry USING brin (id) WITH (pages_per_range = 16, autosummarize = on);
""",
]

POSTGRESQL_REVERSE = [
    'DROP INDEX IF EXISTS search_entry_id_brin;',
]



def _run(statements):
    """Execute this vendor's statements (none on other databases); as written, no placeholders."""

    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_index")]
    operations = [migrations.RunPython(_run({"postgresql": POSTGRESQL}), _run({"postgresql": POSTGRESQL_REVERSE}))]
