"""Engine timings on the full knowledge base: `assess` and the interview's next question.

Run on demand: `.venv/bin/python benchmarks/engine.py [--json out.json]`. Prints median and p99
over a fixed set of realistic answer sets (the project's vignettes) against the budgets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from app.core.engine import Interviewer, assess, compile_knowledge  # noqa: E402
from app.core.knowledge.loader import load  # noqa: E402

BUDGETS_MS = {"assess": 0.3, "interview_next": 3.0}  # issue 7


def timings(fn, inputs, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        for item in inputs:
            start = time.perf_counter()
            fn(item)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    knowledge = compile_knowledge(load())
    interviewer = Interviewer(knowledge)
    cases = YAML(typ="safe").load((ROOT / "tests" / "vignettes.yaml").read_text(encoding="utf-8"))
    answer_sets = [c["answers"] for c in cases]
    screen = [q.id for q in knowledge.kb.questions if q.section == knowledge.kb.sections[0].id]
    # interview states: the safety screen answered, plus each case's answers so far
    states = [{**{q: False for q in screen}, **{k: v for k, v in a.items() if k not in screen}} for a in answer_sets]
    results = {
        "assess": timings(lambda a: assess(knowledge, a), answer_sets, args.repeat),
        "interview_next": timings(lambda a: interviewer.next(a), states, max(1, args.repeat // 4)),
    }
    report = {}
    print(f"{'benchmark':<16}{'median ms':>11}{'p99 ms':>9}{'budget ms':>11}  result")
    for name, samples in results.items():
        median = statistics.median(samples)
        p99 = sorted(samples)[int(len(samples) * 0.99)]
        ok = median <= BUDGETS_MS[name]
        report[name] = {"median_ms": median, "p99_ms": p99, "budget_ms": BUDGETS_MS[name], "pass": ok}
        print(f"{name:<16}{median:>11.3f}{p99:>9.3f}{BUDGETS_MS[name]:>11.1f}  {'pass' if ok else 'FAIL'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0 if all(r["pass"] for r in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
