"""Privacy: ids kept only as hashes, nothing secret in the logs, retention and purge, the privacy page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.cli import main as cli
from app.main import create_app
from app.settings import Settings
from app.storage import migrate, repository, retention
from app.storage.db import make_engine
from tests.conftest import UNLIMITED
from tests.pages.walker import hidden_fields

SECRET_ANSWERS = {"medications": ["antidepressants"], "age": 87, "locations": ["tongue"]}


def test_logs_never_hold_answers_or_ids(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'l.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
    )
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        rid = client.post("/api/assessments", json={"answers": SECRET_ANSWERS}).json()["id"]
        client.get(f"/api/assessments/{rid}")
        page = client.get(f"/results/{rid}")
        client.post(f"/results/{rid}/delete", data={"csrf_token": hidden_fields(page.text)["csrf_token"]})
        client.post("/api/assessments", json={"answers": {"age": "a secret word"}})
    logs = capfd.readouterr().err
    assert '"path": "/results/{id}"' in logs and '"request_id"' in logs
    for secret in (rid, "antidepressants", "tongue", "a secret word", '"age"', "answers"):
        assert secret not in logs, secret


def test_purge_removes_only_expired_assessments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    now = datetime.now(UTC)
    with engine.connect() as connection:
        old = repository.create_assessment(
            connection, kb_version="t", answers={}, result={}, now=now - timedelta(days=31)
        )
        new = repository.create_assessment(
            connection, kb_version="t", answers={}, result={}, now=now - timedelta(days=29)
        )
    assert retention.purge(engine, 30) == 1
    with engine.connect() as connection:
        assert repository.get_assessment(connection, old.id) is None
        assert repository.get_assessment(connection, new.id) is not None
    monkeypatch.setenv("DATABASE_URL", url)
    assert cli(["purge", "--days", "1"]) == 0  # the command line does the same
    with engine.connect() as connection:
        assert repository.get_assessment(connection, new.id) is None
    engine.dispose()


def test_privacy_page_matches_the_settings(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'v.sqlite3'}", retention_days=14)
    with TestClient(create_app(settings)) as client:
        page = client.get("/privacy")
    assert page.status_code == 200
    assert "14 days" in page.text and "IP address" in page.text and "hashed" in page.text
