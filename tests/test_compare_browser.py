"""Comparing two documents as a reader does, in real headless Chromium."""

import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser import axe_violations
from tests.test_compare import NEW, OLD, negotiated
from tests.versions import make_version

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

COMPARISON = "/compare/?from=A%2F79%2FL.124&to=A%2F80%2FL.20"


@pytest.fixture
def versions(sample):
    return sample, make_version(sample, NEW, negotiated, session=80)


def test_a_reader_compares_with_last_years_text_and_jumps_to_a_change(page: Page, versions):
    page.goto(f"/{NEW}/")
    page.get_by_text("Compare with…").click()
    page.get_by_role("link", name=f"Compare with {OLD}").click()
    expect(page).to_have_url(re.compile(re.escape(COMPARISON) + "$"))
    english = page.locator("table.summary").first
    expect(english.locator("caption")).to_have_text("Paragraphs (English)")
    expect(english.locator("tfoot tr")).to_have_text(re.compile(r"All\s*31\s*3\s*1\s*1\s*2"))
    expect(page.locator(".change-nav .count")).to_have_text("(7 in all)")
    page.get_by_role("link", name="Go to the first change").click()
    expect(page).to_have_url(re.compile("#to-pp2$"))
    expect(page.locator("#to-pp2")).to_be_in_viewport()
    expect(page.locator("#to-pp2 del").first).to_have_text("[deleted: Articles]")  # said, not only coloured
    page.locator("#to-pp2").get_by_role("link", name="Next change").click()
    expect(page).to_have_url(re.compile("#to-pp4$"))
    expect(page.locator("#to-pp4")).to_be_in_viewport()
    # and with the keyboard
    page.keyboard.press("n")
    expect(page.locator("#from-pp10")).to_be_focused()
    expect(page).to_have_url(re.compile("#from-pp10$"))
    expect(page.locator("#change-status")).to_have_text("Change 3 of 7: Removed pp10")
    page.keyboard.press("p")
    expect(page.locator("#to-pp4")).to_be_focused()


def test_the_keys_can_be_turned_off(page: Page, versions):
    page.goto(COMPARISON)
    page.get_by_label("Keys N and P go to the next and previous change").uncheck()
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(re.escape(COMPARISON) + "$"))
    page.reload()
    expect(page.get_by_label("Keys N and P go to the next and previous change")).not_to_be_checked()


def test_the_summary_counts_link_to_their_paragraphs(page: Page, versions):
    page.goto(COMPARISON)
    operative = page.locator("table.summary").first.get_by_role("row", name=re.compile("^Operative part"))
    operative.get_by_role("cell").nth(4).get_by_role("link").click()  # moved
    expect(page).to_have_url(re.compile("#to-op3$"))
    expect(page.locator("#to-op3 .cmeta")).to_contain_text("Moved")


def test_the_paragraph_page_loads_its_counterparts(page: Page, versions):
    page.goto(f"/{NEW}/op4/")
    counterparts = page.locator("#counterparts")
    expect(counterparts).to_contain_text(f"In {OLD} this was op2: moved.")
    counterparts.get_by_role("link", name="See the comparison").click()
    expect(page).to_have_url(re.compile("#to-op4$"))
    expect(page.locator("#to-op4")).to_be_in_viewport()


@pytest.mark.parametrize("url", [COMPARISON, COMPARISON + "&lang=fr", f"/{NEW}/", f"/{NEW}/op4/", "/compare/"])
def test_axe_finds_no_accessibility_violations(page: Page, versions, url):
    page.goto(url)
    for summary in page.locator(".compare-with > summary, .all-changes > summary").all():
        summary.click()  # the closed parts too
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_on_a_phone_the_comparison_fits(page: Page, versions):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(COMPARISON)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    en = page.locator('#to-pp2 .ccell[lang="en"]').bounding_box()
    fr = page.locator('#to-pp2 .ccell[lang="fr"]').bounding_box()
    assert fr["y"] >= en["y"] + en["height"] - 1


def test_the_comparison_runs_under_the_content_security_policy(browser, versions, live_server):
    context = browser.new_context()  # without bypass_csp
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}{COMPARISON}")
    page.keyboard.press("n")
    expect(page.locator("#to-pp2")).to_be_focused()
    page.goto(f"{live_server.url}/{NEW}/op4/")
    expect(page.locator("#counterparts")).to_contain_text("moved")
    context.close()
    assert errors == []
