"""What the benchmarks share: a database with the sample, gunicorn serving it as in production.

Production settings (DEBUG off, whitenoise with hashed and compressed static files), plain HTTP on
127.0.0.1. A throwaway SQLite database unless DATABASE_URL is set (then that database is used
and the sample imported into it).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8011"))  # another if something else listens there


def environment(tmp: Path | None = None, **extra: str) -> dict[str, str]:
    """Production settings; the database: `extra`'s DATABASE_URL, else the environment's, else a
    throwaway SQLite file in `tmp`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reading_room.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": extra.get("DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or f"sqlite:///{tmp / 'bench.sqlite3'}",
        **extra,
    }


def prepare(env: dict[str, str]) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_states"],
        ["import_document", "sample/"],
    ):
        subprocess.run([PY, "manage.py", *command], env=env, cwd=ROOT, check=True, capture_output=True)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    """gunicorn with the project's production config (gunicorn.conf.py), bound to 127.0.0.1:PORT."""
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "reading_room.wsgi:application"],
        env={**env, "BIND": f"127.0.0.1:{PORT}", "WEB_CONCURRENCY": str(workers), "GUNICORN_MAX_REQUESTS": "0"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    sys.exit(f"gunicorn exited with status {server.returncode}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{PORT}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", out, re.M)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": latency.get("50"),
        "p90": latency.get("90"),
        "p99": latency.get("99"),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "output": out,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="rr-bench-"))


def require(tool: str, package: str) -> None:
    import shutil

    if not shutil.which(tool):
        sys.exit(f"{tool} is not installed: apt-get install {package}")
