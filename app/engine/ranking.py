"""Bayesian ranking of causes: prior odds times the likelihood ratios of answered findings.

Causes are treated as competing explanations: each cause's score is log(prior) plus the sum
of log(LR) of the evidence known to hold, and the scores are normalised with a softmax.
Unanswered questions leave a cause untouched. Correlated findings in one group are capped, so
weakness + wasting + spreading cannot multiply without bound.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from app.engine.compiled import CompiledCause, CompiledKnowledge, Reason
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
    scores = [_log_score(c, h) if h else c.log_prior for c, h in zip(causes, held, strict=True)]
    top = max(scores)
    exp = math.exp
    weights = [exp(score - top) for score in scores]
    total = sum(weights)
    # Highest probability first; ties keep knowledge-base order, so the result is deterministic.
    order = sorted(range(len(causes)), key=weights.__getitem__, reverse=True)
    ranked = []
    for i in order:
        cause, holding = causes[i], held[i]
        cause_id, name, category = cause.ranked
        explanation = _explanation(cause, holding) if holding else ()
        ranked.append(RankedCause(cause_id, name, category, weights[i] / total, explanation, cause.self_care))
    return ranked


def cause_score(cause: CompiledCause, answers: Answers) -> float:
    """A cause's unnormalised log score: log prior + the (capped) log likelihood ratios that hold."""
    return _log_score(cause, [i for i, e in enumerate(cause.evidence) if e.holds(answers) is True])


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


def _explanation(cause: CompiledCause, held: list[int]) -> tuple[Reason, ...]:
    """The reasons of the evidence that holds, strongest first (knowledge-base order among equals)."""
    evidence = cause.evidence
    return tuple([evidence[i].reason for i in sorted(held, key=cause.strength_order.__getitem__)[:MAX_EXPLANATION]])
