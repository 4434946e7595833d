"""scripts/system-deps.sh waits for apt's lock instead of failing when another apt process holds it.

The script runs against stand-ins: an `apt-get` that records its arguments and an `id` that says
root, on a PATH without the real tools, so it believes every package is missing and installs
nothing for real.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_apt_waits_for_its_lock_and_says_so(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")
    for stub in bin_dir.iterdir():
        stub.chmod(0o755)
    result = subprocess.run(
        ["/bin/bash", str(ROOT / "scripts" / "system-deps.sh")],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    lines = calls.read_text().splitlines()
    assert [line.split()[2] for line in lines] == ["update", "install"]
    for line in lines:
        assert line.startswith("-o DPkg::Lock::Timeout=300 "), line
    assert "redis-server" in lines[1]
    assert "waits up to 300 s for apt's lock" in result.stdout
