"""Known vulnerabilities in the locked runtime dependencies (pip-audit over requirements.lock)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_lock_file_covers_the_runtime_dependencies() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]  # the image installs these two (Dockerfile)
    declared = project["dependencies"] + extras["postgres"] + extras["redis"]
    locked = {
        line.split("==")[0].lower().replace("_", "-").replace(".", "-")  # PEP 503 names, as pip-compile writes them
        for line in (ROOT / "requirements.lock").read_text().split()
        if "==" in line
    }
    for requirement in declared:
        name = requirement.split("[")[0].split(">")[0].split("=")[0].strip().lower().replace("_", "-").replace(".", "-")
        assert name in locked, f"{name} is missing from requirements.lock (run `make lock`)"


def test_no_known_vulnerabilities() -> None:
    audit = shutil.which("pip-audit") or str(Path(sys.executable).with_name("pip-audit"))
    result = subprocess.run(
        [audit, "-r", str(ROOT / "requirements.lock"), "--no-deps", "--disable-pip", "--progress-spinner", "off"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    if "could not be audited" in output and "Found" not in output:
        pytest.skip("the vulnerability service (PyPI's per-release JSON API) is not reachable from here")
    assert result.returncode == 0 and "No known vulnerabilities found" in output, output
