"""The Editor role: edits texts, footnotes and sponsors and reviews import corrections;
only superusers manage users, languages and States."""

from django.contrib.auth.models import Group, Permission

EDITOR = "Editor"
# (app label, model, actions)
EDITOR_PERMISSIONS = [
    ("documents", "document", ("add", "change", "delete", "view")),
    ("documents", "documenttext", ("add", "change", "delete", "view")),
    ("documents", "paragraph", ("add", "change", "delete", "view")),
    ("documents", "paragraphtext", ("add", "change", "delete", "view")),
    ("documents", "footnote", ("add", "change", "delete", "view")),
    ("documents", "footnotetext", ("add", "change", "delete", "view")),
    ("documents", "citation", ("add", "change", "delete", "view")),
    ("documents", "sponsorship", ("add", "change", "delete", "view")),
    ("documents", "state", ("view",)),  # to pick sponsors, not to edit States
    ("documents", "statename", ("view",)),
    ("documents", "language", ("view",)),
    ("ingest", "correction", ("change", "view")),
    ("ingest", "importreport", ("view",)),
    ("compare", "lineage", ("add", "change", "delete", "view")),  # confirm or correct a document's history
]


def ensure_editor_group(**kwargs) -> Group:
    """Create or refresh the Editor group (runs after every migrate)."""
    group, _ = Group.objects.get_or_create(name=EDITOR)
    wanted = [f"{action}_{model}" for app, model, actions in EDITOR_PERMISSIONS for action in actions]
    apps = {app for app, _m, _a in EDITOR_PERMISSIONS}
    permissions = Permission.objects.filter(content_type__app_label__in=apps, codename__in=wanted)
    group.permissions.set(permissions)
    return group
