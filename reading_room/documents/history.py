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
    else:  # a version from before calls were kept with the text: carry today's calls into the old text
        now = current.get_calls()
        calls = list(
            zip(carry_offsets(current.text, record.text, [o for o, _n in now]), [n for _o, n in now], strict=True)
        )
    current.text = record.text
    current.lead = record.lead if record.text.startswith(record.lead) else ""
    numbers = set(Footnote.objects.filter(document=current.paragraph.document_id).values_list("number", flat=True))
    current.set_calls(calls, numbers)
    current.version += 1
    current.save()
    return current
