"""Issue 21, "The pages as a person meets them": each defect a person met, in headless Chromium.

Every test here failed on the pages before its fix (but the error summary's order, which held
already). Screenshots of the fixed pages go to docs/screenshots/ with TWITCHCHECK_SCREENSHOTS=1
(`SHOTS`), one per width where width matters.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from app.core.knowledge.loader import DEFAULT_PATH, load
from tests.e2e.driver import (
    answer_all,
    assert_accessible,
    fill_step,
    follow,
    press,
    questions_on_page,
    unknown_for_the_rest,
)

# docs/screenshots/ when asked for (TWITCHCHECK_SCREENSHOTS=1), else a scratch directory: a test
# run does not change tracked files
SHOTS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("TWITCHCHECK_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "twitchcheck-screenshots"
)
WIDTHS = [320, 390, 1280]
NO_WARNING_SIGNS: dict[str, Any] = {}  # filled from the first page: every warning sign "no"
KB = load(DEFAULT_PATH)
WARNING_SIGNS = [q.id for q in KB.questions if q.section == "warning_signs"]
FIRST_GROUP_OF_WARNING_SIGNS = next(list(g.questions) for g in KB.question_groups if g.questions[0] in WARNING_SIGNS)
CALM = {"locations": ["eyelid"], "duration": "days", "caffeine_cups_per_day": 7, "stress_level": "high"}


def press_next(page: Any) -> None:
    """Continue, and wait for the page it leads to (a 303, then a GET) to have loaded."""
    press(page)


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def api(server_url: str, path: str, answers: dict | None = None) -> dict:
    data = None if answers is None else json.dumps({"answers": answers}).encode()
    request = urllib.request.Request(server_url + path, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def warning_sign_ids(page: Any) -> list[str]:
    names = page.eval_on_selector_all('form input[type="radio"][value="unknown"]', "els => els.map(e => e.name)")
    return list(dict.fromkeys(names))


def all_no(page: Any) -> None:
    for qid in warning_sign_ids(page):
        page.check(f'input[name="{qid}"][value="no"]')


# 1. Nothing answered must not give a green "self-care" -----------------------------------------


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_warning_signs_start_unanswered_and_a_blank_one_is_an_error(page, start: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(start)
    signs = warning_sign_ids(page)  # the full questionnaire: all 18 on its first page; the interview: its first group
    assert signs == (WARNING_SIGNS if start == "/check/full" else FIRST_GROUP_OF_WARNING_SIGNS)
    assert page.locator('form input[type="radio"]:checked').count() == 0, "no warning sign is preselected"
    answered_no, unsure = signs[-2], signs[-1]
    page.check(f'input[name="{answered_no}"][value="no"]')
    page.check(f'input[name="{unsure}"][value="unknown"]')  # "don't know" on purpose is an answer
    press_next(page)
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    links = summary.locator("a")
    assert links.count() == len(signs) - 2
    assert "Do you have new shortness of breath" in links.first.inner_text()  # names the question
    assert "Answer yes, no or don't know" in page.locator("#e-breathing_difficulty").inner_text()
    assert page.is_checked(f'input[name="{answered_no}"][value="no"]')
    assert page.is_checked(f'input[name="{unsure}"][value="unknown"]')
    assert not page.locator('input[name="cannot_swallow"]:checked').count()
    assert_accessible(page)


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_nothing_answered_does_not_read_as_self_care(page, server_url: str, start: str) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, {}, start=start)  # every warning sign "don't know" on purpose, nothing else
    urgency = page.locator('[data-testid="urgency"]')
    assert urgency.get_attribute("data-urgency") == "self_care"  # the engine's urgency, as in the API
    assert urgency.get_attribute("data-unchecked") == "18"
    heading = page.locator("main h1").first.inner_text()
    assert "Look after yourself at home" not in heading and "not checked" in heading
    assert "urgency-self_care" not in (urgency.get_attribute("class") or "")
    assert page.locator('[data-testid="unchecked-sign"]').count() == 18
    assert "Watch for" in page.locator('[data-testid="unchecked"]').inner_text()
    assert_accessible(page)
    if start == "/check":
        shot(page, "results-unchecked-390")
    body = api(server_url, "/api/assessments", {})
    assert len(body["unchecked_warning_signs"]) == 18
    press(page, "answer-unchecked")  # back to the warning signs, "don't know" still chosen
    assert page.is_checked('input[name="cannot_swallow"][value="unknown"]') and "step=0" in page.url
    page.go_back()
    page.click("text=Report for your doctor")
    assert "not fully checked" in page.locator('[data-testid="urgency"]').inner_text()


def test_every_warning_sign_answered_no_reads_as_self_care(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check/full")
    all_no(page)
    press_next(page)
    page.check('input[name="locations"][value="eyelid"]')
    for _ in range(10):
        if page.locator('[data-testid="urgency"]').count():
            break
        unknown_for_the_rest(page)
        press_next(page)
    urgency = page.locator('[data-testid="urgency"]')
    assert urgency.get_attribute("data-urgency") == "self_care" and urgency.get_attribute("data-unchecked") == "0"
    assert "Look after yourself at home" in page.locator("main h1").first.inner_text()
    assert page.locator('[data-testid="unchecked"]').count() == 0


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_an_emergency_is_not_held_up_by_warning_signs_left_blank(page, start: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(start)
    page.check('input[name="breathing_difficulty"][value="yes"]')
    press_next(page)
    assert page.get_attribute('[data-testid="urgency"]', "data-urgency") == "emergency"


# 2. The browser's Back and reload never re-post a form -----------------------------------------


def navigations(page: Any, action: Any) -> list[str]:
    """The methods of the main frame's navigation requests while `action` runs."""
    methods: list[str] = []

    def record(request: Any) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            methods.append(request.method)

    page.on("request", record)
    action()
    page.wait_for_load_state()
    page.remove_listener("request", record)
    return methods


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_back_and_reload_work_on_every_step_without_resubmitting(page, start: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(start)
    answers = {**CALM, "fever": False}
    seen: list[list[str]] = []
    urls: list[str] = []
    for _ in range(40):
        if page.locator('[data-testid="urgency"]').count():
            break
        shown = questions_on_page(page)
        seen.append(shown)
        urls.append(page.url)
        assert navigations(page, page.reload) == ["GET"], "reload re-sent the form"
        assert questions_on_page(page) == shown
        fill_step(page, answers)
        unknown_for_the_rest(page)
        press_next(page)
    assert "/results/" in page.url
    assert navigations(page, page.reload) == ["GET"]
    for url in urls:  # the step number only: no answer is ever in a URL (or a server's access log)
        assert re.fullmatch(r".*/check(/full)?\?step=\d+", url), url
    kept = []
    for shown in reversed(seen):  # Back from the result through every step, each a plain GET
        assert navigations(page, page.go_back) == ["GET"], "Back re-sent the form"
        assert "ERR_CACHE_MISS" not in page.content() and "Confirm Form Resubmission" not in page.content()
        assert questions_on_page(page) == shown
        assert navigations(page, page.reload) == ["GET"]
        for name, value in (("fever", "no"), ("cannot_swallow", "unknown")):  # answers kept all the way back
            if name in shown:
                assert page.is_checked(f'input[name="{name}"][value="{value}"]'), name
                kept.append(name)
    assert sorted(kept) == ["cannot_swallow", "fever"]
    page.go_forward()
    page.wait_for_load_state()
    assert questions_on_page(page) == seen[1]


# 8. The emergency page says one thing: the emergency ------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_the_emergency_page_does_not_contradict_itself(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/check")
    while not page.locator('input[name="perioral_tingling"]').count():  # the warning signs before: "don't know"
        unknown_for_the_rest(page)
        press_next(page)
    page.check('input[name="perioral_tingling"][value="yes"]')  # with the spasms: tetany, an emergency,
    page.check('input[name="hand_foot_spasm"][value="yes"]')  # and the urgent "low calcium" sign too
    unknown_for_the_rest(page)
    press_next(page)
    assert page.get_attribute('[data-testid="urgency"]', "data-urgency") == "emergency"
    main = page.locator("main").inner_text()
    assert "within 24 hours" not in main, "an urgent card under 'call an ambulance'"
    assert "If you also get spasms" not in main  # advice asking about what the person reported
    assert page.locator(".flag-urgent").count() == 0
    others = page.locator('[data-testid="other-warning-signs"] li')
    assert (
        others.count() == 1
        and others.first.inner_text() == "Tingling around the mouth or claw-like hand or foot spasms"
    )
    assert page.locator('[data-flag-id="tetany"]').count() == 1
    assert_accessible(page)
    shot(page, f"emergency-other-signs-{width}")


# 3. Number fields keep what people type -----------------------------------------------------------


def to_step_with(page: Any, name: str) -> None:
    """Press Continue (warning signs "no", the rest "don't know") until a step asks `name`."""
    for _ in range(10):
        if page.locator(f'input[name="{name}"]').count():
            return
        if warning_sign_ids(page) and page.locator('input[name="fever"]').count():
            all_no(page)
        unknown_for_the_rest(page)
        press_next(page)
    raise AssertionError(f"no step asks {name}")


def test_number_fields_read_ranges_and_decimal_commas_and_say_so(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check/full")
    to_step_with(page, "caffeine_cups_per_day")
    cups, sleep = page.locator('input[name="caffeine_cups_per_day"]'), page.locator('input[name="sleep_hours"]')
    assert cups.get_attribute("inputmode") == "decimal" and cups.get_attribute("type") == "text"
    cups.fill("lots")
    sleep.fill("6,5")
    press_next(page)
    assert "a range such as 4-5 is fine" in page.locator("#e-caffeine_cups_per_day").inner_text()
    assert page.input_value('input[name="caffeine_cups_per_day"]') == "lots"  # kept, not dropped
    page.fill('input[name="caffeine_cups_per_day"]', "4-5")
    page.fill('input[name="sleep_hours"]', "6,5")
    press_next(page)
    understood = page.locator('[data-testid="understood"]').inner_text()
    assert "the middle of 4 to 5" in understood and "6.5" in understood
    assert_accessible(page)
    shot(page, "number-understood-390")
    page.go_back()
    assert page.input_value('input[name="caffeine_cups_per_day"]') == "4.5"  # decimals are answers (contract v2)
    assert page.input_value('input[name="sleep_hours"]') == "6.5"
    page.fill('input[name="sleep_hours"]', "5-6 hours")
    press_next(page)
    assert "5.5, the middle of 5 to 6" in page.locator('[data-testid="understood"]').inner_text()


# 10. The results page: answers with "change", advice in view, one disclaimer, delete asks -------

RESULT_ANSWERS = {**dict.fromkeys(WARNING_SIGNS, False), **CALM, "sleep_hours": 5, "age": 24, "stimulants": True}


@pytest.mark.parametrize("width", WIDTHS)
def test_results_show_answers_advice_and_one_disclaimer(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    answer_all(page, RESULT_ANSWERS, start="/check/full")
    advice = page.locator('[data-testid="self-care"]')
    assert advice.count() >= 2 and advice.first.is_visible()  # no click needed for the top causes' advice
    summaries = page.eval_on_selector_all(".causes summary", "els => els.map(e => e.textContent.trim())")
    assert len(summaries) == len(set(summaries)), "identical collapsed sections"
    assert page.locator("text=does not replace a doctor").count() == 1, "one disclaimer"
    heading = page.locator("#answers-title")
    assert heading.inner_text() == "Your answers"
    section = page.locator("section", has=heading)
    assert section.locator('[data-testid="change"]').count() >= 5 and section.locator(".link-box").count() == 0
    assert page.locator(".actions-panel h2").inner_text() != "Your answers"  # the private-link box has its own
    assert_accessible(page)
    shot(page, f"results-answers-{width}")


def test_change_an_answer_from_the_results(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, RESULT_ANSWERS, start="/check/full")
    first_result = page.url
    page.click('[data-testid="change"][data-question-id="caffeine_cups_per_day"]')
    assert re.search(r"/check/full\?step=\d+#q-caffeine_cups_per_day$", page.url), page.url
    assert page.input_value('input[name="caffeine_cups_per_day"]') == "7"
    assert page.input_value('input[name="sleep_hours"]') == "5"  # the other answers are kept
    page.fill('input[name="caffeine_cups_per_day"]', "1")
    for _ in range(5):
        if page.locator('[data-testid="urgency"]').count():
            break
        press_next(page)
    assert "/results/" in page.url and page.url != first_result
    answers = page.locator(".your-answers").inner_text()
    assert "1 cup" in answers and "5 hours" in answers and "Eyelid" in answers
    follow(page, '[data-testid="change"][data-question-id="fever"]')
    assert page.is_checked('input[name="fever"][value="no"]')
    assert page.is_checked('input[name="cannot_swallow"][value="no"]')


def test_delete_asks_for_confirmation_without_javascript(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    answer_all(page, {"locations": ["calf"]})
    results_url = page.url
    page.click('[data-testid="delete"]')
    assert page.locator("h1").inner_text() == "Delete your answers?"
    assert page.goto(results_url).status == 200  # nothing deleted yet
    page.go_back()
    page.click('[data-testid="confirm-delete"]')
    assert "were deleted" in page.locator("h1").inner_text()
    assert page.goto(results_url).status == 404
    context.close()


# 7. "Download answers (FHIR)" is a download -----------------------------------------------------


def test_fhir_answers_are_a_download(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, {"locations": ["calf"]})
    page.click("text=Report for your doctor")
    response = page.request.get(page.get_attribute('a:has-text("Download answers (FHIR)")', "href"))
    assert response.headers["content-disposition"].startswith('attachment; filename="twitchcheck-answers-')
    assert response.headers["content-disposition"].endswith('.fhir.json"')
    with page.expect_download(timeout=5000) as download:
        page.click("text=Download answers (FHIR)")
    assert download.value.suggested_filename.endswith(".fhir.json")
    assert json.loads(Path(download.value.path()).read_text())["resourceType"] == "Bundle"


# 4. No sideways scrolling on phones ------------------------------------------------------------


def assert_no_sideways_scroll(page: Any) -> None:
    page.wait_for_load_state()
    page.wait_for_selector("main")
    wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"{page.url}: the page is {wide[0]} px wide in a {wide[1]} px window"


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 800})
    answers = {**RESULT_ANSWERS, "medications": ["antidepressants"], "locations": ["eyelid", "calf"]}
    page.goto("/check/full")
    for _ in range(12):
        if page.locator('[data-testid="urgency"]').count():
            break
        assert_no_sideways_scroll(page)
        if page.locator('input[name="medications"]').count():
            shot(page, f"medicines-{width}")
        fill_step(page, answers)
        unknown_for_the_rest(page)
        press_next(page)
    for path in ("", "/report", "/delete"):
        page.goto(page.url.split("/results/")[0] + "/results/" + page.url.split("/results/")[1].split("/")[0] + path)
        assert_no_sideways_scroll(page)
    page.goto("/check")
    press_next(page)  # the error summary
    assert_no_sideways_scroll(page)
    page.check('input[name="breathing_difficulty"][value="yes"]')
    press_next(page)
    assert_no_sideways_scroll(page)  # the emergency page
    page.goto("/")
    assert_no_sideways_scroll(page)


# 6. The report prints on one or two A4 pages ---------------------------------------------------


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_the_report_prints_on_at_most_two_a4_pages(page, start: str) -> None:  # type: ignore[no-untyped-def]
    typical = {**RESULT_ANSWERS, "medications": ["antidepressants"], "locations": ["eyelid", "calf"]}
    answer_all(page, typical, start=start)
    page.click("text=Report for your doctor")
    assert "one or two A4" in page.locator("main").inner_text()  # says so honestly
    if start == "/check/full":
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            shot(page, f"report-typical-{width}")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and 1 <= pdf_pages(pdf) <= 2, pdf_pages(pdf)
    styles = page.eval_on_selector_all(".report h2, .report h3", "els => els.map(e => getComputedStyle(e).breakAfter)")
    assert styles and set(styles) == {"avoid"}  # no heading left alone at the bottom of a page
    tables = page.eval_on_selector_all(".report table", "els => els.map(e => getComputedStyle(e).breakInside)")
    assert set(tables) == {"avoid"}


# 11. Wording: plurals, the error summary's order, the report's time, Print without JavaScript ----


def test_one_cup_is_one_cup(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, {**RESULT_ANSWERS, "caffeine_cups_per_day": 1, "sleep_hours": 1}, start="/check/full")
    answers = page.locator(".your-answers").inner_text()
    assert "1 cup of coffee" in answers and "1 cups" not in answers
    assert "1 hour a night" in answers and "1 hours" not in answers


def test_the_error_summary_follows_the_form_order(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check/full")
    page.check('input[name="muscle_wasting"][value="no"]')
    press_next(page)
    linked = page.eval_on_selector_all("#error-summary a", "els => els.map(e => e.getAttribute('href').slice(3))")
    in_form = page.eval_on_selector_all(".question.has-error", "els => els.map(e => e.id.slice(2))")
    assert linked == in_form and len(linked) == 17


def report_of_a_check(page: Any) -> None:
    answer_all(page, {"locations": ["calf"]})
    page.goto(page.url + "/report")


def test_the_report_shows_local_time_with_its_zone_and_utc_without_javascript(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, timezone_id="America/New_York", locale="en-US")
    page = context.new_page()
    report_of_a_check(page)
    when = page.locator("time[datetime]").inner_text()
    assert "New York time" in when and "UTC" not in when, when
    context.close()
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    report_of_a_check(page)
    assert page.locator("time[datetime]").inner_text().endswith("UTC (Coordinated Universal Time)")
    context.close()


def test_print_buttons_show_only_when_they_work(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    for javascript in (False, True):
        context = browser.new_context(base_url=server_url, java_script_enabled=javascript)
        page = context.new_page()
        report_of_a_check(page)
        assert page.locator("text=Print or save as PDF").is_visible() is javascript
        hint = page.locator('[data-testid="print-hint"]')
        assert (hint.count() > 0 and hint.is_visible()) is not javascript
        context.close()


def test_the_browser_s_back_shows_what_none_of_these_stored(page) -> None:  # type: ignore[no-untyped-def]
    """Issue 21, item 2: after "None of these", the browser's own Back shows the step as stored
    ("no" for each sign), not the blank radios the browser would otherwise restore."""
    page.goto("/check")
    shown = questions_on_page(page)
    with page.expect_navigation():
        page.click('[data-testid="none"]')
    assert questions_on_page(page) != shown
    page.go_back()
    page.wait_for_load_state()
    assert questions_on_page(page) == shown
    for qid in shown:
        assert page.is_checked(f'input[name="{qid}"][value="no"]'), qid
