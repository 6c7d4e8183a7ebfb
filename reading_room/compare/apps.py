from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompareConfig(AppConfig):
    name = "reading_room.compare"
    verbose_name = _("Comparison and lineage")

    def ready(self):
        from . import signals

        signals.connect()
