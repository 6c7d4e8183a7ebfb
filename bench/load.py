"""Load test: reader, paragraph pages, search and API mixed, at 64 connections for 30 s.

    python bench/load.py [--seconds 30] [--connections 64] [--workers 2]

gunicorn with the production config (gunicorn.conf.py) on 127.0.0.1 only; wrk (Debian's) replays
a fixed list of paths in turn (bench/mixed.lua). Passes when there is no socket error, no 5xx and
no other non-2xx answer. SQLite unless DATABASE_URL is set (PostgreSQL is what production runs).
"""

import argparse
import os
import shutil
from pathlib import Path

from server import environment, gunicorn, prepare, require, tmpdir, wrk

HERE = Path(__file__).resolve().parent

PATHS = [
    "/A/79/L.124/",
    "/A/79/L.124/?view=fr",
    "/A/79/L.124/?view=fr-en",
    "/A/79/L.124/op1/",
    "/A/79/L.124/op3/",
    "/A/79/L.124/pp11/",
    "/A/79/L.124/pp26/?view=en",
    "/search?q=Dushanbe",
    "/search?q=lutte+contre+le+terrorisme",
    '/search?q="Regional+Anti-Terrorist+Structure"',
    "/search?q=cooperation&kind=operative",
    "/search?q=coop%C3%A9ration&lang=fr",
    "/api/documents",
    "/api/documents/A/79/L.124",
    "/api/documents/A/79/L.124/op3",
    "/",
    "/sponsors/KGZ/",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    require("wrk", "wrk")
    tmp = tmpdir()
    paths = tmp / "paths.txt"
    paths.write_text("\n".join(PATHS) + "\n")
    env = environment(tmp)
    try:
        prepare(env)
        with gunicorn(env, args.workers) as base:
            os.environ["RR_PATHS"] = str(paths)
            run = wrk(base + "/", args.seconds, args.connections, script=HERE / "mixed.lua")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    statuses = dict(
        (int(code), int(count))
        for code, count in (pair.split("=") for pair in run["output"].split("statuses:")[1].split())
    )
    failures = run["socket_errors"] + sum(count for code, count in statuses.items() if code >= 300)
    print(
        f"gunicorn -w{args.workers} (gunicorn.conf.py), wrk -t2 -c{args.connections} -d{args.seconds}s, "
        f"{len(PATHS)} paths in turn, {env['DATABASE_URL'].split(':')[0]}"
    )
    print(
        f"requests {run['requests']}, {run['rps']:.0f}/s; latency p50 {run['p50']:.1f} ms, p90 {run['p90']:.1f} ms, "
        f"p99 {run['p99']:.1f} ms"
    )
    print(f"statuses {statuses}; socket errors {run['socket_errors']}")
    print(f"{'PASS' if failures == 0 else 'FAIL'}: {failures} failed requests (5xx, other non-2xx, socket errors)")


if __name__ == "__main__":
    main()
