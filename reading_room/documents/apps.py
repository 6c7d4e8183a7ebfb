from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "reading_room.documents"
    verbose_name = _("Documents")

    def ready(self):
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        admin.site.site_header = admin.site.site_title = _("Reading Room administration")
        admin.site.index_title = _("Documents, texts and corrections")
        from . import signals

        signals.connect()
        post_migrate.connect(_refresh_roles, dispatch_uid="reading_room_editor_group")


def _refresh_roles(sender, **kwargs):
    # after the last app's migrations, when every permission exists
    if sender.name == "reading_room.ingest":
        from .roles import ensure_editor_group

        ensure_editor_group()
