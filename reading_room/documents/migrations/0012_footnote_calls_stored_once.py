"""Footnote calls are stored once, in ParagraphText.calls: the Citation rows, which held the same
facts, go. Their offsets and numbers are copied into `calls` first (texts imported before calls
were kept there, migration 0007, had only the rows), and put back into rows if this is reversed."""

from django.db import migrations


def rows_to_calls(apps, schema_editor):
    Citation = apps.get_model("documents", "Citation")
    ParagraphText = apps.get_model("documents", "ParagraphText")
    calls = {}
    rows = Citation.objects.order_by("paragraph_text_id", "offset", "id")
    for text_id, offset, number in rows.values_list("paragraph_text_id", "offset", "footnote__number"):
        calls.setdefault(text_id, []).append([offset, number])
    changed = []
    for text in ParagraphText.objects.filter(pk__in=list(calls)).only("pk", "calls"):
        text.calls = calls[text.pk]
        changed.append(text)
    ParagraphText.objects.bulk_update(changed, ["calls"], batch_size=500)


def calls_to_rows(apps, schema_editor):
    Citation = apps.get_model("documents", "Citation")
    Footnote = apps.get_model("documents", "Footnote")
    ParagraphText = apps.get_model("documents", "ParagraphText")
    footnotes = {(d, n): pk for pk, d, n in Footnote.objects.values_list("pk", "document_id", "number")}
    rows = []
    for pk, document_id, calls in ParagraphText.objects.values_list("pk", "paragraph__document_id", "calls"):
        for offset, number in calls or []:
            if (document_id, number) in footnotes:
                rows.append(Citation(paragraph_text_id=pk, footnote_id=footnotes[document_id, number], offset=offset))
    Citation.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("documents", "0011_symbols_checked_and_texts_versioned")]

    operations = [
        migrations.RunPython(rows_to_calls, calls_to_rows),
        migrations.DeleteModel(name="Citation"),
    ]
