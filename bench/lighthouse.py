"""Lighthouse scores (performance, accessibility, best practices, SEO) of the reader and a
paragraph page, served by gunicorn with production settings. Budget: >= 95 in each.

    python bench/lighthouse.py [--runs 1]

Installs lighthouse 12.8.2 from npm into bench/.lighthouse/ on first use (12.x runs on Node 20);
uses Debian's chromium (CHROME_PATH, default /usr/bin/chromium). Mobile preset, simulated
throttling, as Lighthouse scores by default. Reports go to bench/out/.
"""

import argparse
import json
import os
import shutil
import subprocess
from pathlib import Path

from server import environment, gunicorn, prepare, require, tmpdir

HERE = Path(__file__).resolve().parent
TOOL = HERE / ".lighthouse"
VERSION = "12.8.2"
PAGES = {"reader": "/A/79/L.124/", "paragraph": "/A/79/L.124/op3/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOL), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
            check=True,
            capture_output=True,
        )
    return binary


def audit(binary: Path, url: str, report: Path) -> dict:
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
    )
    result = json.loads(report.read_text())
    failed = [
        f"{audit['id']} ({audit['score']})"
        for audit in result["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    return {"scores": {k: round(v["score"] * 100) for k, v in result["categories"].items()}, "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median score is kept")
    args = parser.parse_args()
    require("npm", "npm")
    binary = lighthouse()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    tmp = tmpdir()
    env = environment(tmp)
    results = {}
    try:
        prepare(env)
        with gunicorn(env) as base:
            for name, path in PAGES.items():
                runs = [audit(binary, base + path, out / f"lighthouse-{name}-{i}.json") for i in range(args.runs)]
                scores = {c: sorted(r["scores"][c] for r in runs)[len(runs) // 2] for c in runs[0]["scores"]}
                results[name] = {"scores": scores, "failed": runs[0]["failed"]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"lighthouse {VERSION}, mobile preset, simulated throttling, gunicorn -w2, {env['DATABASE_URL'][:6]}")
    print(f"{'page':<10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    ok = True
    for name, result in results.items():
        print(f"{name:<10} " + " ".join(f"{result['scores'][c]:>15}" for c in CATEGORIES))
        ok &= all(result["scores"][c] >= 95 for c in CATEGORIES)
        if result["failed"]:
            print(f"           failed audits: {', '.join(result['failed'])}")
    print(f"{'PASS' if ok else 'FAIL'}: every score >= 95")


if __name__ == "__main__":
    main()
