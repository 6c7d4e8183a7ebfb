"""An editor corrects a French word in the admin; the reader and the history show it."""

import os
import shutil

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from reading_room.documents.models import Paragraph
from reading_room.documents.roles import ensure_editor_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


def test_an_editor_corrects_a_french_word(page: Page, sample):
    user = User.objects.create_user("clerk", password="a-long-password-1", is_staff=True)
    user.groups.add(ensure_editor_group())
    paragraph = Paragraph.objects.get(document=sample, eid="op4")

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/documents/paragraph/{paragraph.pk}/change/")
    french = page.locator('textarea[name="text_fr"]')
    french.fill(french.input_value().replace("un rapport", "un rapport détaillé"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto("/A/79/L.124/#op4")
    expect(page.locator('#op4 .cell[lang="fr"]')).to_contain_text("un rapport détaillé")

    page.goto(f"/admin/documents/paragraph/{paragraph.pk}/texts/history/")
    expect(page.locator('section[lang="fr"] ins').first).to_contain_text("détaillé")
