"""Two app processes sharing one Redis enforce one rate limit, not one each."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import postgres, redis_server
from tests.servers import running_app


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    try:
        with redis_server.throwaway_redis() as url:
            yield url
    except redis_server.RedisUnavailable as exc:
        message = f"Redis tests cannot run: {exc}\n  -> {redis_server.INSTALL_HINT}"
        if postgres.must_run():  # in CI, and as root (where make test installs it): a failure
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def preview(base: str) -> tuple[int, str | None]:
    """POST /api/assessments/preview from this machine: the status and the Retry-After header."""
    body = json.dumps({"answers": {}}).encode()
    request = urllib.request.Request(
        base + "/api/assessments/preview", data=body, headers={"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("retry-after")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("retry-after")


def test_two_processes_sharing_redis_enforce_one_limit(tmp_path: Path, redis_url: str) -> None:
    """Limit 5/minute, three POSTs to each process in turn: the sixth is refused. Nothing is
    exempt by default, so these requests from this machine count like anyone's."""
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    shared = {"TWITCHCHECK_RATE_LIMIT": "5/minute", "TWITCHCHECK_RATE_LIMIT_STORAGE": redis_url}
    with running_app(database, **shared) as first, running_app(database, **shared) as second:
        answers = [preview(base) for base in (first, second) * 3]
    assert [status for status, _ in answers] == [200] * 5 + [429]
    retry_after = answers[-1][1]
    assert retry_after is not None and 1 <= int(retry_after) <= 60
