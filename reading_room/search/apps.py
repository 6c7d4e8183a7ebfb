from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .text import stems


def register_sqlite_functions(dbapi_connection) -> None:
    """rr_stems(language, text): the SQLite index's Snowball stems (see text.stems)."""
    dbapi_connection.create_function("rr_stems", 2, stems, deterministic=True)


def _on_connection(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection.connection)


class SearchConfig(AppConfig):
    name = "reading_room.search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_on_connection, dispatch_uid="search-sqlite-functions")
