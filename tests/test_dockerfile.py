"""No Docker engine runs here, so the Dockerfile is checked statically: structure and hadolint."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

DOCKERFILE = Path(__file__).resolve().parents[1] / "Dockerfile"


@pytest.fixture(scope="module")
def instructions() -> list[dict]:
    with DOCKERFILE.open("rb") as handle:
        return DockerfileParser(fileobj=handle).structure


def final_stage(instructions: list[dict]) -> list[dict]:
    last_from = max(i for i, ins in enumerate(instructions) if ins["instruction"] == "FROM")
    return instructions[last_from:]


def test_slim_python_base(instructions: list[dict]) -> None:
    bases = [ins["value"].split()[0] for ins in instructions if ins["instruction"] == "FROM"]
    assert bases and all(b.startswith("python:3.11-slim") for b in bases), bases


def test_runs_as_non_root_user(instructions: list[dict]) -> None:
    users = [ins["value"] for ins in final_stage(instructions) if ins["instruction"] == "USER"]
    assert users and users[-1] not in ("root", "0"), users


def test_healthcheck_probes_healthz(instructions: list[dict]) -> None:
    checks = [ins["value"] for ins in final_stage(instructions) if ins["instruction"] == "HEALTHCHECK"]
    assert len(checks) == 1 and "/healthz" in checks[0]


def test_cmd_is_exec_form(instructions: list[dict]) -> None:
    cmds = [ins["value"] for ins in final_stage(instructions) if ins["instruction"] == "CMD"]
    assert cmds and cmds[-1].lstrip().startswith("["), cmds


def test_copied_paths_exist(instructions: list[dict]) -> None:
    root = DOCKERFILE.parent
    for ins in instructions:
        if ins["instruction"] == "COPY" and "--from" not in ins["value"]:
            for source in ins["value"].split()[:-1]:
                assert (root / source).exists(), f"COPY {source}: not in the repository"


def test_hadolint_is_clean() -> None:
    hadolint = shutil.which("hadolint") or str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "hadolint")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "warning", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
