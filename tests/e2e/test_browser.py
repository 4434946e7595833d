"""End-to-end in headless Chromium: what a person does, with axe-core on every page visited."""

from __future__ import annotations

import json
import urllib.request

import pytest

from app.core.engine import Interviewer, compile_knowledge
from app.core.engine.interview_eval import simulate
from app.core.knowledge.loader import DEFAULT_PATH, load
from app.core.knowledge.model import URGENCY_LEVELS
from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml
from tests.e2e.driver import (
    answer_all,
    assert_accessible,
    fill_step,
    follow,
    outcome,
    press,
    questions_on_page,
    unknown_for_the_rest,
)

KB = load(DEFAULT_PATH)
SCREEN = [q.id for q in KB.questions if q.section == KB.sections[0].id]
GROUPS_OF_WARNING_SIGNS = [g for g in KB.question_groups if set(g.questions) <= set(SCREEN)]

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


def asked_answers(steps: list[list[str]], answers: dict) -> dict:
    """The answers a walk actually gave: those to the questions it was shown."""
    shown = {qid for step in steps for qid in step}
    return {qid: value for qid, value in answers.items() if qid in shown}


def test_a_step_of_one_question_does_not_offer_none_of_these(page, server_url: str) -> None:  # type: ignore[no-untyped-def]
    """The family history is a step of one yes/no question: it is answered with its own Yes, No or
    Don't know, without a "None of these" button or a hint about "any of these"."""
    page.goto("/check")
    for _ in range(20):
        if questions_on_page(page) == ["family_history_neuromuscular"]:
            break
        unknown_for_the_rest(page)
        press(page)
    else:
        raise AssertionError("the family-history step never came")
    assert page.locator('[data-testid="none"]').count() == 0
    assert "None of these" not in page.locator('[data-testid="step"]').inner_text()
    assert_accessible(page)


def test_interview_walk_to_results_is_accessible(page, server_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/privacy")
    assert_accessible(page)
    page.goto("/")
    assert_accessible(page)
    follow(page, "text=Start the check")
    assert page.locator('[data-testid="step"] legend h1').is_visible()
    assert page.locator('[data-testid="full-questionnaire"]').is_visible()
    steps = answer_all(page, CALM, check_a11y=True)
    screen = set(SCREEN)
    after = [step for step in steps if not set(step) <= screen]
    assert sum(1 for step in steps if set(step) <= screen) <= 6 and 1 <= len(after) <= 5
    # related questions shown together; the family history is a group of one, asked here because the
    # warning signs were left "don't know" and so cannot rule out weakness
    assert all(len(step) > 1 for step in steps if step != ["family_history_neuromuscular"])
    assert ["family_history_neuromuscular"] in steps
    assert_accessible(page)
    urgency, causes = outcome(page)
    expected = api(server_url, asked_answers(steps, CALM))  # the result of what the interview asked
    assert urgency == expected["urgency"] == "self_care"
    assert causes == [c["id"] for c in expected["causes"]]
    page.click("text=Report for your doctor")
    assert_accessible(page)
    assert page.locator("h1").inner_text().startswith("Muscle twitching")


def test_interview_steps_show_why_and_how_far(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    for _ in GROUPS_OF_WARNING_SIGNS:
        press(page, "none")
    assert "Page 1 after the warning signs" in page.locator('[data-testid="progress"]').inner_text()
    for qid in questions_on_page(page):  # each question: one "why we ask" line
        assert page.locator(f"#h-{qid}").inner_text().startswith("Why we ask:")
        assert page.locator(f"#q-{qid} .why").count() == 1
    assert page.locator('[data-testid="full-questionnaire"]').is_visible()
    assert page.locator("progress").count() == 0
    assert_accessible(page)


def test_grouped_steps_by_keyboard_with_labels_at_320_px(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    """Each step is a fieldset named by its legend (the group's title), every question in it a
    labelled group or field; the warning signs are a few pages answered "None of these" in one
    key press each; nothing scrolls sideways at 320 px; axe finds nothing serious."""
    context = browser.new_context(base_url=server_url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto("/check")

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url

    for number, group in enumerate(GROUPS_OF_WARNING_SIGNS, start=1):
        assert f"Warning signs: page {number} of" in page.locator('[data-testid="progress"]').inner_text()
        assert page.get_by_role("group", name=group.title, exact=True).count() == 1
        assert questions_on_page(page) == list(group.questions)
        for qid in group.questions:
            assert page.get_by_role("group", name=KB.question(qid).text.strip(), exact=True).count() == 1
        fits()
        assert_accessible(page)
        for _ in range(80):  # by keyboard alone: Tab to "None of these", then Enter
            if page.evaluate("document.activeElement.dataset.testid") == "none":
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError("'None of these' cannot be reached with the Tab key")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    # every sign left blank is answered "no" (not "don't know"): each warning-sign page, opened
    # again by its address (the browser's Back would restore the radios as they were left), shows it
    after = len(GROUPS_OF_WARNING_SIGNS)
    assert page.url.endswith(f"/check?step={after}")
    for number, group in enumerate(GROUPS_OF_WARNING_SIGNS):
        page.goto(f"/check?step={number}")
        assert questions_on_page(page) == list(group.questions)
        assert all(page.is_checked(f'input[name="{qid}"][value="no"]') for qid in group.questions), group.id
    page.goto(f"/check?step={after}")
    # after the warning signs: what the person came with, named by its legend, labelled fields
    opening = next(g for g in KB.question_groups if g.opening)
    assert page.get_by_role("group", name=opening.title, exact=True).count() == 1
    assert page.get_by_label(KB.question("age").text).count() == 1
    fits()
    assert_accessible(page)
    steps = 0
    while not page.locator('[data-testid="urgency"]').count():
        steps += 1
        fits()
        assert_accessible(page)
        fill_step(page, CALM)
        press(page)
    assert 1 <= steps <= 5
    fits()
    # every sign "no": none left unchecked ("don't know"), none "yes"
    urgency = page.locator('[data-testid="urgency"]')
    assert urgency.get_attribute("data-urgency") == "self_care" and urgency.get_attribute("data-unchecked") == "0"
    context.close()


def test_full_questionnaire_from_the_interview_link(page, server_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    page.click("text=Answer every question instead")
    assert page.url.endswith("/check/full?step=0")  # a fresh start, then each step by its number
    assert "Step 1 of" in page.locator(".progress").inner_text()
    steps = answer_all(page, CALM, check_a11y=True, start="/check/full")
    assert len(steps) > 2 and sum(len(step) for step in steps) > 30
    urgency, causes = outcome(page)
    expected = api(server_url, CALM)
    assert urgency == expected["urgency"] == "self_care"
    assert causes[:3] == [c["id"] for c in expected["causes"][:3]]


def test_emergency_stops_the_interview(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check")
    while not page.locator('input[name="sudden_one_sided_weakness"]').count():
        press(page, "none")
    page.check('input[name="sudden_one_sided_weakness"][value="yes"]')
    press(page)
    assert page.get_attribute('[data-testid="urgency"]', "data-urgency") == "emergency"
    assert page.locator('[data-testid="cause"]').count() == 0
    first = page.locator("main h1").first.inner_text()
    assert "now" in first.lower()
    assert_accessible(page)


def _first_answer(page) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Tick the first box, or the first "no", among the current step's choices (a "yes" to a warning sign
    could end the interview)."""
    choice = page.locator('form input[type="checkbox"], form input[type="radio"][value="no"]').first
    name, value = choice.get_attribute("name"), choice.get_attribute("value")
    choice.check()
    return name, value


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_back_keeps_answers(page, start: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(start)
    page.check('input[name="breathing_difficulty"][value="no"]')
    unknown_for_the_rest(page)
    press(page)
    first_step = questions_on_page(page)
    name, value = _first_answer(page)
    unknown_for_the_rest(page)  # the interview's second step holds warning signs too: none left blank
    press(page)
    assert questions_on_page(page) != first_step
    press(page, "back")
    assert questions_on_page(page) == first_step
    assert page.is_checked(f'input[name="{name}"][value="{value}"]')
    press(page, "back")
    assert page.is_checked('input[name="breathing_difficulty"][value="no"]')


def test_validation_error_is_shown_by_the_field(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/check/full")
    for _ in range(3):
        unknown_for_the_rest(page)
        press(page)
    page.fill('input[name="age"]', "250")
    press(page)
    assert page.locator(".error-summary").is_visible()
    assert "from 0 to 120" in page.locator("#e-age").inner_text()
    assert page.input_value('input[name="age"]') == "250"
    assert_accessible(page)


def test_delete_my_answers(page) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, {"locations": ["calf"], "recent_intense_exercise": True})
    results_url = page.url
    page.click('[data-testid="delete"]')
    assert "Delete your answers?" in page.locator("h1").inner_text()  # asks first
    page.click('[data-testid="confirm-delete"]')
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


@pytest.mark.parametrize("start", ["/check", "/check/full"])
def test_works_with_javascript_switched_off(browser, server_url: str, start: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    answers = {"locations": ["thigh", "calf"], "recent_intense_exercise": True, "duration": "hours"}
    answer_all(page, answers, start=start)
    urgency, causes = outcome(page)
    assert urgency == "self_care" and causes[0] == "exercise_fatigue"
    context.close()


def _cases(*paths) -> list:  # type: ignore[no-untyped-def]
    cases = []
    for path in paths:
        if path.exists():
            cases += [pytest.param(c, id=c["id"]) for c in read_yaml(path)]
    return cases


@pytest.fixture(scope="module")
def interviewer() -> Interviewer:
    return Interviewer(compile_knowledge(load(DEFAULT_PATH)))


@pytest.mark.parametrize("case", _cases(PUBLIC_VIGNETTES, OWN_VIGNETTES))
def test_vignettes_through_the_interview_in_a_browser(  # type: ignore[no-untyped-def]
    page, server_url: str, interviewer: Interviewer, case: dict, request: pytest.FixtureRequest
) -> None:
    """Drive /check the adaptive way; count the questions asked; never less urgent than the full
    questionnaire. How often the causes match it is measured by `evaluate --interview`."""
    steps = answer_all(page, case["answers"])
    run = simulate(interviewer, case["answers"])
    assert [tuple(step) for step in steps] == list(run.shown)  # step by step what the engine shows
    asked = run.asked  # questions after the warning signs, as the contract counts them
    request.node.user_properties.append(("questions_asked", asked))  # kept in a JUnit report
    request.node.user_properties.append(("steps_after_warning_signs", run.steps))
    urgency, causes = outcome(page)
    full = api(server_url, case["answers"])  # what the full questionnaire gives (tests/pages checks this)
    full_top3 = [c["id"] for c in full["causes"][:3]]
    same = urgency == full["urgency"] and (urgency == "emergency" or causes[:3] == full_top3)
    print(
        f"\n{case['id']}: {run.steps} steps, {asked} questions after the warning signs;"
        f" same advice as the full questionnaire: {same}"
        f" (urgency {urgency == full['urgency']}, most likely cause {causes[:1] == full_top3[:1]},"
        f" same three causes {set(causes[:3]) == set(full_top3)})"
    )
    assert URGENCY_LEVELS.index(urgency) <= URGENCY_LEVELS.index(full["urgency"]), "never less urgent"


@pytest.mark.parametrize("case", _cases(PUBLIC_VIGNETTES))
def test_vignettes_through_the_full_questionnaire_match_the_api(page, server_url: str, case: dict) -> None:  # type: ignore[no-untyped-def]
    answer_all(page, case["answers"], start="/check/full")
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
