"""Reverting a paragraph text to an earlier version, footnote calls carried along."""

from django.db import transaction

from .models import Footnote, ParagraphText
from .textdiff import carry_offsets


@transaction.atomic
def revert_text(record) -> ParagraphText:
    """Make the live text what `record` (a historical ParagraphText) says; a new version."""
    current = ParagraphText.objects.select_for_update().select_related("paragraph").get(pk=record.id)
    if record.calls:
        calls = [(o, n) for o, n in record.calls]
    else:  # a version from before calls were kept: carry today's calls into the old text
        now = [(c.offset, c.footnote.number) for c in current.citations.select_related("footnote")]
        calls = list(
            zip(carry_offsets(current.text, record.text, [o for o, _n in now]), [n for _o, n in now], strict=True)
        )
    current.text = record.text
    current.lead = record.lead if record.text.startswith(record.lead) else ""
    current.calls = [[o, n] for o, n in calls]
    current.version += 1
    current.save()
    current.set_calls(calls, {f.number: f for f in Footnote.objects.filter(document=current.paragraph.document_id)})
    return current
