from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "reading_room.documents"
    verbose_name = _("Documents")

    def ready(self):
        from . import signals

        signals.connect()
