"""Backups (docs/deploy.md): dumpdata / loaddata round-trip every text, sponsor, State name and
history entry, and the search index comes back with them (database triggers refill it). On
PostgreSQL, scripts/backup_roundtrip.sh proves the same for pg_dump / pg_restore.
"""

import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from reading_room.documents.models import FootnoteText, ParagraphText, Sponsorship, StateName
from reading_room.documents.roles import ensure_editor_group
from reading_room.search.models import SearchEntry

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
# The dump leaves out what `migrate` makes (content types, permissions), sessions, and the
# search index, which is derived data kept by triggers.
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "search"]
WORD = "Zanzibarian"


def dump(path: Path) -> None:
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDE, output=str(path), verbosity=0)


def restore(path: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert not ParagraphText.objects.exists() and not SearchEntry.objects.exists()
    call_command("loaddata", str(path), verbosity=0)


def _ms(value):
    # JSON dumps keep times to the millisecond (DjangoJSONEncoder). XML keeps microseconds but its
    # loader strips the spaces around every value, so JSON it is: texts are exact.
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def snapshot() -> dict[str, list]:
    """Every row of the app's own tables (history included), users, groups and the admin log.

    Users, groups and content types load by name (`migrate` makes the Editor group and the content
    types anew, with ids of their own): they are compared by name, everything else by value and id.
    """
    usernames = dict(User.objects.values_list("pk", "username"))
    models = [*apps.get_app_config("documents").get_models(), *apps.get_app_config("ingest").get_models()]
    rows: dict[str, list] = {}
    for model in models:
        user_fields = {f.attname for f in model._meta.concrete_fields if f.related_model is User}
        rows[model._meta.label] = [
            {k: usernames.get(v) if k in user_fields else _ms(v) for k, v in row.items()}
            for row in model.objects.order_by("pk").values()
        ]
    rows["auth.User"] = [
        (
            {k: _ms(v) for k, v in row.items() if k != "id"},
            sorted(Group.objects.filter(user=row["id"]).values_list("name", flat=True)),
        )
        for row in User.objects.order_by("username").values()
    ]
    rows["auth.Group"] = sorted(
        (group.name, sorted(group.permissions.values_list("codename", flat=True))) for group in Group.objects.all()
    )
    rows["admin.LogEntry"] = [
        (
            e.user.username,
            e.content_type.natural_key(),
            e.object_id,
            e.object_repr,
            e.change_message,
            _ms(e.action_time),
        )
        for e in LogEntry.objects.order_by("pk")
    ]
    return rows


def search_hits(client, q: str) -> list[str]:
    html = client.get("/search", {"q": q}).content.decode()
    return re.findall(r'<span class="hit-id">([^<]+)</span>', html)


def reader(client) -> str:
    cache.clear()  # the reader's fragments are cached by document and last change: render anew
    response = client.get("/A/79/L.124/?view=en-fr")
    assert response.status_code == 200
    html = re.sub(r'(nonce|value)="[^"]*"', r'\1=""', response.content.decode())
    return re.sub(r"(T\d\d:\d\d:\d\d)\.\d+", r"\1", html)  # times to the second (see _ms)


@pytest.fixture
def edited(sample):
    """The sample with editors' changes: history entries with a user, an admin log entry."""
    editor = User.objects.create_user("editor", password="a-long-password-1", is_staff=True)
    editor.groups.add(ensure_editor_group())
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op1", language_id="en")
    text.text = f"{text.text} {WORD} coda."
    text.version += 1
    text._history_user = editor
    text.save()
    note = FootnoteText.objects.filter(footnote__document=sample, language_id="fr").first()
    note.text = f"{note.text} Note révisée."
    note._history_user = editor
    note.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(ParagraphText),
        object_id=str(text.pk),
        object_repr=str(text),
        action_flag=CHANGE,
        change_message="Changed text.",
    )
    return sample


@pytest.mark.django_db(transaction=True)  # flush and loaddata commit, as they do in production
def test_dumpdata_loaddata_round_trip(edited, client, tmp_path):
    before = snapshot()
    assert before["documents.HistoricalParagraphText"][-1]["history_type"] == "~"
    assert before["documents.HistoricalFootnoteText"][-1]["history_user_id"] == "editor"
    assert before["auth.User"][0][1] == ["Editor"]
    assert before["documents.Sponsorship"] and before["documents.StateName"]
    page = reader(client)
    assert WORD in page
    hits = search_hits(client, WORD)
    assert hits == ["op1"]
    common = search_hits(client, "cooperation")
    entries = SearchEntry.objects.count()

    path = tmp_path / "reading_room.json"
    dump(path)
    restore(path)

    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert Sponsorship.objects.count() and StateName.objects.count()
    assert reader(client) == page
    # loaddata inserts rows one by one: the triggers rebuild the search index as it goes
    assert SearchEntry.objects.count() == entries
    assert search_hits(client, WORD) == hits
    assert search_hits(client, "cooperation") == common


def test_the_documented_index_rebuild_gives_the_same_index(edited, client):
    """docs/deploy.md's command to rebuild the search index (after a raw SQL restore, say)."""
    rows = list(SearchEntry.objects.order_by("id").values())
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert list(SearchEntry.objects.order_by("id").values()) == rows
    assert search_hits(client, WORD) == ["op1"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump / pg_restore: PostgreSQL only")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="no PostgreSQL client tools")
def test_pg_dump_pg_restore_round_trip():
    settings = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": settings["HOST"] or "127.0.0.1",
        "PGPORT": str(settings["PORT"] or 5432),
        "PGUSER": settings["USER"] or "postgres",
    }
    if settings["PASSWORD"]:
        env["PGPASSWORD"] = settings["PASSWORD"]
    result = subprocess.run(
        [str(ROOT / "scripts" / "backup_roundtrip.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("OK")
