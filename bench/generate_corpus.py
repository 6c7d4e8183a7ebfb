"""Generate a synthetic corpus for search benchmarks, from the bundled sample's vocabulary.

    python bench/generate_corpus.py --documents 12000     # ≈ 1 M paragraph texts (EN + FR)
    python bench/generate_corpus.py --clear --documents 0  # remove what it generated

(the database of DATABASE_URL, as manage.py; bench/search.py runs it)

Each synthetic document (symbol A/SYN/<session>/<n>) takes its paragraphs from the sample's
paragraphs, same opening words, with a share of the other words replaced by random words from
the sample's vocabulary in that language, so that term frequencies spread as in a corpus of many
related resolutions. Rows go in with COPY on PostgreSQL (executemany on SQLite), ids taken from
the tables' sequences.

The search index: on SQLite the triggers index every row as it is written. On PostgreSQL a
trigger costs about a millisecond per paragraph text, so by default the search triggers are
switched off during the load and the index is rebuilt in one pass at the end (in the same way
as a restore would), which also builds the GIN index at once instead of row by row. --triggers
keeps them on.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import sys
import threading
import time
from pathlib import Path

if __name__ == "__main__":  # a script: Django set up before the models are imported
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reading_room.settings")
    import django

    django.setup()

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, connections, transaction
from django.utils import timezone

from reading_room.documents.models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphText,
    Sponsorship,
    State,
)
from reading_room.parsing.document import parse
from reading_room.search import rebuild

PREFIX = "A/SYN/"
SAMPLE = Path(settings.BASE_DIR) / "sample"
WORD = re.compile(r"[^\W\d_]{3,}")
SPLIT = re.compile(r"([^\W\d_]{3,})")
# The tables whose triggers keep the search index (theirs are the only triggers on them).
INDEXED_TABLES = [
    "documents_paragraphtext",
    "documents_footnotetext",
    "documents_paragraph",
    "documents_footnote",
    "documents_document",
    "documents_documenttext",
]


class Command(BaseCommand):
    help = "Generate synthetic documents (EN + FR) from the sample's vocabulary, for search benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=500, help="documents per transaction")
        parser.add_argument("--replace", type=float, default=0.3, help="share of words replaced at random")
        parser.add_argument("--clear", action="store_true", help="delete the generated documents first")
        parser.add_argument("--triggers", action="store_true", help="PostgreSQL: index row by row through the triggers")

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["clear"]:
            self.stdout.write(f"Deleted {self.clear()} generated documents.")
        total = options["documents"]
        if total <= 0:
            return
        Language.objects.get_or_create(code="en", defaults={"name": "English", "position": 1})
        Language.objects.get_or_create(code="fr", defaults={"name": "Français", "position": 2})
        model = Model.from_sample()
        rng = random.Random(options["seed"])
        states = list(State.objects.values_list("id", flat=True))
        first = Document.objects.filter(key__startswith=PREFIX).count()
        bulk = connection.vendor == "postgresql" and not options["triggers"]
        if bulk:
            self.switch_triggers(False)
        try:
            texts = 0
            for start in range(0, total, options["batch"]):
                count = min(options["batch"], total - start)
                with transaction.atomic():
                    texts += Batch(model, rng, states, options["replace"]).write(first + start, count)
                elapsed = time.monotonic() - started
                self.stdout.write(f"{start + count}/{total} documents, {texts} paragraph texts, {elapsed:.0f} s")
        finally:
            if bulk:
                self.switch_triggers(True)
        if bulk:
            loaded = time.monotonic()
            self.stdout.write("Rebuilding the search index…")
            rebuild_postgres()
            self.stdout.write(f"Index rebuilt in {time.monotonic() - loaded:.1f} s.")
        if connection.vendor == "postgresql":
            analyze()
        self.stdout.write(
            f"Generated {total} documents, {texts} paragraph texts in {time.monotonic() - started:.1f} s."
        )

    def switch_triggers(self, on: bool) -> None:
        with connection.cursor() as cursor:
            for table in INDEXED_TABLES:
                cursor.execute(f"ALTER TABLE {table} {'ENABLE' if on else 'DISABLE'} TRIGGER USER")

    def clear(self) -> int:
        documents = "SELECT id FROM documents_document WHERE key LIKE %s"
        statements = [
            f"DELETE FROM documents_sponsorship WHERE document_id IN ({documents})",
            f"DELETE FROM documents_footnotetext WHERE footnote_id IN "
            f"(SELECT id FROM documents_footnote WHERE document_id IN ({documents}))",
            f"DELETE FROM documents_footnote WHERE document_id IN ({documents})",
            f"DELETE FROM documents_paragraphtext WHERE paragraph_id IN "
            f"(SELECT id FROM documents_paragraph WHERE document_id IN ({documents}))",
            f"DELETE FROM documents_paragraph WHERE document_id IN ({documents})",
            f"DELETE FROM documents_documenttext WHERE document_id IN ({documents})",
            "DELETE FROM documents_document WHERE key LIKE %s",
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, [PREFIX + "%"])
            return cursor.rowcount


def rebuild_postgres() -> None:
    """Refill search_entry from scratch. to_tsvector is the cost, so the paragraph texts are split
    between two connections (one per core) writing to an unlogged staging table; the rows then go
    to search_entry in id order (newest last, as triggers would have written them, which keeps a
    backward scan of the primary key sequential), and the GIN indexes are built once at the end."""
    columns = f"{rebuild.COLUMNS}, vector"
    with connection.cursor() as cursor:
        # the GIN indexes (the migrations'), dropped and made again at the end
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'search_entry' AND indexdef LIKE '%USING gin%'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("TRUNCATE search_entry")
        cursor.execute("DROP TABLE IF EXISTS search_staging")
        cursor.execute("CREATE UNLOGGED TABLE search_staging (LIKE search_entry)")
    parts = [
        f"INSERT INTO search_staging ({columns}) {rebuild.paragraph_select('pt', vector=True)} "
        f"JOIN documents_paragraphtext pt ON pt.paragraph_id = p.id WHERE pt.id % 2 = {remainder}"
        for remainder in (0, 1)
    ]
    parts[1] += (
        f"; INSERT INTO search_staging ({columns}) {rebuild.footnote_select('ft', vector=True)} "
        "JOIN documents_footnotetext ft ON ft.footnote_id = f.id"
    )
    errors = []

    def run(statement: str) -> None:
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                for part in statement.split("; "):
                    cursor.execute(part)
        except Exception as error:
            errors.append(error)
        finally:
            other.close()

    threads = [threading.Thread(target=run, args=(statement,)) for statement in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO search_entry ({columns}) SELECT {columns} FROM search_staging ORDER BY id")
        cursor.execute("DROP TABLE search_staging")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
        cursor.execute("VACUUM ANALYZE search_entry" if connection.get_autocommit() else "ANALYZE search_entry")


def analyze() -> None:
    """Planner statistics for the tables just loaded, as autovacuum would gather them in time: without
    them the planner guesses row counts (search's queries by paragraph id, for one, turn on JIT)."""
    tables = [model._meta.db_table for model in (*Batch.MODELS, Language)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


class Batch:
    """Some documents with their texts, written table by table."""

    MODELS = (Document, DocumentText, Paragraph, ParagraphText, Footnote, FootnoteText, Sponsorship)

    def __init__(self, model: Model, rng: random.Random, states: list[int], replace: float):
        self.model, self.rng, self.states, self.replace = model, rng, states, replace
        self.rows: dict[type, list[dict]] = {m: [] for m in self.MODELS}

    def write(self, offset: int, count: int) -> int:
        rng, model = self.rng, self.model
        document_ids = allocate(Document, count)
        for i, document_id in zip(range(offset, offset + count), document_ids, strict=True):
            session = rng.randrange(50, 81)
            symbol = f"{PREFIX}{session}/{i + 1}"
            self.rows[Document].append(
                {
                    "id": document_id,
                    "symbol": symbol,
                    "key": symbol,
                    "body": rng.choices(["GA", "SC", "ECOSOC"], [7, 2, 1])[0],
                    "kind": rng.choices(["draft_resolution", "resolution", "draft_decision", "decision"], [4, 4, 1, 1])[
                        0
                    ],
                    "session": session,
                    "date": datetime.date(1945 + session, 9, 1) + datetime.timedelta(days=rng.randrange(365)),
                    "status": "published" if rng.random() > 0.02 else "draft",
                }
            )
            for code in ("en", "fr"):
                title = model.mutate(rng.choice(model.titles[code]), code, rng, self.replace)
                self.rows[DocumentText].append({"document_id": document_id, "language_id": code, "title": title})
            self.paragraphs(document_id)
            for k in range(1, rng.randint(0, 8) + 1):
                pair = rng.choice(model.footnotes)
                self.rows[Footnote].append({"document_id": document_id, "number": str(k), "position": k, "_": pair})
            states = rng.sample(self.states, min(len(self.states), rng.randint(0, 15)))
            for position, state in enumerate(states, start=1):
                self.rows[Sponsorship].append({"document_id": document_id, "state_id": state, "position": position})
        for table in (Document, DocumentText, Sponsorship):
            insert(table, self.rows[table])
        for parent, child, key in ((Paragraph, ParagraphText, "paragraph_id"), (Footnote, FootnoteText, "footnote_id")):
            parents = self.rows[parent]
            for row, row_id in zip(parents, allocate(parent, len(parents)), strict=True):
                row["id"] = row_id
            insert(parent, [{k: v for k, v in row.items() if k != "_"} for row in parents])
            children = [
                {key: row["id"], "language_id": code, **fields}
                for row in parents
                for code, fields in self.versions(parent, row["_"])
            ]
            insert(child, children)
        return len(self.rows[Paragraph]) * 2

    def paragraphs(self, document_id: int) -> None:
        position = 0
        for kind, n in (("preambular", self.rng.randint(10, 40)), ("operative", self.rng.randint(5, 30))):
            for j in range(1, n + 1):
                position += 1
                eid, number = (f"pp{j}", "") if kind == "preambular" else (f"op{j}", str(j))
                pair = self.rng.choice(self.model.paragraphs[kind])
                self.rows[Paragraph].append(
                    {
                        "document_id": document_id,
                        "eid": eid,
                        "kind": kind,
                        "number": number,
                        "position": position,
                        "_": pair,
                    }
                )

    def versions(self, parent: type, pair) -> list[tuple[str, dict]]:
        out = []
        for code, template in pair:
            if parent is Paragraph:
                text = self.model.mutate_template(template, code, self.rng, self.replace)
                out.append((code, {"lead": template.lead, "text": text, "imported_text": text}))
            else:
                out.append((code, {"text": self.model.mutate_template(template, code, self.rng, self.replace / 2)}))
        return out


def allocate(model: type, n: int) -> list[int]:
    """n new primary keys for a table (its sequence on PostgreSQL; after the largest on SQLite)."""
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + n))


def insert(model: type, rows: list[dict]) -> None:
    """Write rows, every other column at its model default (so new columns need no change here)."""
    if not rows:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and "id" not in rows[0])]
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.attname not in rows[0]:
            defaults[f.attname] = f.get_default()
    if connection.vendor == "postgresql":  # psycopg adapts str, int, bool, date and datetime itself
        values = [tuple(row.get(f.attname, defaults.get(f.attname)) for f in fields) for row in rows]
    else:
        values = [
            tuple(f.get_db_prep_save(row.get(f.attname, defaults.get(f.attname)), connection) for f in fields)
            for row in rows
        ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


class Template:
    """A sample text cut into words that may be replaced and the rest, kept as it is."""

    def __init__(self, text: str, lead: str = ""):
        self.lead = lead
        keep = len(lead) if lead and text.startswith(lead) else 0
        parts = SPLIT.split(text[keep:])
        self.parts = [text[:keep] + parts[0], *parts[1:]]
        self.words = list(range(1, len(self.parts), 2))  # odd indexes are words


class Model:
    """What the generator draws from: the sample's aligned paragraphs, footnotes, titles and words."""

    def __init__(self, paragraphs, footnotes, titles, vocabulary):
        self.paragraphs = paragraphs  # kind → [((en, Template), (fr, Template))]
        self.footnotes = footnotes  # [((en, Template), (fr, Template))]
        self.titles = titles  # language → [title]
        self.vocabulary = vocabulary  # language → [word]

    @classmethod
    def from_sample(cls) -> Model:
        en = parse((SAMPLE / "A-79-L.124.en.txt").read_text(encoding="utf-8"), "en")
        fr = parse((SAMPLE / "A-79-L.124.fr.txt").read_text(encoding="utf-8"), "fr", reference=en)
        paragraphs: dict[str, list] = {"preambular": [], "operative": []}
        for p_en, p_fr in zip(en.paragraphs, fr.paragraphs, strict=False):
            kind = "preambular" if p_en.kind == "preambular" else "operative"
            paragraphs[kind].append((("en", Template(p_en.text, p_en.lead)), ("fr", Template(p_fr.text, p_fr.lead))))
        footnotes = [
            (("en", Template(a.text)), ("fr", Template(b.text)))
            for a, b in zip(en.footnotes, fr.footnotes, strict=False)
            if a.text and b.text
        ]
        titles = {"en": [en.title or "Cooperation"], "fr": [fr.title or "Coopération"]}
        vocabulary = {}
        for code, parsed in (("en", en), ("fr", fr)):
            words = {w for p in parsed.paragraphs for w in WORD.findall(p.text)}
            words |= {w for f in parsed.footnotes for w in WORD.findall(f.text)}
            vocabulary[code] = sorted(words)
        return cls(paragraphs, footnotes, titles, vocabulary)

    def mutate_template(self, template: Template, language: str, rng: random.Random, share: float) -> str:
        """The template with about `share` of its words (never the opening words) swapped at random."""
        parts = list(template.parts)
        n = len(template.words)
        k = min(n, max(0, round(n * share + rng.gauss(0, 1))))
        for index, word in zip(rng.sample(template.words, k), rng.choices(self.vocabulary[language], k=k), strict=True):
            parts[index] = word
        return "".join(parts)

    def mutate(self, text: str, language: str, rng: random.Random, share: float) -> str:
        return self.mutate_template(Template(text), language, rng, share)


if __name__ == "__main__":
    Command().run_from_argv([sys.argv[0], "generate_corpus", *sys.argv[1:]])
