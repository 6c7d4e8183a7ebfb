"""An editor's save writes what they changed and nothing else: every admin change form, posted
back as the browser shows it, leaves the database byte for byte as it was; lost updates are
refused on every editable text, with both versions shown."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User

from reading_room.documents.models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Paragraph,
    ParagraphText,
    State,
)
from reading_room.ingest.models import Correction
from tests.browserforms import change_form, database_rows, differences, has_button, submitted

pytestmark = pytest.mark.django_db


def _objects(model) -> list:
    """A few objects of each model admin: those with the most to lose (leads, calls, texts)."""
    if model is Paragraph:
        return list(Paragraph.objects.filter(eid__in=["pp1", "pp11", "op4"]))
    if model is User:
        return list(User.objects.all()[:1])
    return list(model._default_manager.order_by("pk")[:2])


@pytest.fixture
def everything(sample, editor_client, client):
    """The sample, an editor's group, one failed login (axes' pages), and a correction reviewed."""
    from reading_room.documents.roles import ensure_editor_group

    ensure_editor_group()
    client.logout()
    client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    client.force_login(User.objects.get(username="editor"))
    assert Correction.objects.exists()
    return sample


def _change_urls():
    for model, model_admin in admin.site._registry.items():
        yield pytest.param(model, model_admin, id=model._meta.label)


@pytest.mark.parametrize(("model", "model_admin"), list(_change_urls()))
def test_every_admin_change_form_saved_unchanged_writes_nothing(everything, editor_client, model, model_admin):
    objects = _objects(model)
    if not objects:
        pytest.skip(f"no {model._meta.label} to edit")
    for obj in objects:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/"
        page = editor_client.get(url)
        assert page.status_code == 200, url
        form = change_form(page.content.decode())
        if not has_button(form):
            assert not model_admin.has_change_permission(page.wsgi_request, obj), f"{url} cannot be saved"
            continue
        data = submitted(form)
        before = database_rows()
        response = editor_client.post(url, data)
        assert response.status_code == 302, (url, _errors(response))
        assert differences(before, database_rows()) == {}, url


def _errors(response) -> str:
    if response.context is None:
        return response.content.decode()[:500]
    errors = [str(response.context["adminform"].form.errors)] if "adminform" in response.context else []
    for formset in response.context.get("inline_admin_formsets", []):
        errors += [str(e) for e in formset.formset.errors if e] + [str(formset.formset.non_form_errors())]
    return "\n".join(errors)


def test_saving_the_document_page_unchanged_keeps_every_opening_word(sample, editor_client):
    """The paragraph rows of the document page show no opening words: they were saved empty."""
    leads = dict(ParagraphText.objects.exclude(lead="").values_list("pk", "lead"))
    assert len(leads) > 30
    url = f"/admin/documents/document/{sample.pk}/change/"
    data = submitted(change_form(editor_client.get(url).content.decode()))
    assert editor_client.post(url, data).status_code == 302
    assert dict(ParagraphText.objects.exclude(lead="").values_list("pk", "lead")) == leads
    assert not ParagraphText.history.filter(history_type="~").exists()


def test_an_edit_on_the_document_page_keeps_the_opening_words_and_writes_one_version(sample, editor_client):
    url = f"/admin/documents/document/{sample.pk}/change/"
    form = change_form(editor_client.get(url).content.decode())
    data = submitted(form)
    op4 = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op4", language_id="en")
    index = next(k for k, v in data.items() if k.endswith("-text_en") and v[0] == op4.text.replace("\n", "\r\n"))
    data[index] = [op4.text.replace("Secretary-General", "Secretary-General of the United Nations")]
    assert editor_client.post(url, data).status_code == 302
    op4.refresh_from_db()
    assert "Secretary-General of the United Nations" in op4.text
    assert op4.lead == "Requests" and op4.version == 2
    assert ParagraphText.history.filter(history_type="~").count() == 1
    assert not Paragraph.history.filter(history_type="~").exists()  # the paragraph row did not change


def test_the_document_page_refuses_a_text_edit_that_drops_the_opening_words(sample, editor_client):
    url = f"/admin/documents/document/{sample.pk}/change/"
    data = submitted(change_form(editor_client.get(url).content.decode()))
    op4 = ParagraphText.objects.get(paragraph__document=sample, paragraph__eid="op4", language_id="en")
    index = next(k for k, v in data.items() if k.endswith("-text_en") and v[0] == op4.text)
    data[index] = ["Asks the Secretary-General to report."]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "must still begin with its opening words in italics, “Requests”" in response.content.decode()
    op4.refresh_from_db()
    assert op4.text.startswith("Requests") and op4.version == 1


# Lost updates: two editors open the same page; the second save must not silently undo the first.


def _two_editors(editor_client, url):
    first = submitted(change_form(editor_client.get(url).content.decode()))
    second = submitted(change_form(editor_client.get(url).content.decode()))
    return first, second


def _field(data, suffix):
    return next(k for k in data if k.endswith(suffix))


def test_the_second_of_two_editors_of_a_footnote_text_is_shown_both_versions(sample, editor_client):
    footnote = Footnote.objects.get(document=sample, number="2")
    url = f"/admin/documents/footnote/{footnote.pk}/change/"
    first, second = _two_editors(editor_client, url)
    text_en = next(
        k for k, v in first.items() if k.endswith("-text") and first[k.replace("-text", "-language")] == ["en"]
    )
    first[text_en] = ["First editor’s footnote."]
    second[text_en] = ["Second editor’s footnote."]
    assert editor_client.post(url, first).status_code == 302
    response = editor_client.post(url, second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone saved this" in html
    assert "Second editor’s footnote." in html and "First editor’s footnote." in html  # both versions
    stored = FootnoteText.objects.get(footnote=footnote, language_id="en")
    assert stored.text == "First editor’s footnote." and stored.version == 2
    # the page now shows the stored version: saving it again with a merge goes through
    merged = submitted(change_form(html))
    merged[text_en] = ["First and second editors’ footnote."]
    assert editor_client.post(url, merged).status_code == 302
    stored.refresh_from_db()
    assert stored.text == "First and second editors’ footnote." and stored.version == 3


@pytest.mark.parametrize("field", ["title", "header_lines", "sponsor_note"])
def test_the_second_of_two_editors_of_a_document_text_is_shown_both_versions(sample, editor_client, field):
    url = f"/admin/documents/document/{sample.pk}/change/"
    first, second = _two_editors(editor_client, url)
    name = next(
        k
        for k in first
        if k.startswith("texts-") and k.endswith(f"-{field}") and first[k.replace(field, "language")] == ["en"]
    )
    first[name] = [f"First editor’s {field}."]
    second[name] = [f"Second editor’s {field}."]
    assert editor_client.post(url, first).status_code == 302
    response = editor_client.post(url, second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone saved this" in html
    assert f"Second editor’s {field}." in html and f"First editor’s {field}." in html
    stored = DocumentText.objects.get(document=sample, language_id="en")
    assert getattr(stored, field) == f"First editor’s {field}." and stored.version == 2


def test_an_edit_of_another_text_meanwhile_is_no_conflict_and_is_kept(sample, editor_client):
    """The second editor changed the French title, the first the English one: both stand."""
    url = f"/admin/documents/document/{sample.pk}/change/"
    first, second = _two_editors(editor_client, url)
    title = {
        code: next(k for k in first if k.endswith("-title") and first[k.replace("title", "language")] == [code])
        for code in ("en", "fr")
    }
    sponsor_note_en = title["en"].replace("title", "sponsor_note")
    first[title["en"]] = ["An English title"]
    second[title["fr"]] = ["Un titre français"]
    second[sponsor_note_en] = first[sponsor_note_en]  # left as it was shown
    assert editor_client.post(url, first).status_code == 302
    assert editor_client.post(url, second).status_code == 302
    titles = dict(DocumentText.objects.filter(document=sample).values_list("language_id", "title"))
    assert titles == {"en": "An English title", "fr": "Un titre français"}


def test_a_re_import_meanwhile_makes_an_open_form_stale(sample, editor_client, sample_en, sample_fr):
    """The importer bumps the versions of what it rewrites: an editor's page opened before it is stale."""
    from reading_room.ingest.importer import import_texts

    url = f"/admin/documents/document/{sample.pk}/change/"
    data = submitted(change_form(editor_client.get(url).content.decode()))
    title = "Cooperation between the United Nations and the Shanghai Cooperation Organization\n\nThe General"
    import_texts(en=sample_en.replace(title, title.replace("Organization", "Organisation")), fr=sample_fr)
    text = DocumentText.objects.get(document=sample, language_id="en")
    assert text.title.endswith("Shanghai Cooperation Organisation") and text.version == 2
    name = next(k for k in data if k.endswith("-title") and data[k.replace("title", "language")] == ["en"])
    data[name] = ["Edited over an import"]
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Someone saved this field (title)" in response.content.decode()
    text.refresh_from_db()
    assert text.title.endswith("Shanghai Cooperation Organisation") and text.version == 2


def test_users_and_groups_are_saved_unchanged_too(everything, editor_client):
    group = Group.objects.get(name="Editor")
    for url in (f"/admin/auth/group/{group.pk}/change/", f"/admin/auth/user/{User.objects.get().pk}/change/"):
        data = submitted(change_form(editor_client.get(url).content.decode()))
        before = database_rows()
        assert editor_client.post(url, data).status_code == 302
        assert differences(before, database_rows()) == {}


FORM_HOSTILE = ["", "²", "\x00", "9" * 40]


def test_no_admin_form_answers_a_hostile_value_with_a_server_error(everything, editor_client):
    """Every field of every admin change form, one at a time, posted with hostile values."""
    import re

    from django.test import Client

    from tests.factories import make_document

    short = make_document("A/80/L.1")
    State.objects.filter(sponsorships__isnull=True).delete()  # each page lists every State: fewer, faster
    victim = User.objects.create_user("victim", password="a-long-password-1", is_staff=True)
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="editor"))
    failures = []
    for model, _model_admin in admin.site._registry.items():
        obj = short if model is Document else victim if model is User else next(iter(_objects(model)), None)
        if obj is None:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/"
        form = change_form(client.get(url).content.decode())
        if not has_button(form):
            continue
        data = submitted(form)
        seen = set()
        for name in data:
            pattern = re.sub(r"-\d+-", "-N-", name)
            # a formset's plumbing (management form, ids, deletion) is Django's, the same in each: once a page
            pattern = re.sub(
                r"^\w+?-(N-)?(id|DELETE|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS)$", r"\2", pattern
            )
            if pattern in seen or name in ("csrfmiddlewaretoken", "_save"):
                continue
            seen.add(pattern)
            # a formset's management form: as many forms as it says are built (up to the limit)
            values = FORM_HOSTILE[:3] if name.endswith("_FORMS") else FORM_HOSTILE
            for value in values:
                response = client.post(url, {**data, name: [value]})
                if response.status_code >= 500:
                    failures.append(f"{url} {name}={value[:20]!r}: {getattr(response, 'exc_info', [None, None])[1]!r}")
    assert not failures, "\n".join(failures)
