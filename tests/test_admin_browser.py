"""The editors' pages in real headless Chromium: accessible (axe-core), and the review queue's keyboard flow."""

import os
import shutil

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from reading_room.documents.models import Paragraph
from reading_room.ingest.models import Correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from tests.test_browser import axe_violations  # noqa: E402 - after the skip


@pytest.fixture
def editor(page: Page, live_server):
    User.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    return page


def _admin_pages(sample):
    paragraph = Paragraph.objects.get(document=sample, eid="op3")
    return [
        f"/admin/documents/document/{sample.pk}/change/",
        f"/admin/documents/document/{sample.pk}/history/",
        f"/admin/documents/paragraph/{paragraph.pk}/texts/history/",
        f"/admin/ingest/correction/?document__id__exact={sample.pk}&status__exact=pending",
        f"/admin/ingest/correction/review/{sample.pk}/",
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_the_editors_pages(editor: Page, sample, width):
    editor.set_viewport_size({"width": width, "height": 900})
    found = {}
    for url in _admin_pages(sample):
        editor.goto(url)
        violations = axe_violations(editor)
        if violations:
            found[url] = violations
    assert found == {}


def test_the_site_is_named(editor: Page, sample):
    editor.goto("/admin/")
    expect(editor.locator("#site-name")).to_have_text("Reading Room administration")
