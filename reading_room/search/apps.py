from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import sql
from .text import stems


def register_sqlite_functions(dbapi_connection) -> None:
    """rr_stems(language, text): the SQLite index's Snowball stems (see text.stems)."""
    dbapi_connection.create_function("rr_stems", 2, stems, deterministic=True)


def _on_connection(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection.connection)


def _reinstall_triggers(sender, using="default", **kwargs) -> None:
    """Put the triggers back after any migration.

    SQLite alters a table by copying it to a new one and dropping the old, which drops the
    triggers on it: a later migration of the documents app would silently stop the index.
    """
    connection = connections[using]
    if "search_entry" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in sql.install(connection):
            cursor.execute(statement)


class SearchConfig(AppConfig):
    name = "reading_room.search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_on_connection, dispatch_uid="search-sqlite-functions")
        post_migrate.connect(_reinstall_triggers, sender=self, dispatch_uid="search-triggers")
