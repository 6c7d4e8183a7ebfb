"""Screenshots of the main pages in headless Chromium: python scripts/screenshots.py [BASE_URL] [OUTDIR]."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    ("index", "/"),
    ("reader", "/A/79/L.124/"),
    ("reader-op3", "/A/79/L.124/#op3"),
    ("reader-fr", "/A/79/L.124/?view=fr"),
    ("paragraph", "/A/79/L.124/op3/"),
    ("search", "/search?q=Dushanbe"),
]


def main(base: str = "http://127.0.0.1:8000", out: str = "test-results/screens") -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, height in ((1280, 900), (390, 844)):
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                for name, path in PAGES:
                    page.goto(base + path)
                    page.screenshot(path=f"{out}/{name}-{width}-{scheme}.png", full_page=name != "reader-op3")
                page.goto(base + "/A/79/L.124/#pp9")  # a footnote open at its call, a tools menu open
                page.locator("#fnref-en-pp9-1").click()
                page.screenshot(path=f"{out}/reader-footnote-{width}-{scheme}.png")
                page.goto(base + "/A/79/L.124/#op3")
                page.locator("#op3 .tools summary").click()
                page.screenshot(path=f"{out}/reader-tools-{width}-{scheme}.png")
                page.locator(".outline summary").click()
                page.screenshot(path=f"{out}/reader-outline-{width}-{scheme}.png")
                page.close()
            page = browser.new_page(viewport={"width": width, "height": height})
            page.emulate_media(media="print")
            page.goto(base + "/A/79/L.124/")
            page.screenshot(path=f"{out}/reader-print-{width}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
