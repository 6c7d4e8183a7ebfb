"""Lineage follows the documents: derived again when a document, its title or a recital is saved,
and the cached pages that show a link refreshed when an editor changes it."""

from django.db.models.signals import post_delete, post_save

from reading_room.documents.models import Document, DocumentText, Paragraph, ParagraphText
from reading_room.documents.signals import is_quiet

from . import lineage
from .models import Lineage


def _document_saved(sender, instance: Document, raw=False, **kwargs):
    # an import saves the document first bare, then, out of quiet(), once its texts are in
    if not raw and not is_quiet():
        lineage.refresh(instance)


def _title_saved(sender, instance: DocumentText, raw=False, **kwargs):
    if not raw and not is_quiet():
        lineage.refresh(instance.document)


def _recital_saved(sender, instance: ParagraphText, raw=False, **kwargs):
    # the preamble names the earlier resolutions (lineage._recalled); bulk imports send no signal
    # and save the document at the end instead
    if not raw and not is_quiet() and instance.paragraph.kind == Paragraph.Kind.PREAMBULAR:
        lineage.refresh(instance.paragraph.document)


def _document_deleted(sender, instance: Document, **kwargs):
    lineage.touch_keys(*Lineage.objects.filter(earlier=instance.key).values_list("document__key", flat=True))


def _link_changed(sender, instance: Lineage, raw=False, **kwargs):
    if not raw:  # by id: when a document is deleted, its links go first
        lineage.touch_keys(instance.earlier, ids=[instance.document_id])


def connect():
    post_save.connect(_document_saved, sender=Document, dispatch_uid="lineage-document")
    post_save.connect(_title_saved, sender=DocumentText, dispatch_uid="lineage-title")
    post_save.connect(_recital_saved, sender=ParagraphText, dispatch_uid="lineage-recital")
    post_delete.connect(_document_deleted, sender=Document, dispatch_uid="lineage-document-deleted")
    post_save.connect(_link_changed, sender=Lineage, dispatch_uid="lineage-link")
    post_delete.connect(_link_changed, sender=Lineage, dispatch_uid="lineage-link-deleted")
