"""Answer the interview or the questionnaire in a browser using only the public hooks (names, values, data-testids)."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def assert_accessible(page: Any) -> None:
    """No serious or critical axe-core violation on the current page."""
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{page.url}: " + "; ".join(f"{v['id']}: {v['help']}" for v in bad)


def fill_step(page: Any, answers: dict[str, Any]) -> None:
    names = set(page.eval_on_selector_all("form input[name]", "els => els.map(e => e.name)"))
    for qid, value in answers.items():
        if qid not in names:
            continue
        if isinstance(value, bool):
            page.check(f'input[name="{qid}"][value="{"yes" if value else "no"}"]')
        elif isinstance(value, list):
            for v in value:
                page.check(f'input[name="{qid}"][value="{v}"]')
        elif page.locator(f'input[inputmode="decimal"][name="{qid}"]').count():
            page.fill(f'input[name="{qid}"]', str(value))
        else:
            page.check(f'input[name="{qid}"][value="{value}"]')


def unknown_for_the_rest(page: Any) -> None:
    """Answer "don't know" on purpose where a question offers it and nothing is chosen yet (the
    warning signs start with no choice: they must be answered)."""
    page.eval_on_selector_all(
        'form input[type="radio"][value="unknown"]',
        """els => els.forEach(e => {
            if (!e.form.querySelector(`input[name="${e.name}"]:checked`)) { e.checked = true; }
        })""",
    )


def follow(page: Any, selector: str) -> None:
    """Click a link or a form's button and wait until the page it leads to (for a form: a POST, a
    303, then a GET) has loaded. A bare click returns once the new page starts to arrive, so a check
    made right after it that does not wait (`count()`, `is_visible()`, `is_checked()`) can read a
    page still half parsed and miss what it shows."""
    with page.expect_navigation():
        page.click(selector)


def press(page: Any, testid: str = "next") -> None:
    """Press a step's button (by its data-testid) and wait for the page it leads to."""
    follow(page, f'[data-testid="{testid}"]')


def questions_on_page(page: Any) -> list[str]:
    """The question ids the current step shows (its visible inputs' names, in order)."""
    names = page.eval_on_selector_all('form input[name]:not([type="hidden"])', "els => els.map(e => e.name)")
    return list(dict.fromkeys(names))


def answer_all(page: Any, answers: dict[str, Any], check_a11y: bool = False, start: str = "/check") -> list[list[str]]:
    """Answer each step from `answers` (the rest "don't know") until the outcome shows.

    `start`: `/check` (the adaptive interview) or `/check/full` (every question). Returns the
    question ids shown, one list a step: the interview's first steps are the warning-sign groups.
    """
    page.goto(start)
    steps: list[list[str]] = []
    for _ in range(60):
        if page.locator('[data-testid="urgency"]').count():
            return steps
        if check_a11y:
            assert_accessible(page)
        steps.append(questions_on_page(page))
        fill_step(page, answers)
        unknown_for_the_rest(page)
        press(page)
    raise AssertionError("the questionnaire did not finish")


def outcome(page: Any) -> tuple[str, list[str]]:
    urgency = page.get_attribute('[data-testid="urgency"]', "data-urgency")
    causes = page.eval_on_selector_all('[data-testid="cause"]', "els => els.map(e => e.dataset.causeId)")
    return urgency, causes
