"""The diary as a person meets it on a phone and on a desktop: nothing scrolls sideways (long notes,
the report's table, the time-zone box), the way to log an episode is on the first screen, and the
home page leads to the diary."""

from __future__ import annotations

import re

import pytest

from tests.e2e.diary_data import LONG_WORD, rich_diary
from tests.e2e.driver import assert_accessible

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


def test_log_an_episode_is_on_the_first_screen_of_a_phone(browser, server_url: str, diary_key: str) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, server_url, 390)
    page = context.new_page()
    page.goto(f"/diary/{diary_key}")
    ways = page.locator('[data-testid="save-entry"], a[href$="#add"]')
    on_screen = [
        i
        for i in range(ways.count())
        if ways.nth(i).is_visible() and (box := ways.nth(i).bounding_box()) and box["y"] + box["height"] <= 844
    ]
    assert on_screen, "no way to log an episode on the first screen at 390 x 844"
    assert_accessible(page)
    link = ways.nth(on_screen[0])
    if link.get_attribute("href"):
        link.click()
        first_field = page.locator('[data-testid="entry-form"] input[name="occurred_at"]')
        box = first_field.bounding_box()
        assert box and 0 <= box["y"] < 844, "the link does not lead to the entry form"
    context.close()


def test_the_home_page_leads_to_the_diary(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, server_url, 390)
    page = context.new_page()
    page.goto("/")
    assert_accessible(page)
    link = page.locator('main a[href="/diary"]')
    assert link.count() >= 1 and link.first.is_visible()
    with page.expect_navigation():
        link.first.click()
    assert page.url.endswith("/diary") and page.locator("h1").inner_text() == "Twitch diary"
    context.close()
