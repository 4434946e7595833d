"""Simulate the adaptive interview on vignettes and compare it with the full questionnaire.

A case answers the questions it has answers for; any other question it is shown gets "don't
know" (a step is answered at once: each of its questions the case does not answer is "don't
know"). Cause accuracy is scored where a ranking is shown (an emergency shows none, in either
mode). Steps and questions are counted after the warning signs; the warning signs' own steps
are counted apart.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.engine.assessment import assess
from app.core.engine.compiled import CompiledKnowledge
from app.core.engine.evaluation import Report, evaluate
from app.core.engine.interview import Interviewer


@dataclass(frozen=True)
class Simulated:
    """One simulated interview."""

    screen_steps: int  # steps of warning signs shown
    steps: int  # steps shown after the warning signs
    asked: int  # questions shown after the warning signs
    answers: dict[str, Any]  # the answers the interview collected
    shown: tuple[tuple[str, ...], ...]  # the question ids of every step, in order


@dataclass(frozen=True)
class Counts:
    """Per case: (warning-sign steps, steps after them, questions after them)."""

    screen_steps: list[int]
    steps: list[int]
    asked: list[int]

    def part(self, indices: list[int]) -> Counts:
        return Counts(*([values[i] for i in indices] for values in (self.screen_steps, self.steps, self.asked)))


def simulate(interviewer: Interviewer, truth: Mapping[str, Any], limit: int = 200) -> Simulated:
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    shown: list[tuple[str, ...]] = []
    screen_steps = steps = 0
    for _ in range(limit):
        step = interviewer.next(answers, unknown)
        if step.done:
            return Simulated(screen_steps, steps, step.asked, answers, tuple(shown))
        ids = tuple(q.id for q in step.questions)
        shown.append(ids)
        if step.reason == "warning_signs":
            screen_steps += 1
        else:
            steps += 1
        for qid in ids:
            if qid in truth:
                answers[qid] = truth[qid]
            else:
                unknown.append(qid)
    raise RuntimeError("the interview did not terminate")


def compare(knowledge: CompiledKnowledge, cases: Iterable[Mapping[str, Any]]) -> tuple[Report, Report, Counts]:
    """(full questionnaire report, interview report, the interview's step and question counts per case)."""
    interviewer = Interviewer(knowledge)
    cases = list(cases)
    counts = Counts([], [], [])
    interviewed = []
    for case in cases:
        run = simulate(interviewer, case.get("answers") or {})
        counts.screen_steps.append(run.screen_steps)
        counts.steps.append(run.steps)
        counts.asked.append(run.asked)
        interviewed.append({**case, "answers": run.answers})
    return _ranked_only(knowledge, cases), _ranked_only(knowledge, interviewed), counts


def _ranked_only(knowledge: CompiledKnowledge, cases: Sequence[Mapping[str, Any]]) -> Report:
    adjusted = []
    for case in cases:
        if assess(knowledge, case.get("answers") or {}).urgency == "emergency":
            case = {**case, "expect": {**case["expect"], "causes": []}}  # no ranking is shown
        adjusted.append(case)
    return evaluate(knowledge, adjusted)


HEADER = (
    f"  {'set':<8}{'cases':>6}  {'top-1 full -> interview':<24}{'top-3 full -> interview':<24}"
    f"{'under-triage':>13}{'alarm':>6}  {'warning steps':>13}  {'steps after':>11}  {'questions after':>15}"
)


def _row(name: str, full: Report, interview: Report, counts: Counts) -> str:
    def spread(values: list[int]) -> str:
        return f"{statistics.median(values):g} ({max(values)})" if values else "-"

    return (
        f"  {name:<8}{len(interview.cases):>6}  {f'{full.top1:.1%} -> {interview.top1:.1%}':<24}"
        f"{f'{full.top3:.1%} -> {interview.top3:.1%}':<24}"
        f"{f'{full.under_triage} -> {interview.under_triage}':>13}{interview.needless_alarm:>6}  "
        f"{spread(counts.screen_steps):>13}  {spread(counts.steps):>11}  {spread(counts.asked):>15}"
    )


def render(full: Report, interview: Report, counts: Counts) -> str:
    lines = ["full questionnaire:", full.render(), "adaptive interview:", interview.render()]
    lines.append(
        f"after the warning signs: steps median {statistics.median(counts.steps):g}  "
        f"mean {statistics.mean(counts.steps):.1f}  max {max(counts.steps)}; "
        f"questions median {statistics.median(counts.asked):g}  mean {statistics.mean(counts.asked):.1f}  "
        f"max {max(counts.asked)}; warning signs in at most {max(counts.screen_steps)} steps"
    )
    lines.append("full questionnaire beside the interview (counts: median (max)):")
    lines.append(HEADER)
    lines.append(_row("all", full, interview, counts))
    groups = _groups(full, interview, counts)
    if len(groups) > 1:  # e.g. own-.. and hold-..: cases written blind are shown on their own
        for prefix, (full_part, interview_part, counts_part) in groups.items():
            lines.append(_row(prefix, full_part, interview_part, counts_part))
    return "\n".join(lines)


def _groups(full: Report, interview: Report, counts: Counts) -> dict[str, tuple[Report, Report, Counts]]:
    """The reports split by the part of the case id before its first '-'."""
    order: dict[str, list[int]] = {}
    for i, case in enumerate(full.cases):
        order.setdefault(case.id.split("-")[0], []).append(i)
    return {
        prefix: (
            Report(cases=tuple(full.cases[i] for i in indices)),
            Report(cases=tuple(interview.cases[i] for i in indices)),
            counts.part(indices),
        )
        for prefix, indices in order.items()
    }
