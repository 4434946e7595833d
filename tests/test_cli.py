"""The `twitchcheck` command: schema check, evaluate, migrate."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app.cli import main as cli
from tests.conftest import OWN_VIGNETTES, ROOT, read_yaml


def test_schema_check_passes_on_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["schema", "--check"]) == 0


def test_evaluate_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["evaluate", str(OWN_VIGNETTES), "--targets", "unseen"]) == 0
    out = capsys.readouterr().out
    for figure in ("top-1", "top-3", "urgency exact", "under-triage", "over-triage", "needless alarm"):
        assert figure in out


def test_evaluate_reports_misses_per_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- id: wrong\n  answers: {breathing_difficulty: true}\n  expect: {causes: [nicotine], urgency: self_care}\n"
        "- id: under\n  answers: {}\n  expect: {causes: [], urgency: emergency}\n",
        encoding="utf-8",
    )
    assert cli(["evaluate", str(cases), "--targets", "public"]) == 1
    out = capsys.readouterr().out
    assert "wrong: over-triage" in out and "under: UNDER-TRIAGE" in out and "BELOW TARGET" in out


def test_migrate_creates_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "sub" / "db.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    assert cli(["migrate"]) == 0
    assert db.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("dev", [True, False])
def test_serve_says_where_it_runs_and_how_to_stop(tmp_path: Path, dev: bool) -> None:
    """`make run` (serve --dev): one clear line on stdout and nothing else until Ctrl+C; without
    --dev (production) the JSON logs stay."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("TWITCHCHECK_LOG_LEVEL", None)
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), *(["--dev"] if dev else [])]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the server did not start")
        time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    if dev:
        assert out.splitlines() == [
            f"Twitchcheck is running at http://127.0.0.1:{port} - press Ctrl+C to stop",
            "Twitchcheck stopped.",
        ]
        assert err == "", err[:2000]
    else:
        assert out == ""
        lines = [json.loads(line) for line in err.splitlines()]
        assert any(f"127.0.0.1:{port}" in line["event"] for line in lines)  # uvicorn's line, as JSON


def test_translations_adds_new_texts_keeps_translated_ones_and_drops_removed(tmp_path: Path) -> None:
    """A new language starts with every English text to translate; bringing Spanish up to date keeps
    every translation (validate, not this command, says which English changed)."""
    assert cli(["translations", "fr", "--to", str(tmp_path)]) == 0
    french = read_yaml(tmp_path / "causes.fr.yaml")
    assert french["disclaimer"]["fr"] == "" and "{emergency}" in french["disclaimer"]["en"]
    assert (tmp_path / "function_check.fr.yaml").is_file()
    assert cli(["translations", "es", "--to", str(tmp_path)]) == 0
    spanish = read_yaml(tmp_path / "causes.es.yaml")
    assert spanish == read_yaml(ROOT / "data" / "causes.es.yaml")  # complete already: nothing changes
