"""End-to-end in headless Chromium: what a person does, with axe-core on every page visited."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml
from tests.e2e.driver import answer_all, assert_accessible, fill_step, outcome

CALM = {
    "locations": ["eyelid"],
    "duration": "days",
    "age": 24,
    "caffeine_cups_per_day": 7,
    "sleep_hours": 5,
    "stress_level": "high",
    "stimulants": True,
}


def api(server_url: str, answers: dict) -> dict:
    request = urllib.request.Request(
        server_url + "/api/assessments",
        data=json.dumps({"answers": answers}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def test_full_walk_to_results_is_accessible(page, server_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/privacy")
    assert_accessible(page)
    page.goto("/")
    assert_accessible(page)
    page.click("text=Start the check")
    answer_all(page, CALM, check_a11y=True)
    assert_accessible(page)
    urgency, causes = outcome(page)
    expected = api(server_url, CALM)
    assert urgency == expected["urgency"] == "self_care"
    assert causes[:3] == [c["id"] for c in expected["causes"][:3]]
    page.click("text=Report for your doctor")
    assert_accessible(page)
    assert page.locator("h1").inner_text().startswith("Muscle twitching")


def test_emergency_stops_the_questionnaire(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    page.check('input[name="sudden_one_sided_weakness"][value="yes"]')
    page.click('[data-testid="next"]')
    assert page.get_attribute('[data-testid="urgency"]', "data-urgency") == "emergency"
    assert page.locator('[data-testid="cause"]').count() == 0
    first = page.locator("main h1").first.inner_text()
    assert "now" in first.lower()
    assert_accessible(page)


def test_back_keeps_answers(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    page.check('input[name="fever"][value="no"]')
    page.click('[data-testid="next"]')
    page.check('input[name="locations"][value="calf"]')
    page.click('[data-testid="next"]')
    page.click('[data-testid="back"]')
    assert page.is_checked('input[name="locations"][value="calf"]')
    page.click('[data-testid="back"]')
    assert page.is_checked('input[name="fever"][value="no"]')


def test_validation_error_is_shown_by_the_field(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    for _ in range(3):
        page.click('[data-testid="next"]')
    page.fill('input[name="age"]', "250")
    page.click('[data-testid="next"]')
    assert page.locator(".error-summary").is_visible()
    assert "from 0 to 120" in page.locator("#e-age").inner_text()
    assert page.input_value('input[name="age"]') == "250"
    assert_accessible(page)


def test_delete_my_answers(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, {"locations": ["calf"], "recent_intense_exercise": True})
    results_url = page.url
    page.click('[data-testid="delete"]')
    assert "were deleted" in page.locator("h1").inner_text()
    assert_accessible(page)
    assert page.goto(results_url).status == 404


def test_printable_report(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, CALM)
    page.click("text=Report for your doctor")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert not page.locator("text=Print or save as PDF").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page\r") <= 2


def test_works_with_javascript_switched_off(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    answer_all(page, {"locations": ["thigh", "calf"], "recent_intense_exercise": True, "duration": "hours"})
    urgency, causes = outcome(page)
    assert urgency == "self_care" and causes[0] == "exercise_fatigue"
    context.close()


def _cases() -> list:
    cases = []
    for path in (PUBLIC_VIGNETTES, OWN_VIGNETTES):
        if path.exists():
            cases += [pytest.param(c, id=c["id"]) for c in read_yaml(path)]
    return cases


@pytest.mark.parametrize("case", _cases())
def test_vignettes_through_the_browser_match_the_api(page, server_url: str, case: dict) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, case["answers"])
    urgency, causes = outcome(page)
    expected = api(server_url, case["answers"])
    assert urgency == expected["urgency"]
    if urgency != "emergency":
        assert causes[:3] == [c["id"] for c in expected["causes"][:3]]


def test_fill_step_uses_only_public_hooks() -> None:
    """The driver must not depend on anything but names, values and data-testids."""
    import inspect

    source = inspect.getsource(fill_step)
    assert "class=" not in source and "#f-" not in source


def test_api_documentation_renders_without_a_cdn(page) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 8
    assert errors == []  # nothing blocked by the Content-Security-Policy
