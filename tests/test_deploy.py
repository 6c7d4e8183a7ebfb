"""Production deployment (docs/deploy.md): gunicorn and its entry point, read replicas and their
router, the shared Redis cache, no state kept on an app server, `check --deploy` and the
environment-driven HTTPS settings."""

import copy
import json
import os
import runpy
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from reading_room.documents.models import Document, Paragraph
from reading_room.routers import PrimaryReplicaRouter, ReplicaReadsMiddleware, replica_reads

from .servers import free_port

ROOT = Path(__file__).resolve().parent.parent
ROUTER = "reading_room.routers.PrimaryReplicaRouter"
REPLICA = "replica1"
# Settings read from the environment: the subprocesses below start from none of them.
SETTINGS_ENV = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_COOKIES",
    "BEHIND_TLS_PROXY",
    "REDIS_URL",
    "DATABASE_REPLICA_URLS",
    "WEB_CONCURRENCY",
    "PORT",
    "BIND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # tests/conftest.py sets it; check --deploy refuses it
    "RELEASE",
}


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="reading_room.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
    )
    env.update(overrides)
    return env


def django_json(code: str, **env: str):
    """Run `code` (which prints JSON) with Django set up from the given environment."""
    program = f"import django, json\ndjango.setup()\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=production_env(**env), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- gunicorn ---------------------------------------------------------------------------------------------------


def gunicorn_settings(monkeypatch, **env: str) -> dict:
    for name in ("PORT", "BIND", "WEB_CONCURRENCY", "GUNICORN_PRELOAD", "GUNICORN_CONTROL_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_binds_and_scales_from_the_environment(monkeypatch):
    config = gunicorn_settings(monkeypatch)
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["worker_class"] == "sync"
    assert config["preload_app"] is True
    assert config["graceful_timeout"] == 30
    assert config["control_socket_disable"] is True  # no socket left in $HOME
    assert "%(M)s" in config["access_log_format"] and "x-forwarded-for" in config["access_log_format"]

    assert gunicorn_settings(monkeypatch, PORT="9000")["bind"] == ["0.0.0.0:9000"]
    assert gunicorn_settings(monkeypatch, PORT="9000", BIND="unix:/run/rr.sock")["bind"] == ["unix:/run/rr.sock"]
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


def test_gunicorn_workers_default_to_twice_the_cpus_plus_one_capped(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert gunicorn_settings(monkeypatch)["workers"] == 5
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert gunicorn_settings(monkeypatch)["workers"] == 12


def test_gunicorn_reads_the_config_file():
    env = production_env(WEB_CONCURRENCY="3", PORT="9123")
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "reading_room.wsgi:application"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = {k.strip(): v.strip() for k, v in (line.split(" = ", 1) for line in result.stdout.splitlines())}
    assert printed["workers"] == "3"
    assert printed["bind"] == "['0.0.0.0:9123']"
    assert printed["worker_class"] == "sync"


def fetch(url: str) -> tuple[int, bytes]:
    # our own test server, plain http
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.read()


def test_serve_production_migrates_collects_static_and_serves(tmp_path):
    """bin/serve-production on a fresh SQLite database: migrate, collectstatic, gunicorn; SIGTERM stops it."""
    (tmp_path / "serve_settings.py").write_text(
        f"from reading_room.settings import *  # noqa: F403\nSTATIC_ROOT = {str(tmp_path / 'static')!r}\n"
    )
    port = free_port()
    env = production_env(
        PYTHONPATH=str(tmp_path),
        DJANGO_SETTINGS_MODULE="serve_settings",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        BEHIND_TLS_PROXY="true",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        PYTHON=sys.executable,
    )
    log = (tmp_path / "log").open("w")
    server = subprocess.Popen([str(ROOT / "bin" / "serve-production")], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "log").read_text()
                assert time.monotonic() < deadline, (tmp_path / "log").read_text()
                time.sleep(0.3)
        assert status == 200  # the index page: the tables exist
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        hashed = manifest["paths"]["css/print.css"]
        assert hashed != "css/print.css"
        status, body = fetch(f"http://127.0.0.1:{port}/static/{hashed}")  # whitenoise
        assert status == 200 and body == (ROOT / "static" / "css" / "print.css").read_bytes()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            returncode = server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
        log.close()
    assert returncode == 0, (tmp_path / "log").read_text()
    assert '"GET / HTTP/1.1" 200' in (tmp_path / "log").read_text()  # the access log


# --- read replicas --------------------------------------------------------------------------------------------


def test_replica_urls_become_mirrored_aliases_and_install_the_router():
    url = "postgres://reader@replica-a.internal:5432/reading_room"
    found = django_json(
        "from django.conf import settings\n"
        "print(json.dumps([{a: [d['HOST'], d['TEST']['MIRROR']] for a, d in settings.DATABASES.items()},"
        " settings.DATABASE_ROUTERS]))",
        DATABASE_REPLICA_URLS=f"{url}, postgres://reader@replica-b.internal/reading_room",
    )
    databases, routers = found
    assert databases["replica1"] == ["replica-a.internal", "default"]
    assert databases["replica2"] == ["replica-b.internal", "default"]
    assert routers == [ROUTER]
    databases, routers = django_json(
        "from django.conf import settings\nprint(json.dumps([list(settings.DATABASES), settings.DATABASE_ROUTERS]))"
    )
    assert databases == ["default"] and routers == []


@pytest.fixture
def replica(settings):
    """A replica alias mirroring the test database (as TEST["MIRROR"] makes it), and the router."""
    added = REPLICA not in connections
    if added:
        config = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
        config["TEST"] = {**config.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS}
        connections.settings[REPLICA] = config
        connections[REPLICA].creation.set_as_test_mirror(connections[DEFAULT_DB_ALIAS].settings_dict)
    settings.DATABASE_ROUTERS = [ROUTER]
    yield REPLICA
    if added:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


def read_db(request) -> str:
    """Where a read goes during `request`, as the middleware decides."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Document))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


def test_reads_follow_the_request(replica):
    rf = RequestFactory()
    assert read_db(rf.get("/A/79/L.124/")) == REPLICA  # a visitor's page view
    assert read_db(rf.head("/search?q=x")) == REPLICA
    assert read_db(rf.post("/search")) == DEFAULT_DB_ALIAS  # writes read their own writes
    assert read_db(rf.put("/api/documents")) == DEFAULT_DB_ALIAS
    assert read_db(rf.get("/admin/")) == DEFAULT_DB_ALIAS  # the admin
    assert read_db(rf.get("/admin/documents/document/")) == DEFAULT_DB_ALIAS
    signed_in = rf.get("/A/79/L.124/")
    signed_in.COOKIES[django_settings.SESSION_COOKIE_NAME] = "abc"
    assert read_db(signed_in) == DEFAULT_DB_ALIAS  # editors see their edits at once
    assert router.db_for_read(Document) == DEFAULT_DB_ALIAS  # no request: commands, imports, shell
    with replica_reads(False):
        assert router.db_for_read(Document) == DEFAULT_DB_ALIAS


def test_writes_and_migrations_go_to_the_primary(replica):
    with replica_reads():
        assert router.db_for_write(Document) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Document) == DEFAULT_DB_ALIAS  # pinned for the rest of the request
    with replica_reads():
        assert router.db_for_read(Document) == REPLICA  # the pin ended with its request
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "documents")
    assert not router.allow_migrate(REPLICA, "documents")
    assert not router.allow_migrate(REPLICA, "search", model_name="searchentry")
    primary, copy_on_replica = Document(pk=1), Paragraph(pk=1)
    primary._state.db, copy_on_replica._state.db = DEFAULT_DB_ALIAS, REPLICA
    assert router.allow_relation(primary, copy_on_replica)


def test_related_reads_stay_with_their_instance(replica):
    document = Document(pk=1)
    document._state.db = DEFAULT_DB_ALIAS
    with replica_reads():
        assert router.db_for_read(Paragraph, instance=document) == DEFAULT_DB_ALIAS
        document._state.db = REPLICA
        assert router.db_for_read(Paragraph, instance=document) == REPLICA


@pytest.mark.django_db(transaction=True)  # no transaction around the test itself
def test_reads_inside_a_transaction_go_to_the_primary(replica):
    with replica_reads():
        assert router.db_for_read(Document) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Document) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Document) == REPLICA


def test_without_replicas_the_router_leaves_routing_to_django(monkeypatch):
    monkeypatch.setattr("reading_room.routers.replica_aliases", list)
    plain = PrimaryReplicaRouter()
    with replica_reads():
        assert plain.db_for_read(Document) is None
        assert plain.db_for_write(Document) is None
        assert plain.allow_migrate(DEFAULT_DB_ALIAS, "documents") is None


@pytest.mark.django_db(transaction=True)
def test_page_views_read_from_the_replica_and_editors_from_the_primary(replica, sample, client):
    """Through the whole middleware stack: every read of a request follows one decision, the
    session and the user (read by Django's middleware) included."""
    # Django's test case lets only the aliases it knew at its start connect lazily: connect now.
    connections[replica].connect()
    cache.clear()

    def queries(method, path, **kwargs) -> tuple[list[str], list[str]]:
        with (
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
            CaptureQueriesContext(connections[REPLICA]) as on_replica,
        ):
            response = getattr(client, method)(path, **kwargs)
        assert response.status_code in (200, 302), response.status_code
        return [q["sql"] for q in on_primary], [q["sql"] for q in on_replica]

    on_primary, on_replica = queries("get", "/A/79/L.124/")
    assert not on_primary and on_replica
    on_primary, on_replica = queries("post", "/admin/login/", data={"username": "nobody", "password": "x"})
    assert on_primary and not on_replica
    editor = User.objects.create_user("editor", password="a-long-password-1", is_staff=True)
    client.force_login(editor)
    on_primary, on_replica = queries("get", "/admin/")  # the session and the user are read...
    assert not on_replica
    assert any("django_session" in sql for sql in on_primary) and any("auth_user" in sql for sql in on_primary)
    on_primary, on_replica = queries("get", "/A/79/L.124/")  # ...and the page, from the primary
    assert on_primary and not on_replica


def test_the_release_comes_from_the_deploy_else_the_git_commit():
    """RELEASE names the code in cache keys and ETags (docs/deploy.md); a checkout defaults to its
    commit; production refuses to start with neither."""
    code = "from django.conf import settings; print(json.dumps(settings.RELEASE))"
    assert django_json(code, RELEASE="2026-12-04.1") == "2026-12-04.1"
    commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode == 0:
        assert django_json(code) == commit.stdout.strip()
    outside = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=production_env(GIT_DIR="/nonexistent"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert outside.returncode != 0 and "RELEASE must be set" in outside.stderr


# --- shared cache, no local state -----------------------------------------------------------------------------


def test_redis_cache_round_trip(redis_url):
    url = redis_url
    prefix = f"rr-test-{uuid.uuid4().hex}"
    # two app servers: each its own RedisCache (own connection pool), one shared store
    one, two = (RedisCache(url, {"KEY_PREFIX": prefix, "TIMEOUT": 60}) for _ in range(2))
    value = {"symbol": "A/79/L.124", "title": "Coopération entre l’ONU et la SCO", "n": [1, 2]}
    try:
        one.set("reader:1", value)
        assert two.get("reader:1") == value
        assert two.add("reader:1", "other") is False
        one.set_many({"a": 1, "b": b"\x00bytes"})
        assert two.get_many(["a", "b", "c"]) == {"a": 1, "b": b"\x00bytes"}
        assert two.incr("a") == 2 and one.get("a") == 2
        two.delete("reader:1")
        assert one.get("reader:1") is None
    finally:
        one.delete_many(["reader:1", "a", "b"])
        one.close()
        two.close()


def test_redis_url_makes_the_default_cache_shared(redis_url):
    url = redis_url
    key = f"rr-test-{uuid.uuid4().hex}"
    found = django_json(
        "from django.core.cache import caches\n"
        "cache = caches['default']\n"
        f"cache.set({key!r}, 'shared', 30)\n"
        f"print(json.dumps([type(cache).__module__ + '.' + type(cache).__name__, cache.get({key!r})]))\n"
        f"cache.delete({key!r})",
        REDIS_URL=url,
    )
    assert found == ["django.core.cache.backends.redis.RedisCache", "shared"]
    backend = django_json("from django.conf import settings\nprint(json.dumps(settings.CACHES['default']['BACKEND']))")
    assert backend == "django.core.cache.backends.locmem.LocMemCache"  # one machine: no Redis needed


def test_app_servers_keep_no_local_state():
    """What a user does must not depend on which app server answers."""
    assert django_settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
        "django.contrib.sessions.backends.signed_cookies",
    )
    for config in django_settings.CACHES.values():  # locmem is per process: fine for one machine only
        assert config["BACKEND"] != "django.core.cache.backends.filebased.FileBasedCache"
    # nothing is uploaded to MEDIA_ROOT: no file fields (imports read uploads in memory)
    file_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert file_fields == []
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= django_settings.IMPORT_MAX_BYTES


# --- check --deploy and HTTPS settings ------------------------------------------------------------------------


@pytest.mark.parametrize("proxy", ["false", "true"])
def test_check_deploy_is_clean(proxy):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(BEHIND_TLS_PROXY=proxy),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


SECURITY = (
    "from django.conf import settings as s\n"
    "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER]))"
)


def test_https_settings_come_from_the_environment():
    assert django_json(SECURITY) == [True, 31536000, None]
    assert django_json(SECURITY, BEHIND_TLS_PROXY="true") == [True, 31536000, ["HTTP_X_FORWARDED_PROTO", "https"]]
    assert django_json(SECURITY, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0") == [False, 0, None]
    assert django_json(SECURITY, DEBUG="true")[0] is False  # runserver over plain HTTP


def test_health_checks_are_not_redirected_to_https():
    """Load balancers probe over plain HTTP: /healthz and /readyz answer; pages redirect."""
    found = django_json(
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='example.org')\n"
        "r = c.get('/healthz')\n"
        "home = c.get('/')\n"
        "print(json.dumps([r.status_code, c.get('/readyz').status_code, home.status_code, home.get('Location'),"
        " c.get('/healthz', headers={'X-Forwarded-Proto': 'https'}).get('Strict-Transport-Security')]))",
        BEHIND_TLS_PROXY="true",
    )
    healthz, readyz, home, location, hsts = found
    assert healthz == 200
    assert readyz not in (301, 302)
    assert (home, location) == (301, "https://example.org/")
    assert hsts is not None and hsts.startswith("max-age=31536000")
