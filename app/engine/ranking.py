"""Bayesian ranking of causes: prior odds times the likelihood ratios of answered findings.

Causes are treated as competing explanations: each cause's score is log(prior) plus the sum
of log(LR) of the evidence known to hold, and the scores are normalised with a softmax.
Unanswered questions leave a cause untouched. Correlated findings in one group are capped, so
weakness + wasting + spreading cannot multiply without bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.engine.compiled import CompiledCause, CompiledEvidence, CompiledKnowledge
from app.knowledge.conditions import Answers
from app.knowledge.model import Category

MAX_EXPLANATION = 5


@dataclass(frozen=True)
class Reason:
    question: str
    effect: str  # "raises" | "lowers"
    text: str


@dataclass(frozen=True)
class RankedCause:
    id: str
    name: str
    category: Category
    probability: float
    explanation: tuple[Reason, ...]
    self_care: tuple[str, ...]


def rank(knowledge: CompiledKnowledge, answers: Answers) -> list[RankedCause]:
    scored = [_score(c, answers) for c in knowledge.causes]
    top = max(score for _, score, _ in scored)
    weights = [math.exp(score - top) for _, score, _ in scored]
    total = sum(weights)
    ranked = [
        RankedCause(
            id=c.cause.id,
            name=c.cause.name,
            category=c.cause.category,
            probability=w / total,
            explanation=tuple(_reason(e) for e in fired[:MAX_EXPLANATION]),
            self_care=tuple(c.cause.self_care),
        )
        for (c, _, fired), w in zip(scored, weights, strict=True)
    ]
    # Highest probability first; ties keep knowledge-base order, so the result is deterministic.
    ranked.sort(key=lambda r: -r.probability)
    return ranked


def cause_score(cause: CompiledCause, answers: Answers) -> float:
    """A cause's unnormalised log score: log prior + the (capped) log likelihood ratios that hold."""
    return _score(cause, answers)[1]


def _score(cause: CompiledCause, answers: Answers) -> tuple[CompiledCause, float, list[CompiledEvidence]]:
    fired = [e for e in cause.evidence if e.holds(answers) is True]
    score = cause.log_prior
    grouped: dict[str, float] = {}
    for e in fired:
        group = e.evidence.group
        if group is None:
            score += e.log_lr
        else:
            grouped[group] = grouped.get(group, 0.0) + e.log_lr
    for group, total in grouped.items():
        cap = cause.log_caps[group]
        score += max(-cap, min(cap, total))
    fired.sort(key=lambda e: -abs(e.log_lr))
    return cause, score, fired


def _reason(e: CompiledEvidence) -> Reason:
    return Reason(question=e.question, effect="raises" if e.log_lr > 0 else "lowers", text=e.evidence.text)
