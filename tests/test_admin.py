"""The editors' admin: login required, edits reach the reader."""

import pytest
from django.contrib.auth.models import User

from reading_room.documents.models import Paragraph, ParagraphText

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_the_login_page(client, sample):
    response = client.get("/admin/documents/document/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_document_page_shows_texts_sponsors_and_paragraphs(editor_client, sample):
    response = editor_client.get(f"/admin/documents/document/{sample.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A/79/L.124" in html and "pp31" in html and "Belarus" in html


def test_an_editor_edits_the_french_of_op4_and_the_reader_shows_it(editor_client, sample):
    paragraph = Paragraph.objects.get(document=sample, eid="op4")
    url = f"/admin/documents/paragraph/{paragraph.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200
    texts = list(paragraph.texts.order_by("language_id"))
    data = {
        "kind": paragraph.kind,
        "number": paragraph.number,
        "position": paragraph.position,
        "eid": paragraph.eid,
        "texts-TOTAL_FORMS": "2",
        "texts-INITIAL_FORMS": "2",
        "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
    }
    for i, text in enumerate(texts):
        data.update(
            {
                f"texts-{i}-id": text.pk,
                f"texts-{i}-paragraph": paragraph.pk,
                f"texts-{i}-language": text.language_id,
                f"texts-{i}-lead": text.lead,
                f"texts-{i}-text": text.text,
            }
        )
    data["texts-1-text"] = "Prie le Secrétaire général de lui présenter à sa quatre-vingt-unième session un rapport ;"
    data["texts-1-lead"] = "Prie"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ParagraphText.objects.get(paragraph=paragraph, language_id="fr").text.startswith("Prie le Secrétaire")
    html = editor_client.get("/A/79/L.124/").content.decode()
    assert "<i>Prie</i> le Secrétaire général de lui présenter à sa quatre-vingt-unième session" in html


def test_state_autocomplete_finds_states_by_name(editor_client, sample):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Kirghiz", "app_label": "documents", "model_name": "sponsorship", "field_name": "state"},
    )
    assert response.status_code == 200
    assert any("KGZ" in r["text"] for r in response.json()["results"])
