"""Two app processes share one PostgreSQL: what one stores, the other reads and deletes."""

from __future__ import annotations

import pytest

from tests.resilience.test_faults import call
from tests.servers import running_app


@pytest.mark.postgres
def test_two_processes_share_the_store(postgres_url: str) -> None:
    with running_app(postgres_url) as first, running_app(postgres_url) as second:
        status, created = call("POST", first + "/api/assessments", {"answers": {"age": 44, "locations": ["calf"]}})
        assert status == 201
        rid = created["id"]  # type: ignore[index]
        status, fetched = call("GET", second + f"/api/assessments/{rid}")
        assert status == 200 and fetched["answers"] == {"age": 44, "locations": ["calf"]}  # type: ignore[index]
        assert call("DELETE", second + f"/api/assessments/{rid}")[0] == 204
        assert call("GET", first + f"/api/assessments/{rid}")[0] == 404


def test_rate_limits_are_per_process(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Documented behaviour (README, scale-out): with the default memory:// storage each process
    counts only its own requests (a shared Redis makes it one limit: test_shared_limits.py)."""
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    limited = {"TWITCHCHECK_RATE_LIMIT": "2/minute", "TWITCHCHECK_RATE_LIMIT_STORAGE": "memory://"}
    with running_app(url, **limited) as first, running_app(url, **limited) as second:
        body = {"answers": {}}
        codes = [call("POST", base + "/api/assessments/preview", body)[0] for base in (first, first, second, second)]
        assert codes == [200, 200, 200, 200]
        assert call("POST", first + "/api/assessments/preview", body)[0] == 429
