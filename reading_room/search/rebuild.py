"""Refill search_entry from the documents tables: the index rows the triggers would write.

The triggers themselves are SQL frozen in this app's migrations (a change is a new migration);
this is the same derivation as one set-based statement, for a database loaded with the triggers
off (`python manage.py rebuild_search_index`, bench/generate_corpus.py) and for tests that check
an import wrote the index a rebuild makes. PostgreSQL computes the tsvector with the row
language's configuration (search_config(), migration 0002); SQLite fills its FTS5 table through
rr_stems() (text.stems).
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

COLUMNS = (
    "id, paragraph_text_id, footnote_text_id, paragraph_id, footnote_id, document_id, language_id, "
    "visible, kind, opening, position, date, body, session, doc_kind"
)


def _opening(lead: str) -> str:
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
    """Index rows for paragraph texts, `t` the alias of a paragraph-text scan joined after it."""
    return (
        f"SELECT {t}.id * 2, {t}.id, NULL, p.id, NULL, d.id, {t}.language_id, "
        f"{_visible('d.id', f'{t}.language_id')}, p.kind, {_opening(f'{t}.lead')}, p.position, "
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


def statements(vendor: str) -> list[str]:
    """The statements that empty and refill the index on this database (run them in a transaction)."""
    vector = vendor == "postgresql"
    columns = f"{COLUMNS}, vector" if vector else COLUMNS
    refill = [
        f"INSERT INTO search_entry ({columns}) {paragraph_select('pt', vector)} "
        "JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id;",
        f"INSERT INTO search_entry ({columns}) {footnote_select('ft', vector)} "
        "JOIN documents_footnotetext ft ON ft.footnote_id = f.id;",
    ]
    if vector:
        return ["TRUNCATE search_entry;", *refill, "ANALYZE search_entry;"]
    return [
        "DELETE FROM search_entry;",
        "DELETE FROM search_fts;",
        *refill,
        "INSERT INTO search_fts (rowid, stems, lang) "
        "SELECT id * 2, rr_stems(language_id, text), language_id FROM documents_paragraphtext;",
        "INSERT INTO search_fts (rowid, stems, lang) "
        "SELECT id * 2 + 1, rr_stems(language_id, text), language_id FROM documents_footnotetext;",
    ]
