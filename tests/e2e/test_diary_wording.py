"""What the diary says, in a browser: counts in the right singular or plural, plain pattern
sentences, errors that name their field in the form's order, a rounded duration said out loud, a
time zone chosen from a list (the browser's with JavaScript, one from the language settings
without), and a Print button only where it works."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.diary_data import make_diary
from tests.e2e.driver import follow

BAD_COUNTS = re.compile(r"\b(?:1 (?:episodes|days|entries|cups)|all 1\b|1 of \d+ episodes were)", re.I)


def _context(browser, server_url: str, **options):  # type: ignore[no-untyped-def]
    options.setdefault("viewport", {"width": 390, "height": 844})
    return browser.new_context(base_url=server_url, **options)


def _local(zone: str, days_ago: int, hour: int = 10) -> str:
    when = datetime.now(ZoneInfo(zone)).replace(hour=hour, minute=0) - timedelta(days=days_ago)
    return when.strftime("%Y-%m-%dT%H:%M")


def test_counts_are_singular_or_plural_as_they_should_be(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    zone = "UTC"
    entries = [
        {
            "occurred_at": _local(zone, 3),
            "location": "calf",
            "duration_seconds": 5,
            "intensity": 2,
            "triggers": ["caffeine"],
        },
        {"occurred_at": _local(zone, 2, 21), "location": "calf", "duration_seconds": 5, "intensity": 2},
        {"occurred_at": _local(zone, 1), "location": "eyelid", "duration_seconds": 5, "intensity": 2},
        {"occurred_at": _local(zone, 1, 11), "location": "eyelid", "duration_seconds": 5, "intensity": 2},
    ]
    many = make_diary(server_url, zone, entries)
    one = make_diary(server_url, zone, entries[:1])
    context = _context(browser, server_url)
    page = context.new_page()
    for path in (f"/diary/{many}", f"/diary/{one}", f"/diary/{one}/delete", f"/diary/{one}/report"):
        page.goto(path)
        text = page.locator("main").inner_text()
        assert not BAD_COUNTS.search(text), f"{path}: {BAD_COUNTS.search(text).group(0)!r}"  # type: ignore[union-attr]
    page.goto(f"/diary/{one}/delete")
    assert "the 1 entry in it" in page.locator("main").inner_text()
    context.close()


def test_patterns_are_short_plain_sentences(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    zone = "UTC"
    entries = [
        {
            "occurred_at": _local(zone, d, 8 + i),
            "location": "calf",
            "duration_seconds": 5,
            "intensity": 2,
            "caffeine_cups": cups,
        }
        for d, cups, count in ((6, 5, 3), (5, 4, 2), (4, 6, 1), (3, 1, 1), (2, 2, 1))
        for i in range(count)
    ]
    key = make_diary(server_url, zone, entries)
    context = _context(browser, server_url)
    page = context.new_page()
    page.goto(f"/diary/{key}")
    patterns = page.locator('[data-testid="patterns"] li').all_inner_texts()
    assert "On days with 4 or more cups of caffeine: 2 episodes a day (6 on 3 days)." in patterns
    assert "On days with fewer cups: 1 a day (2 on 2 days)." in patterns
    assert all(len(p) <= 90 for p in patterns), patterns
    context.close()


def test_errors_name_their_field_in_the_form_s_order(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    key = make_diary(server_url, "UTC", [])
    context = _context(browser, server_url)
    page = context.new_page()
    page.goto(f"/diary/{key}")
    form = page.locator('[data-testid="entry-form"]')
    form.locator('input[name="occurred_at"]').fill(_local("UTC", -3))
    form.locator('input[name="duration_value"]').fill("-3")
    form.locator('input[name="caffeine_cups"]').fill("99")
    page.click('[data-testid="save-entry"]')
    summary = page.locator("#error-summary")
    messages = summary.locator("li").all_inner_texts()
    assert "The date and time is more than a day in the future" in messages
    assert not [m for m in messages if m[:1].islower() or m.startswith("Is ")], messages
    order = summary.evaluate(
        """s => Array.from(s.querySelectorAll('a')).map(a => {
             const target = document.querySelector(a.getAttribute('href'));
             return Array.from(document.querySelectorAll('[data-testid="entry-form"] *')).indexOf(target);
           })"""
    )
    assert -1 not in order and order == sorted(order) and len(order) == 5, (messages, order)
    context.close()


@pytest.mark.parametrize(("typed", "unit", "saved"), [("0.5", "seconds", "1 s"), ("2.4", "seconds", "2 s")])
def test_a_rounded_duration_is_said_not_hidden(browser, server_url: str, typed: str, unit: str, saved: str) -> None:  # type: ignore[no-untyped-def]
    key = make_diary(server_url, "UTC", [])
    context = _context(browser, server_url, timezone_id="UTC")
    page = context.new_page()
    page.goto(f"/diary/{key}")
    form = page.locator('[data-testid="entry-form"]')
    form.locator('input[name="location"][value="calf"]').check()
    form.locator('input[name="duration_value"]').fill(typed)
    form.locator('select[name="duration_unit"]').select_option(unit)
    form.locator('input[name="intensity"][value="2"]').check()
    page.click('[data-testid="save-entry"]')
    shown = page.locator('[data-testid="entry"]').first.inner_text()
    status = " ".join(page.locator('[role="status"]').all_inner_texts())
    assert f" {typed} s " in f" {shown} " or (typed in status and saved in status), (shown, status)
    # A whole number says nothing more.
    form.locator('input[name="location"][value="calf"]').check()
    form.locator('input[name="duration_value"]').fill("1.5")
    form.locator('select[name="duration_unit"]').select_option("minutes")
    form.locator('input[name="intensity"][value="2"]').check()
    page.click('[data-testid="save-entry"]')
    assert "1 min 30 s" in page.locator('[data-testid="entry"]').first.inner_text()
    assert "rounded" not in " ".join(page.locator('[role="status"]').all_inner_texts())
    context.close()


def test_without_javascript_the_time_zone_comes_from_the_language_and_is_chosen_from_a_list(
    browser, server_url: str
) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, server_url, java_script_enabled=False, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.goto("/diary")
    zone = page.locator('select[name="timezone"]')
    assert zone.is_visible() and zone.input_value() == "Europe/London"
    assert page.locator('label[for="' + (zone.get_attribute("id") or "") + '"]').is_visible()
    zone.select_option("Europe/Berlin")
    page.click('[data-testid="create-diary"]')
    settings = page.locator('#settings select[name="timezone"]')
    assert settings.input_value() == "Europe/Berlin"
    groups = settings.evaluate("s => Array.from(s.querySelectorAll('optgroup')).map(g => g.label)")
    assert {"Africa", "America", "Asia", "Europe", "Pacific"} <= set(groups) and groups == sorted(groups)
    settings.select_option("America/Chicago")
    follow(page, "#settings button[type=submit]")
    assert page.locator('#settings select[name="timezone"]').input_value() == "America/Chicago"
    assert "America/Chicago" in page.locator('[data-testid="entry-form"]').inner_text()
    context.close()


def test_with_javascript_the_browser_s_time_zone_is_preselected(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, server_url, locale="en-GB", timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto("/diary")
    assert page.locator('select[name="timezone"]').input_value() == "Asia/Tokyo"
    page.click('[data-testid="create-diary"]')
    assert page.locator('#settings select[name="timezone"]').input_value() == "Asia/Tokyo"
    context.close()


def test_print_is_offered_only_where_it_works(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    key = make_diary(server_url, "UTC", [])
    off = _context(browser, server_url, java_script_enabled=False)
    page = off.new_page()
    page.goto(f"/diary/{key}/report")
    assert not page.locator('[data-testid="print"]').is_visible()
    assert "Ctrl+P" in page.locator("main").inner_text()  # how to print without the button
    off.close()
    on = _context(browser, server_url)
    on.add_init_script("window.print = () => { window.printed = true; };")
    page = on.new_page()
    page.goto(f"/diary/{key}/report")
    page.click('[data-testid="print"]')
    assert page.evaluate("() => window.printed === true")
    on.close()
