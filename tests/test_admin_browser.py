"""The editors' pages in real headless Chromium: accessible (axe-core), and the review queue's keyboard flow."""

import os
import re
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


def test_an_editor_reviews_corrections_from_the_keyboard(editor: Page, sample):
    pending = Correction.objects.pending().filter(document=sample).order_by("id")
    first, second = list(pending[:2])
    editor.goto(f"/admin/ingest/correction/review/{sample.pk}/")
    expect(editor.locator(".review-sentence mark")).to_have_text(first.current)
    ocr = editor.locator(".review-pair code").first
    expect(ocr).to_have_attribute("title", re.compile(r"U\+[0-9A-F]{4} "))  # code points on hover
    font = ocr.evaluate("el => getComputedStyle(el).fontFamily")
    assert "mono" in font.lower()
    editor.keyboard.press("a")  # accept: saved, and the next one shown
    expect(editor.locator('input[name="correction"]')).to_have_value(str(second.pk))
    first.refresh_from_db()
    assert first.status == "accepted"
    editor.keyboard.press("e")
    expect(editor.locator("#review-text")).to_be_focused()
    editor.keyboard.press("Escape")
    editor.keyboard.press("s")  # skip
    expect(editor.locator('input[name="correction"]')).not_to_have_value(str(second.pk))
    second.refresh_from_db()
    assert second.status == "pending"
