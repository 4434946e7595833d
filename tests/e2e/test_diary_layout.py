"""The diary as a person meets it on a phone and on a desktop: nothing scrolls sideways (long notes,
the report's table, the time-zone box), the way to log an episode is on the first screen, and the
home page leads to the diary."""

from __future__ import annotations

import re

import pytest

from tests.e2e.diary_data import LONG_WORD, rich_diary

WIDTHS = [320, 390, 1280]


@pytest.fixture(scope="module")
def diary_key(server_url: str) -> str:
    return rich_diary(server_url)


def _context(browser, server_url: str, width: int, **options):  # type: ignore[no-untyped-def]
    return browser.new_context(base_url=server_url, viewport={"width": width, "height": 844}, **options)


def _scrolls_sideways(page) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_diary_page_scrolls_sideways(browser, server_url: str, diary_key: str, width: int, javascript: bool) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, server_url, width, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"/diary/{diary_key}")
    entry_id = re.search(r"entry-(\d+)", page.locator('[data-testid="entry"]').first.get_attribute("id") or "")
    assert entry_id
    paths = [
        "/diary",
        f"/diary/{diary_key}",
        f"/diary/{diary_key}?all=1",
        f"/diary/{diary_key}/report",
        f"/diary/{diary_key}/delete",
        f"/diary/{diary_key}/entries/{entry_id.group(1)}/edit",
    ]
    for path in paths:
        page.goto(path)
        scroll_width, inner_width = _scrolls_sideways(page)
        assert scroll_width <= inner_width, f"{path} at {width} px is {scroll_width} px wide"
    # A form sent back with its errors, and the long word shown whole (wrapped, not cut or hidden).
    page.goto(f"/diary/{diary_key}")
    page.click('[data-testid="save-entry"]')
    scroll_width, inner_width = _scrolls_sideways(page)
    assert scroll_width <= inner_width, f"the entry form with errors at {width} px is {scroll_width} px wide"
    page.goto(f"/diary/{diary_key}/report")
    assert LONG_WORD in page.locator('[data-testid="diary-report-page"]').inner_text()
    context.close()
