"""Faults: the database going away and coming back, without restarting the app."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from app.main import create_app
from app.settings import Settings
from tests import postgres
from tests.conftest import UNLIMITED, postgres_or_skip
from tests.servers import running_app


def call(method: str, url: str, body: dict | None = None) -> tuple[int, dict | str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read().decode()
            return response.status, json.loads(raw) if raw.startswith("{") else raw
    except urllib.error.HTTPError as error:
        raw = error.read().decode()
        return error.code, json.loads(raw) if raw.startswith("{") else raw


def test_database_down_in_process(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'f.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        kept = client.post("/api/assessments", json={"answers": {"age": 40}}).json()["id"]
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        good_engine = runtime.engine
        broken = create_engine("sqlite:////nonexistent-dir/down.sqlite3")
        object.__setattr__(runtime, "engine", broken)

        down = client.post("/api/assessments", json={"answers": {}})
        assert down.status_code == 503 and "database is unavailable" in down.json()["detail"]
        page = client.get(f"/results/{kept}")
        assert page.status_code == 503 and "try again in a few minutes" in page.text and "<html" in page.text
        assert client.get("/healthz").status_code == 503 and client.get("/readyz").status_code == 503
        # what needs no database keeps working
        assert client.get("/api/questions").status_code == 200
        assert client.get("/api/causes").status_code == 200
        assert client.post("/api/assessments/preview", json={"answers": {"fever": True}}).status_code == 200
        assert client.post("/api/interview/next", json={"answers": {}}).status_code == 200
        assert client.get("/check").status_code == 200

        object.__setattr__(runtime, "engine", good_engine)
        assert client.post("/api/assessments", json={"answers": {}}).status_code == 201
        assert client.get(f"/api/assessments/{kept}").status_code == 200
        assert client.get("/readyz").json()["checks"]["migrations"] == "ok"


@pytest.mark.postgres
def test_postgres_stopped_mid_run_and_started_again() -> None:
    try:
        context = postgres.throwaway_cluster()
        cluster = context.__enter__()
    except postgres.PostgresUnavailable as exc:
        postgres_or_skip(exc)
        return
    try:
        postgres.wait_for(cluster.url)
        with running_app(cluster.url) as base:
            status, before = call("POST", base + "/api/assessments", {"answers": {"age": 51}})
            assert status == 201
            cluster.stop()
            status, body = call("POST", base + "/api/assessments", {"answers": {}})
            assert status == 503 and "unavailable" in str(body)
            assert call("GET", base + "/healthz")[0] == 503
            assert call("GET", base + "/api/questions")[0] == 200
            assert call("POST", base + "/api/assessments/preview", {"answers": {}})[0] == 200
            cluster.start()
            postgres.wait_for(cluster.url)
            status, after = call("POST", base + "/api/assessments", {"answers": {"age": 52}})
            assert status == 201  # recovered without a restart
            assert call("GET", base + f"/api/assessments/{before['id']}")[1]["answers"] == {"age": 51}  # type: ignore[index]
            assert call("GET", base + "/healthz")[0] == 200
    finally:
        context.__exit__(None, None, None)
