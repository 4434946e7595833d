"""The function check's JSON API on SQLite and PostgreSQL, with "now" set through the app's clock
dependency: offered every 14 days (409 earlier, nothing stored), 422 naming the field, stable or
changed in words, documented in OpenAPI under "diary", deleted with the diary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from app.web import clock

SAME = {"buttons": "same", "jars": "same", "stairs": "same", "walking": "same", "speech": "same", "swallowing": "same"}
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def at(client: TestClient):  # type: ignore[no-untyped-def]
    """Set the app's "now": at(days) is START plus that many days."""

    def set_now(days: float) -> None:
        client.app.dependency_overrides[clock.now] = lambda: START + timedelta(days=days)  # type: ignore[attr-defined]

    set_now(0)
    yield set_now
    client.app.dependency_overrides.clear()  # type: ignore[attr-defined]


def new_diary(client: TestClient) -> str:
    return client.post("/api/diaries", json={"timezone": "Europe/London"}).json()["id"]


def test_offered_every_two_weeks_then_stable(client: TestClient, at) -> None:  # type: ignore[no-untyped-def]
    key = new_diary(client)
    url = f"/api/diaries/{key}/function-checks"
    empty = client.get(url).json()
    assert empty["due"] is True and empty["checks"] == [] and empty["outcome"]["status"] == "none"
    assert [q["id"] for q in empty["questions"]] == list(SAME)
    assert "much_harder" in {o["value"] for o in empty["options"]}
    assert empty["why_not_more_often"]["paragraphs"] and len(empty["why_not_more_often"]["sources"]) == 2

    first = client.post(url, json={"answers": SAME})
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["due"] is False and body["next_due"] == "2026-11-16" and body["outcome"]["status"] == "first"
    assert "16 November 2026" in body["not_due"]["title"]

    at(13.5)  # 15 Nov: not yet
    refused = client.post(url, json={"answers": SAME | {"jars": "harder"}})
    assert refused.status_code == 409
    assert refused.json()["next_due"] == "2026-11-16" and "16 November 2026" in refused.json()["detail"]
    assert len(client.get(url).json()["checks"]) == 1  # nothing stored

    at(14)  # 16 Nov: due again
    assert client.get(url).json()["due"] is True
    second = client.post(url, json={"answers": SAME | {"buttons": "easier"}})
    assert second.status_code == 201, second.text
    outcome = second.json()["outcome"]
    assert outcome["status"] == "stable" and outcome["weeks"] == 2 and outcome["urgency"] == "none"
    assert outcome["title"] == "Stable for 2 weeks" and outcome["sources"]
    checks = second.json()["checks"]
    assert [c["local_date"] for c in checks] == ["2026-11-16", "2026-11-02"]  # newest first
    assert checks[0]["answers"]["buttons"] == "easier"


def test_a_change_says_see_a_doctor_and_speech_within_24_hours(client: TestClient, at) -> None:  # type: ignore[no-untyped-def]
    key = new_diary(client)
    url = f"/api/diaries/{key}/function-checks"
    uk = {"accept-language": "en-GB"}
    outcome = client.post(url, json={"answers": SAME | {"stairs": "much_harder"}}, headers=uk).json()["outcome"]
    assert (outcome["status"], outcome["urgency"], outcome["worse"]) == ("changed", "gp", ["stairs"])
    assert "GP" in outcome["text"]
    at(15)
    outcome = client.post(url, json={"answers": SAME | {"swallowing": "harder"}}).json()["outcome"]
    assert (outcome["status"], outcome["urgency"], outcome["worse"]) == ("changed", "within_24h", ["swallowing"])
    assert "24 hours" in outcome["title"]


def test_bad_answers_are_a_422_naming_the_field_and_store_nothing(client: TestClient, at) -> None:  # type: ignore[no-untyped-def]
    key = new_diary(client)
    url = f"/api/diaries/{key}/function-checks"
    cases = {
        "jars": {"answers": SAME | {"jars": "worse"}},
        "speech": {"answers": {k: v for k, v in SAME.items() if k != "speech"}},
        "elbow": {"answers": SAME | {"elbow": "same"}},
        "colour": {"answers": SAME, "colour": "red"},
        "answers": {},
    }
    for field, body in cases.items():
        response = client.post(url, json=body)
        assert response.status_code == 422, (field, response.text)
        assert field in response.text, (field, response.text)
    assert client.get(url).json()["checks"] == []
    assert client.post(url, data={"buttons": "same"}).status_code == 415


def test_unknown_diary_is_404_and_checks_go_with_the_diary(client: TestClient, at) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/diaries/not-a-key/function-checks").status_code == 404
    assert client.post("/api/diaries/not-a-key/function-checks", json={"answers": SAME}).status_code == 404
    key = new_diary(client)
    assert client.post(f"/api/diaries/{key}/function-checks", json={"answers": SAME}).status_code == 201
    assert client.delete(f"/api/diaries/{key}").status_code == 204
    assert client.get(f"/api/diaries/{key}/function-checks").status_code == 404


def test_documented_in_openapi_under_diary(client: TestClient) -> None:
    path = client.get("/openapi.json").json()["paths"]["/api/diaries/{diary_id}/function-checks"]
    assert {"get", "post"} <= set(path)
    assert path["post"]["tags"] == ["diary"] and {"201", "409", "422"} <= set(path["post"]["responses"])


def test_the_api_s_answers_are_the_data_file_s_tasks() -> None:
    from app.core.diary import function_check as fc
    from app.web.api.diary_schemas import FunctionAnswers

    assert tuple(FunctionAnswers.model_fields) == fc.text().item_ids
    for item in fc.text().items:
        assert FunctionAnswers.model_fields[item.id].description == item.question + "."
