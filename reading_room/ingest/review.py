"""Editors' decisions on machine corrections: accept, reject (restore the OCR reading) or edit."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reading_room.documents.models import Document, DocumentText

from .models import Correction


class ReviewConflict(Exception):
    """The text changed since the import: the correction's words are no longer where they were."""


def _locate(text: str, correction: Correction) -> int | None:
    """Where the machine's words are now: at the recorded place, else the nearest occurrence."""
    word = correction.current
    if text[correction.start : correction.start + len(word)] == word:
        return correction.start
    positions = []
    i = text.find(word)
    while i != -1:
        positions.append(i)
        i = text.find(word, i + 1)
    near = [p for p in positions if abs(p - correction.start) <= 40]
    return min(near, key=lambda p: abs(p - correction.start)) if near else None


@transaction.atomic
def decide(correction: Correction, status: str, user, replacement: str | None = None) -> None:
    """Record an editor's decision; a rejection or an edit rewrites the stored text."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if status in (Correction.Status.REJECTED, Correction.Status.EDITED):
        new = correction.original if status == Correction.Status.REJECTED else (replacement or "")
        if status == Correction.Status.EDITED and not new.strip():
            raise ReviewConflict(_("Give the text that should stand instead."))
        if new != correction.current:
            _rewrite(correction, new)
    correction.status = status
    correction.reviewed_by = user
    correction.reviewed_at = timezone.now()
    correction.save()
    # the reader's "under review" marker and cached pages follow the document's `updated`
    Document.objects.filter(pk=correction.document_id).update(updated=timezone.now())


def _rewrite(correction: Correction, new: str) -> None:
    target = correction.paragraph_text or correction.footnote_text
    if target is None:  # the title
        target = DocumentText.objects.get(document=correction.document, language=correction.language)
        field = "title"
    else:
        field = "text"
    text = getattr(target, field)
    at = _locate(text, correction)
    if at is None:
        raise ReviewConflict(
            _("“%(word)s” is no longer in %(where)s; the text was edited since the import. Edit the text directly.")
            % {"word": correction.current, "where": correction.location}
        )
    end = at + len(correction.current)
    delta = len(new) - len(correction.current)
    setattr(target, field, text[:at] + new + text[end:])
    if field == "text" and correction.paragraph_text_id:
        lead = target.lead
        if at < len(lead):  # the correction was in the italic opening words
            target.lead = target.text[: len(lead) + delta] if end <= len(lead) else lead
        target.calls = [[o + delta if o >= end else o, n] for o, n in target.calls]
    target.version += 1  # an editor's form opened before this decision is stale
    target.save()
    same_text = Correction.objects.filter(
        document=correction.document,
        language=correction.language,
        location=correction.location,
        start__gte=end,
    ).exclude(pk=correction.pk)
    same_text.update(start=F("start") + delta, end=F("end") + delta)
    correction.start, correction.end, correction.final = at, at + len(new), new
