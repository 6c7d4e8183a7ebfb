from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from .text import stems


def _on_connection(sender, connection, **kwargs) -> None:
    """rr_stems(language, text) on SQLite: the Snowball stems its index triggers store (text.stems)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("rr_stems", 2, stems, deterministic=True)


class SearchConfig(AppConfig):
    name = "reading_room.search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_on_connection, dispatch_uid="search-sqlite-functions")
