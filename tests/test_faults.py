"""Faults: the database goes away and comes back; an import is killed halfway."""

import os
import signal
import subprocess
import sys
import textwrap
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from reading_room.documents.models import Document, Paragraph

from .servers import ROOT, Proxy, fetch, gunicorn, server_env

pytestmark = pytest.mark.django_db


def test_without_its_database_the_site_says_so_then_recovers(sample):
    client = Client(raise_request_exception=False)
    assert client.get("/A/79/L.124/").status_code == 200
    outage = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connection, "ensure_connection", side_effect=outage):
        for url in ("/A/79/L.124/op3/", "/search?q=Dushanbe", "/api/documents"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            body = response.content.decode()
            assert "Traceback" not in body and "5432" not in body
            if url.startswith("/api/"):  # the API answers JSON, as its description says
                assert response.json() == {"error": "Temporarily unavailable: try again in a moment."}
            else:
                assert "Temporarily unavailable" in body and "Momentanément indisponible" in body
        assert client.get("/healthz").status_code == 200  # the server itself is alive
        assert client.get("/readyz").status_code == 503  # but should get no traffic
    assert client.get("/A/79/L.124/op3/").status_code == 200  # no restart needed
    assert client.get("/readyz").status_code == 200


def test_other_server_errors_stay_500(sample):
    client = Client(raise_request_exception=False)
    with mock.patch("reading_room.reader.views.read_document", side_effect=RuntimeError("bug")):
        response = client.get("/A/79/L.124/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    with mock.patch("reading_room.api.views.document_json", side_effect=RuntimeError("bug")):
        response = client.get("/api/documents/A/79/L.124")
    assert response.status_code == 500 and response.json() == {"error": "Server error."}


@pytest.mark.django_db(transaction=True)
def test_a_real_outage_under_gunicorn(sample, tmp_path):
    """gunicorn reaches PostgreSQL through a relay we cut and restore: 503 while it is down, pages
    again as soon as it is back, the same worker processes throughout."""
    if connection.vendor != "postgresql":
        pytest.skip("the relay stands between the app and a database server")
    db = connection.settings_dict
    proxy = Proxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.restore()
    url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    env = server_env(tmp_path, DATABASE_URL=url, CONN_MAX_AGE="60")
    try:
        with gunicorn(env) as base:
            assert fetch(f"{base}/A/79/L.124/op3/")[0] == 200
            proxy.cut()
            status, headers, body = fetch(f"{base}/A/79/L.124/op3/")
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "30"
            assert b"Temporarily unavailable" in body
            assert fetch(f"{base}/readyz")[0] == 503
            assert fetch(f"{base}/healthz")[0] == 200
            proxy.restore()
            assert fetch(f"{base}/A/79/L.124/op3/")[0] == 200
            assert fetch(f"{base}/readyz")[0] == 200
    finally:
        proxy.cut()


KILL_MIDWAY_THROUGH_THE_WRITES = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from django.core.management import call_command
    from reading_room.ingest.bulk_writes import Rows

    real, calls = Rows.insert, []
    def insert(self, model, rows):
        calls.append(model.__name__)
        if model.__name__ == "ParagraphText":  # document, paragraphs written, more to come: the process dies here
            assert "Paragraph" in calls, calls
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, model, rows)
    Rows.insert = insert
    call_command("import_document", "--en", sys.argv[1], "--fr", sys.argv[2])
    """
)


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_midway_leaves_no_partial_document(languages, tmp_path):
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    else:  # the test database is in memory: the killed process gets a file of its own
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
    env = {**os.environ, "DATABASE_URL": url}
    sample = [str(ROOT / "sample" / f"A-79-L.124.{code}.txt") for code in ("en", "fr")]
    result = subprocess.run([sys.executable, "-c", KILL_MIDWAY_THROUGH_THE_WRITES, *sample], cwd=ROOT, env=env)
    assert result.returncode == -signal.SIGKILL
    count = "from reading_room.documents.models import Document, Paragraph; "
    count += "print(Document.objects.count(), Paragraph.objects.count())"
    counts = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {count}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert counts.stdout.split() == ["0", "0"]
    if connection.vendor == "postgresql":
        assert not Document.objects.exists() and not Paragraph.objects.exists()
