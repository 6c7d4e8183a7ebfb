"""The search index proper: PostgreSQL text search configurations, tsvector column, GIN index and
triggers; on SQLite an FTS5 table and triggers (rr_stems: the stemmer the app registers on every
SQLite connection). Then fill it from the documents already there.

The SQL is frozen here as this migration installs it; a later change is a later migration.
"""

from django.db import migrations

POSTGRESQL = [
    """
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
""",
    'CREATE EXTENSION IF NOT EXISTS btree_gin;',
    """
CREATE OR REPLACE FUNCTION search_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (CASE language WHEN 'en' THEN 'en_unaccent' WHEN 'fr' THEN 'fr_unaccent' ELSE 'simple_unaccent' END)::regconfig $$;
""",
    """
CREATE OR REPLACE FUNCTION search_rank(vector tsvector, query tsquery, normalization integer) RETURNS real
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
  RETURN ts_rank(vector, query, normalization);
END
$$;
""",
    "ALTER TABLE search_entry ADD COLUMN IF NOT EXISTS vector tsvector NOT NULL DEFAULT ''::tsvector;",
    'ALTER TABLE search_entry ALTER COLUMN vector SET STATISTICS 1000;',
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_en ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id = 'en';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_fr ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id = 'fr';
""",
    """
CREATE INDEX IF NOT EXISTS search_entry_vector_other ON search_entry USING gin (vector, kind, body, doc_kind) WHERE language_id NOT IN ('en', 'fr');
""",
    """
CREATE OR REPLACE FUNCTION search_paragraph_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE id = OLD.id * 2;
  RETURN OLD;
END IF;
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT NEW.id * 2, NEW.id, NULL, p.id, NULL, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), p.kind, CASE WHEN NEW.lead LIKE '% once again' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% furthermore' THEN substr(NEW.lead, 1, length(NEW.lead) - 12) WHEN NEW.lead LIKE '% moreover' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% further' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% also' THEN substr(NEW.lead, 1, length(NEW.lead) - 5) WHEN NEW.lead LIKE '% again' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) WHEN NEW.lead LIKE '% en outre' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% également' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% de nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% à nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% par ailleurs' THEN substr(NEW.lead, 1, length(NEW.lead) - 13) WHEN NEW.lead LIKE '% de plus' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% aussi' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) ELSE COALESCE(NEW.lead, '') END, p.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(NEW.language_id), NEW.text) FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id WHERE p.id = NEW.paragraph_id ON CONFLICT (id) DO UPDATE SET paragraph_text_id = EXCLUDED.paragraph_text_id, footnote_text_id = EXCLUDED.footnote_text_id, paragraph_id = EXCLUDED.paragraph_id, footnote_id = EXCLUDED.footnote_id, document_id = EXCLUDED.document_id, language_id = EXCLUDED.language_id, visible = EXCLUDED.visible, kind = EXCLUDED.kind, opening = EXCLUDED.opening, position = EXCLUDED.position, date = EXCLUDED.date, body = EXCLUDED.body, session = EXCLUDED.session, doc_kind = EXCLUDED.doc_kind, vector = EXCLUDED.vector;
RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_paragraph_text_insert_delete ON documents_paragraphtext;
DROP TRIGGER IF EXISTS search_paragraph_text_insert ON documents_paragraphtext;
DROP TRIGGER IF EXISTS search_paragraph_text_delete ON documents_paragraphtext;
DROP TRIGGER IF EXISTS search_paragraph_text_update ON documents_paragraphtext;
CREATE OR REPLACE FUNCTION search_paragraph_text_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT inserted.id * 2, inserted.id, NULL, p.id, NULL, d.id, inserted.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = inserted.language_id AND vt.published), p.kind, CASE WHEN inserted.lead LIKE '% once again' THEN substr(inserted.lead, 1, length(inserted.lead) - 11) WHEN inserted.lead LIKE '% furthermore' THEN substr(inserted.lead, 1, length(inserted.lead) - 12) WHEN inserted.lead LIKE '% moreover' THEN substr(inserted.lead, 1, length(inserted.lead) - 9) WHEN inserted.lead LIKE '% further' THEN substr(inserted.lead, 1, length(inserted.lead) - 8) WHEN inserted.lead LIKE '% also' THEN substr(inserted.lead, 1, length(inserted.lead) - 5) WHEN inserted.lead LIKE '% again' THEN substr(inserted.lead, 1, length(inserted.lead) - 6) WHEN inserted.lead LIKE '% en outre' THEN substr(inserted.lead, 1, length(inserted.lead) - 9) WHEN inserted.lead LIKE '% également' THEN substr(inserted.lead, 1, length(inserted.lead) - 10) WHEN inserted.lead LIKE '% de nouveau' THEN substr(inserted.lead, 1, length(inserted.lead) - 11) WHEN inserted.lead LIKE '% à nouveau' THEN substr(inserted.lead, 1, length(inserted.lead) - 10) WHEN inserted.lead LIKE '% par ailleurs' THEN substr(inserted.lead, 1, length(inserted.lead) - 13) WHEN inserted.lead LIKE '% de plus' THEN substr(inserted.lead, 1, length(inserted.lead) - 8) WHEN inserted.lead LIKE '% aussi' THEN substr(inserted.lead, 1, length(inserted.lead) - 6) ELSE COALESCE(inserted.lead, '') END, p.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(inserted.language_id), inserted.text) FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id JOIN inserted ON inserted.paragraph_id = p.id WHERE TRUE ORDER BY inserted.id ON CONFLICT (id) DO UPDATE SET paragraph_text_id = EXCLUDED.paragraph_text_id, footnote_text_id = EXCLUDED.footnote_text_id, paragraph_id = EXCLUDED.paragraph_id, footnote_id = EXCLUDED.footnote_id, document_id = EXCLUDED.document_id, language_id = EXCLUDED.language_id, visible = EXCLUDED.visible, kind = EXCLUDED.kind, opening = EXCLUDED.opening, position = EXCLUDED.position, date = EXCLUDED.date, body = EXCLUDED.body, session = EXCLUDED.session, doc_kind = EXCLUDED.doc_kind, vector = EXCLUDED.vector;
RETURN NULL;
END
$$;
CREATE TRIGGER search_paragraph_text_insert AFTER INSERT ON documents_paragraphtext REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION search_paragraph_text_insert();
CREATE TRIGGER search_paragraph_text_delete AFTER DELETE ON documents_paragraphtext FOR EACH ROW EXECUTE FUNCTION search_paragraph_text();
CREATE TRIGGER search_paragraph_text_update AFTER UPDATE ON documents_paragraphtext FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.lead IS DISTINCT FROM NEW.lead OR OLD.language_id IS DISTINCT FROM NEW.language_id OR OLD.paragraph_id IS DISTINCT FROM NEW.paragraph_id) EXECUTE FUNCTION search_paragraph_text();
""",
    """
CREATE OR REPLACE FUNCTION search_footnote_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE id = OLD.id * 2 + 1;
  RETURN OLD;
END IF;
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT NEW.id * 2 + 1, NULL, NEW.id, NULL, f.id, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(NEW.language_id), NEW.text) FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id WHERE f.id = NEW.footnote_id ON CONFLICT (id) DO UPDATE SET paragraph_text_id = EXCLUDED.paragraph_text_id, footnote_text_id = EXCLUDED.footnote_text_id, paragraph_id = EXCLUDED.paragraph_id, footnote_id = EXCLUDED.footnote_id, document_id = EXCLUDED.document_id, language_id = EXCLUDED.language_id, visible = EXCLUDED.visible, kind = EXCLUDED.kind, opening = EXCLUDED.opening, position = EXCLUDED.position, date = EXCLUDED.date, body = EXCLUDED.body, session = EXCLUDED.session, doc_kind = EXCLUDED.doc_kind, vector = EXCLUDED.vector;
RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_footnote_text_insert_delete ON documents_footnotetext;
DROP TRIGGER IF EXISTS search_footnote_text_insert ON documents_footnotetext;
DROP TRIGGER IF EXISTS search_footnote_text_delete ON documents_footnotetext;
DROP TRIGGER IF EXISTS search_footnote_text_update ON documents_footnotetext;
CREATE OR REPLACE FUNCTION search_footnote_text_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT inserted.id * 2 + 1, NULL, inserted.id, NULL, f.id, d.id, inserted.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = inserted.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(inserted.language_id), inserted.text) FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id JOIN inserted ON inserted.footnote_id = f.id WHERE TRUE ORDER BY inserted.id ON CONFLICT (id) DO UPDATE SET paragraph_text_id = EXCLUDED.paragraph_text_id, footnote_text_id = EXCLUDED.footnote_text_id, paragraph_id = EXCLUDED.paragraph_id, footnote_id = EXCLUDED.footnote_id, document_id = EXCLUDED.document_id, language_id = EXCLUDED.language_id, visible = EXCLUDED.visible, kind = EXCLUDED.kind, opening = EXCLUDED.opening, position = EXCLUDED.position, date = EXCLUDED.date, body = EXCLUDED.body, session = EXCLUDED.session, doc_kind = EXCLUDED.doc_kind, vector = EXCLUDED.vector;
RETURN NULL;
END
$$;
CREATE TRIGGER search_footnote_text_insert AFTER INSERT ON documents_footnotetext REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION search_footnote_text_insert();
CREATE TRIGGER search_footnote_text_delete AFTER DELETE ON documents_footnotetext FOR EACH ROW EXECUTE FUNCTION search_footnote_text();
CREATE TRIGGER search_footnote_text_update AFTER UPDATE ON documents_footnotetext FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.language_id IS DISTINCT FROM NEW.language_id OR OLD.footnote_id IS DISTINCT FROM NEW.footnote_id) EXECUTE FUNCTION search_footnote_text();
""",
    """
CREATE OR REPLACE FUNCTION search_paragraph() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.document_id AND paragraph_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET kind = NEW.kind, position = NEW.position
  WHERE document_id = NEW.document_id AND paragraph_id = NEW.id;
END IF;
RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_paragraph_insert_delete ON documents_paragraph;
DROP TRIGGER IF EXISTS search_paragraph_insert ON documents_paragraph;
DROP TRIGGER IF EXISTS search_paragraph_delete ON documents_paragraph;
DROP TRIGGER IF EXISTS search_paragraph_update ON documents_paragraph;
CREATE TRIGGER search_paragraph_insert_delete AFTER INSERT OR DELETE ON documents_paragraph FOR EACH ROW EXECUTE FUNCTION search_paragraph();
CREATE TRIGGER search_paragraph_update AFTER UPDATE ON documents_paragraph FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.position IS DISTINCT FROM NEW.position) EXECUTE FUNCTION search_paragraph();
""",
    """
CREATE OR REPLACE FUNCTION search_footnote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.document_id AND footnote_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET position = 100000 + NEW.position
  WHERE document_id = NEW.document_id AND footnote_id = NEW.id;
END IF;
RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_footnote_insert_delete ON documents_footnote;
DROP TRIGGER IF EXISTS search_footnote_insert ON documents_footnote;
DROP TRIGGER IF EXISTS search_footnote_delete ON documents_footnote;
DROP TRIGGER IF EXISTS search_footnote_update ON documents_footnote;
CREATE TRIGGER search_footnote_insert_delete AFTER INSERT OR DELETE ON documents_footnote FOR EACH ROW EXECUTE FUNCTION search_footnote();
CREATE TRIGGER search_footnote_update AFTER UPDATE ON documents_footnote FOR EACH ROW WHEN (OLD.position IS DISTINCT FROM NEW.position) EXECUTE FUNCTION search_footnote();
""",
    """
CREATE OR REPLACE FUNCTION search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'DELETE' THEN
  DELETE FROM search_entry WHERE document_id = OLD.id;
  RETURN OLD;
END IF;
IF TG_OP = 'UPDATE' THEN
  UPDATE search_entry SET date = NEW.date, body = NEW.body, session = NEW.session, doc_kind = NEW.kind,
    visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = NEW.id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published)
  WHERE document_id = NEW.id;
END IF;
RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS search_document_insert_delete ON documents_document;
DROP TRIGGER IF EXISTS search_document_insert ON documents_document;
DROP TRIGGER IF EXISTS search_document_delete ON documents_document;
DROP TRIGGER IF EXISTS search_document_update ON documents_document;
CREATE TRIGGER search_document_insert_delete AFTER INSERT OR DELETE ON documents_document FOR EACH ROW EXECUTE FUNCTION search_document();
CREATE TRIGGER search_document_update AFTER UPDATE ON documents_document FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.date IS DISTINCT FROM NEW.date OR OLD.body IS DISTINCT FROM NEW.body OR OLD.session IS DISTINCT FROM NEW.session OR OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION search_document();
""",
    """
CREATE OR REPLACE FUNCTION search_document_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP <> 'INSERT' THEN
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = OLD.document_id AND language_id = OLD.language_id;
END IF;
IF TG_OP <> 'DELETE' THEN
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = NEW.document_id AND language_id = NEW.language_id;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS search_document_text_insert_delete ON documents_documenttext;
DROP TRIGGER IF EXISTS search_document_text_insert ON documents_documenttext;
DROP TRIGGER IF EXISTS search_document_text_delete ON documents_documenttext;
DROP TRIGGER IF EXISTS search_document_text_update ON documents_documenttext;
CREATE TRIGGER search_document_text_insert_delete AFTER INSERT OR DELETE ON documents_documenttext FOR EACH ROW EXECUTE FUNCTION search_document_text();
CREATE TRIGGER search_document_text_update AFTER UPDATE ON documents_documenttext FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.document_id IS DISTINCT FROM NEW.document_id OR OLD.language_id IS DISTINCT FROM NEW.language_id) EXECUTE FUNCTION search_document_text();
""",
    'TRUNCATE search_entry;',
    """
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT pt.id * 2, pt.id, NULL, p.id, NULL, d.id, pt.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = pt.language_id AND vt.published), p.kind, CASE WHEN pt.lead LIKE '% once again' THEN substr(pt.lead, 1, length(pt.lead) - 11) WHEN pt.lead LIKE '% furthermore' THEN substr(pt.lead, 1, length(pt.lead) - 12) WHEN pt.lead LIKE '% moreover' THEN substr(pt.lead, 1, length(pt.lead) - 9) WHEN pt.lead LIKE '% further' THEN substr(pt.lead, 1, length(pt.lead) - 8) WHEN pt.lead LIKE '% also' THEN substr(pt.lead, 1, length(pt.lead) - 5) WHEN pt.lead LIKE '% again' THEN substr(pt.lead, 1, length(pt.lead) - 6) WHEN pt.lead LIKE '% en outre' THEN substr(pt.lead, 1, length(pt.lead) - 9) WHEN pt.lead LIKE '% également' THEN substr(pt.lead, 1, length(pt.lead) - 10) WHEN pt.lead LIKE '% de nouveau' THEN substr(pt.lead, 1, length(pt.lead) - 11) WHEN pt.lead LIKE '% à nouveau' THEN substr(pt.lead, 1, length(pt.lead) - 10) WHEN pt.lead LIKE '% par ailleurs' THEN substr(pt.lead, 1, length(pt.lead) - 13) WHEN pt.lead LIKE '% de plus' THEN substr(pt.lead, 1, length(pt.lead) - 8) WHEN pt.lead LIKE '% aussi' THEN substr(pt.lead, 1, length(pt.lead) - 6) ELSE COALESCE(pt.lead, '') END, p.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(pt.language_id), pt.text) FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id;
""",
    """
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind, vector) SELECT ft.id * 2 + 1, NULL, ft.id, NULL, f.id, d.id, ft.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = ft.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind, to_tsvector(search_config(ft.language_id), ft.text) FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id JOIN documents_footnotetext ft ON ft.footnote_id = f.id;
""",
    'ANALYZE search_entry;',
]

POSTGRESQL_REVERSE = [
    'DROP TRIGGER IF EXISTS search_paragraph_text_insert_delete ON documents_paragraphtext;',
    'DROP TRIGGER IF EXISTS search_paragraph_text_insert ON documents_paragraphtext;',
    'DROP TRIGGER IF EXISTS search_paragraph_text_delete ON documents_paragraphtext;',
    'DROP TRIGGER IF EXISTS search_paragraph_text_update ON documents_paragraphtext;',
    'DROP TRIGGER IF EXISTS search_footnote_text_insert_delete ON documents_footnotetext;',
    'DROP TRIGGER IF EXISTS search_footnote_text_insert ON documents_footnotetext;',
    'DROP TRIGGER IF EXISTS search_footnote_text_delete ON documents_footnotetext;',
    'DROP TRIGGER IF EXISTS search_footnote_text_update ON documents_footnotetext;',
    'DROP TRIGGER IF EXISTS search_paragraph_insert_delete ON documents_paragraph;',
    'DROP TRIGGER IF EXISTS search_paragraph_insert ON documents_paragraph;',
    'DROP TRIGGER IF EXISTS search_paragraph_delete ON documents_paragraph;',
    'DROP TRIGGER IF EXISTS search_paragraph_update ON documents_paragraph;',
    'DROP TRIGGER IF EXISTS search_footnote_insert_delete ON documents_footnote;',
    'DROP TRIGGER IF EXISTS search_footnote_insert ON documents_footnote;',
    'DROP TRIGGER IF EXISTS search_footnote_delete ON documents_footnote;',
    'DROP TRIGGER IF EXISTS search_footnote_update ON documents_footnote;',
    'DROP TRIGGER IF EXISTS search_document_insert_delete ON documents_document;',
    'DROP TRIGGER IF EXISTS search_document_insert ON documents_document;',
    'DROP TRIGGER IF EXISTS search_document_delete ON documents_document;',
    'DROP TRIGGER IF EXISTS search_document_update ON documents_document;',
    'DROP TRIGGER IF EXISTS search_document_text_insert_delete ON documents_documenttext;',
    'DROP TRIGGER IF EXISTS search_document_text_insert ON documents_documenttext;',
    'DROP TRIGGER IF EXISTS search_document_text_delete ON documents_documenttext;',
    'DROP TRIGGER IF EXISTS search_document_text_update ON documents_documenttext;',
    'DROP INDEX IF EXISTS search_entry_vector_en;',
    'DROP INDEX IF EXISTS search_entry_vector_fr;',
    'DROP INDEX IF EXISTS search_entry_vector_other;',
    'DROP FUNCTION IF EXISTS search_rank(tsvector, tsquery, integer);',
    'ALTER TABLE search_entry DROP COLUMN IF EXISTS vector;',
]

SQLITE = [
    """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(stems, lang, tokenize = 'unicode61 remove_diacritics 2');
""",
    """
CREATE TRIGGER IF NOT EXISTS search_paragraph_text_insert AFTER INSERT ON documents_paragraphtext BEGIN
  INSERT OR REPLACE INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT NEW.id * 2, NEW.id, NULL, p.id, NULL, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), p.kind, CASE WHEN NEW.lead LIKE '% once again' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% furthermore' THEN substr(NEW.lead, 1, length(NEW.lead) - 12) WHEN NEW.lead LIKE '% moreover' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% further' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% also' THEN substr(NEW.lead, 1, length(NEW.lead) - 5) WHEN NEW.lead LIKE '% again' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) WHEN NEW.lead LIKE '% en outre' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% également' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% de nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% à nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% par ailleurs' THEN substr(NEW.lead, 1, length(NEW.lead) - 13) WHEN NEW.lead LIKE '% de plus' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% aussi' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) ELSE COALESCE(NEW.lead, '') END, p.position, d.date, d.body, d.session, d.kind FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id WHERE p.id = NEW.paragraph_id;
  DELETE FROM search_fts WHERE rowid = NEW.id * 2;
  INSERT INTO search_fts (rowid, stems, lang) VALUES (NEW.id * 2, rr_stems(NEW.language_id, NEW.text), NEW.language_id);
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_paragraph_text_update AFTER UPDATE ON documents_paragraphtext WHEN (OLD.text IS NOT NEW.text OR OLD.lead IS NOT NEW.lead OR OLD.language_id IS NOT NEW.language_id OR OLD.paragraph_id IS NOT NEW.paragraph_id) BEGIN
  INSERT OR REPLACE INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT NEW.id * 2, NEW.id, NULL, p.id, NULL, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), p.kind, CASE WHEN NEW.lead LIKE '% once again' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% furthermore' THEN substr(NEW.lead, 1, length(NEW.lead) - 12) WHEN NEW.lead LIKE '% moreover' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% further' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% also' THEN substr(NEW.lead, 1, length(NEW.lead) - 5) WHEN NEW.lead LIKE '% again' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) WHEN NEW.lead LIKE '% en outre' THEN substr(NEW.lead, 1, length(NEW.lead) - 9) WHEN NEW.lead LIKE '% également' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% de nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 11) WHEN NEW.lead LIKE '% à nouveau' THEN substr(NEW.lead, 1, length(NEW.lead) - 10) WHEN NEW.lead LIKE '% par ailleurs' THEN substr(NEW.lead, 1, length(NEW.lead) - 13) WHEN NEW.lead LIKE '% de plus' THEN substr(NEW.lead, 1, length(NEW.lead) - 8) WHEN NEW.lead LIKE '% aussi' THEN substr(NEW.lead, 1, length(NEW.lead) - 6) ELSE COALESCE(NEW.lead, '') END, p.position, d.date, d.body, d.session, d.kind FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id WHERE p.id = NEW.paragraph_id;
  DELETE FROM search_fts WHERE rowid = NEW.id * 2;
  INSERT INTO search_fts (rowid, stems, lang) VALUES (NEW.id * 2, rr_stems(NEW.language_id, NEW.text), NEW.language_id);
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_paragraph_text_delete AFTER DELETE ON documents_paragraphtext BEGIN
  DELETE FROM search_entry WHERE id = OLD.id * 2;
  DELETE FROM search_fts WHERE rowid = OLD.id * 2;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_footnote_text_insert AFTER INSERT ON documents_footnotetext BEGIN
  INSERT OR REPLACE INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT NEW.id * 2 + 1, NULL, NEW.id, NULL, f.id, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id WHERE f.id = NEW.footnote_id;
  DELETE FROM search_fts WHERE rowid = NEW.id * 2 + 1;
  INSERT INTO search_fts (rowid, stems, lang) VALUES (NEW.id * 2 + 1, rr_stems(NEW.language_id, NEW.text), NEW.language_id);
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_footnote_text_update AFTER UPDATE ON documents_footnotetext WHEN (OLD.text IS NOT NEW.text OR OLD.language_id IS NOT NEW.language_id OR OLD.footnote_id IS NOT NEW.footnote_id) BEGIN
  INSERT OR REPLACE INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT NEW.id * 2 + 1, NULL, NEW.id, NULL, f.id, d.id, NEW.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = NEW.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id WHERE f.id = NEW.footnote_id;
  DELETE FROM search_fts WHERE rowid = NEW.id * 2 + 1;
  INSERT INTO search_fts (rowid, stems, lang) VALUES (NEW.id * 2 + 1, rr_stems(NEW.language_id, NEW.text), NEW.language_id);
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_footnote_text_delete AFTER DELETE ON documents_footnotetext BEGIN
  DELETE FROM search_entry WHERE id = OLD.id * 2 + 1;
  DELETE FROM search_fts WHERE rowid = OLD.id * 2 + 1;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_paragraph_update AFTER UPDATE ON documents_paragraph WHEN (OLD.kind IS NOT NEW.kind OR OLD.position IS NOT NEW.position) BEGIN
  UPDATE search_entry SET kind = NEW.kind, position = NEW.position WHERE document_id = NEW.document_id AND paragraph_id = NEW.id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_footnote_update AFTER UPDATE ON documents_footnote WHEN (OLD.position IS NOT NEW.position) BEGIN
  UPDATE search_entry SET position = 100000 + NEW.position WHERE document_id = NEW.document_id AND footnote_id = NEW.id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_document_update AFTER UPDATE ON documents_document WHEN (OLD.status IS NOT NEW.status OR OLD.date IS NOT NEW.date OR OLD.body IS NOT NEW.body OR OLD.session IS NOT NEW.session OR OLD.kind IS NOT NEW.kind) BEGIN
  UPDATE search_entry SET date = NEW.date, body = NEW.body, session = NEW.session, doc_kind = NEW.kind, visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = NEW.id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = NEW.id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_document_delete AFTER DELETE ON documents_document BEGIN
  DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_entry WHERE document_id = OLD.id);
  DELETE FROM search_entry WHERE document_id = OLD.id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_document_text_insert AFTER INSERT ON documents_documenttext BEGIN
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = NEW.document_id AND language_id = NEW.language_id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_document_text_update AFTER UPDATE ON documents_documenttext WHEN (OLD.published IS NOT NEW.published OR OLD.document_id IS NOT NEW.document_id OR OLD.language_id IS NOT NEW.language_id) BEGIN
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = OLD.document_id AND language_id = OLD.language_id;
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = NEW.document_id AND language_id = NEW.language_id;
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS search_document_text_delete AFTER DELETE ON documents_documenttext BEGIN
  UPDATE search_entry SET visible = EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = search_entry.document_id AND vd.status = 'published' AND vt.language_id = search_entry.language_id AND vt.published) WHERE document_id = OLD.document_id AND language_id = OLD.language_id;
END;
""",
    'DELETE FROM search_entry;',
    'DELETE FROM search_fts;',
    """
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT pt.id * 2, pt.id, NULL, p.id, NULL, d.id, pt.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = pt.language_id AND vt.published), p.kind, CASE WHEN pt.lead LIKE '% once again' THEN substr(pt.lead, 1, length(pt.lead) - 11) WHEN pt.lead LIKE '% furthermore' THEN substr(pt.lead, 1, length(pt.lead) - 12) WHEN pt.lead LIKE '% moreover' THEN substr(pt.lead, 1, length(pt.lead) - 9) WHEN pt.lead LIKE '% further' THEN substr(pt.lead, 1, length(pt.lead) - 8) WHEN pt.lead LIKE '% also' THEN substr(pt.lead, 1, length(pt.lead) - 5) WHEN pt.lead LIKE '% again' THEN substr(pt.lead, 1, length(pt.lead) - 6) WHEN pt.lead LIKE '% en outre' THEN substr(pt.lead, 1, length(pt.lead) - 9) WHEN pt.lead LIKE '% également' THEN substr(pt.lead, 1, length(pt.lead) - 10) WHEN pt.lead LIKE '% de nouveau' THEN substr(pt.lead, 1, length(pt.lead) - 11) WHEN pt.lead LIKE '% à nouveau' THEN substr(pt.lead, 1, length(pt.lead) - 10) WHEN pt.lead LIKE '% par ailleurs' THEN substr(pt.lead, 1, length(pt.lead) - 13) WHEN pt.lead LIKE '% de plus' THEN substr(pt.lead, 1, length(pt.lead) - 8) WHEN pt.lead LIKE '% aussi' THEN substr(pt.lead, 1, length(pt.lead) - 6) ELSE COALESCE(pt.lead, '') END, p.position, d.date, d.body, d.session, d.kind FROM documents_paragraph p JOIN documents_document d ON d.id = p.document_id JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id;
""",
    """
INSERT INTO search_entry (id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, visible, kind, opening, position, date, body, session, doc_kind) SELECT ft.id * 2 + 1, NULL, ft.id, NULL, f.id, d.id, ft.language_id, EXISTS (SELECT 1 FROM documents_document vd JOIN documents_documenttext vt ON vt.document_id = vd.id WHERE vd.id = d.id AND vd.status = 'published' AND vt.language_id = ft.language_id AND vt.published), 'footnote', '', 100000 + f.position, d.date, d.body, d.session, d.kind FROM documents_footnote f JOIN documents_document d ON d.id = f.document_id JOIN documents_footnotetext ft ON ft.footnote_id = f.id;
""",
    """
INSERT INTO search_fts (rowid, stems, lang) SELECT id * 2, rr_stems(language_id, text), language_id FROM documents_paragraphtext;
""",
    """
INSERT INTO search_fts (rowid, stems, lang) SELECT id * 2 + 1, rr_stems(language_id, text), language_id FROM documents_footnotetext;
""",
]

SQLITE_REVERSE = [
    'DROP TRIGGER IF EXISTS search_paragraph_text_insert;',
    'DROP TRIGGER IF EXISTS search_paragraph_text_update;',
    'DROP TRIGGER IF EXISTS search_paragraph_text_delete;',
    'DROP TRIGGER IF EXISTS search_footnote_text_insert;',
    'DROP TRIGGER IF EXISTS search_footnote_text_update;',
    'DROP TRIGGER IF EXISTS search_footnote_text_delete;',
    'DROP TRIGGER IF EXISTS search_paragraph_update;',
    'DROP TRIGGER IF EXISTS search_footnote_update;',
    'DROP TRIGGER IF EXISTS search_document_update;',
    'DROP TRIGGER IF EXISTS search_document_delete;',
    'DROP TRIGGER IF EXISTS search_document_text_insert;',
    'DROP TRIGGER IF EXISTS search_document_text_update;',
    'DROP TRIGGER IF EXISTS search_document_text_delete;',
    'DROP TABLE IF EXISTS search_fts;',
]



def _run(statements):
    """Execute this vendor's statements (none on other databases); as written, no placeholders."""

    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}), _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}))]
