"""Speed budget of the reader (issue: production grade). Prints figures and PASS/FAIL per budget.

    python bench/serve.py [--seconds 20] [--connections 16] [--workers 2]

- wrk against gunicorn (production config, 2 sync workers, DEBUG off) at 16 connections on
  /healthz (no database), the reader and a paragraph page: the reader must deliver >= 50 % of
  /healthz's requests/s measured in the same run, with p99 <= 50 ms;
- server time of a cache miss (the page rendered from the database; in-process, median of 30):
  <= 15 ms; queries per page cached and uncached;
- bytes: the reader's HTML, CSS and JavaScript as a browser receives them (gzip): <= 40 KB.
Needs Debian's wrk. SQLite unless DATABASE_URL is set.
"""

import argparse
import gzip
import json
import re
import shutil
import subprocess
import urllib.request

from server import PY, ROOT, environment, gunicorn, prepare, require, tmpdir, wrk

PAGES = {"healthz": "/healthz", "reader": "/A/79/L.124/", "paragraph": "/A/79/L.124/op3/"}

IN_PROCESS = """
import django, gzip, json, statistics, time; django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, out = Client(), {}
for name, url in %r.items():
    times, zipped = [], []
    for _ in range(30):
        cache.clear()
        start = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
        cache.clear()
        start = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
        zipped.append((time.perf_counter() - start) * 1000)
    hits = []
    for _ in range(30):
        start = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        hits.append((time.perf_counter() - start) * 1000)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        body = client.get(url, HTTP_HOST="127.0.0.1").content
    with CaptureQueriesContext(connection) as warm:
        client.get(url, HTTP_HOST="127.0.0.1")
    out[name] = {"miss_ms": statistics.median(times), "miss_gzip_ms": statistics.median(zipped),
                 "hit_ms": statistics.median(hits), "queries_miss": len(cold),
                 "queries_hit": len(warm), "bytes": len(body), "gzip": len(gzip.compress(body, 6))}
print(json.dumps(out))
"""


def in_process(env: dict) -> dict:
    code = IN_PROCESS % {k: v for k, v in PAGES.items() if k != "healthz"}
    result = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def transfer(base: str) -> list[tuple[str, int]]:
    """Every resource of the reader page as sent with Accept-Encoding: gzip (bytes on the wire)."""

    def get(path: str) -> bytes:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            return response.read()

    page = get(PAGES["reader"])
    html = gzip.decompress(page).decode()
    assets = re.findall(r'<(?:link|script) [^>]*(?:href|src)="(/static/[^"]+)"', html)
    return [("reader HTML", len(page))] + [(path, len(get(path))) for path in assets]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    require("wrk", "wrk")
    tmp = tmpdir()
    env = environment(tmp)
    try:
        prepare(env)
        figures = in_process(env)
        with gunicorn(env, args.workers) as base:
            for url in PAGES.values():  # warm every worker's cache
                for _ in range(4 * args.workers):
                    urllib.request.urlopen(base + url).read()
            runs = {name: wrk(base + url, args.seconds, args.connections) for name, url in PAGES.items()}
            sizes = transfer(base)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    db = env["DATABASE_URL"].split(":")[0]
    print(f"gunicorn -w{args.workers} sync (gunicorn.conf.py), wrk -t2 -c{args.connections} -d{args.seconds}s, {db}")
    print(
        f"{'page':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} | {'miss ms':>8} {'+gzip':>6} "
        f"{'hit ms':>7} {'queries':>8} {'bytes':>7} {'gzip':>6}"
    )
    for name, run in runs.items():
        f = figures.get(name)
        cells = (
            f"{f['miss_ms']:>8.1f} {f['miss_gzip_ms']:>6.1f} {f['hit_ms']:>7.1f} "
            f"{f['queries_miss']:>4}/{f['queries_hit']:<3} {f['bytes']:>7} "
            f"{f['gzip']:>6}"
            if f
            else ""
        )
        errors = run["socket_errors"] + run["non2xx"]
        print(f"{name:<10} {run['rps']:>8.0f} {run['p50']:>8.2f} {run['p99']:>8.2f} {errors:>7} | {cells}")
    print("(miss: rendered from the database, in-process, median of 30; +gzip: the same, asked for gzip;")
    print(" queries: cache miss / cached page)")
    print("\nreader transfer, gzip:")
    for path, size in sizes:
        print(f"  {size:>7}  {path}")
    total = sum(size for _path, size in sizes)
    print(f"  {total:>7}  total")

    ratio = runs["reader"]["rps"] / runs["healthz"]["rps"]
    budgets = [
        ("reader req/s >= 50% of /healthz", f"{ratio:.0%}", ratio >= 0.5),
        ("reader p99 <= 50 ms", f"{runs['reader']['p99']:.1f} ms", runs["reader"]["p99"] <= 50),
        ("paragraph p99 <= 50 ms", f"{runs['paragraph']['p99']:.1f} ms", runs["paragraph"]["p99"] <= 50),
        ("reader cache miss <= 15 ms", f"{figures['reader']['miss_ms']:.1f} ms", figures["reader"]["miss_ms"] <= 15),
        ("transfer <= 40 KB", f"{total / 1024:.1f} KB", total <= 40 * 1024),
        (
            "no errors",
            str(sum(r["socket_errors"] + r["non2xx"] for r in runs.values())),
            all(r["socket_errors"] + r["non2xx"] == 0 for r in runs.values()),
        ),
    ]
    print("\nbudget:")
    for label, value, ok in budgets:
        print(f"  {'PASS' if ok else 'FAIL'}  {label:<34} {value}")


if __name__ == "__main__":
    main()
