"""Search in real headless Chromium: typing, following a hit to its highlighted paragraph, accessibility."""

import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from tests.test_browser import axe_violations  # noqa: E402 - after the skip


def test_a_reader_types_a_query_and_follows_a_hit_to_its_highlighted_paragraph(page: Page, sample):
    page.goto("/")
    page.get_by_role("searchbox", name="Search the texts").fill("Douchanbé")
    page.get_by_role("searchbox", name="Search the texts").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=Douchanb"))
    page.evaluate("window.__notReloaded = true")
    box = page.get_by_role("searchbox", name="Words or “a phrase”")
    box.fill("")
    box.press_sequentially("Dushanbe", delay=30)  # search as you type, swapped by htmx
    expect(page.locator(".search-summary")).to_contain_text("of 2 matching texts")
    expect(page).to_have_url(re.compile(r"/search\?q=Dushanbe"))
    assert page.evaluate("window.__notReloaded") is True
    hit = page.locator(".hit", has_text="pp18")
    expect(hit.locator(".hit-snippet mark")).to_have_text("Dushanbe")
    expect(hit.locator('.hit-other[lang="fr"]')).to_contain_text("Douchanbé")
    hit.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/A/79/L\.124/pp18/\?hl=Dushanbe$"))
    mark = page.locator('#pp18 .cell[lang="en"] mark.hl')
    expect(mark).to_have_text("Dushanbe")
    expect(mark).to_be_in_viewport()


def test_filters_and_pages_swap_the_results_and_keep_a_shareable_url(page: Page, sample):
    page.goto("/search?q=cooperation")
    page.locator(".facet", has_text="Part").get_by_role("link", name="Operative").click()
    expect(page).to_have_url(re.compile(r"kind=operative"))
    expect(page.locator(".search-chosen")).to_contain_text("Part: Operative")
    count = page.locator(".hit").count()
    assert count > 0
    page.reload()
    expect(page.locator(".hit")).to_have_count(count)


def test_the_search_works_without_javascript(browser, sample, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/search")
    page.get_by_role("searchbox", name="Words or “a phrase”").fill("lutte contre le terrorisme")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".search-summary")).to_contain_text("matching texts")
    expect(page.locator(".hit-snippet mark").first).to_be_visible()
    context.close()


def test_typing_runs_under_the_content_security_policy(browser, sample, live_server):
    context = browser.new_context()  # without bypass_csp
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/search")
    page.get_by_role("searchbox", name="Words or “a phrase”").press_sequentially("Samarkand", delay=20)
    expect(page.locator(".search-summary")).to_contain_text("matching texts")
    page.goto(f"{live_server.url}/A/79/L.124/pp18/?hl=Dushanbe")
    expect(page.locator("mark.hl").first).to_be_visible()
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "url", ["/search", "/search?q=coop%C3%A9ration&kind=operative", "/sponsors/KGZ/", "/sessions/"]
)
def test_axe_finds_no_accessibility_violations_in_search(page: Page, sample, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
