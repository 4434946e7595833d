"""The results for a worried person in a real browser: the evidence block fits and is accessible."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.e2e.driver import assert_accessible
from tests.pages.test_worried import BFS_LIKE


def create(server_url: str, answers: dict) -> str:
    body = json.dumps({"answers": {**answers, "worry_impact": "a_lot"}}).encode()
    request = urllib.request.Request(
        server_url + "/api/assessments", data=body, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 (the test's own server)
        return json.loads(response.read())["id"]


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_evidence_block_fits_and_is_accessible(browser, server_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"/results/{create(server_url, BFS_LIKE)}")
    evidence = page.locator('[data-testid="evidence"]')
    assert evidence.is_visible() and evidence.locator("a").count() >= 5
    assert page.locator('[data-testid="worry-help"]').is_visible()
    assert page.locator('[data-testid="doctor-checks"]').first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
    assert_accessible(page)
    context.close()
