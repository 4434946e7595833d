"""The clinical-safety page in a real browser: readable at every width, accessible, reachable."""

from __future__ import annotations

import pytest

from tests.e2e.driver import assert_accessible


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_safety_page_fits_and_is_accessible(browser, server_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/")
    page.click('footer a[href="/about/safety"]')
    assert page.url.endswith("/about/safety")
    assert page.locator('[data-testid="evaluation"] tbody tr').count() >= 2
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
    assert_accessible(page)
    context.close()
