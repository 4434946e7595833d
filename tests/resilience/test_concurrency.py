"""200 assessments from 20 threads against a real server: each stored once, none lost or mixed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from app.storage.tables import assessment_table
from tests.resilience.test_faults import call
from tests.servers import running_app

THREADS, PER_THREAD = 20, 10


def hammer(base: str) -> list[tuple[int, str]]:
    def work(thread: int) -> list[tuple[int, str]]:
        made = []
        for i in range(PER_THREAD):
            age = thread * PER_THREAD + i  # a distinct answer per assessment: 0..199, within the age range
            status, body = call("POST", base + "/api/assessments", {"answers": {"age": age % 121, "sleep_hours": i}})
            assert status == 201, body
            made.append((age, body["id"]))  # type: ignore[index]
        return made

    with ThreadPoolExecutor(THREADS) as pool:
        return [item for chunk in pool.map(work, range(THREADS)) for item in chunk]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_concurrent_assessments_are_stored_exactly_once(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    with running_app(url) as base:
        made = hammer(base)
        assert len(made) == THREADS * PER_THREAD
        assert len({rid for _, rid in made}) == len(made)  # every id distinct
        for age, rid in made:
            status, body = call("GET", base + f"/api/assessments/{rid}")
            assert status == 200
            assert body["answers"] == {"age": age % 121, "sleep_hours": age % PER_THREAD}  # type: ignore[index]
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(assessment_table)) == len(made)
    engine.dispose()
