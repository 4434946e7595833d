"""The function check's pages without JavaScript, as a browser submits them, with "now" set through
the app's clock: offered only when due, refused kindly before, errors named, the outcome, chart and
table on the diary page and in its report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.web import clock
from tests.conftest import UNLIMITED
from tests.pages.walker import hidden_fields

SAME = {"buttons": "same", "jars": "same", "stairs": "same", "walking": "same", "speech": "same", "swallowing": "same"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'fc.sqlite3'}", rate_limit=UNLIMITED))
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client


def at(browser: TestClient, days: float) -> None:
    browser.app.dependency_overrides[clock.now] = lambda: START + timedelta(days=days)  # type: ignore[attr-defined]


def start(browser: TestClient) -> str:
    page = browser.get("/diary")
    token = hidden_fields(page.text)["csrf_token"]
    created = browser.post("/diary", data={"csrf_token": token, "timezone": "Europe/London"}, follow_redirects=False)
    return created.headers["location"].rsplit("/", 1)[1]


def answer(browser: TestClient, key: str, answers: dict[str, str]):  # type: ignore[no-untyped-def]
    form = browser.get(f"/diary/{key}/function-check")
    token = hidden_fields(form.text)["csrf_token"]
    return browser.post(f"/diary/{key}/function-check", data={"csrf_token": token} | answers, follow_redirects=True)


def test_offered_then_not_again_for_two_weeks_then_stable(browser: TestClient) -> None:
    at(browser, 0)
    key = start(browser)
    diary = browser.get(f"/diary/{key}").text
    assert 'data-testid="offer-function-check"' in diary and 'data-testid="chart-function-check"' not in diary
    form = browser.get(f"/diary/{key}/function-check").text
    assert form.count('type="radio"') == 24 and "Doing up buttons or zips" in form and "Much harder" in form
    assert "Why only every two weeks" in form

    saved = answer(browser, key, SAME)
    assert saved.status_code == 200 and "Your check is saved." in saved.text
    assert 'data-status="first"' in saved.text and 'data-testid="offer-function-check"' not in saved.text
    assert "Your next check opens on <strong>16 November 2026</strong>" in saved.text
    assert 'data-testid="chart-function-check"' in saved.text

    at(browser, 10)
    early = browser.get(f"/diary/{key}/function-check").text
    assert 'data-testid="function-check-form"' not in early and "16 November 2026" in early
    token = hidden_fields(browser.get(f"/diary/{key}").text)["csrf_token"]  # a form opened before
    refused = browser.post(f"/diary/{key}/function-check", data={"csrf_token": token} | SAME)
    assert refused.status_code == 409 and "Your next function check is from 16 November 2026" in refused.text
    assert browser.get(f"/api/diaries/{key}/function-checks").json()["checks"].__len__() == 1

    at(browser, 28)
    assert 'data-testid="offer-function-check"' in browser.get(f"/diary/{key}").text
    stable = answer(browser, key, SAME | {"jars": "easier"})
    assert 'data-status="stable"' in stable.text and "Stable for 4 weeks" in stable.text
    report = browser.get(f"/diary/{key}/report").text
    assert "Stable for 4 weeks" in report and 'data-testid="chart-function-check"' in report
    assert "Last check: 30 November 2026. 2 checks in all." in report
    assert 'data-testid="offer-function-check"' not in report and '<details class="chart-data" open>' in report


def test_a_change_is_flagged_with_who_to_see_and_how_soon(browser: TestClient) -> None:
    at(browser, 0)
    key = start(browser)
    page = answer(browser, key, SAME | {"swallowing": "harder", "buttons": "much_harder"})
    assert 'data-urgency="within_24h"' in page.text and "See a doctor within 24 hours" in page.text
    assert "https://www.nice.org.uk/guidance/ng42" in page.text
    # The answers as a table, the harder ones in bold.
    assert "<strong>Much harder</strong>" in page.text and "<strong>Harder</strong>" in page.text


def test_missing_answers_are_named_and_nothing_is_stored(browser: TestClient) -> None:
    at(browser, 0)
    key = start(browser)
    page = answer(browser, key, {"buttons": "same", "jars": "nonsense"})
    assert page.status_code == 422
    assert 'Choose an answer for "Opening jars or bottles"' in page.text
    assert 'Choose an answer for "Swallowing food and drinks without choking"' in page.text
    assert 'Choose an answer for "Doing up buttons or zips"' not in page.text
    assert 'value="same" checked' in page.text  # what was answered stays
    assert browser.get(f"/api/diaries/{key}/function-checks").json()["checks"] == []


def test_unknown_diary_and_missing_token(browser: TestClient) -> None:
    assert browser.get("/diary/not-a-key/function-check").status_code == 404
    key = start(browser)
    assert browser.post(f"/diary/{key}/function-check", data=SAME).status_code == 403
