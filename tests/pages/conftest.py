from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import UNLIMITED


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[TestClient]:
    """A browser-like client: https (the CSRF cookie is Secure), cookies kept between requests."""
    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'pages.sqlite3'}", rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED
        )
    )
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client
