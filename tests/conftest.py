"""Shared fixtures: the real knowledge base, databases (SQLite and PostgreSQL), and app clients."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy
from fastapi.testclient import TestClient
from ruamel.yaml import YAML

from app.core.engine import CompiledKnowledge, compile_knowledge
from app.core.knowledge.loader import DEFAULT_PATH, load
from app.core.knowledge.model import KnowledgeBase
from app.main import create_app
from app.settings import Settings
from tests import postgres

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CONTRACT_PATH = SHARED / "spec" / "contract.yaml"
PUBLIC_VIGNETTES = SHARED / "vignettes" / "public.yaml"
OWN_VIGNETTES = ROOT / "tests" / "vignettes.yaml"


def read_yaml(path: Path):  # type: ignore[no-untyped-def]
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load(DEFAULT_PATH)


@pytest.fixture(scope="session")
def knowledge(kb: KnowledgeBase) -> CompiledKnowledge:
    return compile_knowledge(kb)


@pytest.fixture(scope="session")
def contract() -> dict:
    if not CONTRACT_PATH.exists():
        pytest.skip("the shared contract (../shared/spec/contract.yaml) is not beside this checkout")
    return read_yaml(CONTRACT_PATH)


def postgres_or_skip(exc: Exception) -> None:
    message = f"PostgreSQL tests cannot run: {exc}\n  -> {postgres.INSTALL_HINT}"
    if postgres.must_run():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of the maintenance database of a PostgreSQL server for this session."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url
        return
    try:
        with postgres.throwaway_cluster() as cluster:
            postgres.wait_for(cluster.url)
            yield cluster.url
    except postgres.PostgresUnavailable as exc:
        postgres_or_skip(exc)


_counter = itertools.count()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    name = f"twitchcheck_test_{os.getpid()}_{next(_counter)}"
    admin = sqlalchemy.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = sqlalchemy.engine.make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


#: Tests make many requests from one address; the rate limits have their own tests
#: (tests/security/test_rate_limits.py), and nothing is exempt by default.
UNLIMITED = "100000/minute"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Iterator[TestClient]:
    """A client on SQLite only, for tests that are not about storage."""
    app = create_app(Settings(database_url=sqlite_url, rate_limit=UNLIMITED, rate_limit_steps=UNLIMITED))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
