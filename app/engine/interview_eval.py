"""Simulate the adaptive interview on vignettes and compare it with the full questionnaire.

A case answers the questions it has answers for; any other question it is asked gets "don't
know". Cause accuracy is scored where a ranking is shown (an emergency shows none, in either mode).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.engine.assessment import assess
from app.engine.compiled import CompiledKnowledge
from app.engine.evaluation import Report, evaluate
from app.engine.interview import Interviewer


@dataclass(frozen=True)
class InterviewRun:
    id: str
    asked: int
    answers: dict[str, Any]


def simulate(interviewer: Interviewer, truth: Mapping[str, Any], limit: int = 200) -> tuple[int, dict[str, Any]]:
    answers: dict[str, Any] = {}
    unknown: list[str] = []
    for _ in range(limit):
        step = interviewer.next(answers, unknown)
        if step.done or step.question is None:
            return step.asked, answers
        qid = step.question.id
        if qid in truth:
            answers[qid] = truth[qid]
        else:
            unknown.append(qid)
    raise RuntimeError("the interview did not terminate")


def compare(knowledge: CompiledKnowledge, cases: Iterable[Mapping[str, Any]]) -> tuple[Report, Report, list[int]]:
    """(full questionnaire report, interview report, questions asked per case after the safety screen)."""
    interviewer = Interviewer(knowledge)
    cases = list(cases)
    asked, interviewed = [], []
    for case in cases:
        count, answers = simulate(interviewer, case.get("answers") or {})
        asked.append(count)
        interviewed.append({**case, "answers": answers})
    return _ranked_only(knowledge, cases), _ranked_only(knowledge, interviewed), asked


def _ranked_only(knowledge: CompiledKnowledge, cases: list[Mapping[str, Any]]) -> Report:
    adjusted = []
    for case in cases:
        if assess(knowledge, case.get("answers") or {}).urgency == "emergency":
            case = {**case, "expect": {**case["expect"], "causes": []}}  # no ranking is shown
        adjusted.append(case)
    return evaluate(knowledge, adjusted)


def render(full: Report, interview: Report, asked: list[int]) -> str:
    lines = ["full questionnaire:", full.render(), "adaptive interview:", interview.render()]
    lines.append(
        f"questions asked after the safety screen: median {statistics.median(asked):g}  "
        f"mean {statistics.mean(asked):.1f}  max {max(asked)}"
    )
    groups = _groups(full, interview, asked)
    if len(groups) > 1:  # e.g. own-.. and hold-..: cases written blind are shown on their own
        lines.append("by case id prefix (full questionnaire top-3 -> interview top-3, median questions):")
        for prefix, (full_part, interview_part, asked_part) in groups.items():
            lines.append(
                f"  {prefix}: cases {len(asked_part)}  top-3 {full_part.top3:.1%} -> {interview_part.top3:.1%}  "
                f"top-1 {full_part.top1:.1%} -> {interview_part.top1:.1%}  "
                f"under-triage {interview_part.under_triage}  needless alarm {interview_part.needless_alarm}  "
                f"questions median {statistics.median(asked_part):g}"
            )
    return "\n".join(lines)


def _groups(full: Report, interview: Report, asked: list[int]) -> dict[str, tuple[Report, Report, list[int]]]:
    """The reports split by the part of the case id before its first '-'."""
    order: dict[str, list[int]] = {}
    for i, case in enumerate(full.cases):
        order.setdefault(case.id.split("-")[0], []).append(i)
    return {
        prefix: (
            Report(cases=tuple(full.cases[i] for i in indices)),
            Report(cases=tuple(interview.cases[i] for i in indices)),
            [asked[i] for i in indices],
        )
        for prefix, indices in order.items()
    }
