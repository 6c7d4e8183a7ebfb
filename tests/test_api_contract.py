"""The JSON API keeps its published contract: schemathesis reads the OpenAPI description and sends
every operation in it generated requests, valid and invalid, in process (Django's WSGI handler, the
test database), with all its checks: no 5xx, every status code, content type, header and body as
described, invalid input refused with a 4xx, valid input accepted, 405 for undescribed methods.

Every operation of the description is a test of its own, so a new endpoint or parameter is covered
as soon as openapi.py describes it. Seeded and bounded: the same requests on every run, well under
a minute a database. The bundled sample is loaded, and the description's examples point at it, so
documents and paragraphs answer 200 as well as 404.

SCHEMATHESIS_REPORT=1 prints how many requests each operation got and how many checks ran.
"""

import os
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from reading_room.api import openapi

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 200  # random cases an operation, on top of its examples and the coverage phase's cases

# from_dict, not from_wsgi: schemathesis leaves out the operation a schema was loaded from, and
# /api/openapi.json is part of the contract too (test_api_list.py checks that it serves this).
schema = schemathesis.openapi.from_dict(openapi.document())
schema.app = WSGIHandler()
schema.config.seed = 18

TALLY: dict[str, Counter] = {}


@schema.hook("after_validate")
def _count_checks(context, case, response, results) -> None:
    TALLY.setdefault(case.operation.label, Counter())["checks"] += len(results)


@pytest.fixture
def test_connection():
    """As Django's test client does: the handler must not close the database connection after each
    request, which holds the test's transaction (and on PostgreSQL would be gone for the next)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def answers(sample, test_connection, request):
    """Status codes an operation answered; at least one must be a success, so that the checks saw
    real documents and not only 404s."""
    seen: Counter = Counter()
    yield seen
    label = request.node.name.partition("[")[2].rstrip("]")  # "GET /api/documents/{symbol}"
    if os.environ.get("SCHEMATHESIS_REPORT"):
        checks = TALLY.get(label, Counter())["checks"]
        print(f"\n{label}: {seen.total()} requests, {checks} checks, statuses {dict(sorted(seen.items()))}")
    assert any(200 <= status < 300 for status in seen), dict(seen)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    # The sample is imported once per operation and only read: sharing it between examples is the point.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_the_contract(case, answers):
    # Asking for identity: gzip_page would compress for the requests library's default
    # Accept-Encoding, and the in-process transport hands the body on undecoded.
    response = case.call_and_validate(headers={"Accept-Encoding": "identity"})
    answers[response.status_code] += 1
