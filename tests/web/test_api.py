"""The JSON API of the HTTP contract, on SQLite and on PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select

from app.storage.tables import assessment_table


def stored_rows(client: TestClient) -> int:
    engine = create_engine(client.app.state.runtime.settings.database_url)  # type: ignore[attr-defined]
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(assessment_table)) or 0
    finally:
        engine.dispose()


def test_questions_come_safety_screen_first(sqlite_client: TestClient, contract: dict) -> None:
    questions = sqlite_client.get("/api/questions").json()["questions"]
    ids = [q["id"] for q in questions]
    assert ids[: len(contract["safety_screen"])] == contract["safety_screen"]
    for q in questions:
        assert q["text"] and q["help"] and q["section"]
        spec = contract["questions"].get(q["id"])
        if spec:
            assert q["type"] == spec["type"]
            if "values" in spec:
                assert [o["value"] for o in q["options"]] == spec["values"]
            if spec["type"] == "number":
                assert (q["min"], q["max"]) == (spec["min"], spec["max"])


def test_causes_carry_category_advice_and_sources(sqlite_client: TestClient, contract: dict) -> None:
    causes = {c["id"]: c for c in sqlite_client.get("/api/causes").json()["causes"]}
    for cause_id, category in contract["causes"].items():
        assert causes[cause_id]["category"] == category
        assert causes[cause_id]["self_care"] and causes[cause_id]["sources"]
        assert all(s["url"].startswith("https://") for s in causes[cause_id]["sources"])


def test_assessment_lifecycle(client: TestClient) -> None:
    answers = {"locations": ["eyelid"], "caffeine_cups_per_day": 6, "sleep_hours": 5, "age": 24}
    created = client.post("/api/assessments", json={"answers": answers})
    assert created.status_code == 201
    body = created.json()
    assert len(body["id"]) >= 40  # 256 random bits, URL-safe
    assert body["created_at"].endswith("Z")
    assert body["urgency"] == "self_care" and body["red_flags"] == []
    assert body["disclaimer"]
    ps = [c["probability"] for c in body["causes"]]
    assert ps == sorted(ps, reverse=True) and abs(sum(ps) - 1) < 0.01
    assert body["causes"][0]["explanation"]

    fetched = client.get(f"/api/assessments/{body['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == body
    assert fetched.json()["answers"] == answers

    assert client.delete(f"/api/assessments/{body['id']}").status_code == 204
    assert client.get(f"/api/assessments/{body['id']}").status_code == 404
    assert client.delete(f"/api/assessments/{body['id']}").status_code == 404
    assert stored_rows(client) == 0


def test_unchecked_warning_signs_are_named_in_every_assessment_body(client: TestClient, contract: dict) -> None:
    screen = contract["safety_screen"]
    answers = {"locations": ["eyelid"], "fever": False, "spreading": None, screen[0]: False}
    expected = [q for q in screen if q not in ("fever", screen[0])]
    created = client.post("/api/assessments", json={"answers": answers}).json()
    assert created["unchecked_warning_signs"] == expected
    fetched = client.get(f"/api/assessments/{created['id']}").json()
    assert fetched["unchecked_warning_signs"] == expected
    preview = client.post("/api/assessments/preview", json={"answers": answers}).json()
    assert preview["unchecked_warning_signs"] == expected
    every_no = client.post("/api/assessments/preview", json={"answers": dict.fromkeys(screen, False)}).json()
    assert every_no["unchecked_warning_signs"] == []
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    for model in ("AssessmentOut", "PreviewOut"):
        assert "warning" in schema[model]["properties"]["unchecked_warning_signs"]["description"]


def test_ids_are_unique_and_unguessable(client: TestClient) -> None:
    ids = {client.post("/api/assessments", json={"answers": {}}).json()["id"] for _ in range(20)}
    assert len(ids) == 20
    assert client.get("/api/assessments/" + "A" * 43).status_code == 404


def test_warning_signs_reach_the_api(client: TestClient) -> None:
    body = client.post("/api/assessments", json={"answers": {"breathing_difficulty": True}}).json()
    assert body["urgency"] == "emergency"
    assert body["red_flags"][0]["urgency"] == "emergency" and body["red_flags"][0]["advice"]


BAD_BODIES = [
    ({"answers": {"no_such_question": True}}, "no_such_question"),
    ({"answers": {"age": 500}}, "age"),
    ({"answers": {"age": "old"}}, "age"),
    ({"answers": {"duration": "forever"}}, "duration"),
    ({"answers": {"locations": ["elbowz"]}}, "locations"),
    ({"answers": {"locations": "eyelid"}}, "locations"),
    ({"answers": {"breathing_difficulty": "maybe"}}, "breathing_difficulty"),
    ({"answers": []}, "answers"),
    ({"nothing": 1}, "answers"),
    ({"answers": {}, "extra": 1}, "extra"),
]


def test_bad_input_is_rejected_naming_the_field_and_nothing_is_stored(client: TestClient) -> None:
    for body, named in BAD_BODIES:
        response = client.post("/api/assessments", json=body)
        assert response.status_code == 422, body
        assert named in response.text, (body, response.text)
        assert "Traceback" not in response.text
    response = client.post("/api/assessments", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "not valid JSON" in response.text
    assert stored_rows(client) == 0


def test_oversized_body_gets_413_and_nothing_is_stored(client: TestClient) -> None:
    big = b'{"answers": {"x": "' + b"a" * 100_000 + b'"}}'
    response = client.post("/api/assessments", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert stored_rows(client) == 0


def test_health_and_docs(sqlite_client: TestClient) -> None:
    health = sqlite_client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert sqlite_client.get("/docs").status_code == 200
    paths = sqlite_client.get("/openapi.json").json()["paths"]
    assert {"/api/questions", "/api/causes", "/api/assessments", "/api/assessments/{assessment_id}"} <= set(paths)


def test_health_reports_a_dead_database(sqlite_client: TestClient) -> None:
    runtime = sqlite_client.app.state.runtime  # type: ignore[attr-defined]
    runtime.engine.dispose()
    broken = create_engine("sqlite:////nonexistent-dir/x.sqlite3")
    object.__setattr__(runtime, "engine", broken)
    response = sqlite_client.get("/healthz")
    assert response.status_code == 503 and "database" in response.text


def test_interview_next_follows_the_contract(sqlite_client: TestClient, contract: dict) -> None:
    first = sqlite_client.post("/api/interview/next", json={"answers": {}})
    assert first.status_code == 200
    body = first.json()
    assert body["done"] is False and body["question"]["id"] == contract["safety_screen"][0]
    assert {"asked", "urgency", "red_flags", "causes", "questions"} <= set(body)
    # contract version 2: a step shows a few related questions together; `question` is the first
    assert len(body["questions"]) > 1 and body["questions"][0] == body["question"]
    assert {q["id"] for q in body["questions"]} <= set(contract["safety_screen"])
    assert body["title"] and body["reason"] == "warning_signs" and body["rationale"]
    # a question shown and left unanswered is "don't know": listed in `unknown`, not asked again
    unknown = [q["id"] for q in body["questions"]]
    second = sqlite_client.post("/api/interview/next", json={"answers": {}, "unknown": unknown}).json()
    assert not {q["id"] for q in second["questions"]} & set(unknown) and second["questions"]
    screen = {q: False for q in contract["safety_screen"]}
    later = sqlite_client.post("/api/interview/next", json={"answers": screen, "unknown": []}).json()
    assert later["question"]["id"] not in screen and later["question"] == later["questions"][0]
    for q in later["questions"]:
        assert q["id"] not in screen and q["type"] in ("boolean", "single", "multi", "number")
    stop = sqlite_client.post("/api/interview/next", json={"answers": {"cannot_swallow": True}}).json()
    assert stop == {**stop, "done": True, "question": None, "questions": [], "urgency": "emergency"}
    bad = sqlite_client.post("/api/interview/next", json={"answers": {"age": 999}})
    assert bad.status_code == 422 and "age" in bad.text
    bad = sqlite_client.post("/api/interview/next", json={"answers": {}, "unknown": ["nope"]})
    assert bad.status_code == 422 and "nope" in bad.text


def test_interview_openapi_documents_the_step(sqlite_client: TestClient) -> None:
    schema = sqlite_client.get("/openapi.json").json()["components"]["schemas"]["InterviewOut"]
    assert {"questions", "question", "step", "title", "reason"} <= set(schema["properties"])
    assert "questions" in schema["required"]


def test_a_wrong_method_names_the_methods_the_address_takes(sqlite_client: TestClient) -> None:
    """RFC 9110: a 405 carries Allow. An address served by several routes (read and delete) lists both."""
    assert sqlite_client.put("/api/assessments").headers["allow"] == "POST"
    assert sqlite_client.post("/api/assessments/abc").headers["allow"] == "DELETE, GET"
    page = sqlite_client.delete("/check")
    assert page.status_code == 405 and page.headers["allow"] == "GET, POST"
    # the address is the first route whose path matches: "preview" is not an assessment id here
    assert sqlite_client.put("/api/assessments/preview").headers["allow"] == "POST"
