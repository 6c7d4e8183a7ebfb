"""Editors: roles, history with diff and revert, and what the public sees of their work."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from reading_room.documents.history import revert_text
from reading_room.documents.models import Paragraph, ParagraphText
from tests.test_admin import paragraph_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    user = User.objects.create_user("clerk", password="a-long-password-1", is_staff=True)
    from reading_room.documents.roles import ensure_editor_group

    user.groups.add(ensure_editor_group())
    return user


def test_create_editor_makes_a_staff_account_in_the_editor_group(monkeypatch, db):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-password-1")
    out = StringIO()
    call_command("create_editor", "translator", stdout=out)
    user = User.objects.get(username="translator")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editor").exists()
    assert "Created editor translator" in out.getvalue()


def test_an_editor_edits_documents_but_not_users_or_states(client, clerk, sample):
    client.force_login(clerk)
    assert client.get(f"/admin/documents/document/{sample.pk}/change/").status_code == 200
    paragraph = Paragraph.objects.get(document=sample, eid="op1")
    assert client.get(f"/admin/documents/paragraph/{paragraph.pk}/change/").status_code == 200
    assert client.get("/admin/ingest/correction/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/documents/state/add/").status_code == 403
    state_page = client.get("/admin/documents/state/1/change/").content.decode()
    assert 'name="iso3"' not in state_page  # view only


def test_anonymous_users_never_reach_the_admin(client, sample):
    for url in (
        "/admin/",
        "/admin/documents/document/",
        "/admin/documents/document/import/",
        "/admin/ingest/correction/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_history_shows_a_word_diff_and_who_changed_it(client, clerk, sample):
    client.force_login(clerk)
    paragraph = Paragraph.objects.get(document=sample, eid="op4")
    url = f"/admin/documents/paragraph/{paragraph.pk}/change/"
    fr = ParagraphText.objects.get(paragraph=paragraph, language_id="fr").text
    edited = fr.replace("Secrétaire général", "Secrétaire général adjoint")
    assert client.post(url, paragraph_post_data(paragraph, text_fr=edited)).status_code == 302
    html = client.get(f"/admin/documents/paragraph/{paragraph.pk}/texts/history/").content.decode()
    assert "<ins> adjoint</ins>" in html or "<ins>adjoint</ins>" in html
    assert "clerk" in html
    # versions chosen by ?fr=; anything that is not an ASCII number is ignored, never an error
    chosen = client.get(f"/admin/documents/paragraph/{paragraph.pk}/texts/history/", {"fr": ["²", "x", "7"]})
    assert chosen.status_code == 200


def test_a_revert_restores_an_earlier_version_as_a_new_one(client, clerk, sample):
    client.force_login(clerk)
    paragraph = Paragraph.objects.get(document=sample, eid="pp11")
    text = ParagraphText.objects.get(paragraph=paragraph, language_id="en")
    original, calls = text.text, text.get_calls()
    edit = "Recognizing the efforts of the States members,[^2]"
    assert (
        client.post(
            f"/admin/documents/paragraph/{paragraph.pk}/change/", paragraph_post_data(paragraph, text_en=edit)
        ).status_code
        == 302
    )
    first = ParagraphText.history.filter(id=text.pk).order_by("history_date").first()
    response = client.post(f"/admin/documents/paragraph/{paragraph.pk}/texts/history/", {"revert": first.history_id})
    assert response.status_code == 302
    text.refresh_from_db()
    assert text.text == original
    assert text.get_calls() == calls
    assert ParagraphText.history.filter(id=text.pk).count() >= 3


def test_revert_carries_footnote_calls(sample):
    text = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="pp11", language_id="en")
    record = text.history.earliest()
    text.text = "Intro. " + text.text
    text.set_calls([(offset + len("Intro. "), number) for offset, number in text.get_calls()])
    text.save()
    revert_text(record)
    text.refresh_from_db()
    [(offset, _number)] = text.get_calls()
    assert text.text[:offset].endswith("Shanghai Cooperation Organization,")


def test_the_reader_says_when_the_document_was_last_updated(client, sample):
    assert "Text last corrected" in client.get("/A/79/L.124/").content.decode()
