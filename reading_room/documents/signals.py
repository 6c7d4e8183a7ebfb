"""Any change under a document bumps Document.updated: the reader's cache key and Last-Modified.
Every save stores clean text (cleaning.py). A footnote renumbered or deleted takes its calls along
(ParagraphText.calls name footnotes by number)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from .cleaning import clean_fields
from .models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Paragraph,
    ParagraphAlias,
    ParagraphText,
    Sponsorship,
    StateName,
)

# model → how to reach the document id from an instance
_DOCUMENT_ID = {
    DocumentText: lambda o: o.document_id,
    Paragraph: lambda o: o.document_id,
    Footnote: lambda o: o.document_id,
    Sponsorship: lambda o: o.document_id,
    ParagraphText: lambda o: Paragraph.objects.filter(pk=o.paragraph_id).values("document_id"),
    FootnoteText: lambda o: Footnote.objects.filter(pk=o.footnote_id).values("document_id"),
}


_quiet: ContextVar[bool] = ContextVar("quiet", default=False)


@contextmanager
def quiet():
    """For bulk writers (the importer) that save the document themselves at the end."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def is_quiet() -> bool:
    """Whether a bulk writer is at work: handlers elsewhere wait for its final save of the document."""
    return _quiet.get()


def touch(sender, instance, **kwargs):
    if kwargs.get("raw") or _quiet.get():
        return
    document_id = _DOCUMENT_ID[sender](instance)
    Document.objects.filter(pk__in=document_id if not isinstance(document_id, int) else [document_id]).update(
        updated=timezone.now()
    )


def renumber_calls(sender, instance: Footnote, **kwargs):
    """pre_save: a footnote's new number, in the calls of its document's texts."""
    if kwargs.get("raw") or instance.pk is None:
        return
    old = Footnote.objects.filter(pk=instance.pk).values_list("number", flat=True).first()
    if old is not None and old != instance.number:
        _rewrite_calls(instance.document_id, old, instance.number)


def drop_calls(sender, instance: Footnote, **kwargs):
    """post_delete: no call to a footnote that is no more."""
    _rewrite_calls(instance.document_id, instance.number, None)


def _rewrite_calls(document_id: int, number: str, new: str | None) -> None:
    """The calls of footnote `number` renumbered `new`, or dropped (None). The texts themselves are
    unchanged, so no new version: only where their calls point."""
    texts = ParagraphText.objects.filter(paragraph__document_id=document_id)
    for pk, calls in texts.values_list("pk", "calls"):
        if any(n == number for _o, n in calls):
            rewritten = [[o, new if n == number else n] for o, n in calls if n != number or new is not None]
            ParagraphText.objects.filter(pk=pk).update(calls=rewritten)


def connect():
    pre_save.connect(renumber_calls, sender=Footnote, dispatch_uid="footnote-calls-renumbered")
    post_delete.connect(drop_calls, sender=Footnote, dispatch_uid="footnote-calls-dropped")
    # every save stores clean text (cleaning.py), whoever makes it
    for model in (Document, DocumentText, Paragraph, ParagraphAlias, ParagraphText, Footnote, FootnoteText, StateName):
        pre_save.connect(clean_fields, sender=model, dispatch_uid=f"clean-{model.__name__}")
    for model in _DOCUMENT_ID:
        post_save.connect(touch, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(touch, sender=model, dispatch_uid=f"touch-delete-{model.__name__}")
