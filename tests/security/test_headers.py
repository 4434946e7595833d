"""Security headers on every response, errors included; JSON-only API; rate limits; client addresses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import UNLIMITED

REQUIRED = {
    "content-security-policy": "default-src 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=()",
    "x-frame-options": "DENY",
}


def make(tmp_path: Path, **overrides: object) -> TestClient:
    options: dict = {"database_url": f"sqlite:///{tmp_path / 'h.sqlite3'}", "rate_limit": UNLIMITED, **overrides}
    settings = Settings(**options)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make(tmp_path) as c:
        yield c


def assert_secure(response) -> None:  # type: ignore[no-untyped-def]
    for header, fragment in REQUIRED.items():
        assert fragment in response.headers.get(header, ""), (response.status_code, header)
    csp = response.headers["content-security-policy"]
    for directive in ("frame-ancestors 'none'", "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers.get("x-request-id")


def test_every_kind_of_response_carries_the_headers(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    responses = {
        "page": client.get("/"),
        "api": client.get("/api/questions"),
        "created": client.post("/api/assessments", json={"answers": {}}),
        "404 page": client.get("/nowhere"),
        "404 api": client.get("/api/assessments/nope"),
        "422": client.post("/api/assessments", json={"answers": {"age": 999}}),
        "413": client.post(
            "/api/assessments", content=b"{" + b" " * 70_000 + b"}", headers={"content-type": "application/json"}
        ),
        "415": client.post(
            "/api/assessments", content=b"answers=1", headers={"content-type": "application/x-www-form-urlencoded"}
        ),
    }
    import app.services.assessments as assessments_module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(assessments_module, "assess", boom)
    responses["500"] = client.post("/api/assessments/preview", json={"answers": {}})
    expected = {
        "page": 200,
        "api": 200,
        "created": 201,
        "404 page": 404,
        "404 api": 404,
        "422": 422,
        "413": 413,
        "415": 415,
        "500": 500,
    }
    for name, response in responses.items():
        assert response.status_code == expected[name], name
        assert_secure(response)
    assert "Traceback" not in responses["500"].text and "RuntimeError" not in responses["500"].text


def test_answers_are_never_cached(client: TestClient) -> None:
    created = client.post("/api/assessments", json={"answers": {"age": 30}})
    for response in (created, client.get(f"/api/assessments/{created.json()['id']}"), client.get("/check")):
        assert response.headers["cache-control"] == "no-store"


def test_hsts_only_over_https(tmp_path: Path) -> None:
    with make(tmp_path) as plain:
        assert "strict-transport-security" not in plain.get("/").headers
    with TestClient(
        create_app(Settings(database_url=f"sqlite:///{tmp_path / 's.sqlite3'}")), base_url="https://testserver"
    ) as tls:
        assert "max-age=" in tls.get("/").headers["strict-transport-security"]


def test_json_api_takes_json_only(client: TestClient) -> None:
    response = client.post("/api/assessments", data={"answers": "{}"})
    assert response.status_code == 415 and "application/json" in response.json()["detail"]
    response = client.post("/api/interview/next", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_rate_limit_on_posts_with_retry_after(tmp_path: Path) -> None:
    with make(tmp_path, rate_limit="3/minute", rate_limit_exempt=[]) as client:
        codes = [client.post("/api/assessments", json={"answers": {}}).status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        limited = client.post("/api/assessments/preview", json={"answers": {}})
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert_secure(limited)
        assert client.get("/api/questions").status_code == 200  # reading is not limited


def test_forwarded_addresses_count_only_from_trusted_proxies(tmp_path: Path) -> None:
    with make(tmp_path, rate_limit="2/minute", rate_limit_exempt=[]) as client:  # no trusted proxy: header ignored
        codes = [
            client.post(
                "/api/assessments/preview", json={"answers": {}}, headers={"x-forwarded-for": f"10.0.0.{i}"}
            ).status_code
            for i in range(3)
        ]
        assert codes == [200, 200, 429]
    with make(tmp_path, rate_limit="2/minute", trusted_proxies=["testclient"]) as client:
        codes = [
            client.post(
                "/api/assessments/preview", json={"answers": {}}, headers={"x-forwarded-for": f"10.0.0.{i}"}
            ).status_code
            for i in range(3)
        ]
        assert codes == [200, 200, 200]  # three different people behind the trusted proxy
