"""The full questionnaire (/check/full) in-process: steps, hooks, validation, Back, CSRF, emergency stop."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.web.pages.questionnaire import read_number
from tests.pages.walker import hidden_fields, outcome, walk, warning_signs_unknown


def start(pages: TestClient):  # type: ignore[no-untyped-def]
    response = pages.get("/check/full")
    assert response.status_code == 200
    return response


def post(pages: TestClient, page, **answers):  # type: ignore[no-untyped-def]
    """Submit the page with `answers`; warning signs left without a choice are answered "don't know"."""
    data = {**hidden_fields(page.text), **warning_signs_unknown(page.text, answers), "nav": "next", **answers}
    return pages.post("/check/full", data=data, follow_redirects=True)  # Post/Redirect/Get: the page it leads to


def test_landing_explains_and_starts(pages: TestClient) -> None:
    page = pages.get("/")
    assert page.status_code == 200 and page.template.name == "index.html"  # type: ignore[attr-defined]
    assert 'href="/check"' in page.text
    for promise in ("does not diagnose", "No account", "No trackers", "delete them"):
        assert promise in page.text
    assert "Not a diagnosis." in page.text


def test_first_step_is_every_warning_sign_with_yes_no_unknown(pages: TestClient, contract: dict) -> None:
    page = start(pages)
    assert page.template.name == "check.html"  # type: ignore[attr-defined]
    assert page.context["step"].section.id == "warning_signs"  # type: ignore[attr-defined]
    for qid in contract["safety_screen"]:
        for value in ("yes", "no", "unknown"):
            assert f'name="{qid}" value="{value}"' in page.text, (qid, value)
    assert 'data-testid="next"' in page.text
    assert page.text.count("Why we ask:") == len(contract["safety_screen"])
    assert "Step 1 of" in page.text


def test_hooks_for_every_question_type(pages: TestClient) -> None:
    page = post(pages, start(pages))  # warning signs all skipped
    assert 'type="checkbox" name="locations" value="eyelid"' in page.text
    page = post(pages, page, locations=["calf"])
    assert 'type="radio" name="duration" value="weeks"' in page.text
    page = post(pages, page)
    assert '<input type="text" inputmode="decimal" id="f-age" name="age"' in page.text


def test_one_side_of_face_is_asked_only_when_face_or_eyelid_twitches(pages: TestClient) -> None:
    where = post(pages, start(pages))
    assert 'name="face_one_side"' not in post(pages, where, locations=["calf"]).text
    assert 'name="face_one_side"' in post(pages, where, locations=["eyelid"]).text
    assert 'name="face_one_side"' in post(pages, where).text  # not answered: it may apply, so ask


def test_validation_error_rerenders_the_step_with_the_message_by_the_field(pages: TestClient) -> None:
    page = post(pages, post(pages, post(pages, start(pages)), locations=["calf"]))
    assert page.context["step"].section.id == "about_you"  # type: ignore[attr-defined]
    bad = post(pages, page, age="200", sex="female")
    assert bad.status_code == 200 and "<title>Error:" in bad.text and str(bad.url).endswith("?step=3")
    assert bad.template.name == "check.html" and bad.context["step"].section.id == "about_you"  # type: ignore[attr-defined]
    assert "There is a problem" in bad.text and 'href="#f-age"' in bad.text
    assert 'id="e-age"' in bad.text and "from 0 to 120" in bad.text
    assert 'aria-invalid="true"' in bad.text and 'value="200"' in bad.text
    assert 'name="sex" value="female" checked' in bad.text  # the valid answer is kept
    word = post(pages, page, age="old")
    assert "<title>Error:" in word.text and "Enter a number" in word.text


def test_back_keeps_earlier_answers(pages: TestClient) -> None:
    first = start(pages)
    where = post(pages, first, fever="no", confusion="no")
    details = post(pages, where, locations=["calf", "thigh"])
    back = pages.post("/check/full", data={**hidden_fields(details.text), "nav": "back", "duration": "days"})
    assert back.context["step"].section.id == "where"  # type: ignore[attr-defined]
    assert 'value="calf" checked' in back.text and 'value="thigh" checked' in back.text
    again = post(pages, back, locations=["calf", "thigh"])
    assert 'name="duration" value="days" checked' in again.text  # kept while going back
    back_twice = pages.post("/check/full", data={**hidden_fields(back.text), "nav": "back"})
    assert 'name="fever" value="no" checked' in back_twice.text


def test_form_post_without_csrf_token_is_refused(pages: TestClient) -> None:
    start(pages)
    response = pages.post("/check/full", data={"step": "0", "state": "{}", "nav": "next"})
    assert response.status_code == 403 and "expired" in response.text
    fresh = TestClient(pages.app, base_url="https://testserver")
    token = hidden_fields(start(pages).text)["csrf_token"]
    stolen = fresh.post("/check/full", data={"csrf_token": token, "step": "0", "state": "{}"})
    assert stolen.status_code == 403  # a token without its cookie (another site's form) is refused


def test_an_emergency_answer_stops_the_questionnaire(pages: TestClient) -> None:
    page = post(pages, start(pages), cannot_swallow="yes")
    assert "/results/" in str(page.url)
    assert page.template.name == "emergency.html"  # type: ignore[attr-defined]
    urgency, causes = outcome(page.text)
    assert urgency == "emergency" and causes == []
    first_heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text).group(1)  # type: ignore[union-attr]
    assert "now" in first_heading.lower()
    assert "emergency number" in page.text and "Tell them" in page.text


def test_full_walk_gives_what_the_api_gives(pages: TestClient) -> None:
    answers = {
        "locations": ["eyelid"],
        "duration": "days",
        "age": 24,
        "caffeine_cups_per_day": 7,
        "sleep_hours": 5,
        "stress_level": "high",
        "stimulants": True,
    }
    page = walk(pages, answers, start="/check/full")
    urgency, causes = outcome(page.text)
    api = pages.post("/api/assessments", json={"answers": answers}).json()
    assert urgency == api["urgency"]
    assert causes == [c["id"] for c in api["causes"]]
    assert "Most likely" in page.text and "Delete my answers" in page.text


def test_each_step_is_post_redirect_get_with_the_answers_in_a_signed_scoped_cookie(pages: TestClient) -> None:
    page = start(pages)
    data = {**hidden_fields(page.text), **warning_signs_unknown(page.text, {}), "nav": "next", "fever": "no"}
    response = pages.post("/check/full", data=data, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/check/full?step=1"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("twitchcheck-full=")
    for attribute in ("HttpOnly", "Path=/check", "SameSite=strict", "Secure", "Max-Age=7200"):
        assert attribute in cookie, attribute
    assert "fever" not in response.headers["location"]
    back = pages.get("/check/full?step=0")
    assert 'name="fever" value="no" checked' in back.text  # the answers come from the cookie
    value = pages.cookies.get("twitchcheck-full")
    pages.cookies.delete("twitchcheck-full", path="/check")
    pages.cookies.set("twitchcheck-full", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"), path="/check")
    forged = pages.get("/check/full?step=0")
    assert 'name="fever" value="no" checked' not in forged.text  # an edited cookie is ignored


@pytest.mark.parametrize(
    ("typed", "value", "note"),
    [
        ("7", 7, None),
        ("6,5", 6.5, "6.5 (you typed"),
        ("4-5", 4.5, "4.5, the middle of 4 to 5"),
        ("5 to 6", 5.5, "the middle of 5 to 6"),
        ("about 5 cups", 5, "5 (you typed"),
        ("5–6 hours", 5.5, "the middle of 5 to 6"),
        ("unos 5", 5, "5 (you typed"),  # Spanish: a person reading the pages in Spanish types so
        ("4 a 5 tazas", 4.5, "the middle of 4 to 5"),
        ("alrededor de 7,5", 7.5, "7.5 (you typed"),
        ("lots", None, None),
        ("4-", None, None),
    ],
)
def test_typed_numbers_are_read_never_dropped(typed: str, value: float | None, note: str | None) -> None:
    read = read_number(typed)
    if value is None:
        assert read is None
        return
    assert read is not None and read[0] == value
    assert (read[1] is None) if note is None else (note in (read[1] or ""))
