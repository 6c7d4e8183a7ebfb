"""Split and merge paragraphs without renaming any other paragraph.

Ids are permanent: a paragraph split off takes the id of the one it came from plus "bis",
"ter", "quater"… (pp3 → pp3bis); a paragraph merged away leaves its id as an alias of the
paragraph it joined, so links to it still land.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .models import Paragraph, ParagraphAlias, ParagraphText

SUFFIXES = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
SPLIT_MARK = "‖"


class RestructureError(ValueError):
    pass


def next_free_eid(paragraph: Paragraph) -> str:
    """pp3 → pp3bis (or pp3ter if pp3bis exists…)."""
    base = paragraph.eid
    for suffix in SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    taken = set(paragraph.document.paragraphs.values_list("eid", flat=True)) | set(
        paragraph.document.aliases.values_list("eid", flat=True)
    )
    for suffix in SUFFIXES:
        if f"{base}{suffix}" not in taken:
            return f"{base}{suffix}"
    raise RestructureError(_("No free id after %(eid)s.") % {"eid": paragraph.eid})


def _numbers(paragraph: Paragraph) -> set[str]:
    return set(paragraph.document.footnotes.values_list("number", flat=True))


@transaction.atomic
def split(paragraph: Paragraph, texts: dict[str, str]) -> Paragraph:
    """Split where each language's text (as stored) carries one ‖; returns the new paragraph."""
    stored = {t.language_id: t for t in paragraph.texts.select_for_update()}
    for code, text in stored.items():
        marked = texts.get(code, "")
        if marked.count(SPLIT_MARK) != 1 or marked.replace(SPLIT_MARK, "") != text.text:
            raise RestructureError(
                _("Put exactly one ‖ in the %(language)s text, and change nothing else.") % {"language": code}
            )
    Paragraph.objects.filter(document=paragraph.document, position__gt=paragraph.position).update(
        position=F("position") + 1
    )
    new = Paragraph.objects.create(
        document=paragraph.document,
        eid=next_free_eid(paragraph),
        kind=paragraph.kind,
        number="",
        position=paragraph.position + 1,
    )
    numbers = _numbers(paragraph)
    for code, text in stored.items():
        cut = texts[code].index(SPLIT_MARK)
        head, tail = text.text[:cut].rstrip(), text.text[cut:].lstrip()
        shift = len(text.text) - len(tail)
        calls = text.get_calls()
        text.text, text.version = head, text.version + 1
        text.lead = text.lead if head.startswith(text.lead) else ""
        text.set_calls([(min(o, len(head)), n) for o, n in calls if o <= cut], numbers)
        text.save()
        tail_text = ParagraphText(paragraph=new, language_id=code, text=tail)
        tail_text.set_calls([(o - shift, n) for o, n in calls if o > cut], numbers)
        tail_text.save()
    return new


@transaction.atomic
def merge_with_next(paragraph: Paragraph) -> Paragraph:
    """Append the next paragraph to this one; the next one's id becomes an alias of this one."""
    following = (
        Paragraph.objects.filter(document=paragraph.document, position__gt=paragraph.position)
        .order_by("position")
        .first()
    )
    if following is None:
        raise RestructureError(_("%(eid)s is the last paragraph.") % {"eid": paragraph.eid})
    if following.eid.startswith(f"{paragraph.eid}.") or following.kind != paragraph.kind:
        raise RestructureError(
            _("%(a)s and %(b)s are not paragraphs of the same kind; they cannot be merged.")
            % {"a": paragraph.eid, "b": following.eid}
        )
    numbers = _numbers(paragraph)
    mine = {t.language_id: t for t in paragraph.texts.select_for_update()}
    for theirs in following.texts.all():
        text = mine.get(theirs.language_id) or ParagraphText(paragraph=paragraph, language_id=theirs.language_id)
        joined = f"{text.text} {theirs.text}".strip() if text.text else theirs.text
        shift = len(joined) - len(theirs.text)
        calls = text.get_calls() + [(o + shift, n) for o, n in theirs.get_calls()]
        text.text, text.version = joined, text.version + 1
        text.set_calls(calls, numbers)
        text.save()
    ParagraphAlias.objects.filter(paragraph=following).update(paragraph=paragraph)
    ParagraphAlias.objects.create(document=paragraph.document, eid=following.eid, paragraph=paragraph)
    following.delete()
    return paragraph
