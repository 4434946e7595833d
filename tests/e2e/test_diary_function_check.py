"""The function check in headless Chromium, end to end, with the app's clock moved on instead of
waiting: start a diary, answer the check, see it is not offered again within two weeks (and that
opening the form then says so kindly), move two weeks on, answer again, see "stable"; two more
weeks with a harder task: see the change flagged. The chart reads on a phone, nothing scrolls
sideways at 320 px (with and without JavaScript), axe-core finds nothing serious."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.clocked import Clock, clocked_app
from tests.e2e.driver import assert_accessible, follow
from tests.e2e.test_diary_charts import MEASURE, _overlap

SAME = {"buttons": "same", "jars": "same", "stairs": "same", "walking": "same", "speech": "same", "swallowing": "same"}


@pytest.fixture(scope="module")
def clocked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Clock]]:
    db = tmp_path_factory.mktemp("fc") / "fc.sqlite3"
    with clocked_app(f"sqlite:///{db}") as running:
        yield running


def answer_check(page, answers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    form = page.locator('[data-testid="function-check-form"]')
    for item, value in answers.items():
        form.locator(f'input[name="{item}"][value="{value}"]').check()
    page.click('[data-testid="save-function-check"]')


def assert_chart_readable(page, width: int) -> None:  # type: ignore[no-untyped-def]
    svg = page.locator('[data-testid="chart-function-check"] svg').first
    found = svg.evaluate(MEASURE)
    box, texts = found["svg"], found["texts"]
    assert len(texts) >= 6 * 5
    for t in texts:
        assert t["size"] >= 11 and t["height"] >= 12, f"{t['text']!r} is {t['size']:.1f} px at {width} px"
        assert box["left"] - 0.5 <= t["left"] and t["right"] <= box["right"] + 0.5, f"{t['text']!r} is cut at {width}"
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert not _overlap(a, b), f"{a['text']!r} overlaps {b['text']!r} at {width} px"


def no_sideways_scroll(page, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(path)
    scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{path} is {scroll} px wide in a {inner} px window"


def test_function_check_end_to_end(browser, clocked) -> None:  # type: ignore[no-untyped-def]
    url, clock = clocked
    context = browser.new_context(
        base_url=url, viewport={"width": 390, "height": 844}, timezone_id="Europe/London", locale="en-GB"
    )
    page = context.new_page()
    page.goto("/diary")
    page.click('[data-testid="create-diary"]')
    diary_url = page.url

    # Offered on a new diary; the form asks six everyday tasks, four answers each.
    section = page.locator('[data-testid="function-check"]')
    assert section.is_visible() and page.locator('[data-testid="function-outcome"]').count() == 0
    follow(page, '[data-testid="offer-function-check"]')
    assert page.locator('[data-testid="function-check-form"] fieldset').count() == 6
    assert page.locator('input[type="radio"]').count() == 24
    assert_accessible(page)

    # Saving with a question left out: the error names it, nothing is stored.
    answer_check(page, {k: v for k, v in SAME.items() if k != "speech"})
    assert "Speaking clearly" in page.locator("#error-summary").inner_text()
    assert_accessible(page)
    page.check('input[name="speech"][value="same"]')
    page.click('[data-testid="save-function-check"]')

    assert page.locator('[data-testid="function-saved"]').is_visible()
    outcome = page.locator('[data-testid="function-outcome"]')
    assert outcome.get_attribute("data-status") == "first"
    assert page.locator('[data-testid="offer-function-check"]').count() == 0
    assert "Your next check opens on" in page.locator('[data-testid="function-next"]').inner_text()
    assert_accessible(page)

    # Within two weeks: not offered, and the form's address says when, kindly, with why.
    for days in (1, 12):
        clock.advance(days)
        page.goto(diary_url)
        assert page.locator('[data-testid="offer-function-check"]').count() == 0
    page.goto(diary_url + "/function-check")
    assert page.locator('[data-testid="function-check-form"]').count() == 0
    assert "Your next function check is from" in page.locator('[data-testid="function-not-due"]').inner_text()
    assert page.locator('[data-testid="function-why"]').get_attribute("open") is not None
    assert_accessible(page)

    # Fourteen days on: offered again; the second check is the same: stable for 2 weeks.
    clock.advance(1)
    page.goto(diary_url)
    follow(page, '[data-testid="offer-function-check"]')
    answer_check(page, SAME | {"jars": "easier"})
    outcome = page.locator('[data-testid="function-outcome"]')
    assert outcome.get_attribute("data-status") == "stable"
    assert "Stable for 2 weeks" in outcome.inner_text()
    chart = page.locator('[data-testid="chart-function-check"]')
    assert chart.locator("svg").is_visible()
    assert chart.locator("tbody tr").count() == 2
    assert chart.locator("svg circle").count() == 12 and chart.locator("svg rect").count() == 0
    assert_accessible(page)

    # Two weeks more, stairs harder: a change, book a GP appointment.
    clock.advance(14)
    page.goto(diary_url)
    follow(page, '[data-testid="offer-function-check"]')
    answer_check(page, SAME | {"stairs": "harder"})
    outcome = page.locator('[data-testid="function-outcome"]')
    assert outcome.get_attribute("data-status") == "changed" and outcome.get_attribute("data-urgency") == "gp"
    assert "GP" in outcome.inner_text()
    assert page.locator('[data-testid="chart-function-check"] svg rect').count() == 1  # the harder answer
    assert_accessible(page)

    page.click('[data-testid="diary-report"]')
    report = page.locator('[data-testid="function-check"]')
    assert "A change worth seeing a doctor about" in report.inner_text()
    assert page.locator('[data-testid="chart-function-check"] table').is_visible()  # open in the report
    assert_accessible(page)
    context.close()

    key = diary_url.rsplit("/", 1)[1]
    for javascript in (True, False):
        context = browser.new_context(
            base_url=url, viewport={"width": 320, "height": 700}, java_script_enabled=javascript
        )
        page = context.new_page()
        for path in (f"/diary/{key}", f"/diary/{key}/report", f"/diary/{key}/function-check"):
            no_sideways_scroll(page, path)
        page.goto(f"/diary/{key}")
        assert_chart_readable(page, 320)
        context.close()
    for width in (390, 1280):
        context = browser.new_context(base_url=url, viewport={"width": width, "height": 844})
        page = context.new_page()
        page.goto(f"/diary/{key}")
        assert_chart_readable(page, width)
        context.close()
