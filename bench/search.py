"""Search benchmark on PostgreSQL: a synthetic corpus, 50 fixed queries, p50/p95, plans of the slowest.

    python bench/search.py [--documents 12000] [--repeat 5]

Uses the database in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/reading_room_bench),
creating it if needed, then migrates, loads the States, imports the sample and runs
`bench/generate_corpus.py` up to --documents synthetic documents (a second run reuses them). Each of the
50 queries (English and French; words, phrases, accents, filters) then runs --repeat times after a
warm-up: once through `search()` (the database work of a results page) and once as the whole
page through Django's test client (plus templates). Prints p50/p95/max per measure, the queries
per page, the time, size and queries of the browse pages (home, sessions, sponsors, sitemap) at
that size, and EXPLAIN ANALYZE of the slowest query's main statement. Production settings (DEBUG off).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode, urlparse

from server import ROOT, environment

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reading_room_bench"

QUERIES = [
    {"q": "Dushanbe"},
    {"q": "Regional Anti-Terrorist Structure"},
    {"q": "sponsoring"},
    {"q": "cooperation"},
    {"q": "Shanghai Cooperation Organization"},
    {"q": '"sustainable development"'},
    {"q": "terrorism"},
    {"q": "drugs", "kind": "preambular"},
    {"q": "memorandum of understanding"},
    {"q": "Secretary-General report"},
    {"q": "Astana Declaration"},
    {"q": "Eurasian Economic Commission"},
    {"q": "peace and security"},
    {"q": "counter-terrorism"},
    {"q": "Collective Security Treaty Organization"},
    {"q": "nuclear weapons"},
    {"q": '"Shanghai spirit"'},
    {"q": "economies in transition"},
    {"q": "Tianjin Summit"},
    {"q": "observer status"},
    {"q": "Kyrgyzstan", "lang": "en"},
    {"q": "information and communications technologies"},
    {"q": "regional organizations -Shanghai"},
    {"q": "Samarkand or Astana"},
    {"q": "Charter of the United Nations", "kind": "operative"},
    {"q": "Douchanbé"},
    {"q": "Douchanbe"},
    {"q": "coopérer"},
    {"q": "« lutte contre le terrorisme »"},
    {"q": "Structure régionale antiterroriste"},
    {"q": "Organisation de Shanghai pour la coopération", "lang": "fr"},
    {"q": "développement durable"},
    {"q": "drogue", "lang": "fr"},
    {"q": "mémorandum d’accord"},
    {"q": "Secrétaire général"},
    {"q": "Déclaration d’Astana"},
    {"q": "paix et sécurité"},
    {"q": "armes nucléaires"},
    {"q": "esprit de Shanghai"},
    {"q": "pays en transition"},
    {"q": "Kirghizistan"},
    {"q": "technologies de l’information"},
    {"q": "Commission économique eurasienne"},
    {"q": "Tadjikistan", "body": "GA"},
    {"q": "Assemblée générale", "session": "79"},
    {"q": "resolution", "type": "resolution", "sponsor": "KGZ"},
    {"q": "Rappelant", "opening": "Rappelant"},
    {"q": "terrorisme", "lang": "fr", "page": "3"},
    {"q": "cooperation", "page": "10"},
    {"q": "Welcoming", "kind": "preambular", "body": "SC"},
]
assert len(QUERIES) == 50


# Pages that list documents rather than search them: at corpus size they must show a page, not all.
BROWSE = [
    "/",
    "/?session=79&type=resolution",
    "/?page=100",
    "/sessions/",
    "/sessions/79/",
    "/sponsors/",
    "/sponsors/KGZ/",
    "/sitemap.xml",
    "/sitemap-paragraphs.xml?p=20",
    "/api/documents?page=50",
    "/feeds/documents.atom",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def _blocks() -> tuple[int, int]:
    """This database's page reads so far: (found in shared_buffers, asked of the OS)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush(), pg_stat_clear_snapshot()")
        cursor.execute("SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()


def prepare(env: dict, documents: int) -> None:
    manage = [sys.executable, "manage.py"]
    for args in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_states"]):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    imported = subprocess.run([*manage, "import_document", "sample/"], env=env, cwd=ROOT, capture_output=True)
    if imported.returncode:  # the sample is a nicety here; the corpus is generated
        print("warning: could not import the sample:", imported.stderr.decode().strip().splitlines()[-1])
    code = "import django; django.setup(); from reading_room.documents.models import Document; "
    code += "print(Document.objects.filter(key__startswith='A/SYN/').count())"
    have = int(
        subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
    )
    if have < documents:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "bench/generate_corpus.py", "--documents", str(documents - have)],
            env=env,
            cwd=ROOT,
            check=True,
        )
        print(f"bench/generate_corpus.py --documents {documents - have}: {time.monotonic() - started:.0f} s")
    else:
        print(f"reusing {have} generated documents")


def measure(repeat: int, max_hits: int | None) -> None:
    import django

    django.setup()
    if max_hits:
        from django.conf import settings

        settings.SEARCH_MAX_HITS = max_hits
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reading_room.documents.models import Language
    from reading_room.search.models import SearchEntry
    from reading_room.search.query import Params, search

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FILTER (WHERE kind <> 'footnote'), count(*) FROM search_entry")
        paragraphs, entries = cursor.fetchone()
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('search_entry')), pg_database_size(current_database()), "
            "pg_size_pretty(pg_database_size(current_database())), current_setting('shared_buffers'), "
            "pg_size_bytes(current_setting('shared_buffers'))"
        )
        size, database_bytes, database, buffers, buffer_bytes = cursor.fetchone()
    print(
        f"corpus: {paragraphs} paragraph texts, {entries} index rows ({size} with indexes), "
        f"{SearchEntry.objects.values('document_id').distinct().count()} documents"
    )
    print(f"database {database}, PostgreSQL shared_buffers {buffers}")
    if buffer_bytes < database_bytes / 4:
        # docs/deploy.md: each search reads a few thousand pages; with buffers much smaller than the
        # database, the 50 queries evict each other's pages, which then come from the OS's cache
        print(
            "note: shared_buffers is small for this database (PostgreSQL's default is 128MB; "
            "docs/deploy.md recommends about a quarter of the RAM)"
        )
    client = Client()
    languages = list(Language.objects.all())
    timings: dict[str, list[float]] = {"search()": [], "page": []}
    per_query: dict[int, list[float]] = {i: [] for i in range(len(QUERIES))}
    queries_per_page = set()
    totals = {}
    blocks = None
    for round_number in range(repeat + 1):  # round 0 warms the caches
        if round_number == 1:
            blocks = _blocks()
        for i, spec in enumerate(QUERIES):
            params = Params.from_get(QueryDict(urlencode(spec)), [lang.code for lang in languages])
            started = time.perf_counter()
            results = search(params, languages)
            elapsed = (time.perf_counter() - started) * 1000
            totals[i] = (results.total, results.capped)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get("/search?" + urlencode(spec), HTTP_HOST="127.0.0.1")
            page = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, spec
            if round_number:
                timings["search()"].append(elapsed)
                timings["page"].append(page)
                per_query[i].append(elapsed)
                queries_per_page.add(len(ctx))
    hit, read = (after - before for after, before in zip(_blocks(), blocks, strict=True))
    from reading_room.search.query import max_hits as cap

    print(f"\n{len(QUERIES)} queries x {repeat} runs (after one warm-up run), SEARCH_MAX_HITS={cap()}")
    searches = 2 * len(QUERIES) * repeat  # search() and the page
    print(
        f"pages read per search: {hit / searches:.0f} found in shared_buffers, "
        f"{read / searches:.0f} asked of the OS ({read / max(hit + read, 1):.1%})"
    )
    print(f"{'measure':10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in timings.items():
        print(f"{name:10} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f}")
    print(f"SQL queries per results page: {sorted(queries_per_page)}")
    print("\nslowest queries (median ms of search(), matches counted):")
    ranked = sorted(per_query, key=lambda i: -statistics.median(per_query[i]))
    for i in ranked[:8]:
        total, capped = totals[i]
        print(f"  {statistics.median(per_query[i]):7.1f}  {total}{'+' if capped else ''}  {QUERIES[i]}")
    measure_browse(client, repeat)
    slowest = QUERIES[ranked[0]]
    params = Params.from_get(QueryDict(urlencode(slowest)), [lang.code for lang in languages])
    with CaptureQueriesContext(connection) as ctx:
        search(params, languages)
    statement = max(ctx.captured_queries, key=lambda q: float(q["time"]))["sql"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    print(f"\nEXPLAIN ANALYZE of the slowest statement for {slowest}:\n{plan}")


def measure_browse(client, repeat: int) -> None:
    """Median time, bytes and SQL queries of each browse page (uncompressed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    print(f"\nbrowse pages at this size (median of {repeat} after a warm-up):")
    print(f"{'ms':>8} {'bytes':>9} {'queries':>8}  path")
    for path in BROWSE:
        times = []
        for round_number in range(repeat + 1):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path, HTTP_HOST="127.0.0.1")
            if round_number:
                times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
        print(f"{statistics.median(times):8.1f} {len(response.content):9d} {len(ctx):8d}  {path}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=12000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--max-hits", type=int, help="SEARCH_MAX_HITS (default: the setting's, 500)")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        sys.exit("The search benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    ensure_database(url)
    env = environment(DATABASE_URL=url)  # production settings, as the other benches'
    prepare(env, args.documents)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    measure(args.repeat, args.max_hits)


if __name__ == "__main__":
    main()
