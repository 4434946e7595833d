"""Load and soak the real server with a realistic mix, using wrk.

    .venv/bin/python benchmarks/load.py load  [--requests 10000] [--connections 32]
    .venv/bin/python benchmarks/load.py soak  [--seconds 300] [--connections 8]

The mix: the question list, assessments, interview steps, results pages and a questionnaire
step. The server runs as `uvicorn app.main:app` (one process, rate limit off) on
DATABASE_URL (default: a fresh SQLite file). Load reports requests per second, p50 and p99
latency and errors; soak reports the server's resident memory at the start and the end.
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import running_app  # noqa: E402

ASSESSMENT = {
    "answers": {
        "locations": ["calf", "thigh"],
        "duration": "days",
        "recent_intense_exercise": True,
        "age": 34,
        "caffeine_cups_per_day": 3,
        "sleep_hours": 7,
    }
}
INTERVIEW = {
    "answers": {"breathing_difficulty": False, "cannot_swallow": False, "fever": False, "locations": ["eyelid"]},
    "unknown": ["confusion"],
}

LUA = r"""
local ids = {IDS}
local json = {["Content-Type"] = "application/json"}
local assessment = [==[ASSESSMENT]==]
local interview = [==[INTERVIEW]==]
local limit = LIMIT
local n, done_count = 0, 0
errors = 0  -- global: done() reads it from each thread
function setup(thread) table.insert(threads, thread) end
threads = {}
function request()
  n = n + 1
  local r = n % 10
  if r < 3 then return wrk.format("GET", "/api/questions")
  elseif r < 5 then return wrk.format("POST", "/api/assessments", json, assessment)
  elseif r < 7 then return wrk.format("POST", "/api/interview/next", json, interview)
  elseif r < 9 then return wrk.format("GET", "/results/" .. ids[(n % #ids) + 1])
  else return wrk.format("GET", "/check") end
end
function response(status, headers, body)
  done_count = done_count + 1
  if status >= 400 then errors = errors + 1 end
  if limit > 0 and done_count >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local errs = 0
  for _, t in ipairs(threads) do errs = errs + t:get("errors") end
  io.write(string.format("RESULT requests=%d errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, errs,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def server_pid(port: str) -> int:
    pattern = f"app.main:app --host 127.0.0.1 --port {port}"
    out = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    return int(out[0])


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def run_wrk(base: str, connections: int, threads: int, limit: int, seconds: int) -> dict:
    ids = [post(base + "/api/assessments", ASSESSMENT)["id"] for _ in range(50)]
    script = LUA.replace("{IDS}", "{" + ",".join(f'"{i}"' for i in ids) + "}")
    script = script.replace("ASSESSMENT", json.dumps(ASSESSMENT)).replace("INTERVIEW", json.dumps(INTERVIEW))
    script = script.replace("LIMIT", str(limit // threads if limit else 0))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: sudo apt-get install -y wrk (make test installs it)")
    started = time.perf_counter()
    result = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", handle.name, base],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    elapsed = time.perf_counter() - started
    found = re.search(
        r"RESULT requests=(\d+) errors=(\d+) socket_errors=(\d+) p50_us=(\d+) p99_us=(\d+)", result.stdout
    )
    if not found:
        raise SystemExit("wrk failed:\n" + result.stdout + result.stderr)
    requests, errors, socket_errors, p50, p99 = map(int, found.groups())
    return {
        "requests": requests,
        "errors": errors + socket_errors,
        "requests_per_second": round(requests / elapsed, 1),
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "seconds": round(elapsed, 1),
        "connections": connections,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["load", "soak"])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=None)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    database = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/load.sqlite3"
    # wrk sends every request from this machine: the rate limits are off, said here, not assumed
    unlimited = {"TWITCHCHECK_RATE_LIMIT": "off", "TWITCHCHECK_RATE_LIMIT_STEPS": "off"}
    with running_app(database, **unlimited) as base:
        port = base.rsplit(":", 1)[1]
        pid = server_pid(port)
        if args.mode == "load":
            # wrk runs for a duration: measure the rate briefly, then run long enough for --requests
            # (each thread stops itself once its share is done).
            probe = run_wrk(base, args.connections or 32, 2, 0, 3)
            seconds = int(args.requests / max(probe["requests_per_second"], 1) * 1.3) + 3
            report = run_wrk(base, args.connections or 32, 2, args.requests, seconds)
            ok = report["errors"] == 0 and report["requests"] >= args.requests
            print(
                f"load: {report['requests']} requests at {report['connections']} connections in {report['seconds']} s: "
                f"{report['requests_per_second']} req/s, p50 {report['p50_ms']:.1f} ms, p99 {report['p99_ms']:.1f} ms, "
                f"errors {report['errors']}  {'pass' if ok else 'FAIL'}"
            )
        else:
            run_wrk(base, 4, 1, 0, 15)  # warm up: caches, pools, first allocations
            start = rss_mb(pid)
            report = run_wrk(base, args.connections or 8, 2, 0, args.seconds)
            end = rss_mb(pid)
            growth = (end - start) / start * 100
            report.update(rss_start_mb=round(start, 1), rss_end_mb=round(end, 1), rss_growth_percent=round(growth, 2))
            ok = report["errors"] == 0 and growth < 10
            print(
                f"soak: {args.seconds} s, {report['requests']} requests ({report['requests_per_second']} req/s), "
                f"errors {report['errors']}, RSS {start:.1f} MB -> {end:.1f} MB ({growth:+.2f} %)  "
                f"{'pass' if ok else 'FAIL'}"
            )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
