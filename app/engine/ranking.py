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

__all__ = ["MAX_EXPLANATION", "RankOrder", "RankedCause", "Reason", "cause_score", "explanation", "rank", "ranking"]


class RankedCause(NamedTuple):
    # a NamedTuple, not a frozen dataclass: an assessment builds one per cause, and a frozen
    # dataclass's __init__ costs several times more on this hot path
    id: str
    name: str
    category: Category
    probability: float
    explanation: tuple[Reason, ...]
    self_care: tuple[str, ...]


class RankOrder(NamedTuple):
    """A ranking by position in `knowledge.causes`: what the result writer reads directly, so an
    assessment builds a RankedCause per cause only when one is asked for (Assessment.causes)."""

    order: list[int]  # cause indices, most likely first
    probabilities: list[float]  # by cause index
    held: list[list[int]]  # by cause index: the indices of its evidence that holds


def ranking(knowledge: CompiledKnowledge, answers: Answers) -> RankOrder:
    causes = knowledge.causes
    # Every cause's score in one pass over the evidence that holds: each cause's log LRs are added
    # in the order `_log_score` adds them, so the sums are the same to the last bit.
    scores = list(knowledge.log_priors)
    held: list[list[int]] = [[] for _ in causes]
    grouped: dict[tuple[int, str], float] = {}
    terms = knowledge.evidence_terms
    for i in knowledge.evidence_index.holding(answers):
        cause, local, log_lr, group = terms[i]
        held[cause].append(local)
        if group is None:
            scores[cause] += log_lr
        else:
            grouped[cause, group] = grouped.get((cause, group), 0.0) + log_lr
    for (cause, group), total in grouped.items():
        cap = causes[cause].log_caps[group]
        scores[cause] += max(-cap, min(cap, total))
    top = max(scores)
    exp = math.exp
    weights = [exp(score - top) for score in scores]
    total = sum(weights)
    # Highest probability first; ties keep knowledge-base order, so the result is deterministic.
    order = sorted(range(len(causes)), key=weights.__getitem__, reverse=True)
    return RankOrder(order, [w / total for w in weights], held)


def ranked_causes(knowledge: CompiledKnowledge, ranked: RankOrder) -> list[RankedCause]:
    causes, probabilities, held = knowledge.causes, ranked.probabilities, ranked.held
    out = []
    for i in ranked.order:
        cause, holding = causes[i], held[i]
        cause_id, name, category = cause.ranked
        reasons = explanation(cause, holding) if holding else ()
        out.append(RankedCause(cause_id, name, category, probabilities[i], reasons, cause.self_care))
    return out


def rank(knowledge: CompiledKnowledge, answers: Answers) -> list[RankedCause]:
    return ranked_causes(knowledge, ranking(knowledge, answers))


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


def explanation(cause: CompiledCause, held: list[int]) -> tuple[Reason, ...]:
    """The reasons of the evidence that holds, strongest first (knowledge-base order among equals)."""
    evidence = cause.evidence
    return tuple([evidence[i].reason for i in sorted(held, key=cause.strength_order.__getitem__)[:MAX_EXPLANATION]])
