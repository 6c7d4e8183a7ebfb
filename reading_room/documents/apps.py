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
        _safe_admin()
        post_migrate.connect(_refresh_roles, dispatch_uid="reading_room_editor_group")


def _refresh_roles(sender, **kwargs):
    # after each app whose permissions editors get: the last one's run sees every permission
    from .roles import EDITOR_PERMISSIONS, ensure_editor_group

    if sender.label in {app for app, _model, _actions in EDITOR_PERMISSIONS}:
        ensure_editor_group()


def _safe_admin():
    # the admin app, first in INSTALLED_APPS, has registered every app's model admins by now
    from django.contrib import admin

    from .admin import make_safe

    make_safe(admin.site)
