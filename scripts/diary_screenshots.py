"""Take the diary's documentation screenshots (docs/screenshots/diary-*.png) in headless Chromium:
the start page, the diary and its report at 320, 390 and 1280 px; the diary's first screen and the
home page's diary card at 390 px; an entry with errors at 320 px.

Usage: start the app (`make run`), then `.venv/bin/python scripts/diary_screenshots.py [BASE_URL]`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM_ARGS as ARGS  # noqa: E402  (one list of the flags this machine needs)
from tests.e2e.diary_data import rich_diary  # noqa: E402  (thirty days, long names, a long URL in a note)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    key = rich_diary(BASE)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for width in (320, 390, 1280):
            context = browser.new_context(
                viewport={"width": width, "height": 844}, timezone_id="Europe/London", locale="en-GB"
            )
            page = context.new_page()
            for name, path in {
                "diary-start": "/diary",
                "diary": f"/diary/{key}",
                "diary-report": f"/diary/{key}/report",
            }.items():
                page.goto(BASE + path)
                page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
            if width == 390:  # the phone of the first-screen test, the home page's diary card
                page.goto(BASE + f"/diary/{key}")
                page.screenshot(path=str(OUT / f"diary-first-screen-{width}.png"))
                page.goto(BASE + "/")
                card = page.locator('section[aria-labelledby="diary-title"]')
                card.screenshot(path=str(OUT / f"landing-diary-{width}.png"))
            if width == 320:  # errors named and in the form's order, on the smallest phone
                page.goto(BASE + f"/diary/{key}")
                page.locator('[data-testid="entry-form"] input[name="duration_value"]').fill("-3")
                page.click('[data-testid="save-entry"]')
                page.locator("#add").screenshot(path=str(OUT / f"diary-errors-{width}.png"))
            context.close()
        browser.close()
    print(f"wrote the diary's screenshots to {OUT}")


if __name__ == "__main__":
    main()
