"""The twitch diary in headless Chromium on a phone-sized screen, in the person's own time zone:
create, log a week, fix a mistake, edit, see charts and patterns, export CSV, print, delete; axe-core
on every diary page."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.driver import assert_accessible, follow

ZONE = "America/New_York"


@pytest.fixture
def phone(browser, server_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=server_url, viewport={"width": 390, "height": 844}, timezone_id=ZONE, accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()


def log_entry(page, when: datetime, location: str, seconds: int, strength: int, triggers=(), cups=None) -> None:  # type: ignore[no-untyped-def]
    form = page.locator('[data-testid="entry-form"]')
    form.locator('input[name="occurred_at"]').fill(when.strftime("%Y-%m-%dT%H:%M"))
    form.locator(f'input[name="location"][value="{location}"]').check()
    form.locator('input[name="duration_value"]').fill(str(seconds))
    form.locator('select[name="duration_unit"]').select_option("seconds")
    form.locator(f'input[name="intensity"][value="{strength}"]').check()
    for trigger in triggers:
        form.locator(f'input[name="triggers"][value="{trigger}"]').check()
    if cups is not None:
        form.locator('input[name="caffeine_cups"]').fill(str(cups))
    page.click('[data-testid="save-entry"]')


def test_a_week_of_diary_on_a_phone(phone) -> None:  # type: ignore[no-untyped-def]
    page = phone
    page.goto("/diary")
    assert_accessible(page)
    page.click('[data-testid="create-diary"]')
    assert "/diary/" in page.url
    diary_url = page.url
    assert_accessible(page)
    # The browser's zone and local "now" were filled in by app.js.
    assert page.locator('[data-testid="entry-form"] input[name="timezone"]').input_value() == ZONE

    now = datetime.now(ZoneInfo(ZONE)).replace(second=0, microsecond=0)
    week = [now.replace(hour=23, minute=30) - timedelta(days=d) for d in range(7, 0, -1)]
    for i, when in enumerate(week):
        heavy = i % 2 == 0
        log_entry(
            page,
            when,
            "calf" if i < 5 else "eyelid",
            20 + i,
            2 + i % 3,
            ("caffeine",) if heavy else ("stress",),
            cups=5 if heavy else 1,
        )
        assert page.locator('[data-testid="saved"]').is_visible()
    assert page.locator('[data-testid="entry"]').count() == 7
    # Local times stay as entered (23:30 in New York is the next day in UTC).
    assert "23:30" in page.locator('[data-testid="entry"]').first.inner_text()

    patterns = page.locator('[data-testid="patterns"]').inner_text()
    assert "7 episodes on 7 days in the last 30 days." in patterns
    assert "Caffeine as a possible trigger: 4 of 7 episodes." in patterns
    for chart in ("per-day", "by-location", "by-trigger"):
        figure = page.locator(f'[data-testid="chart-{chart}"]')
        assert figure.locator("svg").is_visible() and figure.locator("table").count() == 1

    # A mistake: no strength chosen. The error names the field; nothing is stored.
    form = page.locator('[data-testid="entry-form"]')
    form.locator('input[name="location"][value="hand"]').check()
    form.locator('input[name="duration_value"]').fill("10")
    page.click('[data-testid="save-entry"]')
    assert "Choose how strong it was" in page.locator("#error-summary").inner_text()
    assert_accessible(page)
    assert page.locator('[data-testid="entry"]').count() == 7

    page.locator('[data-testid="edit-entry"]').first.click()
    assert_accessible(page)
    page.locator('input[name="intensity"][value="5"]').check()
    page.click('[data-testid="save-entry"]')
    assert "strength 5 of 5" in page.locator('[data-testid="entry"]').first.inner_text()

    # A check started from the diary: prefilled with what the diary tells, reasons shown.
    follow(page, '[data-testid="check-from-diary"]')
    assert page.locator('[data-testid="diary-prefill"]').is_visible()
    assert_accessible(page)
    page.goto(diary_url)

    with page.expect_download() as download:
        page.click('[data-testid="export-csv"]')
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 7 and {r["timezone"] for r in rows} == {ZONE} and {r["local_time"] for r in rows} == {"23:30"}

    page.click('[data-testid="diary-report"]')
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible() and not page.locator('[data-testid="print"]').is_visible()
    assert page.locator('[data-testid="chart-per-day"] table').is_visible()  # tables print open
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")

    page.goto(diary_url)
    page.click('[data-testid="delete-diary"]')
    assert_accessible(page)
    follow(page, '[data-testid="confirm-delete"]')
    assert page.locator('[data-testid="diary-deleted"]').is_visible()
    assert_accessible(page)
    assert page.goto(diary_url).status == 404
