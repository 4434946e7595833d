"""Take the function check's documentation screenshots (docs/screenshots/diary-function-check-*.png)
in headless Chromium, at 390 and 1280 px: the form, the "not yet" page, and the diary with two
checks (stable) and with a third that flags a change.

It starts its own app (in this process, on a throwaway SQLite database) whose clock it moves on two
weeks at a time, as the browser test does: `.venv/bin/python scripts/function_check_screenshots.py`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.clocked import clocked_app  # noqa: E402  (the app with a clock the script can move)
from tests.e2e.conftest import CHROMIUM_ARGS as ARGS  # noqa: E402
from tests.e2e.diary_data import api  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SAME = dict.fromkeys(("buttons", "jars", "stairs", "walking", "speech", "swallowing"), "same")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, clocked_app(f"sqlite:///{tmp}/shots.sqlite3") as (base, clock):
        stable = api(base, "POST", "/api/diaries", {"timezone": "Europe/London"})["id"]
        changed = api(base, "POST", "/api/diaries", {"timezone": "Europe/London"})["id"]
        fresh = api(base, "POST", "/api/diaries", {"timezone": "Europe/London"})["id"]
        api(base, "POST", f"/api/diaries/{changed}/function-checks", {"answers": SAME})
        clock.advance(14)
        api(base, "POST", f"/api/diaries/{changed}/function-checks", {"answers": SAME | {"jars": "easier"}})
        api(base, "POST", f"/api/diaries/{stable}/function-checks", {"answers": SAME})
        clock.advance(15)
        api(base, "POST", f"/api/diaries/{changed}/function-checks", {"answers": SAME | {"stairs": "harder"}})
        clock.advance(14)
        api(base, "POST", f"/api/diaries/{stable}/function-checks", {"answers": SAME | {"buttons": "easier"}})
        clock.advance(3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
            for width in (390, 1280):
                context = browser.new_context(
                    viewport={"width": width, "height": 844}, timezone_id="Europe/London", locale="en-GB"
                )
                page = context.new_page()
                shots = {
                    "form": (f"/diary/{fresh}/function-check", "main"),
                    "not-due": (f"/diary/{stable}/function-check", "main"),
                    "stable": (f"/diary/{stable}", '[data-testid="function-check"]'),
                    "changed": (f"/diary/{changed}", '[data-testid="function-check"]'),
                    "report": (f"/diary/{changed}/report", '[data-testid="function-check"]'),
                }
                for name, (path, part) in shots.items():
                    page.goto(base + path)
                    page.locator(part).screenshot(path=str(OUT / f"diary-function-check-{name}-{width}.png"))
                context.close()
            browser.close()
    print(f"wrote the function check's screenshots to {OUT}")


if __name__ == "__main__":
    main()
