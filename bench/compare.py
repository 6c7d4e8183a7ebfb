"""Comparison speed: two 40-paragraph versions of a resolution, compared uncached and cached.

    python bench/compare.py [--runs 30]

The versions are the bundled sample with four paragraphs more, and that text negotiated again (one
paragraph inserted, one removed, one edited, two operative paragraphs swapped, one split): 40
paragraphs each, English and French. Times are for one request through Django (in process, DEBUG
off, no network), median and 90th percentile of --runs: the comparison page (both languages) and
the API (one language), with the cache emptied before each request (uncached: the queries, the
matching, the word diffs and the rendering) and without (cached: the page's one query, then the
cache). "compute" is the comparison alone, no request. Uses a throwaway SQLite database unless
DATABASE_URL is set.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> tuple:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_states", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from reading_room.documents.models import Document
    from reading_room.ingest.importer import import_texts
    from tests.test_compare import negotiated
    from tests.versions import make_version, replace

    if not Document.objects.filter(key="A/80/L.1").exists():
        sample = import_texts(
            en=(ROOT / "sample/A-79-L.124.en.txt").read_text(), fr=(ROOT / "sample/A-79-L.124.fr.txt").read_text()
        ).document

        def four_more(paragraphs):  # 36 + 4 = 40 paragraphs, each a little different from the ones copied
            extra = [
                (kind, replace(texts, {"en": ("Shanghai", f"Shanghai ({n})"), "fr": ("Shanghai", f"Shanghai ({n})")}))
                for n, (kind, texts) in enumerate(paragraphs[10:14])
            ]
            return paragraphs[:20] + extra + paragraphs[20:]

        older = make_version(sample, "A/80/L.1", four_more, session=80)
        make_version(older, "A/81/L.1", negotiated, session=81)
    return Document.objects.get(key="A/80/L.1"), Document.objects.get(key="A/81/L.1")


def timed(runs: int, call, before=None) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main() -> None:
    warnings.filterwarnings("ignore", message="No directory at")
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="rr-compare-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.update(DJANGO_SETTINGS_MODULE="reading_room.settings", DEBUG="false", SECRET_KEY="bench")
    os.environ.update(ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="false")
    older, newer = setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    from reading_room.compare import comparison

    # production settings but for static files unhashed (no collectstatic), as tests/servers.py does
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()

    client = Client()
    page = f"/compare/?from={older.symbol}&to={newer.symbol}"
    api = f"/api/compare?from={older.symbol}&to={newer.symbol}&lang=en"
    for url in (page, api):
        assert client.get(url).status_code == 200, url  # warm: templates compiled, code loaded
    counts = (older.paragraphs.count(), newer.paragraphs.count())
    print(f"{older.symbol} ({counts[0]} paragraphs) → {newer.symbol} ({counts[1]}), EN+FR, {args.runs} runs each")
    print(f"{'':34} {'median':>9} {'p90':>9}")
    rows = [
        ("compute (no request)", lambda: comparison.compute(older, newer), None),
        ("page, uncached", lambda: client.get(page), cache.clear),
        ("page, cached", lambda: client.get(page), None),
        ("API, uncached", lambda: client.get(api), cache.clear),
        ("API, cached", lambda: client.get(api), None),
    ]
    for name, call, before in rows:
        median, p90 = timed(args.runs, call, before)
        print(f"{name:34} {median:7.1f} ms {p90:6.1f} ms")
    size = len(client.get(page).content)
    print(
        f"page size {size / 1024:.0f} KB; database {os.environ['DATABASE_URL'].split(':')[0]}; budget 100 ms uncached"
    )


if __name__ == "__main__":
    main()
