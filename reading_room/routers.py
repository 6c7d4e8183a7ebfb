"""Read replicas: anonymous page views read from a replica, everything else from the primary.

settings.py turns DATABASE_REPLICA_URLS into the aliases "replica1", "replica2"… and installs
PrimaryReplicaRouter when there is at least one (see docs/deploy.md). Reads go to a replica only
while `ReplicaReadsMiddleware` allows it for the current request, which it does for GET/HEAD/OPTIONS
requests outside the admin that carry no session cookie (visitors, not editors). So:

* writes always go to "default";
* a request that writes (POST, PUT, PATCH, DELETE), any /admin/ page, and any request from a signed-in
  user (the session cookie) reads from the primary, and sees its own writes at once;
* a request that writes through the ORM during a GET reads from the primary from then on;
* inside `transaction.atomic()` on "default", reads go to "default" too;
* management commands, the shell, imports and tests (no request) read from the primary.

Without replicas the router answers None to everything: Django's default routing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import NoReverseMatch, reverse

REPLICA_PREFIX = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# True while the current request (or block) may read from a replica; the primary otherwise.
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_aliases() -> list[str]:
    """The configured replicas: DATABASES aliases replica1, replica2…"""
    return [alias for alias in connections if alias.startswith(REPLICA_PREFIX)]


def replica_reads_allowed() -> bool:
    return _replica_reads.get()


@contextmanager
def replica_reads(allowed: bool = True) -> Iterator[None]:
    """Allow (or forbid, with allowed=False: "pin to the primary") replica reads in a block."""
    token = _replica_reads.set(allowed)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def pin_to_primary() -> None:
    """From now on until the end of the request (or block), read from the primary."""
    _replica_reads.set(False)


def may_read_from_replica(request) -> bool:
    """A visitor's page view: a safe method, not the admin, no session cookie."""
    if request.method not in SAFE_METHODS:
        return False
    if request.path_info.startswith(_admin_prefix()):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _admin_prefix() -> str:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return "/admin/"


class ReplicaReadsMiddleware:
    """Lets a visitor's GET read from a replica (see the module docstring).

    Put it first in MIDDLEWARE, before SessionMiddleware and AuthenticationMiddleware, so that
    every read of the request (the session, the user, the view) follows one decision.
    """

    def __init__(self, get_response):
        if not replica_aliases():
            raise MiddlewareNotUsed  # no replicas: not even a function call per request
        self.get_response = get_response

    def __call__(self, request):
        with replica_reads(may_read_from_replica(request)):
            return self.get_response(request)


class PrimaryReplicaRouter:
    """Writes and migrations on "default"; reads on a random replica when allowed."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas:
            return None
        if not _replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db in (DEFAULT_DB_ALIAS, *replicas):
            return instance._state.db  # related objects from where their parent came from
        return random.choice(replicas)

    def db_for_write(self, model, **hints):
        if not replica_aliases():
            return None
        pin_to_primary()  # read-after-write: the rest of this request reads what it wrote
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if not replica_aliases():
            return None
        return db == DEFAULT_DB_ALIAS
