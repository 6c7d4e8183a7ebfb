"""Gunicorn settings for production (`bin/serve-production`, `make serve`), from the environment.

| variable | default | meaning |
| --- | --- | --- |
| BIND | 0.0.0.0:$PORT if PORT is set, else 127.0.0.1:8000 | address(es) to listen on, comma-separated |
| PORT | (unset) | port on all interfaces, as platforms that set PORT expect |
| WEB_CONCURRENCY | 2 × CPUs + 1, at most 12 | worker processes (sync: one request at a time each) |
| GUNICORN_TIMEOUT | 30 | seconds a request may take before its worker is killed and replaced |
| GUNICORN_GRACEFUL_TIMEOUT | 30 | seconds in-flight requests get to finish on SIGTERM / restart |
| GUNICORN_MAX_REQUESTS | 1000 | a worker is replaced after this many requests (0: never) |
| GUNICORN_PRELOAD | true | import the app once in the master, then fork (less memory, faster boot) |
| GUNICORN_CONTROL_SOCKET | (unset) | path of gunicorn's control socket (gunicornc); none if unset |
| FORWARDED_ALLOW_IPS | 127.0.0.1,::1 | read by gunicorn itself: proxies trusted for X-Forwarded-* |

See docs/deploy.md.
"""

import os
import sys

MAX_DEFAULT_WORKERS = 12


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.lower() in ("1", "true", "yes", "on")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_port = os.environ.get("PORT")
bind = [
    b.strip()
    for b in (os.environ.get("BIND") or (f"0.0.0.0:{_port}" if _port else "127.0.0.1:8000")).split(",")
    if b.strip()
]

# Sync workers: the views are short and database-bound; each worker holds at most one connection
# per database (CONN_MAX_AGE), so servers × workers must stay below PostgreSQL's max_connections.
worker_class = "sync"
workers = _int("WEB_CONCURRENCY", min(2 * _cpus() + 1, MAX_DEFAULT_WORKERS))
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10  # workers do not all restart at once
preload_app = _bool("GUNICORN_PRELOAD", True)

# The workers' heartbeat file on tmpfs: on a disk (or a container's overlay) it can stall them.
SHM = "/dev/shm"  # noqa: S108 - gunicorn makes the file there with mkstemp and unlinks it at once
if os.path.isdir(SHM):
    worker_tmp_dir = SHM

# No state on the machine: no control socket in $HOME unless asked for.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs to stdout/stderr, for the service manager or the container runtime to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# client (as the proxy saw it), peer, time, request line, status, bytes, referrer, user agent, duration
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


def pre_fork(server, worker):
    """Workers never share a database connection: close any the master opened while preloading."""
    if "django.db" in sys.modules:
        from django.conf import settings

        if settings.configured:
            from django.db import connections

            connections.close_all()
