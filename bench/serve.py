"""Reader benchmark: gunicorn + wrk on the reader page and a trivial view, plus queries and bytes.

    python bench/serve.py [--seconds 10] [--workers 2]

Serves a throwaway SQLite database with the sample imported, DEBUG off, whitenoise as in
production. Needs Debian's wrk (apt-get install wrk). Prints one table.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8011
PAGES = {"reader": "/A/79/L.124/", "paragraph": "/A/79/L.124/op3/", "trivial": "/health/"}


def run_wrk(url: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": lat.get("50"), "p99": lat.get("99"), "non2xx": int(errors.group(1)) if errors else 0}


def page_figures(env: dict) -> dict:
    """Queries and sizes, measured in-process with Django's test client."""
    code = (
        """
import django, gzip, json; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
c = Client()
out = {}
for name, url in %r.items():
    with CaptureQueriesContext(connection) as ctx:
        body = c.get(url, HTTP_HOST="127.0.0.1").content
    out[name] = {"queries": len(ctx), "bytes": len(body), "gzip": len(gzip.compress(body, 6))}
print(json.dumps(out))
"""
        % PAGES
    )
    res = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    import json

    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    tmp = Path(tempfile.mkdtemp(prefix="rr-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reading_room.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
    }
    manage = [PY, "manage.py"]
    for cmd in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_states"],
        ["import_document", "sample/"],
    ):
        subprocess.run(manage + cmd, env=env, cwd=ROOT, check=True, capture_output=True)
    figures = page_figures(env)
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "reading_room.wsgi:application",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"gunicorn -w{args.workers} (sync), wrk -t2 -c16 -d{args.seconds}s, DEBUG off, "
            f"{env['DATABASE_URL'].split(':')[0]}"
        )
        print(f"{'page':<10} {'req/s':>8} {'p50':>9} {'p99':>9} {'non2xx':>7} {'queries':>8} {'bytes':>8} {'gzip':>7}")
        for name, url in PAGES.items():
            r = run_wrk(f"http://127.0.0.1:{PORT}{url}", args.seconds)
            f = figures[name]
            print(
                f"{name:<10} {r['rps']:>8.0f} {r['p50']:>9} {r['p99']:>9} {r['non2xx']:>7} {f['queries']:>8} "
                f"{f['bytes']:>8} {f['gzip']:>7}"
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
