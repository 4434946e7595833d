"""Diary pages without JavaScript, as a browser submits them: create, log, fix errors, edit, delete
an entry, export CSV, print, delete the diary."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import UNLIMITED
from tests.pages.walker import hidden_fields, warning_signs_unknown


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'diary.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
        )
    )
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client


def start(browser: TestClient, zone: str = "Europe/Berlin") -> str:
    page = browser.get("/diary")
    assert page.status_code == 200
    token = hidden_fields(page.text)["csrf_token"]
    created = browser.post("/diary", data={"csrf_token": token, "timezone": zone}, follow_redirects=False)
    assert created.status_code == 303
    return created.headers["location"].rsplit("/", 1)[1]


def token(html: str) -> str:
    return hidden_fields(html)["csrf_token"]


def log(browser: TestClient, key: str, **fields: object) -> object:
    page = browser.get(f"/diary/{key}")
    form = {
        "csrf_token": token(page.text),
        "timezone": "Europe/Berlin",
        "occurred_at": (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "calf",
        "duration_value": "30",
        "duration_unit": "seconds",
        "intensity": "2",
    } | {k: v for k, v in fields.items()}
    return browser.post(f"/diary/{key}/entries", data=form, follow_redirects=True)


def test_start_remembers_the_diary_in_a_secure_http_only_cookie(browser: TestClient) -> None:
    page = browser.get("/diary")
    assert "Anyone with the link can read and change the diary" in page.text
    created = browser.post(
        "/diary", data={"csrf_token": token(page.text), "timezone": "Europe/Berlin"}, follow_redirects=False
    )
    cookie = created.headers["set-cookie"]
    assert cookie.startswith("__Host-diary=") and "HttpOnly" in cookie and "Secure" in cookie
    key = created.headers["location"].rsplit("/", 1)[1]
    assert len(key) >= 22
    again = browser.get("/diary")
    assert f"/diary/{key}" in again.text and 'data-testid="continue-diary"' in again.text


def test_a_form_without_its_token_is_refused(browser: TestClient) -> None:
    assert browser.post("/diary", data={"timezone": "UTC"}).status_code == 403


def test_log_an_episode_and_see_it_with_charts_and_patterns(browser: TestClient) -> None:
    key = start(browser)
    page = log(browser, key, triggers=["caffeine", "stress"], note="<script>alert(1)</script> after coffee")
    assert page.status_code == 200
    html = page.text
    assert html.count('data-testid="entry"') == 1 and "Entry added." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Caffeine as a possible trigger: the only episode." in html
    for chart in ("per-day", "by-location", "by-trigger"):
        figure = re.search(rf'data-testid="chart-{chart}".*?</figure>', html, re.S)
        assert figure, chart
        assert "<title" in figure.group(0) and "<desc" in figure.group(0) and "<table" in figure.group(0)


def test_errors_name_the_field_keep_the_input_and_store_nothing(browser: TestClient) -> None:
    key = start(browser)
    future = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page = log(browser, key, occurred_at=future, intensity="", duration_value="abc", note="kept text")
    assert page.status_code == 422
    assert "The date and time is more than a day in the future" in page.text
    assert "Choose how strong it was" in page.text and "Enter how long it lasted" in page.text
    start_of_summary = page.text.index('id="error-summary"')
    summary = page.text[start_of_summary : page.text.index("</ul>", start_of_summary)]
    order = ["The date and time is", "Enter how long it lasted", "Choose how strong it was"]
    assert sorted(order, key=summary.index) == order  # the form's order
    assert "kept text" in page.text and 'href="#f-intensity"' in page.text
    assert 'data-testid="entry"' not in browser.get(f"/diary/{key}").text


def test_edit_and_delete_an_entry(browser: TestClient) -> None:
    key = start(browser)
    log(browser, key, location="hand", duration_value="2", duration_unit="minutes")
    entry_id = re.search(r'id="entry-(\d+)"', browser.get(f"/diary/{key}").text).group(1)  # type: ignore[union-attr]
    edit = browser.get(f"/diary/{key}/entries/{entry_id}/edit")
    assert 'value="2"' in edit.text and 'value="minutes" selected' in edit.text
    fields = hidden_fields(edit.text) | {
        "occurred_at": re.search(r'name="occurred_at" value="([^"]+)"', edit.text).group(1),  # type: ignore[union-attr]
        "location": "eyelid",
        "duration_value": "1",
        "duration_unit": "hours",
        "intensity": "5",
    }
    saved = browser.post(f"/diary/{key}/entries/{entry_id}", data=fields, follow_redirects=True)
    assert "Entry changed." in saved.text and "1 h" in saved.text and "strength 5 of 5" in saved.text
    deleted = browser.post(
        f"/diary/{key}/entries/{entry_id}/delete", data={"csrf_token": token(saved.text)}, follow_redirects=True
    )
    assert "Entry deleted." in deleted.text and 'data-testid="entry"' not in deleted.text


def test_csv_export_has_every_entry_and_defuses_formulas(browser: TestClient) -> None:
    key = start(browser)
    log(browser, key, note='=HYPERLINK("http://evil")')
    log(browser, key, location="eyelid", triggers=["short_sleep"], caffeine_cups="5", sleep_hours="5.5")
    response = browser.get(f"/diary/{key}/entries.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    assert rows[0]["note"].startswith("'=")
    assert rows[1]["triggers"] == "short_sleep" and rows[1]["caffeine_cups"] == "5" and rows[1]["sleep_hours"] == "5.5"
    assert rows[1]["timezone"] == "Europe/Berlin"


def test_printable_report_has_summary_charts_entries_and_disclaimer(browser: TestClient) -> None:
    key = start(browser)
    log(browser, key)
    report = browser.get(f"/diary/{key}/report")
    assert report.status_code == 200
    assert 'data-testid="chart-per-day"' in report.text and "Every entry" in report.text
    assert "Not a diagnosis." in report.text and "data-print" in report.text


def test_delete_the_diary_forgets_it_everywhere(browser: TestClient) -> None:
    key = start(browser)
    log(browser, key)
    confirm = browser.get(f"/diary/{key}/delete")
    assert "the 1 entry in it" in confirm.text
    done = browser.post(f"/diary/{key}/delete", data={"csrf_token": token(confirm.text)})
    assert done.status_code == 200 and "was deleted" in done.text
    assert "__Host-diary=" in done.headers["set-cookie"] and "Max-Age=0" in done.headers["set-cookie"]
    assert browser.get(f"/diary/{key}").status_code == 404
    assert browser.get(f"/diary/{key}/entries.csv").status_code == 404
    assert 'data-testid="continue-diary"' not in browser.get("/diary").text


def test_time_zone_setting(browser: TestClient) -> None:
    key = start(browser, zone="UTC")
    page = browser.get(f"/diary/{key}")
    bad = browser.post(f"/diary/{key}/timezone", data={"csrf_token": token(page.text), "timezone": "Moon/Base"})
    assert bad.status_code == 422 and "was not recognised" in bad.text
    good = browser.post(f"/diary/{key}/timezone", data={"csrf_token": token(page.text), "timezone": "America/Chicago"})
    assert good.status_code == 200 and 'value="America/Chicago"' in good.text


def test_the_diary_key_never_reaches_the_access_log(browser: TestClient, capfd: pytest.CaptureFixture[str]) -> None:
    key = start(browser)
    log(browser, key)
    browser.get(f"/api/diaries/{key}")
    assert key not in capfd.readouterr().err


def test_long_diaries_show_the_newest_entries_and_link_to_all(browser: TestClient) -> None:
    key = start(browser)
    for hour in range(32):
        response = browser.post(
            f"/api/diaries/{key}/entries",
            json={
                "occurred_at": f"2026-01-{1 + hour % 28:02d}T{hour % 24:02d}:00",
                "location": "calf",
                "duration_seconds": 5,
                "intensity": 1,
            },
        )
        assert response.status_code == 201
    page = browser.get(f"/diary/{key}")
    assert page.text.count('data-testid="entry"') == 30 and "Show all 32 entries" in page.text
    assert len(page.content) < 60_000
    assert browser.get(f"/diary/{key}?all=1").text.count('data-testid="entry"') == 32


def test_a_check_from_the_diary_is_prefilled_with_reasons_and_its_report_carries_the_diary(
    browser: TestClient,
) -> None:
    key = start(browser, zone="UTC")
    today = datetime.now(UTC)
    for days_ago, where in ((20, "calf"), (19, "calf"), (10, "thigh"), (2, "calf"), (1, "thigh")):
        when = (today - timedelta(days=days_ago)).strftime("%Y-%m-%dT10:00")
        response = browser.post(
            f"/api/diaries/{key}/entries",
            json={"occurred_at": when, "location": where, "duration_seconds": 20, "intensity": 2},
        )
        assert response.status_code == 201
    first = browser.get(f"/diary/{key}/check")
    assert first.status_code == 200 and 'data-testid="diary-prefill"' in first.text
    assert "twitchcheck-full=" in first.headers["set-cookie"]  # the diary's key waits in the progress cookie
    # "spreading" is on the warning-sign step: prefilled yes, with the reason shown.
    assert re.search(r'name="spreading" value="yes" checked', first.text)
    assert "From your diary:" in first.text and "Thigh" in first.text

    result = submit_as_shown(browser, first.text, {"breathing_difficulty": "no"})
    assert "/results/" in str(result.url)
    assessment_id = str(result.url).rsplit("/", 1)[1]
    stored = browser.get(f"/api/assessments/{assessment_id}").json()["answers"]
    assert stored["duration"] == "weeks" and set(stored["locations"]) == {"calf", "thigh"}
    assert stored["spreading"] is True
    report = browser.get(f"/results/{assessment_id}/report")
    assert "Twitch diary" in report.text and 'data-testid="chart-per-day"' in report.text
    # Deleting the diary removes it from the report, not the assessment.
    confirm = browser.get(f"/diary/{key}/delete")
    browser.post(f"/diary/{key}/delete", data={"csrf_token": token(confirm.text)})
    after = browser.get(f"/results/{assessment_id}/report")
    assert after.status_code == 200 and 'data-testid="chart-per-day"' not in after.text


CHECKED = re.compile(r'<input type="(?:radio|checkbox)" name="([a-z_]+)" value="([^"]+)" checked>')
NUMBER = re.compile(r'<input type="text" inputmode="decimal" id="f-[a-z_]+" name="([a-z_]+)" value="([^"]*)"')


def submit_as_shown(client: TestClient, html: str, changes: dict[str, str]):  # type: ignore[no-untyped-def]
    """Press Continue on every step as a browser would: prefilled (checked) answers are sent as shown."""
    for _ in range(20):
        data: dict[str, object] = {**hidden_fields(html), "nav": "next"}
        for name, value in CHECKED.findall(html):
            data.setdefault(name, [])
            data[name].append(value)  # type: ignore[union-attr]
        data.update({name: value for name, value in NUMBER.findall(html) if value})
        data.update({k: v for k, v in changes.items() if f'name="{k}"' in html})
        data.update(warning_signs_unknown(html, data))  # the warning signs must be answered
        response = client.post("/check/full", data=data, follow_redirects=False)
        assert response.status_code == 303, response.text[:1000]  # Post/Redirect/Get: every step
        response = client.get(response.headers["location"])
        if "/results/" in str(response.url):
            return response
        assert response.status_code == 200, response.text[:1000]
        html = response.text
    raise AssertionError("the questionnaire did not finish")


def test_out_of_range_entry_ids_are_not_found(browser: TestClient) -> None:
    key = start(browser)
    assert browser.get(f"/diary/{key}/entries/{2**70}/edit").status_code == 404
    assert browser.get(f"/diary/{key}/entries/0/edit").status_code == 404


@pytest.mark.parametrize("duration", ["inf", "1e400", "nan", "-3"])
def test_impossible_durations_are_a_field_error(browser: TestClient, duration: str) -> None:
    key = start(browser)
    page = log(browser, key, duration_value=duration)
    assert page.status_code == 422 and "Enter how long it lasted" in page.text


def test_opening_a_link_does_not_change_the_remembered_diary(browser: TestClient) -> None:
    mine = start(browser)
    other = browser.post("/api/diaries", json={"timezone": "UTC"}).json()["id"]
    page = browser.get(f"/diary/{other}")
    assert "__Host-diary" not in page.headers.get("set-cookie", "")
    assert 'data-testid="remember-diary"' in page.text
    assert f"/diary/{mine}" in browser.get("/diary").text  # still the person's own diary
    browser.post(f"/diary/{other}/remember", data={"csrf_token": token(page.text)})
    assert f"/diary/{other}" in browser.get("/diary").text


@pytest.mark.parametrize(
    ("typed", "unit", "seconds", "told"),
    [("0.5", "seconds", 1, "rounded to 1 s"), ("2.4", "seconds", 2, "rounded to 2 s"), ("1.5", "minutes", 90, None)],
)
def test_a_duration_is_kept_in_whole_seconds_and_rounding_is_told(
    browser: TestClient, typed: str, unit: str, seconds: int, told: str | None
) -> None:
    key = start(browser)
    page = log(browser, key, duration_value=typed, duration_unit=unit)
    assert page.status_code == 200
    assert browser.get(f"/api/diaries/{key}/entries").json()[0]["duration_seconds"] == seconds
    if told:
        assert f"You entered {typed} {unit}" in page.text and told in page.text
    else:
        assert "rounded" not in page.text


def test_without_javascript_a_new_diary_s_zone_is_guessed_from_the_languages_and_chosen_from_a_list(
    browser: TestClient,
) -> None:
    page = browser.get("/diary", headers={"accept-language": "en-GB,en;q=0.9"})
    assert re.search(r'<select id="f-timezone" name="timezone"[^>]*>', page.text)
    assert "<option selected>Europe/London</option>" in page.text
    assert "<option selected>UTC</option>" in browser.get("/diary", headers={"accept-language": "en"}).text
    created = browser.post(
        "/diary", data={"csrf_token": token(page.text), "timezone": "Asia/Kolkata"}, follow_redirects=True
    )
    assert "<option selected>Asia/Kolkata</option>" in created.text  # the settings' list


def test_a_diary_in_an_older_zone_name_keeps_it_in_the_settings_list(browser: TestClient) -> None:
    key = browser.post("/api/diaries", json={"timezone": "Asia/Calcutta"}).json()["id"]
    assert "<option selected>Asia/Calcutta</option>" in browser.get(f"/diary/{key}").text


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("1e999999999", "seconds"), ("1e-999999999", "hours"), ("nan", "seconds"), ("0.5", "weeks"), ("<b>", "seconds")],
)
def test_the_rounding_sentence_is_only_made_from_plain_numbers_in_the_url(
    browser: TestClient, typed: str, unit: str
) -> None:
    key = start(browser)
    page = browser.get(f"/diary/{key}", params={"added": "1", "rounded": typed, "unit": unit})
    assert page.status_code == 200 and 'data-testid="rounded"' not in page.text
    told = browser.get(f"/diary/{key}", params={"rounded": "0.5", "unit": "seconds"})
    assert "You entered 0.5 seconds. The diary keeps whole seconds, so it was rounded to 1 s." in told.text
