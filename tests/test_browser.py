"""What a reader clicks, in real headless Chromium (Debian's, driven by Playwright)."""

import os
import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page: Page) -> list[tuple[str, str, int]]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]


def test_a_reader_follows_footnote_2_and_comes_back(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.locator("#fnref-en-pp11-2").click()  # shown where it is called…
    expect(page.locator("#fn-pop")).to_contain_text("Treaty Series")
    page.locator("#fn-pop").get_by_role("link", name="All footnotes").click()  # …and among the others
    expect(page).to_have_url(re.compile(re.escape("#fn-en-2") + "$"))
    note = page.locator("#fn-en-2")
    expect(note).to_be_in_viewport()
    note.get_by_role("link", name="Back to pp11").click()
    expect(page).to_have_url(re.compile(re.escape("#pp11") + "$"))
    expect(page.locator("#pp11")).to_be_in_viewport()


def test_a_permalink_opens_the_paragraph_highlighted(page: Page, sample):
    page.goto("/A/79/L.124/#op3")
    row = page.locator("#op3")
    expect(row).to_be_in_viewport()
    highlighted = row.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = page.locator("#op2").evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlighted != plain


def test_switching_to_french_only_keeps_a_shareable_url(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.evaluate("window.__notReloaded = true")
    page.locator(".view-switch").get_by_text("FR", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape("/A/79/L.124/?view=fr") + "$"))
    expect(page.locator('#op3 .cell[lang="en"]')).to_be_hidden()
    expect(page.locator('#op3 .cell[lang="fr"]')).to_contain_text("Propose")
    assert page.evaluate("window.__notReloaded") is True  # no request, no reload
    page.reload()
    expect(page.locator('#op3 .cell[lang="en"]')).to_be_hidden()


def test_the_copy_button_copies_the_permalink(page: Page, sample, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/A/79/L.124/")
    page.locator("#op3 .tools summary").click()
    button = page.locator("#op3 button.copy")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/A/79/L.124/op3/"


@pytest.mark.parametrize("url", ["/A/79/L.124/", "/A/79/L.124/op3/", "/", "/A/79/L.124/?view=fr"])
def test_axe_finds_no_accessibility_violations(page: Page, sample, url):
    page.goto(url)
    assert axe_violations(page) == []


def test_the_pages_run_under_the_content_security_policy(browser, sample, live_server):
    context = browser.new_context()  # without bypass_csp
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/A/79/L.124/")
    page.locator(".view-switch").get_by_text("FR + EN").click()
    expect(page).to_have_url(re.compile(re.escape("?view=fr-en") + "$"))
    context.close()
    assert errors == []


def test_on_a_phone_the_languages_stack(page: Page, sample):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/A/79/L.124/")
    en = page.locator('#op1 .cell[lang="en"]').bounding_box()
    fr = page.locator('#op1 .cell[lang="fr"]').bounding_box()
    assert fr["y"] >= en["y"] + en["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
