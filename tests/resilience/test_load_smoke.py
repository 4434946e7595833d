"""A short smoke of the load benchmark (the full load and soak runs live in benchmarks/, on demand)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mixed_load_has_no_errors() -> None:
    if shutil.which("wrk") is None:
        message = "wrk is not installed: sudo apt-get install -y wrk"
        if os.environ.get("CI") or os.geteuid() == 0:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "load", "--requests", "400", "--connections", "8"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors 0" in result.stdout
