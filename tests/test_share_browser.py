"""Copying a citation, following a cross-reference, in real headless Chromium (Debian's, via Playwright)."""

import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_document
from tests.test_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def clipboard(page: Page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return lambda: page.evaluate("navigator.clipboard.readText()")


def test_the_french_citation_is_copied_from_the_keyboard(page: Page, sample, clipboard):
    page.goto("/A/79/L.124/")
    page.locator("#op3 .tools summary").click()
    button = page.locator("#op3").get_by_role("button", name="Cite FR: op3 in French")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_text("Copied")
    expect(page.locator("#copy-status")).to_have_text("Citation copied")
    assert clipboard() == "A/79/L.124, par. 3"
    expect(button).to_have_text(re.compile(r"Cite\s+FR"), timeout=4000)  # the label comes back
    expect(button).to_be_focused()


def test_the_space_bar_copies_a_preambular_citation(page: Page, sample, clipboard):
    page.goto("/A/79/L.124/")
    page.locator("#pp11 .tools summary").click()
    button = page.locator("#pp11").get_by_role("button", name="Cite EN: pp11 in English")
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_text("Copied")
    assert clipboard() == "A/79/L.124, eleventh preambular paragraph"


def test_the_buttons_follow_the_tools_control_in_tab_order(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.locator("#op3 .tools summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#op3 a.here")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#op3 button.copy")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#op3").get_by_role("button", name="Cite EN: op3 in English")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#op3").get_by_role("button", name="Cite FR: op3 in French")).to_be_focused()


def test_the_live_region_is_ready_before_anything_is_copied(page: Page, sample):
    page.goto("/A/79/L.124/op3/")
    status = page.locator("#copy-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")


def test_the_buttons_survive_a_language_switch(page: Page, sample, clipboard):
    page.goto("/A/79/L.124/")
    page.locator(".view-switch").get_by_text("FR", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape("?view=fr") + "$"))
    page.locator("#op3 .tools summary").click()
    button = page.locator("#op3").get_by_role("button", name="Cite FR: op3 in French")
    expect(button).to_be_visible()  # un-hidden again after the htmx swap
    button.click()
    expect(button).to_have_text("Copied")
    assert clipboard() == "A/79/L.124, par. 3"


def test_in_french_the_interface_speaks_french(page: Page, sample, clipboard):
    page.context.set_extra_http_headers({"Accept-Language": "fr"})
    page.goto("/A/79/L.124/")
    page.locator("#op3 .tools summary").click()
    button = page.locator("#op3").get_by_role("button", name="Citer FR : op3 en français")
    button.click()
    expect(button).to_have_text("Copié")
    expect(page.locator("#copy-status")).to_have_text("Citation copiée")


def test_a_reference_to_a_held_document_opens_it_here(page: Page, sample):
    make_document("A/RES/77/338")
    page.goto("/A/79/L.124/")
    page.locator('#pp12 .cell[lang="en"]').get_by_role("link", name="77/338").click()
    expect(page).to_have_url(re.compile(re.escape("/A/RES/77/338/") + "$"))
    expect(page.locator(".cited-by")).to_contain_text("A/79/L.124")


def test_other_references_point_to_undocs(page: Page, sample):
    page.goto("/A/79/L.124/")
    link = page.locator('#pp3 .cell[lang="fr"]').get_by_role("link", name="59/48")
    expect(link).to_have_attribute("href", "https://undocs.org/fr/A/RES/59/48")


@pytest.mark.parametrize("url", ["/A/79/L.124/", "/A/79/L.124/op3/", "/A/79/L.124/print/", "/A/RES/77/338/"])
def test_axe_finds_no_violations_with_the_new_controls(page: Page, sample, url, clipboard):
    make_document("A/RES/77/338")
    page.goto(url)
    if url != "/A/79/L.124/print/":
        page.locator(".tools summary").first.click()
        page.locator("button.cite").first.click()  # with feedback showing
    assert axe_violations(page) == []


def test_on_a_phone_the_buttons_fit(page: Page, sample):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/A/79/L.124/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#op3 .tools summary").click()
    box = page.locator("#op3").get_by_role("button", name="Cite FR: op3 in French").bounding_box()
    assert box["height"] >= 24 and box["x"] + box["width"] <= 390  # WCAG 2.2 target size
