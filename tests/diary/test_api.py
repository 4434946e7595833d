"""The diary JSON API on SQLite and PostgreSQL: create, log, read, change, delete; bad input is a 422
that names the field, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient


def new_diary(client: TestClient, zone: str = "Europe/London") -> str:
    response = client.post("/api/diaries", json={"timezone": zone})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def local(days_ago: int, hour: int = 12) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime(f"%Y-%m-%dT{hour:02d}:00")


def test_create_log_read_change_delete(client: TestClient) -> None:
    key = new_diary(client)
    assert len(key) >= 22  # >= 128 random bits, URL-safe
    body = {"occurred_at": local(1), "location": "calf", "duration_seconds": 40, "intensity": 3, "triggers": ["stress"]}
    created = client.post(f"/api/diaries/{key}/entries", json=body)
    assert created.status_code == 201, created.text
    entry = created.json()
    assert entry["timezone"] == "Europe/London" and entry["location_label"]
    assert client.get(f"/api/diaries/{key}/entries/{entry['id']}").json() == entry

    diary = client.get(f"/api/diaries/{key}").json()
    assert [e["id"] for e in diary["entries"]] == [entry["id"]]
    assert diary["summary"]["window_total"] == 1 and diary["summary"]["by_location"] == [
        {"location": "calf", "count": 1}
    ]
    assert diary["prefill"]["answers"]["locations"] == ["calf"]

    changed = client.put(f"/api/diaries/{key}/entries/{entry['id']}", json=body | {"location": "eyelid"})
    assert changed.status_code == 200 and changed.json()["location"] == "eyelid"
    assert client.delete(f"/api/diaries/{key}/entries/{entry['id']}").status_code == 204
    assert client.get(f"/api/diaries/{key}/entries").json() == []

    assert client.patch(f"/api/diaries/{key}", json={"timezone": "Asia/Tokyo"}).json()["timezone"] == "Asia/Tokyo"
    assert client.delete(f"/api/diaries/{key}").status_code == 204
    assert client.get(f"/api/diaries/{key}").status_code == 404
    assert client.delete(f"/api/diaries/{key}").status_code == 404


def test_deleting_a_diary_removes_its_entries(client: TestClient) -> None:
    key = new_diary(client)
    ids = [
        client.post(
            f"/api/diaries/{key}/entries", json={"location": "hand", "duration_seconds": 5, "intensity": 1}
        ).json()["id"]
        for _ in range(3)
    ]
    assert client.delete(f"/api/diaries/{key}").status_code == 204
    for entry_id in ids:
        assert client.get(f"/api/diaries/{key}/entries/{entry_id}").status_code == 404


def test_bad_input_names_the_field_and_stores_nothing(client: TestClient) -> None:
    key = new_diary(client)
    cases = {
        "intensity": {"location": "calf", "duration_seconds": 5, "intensity": 9},
        "duration_seconds": {"location": "calf", "duration_seconds": 99999, "intensity": 2},
        "location": {"location": "elbow", "duration_seconds": 5, "intensity": 2},
        "occurred_at": {"occurred_at": local(-3), "location": "calf", "duration_seconds": 5, "intensity": 2},
        "timezone": {"timezone": "Atlantis/Capital", "location": "calf", "duration_seconds": 5, "intensity": 2},
        "triggers": {"location": "calf", "duration_seconds": 5, "intensity": 2, "triggers": ["coffee"]},
        "note": {"location": "calf", "duration_seconds": 5, "intensity": 2, "note": "x" * 501},
        "colour": {"location": "calf", "duration_seconds": 5, "intensity": 2, "colour": "red"},
    }
    for field, body in cases.items():
        response = client.post(f"/api/diaries/{key}/entries", json=body)
        assert response.status_code == 422, (field, response.text)
        assert field in response.text, (field, response.text)
    missing = client.post(f"/api/diaries/{key}/entries", json={"location": "calf"})
    assert missing.status_code == 422 and "duration_seconds" in missing.text and "intensity" in missing.text
    assert client.get(f"/api/diaries/{key}/entries").json() == []
    assert client.post("/api/diaries", json={"timezone": "Nowhere/Land"}).status_code == 422
    assert client.patch(f"/api/diaries/{key}", json={"timezone": "Nowhere/Land"}).status_code == 422


def test_unknown_ids_are_404(client: TestClient) -> None:
    key = new_diary(client)
    assert client.get("/api/diaries/not-a-key").status_code == 404
    assert (
        client.post(
            "/api/diaries/not-a-key/entries", json={"location": "calf", "duration_seconds": 5, "intensity": 2}
        ).status_code
        == 404
    )
    assert client.get(f"/api/diaries/{key}/entries/999").status_code == 404
    assert (
        client.put(
            f"/api/diaries/{key}/entries/999", json={"location": "calf", "duration_seconds": 5, "intensity": 2}
        ).status_code
        == 404
    )


def test_the_api_takes_json_only(client: TestClient) -> None:
    key = new_diary(client)
    form = client.post(f"/api/diaries/{key}/entries", data={"location": "calf"})
    assert form.status_code == 415


def test_answers_are_not_cached(client: TestClient) -> None:
    key = new_diary(client)
    assert client.get(f"/api/diaries/{key}").headers["cache-control"] == "no-store"


def test_documented_in_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/diaries/{diary_id}/entries"])
    assert {"get", "put", "delete"} <= set(paths["/api/diaries/{diary_id}/entries/{entry_id}"])
    assert {"get", "patch", "delete"} <= set(paths["/api/diaries/{diary_id}"])
