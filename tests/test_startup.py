"""`app.main` builds the app and nothing more: the knowledge base and the database are opened
in the lifespan, so `uvicorn app.main:app` and every test that imports the module stay cheap,
and a broken knowledge base or an unreachable database stops the server at start-up, with the
error, instead of failing an import. Start-up leaves CPython's garbage collector alone."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.knowledge.loader import KnowledgeBaseError
from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_importing_the_app_opens_no_database_and_reads_no_knowledge_base(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{database}",
        "TWITCHCHECK_KB_PATH": str(tmp_path / "missing.yaml"),  # a read would raise
        "TWITCHCHECK_SECRET_KEY": "x" * 32,
    }
    code = "import app.main; print(type(app.main.app).__name__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["FastAPI"]
    assert not database.exists()


def test_the_lifespan_opens_them_and_leaves_the_collector_alone(sqlite_url: str) -> None:
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        assert client.get("/healthz").status_code == 200
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0


def test_a_broken_knowledge_base_stops_the_start(tmp_path: Path) -> None:
    broken = tmp_path / "causes.yaml"
    broken.write_text("questions: [\n", encoding="utf-8")
    app = create_app(Settings(kb_path=broken, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    with pytest.raises(KnowledgeBaseError), TestClient(app):
        pass
