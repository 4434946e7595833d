"""Bayesian ranking of causes: prior odds times the likelihood ratios of answered findings.

Causes are treated as competing explanations: each cause's score is log(prior) plus the capped
sum of log(LR) of the evidence known to hold, normalised with a softmax; both live in
`app.core.engine.scoring`, which the interview uses too. Unanswered questions leave a cause untouched.
"""

from __future__ import annotations

from typing import NamedTuple

from app.core.engine.compiled import CompiledCause, CompiledKnowledge, Reason
from app.core.engine.scoring import log_score, softmax
from app.core.knowledge.conditions import Answers
from app.core.knowledge.model import Category

MAX_EXPLANATION = 5

__all__ = ["MAX_EXPLANATION", "RankOrder", "RankedCause", "Reason", "explaining", "explanation", "rank", "ranking"]


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
    """Every cause scored by `scoring.log_score` and normalised by `scoring.softmax`."""
    held = knowledge.held_by_cause(answers)
    probabilities = softmax([log_score(cause, h) for cause, h in zip(knowledge.causes, held, strict=True)])
    # Highest probability first; ties keep knowledge-base order (a stable sort), so the result is deterministic.
    order = sorted(range(len(probabilities)), key=probabilities.__getitem__, reverse=True)
    return RankOrder(order, probabilities, held)


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


def explanation(cause: CompiledCause, held: list[int]) -> tuple[Reason, ...]:
    """The reasons of the evidence that holds, strongest first (knowledge-base order among equals)."""
    evidence = cause.evidence
    return tuple([evidence[i].reason for i in explaining(cause, held)])


def explaining(cause: CompiledCause, held: list[int]) -> list[int]:
    """Which of the evidence that holds explains the cause, by index in `cause.evidence`: the
    strongest first (knowledge-base order among equals), at most MAX_EXPLANATION."""
    return sorted(held, key=cause.strength_order.__getitem__)[:MAX_EXPLANATION]
