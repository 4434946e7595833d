"""Over the steps limit in a real browser, with JavaScript on and off: a page, not JSON,
accessible, and "Try again" carries on with the answers once the wait is over."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.driver import assert_accessible, fill_step, press, questions_on_page, unknown_for_the_rest
from tests.servers import running_app


@pytest.fixture
def limited_url(tmp_path: Path) -> Iterator[str]:
    """A server of its own for each test: they all come from 127.0.0.1, so they would share a budget."""
    with running_app(f"sqlite:///{tmp_path / 'limits.sqlite3'}", TWITCHCHECK_RATE_LIMIT_STEPS="2 per 5 seconds") as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_person_over_the_limit_keeps_their_answers(browser, limited_url: str, javascript: bool) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=limited_url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto("/check")
    press(page, "none")  # 1: the first warning signs, "None of these"
    fill_step(page, {"fever": False})
    unknown_for_the_rest(page)
    press(page)  # 2: the second page of warning signs
    third = questions_on_page(page)
    fill_step(page, {third[0]: False})
    unknown_for_the_rest(page)
    with page.expect_navigation() as navigation:
        page.click('[data-testid="next"]')  # 3: over the limit
    response = navigation.value
    assert response is not None and response.status == 429
    assert "Try again in" in page.inner_text('[data-testid="retry-after"]')
    if javascript:  # axe-core runs in the page, so only where scripts run
        assert_accessible(page)
    time.sleep(int(response.headers["retry-after"]) + 0.5)
    press(page, "try-again")
    assert questions_on_page(page) and not set(questions_on_page(page)) & set(third)  # the step after
    assert page.url.endswith("/check?step=3")
    # the answers re-posted by "Try again" are kept, and so are the earlier steps' (progress cookie)
    page.goto("/check?step=2")
    assert page.is_checked(f'input[name="{third[0]}"][value="no"]')
    assert all(page.is_checked(f'input[name="{qid}"][value="unknown"]') for qid in third[1:])
    page.goto("/check?step=1")
    assert page.is_checked('input[name="fever"][value="no"]')
    page.goto("/check?step=0")
    assert page.locator('form input[value="no"]:checked').count() == len(questions_on_page(page))
    context.close()
