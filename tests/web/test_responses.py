"""What the JSON routes send is what the OpenAPI says they send, and the API reports the engine's
outcome unchanged.

Every JSON route's success response is checked against its schema in `app.openapi()`, with
objects closed (no property the schema does not declare), so a route cannot drift from its
declared model. The vignettes go through POST /api/assessments and must come out as the engine
assesses them directly.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from app.core.engine import CompiledKnowledge, assess
from tests.conftest import OWN_VIGNETTES, PUBLIC_VIGNETTES, read_yaml

SAME = dict.fromkeys(["buttons", "jars", "stairs", "walking", "speech", "swallowing"], "same")
ENTRY = {"occurred_at": "2026-12-01T12:00", "location": "calf", "duration_seconds": 40, "intensity": 3}


def closed(schema: Any) -> Any:
    """The schema with every object that lists its properties refusing any other."""
    if isinstance(schema, dict):
        schema = {key: closed(value) for key, value in schema.items()}
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
    elif isinstance(schema, list):
        schema = [closed(item) for item in schema]
    return schema


def response_schema(openapi: dict, method: str, template: str, status: int) -> dict:
    content = openapi["paths"][template][method.lower()]["responses"][str(status)]["content"]
    schema = copy.deepcopy(content["application/json"]["schema"])
    return closed({**schema, "components": openapi["components"]})


def exchanges(client: TestClient) -> list[tuple[str, str, Any, Any]]:
    """(method, path template, status, body) of a real success response from every JSON route."""
    out: list[tuple[str, str, Any, Any]] = []

    def call(method: str, template: str, path: str, body: Any = None) -> Any:
        response = client.request(method, path, json=body)
        assert 200 <= response.status_code < 300, (path, response.text)
        out.append((method, template, response.status_code, response.json()))
        return response.json()

    call("GET", "/api/questions", "/api/questions")
    call("GET", "/api/causes", "/api/causes")
    for answers in ({}, {"locations": ["calf"], "caffeine_cups_per_day": 5}, {"breathing_difficulty": True}):
        created = call("POST", "/api/assessments", "/api/assessments", {"answers": answers})
        call("GET", "/api/assessments/{assessment_id}", f"/api/assessments/{created['id']}")
        call("POST", "/api/assessments/preview", "/api/assessments/preview", {"answers": answers})
        call("POST", "/api/interview/next", "/api/interview/next", {"answers": answers})
    call("GET", "/healthz", "/healthz")
    call("GET", "/readyz", "/readyz")
    key = call("POST", "/api/diaries", "/api/diaries", {"timezone": "Europe/London"})["id"]
    base = "/api/diaries/{diary_id}"
    entry = call("POST", base + "/entries", f"/api/diaries/{key}/entries", ENTRY | {"sleep_hours": 6.5})
    call("POST", base + "/entries", f"/api/diaries/{key}/entries", {**ENTRY, "triggers": ["stress"]})
    call("GET", base + "/entries/{entry_id}", f"/api/diaries/{key}/entries/{entry['id']}")
    call("PUT", base + "/entries/{entry_id}", f"/api/diaries/{key}/entries/{entry['id']}", ENTRY)
    call("GET", base + "/entries", f"/api/diaries/{key}/entries")
    call("GET", base, f"/api/diaries/{key}")
    call("PATCH", base, f"/api/diaries/{key}", {"timezone": "Asia/Tokyo"})
    call("GET", base + "/function-checks", f"/api/diaries/{key}/function-checks")
    call("POST", base + "/function-checks", f"/api/diaries/{key}/function-checks", {"answers": SAME})
    return out


def test_every_json_route_sends_what_its_openapi_schema_declares(sqlite_client: TestClient) -> None:
    openapi = sqlite_client.app.openapi()  # type: ignore[attr-defined]
    seen = exchanges(sqlite_client)
    for method, template, status, body in seen:
        jsonschema.validate(body, response_schema(openapi, method, template, status))
    # every route with a JSON success response is among those checked
    declared = {
        (method.upper(), template)
        for template, operations in openapi["paths"].items()
        for method, operation in operations.items()
        if any(code.startswith("2") and "content" in r for code, r in operation["responses"].items())
    }
    assert declared <= {(method, template) for method, template, _, _ in seen}


def test_the_schema_check_notices_a_field_the_model_does_not_declare(sqlite_client: TestClient) -> None:
    openapi = sqlite_client.app.openapi()  # type: ignore[attr-defined]
    health = sqlite_client.get("/healthz").json()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**health, "extra": 1}, response_schema(openapi, "GET", "/healthz", 200))


@pytest.mark.parametrize("path", [OWN_VIGNETTES, PUBLIC_VIGNETTES], ids=["own", "public"])
def test_vignettes_through_the_api_come_out_as_the_engine_assesses_them(
    sqlite_client: TestClient, knowledge: CompiledKnowledge, path: Any
) -> None:
    """The urgency, warning signs, ranking, probabilities (to four places) and reasons a vignette
    gets from POST /api/assessments are the engine's own, and reading the assessment back gives
    the same body."""
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    for case in read_yaml(path):
        answers = case.get("answers") or {}
        created = sqlite_client.post("/api/assessments", json={"answers": answers})
        assert created.status_code == 201, (case["id"], created.text)
        body = created.json()
        expected = assess(knowledge, answers)
        assert body["urgency"] == expected.urgency, case["id"]
        assert [f["id"] for f in body["red_flags"]] == [f.id for f in expected.red_flags], case["id"]
        assert [(c["id"], c["probability"]) for c in body["causes"]] == [
            (c.id, round(c.probability, 4)) for c in expected.causes
        ], case["id"]
        assert [[r["text"] for r in c["explanation"]] for c in body["causes"]] == [
            [r.text for r in c.explanation] for c in expected.causes
        ], case["id"]
        assert sqlite_client.get(f"/api/assessments/{body['id']}").json() == body, case["id"]
