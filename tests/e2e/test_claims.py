"""Issue 21, item 9: the results never claim what the person did not say."""

from __future__ import annotations

import json
import urllib.request

import pytest


def result_text(browser, server_url: str, answers: dict) -> str:  # type: ignore[no-untyped-def]
    body = json.dumps({"answers": answers}).encode()
    request = urllib.request.Request(
        server_url + "/api/assessments", data=body, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 (the test's own server)
        rid = json.loads(response.read())["id"]
    page = browser.new_page(base_url=server_url, viewport={"width": 390, "height": 844})
    page.goto(f"/results/{rid}")
    text = page.locator("main").inner_text()
    page.close()
    return text


def test_no_trigger_is_claimed_absent_when_none_was_asked(browser, server_url: str) -> None:  # type: ignore[no-untyped-def]
    text = result_text(browser, server_url, {"locations": ["calf", "arm"], "duration": "days"})
    assert "Twitching in several places without an obvious reason" in text  # the warning sign fired
    assert "no clear trigger" not in text
    assert "nothing you told us explains" in text


@pytest.mark.parametrize("weak", [{"muscle_weakness": True}, {"muscle_wasting": True}])
def test_a_weaker_person_is_not_told_their_strength_is_normal(browser, server_url: str, weak: dict) -> None:  # type: ignore[no-untyped-def]
    answers = {"locations": ["thigh", "arm"], "duration": "months", "age": 45, "sex": "female", **weak}
    text = result_text(browser, server_url, answers)
    assert "with normal strength a dystrophy" not in text
    assert "when your muscles are strong" not in text
    assert "with normal\nstrength it is unlikely" not in text and "with normal strength it is unlikely" not in text
