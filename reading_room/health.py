"""Liveness, readiness and the page shown while the database is away.

/healthz answers without touching the database: a load balancer restarts or drains a server on
it, and a database outage must not make every app server look dead. /readyz checks the database:
take a server out of rotation while it cannot reach it.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from reading_room import errors

log = logging.getLogger(__name__)
RETRY_AFTER = "30"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        log.warning("readyz: database unavailable: %s", error)
        return _unavailable(HttpResponse("database unavailable", content_type="text/plain", status=503))
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database gets a 503 that says so (and clients retry), anything else a 500.
    Both in JSON under /api/.

    Only a real outage: SQLite's "Expression tree is too large" or a statement cancelled is an
    OperationalError too, from a database that answers. So the database is asked (SELECT 1)."""
    api = errors.is_api(request)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError) and not _database_answers():
        if api:
            return _unavailable(errors.api_error("Temporarily unavailable: try again in a moment.", 503))
        return _unavailable(render(request, "503.html", status=503))
    if api:
        return errors.api_error("Server error.", 500)
    return render(request, "500.html", status=500)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        log.warning("database unavailable: %s", error)
        return False
    return True


def _unavailable(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response
