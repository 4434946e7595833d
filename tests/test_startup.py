"""Start-up runs with the cyclic garbage collector paused and then freezes what it built
(app.startup.built_uncollected). A server left with the collector off would keep every request's reference cycles
for good, and one that kept its objects frozen after shutdown would pin them for the rest of the
process: both are checked here, for a normal start and for a start that fails."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.knowledge.loader import KnowledgeBaseError
from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_the_collector_is_on_while_the_app_serves_and_nothing_stays_frozen_after(sqlite_url: str) -> None:
    assert gc.isenabled()
    with TestClient(create_app(Settings(database_url=sqlite_url))) as client:
        assert client.get("/healthz").status_code == 200
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what start-up built is out of the collector's way
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_start_that_fails_turns_the_collector_back_on(tmp_path: Path) -> None:
    broken = tmp_path / "causes.yaml"
    broken.write_text("questions: [\n", encoding="utf-8")
    app = create_app(Settings(kb_path=broken, database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    frozen = gc.get_freeze_count()
    with pytest.raises(KnowledgeBaseError), TestClient(app):
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # a failed start freezes nothing: its objects can go


@pytest.mark.parametrize("collecting", [True, False])
def test_importing_the_app_leaves_the_collector_as_it_was_and_freezes_what_it_built(collecting: bool) -> None:
    code = (
        f"import gc\nif not {collecting}: gc.disable()\nimport app.main\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 100_000, gc.get_count()[0] < 1000)"
    )
    env = {**os.environ, "DATABASE_URL": "sqlite://", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    # the objects the import made are frozen, not left in the youngest generation for the next
    # collection to walk
    assert done.stdout.split() == [str(collecting), "True", "True"]
