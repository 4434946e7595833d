"""Bayesian ranking of causes: prior odds times the likelihood ratios of answered findings.

Causes are treated as competing explanations: each cause's score is log(prior) plus the sum
of log(LR) of the evidence known to hold, and the scores are normalised with a softmax.
Unanswered questions leave a cause untouched. Correlated findings in one group are capped, so
weakness + wasting + spreading cannot multiply without bound.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from app.engine.compiled import CompiledCause, CompiledEvidence, CompiledKnowledge, Reason
from app.knowledge.conditions import Answers
from app.knowledge.model import Category

MAX_EXPLANATION = 5

__all__ = ["MAX_EXPLANATION", "RankedCause", "Reason", "cause_score", "rank"]


class RankedCause(NamedTuple):
    # a NamedTuple, not a frozen dataclass: an assessment builds one per cause, and a frozen
    # dataclass's __init__ costs several times more on this hot path
    id: str
    name: str
    category: Category
    probability: float
    explanation: tuple[Reason, ...]
    self_care: tuple[str, ...]


def rank(knowledge: CompiledKnowledge, answers: Answers) -> list[RankedCause]:
    causes = knowledge.causes
    held = knowledge.held_by_cause(answers)
    scores = [_log_score(c, h) for c, h in zip(causes, held, strict=True)]
    top = max(scores)
    weights = [math.exp(score - top) for score in scores]
    total = sum(weights)
    # Highest probability first; ties keep knowledge-base order, so the result is deterministic.
    order = sorted(range(len(causes)), key=lambda i: -weights[i])
    ranked = []
    for i in order:
        c = causes[i]
        ranked.append(
            RankedCause(
                c.cause.id,
                c.cause.name,
                c.cause.category,
                weights[i] / total,
                tuple(e.reason for e in _strongest_first(c, held[i])[:MAX_EXPLANATION]),
                c.self_care,
            )
        )
    return ranked


def cause_score(cause: CompiledCause, answers: Answers) -> float:
    """A cause's unnormalised log score: log prior + the (capped) log likelihood ratios that hold."""
    return _log_score(cause, cause.held(answers))


def _log_score(cause: CompiledCause, held: list[int]) -> float:
    score = cause.log_prior
    if not held:
        return score
    evidence = cause.evidence
    grouped: dict[str, float] = {}
    for i in held:
        e = evidence[i]
        group = e.evidence.group
        if group is None:
            score += e.log_lr
        else:
            grouped[group] = grouped.get(group, 0.0) + e.log_lr
    for group, total in grouped.items():
        cap = cause.log_caps[group]
        score += max(-cap, min(cap, total))
    return score


def _strongest_first(cause: CompiledCause, held: list[int]) -> list[CompiledEvidence]:
    fired = [cause.evidence[i] for i in held]
    fired.sort(key=lambda e: -abs(e.log_lr))  # stable: knowledge-base order among equals
    return fired
