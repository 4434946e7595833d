"""Take the documentation screenshots (docs/screenshots/) in headless Chromium.

Usage: start the app (`make run`), then `.venv/bin/python scripts/screenshots.py [BASE_URL]`.
"""

from __future__ import annotations

import json
import shutil
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM_ARGS as ARGS  # noqa: E402  (one list of the flags this machine needs)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CASES = {
    "results": {
        "locations": ["calf", "thigh", "arm"],
        "duration": "months",
        "frequency": "daily",
        "timing": ["at_rest"],
        "muscle_weakness": False,
        "muscle_wasting": False,
        "stress_level": "high",
        "age": 30,
        "caffeine_cups_per_day": 2,
    },
    "emergency": {"sudden_one_sided_weakness": True, "locations": ["face"], "age": 71},
}


def create(answers: dict) -> str:
    body = json.dumps({"answers": answers}).encode()
    request = urllib.request.Request(BASE + "/api/assessments", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["id"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    results, emergency = create(CASES["results"]), create(CASES["emergency"])
    pages = {
        "landing": "/",
        "step": "/check",
        "emergency": f"/results/{emergency}",
        "results": f"/results/{results}",
        "report": f"/results/{results}/report",
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()
    print(f"wrote {len(pages) * 2} screenshots to {OUT}")


if __name__ == "__main__":
    main()
