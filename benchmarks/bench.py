"""`make bench`: the performance budgets, measured in one run, as ratios to a trivial endpoint.

Prints a table (figure, budget, pass/fail) and writes benchmarks/results.json. HTTP figures come
from wrk against one uvicorn process (same settings for the app and the trivial FastAPI app),
alternating app and reference runs; engine figures from benchmarks/engine.py; page weights from
the rendered pages; start-up time and memory from the server process.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import free_port  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
#: The safety screen (contract.yaml `safety_screen`), as every finished interview answers it first.
SAFETY_SCREEN = [
    "breathing_difficulty",
    "cannot_swallow",
    "sudden_one_sided_weakness",
    "bladder_bowel_loss",
    "confusion",
    "fever",
    "pesticide_exposure",
    "swallowing_difficulty",
    "speech_difficulty",
    "weakness_rapid",
    "dark_urine",
    "perioral_tingling",
    "hand_foot_spasm",
    "muscle_weakness",
    "muscle_wasting",
    "spreading",
    "numbness_tingling",
    "back_neck_pain_radiating",
]
#: What a person's finished interview posts: the warning signs answered (one of them yes, as is
#: common: pins and needles), then about nine answers on the twitch, the person and their habits.
#: A four-answer body measured a request a real client never sends.
ASSESSMENT = {
    "answers": {
        **{question: question == "numbness_tingling" for question in SAFETY_SCREEN},
        "age": 34,
        "sex": "female",
        "locations": ["eyelid", "calf"],
        "duration": "weeks",
        "frequency": "daily",
        "caffeine_cups_per_day": 5,
        "sleep_hours": 5.5,
        "stress_level": "high",
        "recent_intense_exercise": True,
        "timing": ["at_rest", "at_night"],
    }
}
INTERVIEW = {"answers": {"breathing_difficulty": False, "locations": ["eyelid"]}}


class Server:
    def __init__(self, target: str, env: dict[str, str], probe: str = "/openapi.json") -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                target,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        while True:
            try:
                urllib.request.urlopen(self.url + probe, timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None:
                    self.log.seek(0)
                    raise SystemExit(self.log.read().decode()[-2000:]) from None
                time.sleep(0.02)
        self.startup_seconds = time.perf_counter() - started

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def wrk(url: str, path: str, method: str = "GET", body: dict | None = None, connections: int = 16) -> dict:
    script = ""
    if method != "GET":
        payload = json.dumps(body).replace("]]", "] ]")
        script = (
            f'wrk.method = "{method}"\nwrk.body = [[{payload}]]\nwrk.headers["Content-Type"] = "application/json"\n'
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    out = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{SECONDS}s",
            "--latency",
            "-s",
            handle.name,
            url + path,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rate, "p50_ms": ms("50"), "p99_ms": ms("99"), "errors": int(errors.group(1)) if errors else 0}


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: sudo apt-get install -y wrk")
    db = tempfile.mkdtemp()
    # The app runs with its production settings (rate limits on; JSON access log at INFO, written
    # to a file) except: this machine exempt from the rate limits (wrk sends thousands of POSTs a
    # second from here, which the default, nothing exempt, would refuse; the check itself still
    # runs on every POST), a fresh SQLite file and data directory, and no hourly purge task (it
    # would find nothing to purge in a fresh database). PYTHONPATH makes every subprocess import
    # this checkout's `app`, not another installed copy.
    env = {
        "DATABASE_URL": f"sqlite:///{db}/bench.sqlite3",
        "TWITCHCHECK_DATA_DIR": db,
        "TWITCHCHECK_RATE_LIMIT_EXEMPT": "127.0.0.0/8,::1",
        "TWITCHCHECK_PURGE_INTERVAL_MINUTES": "0",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }
    env_all = {**os.environ, **env}
    rows: list[tuple[str, float, str, bool]] = []

    # Start-up as in production: bytecode compiled ahead (the Docker image does it at build time;
    # this environment may set PYTHONDONTWRITEBYTECODE, which would recompile every module on
    # every start), and the time until /healthz answers (the knowledge base loaded and the
    # database reachable; /openapi.json would add the one-off generation of the API document).
    # The budget applies to a start against a migrated database, as when a process restarts or
    # another is added behind the proxy; the very first start, which also creates the tables, is
    # printed beside it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], check=True)
    # Start times on a shared machine jitter by a few hundred milliseconds: the median of five,
    # alternating with starts of the trivial app, whose median is printed beside it (how fast the
    # machine was meanwhile).
    first = Server("app.main:app", env, probe="/healthz")
    first_start = first.startup_seconds
    first.stop()
    starts, reference_starts = [], []
    for _ in range(4):
        again = Server("app.main:app", env, probe="/healthz")
        starts.append(again.startup_seconds)
        again.stop()
        other = Server("benchmarks.trivial_app:app", env)
        reference_starts.append(other.startup_seconds)
        other.stop()
    reference = Server("benchmarks.trivial_app:app", env)
    reference_starts.append(reference.startup_seconds)
    app = Server("app.main:app", env, probe="/healthz")
    starts.append(app.startup_seconds)
    startup = statistics.median(starts)
    reference_startup = statistics.median(reference_starts)
    rss_start = app.rss_mb()
    rid = json.load(
        urllib.request.urlopen(
            urllib.request.Request(
                app.url + "/api/assessments",
                data=json.dumps(ASSESSMENT).encode(),
                headers={"content-type": "application/json"},
            )
        )
    )["id"]

    cases = {
        "POST /api/assessments": ("/api/assessments", "POST", ASSESSMENT, 0.6),
        "POST /api/interview/next": ("/api/interview/next", "POST", INTERVIEW, 0.6),
        "GET /api/questions": ("/api/questions", "GET", None, 0.9),
        "GET results page": (f"/results/{rid}", "GET", None, None),
        "GET questionnaire step": ("/check", "GET", None, None),
    }
    http: dict[str, dict] = {}
    for name, (path, method, body, budget) in cases.items():
        ref, own = [], []
        for _ in range(ROUNDS):  # alternate: reference, app, reference, app, ...; the median of each
            ref.append(wrk(reference.url, "/ping"))
            own.append(wrk(app.url, path, method, body))
        ref_rps = statistics.median(r["rps"] for r in ref)
        own_rps = statistics.median(r["rps"] for r in own)
        ratio = own_rps / ref_rps
        http[name] = {
            "rps": own_rps,
            "reference_rps": ref_rps,
            "ratio": ratio,
            "p50_ms": statistics.median(r["p50_ms"] for r in own),
            "p99_ms": statistics.median(r["p99_ms"] for r in own),
            "errors": sum(r["errors"] for r in own),
        }
        label = (
            f"{name}: {own_rps:.0f} req/s = {ratio:.2f} x trivial ({ref_rps:.0f}); "
            f"p50 {http[name]['p50_ms']:.1f} ms, p99 {http[name]['p99_ms']:.1f} ms"
        )
        rows.append((label, ratio, f">= {budget}" if budget else "(reported)", budget is None or ratio >= budget))

    # memory over 10,000 assessments: measured from just before them, after the load runs above have
    # warmed the process up (threadpool threads, template caches), so the figure shows what the
    # assessments themselves leave behind; the growth since start-up is reported beside it.
    rss_before = app.rss_mb()
    for _ in range(10):
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "post_many.py"), app.url, "1000"], check=True, env=env_all
        )
    rss_end = app.rss_mb()
    growth = (rss_end - rss_before) / rss_before * 100
    since_start = (rss_end - rss_start) / rss_start * 100
    rows.append(
        (
            f"start-up: {startup:.2f} s to a healthy /healthz, median of {', '.join(f'{x:.2f}' for x in starts)} "
            f"(first start, creating the tables: {first_start:.2f} s; "
            f"the trivial app, median of five: {reference_startup:.2f} s)",
            startup,
            "<= 1.5 s",
            startup <= 1.5,
        )
    )
    rows.append(
        (
            f"memory: {rss_before:.1f} -> {rss_end:.1f} MB over 10,000 assessments ({growth:+.1f} %); "
            f"{rss_start:.1f} MB after start ({since_start:+.1f} % by the end)",
            growth,
            "<= 5 %",
            growth <= 5,
        )
    )

    # pages: bytes and requests
    for name, path in {
        "landing": "/",
        "step": "/check",
        "results": f"/results/{rid}",
        "report": f"/results/{rid}/report",
    }.items():
        html = urllib.request.urlopen(app.url + path).read()
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        sizes = [len(urllib.request.urlopen(app.url + a.decode()).read()) for a in assets]
        total = len(html) + sum(sizes)
        rows.append(
            (
                f"page {name}: {total / 1024:.1f} KB (HTML {len(html) / 1024:.1f} KB + {len(assets)} assets), "
                f"{1 + len(assets)} requests",
                total / 1024,
                "<= 60 KB, <= 1 CSS + 1 JS",
                total <= 60 * 1024 and len(assets) <= 2,
            )
        )
    reference.stop()
    app.stop()

    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "engine.py"), "--json", str(Path(db) / "engine.json")],
        capture_output=True,
        text=True,
        env=env_all,
    )
    engine_figures = json.loads((Path(db) / "engine.json").read_text())
    for name, figure in engine_figures.items():
        budget = figure["budget_ms"]
        rows.append(
            (
                f"engine {name}: median {figure['median_ms']:.3f} ms, p99 {figure['p99_ms']:.3f} ms",
                figure["median_ms"],
                f"<= {budget} ms",
                figure["median_ms"] <= budget,
            )
        )

    print(f"{'figure':<112} {'budget':<28} result")
    for label, _, budget_text, ok in rows:
        print(f"{label:<112} {budget_text:<28} {'pass' if ok else 'FAIL'}")
    results = {
        "http": http,
        "engine": engine_figures,
        "startup_seconds": startup,
        "first_startup_seconds": first_start,
        "reference_startup_seconds": reference_startup,
        "startups_seconds": starts,
        "reference_startups_seconds": reference_starts,
        "rss_start_mb": rss_start,
        "rss_before_10000_mb": rss_before,
        "rss_after_10000_mb": rss_end,
        "rows": [{"figure": r[0], "budget": r[2], "pass": r[3]} for r in rows],
        "machine": f"{os.cpu_count()} cores, {os.uname().machine}",
    }
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
