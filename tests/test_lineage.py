"""A document's history: links found from what documents say of themselves, an editor's word on
them, and the reader's timeline."""

import datetime

import pytest

from reading_room.compare import lineage
from reading_room.compare.models import Lineage
from reading_room.documents.models import Document
from reading_room.ingest.importer import import_texts
from tests.factories import make_texts_document

pytestmark = pytest.mark.django_db

TITLE = "Cooperation between the United Nations and the Organization"


def doc(symbol, title=TITLE, session=80, kind="draft_resolution", recital="Recalling its earlier work,", **fields):
    paragraphs = [
        ("pp1", "preambular", {"en": ("Recalling", recital)}),
        ("op1", "operative", {"en": ("Decides", "Decides to remain seized of the matter.")}),
    ]
    document = make_texts_document(symbol, paragraphs, titles={"en": title}, session=session, kind=kind, **fields)
    document.save()  # as an import ends: the texts are all there now
    return document


def links(document):
    return sorted(Lineage.objects.filter(document=document).values_list("relation", "earlier", "status"))


def chain(document):
    steps, _candidates = lineage.timeline(document)
    return [(s.role, s.symbol, s.held, s.current, bool(s.compare_url)) for s in steps]


def test_an_adopted_resolution_comes_from_the_draft_it_names(languages):
    draft = doc("A/80/L.11")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    assert links(resolution) == [("draft", "A/80/L.11", "suggested")]
    assert chain(resolution) == [
        ("Draft", "A/80/L.11", True, False, False),
        ("Adopted resolution", "A/RES/80/11", True, True, True),
    ]
    assert chain(draft) == [
        ("Draft", "A/80/L.11", True, True, False),
        ("Adopted resolution", "A/RES/80/11", True, False, True),
    ]
    steps, _candidates = lineage.timeline(resolution)
    assert steps[1].compare_url == "/compare/?from=A%2F80%2FL.11&to=A%2FRES%2F80%2F11"


def test_a_draft_not_held_links_to_undocs_until_it_is(languages):
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    steps, _candidates = lineage.timeline(resolution)
    assert (steps[0].symbol, steps[0].held, steps[0].url) == ("A/80/L.11", False, "https://undocs.org/A/80/L.11")
    before = Document.objects.get(pk=resolution.pk).updated
    doc("A/80/L.11")
    resolution.refresh_from_db()
    assert resolution.updated > before  # its cached pages show the draft as held now
    assert chain(resolution)[0] == ("Draft", "A/80/L.11", True, False, False)


def test_drafts_revisions_and_the_earlier_resolution_make_one_timeline(languages):
    doc("A/RES/79/20", session=79, kind="resolution", date=datetime.date(2024, 12, 2))
    doc("A/80/L.11")
    revision = doc("A/80/L.11/Rev.1")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11/Rev.1")
    doc("A/RES/81/3", session=81, kind="resolution")
    assert links(revision) == [("previous", "A/RES/79/20", "suggested"), ("revision", "A/80/L.11", "suggested")]
    assert chain(resolution) == [
        ("Earlier resolution", "A/RES/79/20", True, False, False),
        ("Draft", "A/80/L.11", True, False, True),
        ("Revision 1", "A/80/L.11/Rev.1", True, False, True),
        ("Adopted resolution", "A/RES/80/11", True, True, True),
        ("Later resolution", "A/RES/81/3", True, False, True),
    ]


def test_a_revision_skips_a_revision_not_held(languages):
    doc("A/80/L.11")
    assert links(doc("A/80/L.11/Rev.2"))[-1] == ("revision", "A/80/L.11", "suggested")
    assert links(doc("A/80/L.12/Rev.2"))[-1] == ("revision", "A/80/L.12/Rev.1", "suggested")


def test_a_resolution_adopted_on_a_report_finds_its_draft_by_title(languages):
    doc("A/C.1/80/L.5")
    resolution = doc("A/RES/80/40", kind="resolution", report="A/80/534")
    assert links(resolution) == [("draft", "A/C.1/80/L.5", "suggested")]
    assert "A/80/534" in Lineage.objects.get(document=resolution).reason
    alone = doc("A/RES/80/41", title="Another title", kind="resolution", report="A/80/535")
    assert links(alone) == [("report", "A/80/535", "suggested")]
    assert chain(alone)[0] == ("Committee report", "A/80/535", False, False, False)


def test_the_earlier_resolution_needs_the_same_item(languages):
    doc("A/RES/79/20", session=79, kind="resolution", agenda_item="125")
    assert links(doc("A/80/L.11", agenda_item="125")) == [("previous", "A/RES/79/20", "suggested")]
    assert links(doc("A/80/L.12", agenda_item="31")) == []  # the same title on another item
    assert links(doc("A/80/L.13", title="Something else")) == []


def test_an_earlier_resolution_held_later_is_found_then(languages):
    draft = doc("A/80/L.11")
    assert links(draft) == []
    doc("A/RES/79/20", session=79, kind="resolution")
    assert links(draft) == [("previous", "A/RES/79/20", "suggested")]


def test_the_resolution_the_preamble_recalls_under_the_same_title(sample):
    link = Lineage.objects.get(document=sample)
    assert (link.relation, link.earlier, link.status) == ("previous", "A/RES/77/338", "suggested")
    assert link.reason == "recalled in the preamble (pp4) under the same title"


def test_a_held_resolution_recalled_with_another_title_is_not_the_earlier_one(languages):
    doc("A/RES/78/9", session=78, kind="resolution", title="Something else")
    draft = doc("A/80/L.11", recital=f"Recalling its resolution 78/9 on {TITLE.lower()},")
    assert links(draft) == []


def test_an_editor_rejects_a_link_and_it_stays_rejected(languages):
    doc("A/80/L.11")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    link = Lineage.objects.get(document=resolution)
    link.status = Lineage.Status.REJECTED
    link.save()
    resolution.save()  # derived again
    assert links(resolution) == [("draft", "A/80/L.11", "rejected")]
    assert chain(resolution) == []  # nothing left to show


def test_an_editor_correcting_a_link_answers_the_question(editor_client, languages):
    doc("A/80/L.11")
    doc("A/80/L.12")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    link = Lineage.objects.get(document=resolution)
    url = f"/admin/compare/lineage/{link.pk}/change/"
    assert editor_client.get(url).status_code == 200
    form = {"document": resolution.pk, "relation": "draft", "earlier": "A/80/L.12", "status": "suggested"}
    assert editor_client.post(url, form).status_code == 302
    link.refresh_from_db()
    assert (link.earlier, link.status, link.reason) == ("A/80/L.12", "confirmed", "set by an editor")
    resolution.save()
    assert links(resolution) == [("draft", "A/80/L.12", "confirmed")]  # L.11 is not suggested again
    before = Document.objects.get(key="A/80/L.12").updated
    assert editor_client.post(url, {**form, "status": "confirmed"}).status_code == 302  # unchanged: nothing written
    assert Document.objects.get(key="A/80/L.12").updated == before


def test_editors_confirm_links_in_bulk_and_the_pages_follow(editor_client, languages):
    draft = doc("A/80/L.11")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    link = Lineage.objects.get(document=resolution)
    listing = editor_client.get("/admin/compare/lineage/?status__exact=suggested")
    assert listing.status_code == 200 and "A/80/L.11" in listing.content.decode()
    before = Document.objects.get(pk=draft.pk).updated
    response = editor_client.post(
        "/admin/compare/lineage/", {"action": "confirm", "_selected_action": [link.pk]}, follow=True
    )
    assert "Links updated: 1." in response.content.decode()
    assert Lineage.objects.get(pk=link.pk).status == "confirmed"
    assert Document.objects.get(pk=draft.pk).updated > before  # its timeline changed


def test_editors_may_manage_lineage():
    from reading_room.documents.roles import ensure_editor_group

    codenames = set(ensure_editor_group().permissions.values_list("codename", flat=True))
    assert {"view_lineage", "change_lineage", "add_lineage", "delete_lineage"} <= codenames


def test_the_reader_shows_the_timeline(client, languages):
    doc("A/80/L.11")
    doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    html = client.get("/A/RES/80/11/").content.decode()
    timeline = html[html.index('class="timeline"') : html.index("</ol>")]
    assert timeline.index("A/80/L.11") < timeline.index("A/RES/80/11")
    assert '<li aria-current="step">' in timeline
    assert 'href="/compare/?from=A%2F80%2FL.11&amp;to=A%2FRES%2F80%2F11"' in timeline
    assert 'aria-label="What changed in A/RES/80/11 since the step before">What changed</a>' in timeline


def test_the_preamble_may_name_the_most_recent_resolution(languages):
    recital = (
        "Recalling its previous resolutions on this issue, the most recent of which is resolution 79/19 of "
        "2 December 2024, and resolution 77/250 establishing the Group of Governmental Experts,"
    )
    draft = doc("A/80/L.11", recital=recital)
    assert links(draft) == [("previous", "A/RES/79/19", "suggested")]
    assert Lineage.objects.get(document=draft).reason == "recalled in the preamble (pp1) as the most recent on the item"


def test_a_title_before_the_mention_does_not_make_it_the_earlier_resolution(languages):
    recital = f"Welcoming the report of the Group of Experts on {TITLE}, established by resolution 77/250,"
    assert links(doc("A/80/L.11", recital=recital)) == []
    recital = f"Recalling its resolutions 45/58 P of 4 December 1990 and 79/25 of 2 December 2024 on {TITLE.lower()},"
    assert links(doc("A/80/L.12", recital=recital)) == [("previous", "A/RES/79/25", "suggested")]


def test_the_rebuild_command_derives_every_document_again(languages):
    from io import StringIO

    from django.core.management import call_command

    doc("A/80/L.11")
    resolution = doc("A/RES/80/11", kind="resolution", draft="A/80/L.11")
    Lineage.objects.all().delete()
    out = StringIO()
    call_command("rebuild_lineage", stdout=out)
    assert links(resolution) == [("draft", "A/80/L.11", "suggested")]
    assert "1 documents changed; 1 links in all." in out.getvalue()


def test_editing_a_recital_derives_the_history_again(languages):
    draft = doc("A/80/L.11")
    text = draft.paragraphs.get(eid="pp1").texts.get()
    text.text = f"Recalling its resolution 79/25 of 2 December 2024 on {TITLE.lower()},"
    text.save()
    assert links(draft) == [("previous", "A/RES/79/25", "suggested")]


def test_a_revision_not_held_still_shows_what_it_revised(languages):
    resolution = doc("A/RES/80/1", kind="resolution", draft="A/80/L.2/Rev.1")
    assert chain(resolution) == [
        ("Draft", "A/80/L.2", False, False, False),
        ("Revision 1", "A/80/L.2/Rev.1", False, False, False),
        ("Adopted resolution", "A/RES/80/1", True, True, False),
    ]
    before = Document.objects.get(pk=resolution.pk).updated
    doc("A/80/L.2")  # held after all: linked here, and the resolution's cached pages know it
    assert chain(resolution)[0] == ("Draft", "A/80/L.2", True, False, False)
    assert Document.objects.get(pk=resolution.pk).updated > before


def test_an_import_derives_the_lineage_once_from_its_texts(languages, sample_en, monkeypatch):
    derived = []
    real = lineage.refresh
    monkeypatch.setattr(lineage, "refresh", lambda document: derived.append(document.symbol) or real(document))
    result = import_texts(en=sample_en.replace("A/79/L.124", "A/80/L.77"))
    assert derived == ["A/80/L.77"]  # not once more for the bare document saved before its texts
    assert Lineage.objects.filter(document=result.document).exists() == bool(lineage.derive(result.document))
