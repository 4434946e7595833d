"""Take the documentation screenshots (docs/screenshots/) in headless Chromium.

Usage: start the app (`make run`), then `.venv/bin/python scripts/screenshots.py [BASE_URL]`.
"""

from __future__ import annotations

import json
import shutil
import sys
import urllib.request
from datetime import UTC, datetime, timedelta
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


def no_warning_signs() -> dict:
    """Every warning sign answered "no", as the pages now ask (an unanswered one is shown as unchecked)."""
    with urllib.request.urlopen(BASE + "/api/questions") as response:
        questions = json.load(response)["questions"]
    return {q["id"]: False for q in questions if q["section"] == "warning_signs"}


def create(answers: dict) -> str:
    body = json.dumps({"answers": answers}).encode()
    request = urllib.request.Request(BASE + "/api/assessments", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["id"]


def post(path: str, body: dict) -> dict:
    request = urllib.request.Request(
        BASE + path, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def diary() -> str:
    """A diary with two weeks of entries, for the diary's screenshots."""
    key = post("/api/diaries", {"timezone": "Europe/London"})["id"]
    today = datetime.now(UTC)
    for days_ago in range(14, 0, -1):
        for n in range(1 + days_ago % 3):
            coffee = days_ago % 2 == 0
            post(
                f"/api/diaries/{key}/entries",
                {
                    "occurred_at": (today - timedelta(days=days_ago)).strftime(f"%Y-%m-%dT{9 + 5 * n:02d}:30"),
                    "location": "eyelid" if n == 2 else "calf",
                    "duration_seconds": 20 + 10 * n,
                    "intensity": 1 + (days_ago + n) % 4,
                    "triggers": ["caffeine"] if coffee else ["stress"],
                    "caffeine_cups": 5 if coffee else 1,
                },
            )
    return key


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    results, emergency, key = create({**no_warning_signs(), **CASES["results"]}), create(CASES["emergency"]), diary()
    pages = {
        "landing": "/",
        "step": "/check",
        "interview": "/check#next",  # the first question after the warning signs
        "full-step": "/check/full",
        "emergency": f"/results/{emergency}",
        "results": f"/results/{results}",
        "report": f"/results/{results}/report",
        "diary": f"/diary/{key}",
        "diary-report": f"/diary/{key}/report",
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(BASE + path.split("#")[0])
                if path.endswith("#next"):  # the warning signs must be answered: all "no"
                    page.eval_on_selector_all('input[type="radio"][value="no"]', "els => els.forEach(e => e.click())")
                    page.click('[data-testid="next"]')
                page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()
    print(f"wrote {len(pages) * 2} screenshots to {OUT}")


if __name__ == "__main__":
    main()
