"""Footnote calls live in one place, the text they point into (ParagraphText.calls): they follow a
footnote renumbered or deleted, and the migration that made them the only home kept every call."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reading_room.documents.models import Footnote, ParagraphText
from tests.factories import make_document

BEFORE = [("documents", "0011_symbols_checked_and_texts_versioned")]
AFTER = [("documents", "0012_footnote_calls_stored_once")]


def test_a_renumbered_footnote_keeps_its_calls(client, languages):
    document = make_document("A/80/L.1")
    footnote = Footnote.objects.get(document=document, number="1")
    footnote.number = "4"
    footnote.save()
    text = ParagraphText.objects.get(paragraph__document=document, paragraph__eid="pp1", language_id="en")
    assert [number for _offset, number in text.get_calls()] == ["4"]
    page = client.get("/A/80/L.1/").content.decode()
    assert 'href="#fn-en-4"' in page and 'id="fn-en-4"' in page


def test_a_deleted_footnote_is_called_nowhere(client, languages):
    document = make_document("A/80/L.1")
    Footnote.objects.get(document=document, number="1").delete()
    assert all(not calls for calls in ParagraphText.objects.values_list("calls", flat=True))
    assert "fn-en-1" not in client.get("/A/80/L.1/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_footnote_call(languages):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    document = old.get_model("documents", "Document").objects.create(symbol="A/80/L.9", key="A/80/L.9", status="draft")
    paragraph = old.get_model("documents", "Paragraph").objects.create(
        document=document, eid="op1", kind="operative", number="1", position=1
    )
    text = old.get_model("documents", "ParagraphText").objects.create(
        paragraph=paragraph, language_id="en", text="Recalling the Treaty and the Charter.", calls=[]
    )
    footnote = old.get_model("documents", "Footnote")
    two, three = (footnote.objects.create(document=document, number=n, position=int(n)) for n in ("2", "3"))
    citation = old.get_model("documents", "Citation")
    for note, offset in ((two, 36), (two, 22), (three, 22)):  # "Treaty2,3 … Charter2"
        citation.objects.create(footnote=note, paragraph_text=text, offset=offset)

    MigrationExecutor(connection).migrate(AFTER)
    assert ParagraphText.objects.get(pk=text.pk).get_calls() == [(22, "2"), (22, "3"), (36, "2")]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # reversed: the rows again
    old = executor.loader.project_state(BEFORE).apps
    rows = old.get_model("documents", "Citation").objects.order_by("offset", "footnote__number")
    assert list(rows.values_list("offset", "footnote__number")) == [(22, "2"), (22, "3"), (36, "2")]
    MigrationExecutor(connection).migrate(AFTER)
