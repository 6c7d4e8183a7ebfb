"""PostgreSQL: the GIN indexes over the filter columns too (part, body, document kind; btree_gin),
so that a filtered search reads only the matches its filters keep; the BRIN index on ids with 8
pages a range, so that the planner ANDs the GIN bitmap first (backends/postgres.py)."""

from django.db import migrations

POSTGRESQL = [
    'CREATE EXTENSION IF NOT EXISTS btree_gin;',
    "SET LOCAL maintenance_work_mem = '256MB';",
    'DROP INDEX IF EXISTS search_entry_vector_en;',
    'DROP INDEX IF EXISTS search_entry_vector_fr;',
    'DROP INDEX IF EXISTS search_entry_vector_other;',
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_en ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id = 'en';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_fr ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id = 'fr';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_other ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id NOT IN ('en', 'fr');
""",
    'DROP INDEX IF EXISTS search_entry_id_brin;',
    """
CREATE INDEX IF NOT EXISTS search_entry_id_brin ON search_entry USING brin (id) WITH (pages_per_range = 8, autosummarize = on);
""",
]

POSTGRESQL_REVERSE = [
    'CREATE EXTENSION IF NOT EXISTS btree_gin;',
    "SET LOCAL maintenance_work_mem = '256MB';",
    'DROP INDEX IF EXISTS search_entry_vector_en;',
    'DROP INDEX IF EXISTS search_entry_vector_fr;',
    'DROP INDEX IF EXISTS search_entry_vector_other;',
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_en ON search_entry USING gin (vector) WHERE language_id = 'en';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_fr ON search_entry USING gin (vector) WHERE language_id = 'fr';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_other ON search_entry USING gin (vector) WHERE language_id NOT IN ('en', 'fr');
""",
    'DROP INDEX IF EXISTS search_entry_id_brin;',
    """
CREATE INDEX IF NOT EXISTS search_entry_id_brin ON search_entry USING brin (id) WITH (pages_per_range = 16, autosummarize = on);
""",
]



def _run(statements):
    """Execute this vendor's statements (none on other databases); as written, no placeholders."""

    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_id_ranges")]
    operations = [migrations.RunPython(_run({"postgresql": POSTGRESQL}), _run({"postgresql": POSTGRESQL_REVERSE}))]
