"""The `twitchcheck` command: schema check, evaluate, migrate."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main as cli
from tests.conftest import OWN_VIGNETTES


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
