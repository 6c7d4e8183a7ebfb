"""The SQL that keeps search_entry current: triggers on the documents tables, per database.

Migration 0002 installs it; `rebuild()` statements refill the index from scratch (the migration's
backfill and generate_corpus use them). PostgreSQL: plpgsql triggers compute a tsvector with a
per-language configuration (unaccent, then the Snowball stemmer) into search_entry.vector, under a
GIN index. SQLite: triggers keep an FTS5 table search_fts (rowid = search_entry.id) whose `stems`
column is filled by rr_stems(), a Python function (text.stems) the app registers on every
connection, since SQLite has no French stemmer. A change to this file needs a new migration.
"""

# ruff: noqa: S608 - statements built from this module's constants and column names, no input

from __future__ import annotations

# Leads that differ only by an adverb are one opening phrase: "Recalling also" → "Recalling".
OPENING_SUFFIXES = [
    " once again",
    " furthermore",
    " moreover",
    " further",
    " also",
    " again",
    " en outre",
    " également",
    " de nouveau",
    " à nouveau",
    " par ailleurs",
    " de plus",
    " aussi",
]
CONFIGS = {"en": "en_unaccent", "fr": "fr_unaccent"}  # other languages: simple_unaccent (no stemming)

COLUMNS = (
    "id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, "
    "visible, kind, opening, position, date, body, session, doc_kind"
)


def opening(lead: str) -> str:
    cases = " ".join(
        f"WHEN {lead} LIKE '%{suffix}' THEN substr({lead}, 1, length({lead}) - {len(suffix)})"
        for suffix in OPENING_SUFFIXES
    )
    return f"CASE {cases} ELSE COALESCE({lead}, '') END"


def _visible(document: str, language: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id "
        f"WHERE vd.id = {document} AND vd.status = 'published' AND vt.language_id = {language} AND vt.published)"
    )


def paragraph_select(t: str, vector: bool) -> str:
    """Index rows for paragraph texts: `t` is NEW in a trigger, or the alias of a paragraph-text scan."""
    return (
        f"SELECT {t}.id * 2, {t}.id, NULL, p.id, NULL, d.id, {t}.language_id, "
        f"{_visible('d.id', f'{t}.language_id')}, p.kind, {opening(f'{t}.lead')}, p.position, "
        f"d.date, d.body, d.session, d.kind"
        + (f", to_tsvector(search_config({t}.language_id), {t}.text)" if vector else "")
        + " FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id"
    )


def footnote_select(t: str, vector: bool) -> str:
    return (
        f"SELECT {t}.id * 2 + 1, NULL, {t}.id, NULL, f.id, d.id, {t}.language_id, "
        f"{_visible('d.id', f'{t}.language_id')}, 'footnote', '', 100000 + f.position, "
        f"d.date, d.body, d.session, d.kind"
        + (f", to_tsvector(search_config({t}.language_id), {t}.text)" if vector else "")
        + " FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id"
    )


def _refresh_visible(where: str) -> str:
    visible = _visible("search_entry.document_id", "search_entry.language_id")
    return f"UPDATE search_entry SET visible = {visible} WHERE {where}"


# ---------------------------------------------------------------------------------------------- PostgreSQL

PG_CONFIGS = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'en_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION en_unaccent (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION en_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION fr_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION simple_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END
$$;
"""


def pg_config_function() -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())
    return (
        "CREATE OR REPLACE FUNCTION search_config(language text) RETURNS regconfig "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        f"$$ SELECT (CASE language {cases} ELSE 'simple_unaccent' END)::regconfig $$;"
    )


def _pg_upsert(select: str, where: str) -> str:
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*COLUMNS.split(", ")[1:], "vector"])
    return (
        f"INSERT INTO search_entry ({COLUMNS}, vector) {select} WHERE {where} ON CONFLICT (id) DO UPDATE SET {updates};"
    )


def _pg_trigger(name: str, table: str, body: str, when_update: str | None, inserted: str | None = None) -> str:
    """Row-level triggers running `body`. With `inserted` (an upsert reading the transition table
    `inserted`), an INSERT (or COPY) is indexed by one statement-level trigger instead: one
    set-based upsert per statement, not a plpgsql call and a query per row (the importer writes a
    document's texts in a few statements; row by row, the triggers cost several times the rest)."""
    sql = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}\nEND\n$$;",
        *(f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};" for event in TRIGGER_EVENTS),
    ]
    if inserted:
        sql += [
            f"CREATE OR REPLACE FUNCTION {name}_insert() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{inserted}\nRETURN NULL;\nEND\n$$;",
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS inserted "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}_insert();",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();",
        ]
    else:
        sql.append(
            f"CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();"
        )
    if when_update:
        sql.append(
            f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({when_update}) EXECUTE FUNCTION {name}();"
        )
    return "\n".join(sql)


# The names of the triggers `name`_<event> on a table, past and present (install drops them all first).
TRIGGER_EVENTS = ("insert_delete", "insert", "delete", "update")
# The triggers indexing inserts per statement (see _pg_trigger); the others per row.
STATEMENT_INSERT_TRIGGERS = {"search_paragraph_text", "search_footnote_text"}


def pg_trigger_names(name: str) -> list[str]:
    """The triggers that `PG_TRIGGERS` creates for `name` (generate_corpus switches them off)."""
    events = ("insert", "delete") if name in STATEMENT_INSERT_TRIGGERS else ("insert_delete",)
    return [f"{name}_{event}" for event in (*events, "update")]


def _changed(*columns: str) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)


PG_TRIGGERS = [
    _pg_trigger(
        "search_paragraph_text",
        "documents_paragraphtext",
        f"""IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE id = OLD.id * 2;
  RETURN OLD;
END IF;
{_pg_upsert(paragraph_select("NEW", vector=True), "p.id = NEW.paragraph_id")}
RETURN NEW;""",
        _changed("text", "lead", "language_id", "paragraph_id"),
        _pg_upsert(
            paragraph_select("inserted", vector=True) + " JOIN inserted ON inserted.paragraph_id = p.id",
            "TRUE ORDER BY inserted.id",
        ),
    ),
    _pg_trigger(
        "search_footnote_text",
        "documents_footnotetext",
        f"""IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE id = OLD.id * 2 + 1;
  RETURN OLD;
END IF;
{_pg_upsert(footnote_select("NEW", vector=True), "f.id = NEW.footnote_id")}
RETURN NEW;""",
        _changed("text", "language_id", "footnote_id"),
        _pg_upsert(
            footnote_select("inserted", vector=True) + " JOIN inserted ON inserted.footnote_id = f.id",
            "TRUE ORDER BY inserted.id",
        ),
    ),
    _pg_trigger(
        "search_paragraph",
        "documents_paragraph",
        """IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.document_id AND paragraph_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET kind = NEW.kind, position = NEW.position
  WHERE document_id = NEW.document_id AND paragraph_id = NEW.id;
END IF;
RETURN NEW;""",
        _changed("kind", "position"),
    ),
    _pg_trigger(
        "search_footnote",
        "documents_footnote",
        """IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.document_id AND footnote_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET position = 100000 + NEW.position
  WHERE document_id = NEW.document_id AND footnote_id = NEW.id;
END IF;
RETURN NEW;""",
        _changed("position"),
    ),
    _pg_trigger(
        "search_document",
        "documents_document",
        f"""IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET date = NEW.date, body = NEW.body, session = NEW.session, doc_kind = NEW.kind,
    visible = {_visible("NEW.id", "search_entry.language_id")}
  WHERE document_id = NEW.id;
END IF;
RETURN NEW;""",
        _changed("status", "date", "body", "session", "kind"),
    ),
    _pg_trigger(
        "search_document_text",
        "documents_documenttext",
        f"""IF TG_OP <> 'INSERT' THEN
  {_refresh_visible("document_id = OLD.document_id AND language_id = OLD.language_id")};
END IF;
IF TG_OP <> 'DELETE' THEN
  {_refresh_visible("document_id = NEW.document_id AND language_id = NEW.language_id")};
END IF;
RETURN NULL;""",
        _changed("published", "document_id", "language_id"),
    ),
]


# Filter columns in the GIN indexes next to the tsvector (btree_gin): a search filtered by part,
# body or document kind then gets from the index only the matches the filters keep, instead of
# reading every match's row to drop most of them (migration 0004).
PG_FILTER_COLUMNS = ("kind", "body", "doc_kind")
PG_BTREE_GIN = "CREATE EXTENSION IF NOT EXISTS btree_gin;"


def pg_indexes(filters: bool = True) -> list[str]:
    """One GIN index per language with a configuration (a query in one language walks only its
    postings, and never needs a second index to pick the language), one for all other languages.
    With `filters`, over the filter columns too (needs btree_gin); without, as they were before
    migration 0004 (which its reversal restores)."""
    columns = ", ".join(["vector", *PG_FILTER_COLUMNS]) if filters else "vector"
    codes = ", ".join(f"'{code}'" for code in CONFIGS)
    statements = [
        f"CREATE INDEX IF NOT EXISTS search_entry_vector_{code} ON search_entry USING gin ({columns}) "
        f"WHERE language_id = '{code}';"
        for code in CONFIGS
    ]
    statements.append(
        f"CREATE INDEX IF NOT EXISTS search_entry_vector_other ON search_entry USING gin ({columns}) "
        f"WHERE language_id NOT IN ({codes});"
    )
    return statements


# Which heap pages hold the newest ids (rows go in in id order, so page ranges and id ranges
# follow each other): a search restricted to the newest ids ANDs the GIN bitmap with this one's
# and reads only the matching rows of those pages (backends/postgres.py). A few pages in all.
# The GIN bitmap must come first in that AND, else the exact matches of the GIN index are
# lost in the BRIN index's whole pages (every row of them rechecked): PostgreSQL orders an AND by
# estimated cost, so 8 pages a range (migration 0004; 16 before) keeps this index dearer than the
# GIN indexes over their filter columns.
def pg_id_ranges(pages_per_range: int = 8) -> str:
    return (
        "CREATE INDEX IF NOT EXISTS search_entry_id_brin ON search_entry USING brin (id) "
        f"WITH (pages_per_range = {pages_per_range}, autosummarize = on);"
    )


PG_ID_RANGES = pg_id_ranges(16)  # migration 0003
PG_ID_RANGES_DROP = "DROP INDEX IF EXISTS search_entry_id_brin;"

PG_INDEX_NAMES = [f"search_entry_vector_{code}" for code in CONFIGS] + ["search_entry_vector_other"]

# ts_rank under a high planner cost: with ORDER BY … LIMIT, PostgreSQL then computes it only for
# the rows kept after the sort, not for every match (plpgsql, so that it is not inlined).
PG_RANK_FUNCTION = """
CREATE OR REPLACE FUNCTION search_rank(vector tsvector, query tsquery, normalization integer) RETURNS real
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
  RETURN ts_rank(vector, query, normalization);
END
$$;
"""

PG_INSTALL = [
    PG_CONFIGS,
    PG_BTREE_GIN,
    pg_config_function(),
    PG_RANK_FUNCTION,
    "ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS vector tsvector NOT NULL DEFAULT ''::tsvector;",
    # Lexeme frequencies (pg_stats.most_common_elems) for the whole vocabulary: the search uses
    # them to tell a query matching a large share of the corpus from a selective one.
    "ALTER TABLE search_entry ALTER COLUMN vector SET STATISTICS 1000;",
    *pg_indexes(),
    *PG_TRIGGERS,
]
PG_UNINSTALL = [
    *(
        f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};"
        for name, table in [
            ("search_paragraph_text", "documents_paragraphtext"),
            ("search_footnote_text", "documents_footnotetext"),
            ("search_paragraph", "documents_paragraph"),
            ("search_footnote", "documents_footnote"),
            ("search_document", "documents_document"),
            ("search_document_text", "documents_documenttext"),
        ]
        for event in TRIGGER_EVENTS
    ),
    *(f"DROP INDEX IF EXISTS {name};" for name in PG_INDEX_NAMES),
    "DROP FUNCTION IF EXISTS search_rank(tsvector, tsquery, integer);",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS vector;",
]


def pg_rebuild() -> list[str]:
    return [
        "TRUNCATE search_entry;",
        f"INSERT INTO search_entry ({COLUMNS}, vector) {paragraph_select('pt', vector=True)} "
        "JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id;",
        f"INSERT INTO search_entry ({COLUMNS}, vector) {footnote_select('ft', vector=True)} "
        "JOIN documents_footnotetext ft ON ft.footnote_id = f.id;",
        "ANALYZE search_entry;",
    ]


# ---------------------------------------------------------------------------------------------- SQLite

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(stems, lang, tokenize = 'unicode61 remove_diacritics 2');"
)


def _sqlite_index(select: str, where: str, t: str, offset: str) -> str:
    return (
        f"INSERT OR REPLACE INTO search_entry ({COLUMNS}) {select} WHERE {where};\n"
        f"  DELETE FROM search_fts WHERE rowid = {t}.id * 2{offset};\n"
        f"  INSERT INTO search_fts (rowid, stems, lang) "
        f"VALUES ({t}.id * 2{offset}, rr_stems({t}.language_id, {t}.text), {t}.language_id);"
    )


def _sqlite_triggers() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) pairs."""
    paragraph = _sqlite_index(paragraph_select("NEW", False), "p.id = NEW.paragraph_id", "NEW", "")
    footnote = _sqlite_index(footnote_select("NEW", False), "f.id = NEW.footnote_id", "NEW", " + 1")
    triggers = {
        "search_paragraph_text_insert": "AFTER INSERT ON documents_paragraphtext BEGIN\n  " + paragraph,
        "search_paragraph_text_update": "AFTER UPDATE ON documents_paragraphtext WHEN "
        + _sqlite_changed("text", "lead", "language_id", "paragraph_id")
        + " BEGIN\n  "
        + paragraph,
        "search_paragraph_text_delete": "AFTER DELETE ON documents_paragraphtext BEGIN\n"
        "  DELETE FROM search_entry WHERE id = OLD.id * 2;\n  DELETE FROM search_fts WHERE rowid = OLD.id * 2;",
        "search_footnote_text_insert": "AFTER INSERT ON documents_footnotetext BEGIN\n  " + footnote,
        "search_footnote_text_update": "AFTER UPDATE ON documents_footnotetext WHEN "
        + _sqlite_changed("text", "language_id", "footnote_id")
        + " BEGIN\n  "
        + footnote,
        "search_footnote_text_delete": "AFTER DELETE ON documents_footnotetext BEGIN\n"
        "  DELETE FROM search_entry WHERE id = OLD.id * 2 + 1;\n"
        "  DELETE FROM search_fts WHERE rowid = OLD.id * 2 + 1;",
        "search_paragraph_update": "AFTER UPDATE ON documents_paragraph WHEN "
        + _sqlite_changed("kind", "position")
        + " BEGIN\n  UPDATE search_entry SET kind = NEW.kind, position = NEW.position "
        "WHERE document_id = NEW.document_id AND paragraph_id = NEW.id;",
        "search_footnote_update": "AFTER UPDATE ON documents_footnote WHEN "
        + _sqlite_changed("position")
        + " BEGIN\n  UPDATE search_entry SET position = 100000 + NEW.position "
        "WHERE document_id = NEW.document_id AND footnote_id = NEW.id;",
        "search_document_update": "AFTER UPDATE ON documents_document WHEN "
        + _sqlite_changed("status", "date", "body", "session", "kind")
        + " BEGIN\n  UPDATE search_entry SET date = NEW.date, body = NEW.body, session = NEW.session, "
        f"doc_kind = NEW.kind, visible = {_visible('NEW.id', 'search_entry.language_id')} "
        "WHERE document_id = NEW.id;",
        "search_document_delete": "AFTER DELETE ON documents_document BEGIN\n"
        "  DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_entry WHERE document_id = OLD.id);\n"
        "  DELETE FROM search_entry WHERE document_id = OLD.id;",
        "search_document_text_insert": "AFTER INSERT ON documents_documenttext BEGIN\n  "
        + _refresh_visible("document_id = NEW.document_id AND language_id = NEW.language_id")
        + ";",
        "search_document_text_update": "AFTER UPDATE ON documents_documenttext WHEN "
        + _sqlite_changed("published", "document_id", "language_id")
        + " BEGIN\n  "
        + _refresh_visible("document_id = OLD.document_id AND language_id = OLD.language_id")
        + ";\n  "
        + _refresh_visible("document_id = NEW.document_id AND language_id = NEW.language_id")
        + ";",
        "search_document_text_delete": "AFTER DELETE ON documents_documenttext BEGIN\n  "
        + _refresh_visible("document_id = OLD.document_id AND language_id = OLD.language_id")
        + ";",
    }
    return [(name, f"CREATE TRIGGER IF NOT EXISTS {name} {body}\nEND;") for name, body in triggers.items()]


def _sqlite_changed(*columns: str) -> str:
    return "(" + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns) + ")"


SQLITE_TRIGGERS = _sqlite_triggers()
SQLITE_INSTALL = [SQLITE_FTS, *(sql for _, sql in SQLITE_TRIGGERS)]
SQLITE_UNINSTALL = [
    *(f"DROP TRIGGER IF EXISTS {name};" for name, _ in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS search_fts;",
]


def sqlite_rebuild() -> list[str]:
    return [
        "DELETE FROM search_entry;",
        "DELETE FROM search_fts;",
        f"INSERT INTO search_entry ({COLUMNS}) {paragraph_select('pt', vector=False)} "
        "JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id;",
        f"INSERT INTO search_entry ({COLUMNS}) {footnote_select('ft', vector=False)} "
        "JOIN documents_footnotetext ft ON ft.footnote_id = f.id;",
        "INSERT INTO search_fts (rowid, stems, lang) "
        "SELECT id * 2, rr_stems(language_id, text), language_id FROM documents_paragraphtext;",
        "INSERT INTO search_fts (rowid, stems, lang) "
        "SELECT id * 2 + 1, rr_stems(language_id, text), language_id FROM documents_footnotetext;",
    ]


def install(connection) -> list[str]:
    return PG_INSTALL if connection.vendor == "postgresql" else SQLITE_INSTALL


def uninstall(connection) -> list[str]:
    return PG_UNINSTALL if connection.vendor == "postgresql" else SQLITE_UNINSTALL


def rebuild(connection) -> list[str]:
    return pg_rebuild() if connection.vendor == "postgresql" else sqlite_rebuild()
