"""Control characters typed or pasted into the admin are never stored: XML cannot carry them, and
the Akoma Ntoso export and the Atom feed failed on them."""

import pytest
from lxml import etree

from reading_room.documents.cleaning import clean_text
from reading_room.documents.models import DocumentText, FootnoteText, Paragraph, ParagraphText
from tests.browserforms import change_form, submitted

pytestmark = pytest.mark.django_db

TYPED = "Requests\x0b the Secretary-General\x1b to report,\r\nin full\x7f\x85\ufffe."
STORED = "Requests the Secretary-General to report,\nin full."


def test_clean_text_keeps_text_and_drops_controls():
    assert clean_text(TYPED) == STORED
    assert (
        clean_text("Tab\tand newline\nstay; é, ‘’, « », \u00a0 too.")
        == "Tab\tand newline\nstay; é, ‘’, « », \u00a0 too."
    )
    assert clean_text("old Mac\rline") == "old Mac\nline"


def _exports_still_parse(client):
    for url in ("/A/79/L.124/akn.xml", "/A/79/L.124/akn.en.xml", "/feeds/documents.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        etree.fromstring(response.content)


def test_control_characters_typed_in_the_admin_are_not_stored(editor_client, client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="op4")
    url = f"/admin/documents/paragraph/{paragraph.pk}/change/"
    data = submitted(change_form(editor_client.get(url).content.decode()))
    assert editor_client.post(url, {**data, "text_en": [TYPED]}).status_code == 302
    assert ParagraphText.objects.get(paragraph=paragraph, language_id="en").text == STORED

    url = f"/admin/documents/document/{sample.pk}/change/"
    data = submitted(change_form(editor_client.get(url).content.decode()))
    title = next(k for k in data if k.endswith("-title") and data[k.replace("title", "language")] == ["en"])
    assert editor_client.post(url, {**data, title: ["A title\x1b[31m in red\x0b"]}).status_code == 302
    assert DocumentText.objects.get(document=sample, language_id="en").title == "A title[31m in red"
    _exports_still_parse(client)


def test_every_save_stores_clean_text_whoever_makes_it(client, sample):
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op1", language_id="en")
    text.text = TYPED
    text.save()
    note = FootnoteText.objects.filter(footnote__document=sample, language_id="en").first()
    note.text = "A note\x0c with a form feed\x00."
    note.save()
    title = DocumentText.objects.get(document=sample, language_id="fr")
    title.sponsor_note = "Note\x1b"
    title.save()
    text.refresh_from_db(), note.refresh_from_db(), title.refresh_from_db()
    assert (text.text, note.text, title.sponsor_note) == (STORED, "A note with a form feed.", "Note")
    _exports_still_parse(client)
