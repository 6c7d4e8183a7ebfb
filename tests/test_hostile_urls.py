"""No input reaches a 500: every URL pattern the site has (Django's own resolver lists them), with
hostile values in each of its path parameters and in each query parameter its view reads,
anonymously and as a logged-in editor."""

from __future__ import annotations

import re
from urllib.parse import quote

import django.core.handlers.wsgi
import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.test import Client
from django.urls import get_resolver
from django.utils import translation

from reading_room.documents.models import Document, State
from reading_room.ingest.models import Correction

pytestmark = pytest.mark.django_db

# Each as the raw text of a URL: "%ff" is a byte that is not UTF-8, "%00" a NUL.
HOSTILE = [
    "",
    "x" * 5000,
    "%C2%B2",  # ²: a digit to str.isdigit(), not to int()
    "%ff",
    "%00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00%2B23:59",
    "-1",
    "9" * 40,
    "abc",
    "%3Cscript%3E",
    "..%2F..",
]
QUERY_HOSTILE = HOSTILE[:10]  # markup and ../ are no more dangerous in a query than in a path
# The admin's own parameters (Django's code, the same on every model's pages): fewer values. Its
# lists read their filters by iterating over the query, unseen by the recorder below: named here.
ADMIN_PARAMETERS = {"q", "o", "p", "e", "all", "_facets", "_to_field", "_popup", "_changelist_filters"}
ADMIN_LIST_FILTERS = ["document__id__exact", "status__exact", "review", "kind__exact"]
ADMIN_HOSTILE = ["", "%C2%B2", "%ff", "%00", "-1", "abc"]


class _RecordingQueryDict(QueryDict):
    """A request's GET that notes the names a view (or its template) asks for."""

    read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def _getlist(self, key, *args, **kwargs):
        self.read.add(key)
        return super()._getlist(key, *args, **kwargs)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def url_templates() -> list[tuple[str, list[str]]]:
    """'/admin/documents/document/%(object_id)s/change/' and its parameters, for every pattern."""
    found: dict[str, list[str]] = {}

    def walk(resolver, prefix):
        for _key, entries in resolver.reverse_dict.lists():
            for possibilities, _pattern, _defaults, _converters in entries:
                for template, params in possibilities:
                    found.setdefault(prefix + template, params)
        for namespace_prefix, sub in resolver.namespace_dict.values():
            walk(sub, prefix + namespace_prefix)

    walk(get_resolver(), "/")
    return sorted(found.items())


def _valid(template: str, param: str) -> str:
    """A value of the parameter that leads somewhere, so the others are tried on a real page."""
    param = {"_0": "object_id", "_1": "version_id"}.get(param, param)  # django-simple-history's regex groups
    document = Document.objects.get(symbol="A/79/L.124")
    admin = re.match(r"/admin/(\w+)/(\w+)/", template)
    if param in ("object_id", "id") and admin and admin[2] != "r":
        model = apps.get_model(admin[1], admin[2])
        if model is Document:  # a short one: the sample's admin page is a second to build
            return str(Document.objects.get(symbol="A/80/L.1").pk)
        obj = model._default_manager.order_by("pk").first()
        return quote(str(obj.pk)) if obj else "1"
    if param == "version_id" and admin:
        history = apps.get_model(admin[1], admin[2]).history
        return str(history.order_by("pk").values_list("pk", flat=True).first())
    return {
        "symbol": document.key,
        "eid": "op3",
        "code": "fr",
        "section": "documents",
        "session": "79",
        "iso3": "KGZ",
        "language": "en",
        "app_label": "documents",
        "url": "documents/nothing/",
        "content_type_id": str(ContentType.objects.get_for_model(Document).pk),
        "object_id": str(document.pk),
    }.get(param, "x")


def _get(client: Client, path: str, query: str = ""):
    _RecordingQueryDict.read = set()
    response = client.get(f"{path}?{query}" if query else path)
    return response, set(_RecordingQueryDict.read)


def _walk(client: Client, editor: bool) -> list[str]:
    failures = []

    def check(path, query=""):
        response, read = _get(client, path, query)
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            failures.append(f"{response.status_code} {path}?{query[:80]} {exc[1]!r}" if exc else f"{path}?{query[:80]}")
        return response, read

    for template, params in url_templates():
        valid = {p: _valid(template, p) for p in params}
        baseline = template % valid
        _response, read = check(baseline)
        for param in params:
            for value in HOSTILE:
                check(template % {**valid, param: value})
        admin = template.startswith("/admin/")
        tries = {name: ADMIN_HOSTILE if admin and name in ADMIN_PARAMETERS else QUERY_HOSTILE for name in read}
        if editor and re.fullmatch(r"/admin/\w+/\w+/", template):  # a list
            tries = {name: ADMIN_HOSTILE for name in ADMIN_LIST_FILTERS} | tries
        for name, values in sorted(tries.items()):
            for value in values:
                check(baseline, f"{quote(name)}={value}")
    return failures


@pytest.fixture
def recording(monkeypatch):
    monkeypatch.setattr(django.core.handlers.wsgi, "QueryDict", _RecordingQueryDict)
    yield
    translation.deactivate()  # the walk switched the interface to French (/language/fr/): not for later tests


@pytest.fixture
def site(sample, languages):
    """The sample, a short document, an editor's group, a failed login (the lockout pages)."""
    from reading_room.documents.roles import ensure_editor_group
    from tests.factories import make_document

    make_document("A/80/L.1", date="2025-10-01")
    ensure_editor_group()
    # a few rows in each admin list: every page is tried a few hundred times
    Correction.objects.exclude(pk__in=Correction.objects.order_by("pk").values("pk")[:5]).delete()
    State.objects.filter(sponsorships__isnull=True).exclude(iso3__in=["KGZ", "FRA"]).delete()
    Client().post("/admin/login/", {"username": "nobody", "password": "wrong"})
    return sample


def test_the_walk_covers_every_kind_of_page(site):
    templates = [t for t, _params in url_templates()]
    for expected in (
        "/",
        "/%(symbol)s/",
        "/%(symbol)s/%(eid)s/",
        "/api/documents",
        "/language/%(code)s/",
        "/admin/documents/document/%(object_id)s/change/",
        "/admin/documents/paragraph/%(object_id)s/texts/history/",
        "/admin/documents/document/%(_0)s/history/%(_1)s/",
    ):
        assert expected in templates
    assert len(templates) > 80


def test_no_url_answers_a_hostile_value_with_a_server_error_anonymously(site, recording):
    client = Client(raise_request_exception=False)
    failures = _walk(client, editor=False)
    assert not failures, "\n".join(failures)


def test_no_url_answers_a_hostile_value_with_a_server_error_to_an_editor(site, recording):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_superuser("walker", "walker@example.org", "a-long-password-1"))
    failures = _walk(client, editor=True)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("revert", ["abc", "²", "", "9" * 40, "-1"])
def test_restoring_a_version_that_is_no_version_is_not_found(editor_client, sample, revert):
    from reading_room.documents.models import Paragraph

    paragraph = Paragraph.objects.get(document=sample, eid="op3")
    response = editor_client.post(f"/admin/documents/paragraph/{paragraph.pk}/texts/history/", {"revert": revert})
    assert response.status_code == 404
