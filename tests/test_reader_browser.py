"""The reader's second edition in real headless Chromium: staying in place when switching
languages, footnotes at the call, the outline and the go-to box, one tools control a paragraph,
symbol search and search as you type, a phone, dark mode, accessibility."""

import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if not shutil.which("chromium") and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from tests.test_browser import axe_violations  # noqa: E402 - after the skip


def fully_visible(page: Page, selector: str) -> bool:
    """The element's top is below the sticky bar and (if it fits) its bottom above the screen's."""
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
             const bar = document.getElementById('reader-bar').getBoundingClientRect().bottom;
             return r.top >= bar - 1 && (r.bottom <= innerHeight || r.height > innerHeight - bar); }""",
        selector,
    )


# --- the view switch ----------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False])
def test_switching_languages_keeps_the_paragraph_the_fragment_and_the_focus(browser, live_server, sample, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/A/79/L.124/#op3")
    expect(page.locator("#op3")).to_be_in_viewport()
    page.locator('label[for="view-fr"]').click()
    expect(page.locator('#op3 .cell[lang="en"]')).to_be_hidden()
    expect(page.locator('#op3 .cell[lang="fr"]')).to_be_visible()
    assert page.url.endswith("#op3")
    expect(page.locator("#view-fr")).to_be_focused()
    highlighted = page.locator("#op3").evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlighted != page.locator("#op2").evaluate("el => getComputedStyle(el).backgroundColor")
    if javascript:  # without a script Chromium does not keep the scroll position through the reflow
        expect(page.locator("#op3")).to_be_in_viewport()
    page.keyboard.press("ArrowLeft")  # the switch is a radio group: arrows move through the views
    expect(page.locator("#view-en")).to_be_checked()
    expect(page.locator('#op3 .cell[lang="en"]')).to_be_visible()
    if javascript:  # the paragraph still there, and the view in the URL too, to share
        expect(page.locator("#op3")).to_be_in_viewport()
        expect(page).to_have_url(re.compile(r"\?view=en#op3$"))
    context.close()


def test_switching_keeps_the_paragraph_at_the_top_of_the_screen(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.evaluate("document.getElementById('pp20').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(100)
    before = page.locator("#pp20").bounding_box()["y"]
    page.locator('label[for="view-en"]').click()
    expect(page).to_have_url(re.compile(r"\?view=en$"))
    assert abs(page.locator("#pp20").bounding_box()["y"] - before) < 30
    page.locator('label[for="view-fr-en"]').click()
    first = page.locator('#pp20 .cell[lang="fr"]').bounding_box()["x"]
    assert first < page.locator('#pp20 .cell[lang="en"]').bounding_box()["x"]  # French first now


# --- footnotes at the call ----------------------------------------------------------------------


def test_a_footnote_opens_under_its_call_and_closes_by_mouse_and_keyboard(page: Page, sample):
    page.goto("/A/79/L.124/")
    call = page.locator("#fnref-en-pp9-1")
    call.click()
    note = page.locator("#fn-pop")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Resolution 70/1")
    expect(call).to_have_attribute("aria-expanded", "true")
    assert page.url.endswith("/A/79/L.124/")  # no jump
    assert note.bounding_box()["y"] > call.bounding_box()["y"]  # beneath the call
    page.keyboard.press("Escape")
    expect(note).to_have_count(0)
    expect(call).to_be_focused()
    expect(call).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")  # from the keyboard
    expect(note).to_be_visible()
    note.get_by_role("button", name="Close").click()
    expect(note).to_have_count(0)
    call.click()
    page.locator("#pp20 .cell").first.click()  # a click elsewhere closes it
    expect(note).to_have_count(0)


def test_the_footnote_call_is_a_24_pixel_target(page: Page, sample):
    page.goto("/A/79/L.124/#pp9")
    call = page.locator("#fnref-en-pp9-1")
    box = call.bounding_box()
    assert box["height"] < 24  # the text looks the same
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in [(-11, 0), (11, 0), (0, -11), (0, 11)]:
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).id", [x + dx, y + dy])
        assert hit == "fnref-en-pp9-1"


def test_without_javascript_the_call_jumps_and_the_way_back_shows_the_paragraph(browser, live_server, sample):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/A/79/L.124/")
    page.locator("#fnref-en-pp9-1").click()
    expect(page).to_have_url(re.compile("#fn-en-1$"))
    page.locator("#fn-en-1").get_by_role("link", name="Back to pp9").click()
    expect(page).to_have_url(re.compile("#pp9$"))
    assert fully_visible(page, "#pp9")
    highlighted = page.locator("#pp9").evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlighted != page.locator("#pp8").evaluate("el => getComputedStyle(el).backgroundColor")
    context.close()


# --- finding one's way --------------------------------------------------------------------------


def test_the_outline_stays_reachable_and_leads_to_a_paragraph(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(200)
    contents = page.get_by_text("Contents", exact=True)
    expect(contents).to_be_in_viewport()  # the bar is still on screen
    contents.click()
    outline = page.get_by_role("navigation", name="Contents")
    expect(outline.get_by_role("link", name="Operative part")).to_be_visible()
    outline.locator('a[href="#op4"]').click()
    expect(page).to_have_url(re.compile("#op4$"))
    expect(outline).to_be_hidden()  # closed on the way
    assert fully_visible(page, "#op4")
    page.get_by_text("Contents", exact=True).click()
    page.keyboard.press("Escape")
    expect(outline).to_be_hidden()


@pytest.mark.parametrize("typed, eid", [("op3", "op3"), ("3", "op3"), ("pp12", "pp12"), ("12", "pp12")])
def test_the_go_to_box_does_the_obvious_thing(page: Page, sample, typed, eid):
    page.goto("/A/79/L.124/")
    page.get_by_label("Go to").fill(typed)
    page.get_by_label("Go to").press("Enter")
    expect(page).to_have_url(re.compile(f"#{eid}$"))
    assert fully_visible(page, f"#{eid}")


def test_the_go_to_box_says_when_there_is_no_such_paragraph(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.get_by_label("Go to").fill("99")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator("#goto-status")).to_have_text("No paragraph “99” in this document.")


def test_the_go_to_box_works_without_javascript(browser, live_server, sample):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/A/79/L.124/")
    page.get_by_label("Go to").fill("4")
    page.get_by_label("Go to").press("Enter")
    expect(page).to_have_url(re.compile(r"/A/79/L\.124/#op4$"))
    context.close()


# --- one tools control a paragraph ----------------------------------------------------------------


def test_one_tab_stop_a_paragraph_reaches_copy_and_cite(page: Page, sample):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/A/79/L.124/")
    page.locator("#op2 .tools summary").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#op3 .tools summary")).to_be_focused()  # op2's text has no links
    page.keyboard.press("Tab")
    expect(page.locator("#op4 .tools summary")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    tools = page.locator("#op3 .tools summary")
    expect(tools).to_have_accessible_name("Link, copy or cite op3")
    page.keyboard.press("Enter")
    menu = page.locator("#op3 .tools-menu")
    cite = menu.get_by_role("button", name="Cite FR: op3 in French")
    expect(cite).to_be_visible()
    cite.focus()
    page.keyboard.press("Enter")
    expect(cite).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == "A/79/L.124, par. 3"
    menu.get_by_role("button", name="Copy the link to op3").click()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/A/79/L.124/op3/")
    expect(menu.get_by_role("link", name="Paragraph page of op3")).to_have_attribute("href", "/A/79/L.124/op3/")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(tools).to_be_focused()


def test_the_tab_stops_are_a_few_per_paragraph_not_four(page: Page, sample):
    page.goto("/A/79/L.124/")
    stops = page.evaluate(
        """() => [...document.querySelectorAll('#reader a[href], #reader button:not([hidden]), #reader input,'
                 + ' #reader summary')].filter(el => el.offsetParent !== null || el.matches('input'))
                 .filter(el => !el.closest('details:not([open]) > :not(summary)')).length"""
    )
    assert stops < 140  # was 225: 144 of them the four buttons beside each of 36 paragraphs


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, url",
    [
        ("A/79/L.124", r"/A/79/L\.124/$"),
        ("a/79/l.124 op3", r"/A/79/L\.124/op3/$"),
        ("A/79/L.124, para. 3", r"/A/79/L\.124/op3/$"),
    ],
)
def test_a_symbol_in_the_header_box_goes_to_the_document(page: Page, sample, typed, url):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search the texts")
    box.fill(typed)
    box.press("Enter")
    expect(page).to_have_url(re.compile(url))


def test_a_resolution_number_not_held_offers_undocs(page: Page, sample):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search the texts")
    box.fill("resolution 59/48")
    box.press("Enter")
    expect(page.locator(".search-target")).to_contain_text("A/RES/59/48 is not in the reading room")
    expect(page.locator(".hit").first).to_be_visible()  # and the paragraphs that cite it


def test_search_as_you_type_matches_the_word_being_typed(page: Page, sample):
    page.goto("/search")
    box = page.get_by_role("searchbox", name="Words or “a phrase”")
    box.press_sequentially("Samarc", delay=40)
    expect(page.locator(".search-summary")).to_contain_text("matching texts")
    hit = page.locator(".hit").first
    expect(hit.locator(".hit-snippet mark").first).to_have_text(re.compile("^Samar"))
    expect(hit.locator(".hit-other mark").first).to_have_text(re.compile("^Samar"))  # both languages


def test_a_hit_marks_the_words_in_both_languages_and_trims_both_alike(page: Page, sample):
    page.goto("/search?q=Dushanbe")
    hit = page.locator(".hit", has_text="pp18")
    expect(hit.locator(".hit-snippet mark")).to_have_text("Dushanbe")
    expect(hit.locator('.hit-other[lang="fr"] mark')).to_have_text("Douchanbé")
    snippet = len(hit.locator(".hit-snippet").inner_text())
    other = len(hit.locator(".hit-other").inner_text())
    assert other < 2 * snippet  # trimmed like the snippet, not the whole paragraph


# --- a phone ------------------------------------------------------------------------------------


def test_on_a_phone_a_paragraph_is_one_labelled_numbered_unit(page: Page, sample):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/A/79/L.124/#op2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for code in ("en", "fr"):
        cell = page.locator(f'#op2 .cell[lang="{code}"]')
        expect(cell.locator(".cell-num")).to_be_visible()  # its number in both languages
        label = cell.evaluate("el => getComputedStyle(el, '::before').content")
        assert code in label.lower()
    expect(page.locator('label[for="view-fr"]')).to_be_in_viewport()  # the switch is at hand
    page.locator("#op2 .tools summary").click()
    expect(page.locator("#op2 .tools-menu")).to_be_in_viewport()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "url", ["/", "/A/79/L.124/", "/A/79/L.124/op3/", "/A/79/L.124/print/", "/search?q=Samarkand", "/sessions/79/"]
)
def test_axe_finds_no_violations(page: Page, sample, url, width, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    if url == "/A/79/L.124/":
        page.locator("#fnref-en-pp9-1").click()  # with a footnote open
        page.locator("#op3 .tools summary").click()  # and a tools menu
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_focus_ring_stands_out(page: Page, sample):
    page.goto("/A/79/L.124/")
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    r, g, b = (int(v) for v in re.findall(r"\d+", ring)[:3])

    def luminance(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    contrast = 1.05 / (0.2126 * luminance(r) + 0.7152 * luminance(g) + 0.0722 * luminance(b) + 0.05)
    assert contrast >= 3
